import { describe, expect, it } from 'vitest';
import type { Component } from '@greenlca/schema';
import { BomError, CharsetError, decodeText, importBom, MAX_BOM_COMPONENTS, MAX_BOM_DEPTH } from './index.js';

const PLASTIC = 'desnz-2025/material-plastics-average-plastic-rigid-primary';
const STEEL = 'desnz-2025/material-metal-steel-cans-primary';

/** The problems importBom throws for this CSV (fails the test if it imports). */
function problemsOf(csv: string): BomError['problems'] {
  try {
    importBom(csv);
  } catch (error) {
    if (error instanceof BomError) return error.problems;
    throw error;
  }
  throw new Error('expected the BOM to be refused');
}

/** Depth of a component tree, without recursion limits mattering (the trees here are ≤ 100 deep). */
const depthOf = (components: Component[] | undefined): number => Math.max(0, ...(components ?? []).map((c) => 1 + depthOf(c.children)));

/** Parts P1 … Pn, each listed `copies` times under the part before it (P1 at the top). */
function parentChain(n: number, copies = 1): string {
  const rows = ['Parent,Part Number,Qty', ',P1,1'];
  for (let i = 2; i <= n; i++) for (let c = 0; c < copies; c++) rows.push(`P${i - 1},P${i},1`);
  return rows.join('\n');
}

/** Component ids, quantities and masses as one readable tree. */
function outline(components: Component[] | undefined, indent = ''): string[] {
  return (components ?? []).flatMap((c) => [
    `${indent}${c.id} x${c.quantity ?? 1}${c.mass ? ` ${c.mass}` : ''}${c.material ? ` [${c.material}]` : ''}`,
    ...outline(c.children, indent + '  '),
  ]);
}

describe('importBom', () => {
  it('builds the tree of an indented (level) export, the level-0 row being the product', () => {
    const csv = [
      'Level,Part Number,Name,Qty,Material,Mass,Unit',
      `0,K17,Kettle K17,1,,,`,
      `1,BODY,Body,1,ABS,420,g`,
      `2,SCREW,Screw M3,6,${STEEL},2,g`,
      `1,BASE,Base assembly,1,,,`,
      `2,PCB,Control board,1,${PLASTIC},35,g`,
      `2,SCREW,Screw M3,4,${STEEL},2,g`,
      `1,CORD,Power cord,1,${PLASTIC},0.15,kg`,
    ].join('\n');
    const out = importBom(csv, { mapping: { materials: { ABS: PLASTIC } }, isFactor: (id) => id === PLASTIC || id === STEEL });
    expect(out.product).toMatchObject({ schemaVersion: 1, id: 'K17', name: 'Kettle K17', functionalUnit: { amount: 1, unit: 'item' } });
    expect(outline(out.product.components)).toEqual([
      `BODY x1 420 g [${PLASTIC}]`,
      `  SCREW x6 2 g [${STEEL}]`,
      'BASE x1',
      `  PCB x1 35 g [${PLASTIC}]`,
      `  SCREW x4 2 g [${STEEL}]`,
      `CORD x1 0.15 kg [${PLASTIC}]`,
    ]);
    expect(out.product.components![0]!.name).toBe('Body');
    expect(out.stats).toEqual({ rows: 7, components: 6, depth: 2 });
    expect(out.columns).toEqual({ level: 'Level', partNumber: 'Part Number', name: 'Name', quantity: 'Qty', material: 'Material', mass: 'Mass', unit: 'Unit' });
    expect(out.warnings).toEqual([]);
  });

  it('builds the same tree from a parent-child list, repeating a sub-assembly under each parent', () => {
    const csv = [
      'Parent,Child,Description,Quantity,Material,Weight (kg)',
      'K17,BODY,Body,1,,0.42',
      'K17,LID,Lid,1,,0.05',
      'BODY,SCREW,Screw,6,,0.002',
      'LID,HINGE,Hinge,2,,0.01',
      'HINGE,PIN,Pin,1,,0.001',
    ].join('\n');
    const out = importBom(csv, { mapping: { columns: { partNumber: 'Child', mass: 'Weight (kg)' } } });
    expect(out.product.id).toBe('K17');
    expect(outline(out.product.components)).toEqual([
      'BODY x1 0.42 kg', '  SCREW x6 0.002 kg', 'LID x1 0.05 kg', '  HINGE x2 0.01 kg', '    PIN x1 0.001 kg',
    ]);
  });

  it('reads Chinese headers, SAP dotted levels, semicolons with decimal commas and Chinese mass units', () => {
    const csv = [
      '层级;物料编码;物料名称;用量;材质;单重;单位',
      '.1;A100;外壳;1;PP;1,25;千克',
      '..2;A110;螺钉;8;钢;3,5;克',
      '.1;A200;包装箱;1;纸板;0,4;公斤',
    ].join('\n');
    const out = importBom(csv, { product: { id: 'fan-01', name: '电风扇' } });
    expect(out.product).toMatchObject({ id: 'fan-01', name: '电风扇' });
    expect(outline(out.product.components)).toEqual(['A100 x1 1.25 kg [PP]', '  A110 x8 3.5 g [钢]', 'A200 x1 0.4 kg [纸板]']);
    expect(out.product.components![0]!.name).toBe('外壳');
  });

  it('reads mass units from the engine\'s table: shouted, plural, in the header; refuses the ambiguous "ton"', () => {
    const csv = 'Level,Part Number,Qty,Mass,Unit\n1,A,1,2,KG\n1,B,1,3,lbs\n1,C,1,4,Mg';
    expect(outline(importBom(csv).product.components)).toEqual(['A x1 2 kg', 'B x1 3 lb', 'C x1 4 Mg']);
    expect(outline(importBom('Level,Part Number,Qty,Mass (公斤)\n1,A,1,2').product.components)).toEqual(['A x1 2 kg']);
    expect(() => importBom('Level,Part Number,Qty,Mass,Unit\n1,A,1,2,ton')).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'BAD_UNIT', line: 2 })] }));
    expect(() => importBom('Level,Part Number,Qty,Mass,Unit\n1,A,1,2,kWh')).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'BAD_UNIT' })] }));
  });

  it('warns about materials that are not factor ids, with suggestions, and lists them for a UI to map', () => {
    const csv = 'Level,Part Number,Qty,Material,Mass (kg)\n1,X,2,steel,1\n1,Y,1,steel,2\n1,Z,1,,';
    const out = importBom(csv, { isFactor: () => false, suggest: (t) => (t === 'steel' ? [STEEL] : []) });
    expect(out.warnings).toEqual([
      { code: 'BOM_UNMAPPED_MATERIAL', message: 'material "steel" (lines 2, 3) is not a factor id; map it with mapping.materials', hint: `perhaps: ${STEEL}` },
    ]);
    expect(out.unmapped).toEqual([{ material: 'steel', lines: [2, 3], suggestions: [STEEL] }]);
    // The unit comes from the header "Mass (kg)".
    expect(outline(out.product.components)).toEqual(['X x2 1 kg [steel]', 'Y x1 2 kg [steel]', 'Z x1']);
    expect(out.columns.mass).toBe('Mass (kg)');
  });

  it('reads a part listed twice under one parent with the same data as one part with the quantities added; never makes up an id', () => {
    const out = importBom('Level,Part Number,Qty\n0,K,1\n1,S,1\n1,S,2');
    expect(outline(out.product.components)).toEqual(['S x3']);
    expect(out.warnings).toEqual([{ code: 'BOM_DUPLICATE_MERGED', message: 'part S under K is listed on lines 3, 4: read as one part, quantity 3' }]);
    // With other data it is a problem, not "S-2".
    const problems = problemsOf('Level,Part Number,Qty,Mass,Unit\n1,S,1,2,g\n1,S,2,3,g');
    expect(problems).toEqual([expect.objectContaining({ line: 3, code: 'DUPLICATE_PART' })]);
    expect(problems[0]!.message).toContain('part S is listed again at the top (line 2) with other data');
  });

  it('never makes up a part number: a blank one is a problem, and a file of names uses the names (saying so)', () => {
    expect(problemsOf('Level,Part Number,Name,Qty\n1,A,Body,1\n1,,Lid,1')).toEqual([
      expect.objectContaining({ line: 3, column: 'Part Number', code: 'NO_PART_NUMBER', message: 'Lid has no part number' }),
    ]);
    const named = importBom('Level,Name,Qty\n1,Body,1\n2,Screw,4');
    expect(outline(named.product.components)).toEqual(['Body x1', '  Screw x4']);
    expect(named.warnings.map((w) => w.code)).toEqual(['BOM_NAMES_AS_IDS']);
  });

  it('refuses a mass without a unit instead of reading it as kg: a blank unit cell, or no unit anywhere', () => {
    expect(problemsOf('Level,Part Number,Mass,Unit\n1,A,420,g\n1,B,35,')).toEqual([
      expect.objectContaining({ line: 3, column: 'Unit', code: 'MISSING_UNIT', message: 'mass "35" has no unit: the unit cell is blank' }),
    ]);
    const none = problemsOf('Level,Part Number,Mass\n1,A,420\n1,B,35');
    expect(none).toEqual([expect.objectContaining({ line: 1, column: 'Mass', code: 'MISSING_UNIT' })]);
    expect(none[0]!.message).toContain('lines 2, 3');
    // Said once, it is read: in the header, the cell, or the mapping.
    expect(outline(importBom('Level,Part Number,Weight [g]\n1,A,420').product.components)).toEqual(['A x1 420 g']);
    expect(outline(importBom('层级,物料编码,重量（克）\n1,A,420').product.components)).toEqual(['A x1 420 g']);
    expect(outline(importBom('Level,Part Number,Mass\n1,A,420 g').product.components)).toEqual(['A x1 420 g']);
    expect(outline(importBom('Level,Part Number,Mass\n1,A,0.42', { mapping: { massUnit: 'kg' } }).product.components)).toEqual(['A x1 0.42 kg']);
  });

  it('reports the columns it does not read', () => {
    const out = importBom('Level,Part Number,Supplier,Qty,Colour\n1,A,ACME,1,red');
    expect(out.warnings.map((w) => [w.code, w.message])).toEqual([
      ['BOM_UNKNOWN_COLUMN', 'column "Supplier" (column 3) is not read'],
      ['BOM_UNKNOWN_COLUMN', 'column "Colour" (column 5) is not read'],
    ]);
  });

  it('names the product after the file only when the file does not name it', () => {
    expect(importBom('Level,Part Number,Name\n0,K17,Kettle K17\n1,A,Body', { fallbackName: 'kettle-bom' }).product.name).toBe('Kettle K17');
    expect(importBom('Level,Part Number\n1,A\n1,B', { fallbackName: 'kettle-bom' }).product.name).toBe('kettle-bom');
  });

  it('reports the header\'s, the rows\' and the tree\'s problems in one pass', () => {
    const problems = (() => {
      try {
        importBom('Level,Part Number,Qty,Mass,Unit\n1,A,two,1,kg\n3,B,1,1,\n1,,1,5,EA', { mapping: { columns: { material: 'Werkstoff' } } });
      } catch (error) {
        return (error as BomError).problems;
      }
      throw new Error('expected problems');
    })();
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [1, 'MISSING_COLUMN'], [2, 'BAD_QUANTITY'], [3, 'MISSING_UNIT'], [4, 'BAD_UNIT'], [4, 'NO_PART'], [3, 'LEVEL_JUMP'],
    ]);
  });

  it('reports every bad row with its line and column', () => {
    const csv = 'Level,Part Number,Qty,Mass,Unit\n1,A,two,1,kg\n3,B,1,1,kg\n1,C,1,5,EA\nx,D,1,1,kg';
    try {
      importBom(csv);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BomError);
      // One pass: the level jump on line 3 is found beside the rows' problems.
      expect((error as BomError).problems.map((p) => [p.line, p.code, p.column])).toEqual([
        [2, 'BAD_QUANTITY', 'Qty'], [4, 'BAD_UNIT', 'Unit'], [5, 'BAD_LEVEL', 'Level'], [3, 'LEVEL_JUMP', undefined],
      ]);
    }
    expect(() => importBom('Level,Part Number\n1,A\n3,B')).toThrow(/line 3: level 3 follows level 1/);
    expect(() => importBom('Parent,Part Number\nB,A\nA,B')).toThrow(BomError);
    expect(() => importBom('Name,Qty\nA,1')).toThrow(/no level or parent column/);
    expect(() => importBom('Level,Part Number')).toThrow(/no data rows/);
    expect(() => importBom('Level,Part Number\n1,A', { mapping: { columns: { mass: 'Gewicht' } } })).toThrow(/"Gewicht", which is not a header/);
  });

  it(`refuses a level BOM deeper than ${MAX_BOM_DEPTH} levels, naming the first line too deep, and reads one exactly that deep`, () => {
    const levels = (n: number) => ['Level,Part Number,Qty', ...Array.from({ length: n }, (_, i) => `${i + 1},P${i + 1},1`)].join('\n');
    const problems = problemsOf(levels(5000));
    // Line 1 is the header, the part at level L is on line L + 1: level 101 on line 102.
    expect(problems).toEqual([expect.objectContaining({ line: MAX_BOM_DEPTH + 2, code: 'TOO_DEEP' })]);
    expect(problems[0]!.message).toMatch(/more than 100 levels/);
    const ok = importBom(levels(MAX_BOM_DEPTH));
    expect(ok.stats).toMatchObject({ components: MAX_BOM_DEPTH, depth: MAX_BOM_DEPTH });
    expect(depthOf(ok.product.components)).toBe(MAX_BOM_DEPTH);
    expect(problemsOf(levels(MAX_BOM_DEPTH + 1))).toEqual([expect.objectContaining({ line: MAX_BOM_DEPTH + 2, code: 'TOO_DEEP' })]);
  });

  it(`refuses a parent list deeper than ${MAX_BOM_DEPTH} levels (no false cycles below the cut) and reads one exactly that deep`, () => {
    const problems = problemsOf(parentChain(5000));
    // P101 (level 101) is on line 102.
    expect(problems).toEqual([expect.objectContaining({ line: MAX_BOM_DEPTH + 2, code: 'TOO_DEEP' })]);
    const ok = importBom(parentChain(MAX_BOM_DEPTH));
    expect(depthOf(ok.product.components)).toBe(MAX_BOM_DEPTH);
  });

  it(`stops a parent list whose shared sub-assemblies expand to more than ${MAX_BOM_COMPONENTS} components, quickly`, () => {
    // Each part twice under the one before: 30 parts in ~600 bytes would be 2^30 components.
    const csv = parentChain(30, 2);
    expect(csv.length).toBeLessThan(700);
    const started = performance.now();
    const problems = problemsOf(csv);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'TOO_MANY_COMPONENTS' });
    expect(problems[0]!.message).toMatch(/expands to more than 10,000 components/);
    expect(problems[0]!.line).toBeGreaterThan(2);
    // Thirteen parts doubling make 2^13 - 1 = 8,191 components: within the limit, every copy built.
    const ok = importBom(parentChain(13, 2));
    expect(ok.stats.components).toBe(2 ** 13 - 1);
  });

  it(`refuses a file with more than ${MAX_BOM_COMPONENTS} component rows before building anything`, () => {
    const rows = ['Level,Part Number,Qty', ...Array.from({ length: MAX_BOM_COMPONENTS + 1 }, (_, i) => `1,P${i},1`)];
    expect(problemsOf(rows.join('\n'))).toEqual([expect.objectContaining({ line: MAX_BOM_COMPONENTS + 2, code: 'TOO_MANY_COMPONENTS' })]);
    expect(importBom(rows.slice(0, -1).join('\n')).stats.components).toBe(MAX_BOM_COMPONENTS);
  });
});

describe('the README example', () => {
  it('reads the Chinese indented BOM as its README says: named by the level-0 row, masses in kg, PP left to map', () => {
    const csv = `层级,物料编码,物料名称,用量,材质,单重,单位
0,K-100,电热水壶,1,,,
1,K-110,壶身,1,steel,0.42,千克
1,K-120,把手,2,PP,35,g`;
    const { product, unmapped, stats } = importBom(csv, {
      mapping: { materials: { steel: STEEL } },
      isFactor: (id) => id === STEEL,
    });
    expect([product.id, product.name]).toEqual(['K-100', '电热水壶']);
    expect(product.components).toEqual([
      { id: 'K-110', name: '壶身', material: STEEL, mass: '0.42 kg' },
      { id: 'K-120', name: '把手', quantity: 2, material: 'PP', mass: '35 g' },
    ]);
    expect(unmapped).toEqual([{ material: 'PP', lines: [4], suggestions: [] }]);
    expect(stats).toEqual({ rows: 3, components: 2, depth: 1 });
  });

  it('decodes GB18030 bytes, and refuses bytes that are not valid in the charset named', () => {
    const gb = new Uint8Array([0xb2, 0xe3, 0xbc, 0xb6]); // 层级 in GB18030
    expect(decodeText(gb, 'gb18030')).toBe('层级');
    expect(() => decodeText(gb, 'utf-8')).toThrow(CharsetError);
    expect(() => decodeText(gb)).toThrow('The file is not valid utf-8 text');
  });
});

import { describe, expect, it } from 'vitest';
import type { Component } from '@greenlca/schema';
import { BomError, importBom, MAX_BOM_COMPONENTS, MAX_BOM_DEPTH } from './import.js';

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

  it('warns about materials that are not factor ids, with suggestions', () => {
    const csv = 'Level,Part Number,Qty,Material,Mass\n1,X,2,steel,1\n1,Y,1,steel,2\n1,Z,1,,';
    const out = importBom(csv, { isFactor: () => false, suggest: (t) => (t === 'steel' ? [STEEL] : []) });
    expect(out.warnings).toEqual([
      { code: 'BOM_UNMAPPED_MATERIAL', message: 'material "steel" (lines 2, 3) is not a factor id; map it with mapping.materials', hint: `perhaps: ${STEEL}` },
    ]);
    expect(outline(out.product.components)).toEqual(['X x2 1 kg [steel]', 'Y x1 2 kg [steel]', 'Z x1']);
  });

  it('gives a part listed twice under one parent distinct ids', () => {
    const out = importBom('Level,Part Number,Qty\n1,S,1\n1,S,2');
    expect(outline(out.product.components)).toEqual(['S x1', 'S-2 x2']);
  });

  it('reports every bad row with its line and column', () => {
    const csv = 'Level,Part Number,Qty,Mass,Unit\n1,A,two,1,kg\n3,B,1,1,kg\n1,C,1,5,EA\nx,D,1,1,kg';
    try {
      importBom(csv);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BomError);
      expect((error as BomError).problems.map((p) => [p.line, p.code, p.column])).toEqual([
        [2, 'BAD_QUANTITY', 'Qty'], [4, 'BAD_UNIT', 'Unit'], [5, 'BAD_LEVEL', 'Level'],
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

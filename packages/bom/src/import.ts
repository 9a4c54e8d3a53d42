// csv-parse's sync API, by package.json "imports": in Node csv-parse/sync; in a browser bundle (the
// "browser" condition) its browser build, the same parser with its own Buffer (Node's global Buffer is
// not there), which parses about 3× slower, so Node keeps the native one.
import { parse } from '#csv-parse';
import { readForeignUnit, sameDimensions, unitSpec } from '@greenlca/engine';
import { MAX_COMPONENT_DEPTH, type Component, type Diagnostic, type Product } from '@greenlca/schema';
import { MAX_BOM_CELL_CHARS, MAX_BOM_COLUMNS, MAX_BOM_COMPONENTS } from './limits.js';
import { BOM_FIELDS, DEFAULT_HEADERS, headerKey, type BomField, type BomMapping } from './mapping.js';

/** Levels of components an import may produce: the product model's own limit. */
export const MAX_BOM_DEPTH = MAX_COMPONENT_DEPTH;

const tooDeep = (line: number): BomError['problems'][number] => ({
  line, code: 'TOO_DEEP',
  message: `the part is more than ${MAX_BOM_DEPTH} levels deep; a product has at most ${MAX_BOM_DEPTH} levels of components`,
  hint: 'flatten the BOM: list the parts of deep sub-assemblies one level up, with their quantities multiplied',
});

const tooMany = (line: number, how: string): BomError => new BomError([{
  line, code: 'TOO_MANY_COMPONENTS',
  message: `the BOM ${how} more than ${MAX_BOM_COMPONENTS.toLocaleString('en')} components; a product may have at most ${MAX_BOM_COMPONENTS.toLocaleString('en')}`,
  hint: 'split the product into several, or give a part used many times under one parent once, with its quantity',
}]);

/** A BOM that cannot be read, with every problem located by line and column. */
export class BomError extends Error {
  constructor(readonly problems: { line: number; column?: string; code: string; message: string; hint?: string }[]) {
    super(problems.map((p) => `line ${p.line}${p.column ? ` (${p.column})` : ''}: ${p.message}`).join('\n'));
    this.name = 'BomError';
  }
}

export interface BomImport {
  product: Product;
  warnings: Diagnostic[];
  /** Which header was read as which field. */
  columns: Partial<Record<BomField, string>>;
  stats: { rows: number; components: number; depth: number };
  /** Material texts that are not factor ids, with the lines they are on and suggested factors: for a UI to map. */
  unmapped: { material: string; lines: number[]; suggestions: string[] }[];
}

export interface BomOptions {
  mapping?: BomMapping;
  product?: Partial<Pick<Product, 'id' | 'name' | 'functionalUnit' | 'region' | 'description'>>;
  /** The product's name when the file does not name it (no level-0 row or single top parent), e.g. the file's name. */
  fallbackName?: string;
  /** Is this a factor id the library knows? (to warn about unmapped materials) */
  isFactor?: (id: string) => boolean;
  /** Suggestions for an unmapped material text. */
  suggest?: (text: string) => string[];
}

interface Row {
  line: number;
  level?: number;
  parent?: string;
  partNumber?: string;
  name?: string;
  quantity: number;
  material?: string;
  mass?: string;
}

const KG = unitSpec('kg');

/** A mass unit as the engine writes it ("千克" → kg, "KG" → kg, "lbs" → lb), from the engine's one unit table. */
function readMassUnit(text: string): string | undefined {
  const spec = readForeignUnit(text);
  return spec && sameDimensions(spec.dims, KG.dims) ? spec.canonical : undefined;
}

/** The delimiter a header line uses most (, ; tab |), comma when none. */
export function detectDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t', '|'].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![1] > 0 ? counts[0]![0] : ',';
}

/** "1,5" is one and a half in a semicolon-separated (European) export; "1,000" is a thousand elsewhere. */
function parseNumber(text: string, decimalComma: boolean): number {
  let t = text.trim().replace(/\s/g, '');
  t = decimalComma ? t.replace(/\./g, '').replace(',', '.') : t.replace(/,(?=\d{3}(\D|$))/g, '');
  return t === '' ? Number.NaN : Number(t);
}

/** Levels: 0, 1, 2 …; SAP's ".1", "..2"; or outline numbers "1.2.3" (depth = number of parts). */
function parseLevel(text: string): number | undefined {
  const t = text.trim();
  let m = /^\.*(\d+)$/.exec(t);
  if (m) return Number(m[1]);
  m = /^\d+(\.\d+)+$/.exec(t);
  if (m) return t.split('.').length;
  if (/^\.+$/.test(t)) return t.length;
  return undefined;
}

/** "Mass (kg)", "Weight [g]", "重量（克）": the header without its unit, and the unit when it is a mass unit. */
function splitHeaderUnit(header: string): { base: string; unit?: string } {
  const m = /^(.*?)\s*[([（【]\s*([^)\]）】]+?)\s*[)\]）】]\s*$/.exec(header.normalize('NFKC'));
  const unit = m ? readMassUnit(m[2]!) : undefined;
  return m && unit ? { base: m[1]!, unit } : { base: header };
}

interface Columns {
  index: Partial<Record<BomField, number>>;
  /** A unit the mass column's header names ("Mass (kg)"). */
  massUnit?: string;
  problems: BomError['problems'];
}

function resolveColumns(headers: string[], mapping: BomMapping | undefined): Columns {
  const keys = headers.map(headerKey);
  const baseKeys = headers.map((h) => headerKey(splitHeaderUnit(h).base));
  const index: Partial<Record<BomField, number>> = {};
  const problems: BomError['problems'] = [];
  const taken = (i: number) => Object.values(index).includes(i);
  for (const field of BOM_FIELDS) {
    const explicit = mapping?.columns?.[field];
    if (explicit !== undefined) {
      const i = keys.indexOf(headerKey(explicit));
      if (i < 0) problems.push({ line: 1, column: explicit, code: 'MISSING_COLUMN', message: `mapping.columns.${field} names "${explicit}", which is not a header`, hint: `headers are: ${headers.join(', ')}` });
      else index[field] = i;
      continue;
    }
    const known = (k: string) => DEFAULT_HEADERS[field].some((h) => headerKey(h) === k);
    let i = keys.findIndex((k, idx) => known(k) && !taken(idx));
    // "Mass (kg)" is the mass column with its unit.
    if (i < 0 && field === 'mass') i = baseKeys.findIndex((k, idx) => known(k) && !taken(idx) && splitHeaderUnit(headers[idx]!).unit !== undefined);
    if (i >= 0) index[field] = i;
  }
  const massUnit = index.mass === undefined ? undefined : splitHeaderUnit(headers[index.mass]!).unit;
  return massUnit ? { index, massUnit, problems } : { index, problems };
}

/** A row with more columns, or a cell with more characters, than one import reads (./limits.ts). */
function rowOverLimit(record: string[], line: number): BomError['problems'][number] | undefined {
  if (record.length > MAX_BOM_COLUMNS) {
    return { line, code: 'TOO_MANY_COLUMNS', message: `the row has ${record.length.toLocaleString('en')} columns; an import reads at most ${MAX_BOM_COLUMNS}`,
      hint: 'export only the BOM columns (level or parent, part number, name, quantity, material, mass, unit)' };
  }
  const long = record.findIndex((cell) => cell.length > MAX_BOM_CELL_CHARS);
  if (long >= 0) {
    return { line, column: String(long + 1), code: 'CELL_TOO_LONG',
      message: `cell ${long + 1} has ${record[long]!.length.toLocaleString('en')} characters; an import reads at most ${MAX_BOM_CELL_CHARS.toLocaleString('en')} in a cell`,
      hint: 'check the delimiter and the quotes: an unclosed quote makes the rest of the file one cell' };
  }
  return undefined;
}

/**
 * Turn a PLM BOM export (CSV) into a product model with its component tree. The tree comes from a
 * level column (indented BOM) or, without one, a parent column (parent-child list). Quantities are
 * per parent, masses per unit of the part's own material, as product model v1 defines them.
 */
export function importBom(csv: string, options: BomOptions = {}): BomImport {
  const text = csv.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = options.mapping?.delimiter ?? detectDelimiter(firstLine);
  let records: string[][];
  try {
    // Each row is checked as it is read, so a file of one huge row or cell stops there.
    const onRecord = (record: string[], context: { lines: number }): string[] => {
      const problem = rowOverLimit(record, context.lines);
      if (problem) throw new BomError([problem]);
      return record;
    };
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, on_record: onRecord }) as string[][];
  } catch (error) {
    if (error instanceof BomError) throw error;
    const e = error as { lines?: number; message: string };
    throw new BomError([{ line: e.lines ?? 1, code: 'CSV_SYNTAX', message: e.message }]);
  }
  const [headers, ...data] = records;
  if (!headers || data.length === 0) throw new BomError([{ line: 1, code: 'EMPTY', message: 'the CSV has no data rows under its header' }]);
  // Every problem in one pass: the header's, each row's and the tree's, reported together.
  const { index: col, massUnit: headerMassUnit, problems } = resolveColumns(headers, options.mapping);
  const columns = Object.fromEntries(Object.entries(col).map(([f, i]) => [f, headers[i]!])) as BomImport['columns'];
  const noPartColumn = col.partNumber === undefined && col.name === undefined;
  if (noPartColumn) {
    problems.push({ line: 1, code: 'MISSING_COLUMN', message: 'no part number or name column', hint: `map one with mapping.columns.partNumber; headers are: ${headers.join(', ')}` });
  }
  if (col.level === undefined && col.parent === undefined) {
    problems.push({ line: 1, code: 'MISSING_COLUMN', message: 'no level or parent column: the tree cannot be built', hint: 'map one with mapping.columns.level or mapping.columns.parent' });
  }

  const decimalComma = delimiter === ';';
  const warnings: Diagnostic[] = [];
  const read = new Set(Object.values(col));
  headers.forEach((h, i) => {
    if (read.has(i) || h.trim() === '') return;
    warnings.push({
      code: 'BOM_UNKNOWN_COLUMN', message: `column "${h}" (column ${i + 1}) is not read`,
      hint: 'if it is a level, parent, part number, name, quantity, material, mass or unit column, map it (mapping.columns, or the query string: ?partNumber=…)',
    });
  });
  if (col.partNumber === undefined && col.name !== undefined) {
    warnings.push({ code: 'BOM_NAMES_AS_IDS', message: `no part-number column: each part is identified by its name ("${headers[col.name]}")`, hint: 'map the part-number column (mapping.columns.partNumber) if the export has one' });
  }
  /** Lines with a mass and no unit anywhere (no unit column, none in the cell or the header, no mapping.massUnit). */
  const unitless: number[] = [];
  const cell = (r: string[], f: BomField): string | undefined => {
    const i = col[f];
    const v = i === undefined ? undefined : r[i]?.trim();
    return v === '' ? undefined : v;
  };
  const massUnitDefault = options.mapping?.massUnit ?? headerMassUnit;

  // A row is at most one component (and a level-0 row the product itself): refuse a larger file before reading it.
  if (data.length > MAX_BOM_COMPONENTS + 1) throw tooMany(MAX_BOM_COMPONENTS + 3, 'has');

  const rows: Row[] = data.map((r, i) => {
    const line = i + 2;
    const row: Row = { line, quantity: 1 };
    const level = cell(r, 'level');
    if (col.level !== undefined) {
      const parsed = level === undefined ? undefined : parseLevel(level);
      if (parsed === undefined) problems.push({ line, column: columns.level, code: 'BAD_LEVEL', message: `level "${level ?? ''}" is not a level (0, 1, 2 …, ".1", "..2" or "1.2.3")` });
      else row.level = parsed;
    }
    const parent = cell(r, 'parent');
    if (parent !== undefined) row.parent = parent;
    const pn = cell(r, 'partNumber');
    if (pn !== undefined) row.partNumber = pn;
    const name = cell(r, 'name');
    if (name !== undefined) row.name = name;
    const qty = cell(r, 'quantity');
    if (qty !== undefined) {
      const q = parseNumber(qty, decimalComma);
      if (!Number.isFinite(q) || q < 0) problems.push({ line, column: columns.quantity, code: 'BAD_QUANTITY', message: `quantity "${qty}" is not a number ≥ 0` });
      else row.quantity = q;
    }
    const material = cell(r, 'material');
    if (material !== undefined) row.material = options.mapping?.materials?.[material] ?? material;
    const mass = cell(r, 'mass');
    if (mass !== undefined) {
      const m = /^([-+]?[\d.,\s]+)\s*([^\d\s].*)?$/.exec(mass);
      const value = m ? parseNumber(m[1]!, decimalComma) : Number.NaN;
      // A unit in the cell wins, then the unit column, the header's ("Mass (kg)"), mapping.massUnit; never a guess.
      const unitText = m?.[2]?.trim() ?? cell(r, 'unit') ?? massUnitDefault;
      const unit = unitText === undefined ? undefined : readMassUnit(unitText);
      if (!Number.isFinite(value) || value < 0) problems.push({ line, column: columns.mass, code: 'BAD_MASS', message: `mass "${mass}" is not a number ≥ 0` });
      else if (unitText === undefined && col.unit !== undefined) {
        problems.push({ line, column: columns.unit, code: 'MISSING_UNIT', message: `mass "${mass}" has no unit: the unit cell is blank`, hint: 'fill in the unit (g, kg, t …), write it in the mass cell ("420 g"), or set mapping.massUnit' });
      } else if (unitText === undefined) unitless.push(line);
      else if (!unit) problems.push({ line, column: columns.unit ?? columns.mass, code: 'BAD_UNIT', message: `"${unitText}" is not a mass unit`, hint: 'use g, kg, t, mg, lb or oz (克, 千克, 公斤, 吨), or set mapping.massUnit' });
      else row.mass = `${value} ${unit}`;
    }
    if (row.partNumber === undefined && row.name === undefined) {
      if (!noPartColumn) problems.push({ line, code: 'NO_PART', message: 'the row has neither a part number nor a name' });
    } else if (row.partNumber === undefined && col.partNumber !== undefined) {
      // Never made up (line-6): a part without its number cannot be matched back to the PLM.
      problems.push({ line, column: columns.partNumber, code: 'NO_PART_NUMBER', message: `${row.name ?? 'the part'} has no part number`, hint: 'fill in the part number; every component needs one' });
    }
    return row;
  });
  if (unitless.length) {
    const shown = unitless.slice(0, 10).join(', ') + (unitless.length > 10 ? ` and ${unitless.length - 10} more` : '');
    problems.push({
      line: 1, column: columns.mass, code: 'MISSING_UNIT', message: `the masses have no unit (line${unitless.length > 1 ? 's' : ''} ${shown}): the file has no unit column and the header "${columns.mass}" names none`,
      hint: 'add a unit column, write the unit in the header ("Mass (kg)") or the cells ("420 g"), or set mapping.massUnit (?massUnit=kg)',
    });
  }

  let root: Row | undefined;
  let tops: Node[] = [];
  if (col.level !== undefined) ({ root, tops } = treeFromLevels(rows, problems));
  else if (col.parent !== undefined) ({ root, tops } = treeFromParents(rows, problems));
  if (problems.length) throw new BomError(problems);

  let count = 0;
  let depth = 0;
  const unmapped = new Map<string, number[]>();
  const toComponent = (node: Node, d: number): Component => {
    count++;
    depth = Math.max(depth, d);
    const { row } = node;
    const c: Component = { id: (row.partNumber ?? row.name)! };
    if (row.name !== undefined) c.name = row.name;
    if (row.quantity !== 1) c.quantity = row.quantity;
    if (row.material !== undefined) {
      c.material = row.material;
      if (options.isFactor && !options.isFactor(row.material)) {
        const lines = unmapped.get(row.material);
        if (lines) lines.push(row.line);
        else unmapped.set(row.material, [row.line]);
      }
    }
    if (row.mass !== undefined) c.mass = row.mass;
    if (row.material !== undefined && row.mass === undefined && node.children.length === 0) {
      warnings.push({ code: 'BOM_NO_MASS', message: `line ${row.line}: ${c.id} has a material but no mass; it will not be calculated until it has one` });
    }
    if (node.children.length) c.children = mergeSiblings(node.children.map((n) => ({ c: toComponent(n, d + 1), line: n.row.line })), row.partNumber ?? row.name, problems, warnings);
    return c;
  };
  const components = mergeSiblings(tops.map((n) => ({ c: toComponent(n, 1), line: n.row.line })), root?.partNumber ?? root?.name, problems, warnings);
  if (problems.length) throw new BomError(problems);
  const unmappedList: BomImport['unmapped'] = [];
  for (const [material, lines] of unmapped) {
    const suggestions = options.suggest?.(material) ?? [];
    unmappedList.push({ material, lines, suggestions });
    const w: Diagnostic = {
      code: 'BOM_UNMAPPED_MATERIAL',
      message: `material "${material}" (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}) is not a factor id; map it with mapping.materials`,
    };
    if (suggestions.length) w.hint = `perhaps: ${suggestions.join(', ')}`;
    warnings.push(w);
  }

  const product: Product = {
    schemaVersion: 1,
    id: options.product?.id ?? root?.partNumber ?? 'imported-bom',
    name: options.product?.name ?? root?.name ?? root?.partNumber ?? options.fallbackName ?? 'Imported BOM',
    functionalUnit: options.product?.functionalUnit ?? { amount: 1, unit: 'item' },
    ...(options.product?.region ? { region: options.product.region } : {}),
    ...(options.product?.description ? { description: options.product.description } : {}),
    components,
  };
  return { product, warnings, columns, stats: { rows: rows.length, components: count, depth }, unmapped: unmappedList };
}

interface Node {
  row: Row;
  children: Node[];
}

/** Indented BOM: a row at level L belongs to the nearest row above it at level L−1. */
function treeFromLevels(rows: Row[], problems: BomError['problems']): { root?: Row; tops: Node[] } {
  // Rows whose level could not be read are reported already (BAD_LEVEL): the tree is built without them.
  const min = rows.reduce((m, r) => (r.level === undefined ? m : Math.min(m, r.level)), Number.POSITIVE_INFINITY);
  let body = rows;
  let root: Row | undefined;
  // A single level-0 first row is the product itself (Windchill, SAP CS12 put the header material there).
  if (min === 0 && rows[0]!.level === 0 && rows.filter((r) => r.level === 0).length === 1) {
    root = rows[0];
    body = rows.slice(1);
  }
  if (body.length > MAX_BOM_COMPONENTS) throw tooMany(body[MAX_BOM_COMPONENTS]!.line, 'has');
  const tops: Node[] = [];
  const stack: Node[] = [];
  const base = body.reduce((m, r) => (r.level === undefined ? m : Math.min(m, r.level)), Number.POSITIVE_INFINITY);
  let inTooDeep = false;
  // Below a row of unreadable level, where the next rows belong is unknown: no LEVEL_JUMP for them.
  let lost = false;
  for (const row of body) {
    if (row.level === undefined) {
      lost = true;
      continue;
    }
    const depth = row.level - base;
    // depth 0 is a top-level component (level 1): one problem per run of rows below the limit.
    if (depth >= MAX_BOM_DEPTH) {
      if (!inTooDeep) problems.push(tooDeep(row.line));
      inTooDeep = true;
      continue;
    }
    inTooDeep = false;
    const node: Node = { row, children: [] };
    if (depth === 0) {
      tops.push(node);
      lost = false;
    } else {
      const parent = stack[depth - 1];
      if (!parent) {
        if (lost) continue;
        problems.push({ line: row.line, code: 'LEVEL_JUMP', message: `level ${row.level} follows level ${stack.length ? stack[stack.length - 1]!.row.level : 'none'}: a level may go down by one at a time` });
        continue;
      }
      parent.children.push(node);
    }
    stack.length = depth;
    stack[depth] = node;
  }
  return root ? { root, tops } : { tops };
}

/** Parent-child list: a row belongs under every row whose part number is its parent. */
function treeFromParents(rows: Row[], problems: BomError['problems']): { root?: Row; tops: Node[] } {
  const byPart = new Map<string, Row[]>();
  const add = (map: Map<string, Row[]>, key: string, row: Row) => {
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  };
  for (const r of rows) if (r.partNumber !== undefined) add(byPart, r.partNumber, r);
  const childrenOf = new Map<string, Row[]>();
  const topRows: Row[] = [];
  const missingParents = new Set<string>();
  for (const r of rows) {
    if (r.parent === undefined) topRows.push(r);
    else {
      add(childrenOf, r.parent, r);
      if (!byPart.has(r.parent)) missingParents.add(r.parent);
    }
  }
  // Children of a part that is not a row: the product itself when it is one part number for all of them.
  let rootId: string | undefined;
  if (missingParents.size === 1 && topRows.length === 0) rootId = [...missingParents][0];
  else for (const p of missingParents) {
    const lines = childrenOf.get(p)!.map((r) => r.line).join(', ');
    problems.push({ line: childrenOf.get(p)![0]!.line, code: 'UNKNOWN_PARENT', message: `parent "${p}" (line ${lines}) is not a part number in the file` });
  }
  const reached = new Set<Row>();
  // A sub-assembly used in n places is copied n times, so each one listed twice under the one before
  // doubles the tree: count as it grows, and stop at the limits (not at 2^30 nodes or a stack overflow).
  let count = 0;
  let cutDeep = false;
  const build = (row: Row, path: string[], level: number): Node => {
    reached.add(row);
    if (++count > MAX_BOM_COMPONENTS) throw tooMany(row.line, 'expands to');
    if (row.partNumber !== undefined && path.includes(row.partNumber)) {
      problems.push({ line: row.line, code: 'CYCLE', message: `${[...path, row.partNumber].join(' → ')}: a part contains itself` });
      return { row, children: [] };
    }
    const kids = row.partNumber !== undefined ? childrenOf.get(row.partNumber) ?? [] : [];
    if (kids.length && level >= MAX_BOM_DEPTH) {
      if (!cutDeep) problems.push(tooDeep(kids[0]!.line));
      cutDeep = true;
      return { row, children: [] };
    }
    const next = row.partNumber !== undefined ? [...path, row.partNumber] : path;
    return { row, children: kids.map((k) => build(k, next, level + 1)) };
  };
  const tops = (rootId !== undefined ? childrenOf.get(rootId)! : topRows).map((r) => build(r, rootId !== undefined ? [rootId] : [], 1));
  // Rows below a cut-off deep branch were never reached, but they are not in a cycle.
  if (!cutDeep) for (const r of rows) {
    if (!reached.has(r) && !missingParents.has(r.parent ?? '')) {
      problems.push({ line: r.line, code: 'CYCLE', message: `${r.partNumber ?? r.name} is not under any top-level part: its parents form a cycle` });
    }
  }
  return rootId !== undefined ? { root: { line: 0, quantity: 1, partNumber: rootId }, tops } : { tops };
}

/**
 * Component ids must be unique among siblings. A part listed twice under one parent is one part with
 * the quantities added when the rows say the same otherwise (a BOM split by find number); when they
 * differ it is a problem: an id is never made up (no "S-2").
 */
function mergeSiblings(list: { c: Component; line: number }[], parent: string | undefined, problems: BomError['problems'], warnings: Diagnostic[]): Component[] {
  const byId = new Map<string, { c: Component; lines: number[] }>();
  const out: Component[] = [];
  const rest = (c: Component) => JSON.stringify({ ...c, quantity: undefined });
  for (const { c, line } of list) {
    const first = byId.get(c.id);
    if (!first) {
      byId.set(c.id, { c, lines: [line] });
      out.push(c);
      continue;
    }
    first.lines.push(line);
    const under = parent === undefined ? 'at the top' : `under ${parent}`;
    if (rest(first.c) !== rest(c) || typeof first.c.quantity === 'string' || typeof c.quantity === 'string') {
      problems.push({ line, code: 'DUPLICATE_PART', message: `part ${c.id} is listed again ${under} (line ${first.lines[0]}) with other data: component ids must be unique among siblings`,
        hint: 'give each its own part number, or list the part once with its total quantity' });
      continue;
    }
    const quantity = (first.c.quantity ?? 1) + (c.quantity ?? 1);
    if (quantity === 1) delete first.c.quantity;
    else first.c.quantity = quantity;
    const known = warnings.find((w) => w.code === 'BOM_DUPLICATE_MERGED' && w.message.startsWith(`part ${c.id} ${under} `));
    const message = `part ${c.id} ${under} is listed on lines ${first.lines.join(', ')}: read as one part, quantity ${quantity}`;
    if (known) known.message = message;
    else warnings.push({ code: 'BOM_DUPLICATE_MERGED', message });
  }
  return out;
}

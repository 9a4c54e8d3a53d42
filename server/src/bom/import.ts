import { parse } from 'csv-parse/sync';
import { MAX_BOM_CELL_CHARS, MAX_BOM_COLUMNS, MAX_BOM_COMPONENTS } from '../limits.js';
import { MAX_COMPONENT_DEPTH, type Component, type Diagnostic, type Product } from '@greenlca/schema';
import { BOM_FIELDS, DEFAULT_HEADERS, headerKey, type BomField, type BomMapping } from './mapping.js';

/** Levels of components an import may produce: the product model's own limit. */
export const MAX_BOM_DEPTH = MAX_COMPONENT_DEPTH;
export { MAX_BOM_COMPONENTS };

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
}

export interface BomOptions {
  mapping?: BomMapping;
  product?: Partial<Pick<Product, 'id' | 'name' | 'functionalUnit' | 'region' | 'description'>>;
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

const MASS_UNITS: Record<string, string> = {
  g: 'g', gram: 'g', grams: 'g', 克: 'g', kg: 'kg', kgs: 'kg', kilogram: 'kg', kilograms: 'kg', 千克: 'kg', 公斤: 'kg',
  t: 't', tonne: 't', tonnes: 't', ton: 't', 吨: 't', mg: 'mg', 毫克: 'mg', lb: 'lb', lbs: 'lb', pound: 'lb', pounds: 'lb', oz: 'oz', ounce: 'oz',
};

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

function resolveColumns(headers: string[], mapping: BomMapping | undefined): Partial<Record<BomField, number>> {
  const keys = headers.map(headerKey);
  const out: Partial<Record<BomField, number>> = {};
  const problems: BomError['problems'] = [];
  for (const field of BOM_FIELDS) {
    const explicit = mapping?.columns?.[field];
    if (explicit !== undefined) {
      const i = keys.indexOf(headerKey(explicit));
      if (i < 0) problems.push({ line: 1, column: explicit, code: 'MISSING_COLUMN', message: `mapping.columns.${field} names "${explicit}", which is not a header`, hint: `headers are: ${headers.join(', ')}` });
      else out[field] = i;
      continue;
    }
    const i = keys.findIndex((k, idx) => DEFAULT_HEADERS[field].some((h) => headerKey(h) === k) && !Object.values(out).includes(idx));
    if (i >= 0) out[field] = i;
  }
  if (problems.length) throw new BomError(problems);
  return out;
}

/** A row with more columns, or a cell with more characters, than one import reads (limits.ts). */
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
  const col = resolveColumns(headers, options.mapping);
  const columns = Object.fromEntries(Object.entries(col).map(([f, i]) => [f, headers[i]!])) as BomImport['columns'];
  if (col.partNumber === undefined && col.name === undefined) {
    throw new BomError([{ line: 1, code: 'MISSING_COLUMN', message: 'no part number or name column', hint: `map one with mapping.columns.partNumber; headers are: ${headers.join(', ')}` }]);
  }
  if (col.level === undefined && col.parent === undefined) {
    throw new BomError([{ line: 1, code: 'MISSING_COLUMN', message: 'no level or parent column: the tree cannot be built', hint: 'map one with mapping.columns.level or mapping.columns.parent' }]);
  }

  const decimalComma = delimiter === ';';
  const problems: BomError['problems'] = [];
  const warnings: Diagnostic[] = [];
  const cell = (r: string[], f: BomField): string | undefined => {
    const i = col[f];
    const v = i === undefined ? undefined : r[i]?.trim();
    return v === '' ? undefined : v;
  };
  const massUnitDefault = options.mapping?.massUnit ?? 'kg';

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
      const unitText = m?.[2]?.trim() ?? cell(r, 'unit') ?? massUnitDefault;
      const unit = MASS_UNITS[unitText.toLowerCase()];
      if (!Number.isFinite(value) || value < 0) problems.push({ line, column: columns.mass, code: 'BAD_MASS', message: `mass "${mass}" is not a number ≥ 0` });
      else if (!unit) problems.push({ line, column: columns.unit ?? columns.mass, code: 'BAD_UNIT', message: `"${unitText}" is not a mass unit`, hint: 'use g, kg, t, mg, lb or oz (克, 千克, 公斤, 吨), or set mapping.massUnit' });
      else row.mass = `${value} ${unit}`;
    }
    if (row.partNumber === undefined && row.name === undefined) problems.push({ line, code: 'NO_PART', message: 'the row has neither a part number nor a name' });
    return row;
  });
  if (problems.length) throw new BomError(problems);

  let root: Row | undefined;
  let tops: Node[];
  if (col.level !== undefined) ({ root, tops } = treeFromLevels(rows, problems));
  else ({ root, tops } = treeFromParents(rows, problems));
  if (problems.length) throw new BomError(problems);

  let count = 0;
  let depth = 0;
  const unmapped = new Map<string, number[]>();
  const toComponent = (node: Node, d: number): Component => {
    count++;
    depth = Math.max(depth, d);
    const { row } = node;
    const c: Component = { id: row.partNumber ?? `line-${row.line}` };
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
    if (node.children.length) c.children = uniqueIds(node.children.map((n) => toComponent(n, d + 1)));
    return c;
  };
  const components = uniqueIds(tops.map((n) => toComponent(n, 1)));
  for (const [material, lines] of unmapped) {
    const suggestions = options.suggest?.(material) ?? [];
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
    name: options.product?.name ?? root?.name ?? root?.partNumber ?? 'Imported BOM',
    functionalUnit: options.product?.functionalUnit ?? { amount: 1, unit: 'item' },
    ...(options.product?.region ? { region: options.product.region } : {}),
    ...(options.product?.description ? { description: options.product.description } : {}),
    components,
  };
  return { product, warnings, columns, stats: { rows: rows.length, components: count, depth } };
}

interface Node {
  row: Row;
  children: Node[];
}

/** Indented BOM: a row at level L belongs to the nearest row above it at level L−1. */
function treeFromLevels(rows: Row[], problems: BomError['problems']): { root?: Row; tops: Node[] } {
  const min = rows.reduce((m, r) => Math.min(m, r.level!), Number.POSITIVE_INFINITY);
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
  const base = body.length ? body.reduce((m, r) => Math.min(m, r.level!), Number.POSITIVE_INFINITY) : 0;
  let inTooDeep = false;
  for (const row of body) {
    const depth = row.level! - base;
    // depth 0 is a top-level component (level 1): one problem per run of rows below the limit.
    if (depth >= MAX_BOM_DEPTH) {
      if (!inTooDeep) problems.push(tooDeep(row.line));
      inTooDeep = true;
      continue;
    }
    inTooDeep = false;
    const node: Node = { row, children: [] };
    if (depth === 0) tops.push(node);
    else {
      const parent = stack[depth - 1];
      if (!parent) {
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

/** Component ids must be unique among siblings: a part listed twice under one parent gets -2, -3 … */
function uniqueIds(components: Component[]): Component[] {
  const seen = new Map<string, number>();
  for (const c of components) {
    const n = (seen.get(c.id) ?? 0) + 1;
    seen.set(c.id, n);
    if (n > 1) c.id = `${c.id}-${n}`;
  }
  return components;
}

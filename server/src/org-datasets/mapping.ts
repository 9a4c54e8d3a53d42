import { canonicalUnit } from '@greenlca/engine';
import { FACTOR_CATEGORIES, type FactorCategory } from '@greenlca/schema';
import columns from './columns.json' with { type: 'json' };
import plausibility from './plausibility.json' with { type: 'json' };

/** The fields of an organisation factor table (columns.json: headers in English and Chinese). */
export type TableField = keyof typeof columns.fields;
export const TABLE_FIELDS = Object.keys(columns.fields) as TableField[];
export const FIELD_INFO = columns.fields as Record<TableField, { required?: boolean; headers: string[]; what: string }>;

/** Header text normalised for comparison: case, spaces and punctuation aside, full-width folded. */
export const headerKey = (h: string): string => h.normalize('NFKC').toLowerCase().replace(/[\s._\-/()#:：（）【】[\]]/g, '');

/** The header without a bracketed unit: "排放因子（kgCO2e/kg）" → "排放因子". */
const withoutBrackets = (h: string): string => h.normalize('NFKC').replace(/[(（[【].*?[)）\]】]/g, '');

const BY_HEADER = new Map<string, TableField>();
for (const field of TABLE_FIELDS) for (const h of FIELD_INFO[field].headers) BY_HEADER.set(headerKey(h), field);

/** The field a header names, by the built-in mapping or the import's own (`header → field`). */
export function fieldOf(header: string, own: Readonly<Record<string, string>> = {}): TableField | undefined {
  const mine = Object.entries(own).find(([h]) => headerKey(h) === headerKey(header))?.[1];
  if (mine !== undefined) return (TABLE_FIELDS as string[]).includes(mine) ? (mine as TableField) : undefined;
  return BY_HEADER.get(headerKey(header)) ?? BY_HEADER.get(headerKey(withoutBrackets(header)));
}

const CATEGORY = new Map<string, FactorCategory>();
for (const [category, words] of Object.entries(columns.categories)) for (const w of words) CATEGORY.set(headerKey(w), category as FactorCategory);
for (const c of FACTOR_CATEGORIES) CATEGORY.set(c, c);

export const categoryOf = (text: string): FactorCategory | undefined => CATEGORY.get(headerKey(text));

/**
 * A unit cell as the engine's unit text: Chinese names (千克, 吨公里 …) and common spellings mapped
 * by the engine's unit aliases, and "kgCO2e/kg" (the value's unit) read as its denominator.
 */
export function unitText(cell: string): string {
  let t = cell.normalize('NFKC').trim();
  const per = /^(?:kg|千克|公斤)\s*co2\s*-?e(?:q)?\s*(?:\/|per\s)\s*(.+)$/i.exec(t);
  if (per) t = per[1]!.trim();
  return canonicalUnit(t);
}

const REGIONS = new Map(Object.entries(columns.regions).map(([k, v]) => [k.toLowerCase(), v]));
export const regionText = (cell: string): string => REGIONS.get(cell.normalize('NFKC').trim().toLowerCase()) ?? cell.trim();

const YES = new Set(columns.yes.map(headerKey));
const NO = new Set(columns.no.map(headerKey));
/** yes/no cells: true, false, or undefined when neither. */
export function yesNo(cell: string): boolean | undefined {
  const k = headerKey(cell);
  return YES.has(k) ? true : NO.has(k) ? false : undefined;
}

export const MAGNITUDE_BOUNDS: readonly { unit: string; max: number }[] = plausibility.bounds;

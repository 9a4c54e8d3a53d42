/**
 * @module table — an organisation's factor table (rows of cells from a CSV or a sheet) to factors,
 * with every problem found in one pass: row, column, what is wrong, how to fix it. Pure.
 */
import { normaliseRegion, sameDimensions, unitSpec } from '@greenlca/engine';
import { GWP_SETS, type Factor, type FactorCategory, type GwpSet } from '@greenlca/schema';
import { whyUnstorable } from '../lib/storable-text.js';
import type { ImportProblem } from '../schemas/org-dataset.js';
import { MAX_IMPORT_PROBLEMS, MAX_ORG_DATASET_CELL_CHARS, MAX_ORG_DATASET_COLUMNS, MAX_ORG_DATASET_ROWS } from '../limits.js';
import { categoryOf, FIELD_INFO, fieldOf, MAGNITUDE_BOUNDS, regionText, TABLE_FIELDS, unitText, yesNo, type TableField } from './mapping.js';

export type Cell = string | number | undefined;

/** One row of the file: its number in the file (the header is row 1 when it is the first line) and its cells. */
export interface TableRow {
  row: number;
  cells: Cell[];
}

export interface TableDefaults {
  /** Rows without a source cite this. */
  citation?: string;
  licence: string;
  gwp?: GwpSet;
  /** Years after this are in the future (the clock's year, read at the edge). */
  thisYear: number;
  /** Header → field, for headers the built-in mapping does not know. */
  columns?: Readonly<Record<string, string>>;
}

export interface TableImport {
  factors: Factor[];
  errors: ImportProblem[];
  warnings: ImportProblem[];
  /** Header as written → the field it was read as. */
  columns: Record<string, string>;
  rows: number;
}

const FACTOR_ID = /^[a-z0-9][a-z0-9._-]{0,127}$/;
const REGION = /^(GLO|[A-Z]{2}(-[A-Z0-9]{1,12}){0,3})$/;
const GASES = ['co2', 'ch4', 'n2o'] as const;
const GAS_NAME: Record<(typeof GASES)[number], string> = { co2: 'CO2', ch4: 'CH4', n2o: 'N2O' };
const DQR: Record<string, keyof NonNullable<Factor['dataQuality']>> = {
  dqrTechnological: 'technological', dqrTemporal: 'temporal', dqrGeographical: 'geographical', dqrCompleteness: 'completeness', dqrReliability: 'reliability',
};

/** "1,234.5" → 1234.5; "1.2e-3" → 0.0012; anything else NaN. Spreadsheet cells are numbers already. */
function numberOf(cell: Cell): number {
  if (typeof cell === 'number') return cell;
  const t = (cell ?? '').normalize('NFKC').trim().replace(/,(?=\d{3}(\D|$))/g, '').replace(/\s/g, '');
  return t === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number.NaN : Number(t);
}

const text = (cell: Cell): string => (cell === undefined ? '' : String(cell).trim());

/** The largest believable kg CO2e per unit of this unit's dimension, in this unit (plausibility.json). */
function magnitudeBound(unit: string): { max: number; per: string } | undefined {
  const spec = unitSpec(unit);
  for (const b of MAGNITUDE_BOUNDS) {
    const ref = unitSpec(b.unit);
    if (sameDimensions(spec.dims, ref.dims)) return { max: (b.max * spec.si) / ref.si, per: b.unit };
  }
  return undefined;
}

/**
 * Read the table. The first row holds the headers; every other row is a factor (blank rows skipped).
 *
 * @example
 * readTable([{ row: 1, cells: ['编号', '名称', '单位', '排放因子', '地区', '年份', '来源'] }, { row: 2, cells: ['steel', '热轧钢', 'kg', 2.1, 'CN', 2023, '供应商声明'] }], { licence: 'internal', gwp: 'AR6', thisYear: 2026 });
 */
export function readTable(rows: readonly TableRow[], defaults: TableDefaults): TableImport {
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  let moreErrors = 0;
  let moreWarnings = 0;
  const problem = (list: ImportProblem[], p: ImportProblem) => {
    if (errors.length + warnings.length < MAX_IMPORT_PROBLEMS) list.push(p);
    else if (list === errors) moreErrors++;
    else moreWarnings++;
  };
  const out: TableImport = { factors: [], errors, warnings, columns: {}, rows: 0 };
  const header = rows[0];
  if (!header) {
    errors.push({ code: 'EMPTY_TABLE', detail: 'the file has no rows', hint: 'the first row names the columns (id, name, unit, co2e, region, year, source …); each further row is a factor' });
    return out;
  }
  if (rows.length - 1 > MAX_ORG_DATASET_ROWS) {
    errors.push({ code: 'TOO_MANY_ROWS', detail: `the table has ${(rows.length - 1).toLocaleString('en')} rows; a dataset may have at most ${MAX_ORG_DATASET_ROWS.toLocaleString('en')}`, hint: 'split it into several datasets' });
    return out;
  }
  if (header.cells.length > MAX_ORG_DATASET_COLUMNS) {
    errors.push({ row: header.row, code: 'TOO_MANY_COLUMNS', detail: `the table has ${header.cells.length} columns; at most ${MAX_ORG_DATASET_COLUMNS}`, hint: 'remove the columns that are not factor fields' });
    return out;
  }

  // Which column is which field.
  const at = new Map<TableField, number>();
  const headers = header.cells.map(text);
  headers.forEach((h, i) => {
    if (!h) return;
    const field = fieldOf(h, defaults.columns);
    if (!field) {
      problem(warnings, { row: header.row, column: h, code: 'UNKNOWN_COLUMN', detail: `the column "${h}" is not a factor field and is ignored`, hint: `name it as one of the fields (server/README.md, "Organisation factor datasets"), or map it with "columns": { "${h}": "<field>" }` });
      return;
    }
    if (at.has(field)) {
      problem(errors, { row: header.row, column: h, code: 'DUPLICATE_COLUMN', detail: `"${h}" and "${headers[at.get(field)!]}" are both read as ${field}`, hint: 'remove or rename one of them' });
      return;
    }
    at.set(field, i);
    out.columns[h] = field;
  });
  for (const field of TABLE_FIELDS) {
    if (FIELD_INFO[field].required && !at.has(field)) {
      problem(errors, { row: header.row, code: 'MISSING_COLUMN', detail: `no column gives ${field}: ${FIELD_INFO[field].what}`, hint: `add a column headed one of: ${FIELD_INFO[field].headers.slice(0, 6).join(', ')}` });
    }
  }
  if (!at.has('co2e') && !GASES.some((g) => at.has(g))) {
    problem(errors, { row: header.row, code: 'MISSING_COLUMN', detail: 'no column gives the value: co2e (kg CO2e per unit), or co2, ch4 and n2o (kg of each gas per unit)', hint: 'add a column headed co2e, 排放因子 or kg CO2e' });
  }
  if (!at.has('name') && !at.has('nameZh')) {
    problem(errors, { row: header.row, code: 'MISSING_COLUMN', detail: 'no column gives the factor\'s name', hint: 'add a column headed name (English) or 名称 (Chinese)' });
  }
  if (errors.length) return out;

  const firstRowOf = new Map<string, number>();
  for (const r of rows.slice(1)) {
    if (r.cells.every((c) => text(c) === '')) continue;
    out.rows++;
    const cell = (field: TableField): Cell => (at.has(field) ? r.cells[at.get(field)!] : undefined);
    const str = (field: TableField): string => text(cell(field));
    const where = (field: TableField) => ({ row: r.row, column: headers[at.get(field)!] ?? field });
    let bad = false;
    const error = (field: TableField | undefined, code: string, detail: string, hint: string) => {
      bad = true;
      problem(errors, { ...(field && at.has(field) ? where(field) : { row: r.row }), code, detail, hint });
    };
    for (let i = 0; i < r.cells.length; i++) {
      const where = { row: r.row, column: headers[i] || `column ${i + 1}` };
      const cellText = text(r.cells[i]);
      if (cellText.length > MAX_ORG_DATASET_CELL_CHARS) {
        bad = true;
        problem(errors, { ...where, code: 'CELL_TOO_LONG', detail: `the cell holds more than ${MAX_ORG_DATASET_CELL_CHARS} characters`, hint: 'shorten the text' });
      }
      const why = whyUnstorable(cellText);
      if (why) {
        bad = true;
        problem(errors, { ...where, code: 'CHARACTER_NOT_ALLOWED', detail: `the cell ${why}`, hint: 'remove the character or replace it with a printable one' });
      }
    }

    const id = str('id');
    if (!id) error('id', 'MISSING_VALUE', 'the factor has no id', 'give each row an id: lower case letters, digits, dots, dashes');
    else if (!FACTOR_ID.test(id)) {
      error('id', 'INVALID_ID', `"${id}" is not a factor id`, `use lower case letters, digits, dots and dashes, starting with a letter or digit (e.g. "${id.toLowerCase().normalize('NFKC').replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '') || 'steel-hot-rolled'}")`);
    } else if (firstRowOf.has(id)) {
      error('id', 'DUPLICATE_ID', `the id "${id}" is already used on row ${firstRowOf.get(id)}`, 'give every factor its own id');
    } else firstRowOf.set(id, r.row);

    const nameEn = str('name');
    const nameZh = str('nameZh');
    if (!nameEn && !nameZh) error(at.has('name') ? 'name' : 'nameZh', 'MISSING_VALUE', 'the factor has no name', 'give an English or a Chinese name');

    let category: FactorCategory = 'other';
    if (str('category')) {
      const c = categoryOf(str('category'));
      if (c) category = c;
      else error('category', 'UNKNOWN_CATEGORY', `"${str('category')}" is not a category`, FIELD_INFO.category.what);
    }

    let unit = '';
    if (!str('unit')) error('unit', 'MISSING_VALUE', 'the factor has no unit', FIELD_INFO.unit.what);
    else {
      unit = unitText(str('unit'));
      try {
        const spec = unitSpec(unit);
        if (spec.hasOffset) error('unit', 'UNKNOWN_UNIT', `"${str('unit')}" is a temperature scale, not a unit a factor can be per`, FIELD_INFO.unit.what);
        else if (spec.ambiguous) error('unit', 'AMBIGUOUS_UNIT', `"${str('unit')}" means different sizes in different countries`, 'write t (tonne), short_ton or long_ton; us_gal or imp_gal');
      } catch {
        error('unit', 'UNKNOWN_UNIT', `"${str('unit')}" is not a unit`, FIELD_INFO.unit.what);
        unit = '';
      }
    }

    // The value: kg CO2e, and/or the gas split in kg of each gas.
    const values: { field: TableField; value: number }[] = [];
    const co2eText = str('co2e');
    let co2e: number | undefined;
    if (co2eText) {
      co2e = numberOf(cell('co2e'));
      if (!Number.isFinite(co2e)) error('co2e', 'NOT_A_NUMBER', `"${co2eText}" is not a number`, 'write the kg CO2e per unit as a number, e.g. 2.15 or 1.2e-3');
      else values.push({ field: 'co2e', value: co2e });
    }
    const gases: Record<string, number> = {};
    for (const g of GASES) {
      if (!str(g)) continue;
      const v = numberOf(cell(g));
      if (!Number.isFinite(v)) error(g, 'NOT_A_NUMBER', `"${str(g)}" is not a number`, `write the kg ${GAS_NAME[g]} per unit as a number`);
      else {
        gases[GAS_NAME[g]] = v;
        values.push({ field: g, value: v });
      }
    }
    if (!co2eText && !Object.keys(gases).length && !GASES.some((g) => str(g))) {
      error(at.has('co2e') ? 'co2e' : undefined, 'MISSING_VALUE', 'the factor has no value', 'give kg CO2e per unit, or kg of CO2, CH4 and N2O per unit');
    }
    let gwp: GwpSet | undefined = defaults.gwp;
    if (str('gwp')) {
      const g = str('gwp').toUpperCase().replace(/\s/g, '');
      if ((GWP_SETS as readonly string[]).includes(g)) gwp = g as GwpSet;
      else error('gwp', 'UNKNOWN_GWP_SET', `"${str('gwp')}" is not a GWP set`, 'write AR4, AR5 or AR6');
    }
    if (co2e !== undefined && Number.isFinite(co2e) && !gwp && !str('gwp')) {
      error('co2e', 'MISSING_GWP_BASIS', 'the CO2e value does not say which IPCC GWP100 set it was computed with', 'give the dataset\'s gwp (AR4, AR5 or AR6) or a "gwp basis" column');
    }
    const credit = str('credit') ? yesNo(str('credit')) : false;
    if (credit === undefined) error('credit', 'NOT_YES_OR_NO', `"${str('credit')}" is neither yes nor no`, 'write yes or no (是/否)');
    for (const v of values) {
      if (v.value < 0 && credit === false) {
        error(v.field, 'NEGATIVE_WITHOUT_CREDIT', `the value ${v.value} is negative, and the row does not state a credit`, 'a negative factor is a credit (an avoided burden): say so in a "credit" column (yes), or correct the sign');
      }
    }
    if (unit && co2e !== undefined && Number.isFinite(co2e)) {
      const bound = magnitudeBound(unit);
      if (bound && Math.abs(co2e) > bound.max) {
        error('co2e', 'ABSURD_MAGNITUDE', `${co2e} kg CO2e per ${unit} is more than ${bound.max.toPrecision(3)} kg CO2e per ${unit}, beyond any real factor (server/src/org-datasets/plausibility.json)`,
          'check the unit (a value per t given as per kg?) and the number\'s magnitude');
      }
    }

    let region = '';
    if (!str('region')) error('region', 'MISSING_VALUE', 'the factor has no region', FIELD_INFO.region.what);
    else {
      region = normaliseRegion(regionText(str('region')));
      if (!REGION.test(region)) error('region', 'INVALID_REGION', `"${str('region')}" is not a region code`, FIELD_INFO.region.what);
    }

    const yearValue = numberOf(cell('year'));
    if (!str('year')) error('year', 'MISSING_VALUE', 'the factor has no year', FIELD_INFO.year.what);
    else if (!Number.isInteger(yearValue) || yearValue < 1950 || yearValue > defaults.thisYear + 1) {
      error('year', 'INVALID_YEAR', `"${str('year')}" is not a year from 1950 to ${defaults.thisYear + 1}`, 'write the year the value represents, e.g. 2023');
    }

    const source = str('source') || defaults.citation;
    if (!source) error(at.has('source') ? 'source' : undefined, 'MISSING_CITATION', 'the factor cites no source, and the dataset gives no citation', 'fill the source column (a document, a supplier declaration, a meter), or give the dataset a citation');

    const dataQuality: NonNullable<Factor['dataQuality']> = {};
    for (const [field, key] of Object.entries(DQR) as [TableField, keyof NonNullable<Factor['dataQuality']>][]) {
      if (!str(field)) continue;
      const v = numberOf(cell(field));
      if (!Number.isInteger(v) || v < 1 || v > 5) error(field, 'INVALID_SCORE', `"${str(field)}" is not a score from 1 to 5`, 'rate 1 (best) to 5 (worst)');
      else dataQuality[key] = v;
    }
    if (bad) continue;

    const factor: Factor = {
      id,
      name: nameZh ? { en: nameEn || nameZh, zh: nameZh } : { en: nameEn },
      category,
      unit,
      region,
      year: yearValue,
      source: { source: source!, ...(str('url') ? { url: str('url') } : {}), row: `row ${r.row}` },
      licence: str('licence') || defaults.licence,
    };
    if (co2e !== undefined) factor.co2e = co2e;
    if (gwp) factor.gwpBasis = gwp;
    if (Object.keys(gases).length) {
      factor.gases = gases;
      factor.gasesBasis = 'mass';
    }
    if (str('boundary')) factor.boundary = str('boundary');
    if (str('notes')) factor.notes = str('notes');
    const tags = str('tags').split(/[;,、|；，]/).map((t) => t.trim()).filter(Boolean);
    if (tags.length) factor.tags = tags;
    if (credit) factor.credit = true;
    if (Object.keys(dataQuality).length) factor.dataQuality = dataQuality;
    out.factors.push(factor);
  }
  if (!out.rows) errors.push({ code: 'EMPTY_TABLE', detail: 'the table has a header row but no factors', hint: 'add a row per factor under the headers' });
  const more = moreErrors + moreWarnings;
  if (more) {
    (moreErrors ? errors : warnings).push({ code: 'TOO_MANY_PROBLEMS', detail: `${more.toLocaleString('en')} more problems (${moreErrors.toLocaleString('en')} errors) are not listed: the first ${MAX_IMPORT_PROBLEMS} are`, hint: 'fix these and check again' });
  }
  return out;
}

/**
 * @module export — an organisation dataset back to a CSV table that imports again as it is (the
 * first English header of each field in columns.json), so the organisation's data leaves with it.
 */
import type { Factor, FactorDataset } from '@greenlca/schema';
import { guardFormula } from './formula-guard.js';
import { FIELD_INFO, type TableField } from './mapping.js';

const COLUMNS: [TableField, (f: Factor) => string | number | undefined][] = [
  ['id', (f) => f.id],
  ['name', (f) => f.name.en],
  ['nameZh', (f) => f.name.zh],
  ['category', (f) => f.category],
  ['unit', (f) => f.unit],
  ['co2e', (f) => f.co2e],
  ['co2', (f) => (f.gasesBasis === 'mass' ? f.gases?.['CO2'] : undefined)],
  ['ch4', (f) => (f.gasesBasis === 'mass' ? f.gases?.['CH4'] : undefined)],
  ['n2o', (f) => (f.gasesBasis === 'mass' ? f.gases?.['N2O'] : undefined)],
  ['gwp', (f) => f.gwpBasis],
  ['region', (f) => f.region],
  ['year', (f) => f.year],
  ['source', (f) => f.source.source],
  ['url', (f) => f.source.url],
  ['boundary', (f) => f.boundary],
  ['licence', (f) => f.licence],
  ['credit', (f) => (f.credit ? 'yes' : undefined)],
  ['notes', (f) => f.notes],
  ['tags', (f) => f.tags?.join('; ')],
  ['dqrTechnological', (f) => f.dataQuality?.technological],
  ['dqrTemporal', (f) => f.dataQuality?.temporal],
  ['dqrGeographical', (f) => f.dataQuality?.geographical],
  ['dqrCompleteness', (f) => f.dataQuality?.completeness],
  ['dqrReliability', (f) => f.dataQuality?.reliability],
];

/**
 * One CSV cell (RFC 4180). Text that a spreadsheet would run as a formula (= + - @ tab or CR first) is
 * kept as text with a leading apostrophe: an exported file must not execute anything when opened.
 */
function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = guardFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The dataset's factors as CSV (UTF-8 with a BOM marker, so Excel opens Chinese text right). */
export function datasetCsv(dataset: FactorDataset): string {
  const lines = [COLUMNS.map(([field]) => cell(FIELD_INFO[field].headers[0])).join(',')];
  for (const f of dataset.factors) lines.push(COLUMNS.map(([, get]) => cell(get(f))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

import { parseCsv } from '../../lib/csv.js';
import { parseNumber } from '../../lib/numbers.js';
import type { SourceFile } from '../../lib/source-file.js';
import type { Ar, GwpRow } from './types.js';

const COLUMNS: Record<Ar, string> = { AR4: 'AR4GWP100', AR5: 'AR5GWP100', AR6: 'AR6GWP100' };

/** GWP100 values of the openclimatedata wide table; "#" comment lines come before the header. */
export function readOpenclimatedata(file: SourceFile): { rows: GwpRow[]; codesWithoutValues: string[] } {
  const lines = parseCsv(file.text()).filter((r) => !r.cells[0]?.startsWith('#'));
  const [header, ...data] = lines;
  if (!header) throw new Error('openclimatedata: empty file');
  const col = (name: string) => {
    const i = header.cells.indexOf(name);
    if (i < 0) throw new Error(`openclimatedata: no column ${name}`);
    return i;
  };
  const rows: GwpRow[] = [];
  const codesWithoutValues: string[] = [];
  for (const { line, cells } of data) {
    const code = cells[col('Species')]?.trim();
    if (!code) continue;
    let any = false;
    for (const ar of ['AR4', 'AR5', 'AR6'] as const) {
      const value = parseNumber(cells[col(COLUMNS[ar])]);
      if (value === undefined) continue;
      rows.push({ origin: 'openclimatedata', ar, value, line, code });
      any = true;
    }
    if (!any) codesWithoutValues.push(code);
  }
  return { rows, codesWithoutValues };
}

export function openclimatedataColumn(ar: Ar): string {
  return COLUMNS[ar];
}

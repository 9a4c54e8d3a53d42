import { csvRecords } from '../../lib/csv.js';
import { parseNumber } from '../../lib/numbers.js';
import type { SourceFile } from '../../lib/source-file.js';
import { SETS, type Ar, type GwpRow } from './types.js';

function clean(raw: string | undefined): string | undefined {
  const s = raw?.replace(/\s+/g, ' ').trim();
  return !s || s === '(no data)' ? undefined : s;
}

/**
 * GWP100 rows of the LCIAformatter long table. Group headings of AR5 ("Chlorofluorocarbons",
 * formula 0, value 0) and "(no data)" values are dropped.
 */
export function readLciaformatter(file: SourceFile): { rows: GwpRow[]; headings: number } {
  const rows: GwpRow[] = [];
  let headings = 0;
  for (const { line, record: r } of csvRecords(file.text())) {
    if (r.Parameter?.trim() !== 'GWP100') continue;
    const ar = r.AR?.trim() as Ar;
    if (!SETS.includes(ar)) continue;
    if (r.Formula?.trim() === '0') {
      headings++;
      continue;
    }
    const value = parseNumber(r.Value);
    if (value === undefined) continue;
    rows.push({
      origin: 'lciaformatter',
      ar,
      value,
      line,
      name: clean(r.Name),
      acronym: clean(r.Acronym),
      formula: clean(r.Formula),
      cas: clean(r.CAS),
    });
  }
  return { rows, headings };
}

import { csvRecords } from '../../lib/csv.js';
import { parseNumber } from '../../lib/numbers.js';
import type { SourceFile } from '../../lib/source-file.js';

/** One DESNZ factor: the rows that share an ID stem (…_1 total kg CO2e, _2/_3/_4 CO2/CH4/N2O). */
export interface DesnzGroup {
  /** ID without the last part, e.g. 7_400_4000_5. */
  stem: string;
  scope: string;
  level1: string;
  level2: string;
  level3: string;
  level4: string;
  columnText: string;
  uom: string;
  /** ID and value of the "kg CO2e" row; value undefined when the cell is empty. */
  total?: { id: string; value: number | undefined };
  gases: { gas: 'CO2' | 'CH4' | 'N2O'; id: string; value: number | undefined }[];
  /** Rows of other kinds (refrigerants' Kyoto/non-Kyoto split, SECR kWh …). */
  otherRows: { id: string; ghgUnit: string; value: number | undefined }[];
}

const GAS_ROW = /^kg CO2e of (CO2|CH4|N2O) per unit$/;

export function readDesnzGroups(file: SourceFile): DesnzGroup[] {
  const groups = new Map<string, DesnzGroup>();
  for (const { record: r } of csvRecords(file.text())) {
    const id = r.ID!.trim();
    const stem = id.replace(/_\d+$/, '');
    let g = groups.get(stem);
    if (!g) {
      g = {
        stem,
        scope: r.Scope!.trim(),
        level1: r['Level 1']!.trim(),
        level2: r['Level 2']!.trim(),
        level3: r['Level 3']!.trim(),
        level4: r['Level 4']!.trim(),
        columnText: r['Column Text']!.trim(),
        uom: r.UOM!.trim(),
        gases: [],
        otherRows: [],
      };
      groups.set(stem, g);
    }
    const ghgUnit = r['GHG/Unit']!.trim();
    const value = parseNumber(r['GHG Conversion Factor 2025']);
    const gas = GAS_ROW.exec(ghgUnit)?.[1] as 'CO2' | 'CH4' | 'N2O' | undefined;
    if (ghgUnit === 'kg CO2e') g.total = { id, value };
    else if (gas) g.gases.push({ gas, id, value });
    else g.otherRows.push({ id, ghgUnit, value });
  }
  return [...groups.values()];
}

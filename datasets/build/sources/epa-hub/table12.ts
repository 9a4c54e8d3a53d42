import { text, type HubTable } from './sheet.js';

/** Table 12 blend compositions ("50% HFC-32 , 50% HFC-125") by ASHRAE number, for cross-checking. */
export function table12Compositions(t: HubTable): Map<string, { gwp: number | undefined; components: [string, number][]; row: number }> {
  const out = new Map<string, { gwp: number | undefined; components: [string, number][]; row: number }>();
  for (const r of t.rows) {
    const id = text(r.cells[3]);
    const composition = text(r.cells[5]);
    if (!id || !/^R-\d/.test(id) || !composition) continue;
    const components = composition.split(/\s*,\s*/).map((part) => {
      const m = /^([\d.]+)%\s+(.+)$/.exec(part.trim());
      if (!m) throw new Error(`epa-hub Table 12 row ${r.row}: cannot read "${part}"`);
      return [m[2]!.trim(), Number(m[1])] as [string, number];
    });
    out.set(id, { gwp: typeof r.cells[4] === 'number' ? r.cells[4] : undefined, components, row: r.row });
  }
  return out;
}

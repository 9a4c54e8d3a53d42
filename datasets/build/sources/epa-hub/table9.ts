import type { Factor } from '@greenlca/schema';
import { LICENCES } from '../../lib/licences.js';
import type { BuildLog } from '../../lib/log.js';
import { shiftDecimal } from '../../lib/numbers.js';
import { slug } from '../../lib/slug.js';
import { epaCitation } from './common.js';
import { text, withoutFootnote, type HubTable } from './sheet.js';

const ROUTE_ID: Record<string, string> = {
  Recycled: 'recycled',
  Landfilled: 'landfilled',
  Combusted: 'combusted',
  Composted: 'composted',
  'Anaerobically Digested (Dry Digestate with Curing)': 'anaerobically-digested-dry',
  'Anaerobically Digested (Wet Digestate with Curing)': 'anaerobically-digested-wet',
};

const ROUTE_ZH: Record<string, string> = {
  recycled: '回收',
  landfilled: '填埋',
  combusted: '焚烧',
  composted: '堆肥',
  'anaerobically-digested-dry': '厌氧消化（干式）',
  'anaerobically-digested-wet': '厌氧消化（湿式）',
};

/**
 * Table 9, waste by material and route: metric tons CO2e per short ton → kg CO2e per short ton.
 * The table's notes say AR4 GWPs were used and that no avoided emissions are credited.
 */
export function table9(t: HubTable, log: BuildLog): Factor[] {
  const unitRow = t.rows.find((r) => text(r.cells[4]) === 'Metric Tons CO2e / Short Ton Material');
  const header = t.rows.find((r) => text(r.cells[3]) === 'Material');
  if (!unitRow || !header) throw new Error('epa-hub Table 9: header not as expected');
  const notes = t.rows.map((r) => text(r.cells[3]) ?? '').find((s) => s.startsWith('Notes:')) ?? '';
  if (!notes.includes('AR4 GWP values are used')) throw new Error('epa-hub Table 9: the GWP note changed; check the gwpBasis');
  const routes = [4, 5, 6, 7, 8, 9].map((c) => {
    const label = withoutFootnote(text(header.cells[c]) ?? '');
    const id = ROUTE_ID[label];
    if (!id) throw new Error(`epa-hub Table 9: unknown route "${label}"`);
    return { col: c, label, id };
  });
  const factors: Factor[] = [];
  let na = 0;
  for (const r of t.rows.filter((x) => x.row > header.row)) {
    const material = text(r.cells[3]);
    if (!material) continue;
    if (/^(Source|Notes)/.test(material)) break;
    for (const route of routes) {
      const v = r.cells[route.col];
      if (typeof v !== 'number') {
        if (text(v) === 'NA') na++;
        else if (v !== undefined) log.info(`Table 9 row ${r.row} ${material} ${route.label}: "${v}" is not a number, skipped`);
        continue;
      }
      factors.push({
        id: `waste-${slug(material)}-${route.id}`,
        name: { en: `Waste (US): ${material}, ${route.label.toLowerCase()}, per short ton`, zh: `废弃物（美国）：${material}，${ROUTE_ZH[route.id]}，每短吨` },
        category: 'waste',
        unit: 'ton',
        co2e: shiftDecimal(v, 3),
        gwpBasis: 'AR4',
        region: 'US',
        year: 2023,
        boundary:
          'end-of-life treatment including transport to the facility; no avoided emissions (no credits for recycling, energy recovery, carbon storage or fertiliser offset)',
        source: epaCitation(9, t.title, r.row, `${material}, ${route.label}`),
        licence: LICENCES.usPd.id,
        notes:
          `${v} metric tons CO2e per short ton in the source, × 1000 = kg CO2e per short ton ("ton" = 2000 lb). ` +
          'The table notes state AR4 GWPs. Values derive from EPA WARM (documentation of December 2023).',
        tags: ['waste', route.id],
      });
    }
  }
  log.info(`Table 9: ${factors.length} factors; ${na} "NA" cells left out`);
  return factors;
}

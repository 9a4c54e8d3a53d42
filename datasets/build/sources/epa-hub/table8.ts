import type { Factor } from '@greenlca/schema';
import { LICENCES } from '../../lib/licences.js';
import type { BuildLog } from '../../lib/log.js';
import { shiftDecimal } from '../../lib/numbers.js';
import { slug } from '../../lib/slug.js';
import { epaCitation } from './common.js';
import { text, withoutFootnote, type HubTable } from './sheet.js';

/** Units of Table 8 → mathjs. `ton` in mathjs is the US short ton (907.18474 kg), as in the Hub. */
const UNITS: Record<string, { unit: string; id: string; per: string; zh: string }> = {
  'vehicle-mile': { unit: 'mi', id: 'vehicle-mile', per: 'vehicle-mile', zh: '每车英里' },
  'short ton-mile': { unit: 'ton*mi', id: 'ton-mile', per: 'short ton-mile', zh: '每短吨英里' },
};

const ZH: Record<string, string> = {
  'Medium- and Heavy-Duty Truck': '公路货运：中重型卡车（美国）',
  Rail: '铁路货运（美国）',
  'Waterborne Craft': '水运（美国）',
  Aircraft: '空运（美国）',
};

/** Table 8, upstream/downstream transportation: kg CO2, g CH4, g N2O per vehicle-mile or short ton-mile. */
export function table8(t: HubTable, log: BuildLog): Factor[] {
  const header = t.rows.find((r) => text(r.cells[3]) === 'Vehicle Type');
  const expected = ['CO2 Factor (kg CO2 / unit)', 'CH4 Factor (g CH4 / unit)', 'N2O Factor (g N2O / unit)', 'Units'];
  if (!header || expected.some((e, i) => text(header.cells[4 + i]) !== e)) throw new Error('epa-hub Table 8: header not as expected');
  const factors: Factor[] = [];
  for (const r of t.rows.filter((x) => x.row > header.row)) {
    const raw = text(r.cells[3]);
    if (!raw || /^(Source|Notes)/.test(raw)) continue;
    const unitText = text(r.cells[7]);
    const unit = unitText ? UNITS[unitText] : undefined;
    if (!unit) {
      log.info(`Table 8 row ${r.row}: unit "${unitText}" not mapped, skipped`);
      continue;
    }
    const label = withoutFootnote(raw);
    const [co2, ch4, n2o] = [4, 5, 6].map((c) => r.cells[c]);
    if ([co2, ch4, n2o].some((v) => typeof v !== 'number')) {
      log.info(`Table 8 row ${r.row} ${label}: a gas value is missing, skipped`);
      continue;
    }
    const zh = ZH[label];
    factors.push({
      id: `transport-${slug(label)}-${unit.id}`,
      name: { en: `Transportation (US): ${label}, per ${unit.per}`, ...(zh ? { zh: `${zh}，${unit.zh}` } : {}) },
      category: 'freight',
      unit: unit.unit,
      gases: { CO2: co2 as number, CH4: shiftDecimal(ch4 as number, -3), N2O: shiftDecimal(n2o as number, -3) },
      gasesBasis: 'mass',
      region: 'US',
      year: 2022,
      boundary: 'tank-to-wheel: combustion emissions only, no upstream (well-to-tank) emissions',
      source: epaCitation(8, t.title, r.row, `${raw} (${unitText})`),
      licence: LICENCES.usPd.id,
      notes:
        `kg of each gas per ${unit.per} (g CH4 and g N2O in the source, ÷1000). ` +
        (unit.id === 'ton-mile'
          ? 'Unit "ton" is the US short ton (2000 lb). Use per ton-mile when the vehicle is shared with other companies\' goods.'
          : 'Per vehicle-mile: use when the whole vehicle carries the reporting company\'s goods.') +
        ' Data year 2022 (BTS National Transportation Statistics 2024; EPA GHG Inventory 1990–2022).',
      tags: ['transportation', unit.id],
    });
  }
  return factors;
}

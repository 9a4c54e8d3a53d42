import type { Factor } from '@greenlca/schema';
import { LICENCES } from '../../lib/licences.js';
import { shiftDecimal } from '../../lib/numbers.js';
import { epaCitation } from './common.js';
import { text, type HubTable } from './sheet.js';

/** Table 7, purchased steam and heat: kg CO2, g CH4, g N2O per mmBtu. */
export function table7(t: HubTable): Factor[] {
  const header = t.rows.find((r) => text(r.cells[4])?.startsWith('CO2 Factor'));
  const expected = ['CO2 Factor (kg CO2 / mmBtu)', 'CH4 Factor (g CH4 / mmBtu)', 'N2O Factor (g N2O / mmBtu)'];
  if (!header || expected.some((e, i) => text(header.cells[4 + i]) !== e)) throw new Error('epa-hub Table 7: header not as expected');
  const row = t.rows.find((r) => text(r.cells[3]) === 'Steam and Heat' && typeof r.cells[4] === 'number');
  if (!row) throw new Error('epa-hub Table 7: no "Steam and Heat" row');
  return [
    {
      id: 'steam-and-heat',
      name: { en: 'Purchased steam and heat (natural gas at 80% thermal efficiency), per mmBtu', zh: '外购蒸汽和热力（美国）' },
      category: 'heat',
      unit: 'MMBTU',
      gases: {
        CO2: row.cells[4] as number,
        CH4: shiftDecimal(row.cells[5] as number, -3),
        N2O: shiftDecimal(row.cells[6] as number, -3),
      },
      gasesBasis: 'mass',
      region: 'US',
      year: 2025,
      boundary: 'combustion emissions of generating the steam or heat only; no upstream emissions',
      source: epaCitation(7, t.title, row.row, 'Steam and Heat'),
      licence: LICENCES.usPd.id,
      notes: 'Per mmBtu of steam or heat purchased; assumes natural gas at 80% thermal efficiency. g CH4 and g N2O ÷1000. Year is the Hub edition year.',
      tags: ['steam-and-heat'],
    },
  ];
}

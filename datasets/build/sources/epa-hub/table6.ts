import type { Factor } from '@greenlca/schema';
import { LICENCES } from '../../lib/licences.js';
import type { BuildLog } from '../../lib/log.js';
import { multiplyExact } from '../../lib/numbers.js';
import { slug } from '../../lib/slug.js';
import { epaCitation } from './common.js';
import { text, type HubTable } from './sheet.js';

const KG_PER_LB = 0.45359237;

/** Table 6, eGRID2023 subregion total output emission rates (lb/MWh → kg/MWh). Non-baseload rates are not built. */
export function table6(t: HubTable, log: BuildLog): Factor[] {
  const header = t.rows.find((r) => text(r.cells[3]) === 'eGRID Subregion Acronym');
  const units = t.rows.find((r) => text(r.cells[5]) === '(lb CO2 / MWh)');
  if (!header || !units || text(units.cells[6]) !== '(lb CH4 / MWh)' || text(units.cells[7]) !== '(lb N2O / MWh)') {
    throw new Error('epa-hub Table 6: header not as expected');
  }
  const factors: Factor[] = [];
  for (const r of t.rows) {
    const acronym = text(r.cells[3]);
    const name = text(r.cells[4]);
    if (!acronym || !name || typeof r.cells[5] !== 'number') continue;
    const us = acronym === 'US Average';
    const [co2, ch4, n2o] = [5, 6, 7].map((c) => r.cells[c]);
    if ([co2, ch4, n2o].some((v) => typeof v !== 'number')) {
      log.info(`Table 6 row ${r.row} ${acronym}: a gas value is missing, skipped`);
      continue;
    }
    factors.push({
      id: `electricity-egrid-${slug(acronym)}`,
      name: { en: us ? 'Electricity, US average (eGRID2023 total output emission rate)' : `Electricity, eGRID subregion ${acronym} (${name}), total output emission rate` },
      category: 'electricity',
      unit: 'MWh',
      gases: {
        CO2: multiplyExact(co2 as number, KG_PER_LB),
        CH4: multiplyExact(ch4 as number, KG_PER_LB),
        N2O: multiplyExact(n2o as number, KG_PER_LB),
      },
      gasesBasis: 'mass',
      region: us ? 'US' : `US-${acronym}`,
      year: 2023,
      boundary: 'emissions at generation (total output emission rate, location-based); excludes T&D losses and upstream fuel emissions',
      source: epaCitation(6, t.title, r.row, `${acronym} ${name}, total output emission factors (eGRID2023, January 2025)`),
      licence: LICENCES.usPd.id,
      notes: `Source values ${co2} lb CO2, ${ch4} lb CH4, ${n2o} lb N2O per MWh, converted to kg (× 0.45359237 kg/lb, the exact decimal product).`,
      tags: ['egrid', us ? 'national' : 'subregion'],
    });
  }
  return factors;
}

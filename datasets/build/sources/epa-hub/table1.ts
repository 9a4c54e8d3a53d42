import type { Factor } from '@greenlca/schema';
import { LICENCES } from '../../lib/licences.js';
import type { BuildLog } from '../../lib/log.js';
import { shiftDecimal } from '../../lib/numbers.js';
import { slug } from '../../lib/slug.js';
import { epaCitation } from './common.js';
import { text, type HubTable } from './sheet.js';

/** Physical units of Table 1 → mathjs units. scf (standard cubic foot) is a volume at standard conditions. */
const UNITS: Record<string, { unit: string; id: string }> = {
  mmBtu: { unit: 'MMBTU', id: 'mmbtu' },
  'short ton': { unit: 'ton', id: 'short-ton' },
  scf: { unit: 'ft^3', id: 'scf' },
  gallon: { unit: 'gal', id: 'gallon' },
};

interface Column {
  col: number;
  gas: 'CO2' | 'CH4' | 'N2O';
  /** Decimal places to shift to reach kg (g → −3). */
  toKg: number;
  per: string;
}

/** "kg CO2 per mmBtu" / "g CH4 per short ton" → column meaning. */
function parseUnitHeader(col: number, label: string | undefined): Column | undefined {
  const m = label && /^(kg|g) (CO2|CH4|N2O) per (.+)$/.exec(label);
  if (!m) return undefined;
  return { col, gas: m[2] as Column['gas'], toKg: m[1] === 'g' ? -3 : 0, per: m[3]! };
}

/**
 * Table 1, stationary combustion: per mmBtu (HHV) and per physical unit, CO2/CH4/N2O in kg.
 * Unit header rows ("kg CO2 per mmBtu | g CH4 per mmBtu …") repeat whenever the physical unit changes.
 */
export function table1(t: HubTable, log: BuildLog): Factor[] {
  const factors: Factor[] = [];
  let columns: Column[] = [];
  let section = '';
  for (const r of t.rows) {
    const header = [5, 6, 7, 8, 9, 10].map((c) => parseUnitHeader(c, text(r.cells[c])));
    if (header.some(Boolean)) {
      columns = header.filter((c): c is Column => !!c);
      continue;
    }
    const label = text(r.cells[3]);
    if (!label || label === 'Fuel Type') continue;
    if (/^(Source|Notes):?$/.test(label)) break;
    const numbers = columns.filter((c) => typeof r.cells[c.col] === 'number');
    if (!numbers.length) {
      section = label;
      continue;
    }
    const biomass = /^Biomass Fuels/i.test(section);
    for (const per of [...new Set(numbers.map((c) => c.per))]) {
      const unit = UNITS[per];
      if (!unit) {
        log.info(`Table 1 row ${r.row}: unit "${per}" not mapped, skipped`);
        continue;
      }
      const gases: Record<string, number> = {};
      for (const c of numbers.filter((x) => x.per === per)) {
        // CO2 from burning biomass is biogenic; the engine reports it apart from fossil CO2.
        const key = c.gas === 'CO2' && biomass ? 'CO2 (biogenic)' : c.gas;
        gases[key] = shiftDecimal(r.cells[c.col] as number, c.toKg);
      }
      factors.push({
        id: `stationary-${slug(label)}-${unit.id}`,
        name: { en: `Stationary combustion: ${label} (${section}), per ${per}` },
        category: 'fuel',
        unit: unit.unit,
        gases,
        gasesBasis: 'mass',
        // EPA's biomass fuels: their CO2 is biogenic and their CH4 and N2O come from burning biomass.
        ...(biomass ? { origin: 'biogenic' as const } : {}),
        region: 'US',
        year: 2025,
        boundary: 'combustion emissions only (no upstream emissions); CH4 and N2O by fuel type',
        source: epaCitation(1, t.title, r.row, `${section} > ${label}, per ${per}`),
        licence: LICENCES.usPd.id,
        notes:
          `kg of each gas per ${per} (g CH4 and g N2O in the source, ÷1000). Heat contents are higher heating values (HHV).` +
          (biomass ? ' CO2 of biomass fuels is keyed "CO2 (biogenic)".' : '') +
          ' Year is the Hub edition year; the table states no data year.',
        tags: ['stationary-combustion', slug(section)],
      });
    }
  }
  return factors;
}

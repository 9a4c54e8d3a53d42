import type { Factor, FactorDataset, Substance, SubstanceDataset } from '@greenlca/schema';
import { createLibrary, type FactorLibrary } from '../library/library.js';

/**
 * A small synthetic library for unit tests. Factor values are round test numbers (labelled as
 * fixtures, not real data); the GWP100 values are the IPCC ones (AR4 Table 2.14, AR5 Table 8.A.1,
 * AR6 Table 7.SM.7) so hand calculations read like real ones.
 */
const cite = { source: 'GreenLCA unit-test fixture (synthetic value)' };

function factor(id: string, unit: string, extra: Partial<Factor>): Factor {
  return { id, name: { en: id }, category: 'other', unit, region: 'GLO', year: 2024, source: cite, licence: 'test', ...extra };
}

export const fixtureFactors: FactorDataset = {
  id: 'fx',
  version: '0.0.1',
  edition: 'test',
  title: { en: 'Test fixture' },
  publisher: 'GreenLCA tests',
  licences: [{ id: 'test', name: 'test fixture', attribution: 'synthetic' }],
  sourceFiles: [],
  builtBy: 'hand',
  factors: [
    factor('steel', 'kg', { co2e: 2, gwpBasis: 'AR6', category: 'material' }),
    factor('abs', 't', { co2e: 3000, gwpBasis: 'AR6', category: 'material' }),
    factor('grid-co2only', 'kWh', { gases: { CO2: 0.5 }, gasesBasis: 'mass', co2Only: true, region: 'CN', year: 2022, category: 'electricity' }),
    factor('grid-lca', 'kWh', { co2e: 0.5, region: 'CN', year: 2024, category: 'electricity' }),
    factor('grid-uk', 'kWh', {
      co2e: 0.177, gwpBasis: 'AR5', gases: { CO2: 0.175, CH4: 0.0008, N2O: 0.0012 }, gasesBasis: 'co2e', region: 'GB', year: 2025,
      category: 'electricity',
    }),
    factor('truck', 't*km', { co2e: 0.1, gwpBasis: 'AR6', category: 'freight' }),
    factor('truck-us', 'ton*mi', { gases: { CO2: 0.2, CH4: 0.001, N2O: 0.0001 }, gasesBasis: 'mass', region: 'US', category: 'freight' }),
    factor('landfill', 't', { co2e: 500, gwpBasis: 'AR6', category: 'waste' }),
    factor('recycling', 't', { co2e: 20, gwpBasis: 'AR6', category: 'waste' }),
    factor('old-fuel', 'L', { co2e: 2.5, gwpBasis: 'AR4', region: 'GLO', year: 2010, category: 'fuel' }),
    factor('box', 'item', { co2e: 0.3, gwpBasis: 'AR6', category: 'material' }),
  ],
};

const ipcc = { source: 'IPCC GWP100 (test copy)' };
function gas(id: string, ar4: number | undefined, ar5: number, ar6: number, aliases: string[] = []): Substance {
  const gwp100: Substance['gwp100'] = { AR5: { value: ar5, source: ipcc }, AR6: { value: ar6, source: ipcc } };
  if (ar4 !== undefined) gwp100.AR4 = { value: ar4, source: ipcc };
  return { id, name: { en: id }, aliases, gwp100 };
}

export const fixtureSubstances: SubstanceDataset = {
  id: 'gwp-fx',
  version: '0.0.1',
  edition: 'test',
  title: { en: 'Test GWP table' },
  licences: [{ id: 'test', name: 'test', attribution: 'IPCC values' }],
  sourceFiles: [],
  builtBy: 'hand',
  substances: [
    gas('CO2', 1, 1, 1, ['Carbon dioxide']),
    gas('CH4', 25, 28, 27.9, ['Methane']),
    gas('N2O', 298, 265, 273, ['Nitrous oxide', 'Dinitrogen monoxide']),
    gas('HFC-134a', 1430, 1300, 1530, ['HFC134a', 'R-134a', 'R134a']),
    gas('HFC-32', 675, 677, 771, ['R-32']),
    gas('NEW-GAS', undefined, 10, 12),
  ],
};

export function fixtureLibrary(): FactorLibrary {
  return createLibrary([fixtureFactors], fixtureSubstances);
}

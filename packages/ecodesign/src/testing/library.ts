import { createLibrary, type FactorLibrary } from '@greenlca/engine';
import type { Factor, FactorDataset, SubstanceDataset } from '@greenlca/schema';

/**
 * A synthetic factor library for the evaluation tests: round numbers, labelled as fixtures, one factor
 * per category the computations look at (material, electricity, heat, fuel, water, waste).
 */
const cite = { source: 'GreenLCA ecodesign test fixture (synthetic value)' };

function factor(id: string, unit: string, category: Factor['category'], co2e: number): Factor {
  return { id, name: { en: id }, category, unit, co2e, gwpBasis: 'AR6', region: 'GLO', year: 2024, source: cite, licence: 'test' };
}

export const testFactors: FactorDataset = {
  id: 'tx',
  version: '0.0.1',
  edition: 'test',
  title: { en: 'Ecodesign test fixture' },
  publisher: 'GreenLCA tests',
  licences: [{ id: 'test', name: 'test fixture', attribution: 'synthetic' }],
  sourceFiles: [],
  builtBy: 'hand',
  factors: [
    factor('steel', 'kg', 'material', 2),
    factor('abs', 'kg', 'material', 3),
    factor('cardboard', 'kg', 'material', 1),
    factor('grid', 'kWh', 'electricity', 0.5),
    factor('steam', 'MJ', 'heat', 0.1),
    factor('diesel', 'L', 'fuel', 2.7),
    factor('tap-water', 'm^3', 'water', 0.3),
    factor('truck', 't*km', 'freight', 0.1),
    factor('landfill', 'kg', 'waste', 0.5),
  ],
};

export const testSubstances: SubstanceDataset = {
  id: 'gwp-tx',
  version: '0.0.1',
  edition: 'test',
  title: { en: 'Test GWP table' },
  licences: [{ id: 'test', name: 'test', attribution: 'IPCC values' }],
  sourceFiles: [],
  builtBy: 'hand',
  substances: [
    { id: 'CO2', name: { en: 'CO2' }, aliases: [], gwp100: { AR6: { value: 1, source: { source: 'IPCC AR6 (test copy)' } } } },
  ],
};

export function testLibrary(): FactorLibrary {
  return createLibrary([testFactors], testSubstances);
}

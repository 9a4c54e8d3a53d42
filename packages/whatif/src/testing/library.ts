import { createLibrary, type FactorLibrary } from '@greenlca/engine';
import type { Factor, FactorDataset, Substance, SubstanceDataset } from '@greenlca/schema';

/**
 * A small library for what-if tests, shaped like the bundled data (DESNZ material routes, grid
 * factors by region, freight modes) with round synthetic values so answers can be checked by hand.
 * Not real data.
 */
const cite = { source: 'GreenLCA what-if test fixture (synthetic value)' };

function factor(id: string, en: string, category: Factor['category'], unit: string, co2e: number, extra: Partial<Factor> = {}): Factor {
  return { id, name: { en }, category, unit, co2e, gwpBasis: 'AR6', region: 'GLO', year: 2024, source: cite, licence: 'test', ...extra };
}

export const whatifFactors: FactorDataset = {
  id: 'wf',
  version: '0.0.1',
  edition: 'test',
  title: { en: 'What-if test fixture' },
  publisher: 'GreenLCA tests',
  licences: [{ id: 'test', name: 'test fixture', attribution: 'synthetic' }],
  sourceFiles: [],
  builtBy: 'hand',
  factors: [
    factor('aluminium-primary', 'Metal: aluminium cans and foil (excl. forming), primary material production', 'material', 't', 9000),
    factor('aluminium-closed-loop', 'Metal: aluminium cans and foil (excl. forming), closed-loop source', 'material', 't', 1000),
    factor('plastic-primary', 'Plastics: average plastics, primary material production', 'material', 't', 3000),
    factor('plastic-closed-loop', 'Plastics: average plastics, closed-loop source', 'material', 't', 1500),
    factor('steel', 'Steel, primary', 'material', 'kg', 2),
    factor('glass-primary', 'Glass, primary material production', 'material', 't', 1400),
    factor('grid-cn', 'Electricity, China national grid', 'electricity', 'kWh', 0.5, { region: 'CN', year: 2023 }),
    factor('grid-cn-yn', 'Electricity, Yunnan provincial grid', 'electricity', 'kWh', 0.1, { region: 'CN-YN', year: 2023 }),
    factor('grid-cn-sd', 'Electricity, Shandong provincial grid', 'electricity', 'kWh', 0.7, { region: 'CN-SD', year: 2023 }),
    factor('grid-fr', 'Electricity, France', 'electricity', 'kWh', 0.05, { region: 'FR', year: 2023 }),
    factor('hgv', 'Freighting goods, HGV (all diesel), average laden', 'freight', 't*km', 0.1),
    factor('rail', 'Freighting goods, freight train', 'freight', 't*km', 0.025),
    factor('air', 'Freighting goods, freight flight, long-haul', 'freight', 't*km', 1),
    factor('ship', 'Freighting goods, cargo ship, container ship, average', 'freight', 't*km', 0.015),
    factor('landfill', 'Waste disposal, landfill', 'waste', 't', 500),
    factor('gas', 'Natural gas', 'fuel', 'kWh', 0.2),
  ],
};

const ipcc = { source: 'IPCC GWP100 (test copy)' };
function gas(id: string, ar5: number, ar6: number, aliases: string[] = []): Substance {
  return { id, name: { en: id }, aliases, gwp100: { AR4: { value: ar5, source: ipcc }, AR5: { value: ar5, source: ipcc }, AR6: { value: ar6, source: ipcc } } };
}

export const whatifSubstances: SubstanceDataset = {
  id: 'gwp-wf',
  version: '0.0.1',
  edition: 'test',
  title: { en: 'Test GWP table' },
  licences: [{ id: 'test', name: 'test', attribution: 'IPCC values' }],
  sourceFiles: [],
  builtBy: 'hand',
  substances: [gas('CO2', 1, 1), gas('CH4', 28, 27.9), gas('HFC-134a', 1300, 1526, ['R-134a'])],
};

export function whatifLibrary(): FactorLibrary {
  return createLibrary([whatifFactors], whatifSubstances);
}

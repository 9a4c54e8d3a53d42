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
    factor('material-aluminium-primary', 'Material use: Metal: aluminium cans and foil (excl. forming), Primary material production, per tonne', 'material', 't', 9000),
    factor('material-aluminium-closed-loop-source', 'Material use: Metal: aluminium cans and foil (excl. forming), Closed-loop source, per tonne', 'material', 't', 1000),
    factor('material-plastics-primary', 'Material use: Plastics: average plastics, Primary material production, per tonne', 'material', 't', 3000),
    factor('material-plastics-closed-loop-source', 'Material use: Plastics: average plastics, Closed-loop source, per tonne', 'material', 't', 1500),
    factor('steel', 'Steel, primary', 'material', 'kg', 2),
    factor('material-glass-primary', 'Material use: Glass, Primary material production, per tonne', 'material', 't', 1400),
    factor('grid-cn', 'Electricity, China national grid', 'electricity', 'kWh', 0.5, { region: 'CN', year: 2023 }),
    factor('grid-cn-yn', 'Electricity, Yunnan provincial grid', 'electricity', 'kWh', 0.1, { region: 'CN-YN', year: 2023 }),
    factor('grid-cn-sd', 'Electricity, Shandong provincial grid', 'electricity', 'kWh', 0.7, { region: 'CN-SD', year: 2023 }),
    factor('grid-cn-footprint-2024', 'Electricity, China national carbon footprint 2024', 'electricity', 'kWh', 0.58, { region: 'CN', year: 2024 }),
    factor('grid-fr', 'Electricity, France', 'electricity', 'kWh', 0.05, { region: 'FR', year: 2023 }),
    factor('freight-hgv-average-laden-tkm', 'Freight: HGV (all diesel), All HGVs, Average laden, per tonne.km', 'freight', 't*km', 0.1),
    factor('freight-rail-freight-train-tkm', 'Freight: Rail, Freight train, per tonne.km', 'freight', 't*km', 0.025),
    factor('freight-flights-long-haul-tkm', 'Freight: Freight flights, Long-haul, per tonne.km', 'freight', 't*km', 1),
    factor('freight-cargo-ship-container-ship-average-tkm', 'Freight: Cargo ship, Container ship, Average, per tonne.km', 'freight', 't*km', 0.015),
    factor('freight-cargo-ship-bulk-carrier-average-tkm', 'Freight: Cargo ship, Bulk carrier, Average, per tonne.km', 'freight', 't*km', 0.005),
    factor('freight-van-average-km', 'Freight: Vans, Average, per vehicle km', 'freight', 'km', 0.3),
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

/**
 * Impact assessment of a hand-worked product with the bundled methods. The factors used by hand are the
 * publishers' (TRACI 2.2 xlsx: CH4 25 and N2O 298 kg CO2 eq, CH4 smog 0.0143794871794872 kg O3 eq;
 * EF 3.1 ILCD: CO2 fossil 1, CH4 fossil 29.8 (also methane of unstated origin, mappings/manual/ef-3.1.csv), N2O 273, biogenic CO2 0; IPCC AR5: CH4 28, CH4 fossil 30, N2O 265),
 * which datasets/src tests check against the source files themselves.
 */
import { describe, expect, it } from 'vitest';
import { bundledLcia, bundledFactorDatasets, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary } from '@greenlca/engine';

const library = createLibrary(bundledFactorDatasets, bundledSubstances);

const product = {
  schemaVersion: 1, id: 'hand-lcia', name: 'Hand-worked LCIA', functionalUnit: { amount: 1, unit: 'item' }, gwp: 'AR5',
  factors: [
    { id: 'boiler', unit: 'MJ', gases: { CO2: 0.05, 'CH4-fossil': 0.0001, N2O: 0.00001 }, category: 'fuel' },
    { id: 'wood', unit: 'kg', gases: { CO2: 1.8 }, biogenic: true, category: 'fuel' },
    { id: 'part', unit: 'kg', co2e: 3, category: 'material' },
    // A wastewater treatment step per m3: 0.002 kg phosphate to fresh water, no greenhouse gas.
    { id: 'wastewater', unit: 'm^3', flows: { 'water/fresh-water/phosphate': 0.002 }, category: 'waste' },
  ],
  inventory: [
    { stage: 'manufacture', factor: 'boiler', amount: '100 MJ' },
    { stage: 'manufacture', factor: 'wood', amount: '2 kg' },
    { stage: 'use', substance: 'CH4', amount: '0.01 kg' },
    { stage: 'manufacture', factor: 'part', amount: '0.5 kg' },
    { stage: 'manufacture', substance: 'air/urban/sulfur-dioxide', amount: '0.1 kg' },
    { stage: 'use', factor: 'wastewater', amount: '5 m^3' },
  ],
};

describe('impact categories of a hand-worked product', async () => {
  const lcia = await bundledLcia(['TRACI 2.2', 'EF 3.1', 'AR5']);
  const r = calculate(product, library, { lcia });
  const cat = (method: string, id: string) => r.impacts!.find((m) => m.method.id === method)!.categories.find((c) => c.id === id)!;

  it('TRACI 2.2 climate change: gas by gas, biogenic CO2 at the generic CO2 factor, the CO2e-only line as a stated proxy', () => {
    // boiler 100 × (0.05 + 0.0001 × 25 + 0.00001 × 298) = 5.548; wood 3.6 × 1; CH4 0.01 × 25 = 0.25;
    // part: 1.5 kg CO2e (its own total, in the product's AR5) as a proxy.
    const c = cat('traci-2.2', 'climate-change');
    expect(c.total).toBeCloseTo(5.548 + 3.6 + 0.25 + 1.5, 12);
    expect(c.coverage.lines).toBe(5); // all but the CO2e-only part
    expect(c.coverage.missing).toEqual([]);
    expect(c.coverage.proxyShareOfClimate).toBeGreaterThan(0);
  });

  it('TRACI 2.2 smog formation: methane only, the part left out and the coverage below 100 %', () => {
    const c = cat('traci-2.2', 'smog-formation');
    expect(c.total).toBeCloseTo((100 * 0.0001 + 0.01) * 0.014379487179487182, 15);
    expect(c.coverage.missing).toEqual(['/inventory/3']);
    // |CO2e| of the three lines with gases over all lines, under AR5.
    const gases = 100 * (0.05 + 0.0001 * 30 + 0.00001 * 265) + 3.6 + 0.01 * 28;
    expect(c.coverage.shareOfClimate).toBeCloseTo(gases / (gases + 1.5), 12);
  });

  it('EF 3.1 fossil and biogenic climate change apart; methane of unstated origin at the fossil factor, by the written rule', () => {
    // boiler 100 × (0.05 + 0.0001 × 29.8 + 0.00001 × 273) = 5.571; the direct 0.01 kg CH4 (origin unstated) × 29.8
    // (EF "methane (fossil)", mappings/manual/ef-3.1.csv) = 0.298; biogenic CO2 has 0 in EF 3.1.
    expect(cat('ef-3.1', 'climate-change-fossil').total).toBeCloseTo(5.571 + 0.298, 12);
    expect(cat('ef-3.1', 'climate-change-biogenic').total).toBe(0);
    const climate = cat('ef-3.1', 'climate-change');
    expect(climate.total).toBeCloseTo(5.571 + 0.298 + 1.5, 12);
    expect(climate.coverage.uncharacterised).toEqual([]);
  });

  it('flows named in the product: SO2 to urban air by flow id, phosphate to fresh water through a custom factor', () => {
    // TRACI acidification: urban air falls back to air/unspecified, SO2 = 1 kg SO2 eq (row 2663).
    expect(cat('traci-2.2', 'acidification').total).toBeCloseTo(0.1, 15);
    // EF 3.1 acidification: SO2 to urban air 1.31 mol H+ eq/kg.
    expect(cat('ef-3.1', 'acidification').total).toBeCloseTo(0.131, 15);
    // EF 3.1 freshwater eutrophication: 5 m3 × 0.002 kg × 0.33 kg P eq/kg phosphate.
    expect(cat('ef-3.1', 'eutrophication-freshwater').total).toBeCloseTo(0.0033, 15);
    expect(cat('ef-3.1', 'eutrophication-freshwater').lines).toEqual([{ path: '/inventory/5', value: 0.0033 }]);
    // In the emission inventory, by flow and compartment.
    const inv = r.inventory!.emissions;
    expect(inv.find((e) => e.flow === 'water/fresh-water/phosphate')).toMatchObject({ compartment: 'water', amount: 0.01 });
    expect(inv.find((e) => e.flow === 'air/urban/sulfur-dioxide')).toMatchObject({ compartment: 'air', amount: 0.1 });
    // No climate effect, and no change to the CO2e total.
    expect(r.lines.find((l) => l.path === '/inventory/4')!.kgCO2e).toBe(0);
  });

  it('a greenhouse gas under a custom factor\'s flows is refused (it belongs under gases); an unknown flow gets a did-you-mean', () => {
    const bad = { ...product, factors: [{ id: 'x', unit: 'kg', flows: { 'air/unspecified/methane': 1, 'air/unspecified/sulfur-dioxid': 1 } }],
      inventory: [{ stage: 'use', factor: 'x', amount: '1 kg' }] };
    expect(() => calculate(bad, library, { lcia })).toThrow(/greenhouse gas[\s\S]*no elementary flow "air\/unspecified\/sulfur-dioxid"|no elementary flow[\s\S]*greenhouse gas/);
  });

  it('IPCC AR5 climate change through elementary flows equals the engine\'s own AR5 total less biogenic CO2 (counted 0 by the method files)', () => {
    expect(r.total.biogenicKgCO2e).toBe(3.6);
    // fossil (the boiler's and the direct CH4) + not split (the part's CO2e total, taken as a proxy by the method)
    expect(r.total.notSplitKgCO2e).toBe(1.5);
    expect(cat('ipcc-ar5', 'climate-change').total).toBeCloseTo(r.total.fossilKgCO2e + r.total.notSplitKgCO2e, 12);
  });

  it('an unknown method is refused with the list of bundled ones', async () => {
    await expect(bundledLcia(['ReCiPe'])).rejects.toThrow(/ef-3.1.*traci-2.2|traci-2.2/);
  });
});

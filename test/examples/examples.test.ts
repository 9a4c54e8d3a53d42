import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledFactorDatasets, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary } from '@greenlca/engine';

const dir = join(import.meta.dirname, '../../examples');
const library = createLibrary(bundledFactorDatasets, bundledSubstances);
const load = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

/** A bundled factor's published kg CO2e per unit, read from the dataset (the value the hand calculation uses). */
function co2e(id: string): number {
  const entry = library.factor(id);
  if (!entry?.factor.co2e) throw new Error(`no CO2e value for ${id}`);
  return entry.factor.co2e;
}

const gwp = (gas: string, set: 'AR5' | 'AR6') => bundledSubstances.substances.find((s) => s.id === gas)!.gwp100[set]!.value;

/**
 * A DESNZ factor published in AR5 with its gas split, re-characterised with AR6 by hand: each gas's
 * kg CO2e contribution ÷ its AR5 GWP × its AR6 GWP (CO2 stays as it is).
 */
function ar6FromAr5Split(id: string): number {
  const gases = library.factor(id)!.factor.gases!;
  return Object.entries(gases).reduce((sum, [gas, co2eAr5]) => sum + (co2eAr5 / gwp(gas, 'AR5')) * gwp(gas, 'AR6'), 0);
}

describe('examples', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.includes('-evaluation') && !f.includes('-scenarios'));

  it('include the four products of the green-design programme', () => {
    expect(files).toEqual(expect.arrayContaining(['electric-kettle.json', 'room-air-conditioner.json', 'beer-bottle.json', 'distribution-transformer.json']));
  });

  for (const file of files) {
    it(`${file} calculates against bundled factors only, every line cited`, () => {
      const product = load(file);
      expect(product.factors ?? []).toEqual([]);
      const r = calculate(product, library);
      expect(r.total.kgCO2e).toBeGreaterThan(0);
      for (const line of r.lines) {
        expect(line.source.dataset).toBeTruthy();
        expect(line.source.citation.length).toBeGreaterThan(10);
      }
      expect(r.warnings.filter((w) => w.code === 'UNKNOWN_FIELD' || w.code === 'EOL_NOT_MODELLED')).toEqual([]);
    });
  }

  it('electric kettle: every line by hand', () => {
    const r = calculate(load('electric-kettle.json'), library);
    const grid = co2e('cn-mee/electricity-footprint-national-2024'); // 0.5777 kg CO2e/kWh (MEE/NBS/NEA 2024)
    // Freight factors come with a CO2/CH4/N2O split, so the product's AR6 applies to them.
    const hgv = ar6FromAr5Split('desnz-2025/freight-hgv-all-diesel-all-hgvs-average-laden-tkm');
    const rail = ar6FromAr5Split('desnz-2025/freight-rail-freight-train-tkm');
    const f = (id: string) => co2e(`desnz-2025/${id}`);
    // Masses in tonnes because DESNZ material and waste factors are per tonne.
    const stage = {
      design: 0.05 * grid,
      manufacture: 1.2 * grid + 0.00045 * f('material-plastics-pp-incl-forming-primary') + 0.00025 * f('material-metal-steel-cans-primary')
        + 0.00008 * f('material-electrical-items-small-primary') + 0.00012 * f('material-plastics-pvc-incl-forming-primary'),
      packaging: 0.00035 * f('material-paper-and-board-board-primary') + 0.00002 * f('material-plastics-ldpe-and-lldpe-incl-forming-primary'),
      transport: 1.35 * 1.2 * hgv + 1.35 * 0.8 * rail, // 1.35 kg × 1200 km = 1.62 t·km; × 800 km = 1.08 t·km
      use: 0.11 * 3 * 365 * 5 * grid, // 602.25 kWh
      endOfLife: 0.045 * hgv
        + 0.00045 * (0.3 * f('waste-plastics-pp-incl-forming-open-loop') + 0.5 * f('waste-plastics-pp-incl-forming-incineration') + 0.2 * f('waste-plastics-pp-incl-forming-landfill'))
        + 0.00025 * (0.9 * f('waste-metal-steel-cans-open-loop') + 0.1 * f('waste-metal-steel-cans-landfill'))
        + 0.00008 * (0.6 * f('waste-weee-small-open-loop') + 0.4 * f('waste-weee-small-landfill'))
        + 0.00012 * f('waste-plastics-pvc-incl-forming-landfill')
        + 0.00035 * (0.8 * f('waste-paper-and-board-board-closed-loop') + 0.2 * f('waste-paper-and-board-board-landfill'))
        + 0.00002 * f('waste-plastics-ldpe-and-lldpe-incl-forming-incineration'),
    };
    for (const [name, value] of Object.entries(stage)) expect(r.byStage[name as keyof typeof stage].kgCO2e).toBeCloseTo(value, 9);
    expect(r.byStage.use.kgCO2e).toBe(347.919825); // 602.25 kWh × 0.5777, exact
    expect(r.total.kgCO2e).toBeCloseTo(Object.values(stage).reduce((a, b) => a + b, 0), 9);
  });

  it('room air conditioner: refrigerant charging loss, leakage and disposal loss of R-32 with AR6', () => {
    const r = calculate(load('room-air-conditioner.json'), library);
    const r32 = gwp('HFC-32', 'AR6'); // 771 (AR6 Table 7.SM.7)
    const refrigerant = r.lines.filter((l) => l.substance === 'HFC-32');
    // 0.75 kg × 1 %; 0.75 kg × 3 %/yr × 10 yr; 0.75 kg × (1 − 0.7)
    expect(refrigerant.map((l) => l.amount.value)).toEqual([0.0075, 0.225, 0.225]);
    expect(refrigerant.map((l) => l.kgCO2e)).toEqual([0.0075 * r32, 0.225 * r32, 0.225 * r32].map((x) => Number(x.toPrecision(15))));
    expect(r.lines.find((l) => l.label === 'Electricity in use')!.amount.value).toBe(10500); // 1050 kWh/yr × 10 yr
  });

  it('distribution transformer: losses over 30 years', () => {
    const r = calculate(load('distribution-transformer.json'), library);
    // (0.41 kW + 4.52 kW × 0.4²) × 8760 h × 30 = 1.1332 kW × 262800 h = 297,805 kWh (to the last digit: 297804.96)
    const losses = r.lines.find((l) => l.stage === 'use')!;
    expect(losses.amount.value).toBe(297804.96);
    expect(losses.kgCO2e).toBeCloseTo(297804.96 * co2e('cn-mee/electricity-footprint-national-2024'), 6);
  });
});

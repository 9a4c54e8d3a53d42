import { describe, expect, it } from 'vitest';
import { calculate } from '../calculate.js';
import { LcaInputError } from '../errors.js';
import { fixtureLibrary } from '../testing/fixture-library.js';

const lib = fixtureLibrary();
const base = { schemaVersion: 1, id: 'p', name: 'p', functionalUnit: { amount: 1, unit: 'item' } };

/**
 * Electricity ↔ coal mining, a loop solved by hand (AR6):
 *   1 kWh of electricity: 0.4 kg coal, emits 0.9 kg CO2
 *   1 kg of coal:         0.1 kWh electricity, emits 0.01 kg CH4 (× 27.9 = 0.279 kg CO2e)
 *   λe = 0.9 + 0.4 λc,  λc = 0.279 + 0.1 λe  ⇒  0.96 λe = 1.0116, λe = 1.05375, λc = 0.384375
 */
const loop = {
  ...base,
  processes: [
    { id: 'power', unit: 'kWh', inputs: [{ process: 'coal', amount: '0.4 kg' }, { substance: 'CO2', amount: '0.9 kg' }] },
    { id: 'coal', unit: 'kg', inputs: [{ process: 'power', amount: '0.1 kWh' }, { substance: 'CH4', amount: '10 g' }] },
  ],
};

describe('foreground process networks', () => {
  it('solves a loop: electricity ↔ coal mining', () => {
    const r = calculate({ ...loop, inventory: [{ stage: 'use', factor: 'power', amount: '100 kWh' }, { stage: 'manufacture', factor: 'coal', amount: '2 kg' }] }, lib);
    expect(r.lines[0]!.factorValue.kgCO2e).toBe(1.05375);
    expect(r.byStage.use.kgCO2e).toBe(105.375);
    expect(r.byStage.manufacture.kgCO2e).toBe(0.76875);
    // CO2 per kWh: 0.9 / 0.96 = 0.9375; CH4 (as CO2e): 0.4 × 0.279 / 0.96 = 0.11625
    expect(r.lines[0]!.byGas).toEqual({ CO2: 93.75, CH4: 11.625 });
    // kg CH4: 100 kWh × 0.004/0.96 + 2 kg × (0.01 + 0.1 × 0.004/0.96) = 0.4375
    expect(r.byGas.CH4!.kg).toBeCloseTo(0.4375, 12);
  });

  it('carries the origin split through the network: a wood boiler\'s CH4 stays biogenic, a CO2e total stays not split', () => {
    // 1 MJ of heat: 0.1 kg chips (CO2 1.6, CH4 0.001 per kg, from biomass) and 0.02 kg resin (CO2e 3 per kg, no split)
    //   biogenic CO2 0.16; biogenic CH4 0.0001 × 27.9 = 0.00279; not split 0.06 → per 50 MJ: 8, 0.1395, 3
    const r = calculate({
      ...base,
      factors: [
        { id: 'own/chips', unit: 'kg', gases: { CO2: 1.6, CH4: 0.001 }, biogenic: true, source: 'measured' },
        { id: 'own/resin', unit: 'kg', co2e: 3, source: 'EPD' },
      ],
      processes: [{ id: 'heat', unit: 'MJ', inputs: [{ factor: 'own/chips', amount: '0.1 kg' }, { factor: 'own/resin', amount: '0.02 kg' }] }],
      inventory: [{ stage: 'manufacture', factor: 'heat', amount: '50 MJ' }],
    }, lib);
    expect(r.total).toMatchObject({ kgCO2e: 11.1395, fossilKgCO2e: 0, biogenicKgCO2e: 8.1395, notSplitKgCO2e: 3 });
    expect(r.total.biogenicDetail).toEqual({ co2EmissionsKgCO2e: 8, co2RemovalsKgCO2e: 0, nonCO2KgCO2e: 0.1395 });
    expect(r.lines[0]).toMatchObject({ fossilKgCO2e: 0, biogenicKgCO2e: 8.1395, notSplitKgCO2e: 3 });
  });

  it('takes output amounts other than 1 and background factors as inputs', () => {
    // Per 1,000 kWh: 500 kWh of the fixture grid (0.5 kg CO2e/kWh) → 0.25 kg CO2e per kWh made.
    const r = calculate({
      ...base,
      processes: [{ id: 'mix', unit: 'kWh', output: '1 MWh', inputs: [{ factor: 'fx/grid-lca', amount: '500 kWh' }] }],
      inventory: [{ stage: 'use', factor: 'mix', amount: '10 kWh' }],
    }, lib);
    expect(r.total.kgCO2e).toBe(2.5);
    expect(r.lines[0]!.source.citation).toContain('fx/grid-lca');
  });

  it('serves as a component material and carries warnings of the factors behind it', () => {
    const r = calculate({
      ...base, region: 'GB',
      processes: [{ id: 'moulding', unit: 'kg', inputs: [{ factor: 'fx/abs', amount: '1.05 kg' }, { factor: 'fx/grid-co2only', amount: '2 kWh' }] }],
      components: [{ id: 'case', material: 'moulding', mass: '200 g', endOfLife: [{ route: 'landfill', share: 1, factor: 'fx/landfill' }] }],
    }, lib);
    // per kg: 1.05 kg × 3 kg/kg + 2 kWh × 0.5 = 4.15; × 0.2 kg = 0.83
    expect(r.byStage.manufacture.kgCO2e).toBe(0.83);
    expect(r.warnings.map((w) => w.code)).toContain('CO2_ONLY_FACTOR');
  });

  it('reports a network that cannot be solved, naming the processes', () => {
    // Each kWh needs 1 kg coal and each kg coal needs 1 kWh: nothing is left over for the product.
    const product = {
      ...base,
      processes: [
        { id: 'power', unit: 'kWh', inputs: [{ process: 'coal', amount: '1 kg' }] },
        { id: 'coal', unit: 'kg', inputs: [{ process: 'power', amount: '1 kWh' }] },
      ],
      inventory: [{ stage: 'use', factor: 'power', amount: '1 kWh' }],
    };
    try {
      calculate(product, lib);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LcaInputError);
      const issue = (error as LcaInputError).issues[0]!;
      expect(issue.code).toBe('SINGULAR_NETWORK');
      expect(issue.message).toMatch(/power|coal/);
    }
  });

  it('checks the units of process inputs', () => {
    try {
      calculate({ ...loop, processes: [loop.processes[0], { ...loop.processes[1], inputs: [{ process: 'power', amount: '3 kg' }] }] }, lib);
      expect.unreachable();
    } catch (error) {
      expect((error as LcaInputError).issues[0]).toMatchObject({ code: 'UNIT_MISMATCH', path: '/processes/1/inputs/0/amount' });
    }
  });
});

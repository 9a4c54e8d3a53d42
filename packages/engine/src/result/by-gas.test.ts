import { describe, expect, it } from 'vitest';
import { calculate } from '../calculate.js';
import { fixtureLibrary } from '../testing/fixture-library.js';

const lib = fixtureLibrary();
const base = { schemaVersion: 1, id: 'p', name: 'p', functionalUnit: { amount: 1, unit: 'item' }, gwp: 'AR6' };

// A boiler on fossil gas and one on wood chips marked biogenic, both naming their CO2 "CO2".
const factors = [
  { id: 'own/gas', unit: 'MJ', gases: { CO2: 0.056 }, source: 'measured' },
  { id: 'own/chips', unit: 'kg', gases: { CO2: 1.7, CH4: 0.0004 }, biogenic: true, source: 'measured' },
];
const emitted = (r: ReturnType<typeof calculate>, origin: string) =>
  r.inventory!.emissions.find((e) => e.substance === 'CO2' && e.origin === origin)?.amount;

describe('byGas keeps biogenic CO2 apart from fossil CO2', () => {
  it('files the CO2 of a factor marked biogenic under "CO2 (biogenic)", in the totals and in its line', () => {
    const r = calculate({
      ...base, factors,
      inventory: [{ stage: 'manufacture', factor: 'own/gas', amount: '100 MJ' }, { stage: 'manufacture', factor: 'own/chips', amount: '20 kg' }],
    }, lib);
    // fossil: 100 MJ × 0.056 = 5.6 kg; biogenic: 20 kg × 1.7 = 34 kg; CH4 20 × 0.0004 = 0.008 kg × 27.9 = 0.2232
    expect(r.byGas.CO2).toEqual({ kg: 5.6, kgCO2e: 5.6 });
    expect(r.byGas['CO2 (biogenic)']).toEqual({ kg: 34, kgCO2e: 34 });
    expect(r.lines[1]!.byGas).toEqual({ 'CO2 (biogenic)': 34, CH4: 0.2232 });
    // One number everywhere: the inventory's emissions and the origin split say the same.
    expect(emitted(r, 'fossil')).toBe(5.6);
    expect(emitted(r, 'biogenic')).toBe(34);
    expect(r.total.biogenicDetail.co2EmissionsKgCO2e).toBe(34);
    expect(r.total.fossilKgCO2e).toBe(5.6);
  });

  it('keeps them apart through a foreground process that burns both', () => {
    // 1 MJ of heat: 10 MJ gas (0.56 kg fossil CO2) and 0.1 kg chips (0.17 kg biogenic CO2); × 10 MJ → 5.6 and 1.7
    const r = calculate({
      ...base, factors,
      processes: [{ id: 'heat', unit: 'MJ', inputs: [{ factor: 'own/gas', amount: '10 MJ' }, { factor: 'own/chips', amount: '0.1 kg' }] }],
      inventory: [{ stage: 'manufacture', factor: 'heat', amount: '10 MJ' }],
    }, lib);
    expect(r.byGas.CO2!.kg).toBeCloseTo(5.6, 12);
    expect(r.byGas['CO2 (biogenic)']!.kg).toBeCloseTo(1.7, 12);
    expect(emitted(r, 'fossil')).toBeCloseTo(5.6, 12);
    expect(emitted(r, 'biogenic')).toBeCloseTo(1.7, 12);
    expect(r.total.fossilKgCO2e).toBeCloseTo(5.6, 12);
  });
});

import { describe, expect, it } from 'vitest';
import { calculate } from '../calculate.js';
import { fixtureLibrary } from '../testing/fixture-library.js';

const lib = fixtureLibrary();
const base = { schemaVersion: 1, id: 'p', name: 'p', functionalUnit: { amount: 1, unit: 'item' }, gwp: 'AR6' };
const codes = (r: ReturnType<typeof calculate>) => r.warnings.map((w) => w.code);

describe('credits and removals are never netted silently', () => {
  it('warns NEGATIVE_FACTOR at a line made negative by a custom factor with a negative co2e', () => {
    const r = calculate({
      ...base,
      factors: [{ id: 'x/credit', unit: 'kg', co2e: -1.5, source: 'test' }],
      inventory: [
        { stage: 'manufacture', factor: 'fx/grid-lca', amount: '10 kWh' },
        { stage: 'endOfLife', factor: 'x/credit', amount: '2 kg' },
        { stage: 'endOfLife', factor: 'x/credit', amount: '1 kg' },
      ],
    }, lib);
    // 10 kWh × 0.5 = 5; credit (2 + 1) kg × −1.5 = −4.5; netted: 0.5
    expect(r.total.kgCO2e).toBe(0.5);
    const found = r.warnings.filter((w) => w.code === 'NEGATIVE_FACTOR');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: '/inventory/1' });
    expect(found[0]!.message).toContain('"x/credit"');
    expect(found[0]!.message).toContain('2 lines');
    expect(found[0]!.message).toContain('credit');
    expect(found[0]!.hint).toMatch(/ISO 14067/);
    expect(codes(r)).not.toContain('NEGATIVE_AMOUNT');
  });

  it('leaves a negative amount to NEGATIVE_AMOUNT, and a positive factor alone', () => {
    const r = calculate({ ...base, inventory: [{ stage: 'use', factor: 'fx/grid-lca', amount: '-2 kWh' }, { stage: 'use', factor: 'fx/grid-lca', amount: '4 kWh' }] }, lib);
    expect(r.total.kgCO2e).toBe(1); // (−2 + 4) × 0.5
    expect(codes(r)).toContain('NEGATIVE_AMOUNT');
    expect(codes(r)).not.toContain('NEGATIVE_FACTOR');
  });

  it('calls a line made negative by biogenic CO2 uptake a removal, kept apart in biogenicDetail', () => {
    const r = calculate({
      ...base,
      factors: [{ id: 'x/timber', unit: 'kg', gases: { CO2: -1.6, CH4: 0.001 }, biogenic: true, source: 'test' }],
      inventory: [{ stage: 'manufacture', factor: 'x/timber', amount: '10 kg' }],
    }, lib);
    // −16 kg CO2 taken up; 0.01 kg CH4 × 27.9 = 0.279; net −15.721
    expect(r.total.kgCO2e).toBe(-15.721);
    expect(r.total.biogenicDetail.co2RemovalsKgCO2e).toBe(-16);
    const found = r.warnings.find((w) => w.code === 'NEGATIVE_FACTOR')!;
    expect(found.path).toBe('/inventory/0');
    expect(found.message).toContain('net removal');
  });
});

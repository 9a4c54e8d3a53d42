import { describe, expect, it } from 'vitest';
import { calculate } from '../calculate.js';
import type { InputIssue } from '../errors.js';
import { fixtureLibrary } from '../testing/fixture-library.js';
import { rejection } from '../testing/rejection.js';
import { unitSpec } from './unit.js';

const lib = fixtureLibrary();
const base = { schemaVersion: 1, id: 'p', name: 'Units', functionalUnit: { amount: 1, unit: 'item' } };

const issues = (product: unknown): InputIssue[] => rejection(product, lib).issues;

describe('ambiguous unit names (issue 14, finding 7)', () => {
  it('refuses "1 ton" of material against a per-tonne factor instead of counting a 0.907 t short ton', () => {
    const found = issues({ ...base, components: [{ id: 'frame', material: 'fx/abs', mass: '1 ton' }] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'AMBIGUOUS_UNIT', path: '/components/0/mass' });
    expect(found[0]!.message).toContain('"ton" in "1 ton" is ambiguous');
    expect(found[0]!.hint).toBe('write "t" or "tonne" for 1000 kg, "short_ton" or "long_ton" for the others');
  });

  it('refuses plurals, prefixes, { value, unit } objects, parameters, custom factor units and gallons alike', () => {
    const found = issues({
      ...base,
      parameters: { load: { value: 2, unit: 'tons' } },
      factors: [{ id: 'my/diesel', unit: 'gallon', co2e: 10, source: 'test' }],
      inventory: [
        { stage: 'transport', factor: 'fx/truck', amount: '3 kton * 10 km' },
        { stage: 'use', factor: 'fx/old-fuel', amount: { value: 5, unit: 'gal' } },
        { stage: 'use', factor: 'fx/old-fuel', amount: '2 pints' },
      ],
    });
    expect(found.map((i) => `${i.code} ${i.path}`).sort()).toEqual([
      'AMBIGUOUS_UNIT /factors/0/unit',
      'AMBIGUOUS_UNIT /inventory/0/amount',
      'AMBIGUOUS_UNIT /inventory/1/amount',
      'AMBIGUOUS_UNIT /inventory/2/amount',
      'AMBIGUOUS_UNIT /parameters/load',
    ]);
    expect(found.find((i) => i.path === '/inventory/1/amount')!.hint).toBe('write "us_gal" or "imp_gal", or the volume in L or m^3');
  });

  it('takes the unambiguous spellings at their legal sizes (1 lb = 0.45359237 kg; 1 US gal = 231 in³; 1 imp gal = 4.54609 L)', () => {
    expect(unitSpec('short_ton').si).toBeCloseTo(2000 * 0.45359237, 9); // 907.18474 kg
    expect(unitSpec('long_ton').si).toBeCloseTo(2240 * 0.45359237, 9); // 1016.0469088 kg
    expect(unitSpec('us_gal').si).toBeCloseTo(231 * 0.0254 ** 3, 15); // 3.785411784 L
    expect(unitSpec('imp_gal').si).toBeCloseTo(0.00454609, 15);
    // fx/abs is 3000 kg CO2e per t: 1 t = 3000, 1 short ton = 3000 × 0.90718474, 1 long ton = 3000 × 1.0160469088.
    const kg = (mass: string) => calculate({ ...base, components: [{ id: 'frame', material: 'fx/abs', mass }] }, lib).total.kgCO2e;
    expect(kg('1 t')).toBe(3000);
    expect(kg('1 tonne')).toBe(3000);
    expect(kg('1 short_ton')).toBeCloseTo(2721.55422, 9);
    expect(kg('1 long_ton')).toBeCloseTo(3048.1407264, 9);
    // fx/old-fuel is 2.5 kg CO2e per L: 2 US gal = 7.570823568 L, 2 imp gal = 9.09218 L.
    const fuel = (amount: string) => calculate({ ...base, inventory: [{ stage: 'use', factor: 'fx/old-fuel', amount }] }, lib).total.kgCO2e;
    expect(fuel('2 us_gal')).toBeCloseTo(2.5 * 7.570823568, 9);
    expect(fuel('2 imp_gal')).toBeCloseTo(2.5 * 9.09218, 9);
  });

  it('keeps a bundled factor\'s documented unit: a factor per "ton*mi" (EPA: short ton-mile) takes t*km and short_ton*mi', () => {
    // fx/truck-us is per ton*mi, CO2 0.2 kg: 1 short ton × 1 mi = 1 ton*mi; 1 t × 1.609344 km = 1/0.90718474 ton*mi.
    const amount = (a: string) => calculate({ ...base, inventory: [{ stage: 'transport', factor: 'fx/truck-us', amount: a }] }, lib).lines[0]!.amount;
    expect(amount('1 short_ton * 1 mi')).toEqual({ value: 1, unit: 'ton*mi' });
    expect(amount('1 t * 1.609344 km').value).toBeCloseTo(1 / 0.90718474, 12);
  });
});

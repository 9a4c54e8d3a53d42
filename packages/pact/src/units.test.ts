import { describe, expect, it } from 'vitest';
import { toDeclaredUnit } from './units.js';

describe('toDeclaredUnit', () => {
  it('reads the engine\'s spellings (Chinese, shouted, plural) and scales to the declared unit', () => {
    expect(toDeclaredUnit(500, '克')).toEqual({ unit: 'kilogram', factor: 0.001, amount: 0.5 });
    expect(toDeclaredUnit(2, '千克')).toEqual({ unit: 'kilogram', factor: 1, amount: 2 });
    expect(toDeclaredUnit(1, 'KG')).toEqual({ unit: 'kilogram', factor: 1, amount: 1 });
    expect(toDeclaredUnit(3, '台')).toEqual({ unit: 'piece', factor: 1, amount: 3 });
    expect(toDeclaredUnit(1, 'tkm')).toEqual({ unit: 'ton kilometer', factor: 1, amount: 1 });
    expect(toDeclaredUnit(1, 'm³')?.unit).toBe('cubic meter');
  });

  it('picks, among units of one dimension, the one it is a decimal multiple of', () => {
    expect(toDeclaredUnit(2, 'GJ')).toEqual({ unit: 'megajoule', factor: 1000, amount: 2000 });
    expect(toDeclaredUnit(2, 'MWh')).toEqual({ unit: 'kilowatt hour', factor: 1000, amount: 2000 });
    expect(toDeclaredUnit(250, 'mL')).toEqual({ unit: 'liter', factor: 0.001, amount: 0.25 });
    // 1 lb is 0.45359237 kg exactly (international yard and pound, 1959).
    expect(toDeclaredUnit(1, 'lb')).toEqual({ unit: 'kilogram', factor: 0.45359237, amount: 0.45359237 });
  });

  it('has no equivalent for a length or an ambiguous "ton"', () => {
    expect(toDeclaredUnit(1, 'km')).toBeUndefined();
    expect(toDeclaredUnit(1, 'ton')).toBeUndefined();
    expect(toDeclaredUnit(1, 'no such unit')).toBeUndefined();
  });
});

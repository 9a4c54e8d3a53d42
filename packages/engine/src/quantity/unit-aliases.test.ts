import { describe, expect, it } from 'vitest';
import { canonicalUnit, readForeignUnit } from './unit-aliases.js';

describe('unit aliases', () => {
  it('maps Chinese, plural and PLM spellings to the unit the engine reads', () => {
    expect(canonicalUnit(' 千克 ')).toBe('kg');
    expect(canonicalUnit('公斤')).toBe('kg');
    expect(canonicalUnit('台')).toBe('item');
    expect(canonicalUnit('LBS')).toBe('lb');
    expect(canonicalUnit('kWh')).toBe('kWh');
    expect(canonicalUnit('人公里')).toBe('item*km');
    expect(canonicalUnit('Passenger.km')).toBe('item*km');
  });

  it('reads a spelling as the unit it is: 吨 is 1000 kg, "KG" and "MG" are kilogram and milligram, "Mg" a megagram', () => {
    expect(readForeignUnit('吨')?.si).toBe(1000);
    expect(readForeignUnit('KG')?.si).toBe(1);
    expect(readForeignUnit('MG')?.si).toBeCloseTo(1e-6, 18);
    expect(readForeignUnit('Mg')?.si).toBe(1000);
    expect(readForeignUnit('小时')?.si).toBe(3600);
    expect(readForeignUnit('passenger.km')?.si).toBe(1000);
  });

  it('reads no unit that is ambiguous (ton), has an offset (degC) or is none', () => {
    expect(readForeignUnit('ton')).toBeUndefined();
    expect(readForeignUnit('degC')).toBeUndefined();
    expect(readForeignUnit('widgets per fortnight')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { loadMath } from './math.js';
import { PREFIXES, UNITS } from './unit-table.js';
import { findUnit, readUnitText } from './unit-text.js';

/** mathjs, as the engine configures it: the independent answer the table must give. */
const math = loadMath();
const Unit = math.Unit as unknown as { UNITS: Record<string, { name: string; value: unknown; dimensions: number[]; offset: unknown }> };

function mathjsReads(text: string): { si: number; dims: number[]; names: string[] } {
  const u = math.unit(1, text);
  return { si: u.value as number, dims: u.dimensions as number[], names: u.units.map((p) => p.unit.name) };
}

describe('the generated unit table', () => {
  it('lists every unit mathjs has, in mathjs’s order, with its size and dimensions (regenerate with scripts/unit-table.ts)', () => {
    expect(UNITS.map((u) => u[0])).toEqual(Object.keys(Unit.UNITS));
    for (const [key, name, value, dims] of UNITS) {
      const u = Unit.UNITS[key]!;
      expect([name, dims]).toEqual([u.name, u.dimensions]);
      if (value !== null) expect(value).toBe(u.value);
    }
  });

  it('finds units by name and prefix as mathjs does, and misses what mathjs misses', () => {
    const names = ['kg', 'kWh', 'MJ', 'mi', 'km', 'kBq', 'MMBTU', 'L', 'gal', 'MWh', 'GJ', 'h', 'hectare', 'items', 'pcs', 'yr', 'tkm', 'shortton', 'usgal', 'kilogram', 'megajoule', 'cm', 'mm', 'Mt', 'kt', 'Gg', 'kton', 'bbl', 'm3', 'kgm', 'foo', 'CO2', 'eq', 'e'];
    for (const prefixes of Object.values(PREFIXES)) expect(prefixes['']).toBe(1);
    for (const name of names) expect(findUnit(name) !== null, name).toBe(math.Unit.isValuelessUnit(name));
  });

  it('reads unit texts to exactly mathjs’s size, dimensions and unit names', () => {
    const texts = [
      'kg', 'kWh', 't', 't*km', 'kBq', 'ton', 'mi', 'km', 'MMBTU', 'L', 'item', 'item*km', 'm^3', 'gal', 'MWh', 'GJ', 'hectare',
      'm^2', 'h', 'MJ', 'ft^3', 'ton*mi', '1/day', 'kg/m^2', 'MJ / kg', 'kg * km', 'g/kg', 'kWh/yr', 'm^-2', 'kg^2', 'kg m / s^2',
      'usgal', 'impgal', 'shortton*mi', 'tkm', 'pcs', 'mg/L', 'kJ/(kg)', '2 kg', 'm^0.5', 'W*h', 'kW h', 'Mt', 'GWh/yr',
    ];
    for (const text of texts) {
      const read = readUnitText(text);
      if (read === undefined) continue; // left to mathjs: nothing to compare
      expect(read, text).toEqual(mathjsReads(text));
    }
    // The texts of everyday data never need mathjs.
    for (const text of ['kg', 'kWh', 't*km', 'item', 'm^3', 'MJ', 'L', 'km', 'mi', 'item*km', '1/day', 'kg/m^2']) expect(readUnitText(text), text).toBeDefined();
  });

  it('leaves to mathjs what the common grammar does not cover', () => {
    for (const text of ['kJ/(kg)', 'degC', '1e3 kg', 'kg/', 'foo', '', '*kg', 'kg CO2 eq', 'm³']) expect(readUnitText(text), text).toBeUndefined();
  });
});

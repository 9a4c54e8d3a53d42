/**
 * @module unit-aliases — the one table of unit spellings met outside product files (Chinese names, PLM
 * exports, plurals) and the engine unit each means. Readers of foreign data (PACT, BOM imports) look a
 * spelling up here, then read the unit with `unitSpec`; none keeps a list of its own.
 */
import { unitSpec, type UnitSpec } from './unit.js';

/** Lower-case spelling → unit text the engine reads. Units the engine already reads need no entry. */
export const UNIT_ALIASES: Readonly<Record<string, string>> = {
  // mass
  千克: 'kg', 公斤: 'kg', 克: 'g', 毫克: 'mg', 吨: 't',
  kgs: 'kg', kilogram: 'kg', kilograms: 'kg', grams: 'g', tonnes: 't', lbs: 'lb', pound: 'lb', pounds: 'lb', ounces: 'oz',
  // energy
  千瓦时: 'kWh', 度: 'kWh', 'kw·h': 'kWh', 'kw*h': 'kWh', 兆瓦时: 'MWh', 兆焦: 'MJ', 吉焦: 'GJ',
  kwh: 'kWh', mwh: 'MWh', kj: 'kJ', mj: 'MJ', gj: 'GJ', 'kilowatt hour': 'kWh', megajoule: 'MJ', gigajoule: 'GJ',
  // length, area, volume, time
  米: 'm', 千米: 'km', 公里: 'km', 平方米: 'm^2', 立方米: 'm^3', m2: 'm^2', m3: 'm^3',
  'square meter': 'm^2', 'square metre': 'm^2', 'cubic meter': 'm^3', 'cubic metre': 'm^3',
  升: 'L', 毫升: 'mL', l: 'L', liter: 'L', liters: 'L', litres: 'L', milliliter: 'mL', millilitre: 'mL',
  小时: 'h', hr: 'h', hours: 'h',
  // transport, data
  吨公里: 't*km', '吨·公里': 't*km', tkm: 't*km', 't km': 't*km', 'ton kilometer': 't*km',
  人公里: 'item*km', '人·公里': 'item*km', 'passenger.km': 'item*km', 'passenger km': 'item*km', 'passenger-km': 'item*km', 'p.km': 'item*km',
  'megabit second': 'Mb*s', 'mbit*s': 'Mb*s',
  // count
  件: 'item', 个: 'item', 台: 'item', 只: 'item', 套: 'item', pc: 'item', pcs: 'item', piece: 'item', unit: 'item', set: 'item', sets: 'item',
};

/**
 * The engine's unit text for a spelling: its alias if the table has one (looked up case-insensitively
 * and NFKC-normalised, so full-width and compatibility forms match), else the text trimmed.
 */
export function canonicalUnit(text: string): string {
  const t = text.trim();
  return ALIASES.get(t.normalize('NFKC').toLowerCase()) ?? t;
}

const ALIASES = new Map(Object.entries(UNIT_ALIASES).map(([k, v]) => [k.normalize('NFKC').toLowerCase(), v]));

/**
 * A spelling read as a unit, or undefined when it is none or means different sizes in different
 * countries ("ton"): foreign data is never read with a guess.
 */
export function readForeignUnit(text: string): (UnitSpec & { canonical: string }) | undefined {
  // As written first ("Mg" is a megagram), then in lower case as PLM exports shout it ("KG").
  for (const canonical of new Set([canonicalUnit(text), canonicalUnit(text.toLowerCase())])) {
    let spec: UnitSpec;
    try {
      spec = unitSpec(canonical);
    } catch {
      continue;
    }
    return spec.ambiguous || spec.hasOffset ? undefined : { ...spec, canonical };
  }
  return undefined;
}

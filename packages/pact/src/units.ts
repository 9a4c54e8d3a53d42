import type { DeclaredUnit } from './schema.js';

/**
 * Functional-unit units of product model v1 ↔ PACT declared units. Each of our spellings maps to a
 * declared unit and the factor that turns our amount into it (500 g → 0.5 kilogram).
 */
const TO_PACT: [RegExp, DeclaredUnit, number][] = [
  [/^(item|items|pcs|pc|piece|pieces|each|unit|units|set|sets|台|个|件|只|套)$/i, 'piece', 1],
  [/^(kg|kilogram|kilograms|千克|公斤)$/i, 'kilogram', 1],
  [/^(g|gram|grams|克)$/i, 'kilogram', 0.001],
  [/^(t|tonne|tonnes|ton|吨)$/i, 'kilogram', 1000],
  [/^(l|liter|litre|liters|litres|升)$/i, 'liter', 1],
  [/^(ml|millilitre|milliliter)$/i, 'liter', 0.001],
  [/^(m\^3|m3|m³|cubic meter|cubic metre)$/i, 'cubic meter', 1],
  [/^(kwh|kilowatt hour)$/i, 'kilowatt hour', 1],
  [/^(mwh)$/i, 'kilowatt hour', 1000],
  [/^(mj|megajoule)$/i, 'megajoule', 1],
  [/^(gj|gigajoule)$/i, 'megajoule', 1000],
  [/^(t\*km|tkm|t·km|tonne\.km|ton kilometer)$/i, 'ton kilometer', 1],
  [/^(m\^2|m2|m²|square meter|square metre)$/i, 'square meter', 1],
  [/^(h|hr|hour|hours|小时)$/i, 'hour', 1],
  [/^(mbit\*s|mb\*s|megabit second)$/i, 'megabit second', 1],
];

/** Our unit text (as product model v1 and the engine write it) for each PACT declared unit. */
export const FROM_PACT: Record<DeclaredUnit, string> = {
  liter: 'L',
  kilogram: 'kg',
  'cubic meter': 'm^3',
  'kilowatt hour': 'kWh',
  megajoule: 'MJ',
  'ton kilometer': 't*km',
  'square meter': 'm^2',
  piece: 'item',
  hour: 'h',
  'megabit second': 'Mb*s',
};

/** Declared units for which PACT wants productMassPerDeclaredUnit = 0 (energy, logistics, services). */
export const MASSLESS_UNITS: readonly DeclaredUnit[] = ['kilowatt hour', 'megajoule', 'ton kilometer', 'hour', 'megabit second'];

/** Map a functional unit to a PACT declared unit, or undefined when there is no equivalent. */
export function toDeclaredUnit(amount: number, unit: string): { unit: DeclaredUnit; factor: number; amount: number } | undefined {
  const text = unit.trim();
  for (const [pattern, declared, factor] of TO_PACT) {
    if (pattern.test(text)) return { unit: declared, factor, amount: amount * factor };
  }
  return undefined;
}

import { readForeignUnit, sameDimensions, unitSpec } from '@greenlca/engine';
import type { DeclaredUnit } from './schema.js';

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

const DECLARED = Object.entries(FROM_PACT).map(([unit, text]) => ({ unit: unit as DeclaredUnit, spec: unitSpec(text) }));

/** The power of ten a ratio is (0.001 → −3), or undefined when it is none. */
function decade(ratio: number): number | undefined {
  const e = Math.round(Math.log10(ratio));
  return Math.abs(ratio / 10 ** e - 1) < 1e-12 ? e : undefined;
}

/**
 * Map a functional unit to a PACT declared unit, or undefined when there is no equivalent. The unit is
 * read with the engine's unit table (its spellings included, 千克 or 台); among the declared units of
 * the same dimension the one it is a decimal multiple of wins, the nearest first (GJ → megajoule,
 * MWh → kilowatt hour, mL → liter), else the first (lb → kilogram).
 */
export function toDeclaredUnit(amount: number, unit: string): { unit: DeclaredUnit; factor: number; amount: number } | undefined {
  const spec = readForeignUnit(unit);
  if (!spec) return undefined;
  let best: { unit: DeclaredUnit; factor: number; rank: number } | undefined;
  for (const d of DECLARED) {
    if (!sameDimensions(d.spec.dims, spec.dims)) continue;
    const ratio = spec.si / d.spec.si;
    const e = decade(ratio);
    const rank = e === undefined ? Infinity : Math.abs(e);
    if (!best || rank < best.rank) best = { unit: d.unit, factor: e === undefined ? ratio : 10 ** e, rank };
  }
  return best && { unit: best.unit, factor: best.factor, amount: amount * best.factor };
}

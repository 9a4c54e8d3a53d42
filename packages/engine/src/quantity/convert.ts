import type { Quantity } from './expression.js';
import { sameDimensions } from './measure.js';
import { round15 } from './round15.js';
import { describeDimensions, unitSpec, type UnitSpec } from './unit.js';

/** Drop binary-to-decimal noise (602.2500000000001 → 602.25) while keeping every real digit (15 significant digits). */
export const clean: (x: number) => number = round15;

export type Conversion = { ok: true; value: number } | { ok: false; reason: string };

/** Express a quantity in a factor's unit, checking the dimension (kg·km → t·km works; kg → kWh does not). */
export function convertTo(q: Quantity, target: UnitSpec): Conversion {
  const targetDims = target.dims;
  if (typeof q === 'number') {
    if (target.isCount) return { ok: true, value: clean(q) };
    return { ok: false, reason: `the amount ${q} has no unit but the factor is per ${target.text} (${describeDimensions(targetDims)})` };
  }
  if (!sameDimensions(q.dims, targetDims)) {
    return {
      ok: false,
      reason: `the amount is ${describeDimensions(q.dims)} but the factor is per ${target.text} (${describeDimensions(targetDims)})`,
    };
  }
  return { ok: true, value: clean(q.si / target.si) };
}

/** Mass in kg, or a reason why the quantity is not a mass. */
export function massKg(q: Quantity, kg: UnitSpec): Conversion {
  if (typeof q === 'number') return { ok: false, reason: `a mass needs a unit, e.g. "${q} kg"` };
  return convertTo(q, kg);
}

/** A mass in kg as a quantity, for amounts the engine derives itself (component masses). */
export function kilograms(kg: number): Quantity {
  return { si: kg, dims: unitSpec('kg').dims };
}

import type { Quantity } from './expression.js';
import { isUnit } from './math.js';
import { describeDimension, type UnitSpec } from './unit.js';

/** Drop binary-to-decimal noise (602.2500000000001 → 602.25) while keeping every real digit. */
export function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(15));
}

export type Conversion = { ok: true; value: number } | { ok: false; reason: string };

/** Express a quantity in a factor's unit, checking the dimension (kg·km → t·km works; kg → kWh does not). */
export function convertTo(q: Quantity, target: UnitSpec): Conversion {
  if (!isUnit(q)) {
    if (target.isCount) return { ok: true, value: clean(q) };
    return { ok: false, reason: `the amount ${q} has no unit but the factor is per ${target.text} (${describeDimension(target.unit)})` };
  }
  if (!q.equalBase(target.unit)) {
    return {
      ok: false,
      reason: `the amount is ${describeDimension(q)} (${q.formatUnits() || 'no unit'}) but the factor is per ${target.text} (${describeDimension(target.unit)})`,
    };
  }
  return { ok: true, value: clean((q.value as number) / target.si) };
}

/** Mass in kg, or a reason why the quantity is not a mass. */
export function massKg(q: Quantity, kg: UnitSpec): Conversion {
  if (!isUnit(q)) return { ok: false, reason: `a mass needs a unit, e.g. "${q} kg"` };
  return convertTo(q, kg);
}

import type { Quantity } from './expression.js';
import { isUnit } from './math.js';
import { describeDimensions, type UnitSpec } from './unit.js';

/** Drop binary-to-decimal noise (602.2500000000001 → 602.25) while keeping every real digit. */
export function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(15));
}

export type Conversion = { ok: true; value: number } | { ok: false; reason: string };

function sameDimensions(a: readonly number[], b: readonly number[]): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return false;
  return true;
}

/** SI value and dimensions of any evaluated quantity; a plain number is dimensionless. */
function siOf(q: Quantity): { si: number; dims: readonly number[]; text?: string } {
  if (typeof q === 'number') return { si: q, dims: [] };
  if (isUnit(q)) return { si: q.value as number, dims: q.dimensions as number[], text: q.formatUnits() };
  return q;
}

/** Express a quantity in a factor's unit, checking the dimension (kg·km → t·km works; kg → kWh does not). */
export function convertTo(q: Quantity, target: UnitSpec): Conversion {
  const { si, dims, text } = siOf(q);
  const targetDims = target.unit.dimensions as number[];
  if (typeof q === 'number') {
    if (target.isCount) return { ok: true, value: clean(q) };
    return { ok: false, reason: `the amount ${q} has no unit but the factor is per ${target.text} (${describeDimensions(targetDims)})` };
  }
  if (!sameDimensions(dims, targetDims)) {
    const what = describeDimensions(dims);
    return {
      ok: false,
      reason: `the amount is ${what}${text ? ` (${text})` : ''} but the factor is per ${target.text} (${describeDimensions(targetDims)})`,
    };
  }
  return { ok: true, value: clean(si / target.si) };
}

/** Mass in kg, or a reason why the quantity is not a mass. */
export function massKg(q: Quantity, kg: UnitSpec): Conversion {
  if (typeof q === 'number') return { ok: false, reason: `a mass needs a unit, e.g. "${q} kg"` };
  return convertTo(q, kg);
}

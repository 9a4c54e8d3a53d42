/**
 * A quantity as its size in SI base units and the exponents of the base dimensions (mathjs's order:
 * mass, length, time, current, temperature, luminous intensity, amount, angle, bit, item). Amounts are
 * evaluated in this form: plain numbers and vectors, no unit objects, so evaluation is cheap and
 * its cost is known.
 */
export interface Measure {
  si: number;
  dims: readonly number[];
}

/** A value during evaluation: a plain number (a count or ratio) or a quantity with a dimension. */
export type Value = number | Measure;

/** Thrown for arithmetic that has no meaning (kg + kWh, exp(kg), a result that is not finite). */
export class MeasureError extends Error {}

const isZero = (dims: readonly number[]) => dims.every((d) => d === 0);

/** A quantity whose units cancel is a plain number: "50 g / kg" is 0.05, as it was under mathjs. */
function settle(si: number, dims: readonly number[]): Value {
  if (!Number.isFinite(si)) throw new MeasureError('the result is not a finite number');
  return isZero(dims) ? si : { si, dims };
}

function combine(a: readonly number[], b: readonly number[], sign: 1 | -1): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = (a[i] ?? 0) + sign * (b[i] ?? 0);
  return out;
}

export function sameDimensions(a: readonly number[], b: readonly number[]): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return false;
  return true;
}

const dimsOf = (v: Value): readonly number[] => (typeof v === 'number' ? [] : v.dims);
const siOf = (v: Value): number => (typeof v === 'number' ? v : v.si);

export function multiply(a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') return settle(a * b, []);
  return settle(siOf(a) * siOf(b), combine(dimsOf(a), dimsOf(b), 1));
}

export function divide(a: Value, b: Value): Value {
  if (siOf(b) === 0) throw new MeasureError('division by zero');
  if (typeof a === 'number' && typeof b === 'number') return settle(a / b, []);
  return settle(siOf(a) / siOf(b), combine(dimsOf(a), dimsOf(b), -1));
}

function sameKind(a: Value, b: Value, what: string): void {
  if (!sameDimensions(dimsOf(a), dimsOf(b))) throw new MeasureError(`${what} quantities of different dimensions`);
}

export function add(a: Value, b: Value): Value {
  sameKind(a, b, 'adds');
  return typeof a === 'number' ? settle(a + siOf(b), []) : settle(a.si + siOf(b), a.dims);
}

export function subtract(a: Value, b: Value): Value {
  sameKind(a, b, 'subtracts');
  return typeof a === 'number' ? settle(a - siOf(b), []) : settle(a.si - siOf(b), a.dims);
}

export function negate(a: Value): Value {
  return typeof a === 'number' ? -a : { si: -a.si, dims: a.dims };
}

/** `a ^ b`: the exponent is a plain number; a quantity's powers must stay whole and at most `maxPower`. */
export function power(a: Value, b: Value, maxPower: number): Value {
  if (typeof b !== 'number') throw new MeasureError('an exponent must be a plain number, without a unit');
  if (typeof a === 'number') return settle(a ** b, []);
  // The limit is on the power written (kWh^12 is allowed), not on what it is in SI base units (m^24 s^-24):
  // a unit of volume or power raised to 12 is m^36 or s^-36, so those are bounded at three times it.
  if (Math.abs(b) > maxPower) throw new MeasureError(`a unit raised to the power ${b}, above ${maxPower}`);
  const dims = a.dims.map((d) => d * b);
  if (dims.some((d) => !Number.isInteger(d))) throw new MeasureError(`the unit's power ${b} does not give whole powers of its units`);
  if (dims.some((d) => Math.abs(d) > 3 * maxPower)) {
    throw new MeasureError(`a quantity raised to the power ${b} is beyond power ${3 * maxPower} in SI base units (kg, m, s …)`);
  }
  return settle(a.si ** b, dims);
}

/** A plain number, for the functions that only have meaning on one (exp, log, round …). */
export function plain(a: Value, fn: string): number {
  if (typeof a !== 'number') throw new MeasureError(`${fn} takes a plain number, not a quantity with a unit`);
  return a;
}

export function absolute(a: Value): Value {
  return typeof a === 'number' ? Math.abs(a) : { si: Math.abs(a.si), dims: a.dims };
}

/** The smallest (or largest) of quantities of one dimension. */
export function extreme(values: Value[], pick: 'min' | 'max'): Value {
  let best = values[0]!;
  for (const v of values.slice(1)) {
    sameKind(best, v, `${pick} compares`);
    if (pick === 'min' ? siOf(v) < siOf(best) : siOf(v) > siOf(best)) best = v;
  }
  return best;
}

/** A measure with its dimension vector, for values read from the unit system. */
export function measure(si: number, dims: readonly number[]): Value {
  return settle(si, dims);
}

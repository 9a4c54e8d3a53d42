import { Decimal as DecimalJs } from 'decimal.js';

/** Exact decimal arithmetic for exported figures (40 significant digits, like the engine). */
export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN });
export type Dec = InstanceType<typeof Dec>;

/** A JSON number as the decimal it prints as (0.1 → "0.1"), never in exponent form (PACT has no exponents). */
export function decimalString(x: number | Dec): string {
  const d = typeof x === 'number' ? new Dec(x) : x;
  if (!d.isFinite()) throw new Error(`not a finite number: ${String(x)}`);
  const s = d.toFixed();
  return s === '-0' ? '0' : s;
}

/** Sum of JSON numbers, exactly, as their printed decimals. */
export function sum(values: Iterable<number>): Dec {
  let total = new Dec(0);
  for (const v of values) total = total.plus(v);
  return total;
}

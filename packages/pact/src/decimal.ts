import { Decimal as DecimalJs } from 'decimal.js';

/** Exact decimal arithmetic for exported figures (40 significant digits, like the engine). */
export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN });
export type Dec = InstanceType<typeof Dec>;

/** Significant digits of exported decimals: what the engine's doubles hold exactly (its own display precision). */
export const PACT_DIGITS = 15;

/**
 * A figure as a PACT decimal string: the exact decimal (decimal.js; a JSON number as the decimal it prints
 * as) to 15 significant digits, so the noise of binary doubles never shows ("0.19473560563342318" is
 * "0.194735605633423"), never in exponent form (PACT has no exponents).
 */
export function decimalString(x: number | Dec): string {
  const d = typeof x === 'number' ? new Dec(x) : x;
  if (!d.isFinite()) throw new Error(`not a finite number: ${String(x)}`);
  const s = d.toSignificantDigits(PACT_DIGITS).toFixed();
  return s === '-0' ? '0' : s;
}

/** Sum of JSON numbers, exactly, as their printed decimals. */
export function sum(values: Iterable<number>): Dec {
  let total = new Dec(0);
  for (const v of values) total = total.plus(v);
  return total;
}

import DecimalJs from 'decimal.js';

/**
 * Exact decimal arithmetic for reported figures: line values are products of two decimals and totals
 * are their exact sums, so a total equals the sum of its shown parts. 40 digits hold the product of two
 * doubles' shortest decimal forms without rounding.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_EVEN });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);

/** A double as the decimal it prints as (0.1 → 0.1, not 0.1000000000000000055…). */
export function dec(x: number): Decimal {
  return new Decimal(x);
}

/** Back to a double for JSON: the nearest double to the exact decimal. */
export function num(x: Decimal): number {
  return x.toNumber();
}

import { decimalOf, Decimal as EngineDecimal, fixedOfText, numberOfFixed, type Fixed } from '@greenlca/engine';

/**
 * Exact decimal arithmetic for the model's sums. Amounts are doubles read as the decimals they print as
 * (the engine's convention: 0.1 is 0.1); they are summed with the engine's exact accumulator
 * (`ExactSum`), and the sums kept by difference (totals, categories, inventories) are scaled BigInts
 * (`Fixed`: m × 10^e, never rounded), turned into doubles by `numberOfFixed`. `Exact` (decimal.js, with
 * enough digits that no product or sum is rounded) is for the exact figures the model hands out.
 */
export const Exact = EngineDecimal.clone({ precision: 100 });
export type Exact = InstanceType<typeof Exact>;
export const EXACT_ZERO = new Exact(0);

export { addFixed, fixedOf, FIXED_ZERO, numberOfFixed, timesFixed, type Fixed } from '@greenlca/engine';

export function exactOf(f: Fixed): Exact {
  return decimalOf(f, (text) => new Exact(text), EXACT_ZERO);
}

/** A decimal (a factor's value per unit) as a fixed decimal, exactly. */
export function fixedOfDecimal(x: { toString(): string }): Fixed {
  return fixedOfText(x.toString());
}

/** A fixed decimal as the nearest double, rounded once per value: an edit leaves most sums the same objects. */
const shownNumbers = new WeakMap<Fixed, number>();
export function shownNumber(x: Fixed): number {
  let n = shownNumbers.get(x);
  if (n === undefined) shownNumbers.set(x, (n = numberOfFixed(x)));
  return n;
}

import { decimalOf, Decimal as EngineDecimal, num, type Fixed } from '@greenlca/engine';

/**
 * Exact decimal arithmetic for the model's sums. Amounts are doubles read as the decimals they print as
 * (the engine's convention: 0.1 is 0.1); they are summed with the engine's exact accumulator
 * (`ExactSum`, on scaled integers), and only the per-factor sums are multiplied in decimal.js, with
 * enough digits that no product or sum is rounded.
 */
export const Exact = EngineDecimal.clone({ precision: 100 });
export type Exact = InstanceType<typeof Exact>;
export const EXACT_ZERO = new Exact(0);

export { addFixed, fixedOf, FIXED_ZERO, type Fixed } from '@greenlca/engine';

export function exactOf(f: Fixed): Exact {
  return decimalOf(f, (text) => new Exact(text), EXACT_ZERO);
}

/** An exact value as the nearest double, rounded once per value: an edit leaves most sums the same objects. */
const shownNumbers = new WeakMap<Exact, number>();
export function shownNumber(x: Exact): number {
  let n = shownNumbers.get(x);
  if (n === undefined) shownNumbers.set(x, (n = num(x)));
  return n;
}

import { Decimal as EngineDecimal } from '@greenlca/engine';

/**
 * Exact decimal arithmetic for the model's sums. Amounts are doubles read as the decimals they print as
 * (the engine's convention: 0.1 is 0.1); summing them is done on BigInt mantissas, which is exact and
 * about ten times faster than decimal.js, and only the per-factor sums are multiplied in decimal.js,
 * with enough digits that no product or sum is rounded.
 */
export const Exact = EngineDecimal.clone({ precision: 100 });
export type Exact = InstanceType<typeof Exact>;
export const EXACT_ZERO = new Exact(0);

/** m × 10^e, exactly. */
export interface Fixed {
  m: bigint;
  e: number;
}

export const FIXED_ZERO: Fixed = { m: 0n, e: 0 };

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[n]!;
}

/** The decimal a double prints as, as a mantissa and exponent. */
export function fixedOf(x: number): Fixed {
  const text = String(x);
  const ePos = text.indexOf('e');
  const mantissa = ePos < 0 ? text : text.slice(0, ePos);
  let e = ePos < 0 ? 0 : Number(text.slice(ePos + 1));
  const dot = mantissa.indexOf('.');
  if (dot >= 0) e -= mantissa.length - dot - 1;
  return { m: BigInt(dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1)), e };
}

/** a + sign × b, exactly. */
export function addFixed(a: Fixed, b: Fixed, sign: 1 | -1): Fixed {
  if (b.m === 0n) return a;
  const bm = sign < 0 ? -b.m : b.m;
  if (a.m === 0n) return { m: bm, e: b.e };
  if (a.e === b.e) return { m: a.m + bm, e: a.e };
  if (a.e < b.e) return { m: a.m + bm * pow10(b.e - a.e), e: a.e };
  return { m: a.m * pow10(a.e - b.e) + bm, e: b.e };
}

export function exactOf(f: Fixed): Exact {
  return f.m === 0n ? EXACT_ZERO : new Exact(`${f.m}e${f.e}`);
}

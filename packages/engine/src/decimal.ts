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

/**
 * x as the first term of a sum: 0 + x, which is x itself unless x has more digits than the precision
 * (then the sum rounds it). Words of 7 digits: five hold at most 35, within the 40 kept.
 */
export function firstTerm(x: Decimal): Decimal {
  const words = (x as unknown as { d: number[] | null }).d;
  return words && words.length <= 5 ? x : ZERO.plus(x);
}

/** Powers of ten a double holds exactly (10^0 … 10^22). */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * The decimal x prints as, when that has at most 15 significant digits, is m × 10^-d for the least d
 * with m = round(x·10^d) reading back as x: a decimal of 15 digits or fewer is the only one of them to
 * read as its double (DBL_DIG), and x·10^d is within 0.1 of m there, so m is found exactly. Returns
 * that d (m is then `Math.round(x * POW10[d])`), or -1 when x has more digits or is not finite.
 */
export function printedScale(x: number): number {
  let d = 0;
  let m = Math.round(x);
  while (m / POW10[d]! !== x) {
    if (++d >= POW10.length) return -1;
    m = Math.round(x * POW10[d]!);
  }
  return Math.abs(m) < 1e15 ? d : -1;
}
/** decimal.js keeps its digits in words of 7 (its documented `d`, `e`, `s` properties). */
const WORD = 1e7;

/**
 * Back to a double for JSON: the nearest double to the exact decimal (what decimal.js's toNumber gives,
 * through its decimal string). Most figures have at most 15 digits: then the digits as an integer M,
 * exact in a double, and one multiplication or division by an exact power of ten give the nearest
 * double directly (IEEE 754 rounds a single operation correctly; Clinger's fast path), with no string.
 */
export function num(x: Decimal): number {
  const scaled = scaledOf(x);
  if (scaled) {
    const { m, k } = scaled;
    if (k >= 0 && k <= 22) return m * POW10[k]!;
    if (k < 0 && k >= -22) return m / POW10[-k]!;
  }
  return longToNumber(x);
}

/** Leading digits read by `longToNumber`: far more than a double's 17, so the bracket almost never straddles. */
const HEAD_DIGITS = 20;

/**
 * The nearest double to a decimal of many digits (a sum carried to 40 or 100 digits), as decimal.js's
 * toNumber gives it but without writing out every digit (5 µs at 43 digits). The value lies between its
 * first 20-odd digits T and T plus one in their last place; rounding to the nearest double is monotonic,
 * so when both ends round to the same double the value does too. When they do not (the value is within
 * 10^-20 of a halfway point between two doubles), decimal.js decides.
 */
export function longToNumber(x: DecimalJs): number {
  const words = (x as unknown as { d: number[] | null }).d;
  if (!words || words.length < 3) return x.toNumber();
  // The leading words but the last read, then the last read: the one to add 1 to for the upper end.
  let prefix = String(words[0]!);
  let i = 1;
  while (i < words.length - 1 && prefix.length + 7 < HEAD_DIGITS) prefix += String(words[i++]!).padStart(7, '0');
  const last = words[i]!;
  const digits = prefix.length + 7;
  const exponent = `e${x.e - digits + 1}`;
  const sign = x.s < 0 ? '-' : '';
  const low = Number(`${sign}${prefix}${String(last).padStart(7, '0')}${exponent}`);
  let rest = false;
  for (let j = i + 1; j < words.length && !rest; j++) rest = words[j] !== 0;
  if (!rest) return low; // these digits are the whole value: Number rounds its exact string correctly
  // A carry out of the last word read (…9999999) is left to decimal.js.
  if (last === WORD - 1) return x.toNumber();
  const high = Number(`${sign}${prefix}${String(last + 1).padStart(7, '0')}${exponent}`);
  return low === high ? low : x.toNumber();
}

/**
 * x as m × 10^k with m a signed integer a double holds exactly (|m| ≤ 2^53 − 1), read from decimal.js's
 * words; undefined when its digits do not fit (or x is not finite).
 */
export function scaledOf(x: Decimal): { m: number; k: number } | undefined {
  const words = (x as unknown as { d: number[] | null }).d;
  if (!words || words.length > 3) return undefined;
  let m = words[0]!;
  let digits = m < 10 ? 1 : Math.floor(Math.log10(m)) + 1;
  // log10 can be off by one just below a power of ten: correct it exactly.
  if (m >= POW10[digits]!) digits++;
  else if (digits > 1 && m < POW10[digits - 1]!) digits--;
  for (let i = 1; i < words.length; i++) {
    m = m * WORD + words[i]!;
    digits += 7;
  }
  return m <= Number.MAX_SAFE_INTEGER ? { m: x.s * m, k: x.e - digits + 1 } : undefined;
}

/** A decimal of at most 15 significant digits as m × 10^k, m an integer a double holds exactly. */
interface Short {
  m: number;
  k: number;
}

const shortForms = new WeakMap<Decimal, Short | null>();

/** x as m × 10^k when its digits fit 15 (kept per decimal: factors' values are read once per line). */
function shortOf(x: Decimal): Short | null {
  let s = shortForms.get(x);
  if (s === undefined) {
    const scaled = scaledOf(x);
    s = scaled && Math.abs(scaled.m) < 1e15 ? scaled : null;
    shortForms.set(x, s);
  }
  return s;
}

/**
 * num(dec(a).times(f)) without decimals when it can be had exactly in doubles: a (as `dec` reads it)
 * and f each of at most 15 digits, their digits' product below 2^53 (so exact) and the power of ten
 * within 10^±22 — then one multiplication or division rounds correctly to the same double. Undefined
 * when not (the caller uses decimals).
 */
export function shortProduct(a: number, f: Decimal): number | undefined {
  const fs = shortOf(f);
  if (!fs) return undefined;
  const d = printedScale(a);
  if (d < 0) return undefined;
  const p = Math.round(a * POW10[d]!) * fs.m;
  if (!(Math.abs(p) <= Number.MAX_SAFE_INTEGER)) return undefined;
  const k = fs.k - d;
  if (k >= 0) return k <= 22 ? p * POW10[k]! : undefined;
  return k >= -22 ? p / POW10[-k]! : undefined;
}

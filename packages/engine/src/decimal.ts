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

/**
 * The nearest double to a decimal of many digits (a sum carried to 40 digits), as decimal.js's toNumber
 * gives it but without writing out every digit (toNumber: 5 µs at 43 digits): its words as one BigInt, then
 * `nearestDouble`.
 */
export function longToNumber(x: DecimalJs): number {
  const words = (x as unknown as { d: number[] | null }).d;
  if (!words || words.length < 3) return x.toNumber();
  let m = BigInt(words[0]!);
  for (let i = 1; i < words.length; i++) m = m * BIG_WORD + BigInt(words[i]!);
  const digits = String(words[0]!).length + 7 * (words.length - 1);
  return nearestDouble(x.s < 0 ? -m : m, x.e - digits + 1);
}
const BIG_WORD = BigInt(WORD);

const BIG10: bigint[] = [1n];
/** 10^n as a BigInt (kept as they are made). */
export function big10(n: number): bigint {
  while (BIG10.length <= n) BIG10.push(BIG10[BIG10.length - 1]! * 10n);
  return BIG10[n]!;
}

/** 2^-s for s = 0 … 1000, each exact (halving a normal double is exact). */
const HALVES: number[] = [1];
for (let s = 1; s <= 1000; s++) HALVES.push(HALVES[s - 1]! / 2);
const TWO_POW_62 = 2n ** 62n;
const LOG2_10 = Math.log2(10);

/**
 * The nearest double to m × 10^e (ties to even): what decimal.js's toNumber gives, without writing the
 * digits out. Digits a double holds and a power of ten within 10^±22: one correctly rounded
 * operation. Otherwise q = ⌊|m|·2^s / 10^-e⌋ with s chosen so that q has 63 or more bits, so 10 or
 * more below a double's 53: the values a double can take and the halfway points between them are
 * then multiples of 512. When q is not a multiple of 256, none lies in [q, q + 1), which holds the
 * exact quotient, so Number(q) rounds the same way. Otherwise q gets its last bit set when the
 * division leaves a remainder: it then lies strictly between the same two boundaries as the
 * quotient. Scaling by 2^-s is exact while the result stays a normal double. Anything else (a result
 * near the ends of the double range) goes through decimal.js.
 */
export function nearestDouble(m: bigint, e: number): number {
  if (m === 0n) return 0;
  const a = m < 0n ? -m : m;
  const sign = m < 0n ? -1 : 1;
  const approx = Number(a);
  if (approx <= Number.MAX_SAFE_INTEGER) {
    if (e >= 0 && e <= 22) return sign * approx * POW10[e]!;
    if (e < 0 && e >= -22) return (sign * approx) / POW10[-e]!;
  }
  // An exact product and one correctly rounded conversion (past 10^330 it is infinite whatever m is).
  if (e >= 0) return sign * (e > 330 ? Infinity : Number(a * big10(e)));
  if (approx === Infinity || e < -2000) return exactly(m, e);
  // Bits of |m| and of 10^-e, each within one of the truth; s leaves q at least 2^62.
  const bitsM = Math.floor(Math.log2(approx)) + 1;
  const bitsD = Math.ceil(-e * LOG2_10) + 1;
  const s = Math.max(0, bitsD - bitsM + 65);
  if (s > 1000) return exactly(m, e);
  const d = big10(-e);
  const shifted = a << BigInt(s);
  let q = shifted / d;
  if (q < TWO_POW_62) return exactly(m, e);
  if ((q & 255n) === 0n && q * d !== shifted) q |= 1n;
  const out = Number(q) * HALVES[s]!;
  return out > 4.450147717014403e-308 && out !== Infinity ? sign * out : exactly(m, e); // 2^-1021: normal with room
}

/** The slow, sure way: decimal.js reads all the digits (its constructor keeps them all) and rounds once. */
function exactly(m: bigint, e: number): number {
  return new Decimal(`${m}e${e}`).toNumber();
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

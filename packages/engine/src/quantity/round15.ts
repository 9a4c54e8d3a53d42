/**
 * `Number(x.toPrecision(15))` without making and parsing a string: the display rounding of every
 * per-line value (27 categories × 5,000 lines is 135,000 of them per result). Same result, always:
 * the fast path decides the 15-digit rounding exactly and falls back to toPrecision where it cannot.
 *
 * Why it is exact: for 1e-7 ≤ |x| < 1e15, k = 14 − ⌊log10 |x|⌋ is in 0…21, so 10^k is a double.
 * q = fl(|x|·10^k) and its error r (Dekker's two-product, exact) give the real product p = q + r.
 * toPrecision's 15 digits are M = round-half-up(p) (ECMA-262 Number.prototype.toPrecision: of two
 * nearest, the larger n), and M = ⌊q⌋ + (f + r ≥ ½) with f = q − ⌊q⌋ (both exact: q < 2^50, so f
 * has few bits, and |r| ≤ ½ ulp(q) ≤ 2^-4). The string parses to the double nearest M·10^-k, which
 * is M / 10^k: one correctly rounded division of two exact doubles (M < 10^15 < 2^53).
 * Values next to a digit-count boundary (q within 1 of 1e14 or 1e15, including a log10 that is off
 * by one) and values outside the range take toPrecision.
 */
const POW10 = Array.from({ length: 22 }, (_, k) => 10 ** k);
const SPLITTER = 134217729; // 2^27 + 1, Veltkamp's split of a double into two 26-bit halves

function hi(a: number): number {
  const c = SPLITTER * a;
  return c - (c - a);
}
const POW10_HI = POW10.map(hi);

/** The rounding error of a·b (a, b ≥ 0, no overflow): a·b = fl(a·b) + error, exactly. */
function productError(a: number, b: number, bHi: number, ab: number): number {
  const aHi = hi(a);
  const aLo = a - aHi;
  const bLo = b - bHi;
  return ((aHi * bHi - ab) + aHi * bLo + aLo * bHi) + aLo * bLo;
}

export function round15(x: number): number {
  if (x === 0) return 0;
  const a = x < 0 ? -x : x;
  // An integer below 10^15 has at most 15 digits, all kept (1, 2, 100: amounts and counts often are,
  // and 10^14 itself would take the slow path below).
  if (a < 1e15 && Number.isInteger(a)) return x;
  if (a >= 1e-7 && a < 1e15) {
    const k = 14 - Math.floor(Math.log10(a));
    const scale = POW10[k];
    if (scale !== undefined) {
      const q = a * scale;
      if (q >= 1e14 + 1 && q < 1e15 - 1) {
        const r = productError(a, scale, POW10_HI[k]!, q);
        const whole = Math.floor(q);
        const m = whole + (r >= 0.5 - (q - whole) ? 1 : 0);
        const y = m / scale;
        return x < 0 ? -y : y;
      }
    }
  }
  return Number(x.toPrecision(15));
}

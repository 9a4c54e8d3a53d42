import { big10, Decimal, nearestDouble, POW10, printedScale, ZERO } from './decimal.js';
import { Exact } from './exact.js';

/**
 * Exact sums of doubles read as the decimals they print as (the engine's convention: 0.1 is 0.1, as
 * `dec` reads it), without decimal.js: one implementation for the engine's groupings and the what-if
 * model's sums kept by difference. Adding a double costs no allocation in the usual case, where a
 * double-precision addition of scaled integers is exact; turning the sum into a Decimal is done once.
 */

/** m × 10^e, exactly. */
export interface Fixed {
  m: bigint;
  e: number;
}

export const FIXED_ZERO: Fixed = { m: 0n, e: 0 };

/** The decimal a double prints as, as a mantissa and exponent. */
export function fixedOf(x: number): Fixed {
  return fixedOfText(String(x));
}

/** The decimal a numeral means ("-1.25e-7", "3400", a Decimal's toString()), exactly. */
export function fixedOfText(text: string): Fixed {
  const ePos = text.search(/[eE]/);
  const mantissa = ePos < 0 ? text : text.slice(0, ePos);
  let e = ePos < 0 ? 0 : Number(text.slice(ePos + 1));
  const dot = mantissa.indexOf('.');
  if (dot >= 0) e -= mantissa.length - dot - 1;
  const m = BigInt(dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1));
  return m === 0n ? FIXED_ZERO : { m, e };
}

/** a × b, exactly. */
export function timesFixed(a: Fixed, b: Fixed): Fixed {
  return a.m === 0n || b.m === 0n ? FIXED_ZERO : { m: a.m * b.m, e: a.e + b.e };
}

/** The nearest double to a fixed decimal (ties to even), without writing its digits out (`nearestDouble`). */
export function numberOfFixed(f: Fixed): number {
  return nearestDouble(f.m, f.e);
}

/** a + sign × b, exactly. */
export function addFixed(a: Fixed, b: Fixed, sign: 1 | -1): Fixed {
  if (b.m === 0n) return a;
  const bm = sign < 0 ? -b.m : b.m;
  if (a.m === 0n) return { m: bm, e: b.e };
  if (a.e === b.e) return { m: a.m + bm, e: a.e };
  if (a.e < b.e) return { m: a.m + bm * big10(b.e - a.e), e: a.e };
  return { m: a.m * big10(a.e - b.e) + bm, e: b.e };
}

/** A fixed decimal as a Decimal (of the engine's class, or another clone such as the what-if model's). */
export function decimalOf(f: Fixed): Decimal;
export function decimalOf<D>(f: Fixed, make: (text: string) => D, zero: D): D;
export function decimalOf<D>(f: Fixed, make?: (text: string) => D, zero?: D): D | Decimal {
  if (!make) return f.m === 0n ? ZERO : new Decimal(`${f.m}e${f.e}`);
  return f.m === 0n ? zero! : make(`${f.m}e${f.e}`);
}

// Below 2^53 − 10^15 a double holds every integer exactly, and adding one more 15-digit mantissa
// cannot leave that range unnoticed.
const SAFE = 2 ** 53 - 1e15;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A running exact sum: (big + small) × 10^e. Most amounts have at most 15 significant digits, whose
 * mantissa a double holds exactly, so they are added as doubles (no allocation) and moved into the
 * BigInt only before the double could lose a digit.
 */
export class ExactSum {
  private big: bigint;
  private small = 0;
  private e: number;

  constructor(start: Fixed = FIXED_ZERO) {
    this.big = start.m;
    this.e = start.m === 0n ? 0 : start.e;
  }

  /** this += sign × x, exactly (x as the decimal it prints as). */
  add(x: number, sign: 1 | -1 = 1): void {
    if (x === 0) return;
    const d = printedScale(x);
    if (d < 0) {
      // More than 15 digits, or out of range: the string, as `dec` reads it.
      const f = fixedOf(x);
      if (f.e < this.e) this.rescale(f.e);
      this.big += (sign < 0 ? -f.m : f.m) * big10(f.e - this.e);
      return;
    }
    const mant = Math.round(x * POW10[d]!);
    const e = -d;
    if (e > this.e) {
      this.big += BigInt(sign * mant) * big10(e - this.e);
      return;
    }
    if (e < this.e) this.rescale(e);
    this.small += sign * mant;
    if (Math.abs(this.small) > SAFE) {
      this.big += BigInt(this.small);
      this.small = 0;
    }
  }

  private rescale(e: number): void {
    this.big = (this.big + BigInt(this.small)) * big10(this.e - e);
    this.small = 0;
    this.e = e;
  }

  fixed(): Fixed {
    const m = this.big + BigInt(this.small);
    return m === 0n ? FIXED_ZERO : { m, e: this.e };
  }

  /** The sum as an Exact: its digits as a double when they fit (no decimal.js). */
  exact(): Exact {
    if (this.big === 0n) return Exact.scaled(this.small, this.small === 0 ? 0 : this.e);
    const m = this.big + BigInt(this.small);
    if (m === 0n) return Exact.scaled(0, 0);
    return m >= -MAX_SAFE && m <= MAX_SAFE ? Exact.scaled(Number(m), this.e) : Exact.ofDecimal(decimalOf({ m, e: this.e }));
  }

  /** The sum as a Decimal of the engine's class. */
  decimal(): Decimal {
    return decimalOf(this.fixed());
  }
}

import { Decimal, firstTerm, num, POW10, printedScale, scaledOf } from './decimal.js';

/**
 * An exact decimal as m × 10^k with m an integer a double holds exactly (|m| ≤ 2^53 − 1), and a
 * decimal.js value only where the digits do not fit. A product or sum of two such values is one
 * double operation whose result is checked to be exact, ~50 times cheaper than decimal.js.
 *
 * Same answers as decimal.js by construction: a value of this form has at most 16 digits, so the
 * engine's decimals (40 digits) hold it without rounding, and every operation either gives the exact
 * result (which decimal.js would give too) or is done by decimal.js on the same values. Signs of
 * zero follow IEEE 754, which for +, − and × are decimal.js's with ROUND_HALF_EVEN.
 */
export class Exact {
  private constructor(
    /** The digits when `short`; meaningless otherwise. */
    private readonly m: number,
    private readonly k: number,
    private readonly short: boolean,
    private exact: Decimal | undefined,
  ) {}

  /** m × 10^k for an integer m; exact when |m| ≤ 2^53 − 1, else made by decimal.js from its text. */
  static scaled(m: number, k: number): Exact {
    return Math.abs(m) <= Number.MAX_SAFE_INTEGER ? new Exact(m, k, true, undefined) : Exact.ofDecimal(new Decimal(`${m}e${k}`));
  }

  /** The decimal x prints as (what `dec` reads). */
  static ofNumber(x: number): Exact {
    const d = printedScale(x);
    return d >= 0 ? new Exact(Math.round(x * POW10[d]!), -d, true, undefined) : Exact.ofDecimal(new Decimal(x));
  }

  static ofDecimal(x: Decimal): Exact {
    const scaled = scaledOf(x);
    return scaled ? new Exact(scaled.m, scaled.k, true, x) : new Exact(0, 0, false, x);
  }

  times(y: Exact): Exact {
    if (this.short && y.short) {
      const p = this.m * y.m;
      if (Math.abs(p) <= Number.MAX_SAFE_INTEGER) return new Exact(p, this.k + y.k, true, undefined);
    }
    return Exact.ofDecimal(this.decimal().times(y.decimal()));
  }

  plus(y: Exact): Exact {
    if (this.short && y.short) {
      const s = addShort(this.m, this.k, y.m, y.k);
      if (s !== undefined) return new Exact(s, Math.min(this.k, y.k), true, undefined);
    }
    return Exact.ofDecimal(this.decimal().plus(y.decimal()));
  }

  minus(y: Exact): Exact {
    if (this.short && y.short) {
      const s = addShort(this.m, this.k, -y.m, y.k);
      if (s !== undefined) return new Exact(s, Math.min(this.k, y.k), true, undefined);
    }
    return Exact.ofDecimal(this.decimal().minus(y.decimal()));
  }

  isZero(): boolean {
    return this.short ? this.m === 0 : this.exact!.isZero();
  }

  /** Whether the value is above zero. */
  positive(): boolean {
    return this.short ? this.m > 0 : this.exact!.gt(0);
  }

  /** 0 + this, as decimal.js makes it (firstTerm): itself unless its digits pass the precision. */
  firstTerm(): Exact {
    if (this.short) return this;
    const f = firstTerm(this.exact!);
    return f === this.exact ? this : Exact.ofDecimal(f);
  }

  /** The nearest double (num of the decimal): one correctly rounded operation where 10^k is exact. */
  toNumber(): number {
    if (this.short) {
      const k = this.k;
      if (k === 0) return this.m;
      if (k > 0 && k <= 22) return this.m * POW10[k]!;
      if (k < 0 && k >= -22) return this.m / POW10[-k]!;
    }
    return num(this.decimal());
  }

  decimal(): Decimal {
    // String(-0) is "0": a negative zero is made from the number.
    return (this.exact ??= this.m === 0 ? new Decimal(this.m) : new Decimal(`${this.m}e${this.k}`));
  }
}


/**
 * a·10^ak + b·10^bk as a mantissa at the smaller exponent, or undefined when it is not exact in a
 * double. An integer product or sum whose double is at most 2^53 − 1 is exact (a larger exact result
 * rounds to at least 2^53, rounding being monotone), so checking the double suffices.
 */
function addShort(a: number, ak: number, b: number, bk: number): number | undefined {
  if (ak > bk) {
    if (ak - bk > 22) return undefined;
    a *= POW10[ak - bk]!;
    if (!(Math.abs(a) <= Number.MAX_SAFE_INTEGER)) return undefined;
  } else if (bk > ak) {
    if (bk - ak > 22) return undefined;
    b *= POW10[bk - ak]!;
    if (!(Math.abs(b) <= Number.MAX_SAFE_INTEGER)) return undefined;
  }
  const s = a + b;
  return Math.abs(s) <= Number.MAX_SAFE_INTEGER ? s : undefined;
}

const exactOfDecimal = new WeakMap<Decimal, Exact>();

/** A decimal kept by its owner (a factor's per-unit value, a unit ratio) in this form, once. */
export function exactOf(x: Decimal): Exact {
  let e = exactOfDecimal.get(x);
  if (!e) exactOfDecimal.set(x, (e = Exact.ofDecimal(x)));
  return e;
}

export const EXACT_ZERO = Exact.ofNumber(0);

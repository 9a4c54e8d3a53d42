import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '@greenlca/sparse';
import { Decimal } from './decimal.js';
import { ExactSum, fixedOf, fixedOfText, numberOfFixed, timesFixed } from './exact-sum.js';

/** The sum decimal.js makes of the same doubles, read as they print (the independent answer). */
function decimalSum(xs: readonly number[], signs: readonly (1 | -1)[]): string {
  const Wide = Decimal.clone({ precision: 1000 });
  return xs.reduce((s, x, i) => s.plus(new Wide(x).times(signs[i]!)), new Wide(0)).toString();
}

describe('ExactSum', () => {
  it('adds doubles as the decimals they print as, exactly, whatever their digits and scale', () => {
    const rng = new Xoshiro128(13);
    const pick = () => {
      const u = rng.next();
      switch (Math.floor(rng.next() * 6)) {
        case 0: return Math.round(u * 1000) / 100; // 2 decimals
        case 1: return u; // 16–17 digits
        case 2: return Number((u * 1e-9).toPrecision(3)); // printed with an exponent
        case 3: return Math.round(u * 1e6) * 1e12; // large integers past 1e15
        case 4: return -Number((u * 50).toPrecision(12));
        default: return 0.1 + 0.2;
      }
    };
    for (let trial = 0; trial < 200; trial++) {
      const xs = Array.from({ length: 1 + (trial % 40) }, pick);
      const signs = xs.map(() => (rng.next() < 0.3 ? -1 : 1) as 1 | -1);
      const sum = new ExactSum();
      xs.forEach((x, i) => sum.add(x, signs[i]));
      expect(sum.decimal().toString(), JSON.stringify(xs)).toBe(new Decimal(decimalSum(xs, signs)).toString());
    }
  });

  it('continues from a fixed start and reads 0.1 as one tenth', () => {
    const sum = new ExactSum(fixedOf(0.2));
    sum.add(0.1);
    expect(sum.decimal().toString()).toBe('0.3');
    sum.add(0.3, -1);
    expect(sum.fixed().m).toBe(0n);
  });
});

/** The next double up from a positive finite x. */
function nextUp(x: number): number {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  b.setBigUint64(0, b.getBigUint64(0) + 1n);
  return b.getFloat64(0);
}

describe('numberOfFixed', () => {
  const Wide = Decimal.clone({ precision: 1200 });
  /** decimal.js's double for the same decimal (the independent answer), and ours. */
  const check = (text: string) => {
    const f = fixedOfText(text);
    expect(Object.is(numberOfFixed(f), new Wide(text).toNumber()), text).toBe(true);
  };

  it('gives the double decimal.js gives, bit for bit, for 1 to 120 digits at any exponent', () => {
    const rng = new Xoshiro128(29);
    for (let k = 0; k < 20000; k++) {
      const n = 1 + Math.floor(rng.next() * 120);
      let digits = String(1 + Math.floor(rng.next() * 9));
      for (let i = 1; i < n; i++) digits += String(Math.floor(rng.next() * 10));
      // Mostly the sizes sums have (exponents −60 … 10), and the whole double range.
      const e = k % 3 ? Math.floor(rng.next() * 70) - 60 : Math.floor(rng.next() * 760) - 420;
      check(`${rng.next() < 0.3 ? '-' : ''}${digits}e${e}`);
    }
  });

  it('rounds values at and next to a halfway point between two doubles as decimal.js does', () => {
    const rng = new Xoshiro128(31);
    const cases: string[] = [];
    for (let k = 0; k < 600; k++) {
      // Normal doubles of every size, and subnormals.
      const d = k % 5 === 4 ? rng.next() * 1e-310 : (rng.next() + 0.5) * 10 ** (Math.floor(rng.next() * 600) - 300);
      const mid = new Wide(d).plus(new Wide(nextUp(d))).div(2);
      const tiny = mid.times('1e-70');
      cases.push(mid.toString(), mid.plus(tiny).toString(), mid.minus(tiny).toString());
    }
    cases.push('9007199254740993', '9007199254740993.00000000000000000000000001', '9007199254740992.99999999999999999999999999',
      '9007199254740992', '9007199254740995', '0.3', '-0.1', '1e23', '1e-23', '123456789012345678e-40', '1.79769313486231580793728971405301e308',
      '1.797693134862315807937289714053e308', '2e308', '2.4703282292062327208828439643411e-324', '4.9406564584124654e-324', '2.2250738585072011e-308');
    for (const text of cases) for (const signed of [text, text.startsWith('-') ? text.slice(1) : `-${text}`]) check(signed);
  });

  it('reads numerals exactly and multiplies exactly', () => {
    expect(fixedOfText('-1.25e-7')).toEqual({ m: -125n, e: -9 });
    expect(fixedOfText('3400')).toEqual({ m: 3400n, e: 0 });
    expect(fixedOfText('1e+21')).toEqual({ m: 1n, e: 21 });
    expect(fixedOfText('-0').m).toBe(0n);
    expect(timesFixed(fixedOfText('0.5777'), fixedOfText('-12.5'))).toEqual({ m: -722125n, e: -5 });
    expect(numberOfFixed(timesFixed(fixedOfText('0.1'), fixedOfText('3')))).toBe(0.3);
  });
});

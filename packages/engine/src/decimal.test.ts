import DecimalJs from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { longToNumber, num } from './decimal.js';

/** The decimal.js clone the what-if model sums in (100 digits), and one for the ties' exact midpoints. */
const Long = DecimalJs.clone({ precision: 100 });
const Wide = DecimalJs.clone({ precision: 1200 });

/** A small seeded generator, so a failure names its case. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function digits(next: () => number, count: number): string {
  let s = String(1 + Math.floor(next() * 9));
  for (let i = 1; i < count; i++) s += String(Math.floor(next() * 10));
  return s;
}

/** The next double up from a positive finite x. */
function nextUp(x: number): number {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  b.setBigUint64(0, b.getBigUint64(0) + 1n);
  return b.getFloat64(0);
}

describe('longToNumber', () => {
  it('gives the double decimal.js gives, bit for bit, for decimals of 16 to 100 digits at any exponent', () => {
    const next = random(20261207);
    for (let k = 0; k < 20000; k++) {
      const text = `${next() < 0.5 ? '-' : ''}${digits(next, 16 + Math.floor(next() * 85))}e${Math.floor(next() * 660) - 340}`;
      const x = new Long(text);
      expect(Object.is(longToNumber(x), x.toNumber()), text).toBe(true);
      expect(Object.is(num(x), x.toNumber()), text).toBe(true);
    }
  });

  it('rounds values at and next to a halfway point between two doubles as decimal.js does', () => {
    const next = random(7);
    const cases: string[] = [];
    for (let k = 0; k < 400; k++) {
      // Normal doubles of every size, and subnormals.
      const d = k % 4 === 3 ? next() * 1e-310 : (next() + 0.5) * 10 ** (Math.floor(next() * 600) - 300);
      const mid = new Wide(d).plus(new Wide(nextUp(d))).div(2);
      const tiny = mid.times('1e-60');
      for (const v of [mid, mid.plus(tiny), mid.minus(tiny)]) cases.push(v.toSignificantDigits(100, DecimalJs.ROUND_DOWN).toString());
      cases.push(mid.toSignificantDigits(100, DecimalJs.ROUND_UP).toString());
    }
    // Ties with few digits (2^53 + 1 is halfway between two doubles), carries out of a word, extremes.
    cases.push('9007199254740993', '9007199254740993.00000000000000000000000001', '9007199254740992.99999999999999999999999999',
      '1.99999999999999999999999999999999', '9999999.9999999999999999999999999', '-0.00000000000000000000000000000000000000001',
      '1.79769313486231580793728971405301e308', '1.797693134862315807937289714053e308', '2.47032822920623272088284396434e-324',
      '2.4703282292062327208828439643411e-324', '-2.4703282292062327208828439643411e-324', '4.9406564584124654e-324');
    for (const text of cases) {
      for (const signed of [text, text.startsWith('-') ? text.slice(1) : `-${text}`]) {
        const x = new Long(signed);
        expect(Object.is(longToNumber(x), x.toNumber()), signed).toBe(true);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '@greenlca/sparse';
import { Decimal } from './decimal.js';
import { ExactSum, fixedOf } from './exact-sum.js';

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

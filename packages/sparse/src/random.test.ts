import { describe, expect, it } from 'vitest';
import { keyedXoshiro128, xoshiro128 } from './random.js';

const draws = (rng: { next(): number }, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe('keyedXoshiro128', () => {
  it('gives one stream per (seed, key): repeatable, and different for another key or seed', () => {
    const a = draws(keyedXoshiro128(42, 'line:use'), 8);
    expect(draws(keyedXoshiro128(42, 'line:use'), 8)).toEqual(a);
    expect(draws(keyedXoshiro128(42, 'line:other'), 8)).not.toEqual(a);
    expect(draws(keyedXoshiro128(43, 'line:use'), 8)).not.toEqual(a);
  });

  it('uses the whole of a seed above 2^32 (the high word is not dropped)', () => {
    expect(draws(keyedXoshiro128(2 ** 32 + 5, 'k'), 4)).not.toEqual(draws(keyedXoshiro128(5, 'k'), 4));
  });

  it('is uniform on [0, 1): mean of 100 000 draws within 4 standard errors of 1/2', () => {
    const x = draws(keyedXoshiro128(7, 'factor:wf/steel'), 100_000);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / x.length));
    expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...x)).toBeLessThan(1);
  });

  it('does not collide with the plain stream of the same numeric seed', () => {
    expect(draws(keyedXoshiro128(42, 'a'), 4)).not.toEqual(draws(xoshiro128(42), 4));
  });
});

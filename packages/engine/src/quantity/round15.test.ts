import { describe, expect, it } from 'vitest';
import { round15 } from './round15.js';
import { xoshiro128 } from '@greenlca/sparse';

/** The definition round15 must equal, bit for bit. */
const reference = (x: number) => (x === 0 ? 0 : Number(x.toPrecision(15)));

/** The project's seeded generator (xoshiro128**), so a failure can be reproduced. */
function random(seed: number): () => number {
  const rng = xoshiro128(seed);
  return () => rng.next();
}

const view = new DataView(new ArrayBuffer(8));
/** The next double up (ulps > 0) or down from a positive x. */
function step(x: number, ulps: number): number {
  view.setFloat64(0, x);
  view.setBigUint64(0, view.getBigUint64(0) + BigInt(ulps));
  return view.getFloat64(0);
}

function mismatches(xs: number[]): number[] {
  return xs.filter((x) => !Object.is(round15(x), reference(x)));
}

describe('round15 equals Number(x.toPrecision(15))', () => {
  it('on products of short decimals, as line values are (amount × per-unit value)', () => {
    const next = random(1);
    const xs: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const amount = Math.round(next() * 10 ** (1 + Math.floor(next() * 6))) / 10 ** Math.floor(next() * 6);
      const perUnit = Math.round(next() * 10 ** (1 + Math.floor(next() * 8))) / 10 ** Math.floor(next() * 12);
      xs.push(amount * perUnit, -amount * perUnit, amount / 3.6, amount * 0.1 * 3);
    }
    expect(mismatches(xs)).toEqual([]);
  });

  it('on doubles with random bits over 40 orders of magnitude', () => {
    const next = random(2);
    const xs: number[] = [];
    for (let i = 0; i < 100_000; i++) xs.push((next() + next() * 2 ** -30) * 10 ** (Math.floor(next() * 40) - 20));
    expect(mismatches(xs)).toEqual([]);
  });

  it('next to halfway cases, where the 16th digit is 5 and only the exact value decides', () => {
    const next = random(3);
    const xs: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const digits = String(1e14 + Math.floor(next() * 9e14)) + '5';
      const x = Number(`${digits}e${Math.floor(next() * 36) - 30}`);
      for (let u = -3; u <= 3; u++) xs.push(step(x, u));
    }
    expect(mismatches(xs)).toEqual([]);
  });

  it('at the edges: powers of ten and their neighbours, the ends of the fast range, zero, specials', () => {
    const xs: number[] = [0, -0, NaN, Infinity, -Infinity, Number.MIN_VALUE, Number.MAX_VALUE, 1e-7, 1e15, 999999999999999.9, 99999999999999.95];
    for (let e = -30; e <= 30; e++) {
      const p = Number(`1e${e}`);
      for (let u = -4; u <= 4; u++) xs.push(step(p, u), -step(p, u));
      xs.push(Number(`9.999999999999995e${e}`), Number(`9.99999999999999e${e}`));
    }
    expect(mismatches(xs)).toEqual([]);
    // Integers, below and past 10^15 (the first keep all their digits, the others are rounded).
    for (let e = 0; e <= 17; e++) for (const d of [1, 2, 7, 9, 999]) xs.push(d * 10 ** e, -d * 10 ** e, d * 10 ** e + 1, 10 ** e - 1);
    xs.push(2 ** 53, 2 ** 53 - 1, 999999999999999, 1000000000000001, 123456789012345678);
    expect(mismatches(xs)).toEqual([]);
    expect(round15(602.2500000000001)).toBe(602.25);
    expect(round15(0.1 + 0.2)).toBe(0.3);
    expect(Object.is(round15(-0), 0)).toBe(true);
  });
});

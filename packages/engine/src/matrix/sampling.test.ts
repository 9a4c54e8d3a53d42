import { describe, expect, it } from 'vitest';
import { csrFromTriplets, xoshiro128 } from '@greenlca/sparse';
import { entryPositions, fixedPlan, planFromExchanges } from './sampling.js';

const M = csrFromTriplets({ rows: 2, cols: 2, row: Int32Array.of(0, 0, 1, 1), col: Int32Array.of(0, 1, 0, 1), value: Float64Array.of(1, -0.5, -0.2, 2) });

describe('SamplingPlan', () => {
  it('multiplicative noise on every entry equals noise on some entries plus the fixed rest', () => {
    const all = fixedPlan(M).addMultiplicativeNoise(entryPositions(M, 'all'), 0.1).sample(xoshiro128(1), new Float64Array(4));
    const some = fixedPlan(M).addMultiplicativeNoise(Int32Array.of(0, 1, 2), 0.1).sample(xoshiro128(1), new Float64Array(4));
    expect(Array.from(some.subarray(0, 3))).toEqual(Array.from(all.subarray(0, 3)));
    expect(some[3]).toBe(2);
    all.forEach((v, q) => expect(Math.abs(Math.log(v / M.values[q]!))).toBeLessThan(0.1 * 6));
  });

  it('keeps exchanges without uncertainty fixed and samples the others with the sign of an input', () => {
    const plan = planFromExchanges(M, Int32Array.of(0, 1, 1), [
      { amount: 1 },
      { amount: 0.25, input: true },
      { amount: 0.25, input: true, uncertainty: { kind: 'uniform', min: 0.2, max: 0.3 } },
    ]);
    const rng = xoshiro128(3);
    const out = new Float64Array(4);
    for (let i = 0; i < 100; i++) {
      plan.sample(rng, out);
      expect(out[0]).toBe(1);
      expect(out[1]!).toBeGreaterThanOrEqual(-0.55);
      expect(out[1]!).toBeLessThanOrEqual(-0.45);
      expect(out[2]).toBe(0); // no exchange there
    }
  });

  it('resampling into the previous sample gives exactly the values of a fresh sample, for every kind of plan', () => {
    const plans = [
      () => fixedPlan(M).addMultiplicativeNoise(Int32Array.of(1, 2), 0.1), // the fixed rest (the diagonal) stays in place
      () => fixedPlan(M).addMultiplicativeNoise(entryPositions(M, 'all'), 0.2),
      () => planFromExchanges(M, Int32Array.of(0, 1, 3), [{ amount: 1 }, { amount: 0.5, input: true, uncertainty: { kind: 'lognormal', mu: Math.log(0.5), sigma: 0.1 } }, { amount: 2, uncertainty: { kind: 'normal', mean: 2, sd: 0.1 } }]),
    ];
    for (const make of plans) {
      const plan = make();
      const rngA = xoshiro128(11);
      const rngB = xoshiro128(11);
      const reused = plan.sample(rngA, new Float64Array(4));
      plan.sample(rngB, new Float64Array(4));
      for (let it = 0; it < 5; it++) {
        const before = reused.slice();
        plan.resample(rngA, reused);
        const fresh = plan.sample(rngB, new Float64Array(4));
        expect(Array.from(reused)).toEqual(Array.from(fresh));
        expect(Array.from(reused)).not.toEqual(Array.from(before));
      }
    }
  });

  it('draws in storage order only when every entry is one lognormal draw over a zero fixed part, in order, with one σ', () => {
    const every = fixedPlan(M).addMultiplicativeNoise(entryPositions(M, 'all'), 0.1);
    expect(every.drawsInStorageOrder()).toBe(true);
    expect(Array.from(every.fixed)).toEqual([0, 0, 0, 0]);
    expect(Array.from(M.values)).toEqual([1, -0.5, -0.2, 2]); // the matrix's own values are not touched
    expect(fixedPlan(M).addMultiplicativeNoise(Int32Array.of(1, 0, 2, 3), 0.1).drawsInStorageOrder()).toBe(false);
    expect(fixedPlan(M).addMultiplicativeNoise(Int32Array.of(0, 1, 2), 0.1).drawsInStorageOrder()).toBe(false);
    expect(fixedPlan(M).addMultiplicativeNoise(Int32Array.of(0, 1), 0.1).addMultiplicativeNoise(Int32Array.of(2, 3), 0.2).drawsInStorageOrder()).toBe(false);
    const lognormal = { kind: 'lognormal' as const, mu: 0, sigma: 0.1 };
    const overFixed = planFromExchanges(M, Int32Array.of(0, 1, 2, 3, 3), [
      { amount: 1, uncertainty: lognormal },
      { amount: 1, uncertainty: lognormal },
      { amount: 1, uncertainty: lognormal },
      { amount: 1, uncertainty: lognormal },
      { amount: 0.5 },
    ]);
    expect(overFixed.drawsInStorageOrder()).toBe(false);
    const plain = planFromExchanges(M, Int32Array.of(0, 1, 2, 3), [0, 1, 2, 3].map(() => ({ amount: 1, uncertainty: lognormal })));
    expect(plain.drawsInStorageOrder()).toBe(true);
  });

  it('rejects impossible noise', () => {
    expect(() => fixedPlan(M).addMultiplicativeNoise(Int32Array.of(0), -1)).toThrow(/sigma/);
  });
});

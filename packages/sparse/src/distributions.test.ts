import { describe, expect, it } from 'vitest';
import { checkDistribution, fillSamples, mean, sample, variance, type Distribution } from './distributions.js';
import { csrFromTriplets, multiply } from './csr.js';
import { addLognormalNoise, fillLognormalFactors, fillStandardNormal, lognormalTimes, standardNormal, tableExp } from './normal.js';
import { xoshiro128 } from './random.js';

const N = 200_000;

function moments(xs: Float64Array): { mean: number; variance: number } {
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let v = 0;
  for (const x of xs) v += (x - m) ** 2;
  return { mean: m, variance: v / (xs.length - 1) };
}

describe('xoshiro128**', () => {
  it('is reproducible by seed and differs between seeds', () => {
    const a = xoshiro128(7);
    const b = xoshiro128(7);
    const c = xoshiro128(8);
    const sa = [a.nextUint32(), a.nextUint32(), a.next()];
    expect([b.nextUint32(), b.nextUint32(), b.next()]).toEqual(sa);
    expect(c.nextUint32()).not.toBe(sa[0]);
  });
  it('gives uniform doubles in [0, 1)', () => {
    const rng = xoshiro128(1);
    const xs = Float64Array.from({ length: N }, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const m = moments(xs);
    expect(m.mean).toBeCloseTo(0.5, 2);
    expect(m.variance).toBeCloseTo(1 / 12, 3);
  });
});

describe('standard normal (ziggurat)', () => {
  it('has mean 0, variance 1 and normal tails', () => {
    const xs = new Float64Array(N);
    fillStandardNormal(xoshiro128(3), xs);
    const m = moments(xs);
    expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(N));
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.015);
    // P(|Z| > 2) = 0.0455, P(|Z| > 3) = 0.0027 (the tail beyond the base layer at 3.44 is rare: 5.8e-4).
    const beyond = (t: number) => xs.filter((x) => Math.abs(x) > t).length / N;
    expect(beyond(2)).toBeCloseTo(0.0455, 2);
    expect(beyond(3)).toBeGreaterThan(0.0022);
    expect(beyond(3)).toBeLessThan(0.0032);
    expect(beyond(3.5)).toBeGreaterThan(0.0003);
  });
  it('draws the same stream one at a time as in bulk', () => {
    const bulk = new Float64Array(1000);
    fillStandardNormal(xoshiro128(9), bulk);
    const rng = xoshiro128(9);
    expect(Array.from(bulk, () => standardNormal(rng))).toEqual(Array.from(bulk));
  });
});

describe('distributions', () => {
  const cases: Distribution[] = [
    { kind: 'lognormal', mu: Math.log(2), sigma: 0.3 },
    { kind: 'normal', mean: -1, sd: 0.5 },
    { kind: 'triangular', min: 1, mode: 2, max: 5 },
    { kind: 'uniform', min: -2, max: 4 },
  ];
  for (const d of cases) {
    it(`${d.kind}: sample mean and variance match the distribution`, () => {
      const xs = fillSamples(d, xoshiro128(11), new Float64Array(N));
      const m = moments(xs);
      const sd = Math.sqrt(variance(d));
      expect(Math.abs(m.mean - mean(d))).toBeLessThan((5 * sd) / Math.sqrt(N));
      expect(Math.abs(m.variance / variance(d) - 1)).toBeLessThan(0.03);
    });
  }
  it('keeps triangular and uniform draws inside their bounds', () => {
    const rng = xoshiro128(5);
    for (let i = 0; i < 10_000; i++) {
      const t = sample({ kind: 'triangular', min: 1, mode: 1.5, max: 2 }, rng);
      expect(t >= 1 && t <= 2).toBe(true);
    }
  });
  it('rejects parameters that describe no distribution', () => {
    expect(() => checkDistribution({ kind: 'triangular', min: 2, mode: 1, max: 3 })).toThrow(/min ≤ mode ≤ max/);
    expect(() => checkDistribution({ kind: 'lognormal', mu: 0, sigma: -1 })).toThrow(/sigma ≥ 0/);
  });
});

describe('fast paths', () => {
  it('tableExp agrees with Math.exp to a few units in the last place, and falls back outside ±16', () => {
    const rng = xoshiro128(2);
    for (let i = 0; i < 100_000; i++) {
      const x = 40 * rng.next() - 20;
      expect(Math.abs(tableExp(x) / Math.exp(x) - 1)).toBeLessThan(1e-15);
    }
    expect(tableExp(0)).toBe(1);
  });
  it('lognormal noise has the lognormal mean and variance', () => {
    const n = N;
    const out = new Float64Array(n);
    addLognormalNoise(xoshiro128(4), Int32Array.from({ length: n }, (_, i) => i), new Float64Array(n).fill(3), 0.1, out);
    const m = moments(out);
    const d: Distribution = { kind: 'lognormal', mu: Math.log(3), sigma: 0.1 };
    expect(Math.abs(m.mean - mean(d))).toBeLessThan((5 * Math.sqrt(variance(d))) / Math.sqrt(n));
    expect(Math.abs(m.variance / variance(d) - 1)).toBeLessThan(0.03);
  });
  it('every fused lognormal draw is standardNormal then tableExp, in the same stream, across chunk boundaries', () => {
    const count = 1500; // three chunks of 512, the last one partial
    // 0.3: the branch-free run; 4.4: |σ Z| can pass 16, so every draw takes the scalar path.
    for (const sigma of [0.3, 4.4]) {
      const fused = new Float64Array(count);
      const rngFused = xoshiro128(21);
      fillLognormalFactors(rngFused, sigma, fused);
      const rngPlain = xoshiro128(21);
      for (let k = 0; k < count; k++) expect(fused[k]).toBe(tableExp(sigma * standardNormal(rngPlain)));
      expect(rngFused.next()).toBe(rngPlain.next());
    }
  });
  it('addLognormalNoise with assign writes scale × the factors fillLognormalFactors draws, at the positions, in the same stream', () => {
    const count = 1300;
    // Positions out of order and with gaps, so a value written at the wrong place shows.
    const positions = Int32Array.from({ length: count }, (_, q) => (q * 7919) % 2000);
    const scale = Float64Array.from({ length: count }, (_, q) => 1 + (q % 9) - 4.5);
    for (const sigma of [0.3, 4.4]) {
      const out = new Float64Array(2000).fill(-1);
      const rng = xoshiro128(33);
      addLognormalNoise(rng, positions, scale, sigma, out, true);
      const factors = new Float64Array(count);
      const plain = xoshiro128(33);
      fillLognormalFactors(plain, sigma, factors);
      const expected = new Float64Array(2000).fill(-1);
      for (let q = 0; q < count; q++) expected[positions[q]!] = scale[q]! * factors[q]!;
      expect(Array.from(out)).toEqual(Array.from(expected));
      expect(rng.next()).toBe(plain.next());
    }
  });
  it('lognormalTimes is addLognormalNoise (assign) then multiply, bit for bit, slow-path draws inside rows and empty rows included', () => {
    // 90 rows of 13 entries, every ninth row empty: ~30 of the 1,040 draws leave the fast path mid-row.
    const rows = 90;
    const row: number[] = [];
    const col: number[] = [];
    const value: number[] = [];
    for (let i = 0; i < rows; i++) for (let j = 0; j < (i % 9 === 4 ? 0 : 13); j++) { row.push(i); col.push((i * 7 + j * 11) % rows); value.push(1 + ((i + j) % 5)); }
    const A = csrFromTriplets({ rows, cols: rows, row: Int32Array.from(row), col: Int32Array.from(col), value: Float64Array.from(value) });
    const x = Float64Array.from({ length: rows }, (_, i) => Math.sin(i) + 2);
    // σ = 5 is beyond the fast loops' range: every draw goes one at a time.
    for (const sigma of [0.2, 5]) {
      const fusedRng = xoshiro128(8);
      const y = lognormalTimes(fusedRng, A, A.values, sigma, x, new Float64Array(rows).fill(NaN));
      const twoPassRng = xoshiro128(8);
      const sampled = new Float64Array(A.values.length);
      addLognormalNoise(twoPassRng, Int32Array.from(A.values.keys()), A.values, sigma, sampled, true);
      expect(Array.from(y)).toEqual(Array.from(multiply({ ...A, values: sampled }, x)));
      expect(fusedRng.next()).toBe(twoPassRng.next());
    }
  });
});

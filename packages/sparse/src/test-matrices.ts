/**
 * @module test-matrices — seeded random matrices shaped like technosphere matrices, for tests.
 * (Not exported from the package.)
 */
import { csrFromTriplets, type CsrMatrix } from './csr.js';
import { xoshiro128 } from './random.js';

/**
 * An n × n matrix with a non-zero diagonal (negative for `negativeDiagonals` of the rows, like waste
 * treatment), `perColumn` off-diagonal inputs per column, and column sums of |off-diagonal| / |diagonal|
 * below `maxShare` < 1: an H-matrix, so the solution exists and iteration converges.
 */
export function supplyChainMatrix(n: number, seed: number, options: { perColumn?: number; maxShare?: number; negativeDiagonals?: number; positiveInputs?: number } = {}): CsrMatrix {
  const rng = xoshiro128(seed);
  const perColumn = options.perColumn ?? 6;
  const maxShare = options.maxShare ?? 0.8;
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let j = 0; j < n; j++) {
    const production = (rng.next() < (options.negativeDiagonals ?? 0.05) ? -1 : 1) * (0.5 + 2 * rng.next());
    rows.push(j);
    cols.push(j);
    vals.push(production);
    const share = maxShare * rng.next();
    const weights: number[] = [];
    const targets = new Set<number>();
    while (targets.size < Math.min(perColumn, n - 1)) {
      const i = Math.floor(rng.next() * n);
      if (i !== j) targets.add(i);
    }
    for (let q = 0; q < targets.size; q++) weights.push(rng.next() + 0.01);
    const total = weights.reduce((a, b) => a + b, 0);
    [...targets].forEach((i, q) => {
      const sign = rng.next() < (options.positiveInputs ?? 0.02) ? 1 : -1;
      rows.push(i);
      cols.push(j);
      vals.push(sign * Math.abs(production) * (share * weights[q]!) / total);
    });
  }
  return csrFromTriplets({ rows: n, cols: n, row: Int32Array.from(rows), col: Int32Array.from(cols), value: Float64Array.from(vals) });
}

/** A seeded dense random vector. */
export function randomVector(n: number, seed: number): Float64Array {
  const rng = xoshiro128(seed);
  return Float64Array.from({ length: n }, () => rng.next() - 0.25);
}

import { describe, expect, it } from 'vitest';
import { csrFromTriplets, type CsrMatrix } from './csr.js';
import { lowerFirst, padRows } from './plan.js';
import { gaussSeidelSweep, homogeneousSweep, relaxationSweep, relaxationSweepFromZero } from './sweep.js';
import { BLOCK_WIDTH, blockGaussSeidel } from './block.js';
import { randomVector } from './test-matrices.js';
import { xoshiro128 } from './random.js';

/** Rows of every length from 1 to 13 (every tail length past a group of four), diagonal included. */
function ragged(n: number, seed: number): CsrMatrix {
  const rng = xoshiro128(seed);
  const row: number[] = [];
  const col: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < n; i++) {
    const cols = new Set<number>([i]);
    const length = 1 + (i % 13);
    while (cols.size < Math.min(length, n)) cols.add(Math.floor(rng.next() * n));
    for (const j of cols) {
      row.push(i);
      col.push(j);
      value.push(j === i ? 3 + rng.next() : -0.2 * rng.next());
    }
  }
  return csrFromTriplets({ rows: n, cols: n, row: Int32Array.from(row), col: Int32Array.from(col), value: Float64Array.from(value) });
}

/** The unpadded sweep: four sums over the row's full groups of four, its tail into the first. */
function referenceSweep(A: CsrMatrix, invDiag: Float64Array, b: Float64Array | undefined, x: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < A.rows; i++) {
    const bi = b ? b[i]! : 0;
    const s = [bi, 0, 0, 0];
    const a = [Math.abs(bi), 0, 0, 0];
    let p = A.rowPtr[i]!;
    const end = A.rowPtr[i + 1]!;
    for (; p + 3 < end; p += 4) {
      for (let k = 0; k < 4; k++) {
        const t = A.values[p + k]! * x[A.colIdx[p + k]!]!;
        s[k] = s[k]! - t;
        a[k] = a[k]! + Math.abs(t);
      }
    }
    for (; p < end; p++) {
      const t = A.values[p]! * x[A.colIdx[p]!]!;
      s[0] = s[0]! - t;
      a[0] = a[0]! + Math.abs(t);
    }
    const r = s[0]! + s[1]! + (s[2]! + s[3]!);
    x[i] = x[i]! + r * invDiag[i]!;
    if (r !== 0) worst = Math.max(worst, Math.abs(r) / (a[0]! + a[1]! + (a[2]! + a[3]!)));
  }
  return worst;
}

function padded(A: CsrMatrix): CsrMatrix {
  const { pattern, carry } = padRows(A);
  const source = carry(Int32Array.from(A.values.keys()));
  return { ...pattern, values: Float64Array.from(source, (q) => (q >= 0 ? A.values[q]! : 0)) };
}

describe('the sweep layout', () => {
  const n = 200;
  const A = ragged(n, 3);
  const P = padded(A);
  const invDiag = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let q = A.rowPtr[i]!; q < A.rowPtr[i + 1]!; q++) if (A.colIdx[q] === i) invDiag[i] = 1 / A.values[q]!;
  const b = randomVector(n, 4);

  it('pads each row to a multiple of four, at least one entry longer, with zeros in its own column after its entries', () => {
    const { position, ends } = padRows(A);
    for (let i = 0; i < n; i++) {
      const length = A.rowPtr[i + 1]! - A.rowPtr[i]!;
      const paddedLength = P.rowPtr[i + 1]! - P.rowPtr[i]!;
      expect(ends[i]).toBe(P.rowPtr[i]! + length);
      expect(paddedLength % 4).toBe(0);
      expect(paddedLength - length).toBeGreaterThanOrEqual(1);
      expect(paddedLength - length).toBeLessThanOrEqual(4);
      for (let q = A.rowPtr[i]!; q < A.rowPtr[i + 1]!; q++) {
        expect(position[q]).toBe(P.rowPtr[i]! + q - A.rowPtr[i]!);
        expect(P.colIdx[position[q]!]).toBe(A.colIdx[q]);
        expect(P.values[position[q]!]).toBe(A.values[q]);
      }
      for (let q = P.rowPtr[i]! + length; q < P.rowPtr[i + 1]!; q++) {
        expect(P.colIdx[q]).toBe(i);
        expect(P.values[q]).toBe(0);
      }
    }
  });

  it('sweeps the padded rows with exactly the arithmetic of the unpadded sweep', () => {
    const x = new Float64Array(n);
    const expected = new Float64Array(n);
    for (let sweep = 0; sweep < 4; sweep++) {
      const omega = gaussSeidelSweep(P, invDiag, b, x);
      expect(omega).toBe(referenceSweep(A, invDiag, b, expected));
      expect(x).toEqual(expected);
    }
    homogeneousSweep(P, invDiag, x);
    referenceSweep(A, invDiag, undefined, expected);
    expect(x).toEqual(expected);
  });

  it('block sweeps over the padded rows give exactly what they give over the rows as they were', () => {
    const B = new Float64Array(BLOCK_WIDTH * n);
    for (let q = 0; q < B.length; q++) B[q] = b[q % n]! * (1 + (q % BLOCK_WIDTH));
    const X = new Float64Array(B.length);
    const expected = new Float64Array(B.length);
    const result = blockGaussSeidel(P, padRows(A).ends, invDiag, B, X, 1e-12, 40);
    const reference = blockGaussSeidel(A, A.rowPtr.subarray(1), invDiag, B, expected, 1e-12, 40);
    expect(result.sweeps).toBe(reference.sweeps);
    expect(result.sweeps).toBeGreaterThan(3); // plain and measured sweeps both ran
    expect(X).toEqual(expected);
  });

  it('relaxation sweeps move x exactly as measured sweeps do, and report no less than their backward error', () => {
    const x = new Float64Array(n);
    const measured = new Float64Array(n);
    let first = true;
    for (let sweep = 0; sweep < 6; sweep++) {
      const change = relaxationSweep(P, invDiag, b, x);
      const omega = gaussSeidelSweep(P, invDiag, b, measured);
      expect(x).toEqual(measured);
      expect(change).toBeGreaterThanOrEqual(omega);
      if (first) expect(change).toBe(1); // from zero every moving component moves by all of itself
      first = false;
    }
    const runaway = x.slice();
    runaway[0] = Infinity;
    expect(relaxationSweep(P, invDiag, b, runaway)).toBeNaN();
  });

  it('a first sweep from zero over the entries left of the diagonal moves x exactly as the full sweep does', () => {
    // Rows with their lower entries first, then padded: the layout the sweeping solver uses.
    const { pattern, source } = lowerFirst({ pattern: A, source: Int32Array.from(A.values.keys()) });
    const reordered = { ...pattern, values: Float64Array.from(source, (q) => A.values[q]!) };
    const Q = padded(reordered);
    const lowerEnds = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let q = Q.rowPtr[i]!;
      while (Q.colIdx[q]! < i) q++;
      lowerEnds[i] = q;
      for (let r = q; r < Q.rowPtr[i + 1]!; r++) expect(Q.colIdx[r]).toBeGreaterThanOrEqual(i);
    }
    expect(lowerEnds.some((e, i) => e - Q.rowPtr[i]! >= 5)).toBe(true); // full groups of four and a part group both occur
    for (const rhs of [b, new Float64Array(n), b.map((v, i) => (i % 3 ? 0 : v))]) {
      const full = new Float64Array(n);
      const prefix = new Float64Array(n);
      expect(relaxationSweepFromZero(Q, lowerEnds, invDiag, rhs, prefix)).toBe(relaxationSweep(Q, invDiag, rhs, full));
      expect(prefix).toEqual(full);
    }
    const infinite = b.slice();
    infinite[n - 1] = Infinity;
    expect(relaxationSweepFromZero(Q, lowerEnds, invDiag, infinite, new Float64Array(n))).toBeNaN();
  });
});

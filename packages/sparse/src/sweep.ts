/**
 * @module sweep — the Gauss–Seidel sweep, the inner loop every iterative solve here spends its time in.
 *
 * The sweeps take A in the sweep layout (`padRows` in plan.ts): every row a multiple of four entries
 * long, its last four holding the entries past the last full group of four and then zeros. Each row
 * is summed in four sums over its full groups (the adds would otherwise form one serial dependency
 * chain: 5 % less time than two sums at n = 20,000 and 50,000) and its last four into the first sum
 * in order, with no loop over a tail of varying length.
 */
import type { CsrMatrix } from './csr.js';

/**
 * One in-place Gauss–Seidel sweep over the rows of A in storage order: x_i += (b_i − (A x)_i) / A_ii,
 * with (A x)_i taken over the newest values. `A` holds its diagonal in the rows as usual; `invDiag`
 * is 1 / A_ii. Returns the largest componentwise backward error |r_i| / (|A| |x| + |b|)_i seen during
 * the sweep (each row measured just before its update), a scale-free convergence measure for free.
 */
export function gaussSeidelSweep(A: CsrMatrix, invDiag: Float64Array, b: Float64Array, x: Float64Array): number {
  const { rows, rowPtr, colIdx, values } = A;
  let worst = 0;
  let p = 0;
  for (let i = 0; i < rows; i++) {
    const bi = b[i]!;
    let s0 = bi;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let a0 = Math.abs(bi);
    let a1 = 0;
    let a2 = 0;
    let a3 = 0;
    for (const last = rowPtr[i + 1]! - 4; p < last; p += 4) {
      const t0 = values[p]! * x[colIdx[p]!]!;
      const t1 = values[p + 1]! * x[colIdx[p + 1]!]!;
      const t2 = values[p + 2]! * x[colIdx[p + 2]!]!;
      const t3 = values[p + 3]! * x[colIdx[p + 3]!]!;
      s0 -= t0;
      s1 -= t1;
      s2 -= t2;
      s3 -= t3;
      a0 += Math.abs(t0);
      a1 += Math.abs(t1);
      a2 += Math.abs(t2);
      a3 += Math.abs(t3);
    }
    const t0 = values[p]! * x[colIdx[p]!]!;
    const t1 = values[p + 1]! * x[colIdx[p + 1]!]!;
    const t2 = values[p + 2]! * x[colIdx[p + 2]!]!;
    const t3 = values[p + 3]! * x[colIdx[p + 3]!]!;
    p += 4;
    s0 = s0 - t0 - t1 - t2 - t3;
    a0 = a0 + Math.abs(t0) + Math.abs(t1) + Math.abs(t2) + Math.abs(t3);
    const r = s0 + s1 + (s2 + s3);
    const a = a0 + a1 + (a2 + a3);
    x[i] = x[i]! + r * invDiag[i]!;
    if (r !== 0) {
      const w = Math.abs(r) / a;
      if (!(w <= worst)) worst = w; // also catches NaN
    }
  }
  return worst;
}

/**
 * The same sweep without measuring the backward error (no |A| |x| sums: a tenth less time per sweep),
 * for sweeps that only need to know roughly how far the iterate still moves. Returns the largest
 * relative change max_i |Δx_i| / |x_i|, counting 1 where x_i was 0 and moves, NaN if any change is
 * not finite. With Δx_i = r_i / A_ii that is |r_i| / |A_ii x_i| ≥ |r_i| / (|A| |x| + |b|)_i, and where
 * x_i = 0 the backward error is at most 1: never below what the measured sweep would report, so a
 * solve that stops on it stops no earlier.
 */
export function relaxationSweep(A: CsrMatrix, invDiag: Float64Array, b: Float64Array, x: Float64Array): number {
  const { rows, rowPtr, colIdx, values } = A;
  let worst = 0;
  let p = 0;
  for (let i = 0; i < rows; i++) {
    let s0 = b[i]!;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (const last = rowPtr[i + 1]! - 4; p < last; p += 4) {
      s0 -= values[p]! * x[colIdx[p]!]!;
      s1 -= values[p + 1]! * x[colIdx[p + 1]!]!;
      s2 -= values[p + 2]! * x[colIdx[p + 2]!]!;
      s3 -= values[p + 3]! * x[colIdx[p + 3]!]!;
    }
    s0 = s0 - values[p]! * x[colIdx[p]!]! - values[p + 1]! * x[colIdx[p + 1]!]! - values[p + 2]! * x[colIdx[p + 2]!]! - values[p + 3]! * x[colIdx[p + 3]!]!;
    p += 4;
    const r = s0 + s1 + (s2 + s3);
    const xi = x[i]!;
    const step = r * invDiag[i]!;
    x[i] = xi + step;
    if (r !== 0) {
      const change = Math.abs(step);
      const size = Math.abs(xi);
      // Compared without a division per row; a NaN or infinite change makes the result NaN for good.
      if (!(change <= worst * size)) {
        if (!Number.isFinite(change)) worst = NaN;
        else {
          const relative = size > 0 ? change / size : 1;
          if (relative > worst) worst = relative;
        }
      }
    }
  }
  return worst;
}

/**
 * `relaxationSweep` from x = 0 for a layout whose rows hold their entries left of the diagonal first
 * (`lowerEnds[i]`: where row i's end): every later entry multiplies an unknown that is still 0 (three
 * quarters of the entries on the benchmark networks), so only that prefix is read. Each entry goes into
 * the sum `relaxationSweep` puts it in, in the same order, and the skipped terms are exact zeros, so x
 * comes out the same to the bit. Returns what `relaxationSweep` would: 1 when anything moved (every
 * change is relative to 0), 0 when nothing did, NaN for a change that is not finite.
 */
export function relaxationSweepFromZero(A: CsrMatrix, lowerEnds: Int32Array, invDiag: Float64Array, b: Float64Array, x: Float64Array): number {
  const { rows, rowPtr, colIdx, values } = A;
  let worst = 0;
  for (let i = 0; i < rows; i++) {
    let s0 = b[i]!;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let p = rowPtr[i]!;
    const end = lowerEnds[i]!;
    const last = rowPtr[i + 1]! - 4;
    for (const full = Math.min(end, last) - 3; p < full; p += 4) {
      s0 -= values[p]! * x[colIdx[p]!]!;
      s1 -= values[p + 1]! * x[colIdx[p + 1]!]!;
      s2 -= values[p + 2]! * x[colIdx[p + 2]!]!;
      s3 -= values[p + 3]! * x[colIdx[p + 3]!]!;
    }
    // Rows start at multiples of four (padRows): a group's k-th entry sits at a position ≡ k (mod 4).
    for (const part = Math.min(end, last); p < part; p++) {
      const t = values[p]! * x[colIdx[p]!]!;
      const lane = p & 3;
      if (lane === 0) s0 -= t;
      else if (lane === 1) s1 -= t;
      else s2 -= t;
    }
    for (; p < end; p++) s0 = s0 - values[p]! * x[colIdx[p]!]!;
    const r = s0 + s1 + (s2 + s3);
    const step = r * invDiag[i]!;
    x[i] = x[i]! + step;
    if (r !== 0) {
      if (!Number.isFinite(step)) worst = NaN;
      else if (step !== 0 && worst === 0) worst = 1;
    }
  }
  return worst;
}

/** The same sweep with a zero right-hand side (the preconditioned operator of the Krylov solver). */
export function homogeneousSweep(A: CsrMatrix, invDiag: Float64Array, x: Float64Array): void {
  const { rows, rowPtr, colIdx, values } = A;
  let p = 0;
  for (let i = 0; i < rows; i++) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (const last = rowPtr[i + 1]! - 4; p < last; p += 4) {
      s0 -= values[p]! * x[colIdx[p]!]!;
      s1 -= values[p + 1]! * x[colIdx[p + 1]!]!;
      s2 -= values[p + 2]! * x[colIdx[p + 2]!]!;
      s3 -= values[p + 3]! * x[colIdx[p + 3]!]!;
    }
    s0 = s0 - values[p]! * x[colIdx[p]!]! - values[p + 1]! * x[colIdx[p + 1]!]! - values[p + 2]! * x[colIdx[p + 2]!]! - values[p + 3]! * x[colIdx[p + 3]!]!;
    p += 4;
    x[i] = x[i]! + (s0 + s1 + (s2 + s3)) * invDiag[i]!;
  }
}

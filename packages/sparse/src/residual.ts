/**
 * @module residual — how good a computed solution is.
 */
import type { CsrMatrix } from './csr.js';

/** Quality of x as a solution of A x = b. */
export interface ResidualReport {
  /** ‖A x − b‖₂ / ‖b‖₂ (0 when b = 0 and x = 0). */
  relative: number;
  /**
   * Componentwise (Oettli–Prager) backward error max_i |A x − b|_i / (|A| |x| + |b|)_i: the smallest
   * relative change to the entries of A and b that makes x exact. Unlike the 2-norm it does not care
   * about units, so one kilogram row and one megajoule row count alike.
   */
  backward: number;
  /** Row with the largest componentwise error (-1 if none). */
  worstRow: number;
  /** ‖A‖∞ (largest row sum of |A_ij|), measured on the way: solvers use it to spot runaway answers. */
  matrixNorm: number;
}

/** Residual of A x = b, or of Aᵀ x = b when `transposed` (A then given as its CSR). */
export function residual(A: CsrMatrix, x: Float64Array, b: Float64Array): ResidualReport {
  const { rows, rowPtr, colIdx, values } = A;
  let r2 = 0;
  let b2 = 0;
  let backward = 0;
  let worstRow = -1;
  let matrixNorm = 0;
  for (let i = 0; i < rows; i++) {
    const bi = b[i]!;
    let s = -bi;
    let a = Math.abs(bi);
    let rowSum = 0;
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) {
      const v = values[p]!;
      const t = v * x[colIdx[p]!]!;
      s += t;
      a += Math.abs(t);
      rowSum += Math.abs(v);
    }
    if (rowSum > matrixNorm) matrixNorm = rowSum;
    r2 += s * s;
    b2 += bi * bi;
    const w = a > 0 ? Math.abs(s) / a : s === 0 ? 0 : Infinity;
    if (w > backward || Number.isNaN(w)) {
      backward = Number.isNaN(w) ? Infinity : w;
      worstRow = i;
    }
  }
  const relative = b2 > 0 ? Math.sqrt(r2 / b2) : Math.sqrt(r2);
  return { relative, backward, worstRow, matrixNorm };
}

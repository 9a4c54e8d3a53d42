/**
 * @module dense-solver — a tiny dense LU solver with partial pivoting, for tests only. The library
 * takes its solver as a parameter; production code uses `@greenlca/sparse`.
 */
import type { Factorisation, LinearSolver } from '../calc/algebra.js';
import type { CooMatrix } from '../calc/matrices.js';

export const denseSolver: LinearSolver = {
  factorise(A: CooMatrix): Factorisation {
    const n = A.rows;
    if (A.cols !== n) throw new Error(`matrix is not square: ${A.rows} × ${A.cols}`);
    const M = new Float64Array(n * n);
    for (let p = 0; p < A.value.length; p++) M[A.row[p]! * n + A.col[p]!]! += A.value[p]!;
    const perm = Int32Array.from({ length: n }, (_, i) => i);
    for (let k = 0; k < n; k++) {
      let pivot = k;
      for (let i = k + 1; i < n; i++) if (Math.abs(M[i * n + k]!) > Math.abs(M[pivot * n + k]!)) pivot = i;
      if (M[pivot * n + k] === 0) throw new Error(`matrix is singular (column ${k})`);
      if (pivot !== k) {
        for (let j = 0; j < n; j++) {
          const t = M[k * n + j]!;
          M[k * n + j] = M[pivot * n + j]!;
          M[pivot * n + j] = t;
        }
        const t = perm[k]!;
        perm[k] = perm[pivot]!;
        perm[pivot] = t;
      }
      const d = M[k * n + k]!;
      for (let i = k + 1; i < n; i++) {
        const l = (M[i * n + k]! /= d);
        if (l !== 0) for (let j = k + 1; j < n; j++) M[i * n + j]! -= l * M[k * n + j]!;
      }
    }
    return {
      solve(b: Float64Array): Float64Array {
        const x = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          let s = b[perm[i]!]!;
          for (let j = 0; j < i; j++) s -= M[i * n + j]! * x[j]!;
          x[i] = s;
        }
        for (let i = n - 1; i >= 0; i--) {
          let s = x[i]!;
          for (let j = i + 1; j < n; j++) s -= M[i * n + j]! * x[j]!;
          x[i] = s / M[i * n + i]!;
        }
        return x;
      },
    };
  },
};

/**
 * @module dense-lu — LU with partial pivoting on a dense copy: exact to rounding, O(n³), for small
 * systems and as the last resort when iteration does not converge. A zero pivot is reported with the
 * columns that are linearly dependent, found from the null vector of the leading block.
 */
import { transpose, type CsrMatrix } from './csr.js';
import { SingularMatrixError } from './errors.js';
import { residual } from './residual.js';
import type { Factorisation, SolveOptions, Solution, Solver } from './solver.js';

/** Largest n the automatic solver will densify (memory 8 n² bytes: 4000 → 128 MB). */
export const DENSE_LIMIT = 4000;

export const denseLuSolver: Solver = {
  name: 'dense-lu',
  factorise: (A) => new DenseLu(A),
};

class DenseLu implements Factorisation {
  readonly n: number;
  /** Column-major LU factors: unit lower L below the diagonal, U on and above. */
  private readonly lu: Float64Array;
  /** Row pivots: row k of the factors is row piv[k] of A. */
  private readonly piv: Int32Array;
  private transposedA: CsrMatrix | undefined;

  constructor(private readonly A: CsrMatrix) {
    const n = A.rows;
    if (A.cols !== n) throw new RangeError(`a ${A.rows} × ${A.cols} matrix is not square`);
    this.n = n;
    const lu = new Float64Array(n * n);
    let scale = 0;
    for (let i = 0; i < n; i++) {
      for (let p = A.rowPtr[i]!; p < A.rowPtr[i + 1]!; p++) {
        const v = A.values[p]!;
        const q = A.colIdx[p]! * n + i;
        lu[q] = lu[q]! + v;
        scale = Math.max(scale, Math.abs(v));
      }
    }
    const piv = new Int32Array(n);
    for (let i = 0; i < n; i++) piv[i] = i;
    const tiny = n * Number.EPSILON * scale;
    for (let k = 0; k < n; k++) {
      const ck = k * n;
      let best = k;
      let max = Math.abs(lu[ck + k]!);
      for (let i = k + 1; i < n; i++) {
        const v = Math.abs(lu[ck + i]!);
        if (v > max) { max = v; best = i; }
      }
      if (!(max > tiny)) throw singular(lu, n, k, piv);
      if (best !== k) {
        for (let j = 0; j < n; j++) {
          const c = j * n;
          const t = lu[c + k]!;
          lu[c + k] = lu[c + best]!;
          lu[c + best] = t;
        }
        const t = piv[k]!;
        piv[k] = piv[best]!;
        piv[best] = t;
      }
      const inv = 1 / lu[ck + k]!;
      for (let i = k + 1; i < n; i++) lu[ck + i] = lu[ck + i]! * inv;
      for (let j = k + 1; j < n; j++) {
        const cj = j * n;
        const ukj = lu[cj + k]!;
        if (ukj === 0) continue;
        for (let i = k + 1; i < n; i++) lu[cj + i] = lu[cj + i]! - lu[ck + i]! * ukj;
      }
    }
    this.lu = lu;
    this.piv = piv;
  }

  solve(b: Float64Array, _options?: SolveOptions): Solution {
    const { n, lu, piv } = this;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = b[piv[i]!]!;
    for (let j = 0; j < n; j++) {
      const xj = x[j]!;
      if (xj === 0) continue;
      const c = j * n;
      for (let i = j + 1; i < n; i++) x[i] = x[i]! - lu[c + i]! * xj;
    }
    for (let j = n - 1; j >= 0; j--) {
      const c = j * n;
      const xj = (x[j] = x[j]! / lu[c + j]!);
      if (xj === 0) continue;
      for (let i = 0; i < j; i++) x[i] = x[i]! - lu[c + i]! * xj;
    }
    return { x, report: report(this.A, x, b) };
  }

  solveTransposed(b: Float64Array, _options?: SolveOptions): Solution {
    // Aᵀ = Uᵀ Lᵀ P: solve Uᵀ z = b, Lᵀ w = z, x = Pᵀ w.
    const { n, lu, piv } = this;
    const z = Float64Array.from(b);
    for (let j = 0; j < n; j++) {
      const c = j * n;
      let s = z[j]!;
      for (let i = 0; i < j; i++) s -= lu[c + i]! * z[i]!;
      z[j] = s / lu[c + j]!;
    }
    for (let j = n - 1; j >= 0; j--) {
      const c = j * n;
      let s = z[j]!;
      for (let i = j + 1; i < n; i++) s -= lu[c + i]! * z[i]!;
      z[j] = s;
    }
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[piv[i]!] = z[i]!;
    this.transposedA ??= transpose(this.A);
    return { x, report: report(this.transposedA, x, b) };
  }

  solveMany(bs: readonly Float64Array[], options?: SolveOptions): Solution[] {
    return bs.map((b) => this.solve(b, options));
  }

  solveTransposedMany(bs: readonly Float64Array[], options?: SolveOptions): Solution[] {
    return bs.map((b) => this.solveTransposed(b, options));
  }

  refactorise(values: Float64Array): Factorisation {
    return new DenseLu({ ...this.A, values });
  }
}

function report(A: CsrMatrix, x: Float64Array, b: Float64Array): Solution['report'] {
  const r = residual(A, x, b);
  return { method: 'dense-lu', iterations: 1, residual: r.relative, backwardError: r.backward };
}

/**
 * Column k is (numerically) a combination of columns 0…k−1 of the factorised block: solve
 * U[0:k,0:k] v = −U[0:k,k] and report the columns with a non-negligible coefficient.
 */
function singular(lu: Float64Array, n: number, k: number, piv: Int32Array): SingularMatrixError {
  const v = new Float64Array(k + 1);
  v[k] = 1;
  const ck = k * n;
  for (let i = k - 1; i >= 0; i--) {
    let s = -lu[ck + i]!;
    for (let j = i + 1; j < k; j++) s -= lu[j * n + i]! * v[j]!;
    const d = lu[i * n + i]!;
    v[i] = s / d;
  }
  const columns: number[] = [];
  for (let j = 0; j <= k; j++) if (Math.abs(v[j]!) > 1e-8) columns.push(j);
  // Rows with nothing left after elimination: the equations that carry no new information.
  const rows = [piv[k]!];
  return new SingularMatrixError(
    `the matrix is singular: column ${k} is a linear combination of columns ${preview(columns.filter((c) => c !== k))}`,
    columns,
    rows,
  );
}

function preview(list: number[], max = 10): string {
  if (list.length === 0) return '(none: it is zero)';
  return list.length <= max ? list.join(', ') : `${list.slice(0, max).join(', ')}, … (${list.length} in all)`;
}

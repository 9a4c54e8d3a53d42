/**
 * @module auto — the default solver: check the structure, then iterate, then fall back to LU.
 *
 * 1. Structure first: an empty row or column, or no way to match every column to its own row, makes
 *    the matrix singular whatever its values; the error names the rows and columns at fault.
 * 2. Zero diagonal entries with a full matching: rows are permuted by the matching (each unknown gets
 *    an equation in which it appears) and the permuted system is solved.
 * 3. Small systems are solved by dense LU outright; larger ones by the sweeping solver, with dense LU
 *    as the fallback when iteration stalls (which also turns numerical singularity into a clear error).
 */
import { transpose, type CsrMatrix } from './csr.js';
import { DENSE_LIMIT, denseLuSolver } from './dense-lu.js';
import { NotConvergedError, SingularMatrixError } from './errors.js';
import { SweepFailure, sweepSolver } from './iterative.js';
import { maximumMatching } from './matching.js';
import { patternFacts } from './plan.js';
import { DEFAULT_TOLERANCE, type Factorisation, type FactoriseOptions, type RefactoriseOptions, type SolveOptions, type Solution, type Solver } from './solver.js';

/** Below this size dense LU is faster than setting up the iteration. */
const SMALL = 100;

export const autoSolver: Solver = {
  name: 'auto',
  factorise(A: CsrMatrix, options: FactoriseOptions = {}): Factorisation {
    if (A.rows !== A.cols) throw new RangeError(`a ${A.rows} × ${A.cols} matrix is not square`);
    if (mayBeDeficient(A) && checkStructure(A).zeroDiagonal) {
      const matching = maximumMatching(transpose(A));
      if (matching.size < A.rows) {
        const cols: number[] = [];
        const rows: number[] = [];
        matching.rowOfColumn.forEach((r, j) => r < 0 && cols.push(j));
        matching.columnOfRow.forEach((c, i) => c < 0 && rows.push(i));
        throw new SingularMatrixError(
          `the matrix is structurally singular: ${cols.length} column(s) cannot each be given a row of their own ` +
            `(unmatched columns ${preview(cols)}; unmatched rows ${preview(rows)})`,
          cols,
          rows,
        );
      }
      return new RowPermuted(A, matching.rowOfColumn, options);
    }
    return chooseMethod(A, options);
  },
};

/** Factorise with the default solver. */
export function factorise(A: CsrMatrix, options?: FactoriseOptions): Factorisation {
  return autoSolver.factorise(A, options);
}

function chooseMethod(A: CsrMatrix, options: FactoriseOptions): Factorisation {
  if (A.rows <= SMALL) return denseLuSolver.factorise(A, options);
  return new WithFallback(A, options);
}

/** Iterate; on a stall, solve by dense LU when the size allows, otherwise report what did not converge. */
class WithFallback implements Factorisation {
  readonly n: number;
  private iterative: Factorisation;
  private direct: Factorisation | undefined;

  constructor(private readonly A: CsrMatrix, private readonly options: FactoriseOptions, iterative?: Factorisation) {
    this.n = A.rows;
    this.iterative = iterative ?? sweepSolver.factorise(A, options);
  }

  solve(b: Float64Array, options?: SolveOptions): Solution {
    return this.attempt(() => this.iterative.solve(b, options), (f) => f.solve(b, options));
  }

  solveTransposed(b: Float64Array, options?: SolveOptions): Solution {
    return this.attempt(() => this.iterative.solveTransposed(b, options), (f) => f.solveTransposed(b, options));
  }

  solveMany(bs: readonly Float64Array[], options?: SolveOptions): Solution[] {
    return this.attempt(() => this.iterative.solveMany(bs, options), (f) => f.solveMany(bs, options));
  }

  solveTransposedMany(bs: readonly Float64Array[], options?: SolveOptions): Solution[] {
    return this.attempt(() => this.iterative.solveTransposedMany(bs, options), (f) => f.solveTransposedMany(bs, options));
  }

  refactorise(values: Float64Array, options?: RefactoriseOptions): Factorisation {
    return new WithFallback({ ...this.A, values }, this.options, this.iterative.refactorise(values, options));
  }

  private attempt<T>(iterate: () => T, direct: (f: Factorisation) => T): T {
    if (this.direct) return direct(this.direct);
    try {
      return iterate();
    } catch (error) {
      if (!(error instanceof SweepFailure)) throw error;
      if (this.n > DENSE_LIMIT) {
        throw new NotConvergedError(
          `${error.message} (rows ${preview(error.rows)}) and the system is too large (${this.n}) for dense LU; ` +
            'the matrix is probably singular or nearly so',
          error.backwardError,
          error.rows,
        );
      }
      // Once iteration has failed on this matrix it will fail again: keep the LU for later solves.
      this.direct = denseLuSolver.factorise(this.A, this.options);
      return direct(this.direct);
    }
  }
}

/** Solves P A x = P b where row k of P A is row rowOfColumn[k] of A (non-zero diagonal by construction). */
class RowPermuted implements Factorisation {
  readonly n: number;
  private readonly inner: Factorisation;
  private readonly source: Int32Array;

  constructor(private readonly A: CsrMatrix, private readonly rowOf: Int32Array, options: FactoriseOptions, inner?: Factorisation, source?: Int32Array) {
    this.n = A.rows;
    if (inner && source) {
      this.inner = inner;
      this.source = source;
    } else {
      const { matrix, source: src } = permuteRows(A, rowOf);
      this.source = src;
      this.inner = chooseMethod(matrix, { ...options, tolerance: options.tolerance ?? DEFAULT_TOLERANCE });
    }
  }

  solve(b: Float64Array, options?: SolveOptions): Solution {
    const pb = new Float64Array(this.n);
    for (let k = 0; k < this.n; k++) pb[k] = b[this.rowOf[k]!]!;
    return this.inner.solve(pb, options);
  }

  solveTransposed(b: Float64Array, options?: SolveOptions): Solution {
    // (P A)ᵀ y = b with y = P x.
    const guess = options?.initialGuess;
    const inner = this.inner.solveTransposed(b, guess ? { ...options, initialGuess: gather(guess, this.rowOf) } : options);
    const x = new Float64Array(this.n);
    for (let k = 0; k < this.n; k++) x[this.rowOf[k]!] = inner.x[k]!;
    return { x, report: inner.report };
  }

  solveMany(bs: readonly Float64Array[], options?: SolveOptions): Solution[] {
    return bs.map((b) => this.solve(b, options));
  }

  solveTransposedMany(bs: readonly Float64Array[], options?: SolveOptions): Solution[] {
    return bs.map((b) => this.solveTransposed(b, options));
  }

  refactorise(values: Float64Array, options?: RefactoriseOptions): Factorisation {
    const permuted = new Float64Array(this.source.length);
    for (let q = 0; q < permuted.length; q++) permuted[q] = values[this.source[q]!]!;
    return new RowPermuted({ ...this.A, values }, this.rowOf, {}, this.inner.refactorise(permuted, options), this.source);
  }
}

function gather(v: Float64Array, index: Int32Array): Float64Array {
  const out = new Float64Array(index.length);
  for (let k = 0; k < index.length; k++) out[k] = v[index[k]!]!;
  return out;
}

function permuteRows(A: CsrMatrix, rowOf: Int32Array): { matrix: CsrMatrix; source: Int32Array } {
  const n = A.rows;
  const nnz = A.rowPtr[n]!;
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const source = new Int32Array(nnz);
  let q = 0;
  for (let k = 0; k < n; k++) {
    const i = rowOf[k]!;
    for (let p = A.rowPtr[i]!; p < A.rowPtr[i + 1]!; p++) {
      colIdx[q] = A.colIdx[p]!;
      values[q] = A.values[p]!;
      source[q] = p;
      q++;
    }
    rowPtr[k + 1] = q;
  }
  return { matrix: { rows: n, cols: A.cols, rowPtr, colIdx, values }, source };
}

/**
 * False when the structure check cannot find anything: the pattern (checked once per pattern) has no
 * empty line and a full diagonal, and no diagonal value is zero. With the diagonal stored once per row,
 * a row or column whose values are all zero has a zero diagonal value, so reading the n diagonal values
 * decides what reading every value would (the full scan cost a third of a sweep at n = 50,000).
 */
function mayBeDeficient(A: CsrMatrix): boolean {
  const facts = patternFacts(A);
  if (!facts.noEmptyLines || !facts.fullDiagonal) return true;
  const { values } = A;
  const { diagonal } = facts;
  if (diagonal) {
    for (let i = 0; i < diagonal.length; i++) if (values[diagonal[i]!] === 0) return true;
    return false;
  }
  for (let p = 0; p < values.length; p++) if (values[p] === 0) return true;
  return false;
}

/** Throws for empty rows or columns; reports whether any diagonal entry is zero. One pass. */
function checkStructure(A: CsrMatrix): { zeroDiagonal: boolean } {
  const { rows, cols, rowPtr, colIdx, values } = A;
  const used = new Uint8Array(cols);
  const emptyRows: number[] = [];
  let zeroDiagonal = false;
  for (let i = 0; i < rows; i++) {
    let any = false;
    let d = 0;
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) {
      const v = values[p]!;
      if (v === 0) continue;
      any = true;
      const j = colIdx[p]!;
      used[j] = 1;
      if (j === i) d += v;
    }
    if (!any) emptyRows.push(i);
    if (d === 0) zeroDiagonal = true;
  }
  const emptyCols: number[] = [];
  for (let j = 0; j < cols; j++) if (!used[j]) emptyCols.push(j);
  if (emptyRows.length || emptyCols.length) {
    const parts: string[] = [];
    if (emptyCols.length) parts.push(`column(s) ${preview(emptyCols)} have no non-zero entry`);
    if (emptyRows.length) parts.push(`row(s) ${preview(emptyRows)} have no non-zero entry`);
    throw new SingularMatrixError(`the matrix is singular: ${parts.join('; ')}`, emptyCols, emptyRows);
  }
  return { zeroDiagonal };
}

function preview(list: readonly number[], max = 10): string {
  return list.length <= max ? list.join(', ') : `${list.slice(0, max).join(', ')}, … (${list.length} in all)`;
}

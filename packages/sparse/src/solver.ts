/**
 * @module solver — the one seam every solver sits behind: factorise once, solve many right-hand sides.
 *
 * "Factorise" means whatever a method does once per matrix: an LU decomposition for a direct method,
 * an ordering and a permuted copy for the sweeping iterative method. Either way the result answers
 * A x = b and Aᵀ x = b for as many b as the caller likes, and every answer comes with its residual.
 */
import type { CsrMatrix } from './csr.js';

export interface SolveOptions {
  /** Starting point for iterative methods (Monte Carlo passes the previous answer). Ignored by direct ones. */
  initialGuess?: Float64Array;
  /** Componentwise backward error to reach (default: the factorisation's). */
  tolerance?: number;
}

export interface SolveReport {
  /** What produced the answer, e.g. `gauss-seidel-gmres` or `dense-lu` (after a fallback, the last method). */
  method: string;
  /** Passes over the matrix (iterative) or 1 (direct). */
  iterations: number;
  /** ‖A x − b‖₂ / ‖b‖₂, measured on the answer. */
  residual: number;
  /** max_i |A x − b|_i / (|A| |x| + |b|)_i, measured on the answer. */
  backwardError: number;
}

export interface Solution {
  x: Float64Array;
  report: SolveReport;
}

export interface Factorisation {
  readonly n: number;
  /** Solve A x = b. Throws SingularMatrixError or NotConvergedError, never returns a bad answer silently. */
  solve(b: Float64Array, options?: SolveOptions): Solution;
  /** Solve Aᵀ x = b (adjoint problems: one solve per output instead of one per input). */
  solveTransposed(b: Float64Array, options?: SolveOptions): Solution;
  /** Solve A x = b for several b at once (iterative methods share their passes over the matrix). */
  solveMany(bs: readonly Float64Array[], options?: SolveOptions): Solution[];
  /** Solve Aᵀ x = b for several b at once. */
  solveTransposedMany(bs: readonly Float64Array[], options?: SolveOptions): Solution[];
  /**
   * The same pattern with new values (in the storage order of the matrix first given): reuses every
   * structural result (orderings, permutations, symbolic analysis). Monte Carlo calls this per sample.
   */
  refactorise(values: Float64Array, options?: RefactoriseOptions): Factorisation;
}

export interface RefactoriseOptions {
  /**
   * This factorisation is not used again: the new one may take over its work arrays instead of
   * allocating its own (Monte Carlo refactorises thousands of times; fresh arrays cost collections).
   */
  reuse?: boolean;
}

export interface FactoriseOptions {
  /** Componentwise backward error iterative solves aim for (default 1e-9). */
  tolerance?: number;
  /** Rows to start the dependency ordering from, e.g. the non-zeros of the usual right-hand side. */
  orderFrom?: Iterable<number>;
  /**
   * Eliminate unknowns that depend on a single other one before iterating (default true). Planned
   * once per pattern (about one solve's work) and kept, so every later solve on the pattern gains.
   */
  reduce?: boolean;
}

export interface Solver {
  readonly name: string;
  factorise(A: CsrMatrix, options?: FactoriseOptions): Factorisation;
}

/**
 * The default componentwise backward error: the answer is exact for a matrix within 1e-9 (relative,
 * entry by entry) of the one given, more than two orders below the rounding of data given to six
 * significant digits. On the reference networks scores then agree with SciPy's direct solvers to
 * better than 1e-12.
 */
export const DEFAULT_TOLERANCE = 1e-9;

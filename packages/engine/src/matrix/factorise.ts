/**
 * @module factorise — the technosphere's factorisation, with solver failures reported by process name.
 */
import {
  autoSolver,
  NotConvergedError,
  SingularMatrixError,
  type Factorisation,
  type FactoriseOptions,
  type RefactoriseOptions,
  type Solution,
  type SolveOptions,
  type Solver,
} from '@greenlca/sparse';
import { LcaMatrixError } from './errors.js';
import type { Technosphere } from './technosphere.js';

export interface TechnosphereOptions extends FactoriseOptions {
  /** Any solver behind the sparse package's seam (default: automatic choice with fallbacks). */
  solver?: Solver;
}

/** A factorised technosphere: solve for supplies (A s = f) or adjoints (Aᵀ λ = c), as often as needed. */
export interface TechnosphereFactorisation {
  readonly technosphere: Technosphere;
  solve(f: Float64Array, options?: SolveOptions): Solution;
  solveTransposed(c: Float64Array, options?: SolveOptions): Solution;
  /** Several adjoints at once (shares the passes over the matrix). */
  solveTransposedMany(cs: readonly Float64Array[], options?: SolveOptions): Solution[];
  /** New values in the same pattern (Monte Carlo): keeps orderings and other structure. */
  refactorise(values: Float64Array, options?: RefactoriseOptions): TechnosphereFactorisation;
}

/**
 * Factorise A once. Singular or ill-posed systems fail here or at the first solve, with an
 * LcaMatrixError naming the processes involved.
 */
export function factoriseTechnosphere(technosphere: Technosphere, options: TechnosphereOptions = {}): TechnosphereFactorisation {
  const solver = options.solver ?? autoSolver;
  return wrap(technosphere, translated(technosphere, () => solver.factorise(technosphere.matrix, options)));
}

function wrap(technosphere: Technosphere, inner: Factorisation): TechnosphereFactorisation {
  return {
    technosphere,
    solve: (f, o) => translated(technosphere, () => inner.solve(f, o)),
    solveTransposed: (c, o) => translated(technosphere, () => inner.solveTransposed(c, o)),
    solveTransposedMany: (cs, o) => translated(technosphere, () => inner.solveTransposedMany(cs, o)),
    refactorise: (values, options) => wrap({ ...technosphere, matrix: { ...technosphere.matrix, values } }, translated(technosphere, () => inner.refactorise(values, options))),
  };
}

function translated<T>(technosphere: Technosphere, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw translate(technosphere, error);
  }
}

/** Matrix indices → process and product names. */
export function translate(technosphere: Technosphere, error: unknown): unknown {
  const { processes, products } = technosphere;
  const names = (list: readonly number[], map: typeof processes, max = 8) =>
    list.slice(0, max).map((i) => map.describe(i)).join(', ') + (list.length > max ? `, … (${list.length} in all)` : '');
  if (error instanceof SingularMatrixError) {
    const ids = error.columns.map((j) => processes.idAt(j));
    const parts: string[] = [];
    if (error.columns.length) parts.push(`processes ${names(error.columns, processes)}`);
    if (error.rows.length) parts.push(`products ${names(error.rows, products)}`);
    return new LcaMatrixError(
      'LCA_ERR_SINGULAR_TECHNOSPHERE',
      `the technosphere ${error.message.replace(/^the /, '')}; involved: ${parts.join('; ')}. ` +
        'Check that each process has a non-zero production amount of its reference product and that no two processes are copies of each other',
      ids,
    );
  }
  if (error instanceof NotConvergedError) {
    return new LcaMatrixError(
      'LCA_ERR_NOT_CONVERGED',
      `${error.message}; largest residual at product ${names(error.rows, products)}`,
      error.rows.map((i) => processes.idAt(i)),
    );
  }
  return error;
}

/**
 * @module sparse-solver — the default {@link LinearSolver}: `@greenlca/sparse`'s automatic solver
 * (structure check, dependency ordering, iteration, dense-LU fallback), which reports a singular
 * technosphere instead of returning a bad answer.
 */
import { autoSolver, csrFromTriplets } from '@greenlca/sparse';
import type { LinearSolver } from './algebra.js';

export const sparseSolver: LinearSolver = {
  factorise(A) {
    const f = autoSolver.factorise(csrFromTriplets(A));
    return { solve: (b) => f.solve(b).x, solveTransposed: (b) => f.solveTransposed(b).x };
  },
};

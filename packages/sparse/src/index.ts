/**
 * @module @greenlca/sparse — sparse matrices and linear solvers in plain TypeScript.
 *
 * No native code and no Node built-ins: the same solver runs in Node and in the browser. The package
 * knows nothing about life-cycle assessment; `@greenlca/engine` builds LCA matrices on top of it.
 */
export { csrFromTriplets, transpose, transposePattern, multiply, diagonal, entryIndex, withValues, nnz, type CsrMatrix, type Pattern, type Triplets } from './csr.js';
export { parseMatrixMarket, MatrixMarketError } from './matrix-market.js';
export {
  DEFAULT_TOLERANCE,
  type Factorisation,
  type FactoriseOptions,
  type RefactoriseOptions,
  type Solution,
  type SolveOptions,
  type SolveReport,
  type Solver,
} from './solver.js';
export { autoSolver, factorise } from './auto.js';
export { sweepSolver } from './iterative.js';
export { denseLuSolver, DENSE_LIMIT } from './dense-lu.js';
export { residual, type ResidualReport } from './residual.js';
export { SingularMatrixError, NotConvergedError } from './errors.js';
export { maximumMatching, type Matching } from './matching.js';
export { dependencyOrder, permuteSymmetric, inversePermutation } from './ordering.js';
export { xoshiro128, keyedXoshiro128, Xoshiro128, type Random } from './random.js';
export { standardNormal, fillStandardNormal, addLognormalNoise, lognormalTimes } from './normal.js';
export {
  sample,
  fillSamples,
  mean,
  variance,
  checkDistribution,
  DistributionError,
  type Distribution,
} from './distributions.js';

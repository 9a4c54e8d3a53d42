/**
 * @module errors — failures of the matrix LCA layer, named in the data's own terms (processes,
 * products, flows), never in bare matrix indices.
 */

export const MATRIX_ERROR_CODES = {
  LCA_ERR_UNKNOWN_ID: 'An exchange names a process, product, flow or category that is not in the system.',
  LCA_ERR_DUPLICATE_ID: 'Two processes, flows or categories with the same id, or two processes with one reference product.',
  LCA_ERR_SINGULAR_TECHNOSPHERE: 'The technosphere matrix has no unique solution: some processes cannot be scaled to meet demand.',
  LCA_ERR_NOT_CONVERGED: 'The solver did not reach the requested accuracy; the system is probably singular or ill-posed.',
  LCA_ERR_DIMENSION: 'Matrices or vectors whose sizes do not fit together.',
  LCA_ERR_BAD_INPUT: 'A number, distribution or option that cannot be used (NaN, negative count, …).',
} as const;

export type MatrixErrorCode = keyof typeof MATRIX_ERROR_CODES;

export class LcaMatrixError extends Error {
  constructor(
    readonly code: MatrixErrorCode,
    message: string,
    /** Processes (technosphere columns) involved, by id. */
    readonly processes: readonly (string | number)[] = [],
  ) {
    super(message);
    this.name = 'LcaMatrixError';
  }
}

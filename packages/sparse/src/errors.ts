/**
 * @module errors — what the solvers throw. Indices are 0-based rows and columns of the matrix as given;
 * callers that know what the rows mean (processes, products) translate them into names.
 */

/** The matrix has no unique solution: structurally (a zero pattern) or numerically (a zero pivot). */
export class SingularMatrixError extends Error {
  readonly code = 'SPARSE_ERR_SINGULAR';
  constructor(
    message: string,
    /** Columns (unknowns) involved: they cannot be determined. */
    readonly columns: readonly number[],
    /** Rows (equations) involved. */
    readonly rows: readonly number[],
  ) {
    super(message);
    this.name = 'SingularMatrixError';
  }
}

/** Every method tried stopped short of the tolerance; `rows` are those with the largest residuals. */
export class NotConvergedError extends Error {
  readonly code = 'SPARSE_ERR_NOT_CONVERGED';
  constructor(
    message: string,
    readonly backwardError: number,
    readonly rows: readonly number[],
  ) {
    super(message);
    this.name = 'NotConvergedError';
  }
}

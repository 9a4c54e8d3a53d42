/**
 * @module technosphere — the technosphere matrix A from processes and their exchanges.
 *
 * Rows are products, columns are processes, and product i is the reference product of process i, so
 * A[i, i] is process i's production amount (negative for a waste treatment, not necessarily 1).
 * Data keep positive amounts with an `input` flag; the sign is applied here (Brightway's `flip`).
 */
import { csrFromTriplets, entryIndex, type CsrMatrix, type Distribution } from '@greenlca/sparse';
import { LcaMatrixError } from './errors.js';
import { IndexMap, type Id } from './index-map.js';

export interface ProcessSpec {
  id: Id;
  name?: string;
  /** The product this process makes (its row). Default: a product with the process's own id. */
  product?: Id;
}

export interface TechnosphereExchange {
  /** The process (column) the exchange belongs to. */
  process: Id;
  /** The product (row): the process's own reference product for its production amount. */
  product: Id;
  /** Amount per unit of the process, as written in the data. */
  amount: number;
  /** An input: stored as −amount. */
  input?: boolean;
  /** Uncertainty of `amount` as written (before an input's sign is applied). */
  uncertainty?: Distribution;
}

export interface Technosphere {
  matrix: CsrMatrix;
  processes: IndexMap;
  /** Products by row; row i is the reference product of process i. */
  products: IndexMap;
  /** Where each exchange given to the builder landed in `matrix.values` (exchanges on one entry add up). */
  positions: Int32Array;
  /** The exchanges as given (Monte Carlo samples their uncertainty); empty for matrices read from files. */
  exchanges: readonly TechnosphereExchange[];
}

/**
 * Build A. Every process needs a distinct reference product; a process without a production exchange
 * gets a zero on the diagonal, which the solver handles if another row can take its place and reports
 * by name if none can.
 *
 * @example
 * const A = buildTechnosphere(
 *   [{ id: 'electricity' }, { id: 'coal' }],
 *   [
 *     { process: 'electricity', product: 'electricity', amount: 1 },
 *     { process: 'electricity', product: 'coal', amount: 0.5, input: true },
 *     { process: 'coal', product: 'coal', amount: 1 },
 *     { process: 'coal', product: 'electricity', amount: 0.1, input: true },
 *   ],
 * );
 */
export function buildTechnosphere(processes: readonly ProcessSpec[], exchanges: readonly TechnosphereExchange[]): Technosphere {
  const processMap = new IndexMap();
  const productMap = new IndexMap();
  for (const p of processes) {
    if (processMap.has(p.id)) throw new LcaMatrixError('LCA_ERR_DUPLICATE_ID', `process ${JSON.stringify(p.id)} is listed twice`, [p.id]);
    const product = p.product ?? p.id;
    if (productMap.has(product)) {
      const other = productMap.idAt(productMap.indexOf(product));
      throw new LcaMatrixError(
        'LCA_ERR_DUPLICATE_ID',
        `processes ${JSON.stringify(other)} and ${JSON.stringify(p.id)} both have reference product ${JSON.stringify(product)}; ` +
          'give one of them another product (a matrix LCA needs one producer per product)',
        [other, p.id],
      );
    }
    processMap.add(p.id, p.name);
    productMap.add(product, p.name);
  }
  const n = processMap.size;
  const row = new Int32Array(exchanges.length);
  const col = new Int32Array(exchanges.length);
  const value = new Float64Array(exchanges.length);
  exchanges.forEach((e, k) => {
    const j = processMap.indexOf(e.process);
    if (j < 0) throw new LcaMatrixError('LCA_ERR_UNKNOWN_ID', `exchange ${k} belongs to unknown process ${JSON.stringify(e.process)}`);
    const i = productMap.indexOf(e.product);
    if (i < 0) {
      throw new LcaMatrixError(
        'LCA_ERR_UNKNOWN_ID',
        `process ${processMap.describe(j)} uses product ${JSON.stringify(e.product)}, which no process makes`,
        [e.process],
      );
    }
    if (!Number.isFinite(e.amount)) throw new LcaMatrixError('LCA_ERR_BAD_INPUT', `exchange ${k} of process ${processMap.describe(j)} has amount ${e.amount}`, [e.process]);
    row[k] = i;
    col[k] = j;
    value[k] = e.input ? -e.amount : e.amount;
  });
  const matrix = withDiagonal(csrFromTriplets({ rows: n, cols: n, row, col, value }));
  const positions = new Int32Array(exchanges.length);
  for (let k = 0; k < exchanges.length; k++) positions[k] = entryIndex(matrix, row[k]!, col[k]!);
  return { matrix, processes: processMap, products: productMap, positions, exchanges };
}

/** Wrap a ready matrix (read from a file): processes and products are numbered 0…n−1. */
export function technosphereFromMatrix(matrix: CsrMatrix, processes?: IndexMap, products?: IndexMap): Technosphere {
  if (matrix.rows !== matrix.cols) {
    throw new LcaMatrixError(
      'LCA_ERR_DIMENSION',
      `the technosphere matrix is not square: ${matrix.cols} processes (columns) and ${matrix.rows} products (rows); ` +
        'every process needs exactly one reference product',
    );
  }
  const procs = processes ?? IndexMap.range(matrix.cols, (i) => `process ${i}`);
  return { matrix, processes: procs, products: products ?? IndexMap.range(matrix.rows, (i) => `product ${i}`), positions: new Int32Array(0), exchanges: [] };
}

/**
 * Make sure every diagonal position exists in the pattern (as an explicit zero if need be), so a
 * sampled or edited production amount always has a place to go.
 */
function withDiagonal(A: CsrMatrix): CsrMatrix {
  let missing = 0;
  for (let i = 0; i < A.rows; i++) if (entryIndex(A, i, i) < 0) missing++;
  if (missing === 0) return A;
  const nnz = A.rowPtr[A.rows]!;
  const row = new Int32Array(nnz + missing);
  const col = new Int32Array(nnz + missing);
  const value = new Float64Array(nnz + missing);
  let q = 0;
  for (let i = 0; i < A.rows; i++) {
    for (let p = A.rowPtr[i]!; p < A.rowPtr[i + 1]!; p++) {
      row[q] = i;
      col[q] = A.colIdx[p]!;
      value[q++] = A.values[p]!;
    }
    if (entryIndex(A, i, i) < 0) {
      row[q] = i;
      col[q] = i;
      value[q++] = 0;
    }
  }
  return csrFromTriplets({ rows: A.rows, cols: A.cols, row, col, value });
}

/**
 * @module csr — compressed sparse row storage on typed arrays.
 *
 * A CSC matrix is the CSR storage of its transpose, so one type serves both: `transpose(A)` gives the
 * column-major view of `A`.
 */

/** A sparse matrix in compressed sparse row form. Column indices are sorted within each row. */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** `rowPtr[i] … rowPtr[i + 1]` are the positions of row `i` in `colIdx` and `values`; length `rows + 1`. */
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  /** The only part that may change after construction (Monte Carlo writes new samples here). */
  readonly values: Float64Array;
}

/** A sparsity pattern: what every structural plan (orderings, eliminations) depends on, never values. */
export type Pattern = Pick<CsrMatrix, 'rows' | 'cols' | 'rowPtr' | 'colIdx'>;

/** Entries in coordinate form (0-based). Duplicates are summed when compressed. */
export interface Triplets {
  readonly rows: number;
  readonly cols: number;
  readonly row: Int32Array;
  readonly col: Int32Array;
  readonly value: Float64Array;
}

/**
 * Compress coordinate entries to CSR, summing duplicates. Explicit zeros are kept: they are part of the
 * sparsity pattern (a value that is zero today may be sampled tomorrow).
 *
 * @example
 * const A = csrFromTriplets({ rows: 2, cols: 2, row: Int32Array.of(0, 1, 0), col: Int32Array.of(0, 1, 1),
 *   value: Float64Array.of(1, 1, -0.5) });
 */
export function csrFromTriplets(t: Triplets): CsrMatrix {
  const { rows, cols, row, col, value } = t;
  const nnzIn = row.length;
  if (col.length !== nnzIn || value.length !== nnzIn) throw new RangeError('triplet arrays differ in length');
  const count = new Int32Array(rows + 1);
  for (let p = 0; p < nnzIn; p++) {
    const r = row[p]!;
    const c = col[p]!;
    if (r < 0 || r >= rows || c < 0 || c >= cols) {
      throw new RangeError(`entry (${r}, ${c}) lies outside a ${rows} × ${cols} matrix`);
    }
    count[r + 1]!++;
  }
  for (let i = 0; i < rows; i++) count[i + 1]! += count[i]!;
  // Counting sort by row, then by column within each row via a second counting pass (stable: a
  // transpose of the transpose), so the whole construction stays O(nnz + rows + cols).
  const byRowCol = new Int32Array(nnzIn);
  const byRowVal = new Float64Array(nnzIn);
  const next = count.slice(0, rows);
  for (let p = 0; p < nnzIn; p++) {
    const q = next[row[p]!]!++;
    byRowCol[q] = col[p]!;
    byRowVal[q] = value[p]!;
  }
  const unsorted: CsrMatrix = { rows, cols, rowPtr: count, colIdx: byRowCol, values: byRowVal };
  const sorted = transposeRaw(transposeRaw(unsorted));
  return sumDuplicates(sorted);
}

/** Aᵀ as CSR (= A in CSC form). Output rows come out with sorted column indices. */
export function transpose(A: CsrMatrix): CsrMatrix {
  return transposeRaw(A);
}

/**
 * The pattern of Aᵀ, and for each of its positions the position in A it comes from: Aᵀ's values for
 * any values of A are then one gather (`values[q] = aValues[source[q]]`).
 */
export function transposePattern(A: Pattern): { pattern: Pattern; source: Int32Array } {
  const { rows, cols, rowPtr, colIdx } = A;
  const nnz = rowPtr[rows]!;
  const ptr = new Int32Array(cols + 1);
  for (let p = 0; p < nnz; p++) ptr[colIdx[p]! + 1]!++;
  for (let j = 0; j < cols; j++) ptr[j + 1]! += ptr[j]!;
  const next = ptr.slice(0, cols);
  const idx = new Int32Array(nnz);
  const source = new Int32Array(nnz);
  for (let i = 0; i < rows; i++) {
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) {
      const q = next[colIdx[p]!]!++;
      idx[q] = i;
      source[q] = p;
    }
  }
  return { pattern: { rows: cols, cols: rows, rowPtr: ptr, colIdx: idx }, source };
}

function transposeRaw(A: CsrMatrix): CsrMatrix {
  // One transpose: the pattern's, then the values gathered through it.
  const { pattern, source } = transposePattern(A);
  const val = new Float64Array(source.length);
  for (let q = 0; q < source.length; q++) val[q] = A.values[source[q]!]!;
  return { ...pattern, values: val };
}

function sumDuplicates(A: CsrMatrix): CsrMatrix {
  const { rows, rowPtr, colIdx, values } = A;
  let dup = false;
  for (let i = 0; i < rows && !dup; i++) {
    for (let p = rowPtr[i]! + 1; p < rowPtr[i + 1]!; p++) if (colIdx[p] === colIdx[p - 1]) { dup = true; break; }
  }
  if (!dup) return A;
  const ptr = new Int32Array(rows + 1);
  const idx = new Int32Array(rowPtr[rows]!);
  const val = new Float64Array(rowPtr[rows]!);
  let q = 0;
  for (let i = 0; i < rows; i++) {
    for (let p = rowPtr[i]!; p < rowPtr[i + 1]!; p++) {
      if (q > ptr[i]! && idx[q - 1] === colIdx[p]) val[q - 1]! += values[p]!;
      else { idx[q] = colIdx[p]!; val[q] = values[p]!; q++; }
    }
    ptr[i + 1] = q;
  }
  return { rows, cols: A.cols, rowPtr: ptr, colIdx: idx.slice(0, q), values: val.slice(0, q) };
}

/** y = A x (y is overwritten; pass it to avoid allocation in loops). */
export function multiply(A: CsrMatrix, x: Float64Array, y: Float64Array = new Float64Array(A.rows)): Float64Array {
  const { rows, rowPtr, colIdx, values } = A;
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) sum += values[p]! * x[colIdx[p]!]!;
    y[i] = sum;
  }
  return y;
}

/** The position of entry (i, j) in `values`, or -1 when it is not in the pattern. */
export function entryIndex(A: CsrMatrix, i: number, j: number): number {
  let lo = A.rowPtr[i]!;
  let hi = A.rowPtr[i + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = A.colIdx[mid]!;
    if (c === j) return mid;
    if (c < j) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The diagonal of a square matrix (zero where the pattern has no diagonal entry). */
export function diagonal(A: CsrMatrix): Float64Array {
  const n = Math.min(A.rows, A.cols);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const p = entryIndex(A, i, i);
    if (p >= 0) d[i] = A.values[p]!;
  }
  return d;
}

/** A copy that shares the pattern arrays and owns its values (for sampling into a fixed pattern). */
export function withValues(A: CsrMatrix, values: Float64Array = A.values.slice()): CsrMatrix {
  if (values.length !== A.values.length) throw new RangeError('values do not fit the pattern');
  return { rows: A.rows, cols: A.cols, rowPtr: A.rowPtr, colIdx: A.colIdx, values };
}

/** Number of stored entries. */
export function nnz(A: CsrMatrix): number {
  return A.rowPtr[A.rows]!;
}

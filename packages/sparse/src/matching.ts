/**
 * @module matching — a maximum matching of rows to columns (a transversal).
 *
 * A square matrix is structurally non-singular exactly when every column can be matched to its own row
 * through a non-zero entry. When the diagonal has zeros but a full matching exists, permuting the rows
 * by the matching puts non-zeros on the diagonal; when no full matching exists, the unmatched columns
 * and rows say which unknowns and equations are at fault.
 */
import type { CsrMatrix } from './csr.js';

export interface Matching {
  /** rowOfColumn[j] = the row matched to column j, or -1. */
  rowOfColumn: Int32Array;
  /** columnOfRow[i] = the column matched to row i, or -1. */
  columnOfRow: Int32Array;
  size: number;
}

/**
 * Maximum matching by depth-first augmenting paths (Duff's MC21), starting from the diagonal so a matrix
 * with a full diagonal costs one pass. `columns` is the matrix in column-major form (CSR of Aᵀ).
 */
export function maximumMatching(columns: CsrMatrix): Matching {
  const n = columns.rows;
  const m = columns.cols;
  const { rowPtr, colIdx } = columns;
  const rowOfColumn = new Int32Array(n).fill(-1);
  const columnOfRow = new Int32Array(m).fill(-1);
  let size = 0;
  // Cheap pass: the diagonal, then any free row.
  for (let j = 0; j < n; j++) {
    for (let p = rowPtr[j]!; p < rowPtr[j + 1]!; p++) {
      if (colIdx[p] === j && columns.values[p] !== 0 && columnOfRow[j] === -1) {
        rowOfColumn[j] = j;
        columnOfRow[j] = j;
        size++;
      }
    }
  }
  const visited = new Int32Array(m).fill(-1);
  const stackCol = new Int32Array(n);
  const stackPtr = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (rowOfColumn[root] !== -1) continue;
    // Iterative DFS over alternating paths: column → row (any non-zero) → that row's matched column.
    let top = 0;
    stackCol[0] = root;
    stackPtr[0] = rowPtr[root]!;
    let found = -1;
    while (top >= 0 && found < 0) {
      const j = stackCol[top]!;
      let advanced = false;
      while (stackPtr[top]! < rowPtr[j + 1]!) {
        const p = stackPtr[top]!++;
        if (columns.values[p] === 0) continue;
        const i = colIdx[p]!;
        if (visited[i] === root) continue;
        visited[i] = root;
        const owner = columnOfRow[i]!;
        if (owner === -1) { found = i; break; }
        top++;
        stackCol[top] = owner;
        stackPtr[top] = rowPtr[owner]!;
        advanced = true;
        break;
      }
      if (found >= 0) break;
      if (!advanced) top--;
    }
    if (found < 0) continue;
    // Flip the path: each column on the stack takes the row its successor gave up.
    let row = found;
    for (let t = top; t >= 0; t--) {
      const j = stackCol[t]!;
      const previous = rowOfColumn[j]!;
      rowOfColumn[j] = row;
      columnOfRow[row] = j;
      row = previous;
    }
    size++;
  }
  return { rowOfColumn, columnOfRow, size };
}

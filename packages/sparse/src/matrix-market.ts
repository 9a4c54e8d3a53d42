/**
 * @module matrix-market — parse Matrix Market `coordinate` text into triplets.
 *
 * Text in, numbers out: reading files (and gunzipping them) is the caller's job, so this runs in the
 * browser as well as in Node.
 */
import type { Triplets } from './csr.js';

/** Thrown for text that is not a Matrix Market coordinate matrix this reader understands. */
export class MatrixMarketError extends Error {
  readonly code = 'SPARSE_ERR_MATRIX_MARKET';
  constructor(message: string) {
    super(message);
    this.name = 'MatrixMarketError';
  }
}

/**
 * Parse `%%MatrixMarket matrix coordinate real|integer general|symmetric` text (1-based indices) into
 * 0-based triplets. Symmetric files are expanded to both triangles.
 *
 * @example
 * parseMatrixMarket('%%MatrixMarket matrix coordinate real general\n2 2 1\n1 2 -0.5\n').value; // [-0.5]
 */
export function parseMatrixMarket(text: string): Triplets {
  const headerEnd = text.indexOf('\n');
  const header = (headerEnd < 0 ? text : text.slice(0, headerEnd)).trim().toLowerCase().split(/\s+/);
  if (header[0] !== '%%matrixmarket' || header[1] !== 'matrix') {
    throw new MatrixMarketError('not a Matrix Market file: the first line must start with "%%MatrixMarket matrix"');
  }
  const [, , format, field, symmetry] = header;
  if (format !== 'coordinate') throw new MatrixMarketError(`only "coordinate" matrices are supported, not "${format}"`);
  if (field !== 'real' && field !== 'integer') throw new MatrixMarketError(`only real or integer values are supported, not "${field}"`);
  if (symmetry !== 'general' && symmetry !== 'symmetric') {
    throw new MatrixMarketError(`only general or symmetric matrices are supported, not "${symmetry}"`);
  }
  let pos = headerEnd + 1;
  // Skip comments and blank lines up to the size line.
  let sizeLine = '';
  let line = 1;
  while (pos > 0 && pos < text.length) {
    const end = nextLineEnd(text, pos);
    const l = text.slice(pos, end).trim();
    pos = end + 1;
    line++;
    if (l === '' || l.startsWith('%')) continue;
    sizeLine = l;
    break;
  }
  const size = sizeLine.split(/\s+/).map(Number);
  if (size.length !== 3 || !size.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new MatrixMarketError(`line ${line}: expected "rows cols entries", found "${sizeLine}"`);
  }
  const [rows, cols, declared] = size as [number, number, number];
  const symmetric = symmetry === 'symmetric';
  const cap = symmetric ? 2 * declared : declared;
  const row = new Int32Array(cap);
  const col = new Int32Array(cap);
  const value = new Float64Array(cap);
  let k = 0;
  let read = 0;
  const len = text.length;
  while (pos < len && read < declared) {
    const end = nextLineEnd(text, pos);
    line++;
    // Hand-rolled integer scanning: this loop runs a million times for a large database.
    let p = skipSpace(text, pos, end);
    if (p >= end || text.charCodeAt(p) === 37 /* % */) { pos = end + 1; continue; }
    let r = 0;
    let c = 0;
    let q = p;
    while (q < end) { const ch = text.charCodeAt(q); if (ch < 48 || ch > 57) break; r = r * 10 + (ch - 48); q++; }
    if (q === p) throw new MatrixMarketError(`line ${line}: expected a row index`);
    p = skipSpace(text, q, end);
    q = p;
    while (q < end) { const ch = text.charCodeAt(q); if (ch < 48 || ch > 57) break; c = c * 10 + (ch - 48); q++; }
    if (q === p) throw new MatrixMarketError(`line ${line}: expected a column index`);
    p = skipSpace(text, q, end);
    let vEnd = end;
    while (vEnd > p && text.charCodeAt(vEnd - 1) <= 32) vEnd--;
    // Number() parses the decimal text to the nearest double, like every other reader of the file.
    const v = Number(text.slice(p, vEnd));
    if (p === vEnd || Number.isNaN(v)) throw new MatrixMarketError(`line ${line}: expected a number, found "${text.slice(p, vEnd)}"`);
    if (r < 1 || r > rows || c < 1 || c > cols) {
      throw new MatrixMarketError(`line ${line}: entry (${r}, ${c}) lies outside the declared ${rows} × ${cols} matrix`);
    }
    row[k] = r - 1;
    col[k] = c - 1;
    value[k] = v;
    k++;
    if (symmetric && r !== c) { row[k] = c - 1; col[k] = r - 1; value[k] = v; k++; }
    read++;
    pos = end + 1;
  }
  if (read !== declared) throw new MatrixMarketError(`the size line declares ${declared} entries but the file has ${read}`);
  return { rows, cols, row: row.subarray(0, k), col: col.subarray(0, k), value: value.subarray(0, k) };
}

function nextLineEnd(text: string, from: number): number {
  const e = text.indexOf('\n', from);
  return e < 0 ? text.length : e;
}

function skipSpace(text: string, from: number, end: number): number {
  while (from < end) {
    const ch = text.charCodeAt(from);
    if (ch !== 32 && ch !== 9 && ch !== 13) break;
    from++;
  }
  return from;
}

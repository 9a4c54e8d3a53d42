import { describe, expect, it } from 'vitest';
import { csrFromTriplets, diagonal, entryIndex, multiply, transpose } from './csr.js';

const A = csrFromTriplets({
  rows: 2,
  cols: 3,
  row: Int32Array.of(1, 0, 0, 1, 0),
  col: Int32Array.of(2, 1, 0, 2, 1),
  value: Float64Array.of(4, 2, 1, 1, 3),
});

describe('csrFromTriplets', () => {
  it('sorts columns within rows and sums duplicates', () => {
    expect(Array.from(A.rowPtr)).toEqual([0, 2, 3]);
    expect(Array.from(A.colIdx)).toEqual([0, 1, 2]);
    expect(Array.from(A.values)).toEqual([1, 5, 5]);
  });
  it('rejects entries outside the matrix', () => {
    expect(() => csrFromTriplets({ rows: 1, cols: 1, row: Int32Array.of(1), col: Int32Array.of(0), value: Float64Array.of(1) })).toThrow(/outside/);
  });
});

describe('operations', () => {
  it('multiplies', () => {
    expect(Array.from(multiply(A, Float64Array.of(1, 2, 3)))).toEqual([11, 15]);
  });
  it('transposes', () => {
    const T = transpose(A);
    expect([T.rows, T.cols]).toEqual([3, 2]);
    expect(Array.from(multiply(T, Float64Array.of(1, 1)))).toEqual([1, 5, 5]);
  });
  it('finds entries and the diagonal', () => {
    expect(entryIndex(A, 0, 1)).toBe(1);
    expect(entryIndex(A, 1, 0)).toBe(-1);
    expect(Array.from(diagonal(A))).toEqual([1, 0]);
  });
});

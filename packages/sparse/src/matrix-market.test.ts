import { describe, expect, it } from 'vitest';
import { parseMatrixMarket } from './matrix-market.js';

describe('parseMatrixMarket', () => {
  it('reads a general coordinate matrix, 1-based, with comments', () => {
    const t = parseMatrixMarket('%%MatrixMarket matrix coordinate real general\n% a comment\n\n3 2 3\n1 1 1.5\n3 2 -2e-3\n2 1 7\n');
    expect([t.rows, t.cols]).toEqual([3, 2]);
    expect(Array.from(t.row)).toEqual([0, 2, 1]);
    expect(Array.from(t.col)).toEqual([0, 1, 0]);
    expect(Array.from(t.value)).toEqual([1.5, -0.002, 7]);
  });
  it('parses the decimal text to the nearest double', () => {
    const t = parseMatrixMarket('%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 0.1\n');
    expect(t.value[0]).toBe(0.1);
  });
  it('expands symmetric matrices', () => {
    const t = parseMatrixMarket('%%MatrixMarket matrix coordinate real symmetric\n2 2 2\n1 1 4\n2 1 1\n');
    expect(t.row.length).toBe(3);
  });
  it('says what is wrong and where', () => {
    expect(() => parseMatrixMarket('hello')).toThrow(/not a Matrix Market file/);
    expect(() => parseMatrixMarket('%%MatrixMarket matrix array real general\n1 1\n1\n')).toThrow(/coordinate/);
    expect(() => parseMatrixMarket('%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1\n')).toThrow(/line 3: entry \(3, 1\) lies outside/);
    expect(() => parseMatrixMarket('%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n')).toThrow(/declares 2 entries but the file has 1/);
    expect(() => parseMatrixMarket('%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 x\n')).toThrow(/expected a number/);
  });
});

import { describe, expect, it } from 'vitest';
import { autoSolver, factorise } from './auto.js';
import { csrFromTriplets, multiply, transpose, type CsrMatrix } from './csr.js';
import { denseLuSolver } from './dense-lu.js';
import { NotConvergedError, SingularMatrixError } from './errors.js';
import { sweepSolver } from './iterative.js';
import { sweepPlan } from './plan.js';
import { residual } from './residual.js';
import { randomVector, supplyChainMatrix } from './test-matrices.js';

/** Tight enough that differences from dense LU show rounding, not the stopping rule. */
const TIGHT = { tolerance: 1e-12 };

function maxRelDiff(a: Float64Array, b: Float64Array): number {
  let scale = 0;
  for (const v of b) scale = Math.max(scale, Math.abs(v));
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d / scale;
}

function fromDense(rows: number[][]): CsrMatrix {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  rows.forEach((row, i) => row.forEach((x, j) => { if (x !== 0) { r.push(i); c.push(j); v.push(x); } }));
  return csrFromTriplets({ rows: rows.length, cols: rows[0]!.length, row: Int32Array.from(r), col: Int32Array.from(c), value: Float64Array.from(v) });
}

describe('dense LU', () => {
  const A = fromDense([[2, -1, 0], [-1, 2, -1], [0, -1, 2]]);
  it('solves A x = b and Aᵀ x = b', () => {
    const F = denseLuSolver.factorise(A);
    expect(Array.from(F.solve(Float64Array.of(1, 0, 1)).x).map((v) => +v.toFixed(12))).toEqual([1, 1, 1]);
    const N = fromDense([[0, 2], [1, 3]]); // needs a row swap
    const G = denseLuSolver.factorise(N);
    expect(Array.from(G.solve(Float64Array.of(2, 4)).x)).toEqual([1, 1]);
    expect(Array.from(G.solveTransposed(Float64Array.of(1, 5)).x)).toEqual([1, 1]);
  });
  it('names the dependent columns of a singular matrix', () => {
    const S = fromDense([[1, 2, 3], [2, 4, 6.5], [1, 2, 0]]);
    try {
      denseLuSolver.factorise(S);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SingularMatrixError);
      expect((e as SingularMatrixError).columns).toEqual([0, 1]);
    }
  });
});

describe('Gauss–Seidel/GMRES', () => {
  const n = 600;
  const A = supplyChainMatrix(n, 1, { negativeDiagonals: 0.05, positiveInputs: 0.03 });
  const b = randomVector(n, 2);
  const exact = denseLuSolver.factorise(A).solve(b).x;

  it('agrees with dense LU, with negative diagonals and positive off-diagonal entries', () => {
    const { x, report } = sweepSolver.factorise(A, TIGHT).solve(b);
    expect(maxRelDiff(x, exact)).toBeLessThan(1e-9);
    expect(report.backwardError).toBeLessThanOrEqual(1e-12);
    expect(report.residual).toBe(residual(A, x, b).relative);
  });
  it('solves the transposed system', () => {
    const exactT = denseLuSolver.factorise(A).solveTransposed(b).x;
    const { x } = sweepSolver.factorise(A, TIGHT).solveTransposed(b);
    expect(maxRelDiff(x, exactT)).toBeLessThan(1e-9);
  });
  it('starts from a guess and needs fewer passes from a good one', () => {
    const F = sweepSolver.factorise(A, TIGHT);
    const cold = F.solve(b).report.iterations;
    const warm = F.solve(b, { initialGuess: exact }).report.iterations;
    expect(warm).toBeLessThan(cold);
  });
  it('solves many right-hand sides at once (block sweeps), like one at a time', () => {
    const F = sweepSolver.factorise(A, TIGHT);
    const bs = Array.from({ length: 5 }, (_, r) => randomVector(n, 10 + r));
    const many = F.solveTransposedMany(bs);
    const dense = denseLuSolver.factorise(A);
    many.forEach((s, r) => {
      expect(maxRelDiff(s.x, dense.solveTransposed(bs[r]!).x)).toBeLessThan(1e-9);
      expect(s.report.backwardError).toBeLessThanOrEqual(1e-12);
    });
    expect(maxRelDiff(F.solveMany(bs)[3]!.x, dense.solve(bs[3]!).x)).toBeLessThan(1e-9);
  });
  it('refactorises new values in the same pattern', () => {
    const F = sweepSolver.factorise(A, TIGHT);
    const scaled = A.values.map((v) => 2 * v);
    const { x } = F.refactorise(scaled).solve(b);
    expect(maxRelDiff(x, exact.map((v) => v / 2))).toBeLessThan(1e-9);
  });
});

describe('elimination of single-customer unknowns', () => {
  const A = marketsAndProducers();
  const b = randomVector(800, 8);
  const dense = denseLuSolver.factorise(A);

  it('gives the same answers with and without the reduction, also after refactorising', () => {
    const exact = dense.solve(b).x;
    const reduced = sweepSolver.factorise(A, { ...TIGHT, reduce: true });
    const plain = sweepSolver.factorise(A, { ...TIGHT, reduce: false });
    expect(maxRelDiff(reduced.solve(b).x, exact)).toBeLessThan(1e-9);
    expect(maxRelDiff(plain.solve(b).x, exact)).toBeLessThan(1e-9);
    // Five right-hand sides: a block of four on the reduced system, then the fifth alone.
    const many = reduced.solveMany([1, 2, 3, 4, 5].map((f) => b.map((v) => f * v)));
    expect(many[1]!.report.method).toBe('block-gauss-seidel');
    many.forEach((s, r) => expect(maxRelDiff(s.x, exact.map((v) => (r + 1) * v))).toBeLessThan(1e-9));
    const values = A.values.map((v, q) => v * (1 + 0.1 * Math.sin(q)));
    const changed = { ...A, values };
    const again = reduced.refactorise(values).solve(b, { initialGuess: exact });
    expect(maxRelDiff(again.x, denseLuSolver.factorise(changed).solve(b).x)).toBeLessThan(1e-9);
    expect(again.report.backwardError).toBeLessThanOrEqual(1e-12);
  });
});

describe('automatic solver', () => {
  it('permutes rows when the diagonal has zeros', () => {
    const n = 300;
    const A = supplyChainMatrix(n, 3);
    // Swap two rows: two processes whose production now sits on each other's row.
    const dense = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) for (let p = A.rowPtr[i]!; p < A.rowPtr[i + 1]!; p++) dense[i]![A.colIdx[p]!] = A.values[p]!;
    [dense[10], dense[20]] = [dense[20]!, dense[10]!];
    dense[10]![10] = 0;
    dense[20]![20] = 0;
    const S = fromDense(dense);
    const b = randomVector(n, 4);
    const { x } = factorise(S).solve(b);
    expect(residual(S, x, b).backward).toBeLessThan(1e-9);
    const y = factorise(S).solveTransposed(b).x;
    expect(residual(transpose(S), y, b).backward).toBeLessThan(1e-9);
  });
  it('reports an empty column and an empty row', () => {
    const A = fromDense([[1, 0, 0], [0, 0, 0], [0, 0, 1]]);
    expect(() => autoSolver.factorise(A)).toThrow(/column\(s\) 1 have no non-zero entry; row\(s\) 1/);
  });
  it('reports a structurally singular pattern by its unmatched rows and columns', () => {
    const A = fromDense([[1, 1, 1], [1, 0, 0], [1, 0, 0]]);
    try {
      autoSolver.factorise(A);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SingularMatrixError);
      expect((e as SingularMatrixError).message).toMatch(/structurally singular/);
      expect((e as SingularMatrixError).rows.length).toBe(1);
    }
  });
  it('falls back to LU when iteration cannot converge, and reports singularity', () => {
    // A chain of 200 processes each needing one unit of the next, and a loop that closes with gain 1:
    // (I − P) for a cyclic permutation P is singular.
    const n = 200;
    const rows: number[][] = Array.from({ length: n }, (_, i) => { const r = new Array<number>(n).fill(0); r[i] = 1; r[(i + 1) % n] = -1; return r; });
    expect(() => factorise(fromDense(rows)).solve(new Float64Array(n).fill(1))).toThrow(SingularMatrixError);
  });
  it('solves systems that are not diagonally dominant', () => {
    const A = fromDense([[1, 3], [2, 1]]);
    const big = csrFromTriplets({ ...blockDiag(A, 120) });
    const b = new Float64Array(big.rows).fill(1);
    const { x, report } = factorise(big).solve(b);
    expect(residual(big, x, b).backward).toBeLessThan(1e-10);
    expect(report.backwardError).toBeLessThanOrEqual(1e-9);
    expect(multiply(big, x)[0]).toBeCloseTo(1, 9);
  });
});

describe('stopping on the Krylov residual estimate', () => {
  // A supply chain of 300 processes plus a chain through all of them (each needing c of the next)
  // closed by a loop of gain g. With c = 1, g → 1 makes the system nearly singular (condition ~ 1 / (1 − g)).
  function loopMatrix(gain: number, c = 1): CsrMatrix {
    const core = supplyChainMatrix(300, 17, { maxShare: 0.5 });
    const row: number[] = [];
    const col: number[] = [];
    const value: number[] = [];
    for (let i = 0; i < 300; i++) {
      for (let p = core.rowPtr[i]!; p < core.rowPtr[i + 1]!; p++) { row.push(i); col.push(core.colIdx[p]!); value.push(0.001 * core.values[p]!); }
      row.push(i, i);
      col.push(i, (i + 1) % 300);
      value.push(1, i === 299 ? -gain : -c);
    }
    return csrFromTriplets({ rows: 300, cols: 300, row: Int32Array.from(row), col: Int32Array.from(col), value: Float64Array.from(value) });
  }
  it('agrees with dense LU on a well-conditioned loop, the true residual within the tolerance', () => {
    const A = loopMatrix(0.9, 0.9);
    const b = randomVector(300, 3);
    const { x, report } = sweepSolver.factorise(A).solve(b);
    expect(residual(A, x, b).backward).toBeLessThanOrEqual(1e-9);
    expect(report.backwardError).toBe(residual(A, x, b).backward);
    expect(maxRelDiff(x, denseLuSolver.factorise(A).solve(b).x)).toBeLessThan(1e-8);
  });
  it('near-singular loops: an answer whose true backward error meets the tolerance, or a coded error, never a wrong answer', () => {
    for (const gain of [1 - 1e-10, 1 - 1e-14]) {
      const A = loopMatrix(gain);
      const b = randomVector(300, 5);
      try {
        const { x, report } = sweepSolver.factorise(A).solve(b);
        expect(residual(A, x, b).backward).toBeLessThanOrEqual(1e-9);
        expect(report.backwardError).toBeLessThanOrEqual(1e-9);
      } catch (error) {
        expect(error).toBeInstanceOf(NotConvergedError);
      }
      // The automatic solver falls back to LU at this size: an answer with a small backward error or a singular-matrix error.
      try {
        const { x } = factorise(A).solve(b);
        expect(residual(A, x, b).backward).toBeLessThanOrEqual(1e-9);
      } catch (error) {
        expect(error).toBeInstanceOf(SingularMatrixError);
      }
    }
  });
});

/** 200 "markets" (a random supply-chain core) each buying from 3 "producers" that have no other customer. */
function marketsAndProducers(): CsrMatrix {
  const core = supplyChainMatrix(200, 7);
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < core.rows; i++) {
    for (let p = core.rowPtr[i]!; p < core.rowPtr[i + 1]!; p++) { rows.push(i); cols.push(core.colIdx[p]!); vals.push(core.values[p]!); }
  }
  for (let q = 0; q < 600; q++) {
    const producer = 200 + q;
    const market = q % 200;
    rows.push(producer, producer, market);
    cols.push(producer, market, producer);
    vals.push(q % 7 === 0 ? -2 : 1.5, -0.3, -0.2 * ((q % 5) + 1));
  }
  return csrFromTriplets({ rows: 800, cols: 800, row: Int32Array.from(rows), col: Int32Array.from(cols), value: Float64Array.from(vals) });
}

function blockDiag(block: CsrMatrix, copies: number) {
  const row: number[] = [];
  const col: number[] = [];
  const value: number[] = [];
  for (let c = 0; c < copies; c++) {
    for (let i = 0; i < block.rows; i++) {
      for (let p = block.rowPtr[i]!; p < block.rowPtr[i + 1]!; p++) {
        row.push(c * block.rows + i);
        col.push(c * block.cols + block.colIdx[p]!);
        value.push(block.values[p]!);
      }
    }
  }
  return { rows: block.rows * copies, cols: block.cols * copies, row: Int32Array.from(row), col: Int32Array.from(col), value: Float64Array.from(value) };
}

describe('structure kept per pattern', () => {
  const A = marketsAndProducers();
  const b = randomVector(A.rows, 22);
  /** The same matrix in freshly allocated pattern arrays: nothing cached can be found for it. */
  const copyOf = (M: CsrMatrix, values = M.values): CsrMatrix => ({ ...M, rowPtr: M.rowPtr.slice(), colIdx: M.colIdx.slice(), values: values.slice() });

  it('plans a pattern once and reuses the plan for every later factorisation of it', () => {
    const plan = sweepPlan(A, [3], true);
    expect(plan.eliminatedCount).toBe(600);
    expect(sweepPlan({ ...A, values: A.values.map((v) => 2 * v) } as CsrMatrix, [3], true)).toBe(plan);
    expect(sweepPlan(copyOf(A), [3], true)).not.toBe(plan);
    expect(sweepPlan(A, [4], true)).not.toBe(plan); // another start row, another order
    expect(sweepPlan(A, [], true, true).eliminatedCount).toBe(600); // adjoints eliminate the same unknowns
  });

  it('gives the same answers from a kept structure with changed values as a fresh solve and dense LU', () => {
    const values = A.values.map((v, q) => v * (1 + 0.2 * Math.sin(3 * q)));
    const changed: CsrMatrix = { ...A, values };
    const exact = denseLuSolver.factorise(changed).solve(b).x;
    const exactT = denseLuSolver.factorise(changed).solveTransposed(b).x;
    const first = factorise(A, { orderFrom: [0] });
    first.solve(b); // plans and fills A's structure
    first.solveTransposed(b);
    const viaRefactorise = first.refactorise(values);
    const viaCache = factorise(changed, { orderFrom: [0] });
    const fresh = factorise(copyOf(changed), { orderFrom: [0] });
    for (const F of [viaRefactorise, viaCache, fresh]) {
      expect(maxRelDiff(F.solve(b).x, exact)).toBeLessThan(1e-9);
      expect(maxRelDiff(F.solveTransposed(b).x, exactT)).toBeLessThan(1e-9);
      // Adjoints in blocks, through the transpose of the reduced system.
      const many = F.solveTransposedMany([b, b.map((v) => -3 * v), b]);
      expect(maxRelDiff(many[1]!.x, exactT.map((v) => -3 * v))).toBeLessThan(1e-9);
    }
  });

  it('refactorising with reuse (Monte Carlo) takes over the old arrays and gives exactly the same answers', () => {
    const v1 = A.values.map((v, q) => v * (1 + 0.1 * Math.cos(q)));
    const v2 = A.values.map((v, q) => v * (1 - 0.1 * Math.sin(q)));
    const F = factorise(A);
    const fresh = F.refactorise(v2).solve(b).x;
    const first = F.refactorise(v1);
    expect(maxRelDiff(first.solve(b).x, denseLuSolver.factorise({ ...A, values: v1 }).solve(b).x)).toBeLessThan(1e-9);
    expect(first.refactorise(v2, { reuse: true }).solve(b).x).toEqual(fresh);
  });

  it('still checks the values: a zero on the diagonal of a kept pattern is handled, an empty row reported', () => {
    factorise(A).solve(b);
    const zeroRow = A.values.slice();
    for (let p = A.rowPtr[5]!; p < A.rowPtr[6]!; p++) zeroRow[p] = 0;
    expect(() => factorise({ ...A, values: zeroRow })).toThrow(/row\(s\) 5 have no non-zero entry/);
    // Only the diagonal values are read on a kept pattern: an all-zero column is still found through its
    // zero diagonal entry, and a zero off the diagonal changes nothing.
    const zeroColumn = A.values.slice();
    const offDiagonal: number[] = [];
    for (let q = 0; q < A.colIdx.length; q++) if (A.colIdx[q] === 7) zeroColumn[q] = 0;
    for (let i = 0; i < A.rows; i++) for (let q = A.rowPtr[i]!; q < A.rowPtr[i + 1]!; q++) if (A.colIdx[q] !== i) offDiagonal.push(q);
    expect(() => factorise({ ...A, values: zeroColumn })).toThrow(/column\(s\) 7 have no non-zero entry/);
    const oneOffZero = A.values.slice();
    oneOffZero[offDiagonal[0]!] = 0;
    const x = factorise({ ...A, values: oneOffZero }).solve(b).x;
    expect(maxRelDiff(x, denseLuSolver.factorise({ ...A, values: oneOffZero }).solve(b).x)).toBeLessThan(1e-9);
  });
});

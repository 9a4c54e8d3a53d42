/**
 * @module iterative — the sweeping solver: dependency ordering + Gauss–Seidel + GMRES acceleration.
 *
 * "Factorising" here is cheap and structural: order the rows so each sweep sees most dependencies
 * already updated, and lay the matrix out in that order so sweeps stream through memory. The work
 * is O(nnz) and reusable for any matrix with the same pattern (`refactorise` only gathers values).
 */
import { transpose, type CsrMatrix } from './csr.js';
import { BLOCK_WIDTH, blockGaussSeidel } from './block.js';
import { NotConvergedError } from './errors.js';
import { KrylovWorkspace, sweepSolve } from './krylov.js';
import { dependencyOrder, permuteSymmetric } from './ordering.js';
import { planReduction, type Reduction } from './reduction.js';
import { residual } from './residual.js';
import { DEFAULT_TOLERANCE, type Factorisation, type FactoriseOptions, type SolveOptions, type Solution, type Solver } from './solver.js';

/**
 * Largest accepted ‖A‖ ‖x‖ / ‖b‖. Beyond it the residual is lost in rounding (a diverging iterate on a
 * singular matrix has a zero computed residual), so the answer cannot be trusted.
 */
const MAX_GROWTH = 1e14;
/** Passes over the matrix before an iterative solve is declared stuck. */
const MAX_SWEEPS = 600;
/** Krylov vectors kept per restart cycle. */
const RESTART = 30;

export const sweepSolver: Solver = {
  name: 'gauss-seidel-gmres',
  factorise: (A, options) => new SweepFactorisation(A, options ?? {}),
};

/** Iteration stalled or ran away; the automatic solver catches it and falls back to a direct method. */
export class SweepFailure extends NotConvergedError {
  constructor(
    backwardError: number,
    /** The rows to name: largest residual, or largest (runaway) solution entries. */
    rows: number[],
    reason = `Gauss–Seidel/GMRES stalled at componentwise backward error ${backwardError.toExponential(2)}`,
  ) {
    super(reason, backwardError, rows);
  }
}

/** One direction (A or Aᵀ) laid out in sweep order. */
class SweepSystem {
  readonly workspace: KrylovWorkspace;
  constructor(
    readonly original: CsrMatrix,
    readonly order: Int32Array,
    readonly matrix: CsrMatrix,
    /** matrix.values[q] = original.values[source[q]]. */
    readonly source: Int32Array,
    readonly invDiag: Float64Array,
    /** ‖A‖∞, for the growth check. */
    private readonly norm: number,
    workspace?: KrylovWorkspace,
  ) {
    // Shared with refactorised copies: Monte Carlo would otherwise allocate the Krylov basis anew for
    // every sample.
    this.workspace = workspace ?? new KrylovWorkspace(original.rows);
  }

  static build(A: CsrMatrix, orderFrom: Iterable<number>): SweepSystem {
    const order = dependencyOrder(A, orderFrom);
    const { matrix, source } = permuteSymmetric(A, order);
    const { invDiag, norm } = measure(matrix, matrix.values);
    return new SweepSystem(A, order, matrix, source, invDiag, norm);
  }

  withValues(values: Float64Array): SweepSystem {
    const { source } = this;
    const permuted = new Float64Array(source.length);
    for (let q = 0; q < source.length; q++) permuted[q] = values[source[q]!]!;
    const matrix: CsrMatrix = { ...this.matrix, values: permuted };
    const { invDiag, norm } = measure(matrix, permuted);
    return new SweepSystem({ ...this.original, values }, this.order, matrix, source, invDiag, norm, this.workspace);
  }

  /** Several right-hand sides by block Gauss–Seidel; any that do not converge are solved one by one. */
  solveMany(bs: readonly Float64Array[], tolerance: number): Solution[] {
    const out: Solution[] = [];
    for (let start = 0; start < bs.length; start += BLOCK_WIDTH) {
      const chunk = bs.slice(start, start + BLOCK_WIDTH);
      if (chunk.length === 1) { out.push(this.solve(chunk[0]!, {}, tolerance)); continue; }
      const k = BLOCK_WIDTH;
      const { order, matrix, invDiag } = this;
      const n = order.length;
      const B = new Float64Array(n * k);
      const X = new Float64Array(n * k);
      for (let i = 0; i < n; i++) {
        const src = order[i]!;
        for (let r = 0; r < chunk.length; r++) B[i * k + r] = chunk[r]![src]!;
      }
      const result = blockGaussSeidel(matrix, invDiag, B, X, tolerance, MAX_SWEEPS);
      chunk.forEach((b, r) => {
        const x = new Float64Array(n);
        for (let i = 0; i < n; i++) x[order[i]!] = X[i * k + r]!;
        const res = residual(this.original, x, b);
        if (result.converged[r] && res.backward <= tolerance) {
          out.push({ x, report: { method: 'block-gauss-seidel', iterations: result.sweeps, residual: res.relative, backwardError: res.backward } });
        } else {
          const single = this.solve(b, { initialGuess: x }, tolerance);
          single.report.iterations += result.sweeps;
          out.push(single);
        }
      });
    }
    return out;
  }

  /**
   * Solve and check the true residual. With `verify` false the caller checks instead (the reduced
   * system's answer is checked on the full matrix), and the report's residual fields are NaN.
   */
  solve(b: Float64Array, options: SolveOptions, tolerance: number, verify = true): Solution {
    const { order, matrix, invDiag } = this;
    const n = order.length;
    const bp = new Float64Array(n);
    const xp = new Float64Array(n);
    for (let k = 0; k < n; k++) bp[k] = b[order[k]!]!;
    const guess = options.initialGuess;
    if (guess) for (let k = 0; k < n; k++) xp[k] = guess[order[k]!]!;
    let sweeps = 0;
    // The sweep's own estimate is taken on a vector still being updated; the true residual decides.
    for (let round = 0; round < 3; round++) {
      const result = sweepSolve(matrix, invDiag, bp, xp, { tolerance, maxSweeps: MAX_SWEEPS, restart: RESTART }, this.workspace);
      sweeps += result.sweeps;
      const x = new Float64Array(n);
      for (let k = 0; k < n; k++) x[order[k]!] = xp[k]!;
      const growth = (maxAbs(x) * this.norm) / maxAbs(b);
      if (growth > MAX_GROWTH || !Number.isFinite(growth)) {
        throw new SweepFailure(Infinity, largestEntries(x), `the supplies grow without bound (‖A‖‖x‖/‖b‖ = ${growth.toExponential(1)})`);
      }
      if (!verify) {
        if (!result.converged) throw new SweepFailure(result.backwardError, largestEntries(x));
        return { x, report: { method: sweepSolver.name, iterations: sweeps, residual: NaN, backwardError: NaN } };
      }
      const r = residual(this.original, x, b);
      if (r.backward <= tolerance) {
        return { x, report: { method: sweepSolver.name, iterations: sweeps, residual: r.relative, backwardError: r.backward } };
      }
      if (!result.converged) throw new SweepFailure(r.backward, [r.worstRow]);
    }
    const x = new Float64Array(n);
    for (let k = 0; k < n; k++) x[order[k]!] = xp[k]!;
    const r = residual(this.original, x, b);
    throw new SweepFailure(r.backward, [r.worstRow]);
  }
}

class SweepFactorisation implements Factorisation {
  readonly n: number;
  private readonly tolerance: number;
  /** Sweeps run on the reduced system when producers with a single customer could be eliminated. */
  private readonly forward: SweepSystem;
  private readonly reduction: Reduction | undefined;
  private backward: SweepSystem | undefined;

  constructor(
    private readonly A: CsrMatrix,
    options: FactoriseOptions,
    prebuilt?: { forward: SweepSystem; reduction: Reduction | undefined },
  ) {
    if (A.rows !== A.cols) throw new RangeError(`a ${A.rows} × ${A.cols} matrix is not square`);
    this.n = A.rows;
    this.tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
    if (prebuilt) {
      this.forward = prebuilt.forward;
      this.reduction = prebuilt.reduction;
      return;
    }
    this.reduction = options.reduce ? planReduction(A) : undefined;
    const from = [...(options.orderFrom ?? [])];
    if (this.reduction) {
      const index = new Int32Array(this.n).fill(-1);
      this.reduction.kept.forEach((i, k) => (index[i] = k));
      // A start row that was eliminated hands over to the unknown it depends on.
      const starts = from.map((i) => index[i]!).filter((k) => k >= 0);
      this.forward = SweepSystem.build(this.reduction.matrix, starts);
    } else {
      this.forward = SweepSystem.build(A, from);
    }
  }

  solve(b: Float64Array, options: SolveOptions = {}): Solution {
    return this.solveForward([b], options)[0]!;
  }

  solveMany(bs: readonly Float64Array[], options: SolveOptions = {}): Solution[] {
    return this.solveForward(bs, options);
  }

  solveTransposed(b: Float64Array, options: SolveOptions = {}): Solution {
    this.backward ??= SweepSystem.build(transpose(this.A), []);
    return this.backward.solve(b, options, options.tolerance ?? this.tolerance);
  }

  solveTransposedMany(bs: readonly Float64Array[], options: SolveOptions = {}): Solution[] {
    this.backward ??= SweepSystem.build(transpose(this.A), []);
    return this.backward.solveMany(bs, options.tolerance ?? this.tolerance);
  }

  refactorise(values: Float64Array): Factorisation {
    const A = { ...this.A, values };
    const forward = this.forward.withValues(this.reduction ? this.reduction.values(values) : values);
    return new SweepFactorisation(A, { tolerance: this.tolerance }, { forward, reduction: this.reduction });
  }

  private solveForward(bs: readonly Float64Array[], options: SolveOptions): Solution[] {
    const tolerance = options.tolerance ?? this.tolerance;
    const { reduction, A } = this;
    if (!reduction) {
      return bs.length === 1 ? [this.forward.solve(bs[0]!, options, tolerance)] : this.forward.solveMany(bs, tolerance);
    }
    const rhs = bs.map((b) => reduction.rhs(b, A.values));
    const guess = options.initialGuess;
    const reducedGuess = guess ? Float64Array.from(reduction.kept, (i) => guess[i]!) : undefined;
    const reduced =
      bs.length === 1
        ? [this.forward.solve(rhs[0]!, reducedGuess ? { initialGuess: reducedGuess } : {}, tolerance, false)]
        : this.forward.solveMany(rhs, tolerance);
    return reduced.map((solution, r) => {
      const b = bs[r]!;
      let x = reduction.expand(solution.x, b, A.values);
      let check = residual(A, x, b);
      let iterations = solution.report.iterations;
      if (check.backward > tolerance) {
        // The reduced rows' errors are measured against |S||y|, the full ones against |A||x|: when
        // they differ enough to matter, tighten once.
        const again = this.forward.solve(rhs[r]!, { initialGuess: solution.x }, tolerance / 100, false);
        iterations += again.report.iterations;
        x = reduction.expand(again.x, b, A.values);
        check = residual(A, x, b);
        if (check.backward > tolerance) throw new SweepFailure(check.backward, [check.worstRow]);
      }
      return { x, report: { method: solution.report.method, iterations, residual: check.relative, backwardError: check.backward } };
    });
  }
}

/** 1 / A_ii (Infinity for a zero diagonal: the automatic solver never sends one here) and ‖A‖∞, in one pass. */
function measure(A: CsrMatrix, values: Float64Array): { invDiag: Float64Array; norm: number } {
  const n = A.rows;
  const { rowPtr, colIdx } = A;
  const invDiag = new Float64Array(n);
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let d = 0;
    let sum = 0;
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++) {
      const v = values[p]!;
      sum += Math.abs(v);
      if (colIdx[p] === i) d += v;
    }
    invDiag[i] = 1 / d;
    if (sum > norm) norm = sum;
  }
  return { invDiag, norm };
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]!);
    if (!(a <= m)) m = a;
  }
  return m;
}

/** Indices of the (up to 10) largest |x_i|: where a runaway loop shows. */
function largestEntries(x: Float64Array): number[] {
  const idx = Array.from(x.keys());
  idx.sort((a, b) => Math.abs(x[b]!) - Math.abs(x[a]!));
  return idx.slice(0, 10);
}

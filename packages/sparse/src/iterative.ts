/**
 * @module iterative — the sweeping solver: dependency ordering + Gauss–Seidel + GMRES acceleration.
 *
 * "Factorising" here is cheap and structural: eliminate the unknowns that follow from a single other
 * one, order the rest so each sweep sees most dependencies already updated, and lay the matrix out in
 * that order so sweeps stream through memory. All of that depends on the pattern only and is planned
 * once per pattern (plan.ts); a factorisation pours its values into the plan's layout in one pass.
 */
import type { CsrMatrix } from './csr.js';
import { BLOCK_WIDTH, blockGaussSeidel } from './block.js';
import { NotConvergedError } from './errors.js';
import { sweepSolve } from './krylov.js';
import { sweepPlan, transposedPattern, type EliminationValues, type SweepPlan } from './plan.js';
import { residual } from './residual.js';
import { DEFAULT_TOLERANCE, type Factorisation, type FactoriseOptions, type RefactoriseOptions, type SolveOptions, type Solution, type Solver } from './solver.js';

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

/** One direction (A, or Aᵀ as its own CSR) with its values poured into a plan's sweep layout. */
class SweepDirection {
  /** The system the sweeps run on, in sweep order. */
  private readonly system: CsrMatrix;
  private readonly invDiag: Float64Array;
  /** The eliminated unknowns' values of A, gathered by the fill. */
  private readonly pivots: EliminationValues;

  constructor(
    /** The full matrix of this direction (A, or Aᵀ for adjoints): answers are checked against it. */
    readonly matrix: CsrMatrix,
    /** A's values, in A's storage order: what the plan's layout is filled from. */
    private readonly aValues: Float64Array,
    readonly plan: SweepPlan,
    /** A direction on the same plan that is not used again: its arrays are taken over. */
    recycled?: SweepDirection,
  ) {
    const reuse = recycled?.plan === plan;
    this.pivots = reuse ? recycled.pivots : plan.eliminationValues();
    const values = plan.fill(aValues, reuse ? recycled.system.values : undefined, this.pivots);
    this.system = { ...plan.pattern, values };
    const K = plan.pattern.rows;
    const invDiag = reuse ? recycled.invDiag : new Float64Array(K);
    const { diagPos } = plan;
    // 1 / 0 = Infinity for a zero diagonal: the automatic solver never sends one here.
    for (let k = 0; k < K; k++) invDiag[k] = 1 / (diagPos[k]! >= 0 ? values[diagPos[k]!]! : 0);
    this.invDiag = invDiag;
  }

  /** Solve, expand and check the true residual on the full matrix; tighten up to twice when it falls short. */
  solve(b: Float64Array, options: SolveOptions, tolerance: number): Solution {
    const { plan, matrix } = this;
    const K = plan.pattern.rows;
    const scaleB = maxAbs(b);
    if (scaleB === 0) return zeroSolution(plan.n);
    const bp = plan.rhs(b, this.aValues, this.pivots, new Float64Array(K));
    const xp = new Float64Array(K);
    if (options.initialGuess) plan.gather(options.initialGuess, xp);
    let sweeps = 0;
    // The sweep's own estimate is taken on a vector still being updated, and on the reduced system's
    // rows; the true residual of the full system decides. The first round stops on GMRES's own
    // residual estimate (the true residual below is the check, so no sweep is spent measuring); a
    // round that falls short is continued with measured stopping, then with a tighter tolerance.
    let trustEstimate = true;
    for (let round = 0; round < 3; round++) {
      const result = sweepSolve(this.system, this.invDiag, bp, xp, { tolerance: round === 0 ? tolerance : tolerance / 100, maxSweeps: MAX_SWEEPS, restart: RESTART, trustEstimate, lowerEnds: plan.lowerEnds }, plan.workspace);
      const estimated = result.estimated === true;
      trustEstimate = false;
      sweeps += result.sweeps;
      const x = plan.expand(xp, b, this.pivots);
      const r = residual(matrix, x, b);
      const growth = (maxAbs(x) * r.matrixNorm) / scaleB;
      if (growth > MAX_GROWTH || !Number.isFinite(growth)) {
        throw new SweepFailure(Infinity, largestEntries(x), `the supplies grow without bound (‖A‖‖x‖/‖b‖ = ${growth.toExponential(1)})`);
      }
      if (r.backward <= tolerance) {
        return { x, report: { method: sweepSolver.name, iterations: sweeps, residual: r.relative, backwardError: r.backward } };
      }
      if (!result.converged) throw new SweepFailure(r.backward, [r.worstRow]);
      if (estimated) round--; // the estimate fell short: measure from here on, with the rounds still to come
    }
    const x = plan.expand(xp, b, this.pivots);
    const r = residual(matrix, x, b);
    throw new SweepFailure(r.backward, [r.worstRow]);
  }

  /** Several right-hand sides by block Gauss–Seidel; any that do not converge are solved one by one. */
  solveMany(bs: readonly Float64Array[], tolerance: number): Solution[] {
    const { plan, matrix, system, invDiag } = this;
    const K = plan.pattern.rows;
    const k = BLOCK_WIDTH;
    const out: Solution[] = [];
    const column = new Float64Array(K);
    for (let start = 0; start < bs.length; start += k) {
      const chunk = bs.slice(start, start + k);
      // A block sweep costs the same whatever the number of columns in use, and plain block
      // Gauss–Seidel needs more passes than GMRES: with one or two columns left, solving them one by
      // one is cheaper (n = 20,000: two singles 27 ms, a block of two 38 ms, a block of four 44 ms).
      if (chunk.length <= k / 2) {
        for (const b of chunk) out.push(this.solve(b, {}, tolerance));
        continue;
      }
      const B = new Float64Array(K * k);
      const X = new Float64Array(K * k);
      chunk.forEach((b, r) => {
        plan.rhs(b, this.aValues, this.pivots, column);
        for (let i = 0; i < K; i++) B[i * k + r] = column[i]!;
      });
      const result = blockGaussSeidel(system, plan.rowEnds, invDiag, B, X, tolerance, MAX_SWEEPS);
      chunk.forEach((b, r) => {
        for (let i = 0; i < K; i++) column[i] = X[i * k + r]!;
        const x = plan.expand(column, b, this.pivots);
        const res = residual(matrix, x, b);
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
}

class SweepFactorisation implements Factorisation {
  readonly n: number;
  private readonly tolerance: number;
  private readonly orderFrom: readonly number[];
  private readonly reduce: boolean;
  private forward: SweepDirection | undefined;
  private backward: SweepDirection | undefined;

  constructor(
    private readonly A: CsrMatrix,
    options: FactoriseOptions,
    /** Plans of the factorisation this one refactorises (same pattern). */
    private readonly plans: { forward?: SweepPlan; backward?: SweepPlan } = {},
    /** The factorisation this one replaces (refactorise with reuse): its forward arrays are taken over. */
    private recycled?: SweepFactorisation,
  ) {
    if (A.rows !== A.cols) throw new RangeError(`a ${A.rows} × ${A.cols} matrix is not square`);
    this.n = A.rows;
    this.tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
    this.orderFrom = [...(options.orderFrom ?? [])];
    this.reduce = options.reduce ?? true;
    // The forward plan now, so a bad start row is reported by factorise; it is cached per pattern.
    this.plans.forward ??= sweepPlan(A, this.orderFrom, this.reduce);
  }

  solve(b: Float64Array, options: SolveOptions = {}): Solution {
    return this.forwardDirection().solve(b, options, options.tolerance ?? this.tolerance);
  }

  solveMany(bs: readonly Float64Array[], options: SolveOptions = {}): Solution[] {
    const tolerance = options.tolerance ?? this.tolerance;
    const direction = this.forwardDirection();
    return bs.length === 1 ? [direction.solve(bs[0]!, options, tolerance)] : direction.solveMany(bs, tolerance);
  }

  solveTransposed(b: Float64Array, options: SolveOptions = {}): Solution {
    return this.backwardDirection().solve(b, options, options.tolerance ?? this.tolerance);
  }

  solveTransposedMany(bs: readonly Float64Array[], options: SolveOptions = {}): Solution[] {
    const tolerance = options.tolerance ?? this.tolerance;
    const direction = this.backwardDirection();
    return bs.length === 1 ? [direction.solve(bs[0]!, options, tolerance)] : direction.solveMany(bs, tolerance);
  }

  refactorise(values: Float64Array, options: RefactoriseOptions = {}): Factorisation {
    if (values.length !== this.A.values.length) throw new RangeError(`${values.length} values for a pattern of ${this.A.values.length}`);
    const options_ = { tolerance: this.tolerance, orderFrom: this.orderFrom, reduce: this.reduce };
    return new SweepFactorisation({ ...this.A, values }, options_, { ...this.plans }, options.reuse ? this : undefined);
  }

  private forwardDirection(): SweepDirection {
    if (this.forward) return this.forward;
    const recycled = this.recycled?.forward;
    this.recycled = undefined;
    return (this.forward = new SweepDirection(this.A, this.A.values, this.plans.forward!, recycled));
  }

  private backwardDirection(): SweepDirection {
    if (this.backward) return this.backward;
    const { pattern, target } = transposedPattern(this.A);
    const values = new Float64Array(target.length);
    const a = this.A.values;
    for (let q = 0; q < target.length; q++) values[target[q]!] = a[q]!;
    const At: CsrMatrix = { ...pattern, values };
    this.plans.backward ??= sweepPlan(this.A, [], this.reduce, true);
    return (this.backward = new SweepDirection(At, a, this.plans.backward));
  }
}

/** A x = 0 has x = 0, exactly. */
function zeroSolution(n: number): Solution {
  return { x: new Float64Array(n), report: { method: sweepSolver.name, iterations: 0, residual: 0, backwardError: 0 } };
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

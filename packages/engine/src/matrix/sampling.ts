/**
 * @module sampling — new values for a fixed sparsity pattern, one Monte Carlo iteration at a time.
 *
 * Uncertain entries are kept in columnar form (positions, scales, spreads in typed arrays) because a
 * database-sized run samples a million values per iteration: object-per-entry bookkeeping would cost
 * more than the random numbers. Lognormal and normal entries are drawn in bulk; the rest one by one.
 */
import { addLognormalNoise, checkDistribution, fillStandardNormal, lognormalTimes, sample, type CsrMatrix, type Distribution, type Xoshiro128 } from '@greenlca/sparse';
import { LcaMatrixError } from './errors.js';

/** How the values of one matrix vary: a fixed part plus sampled entries added on top. */
export class SamplingPlan {
  private fixedValues: Float64Array;
  private readonly logPositions: number[] = [];
  private readonly logScale: number[] = [];
  private readonly logSigma: number[] = [];
  private readonly normPositions: number[] = [];
  private readonly normMean: number[] = [];
  private readonly normSd: number[] = [];
  private readonly other: { position: number; distribution: Distribution; sign: number }[] = [];
  /** Whole runs of lognormal entries added at once (typed arrays, no per-entry bookkeeping). */
  private readonly bulk: { positions: Int32Array; scale: Float64Array; sigma: number }[] = [];
  private packed: Packed | undefined;

  /** The plan takes `fixed` over (it changes it as noise is added). */
  constructor(fixed: Float64Array) {
    this.fixedValues = fixed;
  }

  /** Values of the deterministic part (entries that only hold uncertain exchanges are 0 here). */
  get fixed(): Float64Array {
    return this.fixedValues;
  }

  /** Number of sampled entries. */
  get size(): number {
    return this.logPositions.length + this.bulk.reduce((n, b) => n + b.positions.length, 0) + this.normPositions.length + this.other.length;
  }

  /** Add `sign × X` at `position` each iteration, X drawn from `distribution`. */
  add(position: number, distribution: Distribution, sign = 1): this {
    if (position < 0 || position >= this.fixed.length) throw new LcaMatrixError('LCA_ERR_DIMENSION', `position ${position} outside the pattern`);
    checkDistribution(distribution);
    this.packed = undefined;
    if (distribution.kind === 'lognormal') {
      this.logPositions.push(position);
      this.logScale.push(sign * Math.exp(distribution.mu));
      this.logSigma.push(distribution.sigma);
    } else if (distribution.kind === 'normal') {
      this.normPositions.push(position);
      this.normMean.push(sign * distribution.mean);
      this.normSd.push(sign * distribution.sd);
    } else {
      this.other.push({ position, distribution, sign });
    }
    return this;
  }

  /**
   * Multiply existing entries by independent lognormal noise exp(σ Z): the bench networks' "mc"
   * specification. `positions` must currently hold their base value in `fixed`, which moves to the
   * sampled part. The plan keeps `positions` (not a copy): it must not change afterwards.
   */
  addMultiplicativeNoise(positions: Int32Array, sigma: number): this {
    if (!(sigma >= 0)) throw new LcaMatrixError('LCA_ERR_BAD_INPUT', `noise sigma must be ≥ 0, got ${sigma}`);
    this.packed = undefined;
    const fixed = this.fixedValues;
    let every = positions.length === fixed.length;
    for (let q = 0; q < positions.length && every; q++) every = positions[q] === q;
    if (every) {
      // Noise on every entry (all of B in the reference networks): the fixed values become the scales
      // as they are and the fixed part is a new array of zeros, instead of copying a million values
      // and clearing them one by one.
      this.fixedValues = new Float64Array(fixed.length);
      this.bulk.push({ positions, scale: fixed, sigma });
      return this;
    }
    const scale = new Float64Array(positions.length);
    for (let q = 0; q < positions.length; q++) {
      const p = positions[q]!;
      if (p < 0 || p >= fixed.length) throw new LcaMatrixError('LCA_ERR_DIMENSION', `position ${p} outside the pattern`);
      scale[q] = fixed[p]!;
      fixed[p] = 0;
    }
    this.bulk.push({ positions, scale, sigma });
    return this;
  }

  /** Write one sample of every value into `out` (same length as the pattern). */
  sample(rng: Xoshiro128, out: Float64Array): Float64Array {
    return this.draw(rng, out, false);
  }

  /**
   * `sample` into an `out` that holds this plan's previous sample, changed since at most where a
   * value is written every time anyway (a sampled or a parameterised position): the same values as
   * `sample`. When every sampled value is one draw over a zero fixed part, the rest is already in
   * place and is not written again (A's diagonal in the bench networks: 50,000 scattered writes per
   * Monte Carlo iteration at n = 50,000).
   */
  resample(rng: Xoshiro128, out: Float64Array): Float64Array {
    return this.draw(rng, out, true);
  }

  private draw(rng: Xoshiro128, out: Float64Array, restInPlace: boolean): Float64Array {
    const pk = (this.packed ??= this.pack());
    const z = pk.z;
    if (pk.fixedRest && pk.commonSigma !== undefined) {
      // Each sampled value is one draw over a zero fixed part (the bench networks' noise on A's
      // off-diagonal): the draws are written, not added, and only the rest is copied from the fixed
      // part. Copying all of it first and adding would pass over the whole matrix twice more.
      if (!restInPlace) {
        const { positions, values } = pk.fixedRest;
        for (let q = 0; q < positions.length; q++) out[positions[q]!] = values[q]!;
      }
      addLognormalNoise(rng, pk.logPositions, pk.logScale, pk.commonSigma, out, true);
      return out;
    }
    out.set(this.fixed);
    if (pk.logPositions.length && pk.commonSigma !== undefined) {
      addLognormalNoise(rng, pk.logPositions, pk.logScale, pk.commonSigma, out);
    } else if (pk.logPositions.length) {
      const { logPositions: pos, logScale: scale, logSigma: sigma } = pk;
      fillStandardNormal(rng, z, 0, pos.length);
      for (let q = 0; q < pos.length; q++) {
        const p = pos[q]!;
        out[p] = out[p]! + scale[q]! * Math.exp(sigma[q]! * z[q]!);
      }
    }
    if (pk.normPositions.length) {
      const { normPositions: pos, normMean: mu, normSd: sd } = pk;
      fillStandardNormal(rng, z, 0, pos.length);
      for (let q = 0; q < pos.length; q++) {
        const p = pos[q]!;
        out[p] = out[p]! + mu[q]! + sd[q]! * z[q]!;
      }
    }
    for (const { position, distribution, sign } of this.other) out[position] = out[position]! + sign * sample(distribution, rng);
    return out;
  }

  /** True when every value is one lognormal draw with a common σ, drawn in storage order: `sampleTimes` applies. */
  drawsInStorageOrder(): boolean {
    return (this.packed ??= this.pack()).storageOrder;
  }

  /**
   * y = (one sample of the matrix) · x, the sample drawn as `sample` would draw it but never written
   * (`lognormalTimes`): only for plans where `drawsInStorageOrder()` holds.
   */
  sampleTimes(rng: Xoshiro128, matrix: CsrMatrix, x: Float64Array, y: Float64Array): Float64Array {
    if (!this.drawsInStorageOrder()) throw new Error('sampleTimes needs every value drawn once, in storage order, with one σ');
    const pk = this.packed!;
    return lognormalTimes(rng, matrix, pk.logScale, pk.commonSigma!, x, y);
  }

  private pack(): Packed {
    const count = this.logPositions.length + this.bulk.reduce((n, b) => n + b.positions.length, 0);
    // Plain loops and no copies or scratch arrays that are not needed: a plan is packed once per
    // Monte Carlo run, and at a million entries that cost as much as several iterations' draws.
    let commonSigma: number | undefined = this.logSigma.length ? this.logSigma[0] : this.bulk[0]?.sigma;
    for (const s of this.logSigma) if (s !== commonSigma) commonSigma = undefined;
    for (const b of this.bulk) if (b.sigma !== commonSigma) commonSigma = undefined;
    let logPositions: Int32Array;
    let logScale: Float64Array;
    let logSigma: Float64Array | undefined;
    const only = this.bulk.length === 1 && this.logPositions.length === 0 ? this.bulk[0]! : undefined;
    if (only) {
      // One block of noise (its arrays are the plan's own copies): used as it is.
      logPositions = only.positions;
      logScale = only.scale;
    } else {
      logPositions = new Int32Array(count);
      logScale = new Float64Array(count);
      logPositions.set(this.logPositions);
      logScale.set(this.logScale);
      if (commonSigma === undefined) logSigma = new Float64Array(count);
      logSigma?.set(this.logSigma);
      let at = this.logPositions.length;
      for (const b of this.bulk) {
        logPositions.set(b.positions, at);
        logScale.set(b.scale, at);
        logSigma?.fill(b.sigma, at, at + b.positions.length);
        at += b.positions.length;
      }
    }
    // Every position drawn once, in storage order, over a zero fixed part (noise on all of B): one pass
    // decides it, without the bookkeeping of `restOfOnceDrawnValues` (two more passes at a million entries).
    const fixed = this.fixedValues;
    let inStorageOrder = count === fixed.length && this.normPositions.length === 0 && this.other.length === 0;
    for (let q = 0; q < count && inStorageOrder; q++) if (logPositions[q] !== q || fixed[q] !== 0) inStorageOrder = false;
    const fixedRest = inStorageOrder ? { positions: new Int32Array(0), values: new Float64Array(0) } : this.restOfOnceDrawnValues(logPositions);
    const needsZ = (count > 0 && commonSigma === undefined) || this.normPositions.length > 0;
    return {
      logPositions,
      logScale,
      logSigma: logSigma ?? new Float64Array(0),
      normPositions: Int32Array.from(this.normPositions),
      normMean: Float64Array.from(this.normMean),
      normSd: Float64Array.from(this.normSd),
      z: new Float64Array(needsZ ? Math.max(count, this.normPositions.length) : 0),
      commonSigma,
      fixedRest,
      storageOrder: inStorageOrder && commonSigma !== undefined,
    };
  }

  /**
   * When every sampled value is a single lognormal draw at a position whose fixed part is 0: the
   * positions that are not sampled, with their fixed values (empty when every value is sampled).
   */
  private restOfOnceDrawnValues(logPositions: Int32Array): { positions: Int32Array; values: Float64Array } | undefined {
    if (this.normPositions.length || this.other.length) return undefined;
    const { fixed } = this;
    const seen = new Uint8Array(fixed.length);
    for (let q = 0; q < logPositions.length; q++) {
      const p = logPositions[q]!;
      if (seen[p] || fixed[p] !== 0) return undefined;
      seen[p] = 1;
    }
    const positions = new Int32Array(fixed.length - logPositions.length);
    const values = new Float64Array(positions.length);
    for (let p = 0, k = 0; p < fixed.length; p++) {
      if (seen[p]) continue;
      positions[k] = p;
      values[k++] = fixed[p]!;
    }
    return { positions, values };
  }
}

interface Packed {
  logPositions: Int32Array;
  logScale: Float64Array;
  /** Per entry (empty when `commonSigma` is set). */
  logSigma: Float64Array;
  normPositions: Int32Array;
  normMean: Float64Array;
  normSd: Float64Array;
  z: Float64Array;
  /** Set when every lognormal entry has the same σ (the common case of noise on a whole matrix). */
  commonSigma: number | undefined;
  /** Set when each sampled value is one lognormal draw over a zero fixed part: the other positions and their values. */
  fixedRest: { positions: Int32Array; values: Float64Array } | undefined;
  /** Every value is one lognormal draw over a zero fixed part, drawn in storage order with one σ. */
  storageOrder: boolean;
}

/** An exchange as the builders keep it: where it went, its amount, sign and uncertainty. */
interface SampledExchange {
  amount: number;
  input?: boolean;
  uncertainty?: Distribution;
}

/**
 * The plan for a matrix built from exchanges: exchanges without uncertainty form the fixed part; the
 * others are sampled (with an input's sign) and added on top.
 */
export function planFromExchanges(matrix: CsrMatrix, positions: Int32Array, exchanges: readonly SampledExchange[]): SamplingPlan {
  const fixed = new Float64Array(matrix.values.length);
  const plan = new SamplingPlan(fixed);
  exchanges.forEach((e, k) => {
    const p = positions[k]!;
    if (p < 0) return; // dropped (a factor for a flow no process emits)
    const sign = e.input ? -1 : 1;
    if (e.uncertainty) plan.add(p, e.uncertainty, sign);
    else fixed[p] = fixed[p]! + sign * e.amount;
  });
  return plan;
}

/** A plan that leaves every value as it is (no uncertainty). */
export function fixedPlan(matrix: CsrMatrix): SamplingPlan {
  return new SamplingPlan(matrix.values.slice());
}

/** Positions of the off-diagonal entries (which: 'off-diagonal') or of all entries of a matrix. */
export function entryPositions(matrix: CsrMatrix, which: 'all' | 'off-diagonal'): Int32Array {
  const nnz = matrix.rowPtr[matrix.rows]!;
  const out = new Int32Array(nnz);
  if (which === 'all') {
    for (let p = 0; p < nnz; p++) out[p] = p;
    return out;
  }
  let k = 0;
  for (let i = 0; i < matrix.rows; i++) {
    for (let p = matrix.rowPtr[i]!; p < matrix.rowPtr[i + 1]!; p++) if (matrix.colIdx[p] !== i) out[k++] = p;
  }
  return out.slice(0, k);
}

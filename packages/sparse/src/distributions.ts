/**
 * @module distributions — the four uncertainty distributions of LCA data, sampled from a seeded stream.
 *
 * Parameters follow the ecoinvent / Brightway conventions: a lognormal is given by the mean `mu` and
 * standard deviation `sigma` of ln(x) (so exp(mu) is the geometric mean, usually the deterministic
 * amount); a triangular by its minimum, mode and maximum.
 */
import { fillStandardNormal, standardNormal } from './normal.js';
import type { Xoshiro128 } from './random.js';

export type Distribution =
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  | { kind: 'uniform'; min: number; max: number };

/** Thrown for parameters that describe no distribution (negative spread, min above max, …). */
export class DistributionError extends Error {
  readonly code = 'SPARSE_ERR_DISTRIBUTION';
  constructor(message: string) {
    super(message);
    this.name = 'DistributionError';
  }
}

/** Check a distribution's parameters; returns it unchanged or throws DistributionError. */
export function checkDistribution(d: Distribution): Distribution {
  const finite = (...v: number[]) => v.every(Number.isFinite);
  switch (d.kind) {
    case 'lognormal':
      if (!finite(d.mu, d.sigma) || d.sigma < 0) throw new DistributionError(`lognormal needs finite mu and sigma ≥ 0 (got mu ${d.mu}, sigma ${d.sigma})`);
      return d;
    case 'normal':
      if (!finite(d.mean, d.sd) || d.sd < 0) throw new DistributionError(`normal needs a finite mean and sd ≥ 0 (got mean ${d.mean}, sd ${d.sd})`);
      return d;
    case 'triangular':
      if (!finite(d.min, d.mode, d.max) || !(d.min <= d.mode && d.mode <= d.max)) {
        throw new DistributionError(`triangular needs min ≤ mode ≤ max (got ${d.min}, ${d.mode}, ${d.max})`);
      }
      return d;
    case 'uniform':
      if (!finite(d.min, d.max) || !(d.min <= d.max)) throw new DistributionError(`uniform needs min ≤ max (got ${d.min}, ${d.max})`);
      return d;
  }
}

/** One draw. */
export function sample(d: Distribution, rng: Xoshiro128): number {
  switch (d.kind) {
    case 'lognormal':
      return Math.exp(d.mu + d.sigma * standardNormal(rng));
    case 'normal':
      return d.mean + d.sd * standardNormal(rng);
    case 'triangular':
      return triangular(d.min, d.mode, d.max, rng.next());
    case 'uniform':
      return d.min + (d.max - d.min) * rng.next();
  }
}

/** Fill `out` with independent draws (faster than calling `sample` in a loop for the normal family). */
export function fillSamples(d: Distribution, rng: Xoshiro128, out: Float64Array): Float64Array {
  switch (d.kind) {
    case 'lognormal': {
      fillStandardNormal(rng, out);
      const { mu, sigma } = d;
      for (let k = 0; k < out.length; k++) out[k] = Math.exp(mu + sigma * out[k]!);
      return out;
    }
    case 'normal': {
      fillStandardNormal(rng, out);
      const { mean, sd } = d;
      for (let k = 0; k < out.length; k++) out[k] = mean + sd * out[k]!;
      return out;
    }
    default:
      for (let k = 0; k < out.length; k++) out[k] = sample(d, rng);
      return out;
  }
}

/** Expected value. */
export function mean(d: Distribution): number {
  switch (d.kind) {
    case 'lognormal':
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'normal':
      return d.mean;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'uniform':
      return (d.min + d.max) / 2;
  }
}

/** Variance. */
export function variance(d: Distribution): number {
  switch (d.kind) {
    case 'lognormal': {
      const s2 = d.sigma * d.sigma;
      return (Math.exp(s2) - 1) * Math.exp(2 * d.mu + s2);
    }
    case 'normal':
      return d.sd * d.sd;
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case 'uniform':
      return (d.max - d.min) ** 2 / 12;
  }
}

/** Inverse CDF of the triangular distribution at u ∈ [0, 1). */
function triangular(a: number, c: number, b: number, u: number): number {
  if (b === a) return a;
  const f = (c - a) / (b - a);
  return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
}

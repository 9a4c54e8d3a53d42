import type { DataQuality, Uncertainty } from '@greenlca/schema';
import { normalQuantile } from './normal.js';

/**
 * Distributions as multipliers of the stated value v (x = v × m), so a variant that changes v keeps the
 * relative spread, and a value's draws can be reused across variants.
 */
export type Sampler =
  | { kind: 'lognormal'; sigma: number }
  | { kind: 'normal'; sd: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  | { kind: 'uniform'; min: number; max: number };

/**
 * Pedigree matrix: variance of ln(x) added by each data-quality score 1–5, ecoinvent v3 data quality
 * guideline (Weidema et al. 2013, "Overview and methodology", Table 10.5), in the order reliability,
 * completeness, temporal, geographical, further technological correlation.
 */
export const PEDIGREE_VARIANCES: readonly (readonly number[])[] = [
  [0, 0.0006, 0.002, 0.008, 0.04],
  [0, 0.0001, 0.0006, 0.002, 0.008],
  [0, 0.0002, 0.002, 0.008, 0.04],
  [0, 0.000025, 0.0001, 0.0006, 0.002],
  [0, 0.0006, 0.008, 0.04, 0.12],
];

/** Basic uncertainty when none is given: variance 0.0006 of ln(x) (ecoinvent v3's value for most flows). */
export const DEFAULT_BASIC_VARIANCE = 0.0006;

/**
 * σ of ln(x) from pedigree scores: σ² = σ_b² + Σ σ_i² (ecoinvent v3). GSD = exp(σ); the 95 % interval is
 * [v / GSD², v × GSD²].
 */
export function pedigreeSigma(scores: DataQuality, basicGsd?: number): number {
  const basic = basicGsd === undefined ? DEFAULT_BASIC_VARIANCE : Math.log(basicGsd) ** 2;
  return Math.sqrt(scores.reduce((sum, score, i) => sum + PEDIGREE_VARIANCES[i]![score - 1]!, basic));
}

/**
 * The sampler of an uncertainty on a value `v`, with `bound` reading an absolute bound in v's unit.
 * Absolute bounds become ratios to v; v = 0 gives no spread (a zero stays zero).
 */
export function samplerOf(spec: Uncertainty, v: number, bound: (b: unknown, field: string) => number): Sampler | undefined {
  switch (spec.distribution) {
    case 'lognormal':
      return { kind: 'lognormal', sigma: Math.log(spec.gsd) };
    case 'pedigree':
      return { kind: 'lognormal', sigma: pedigreeSigma(spec.dataQuality as DataQuality, spec.basicGsd) };
    case 'normal': {
      if (v === 0) return undefined;
      const sd = spec.cv !== undefined ? spec.cv * Math.abs(v) : spec.sd !== undefined ? bound(spec.sd, 'sd') : 0;
      return { kind: 'normal', sd: Math.abs(sd / v) };
    }
    case 'triangular': {
      if (v === 0) return undefined;
      const a = bound(spec.min, 'min') / v;
      const b = bound(spec.max, 'max') / v;
      const c = spec.mode === undefined ? 1 : bound(spec.mode, 'mode') / v;
      return { kind: 'triangular', min: Math.min(a, b), mode: c, max: Math.max(a, b) };
    }
    case 'uniform': {
      if (v === 0) return undefined;
      const a = bound(spec.min, 'min') / v;
      const b = bound(spec.max, 'max') / v;
      return { kind: 'uniform', min: Math.min(a, b), max: Math.max(a, b) };
    }
  }
}

/**
 * Multipliers from a stream of n uniforms on [0, 1): draw j is a monotone function of u[j] (inverse
 * CDF), so every distribution on the same stream is driven by the same numbers.
 */
export function multipliers(sampler: Sampler, u: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  // Midpoints keep p strictly inside (0, 1) for the normal quantile.
  const z = (j: number) => normalQuantile(u[j]! + 2 ** -33);
  switch (sampler.kind) {
    case 'lognormal':
      for (let j = 0; j < n; j++) out[j] = Math.exp(sampler.sigma * z(j));
      break;
    case 'normal':
      for (let j = 0; j < n; j++) out[j] = 1 + sampler.sd * z(j);
      break;
    case 'uniform':
      for (let j = 0; j < n; j++) out[j] = sampler.min + (sampler.max - sampler.min) * u[j]!;
      break;
    case 'triangular': {
      const { min: a, mode: c, max: b } = sampler;
      const fc = b === a ? 0 : (c - a) / (b - a);
      for (let j = 0; j < n; j++) {
        const x = u[j]!;
        out[j] = x < fc ? a + Math.sqrt(x * (b - a) * (c - a)) : b - Math.sqrt((1 - x) * (b - a) * (b - c));
      }
      break;
    }
  }
  return out;
}

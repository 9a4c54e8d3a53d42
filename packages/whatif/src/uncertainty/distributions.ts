import type { DataQuality, Uncertainty } from '@greenlca/schema';
import { issue, WhatIfInputError } from '../errors.js';
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

/** Where an uncertainty is written and in what unit its value is, for error messages. */
export interface SpecSite {
  /** JSON pointer of the distribution, e.g. `/uncertainty/parameters/years` or `/inventory/2/uncertainty`. */
  path: string;
  /** The unit bounds are read in ("kWh", "kg"; "" for a pure number). */
  unit?: string;
}

const show = (x: number, unit = '') => `${Number(x.toPrecision(12))}${unit && unit !== 'SI' ? ` ${unit}` : ''}`;

function badDistribution(path: string, message: string, hint: string): WhatIfInputError {
  return new WhatIfInputError([issue('BAD_DISTRIBUTION', path, message, hint)]);
}

/**
 * The sampler of an uncertainty on a value `v`, with `bound` reading an absolute bound in v's unit.
 * Absolute bounds become ratios to v; v = 0 gives no spread (a zero stays zero).
 *
 * Parameters that contradict each other or the stated value are input errors (`BAD_DISTRIBUTION`, at
 * `site.path`), never silently repaired: min above max (uniform, triangular), a triangular mode
 * outside [min, max] (the mode defaults to v, so then v must lie within them), a negative sd, a normal
 * with neither or both of sd and cv.
 */
export function samplerOf(
  spec: Uncertainty, v: number, bound: (b: unknown, field: string) => number, site: SpecSite = { path: '' },
): Sampler | undefined {
  const at = (field: string) => `${site.path}/${field}`;
  const u = site.unit;
  switch (spec.distribution) {
    case 'lognormal':
      return { kind: 'lognormal', sigma: Math.log(spec.gsd) };
    case 'pedigree':
      return { kind: 'lognormal', sigma: pedigreeSigma(spec.dataQuality as DataQuality, spec.basicGsd) };
    case 'normal': {
      if (spec.cv !== undefined && spec.sd !== undefined) {
        throw badDistribution(site.path, 'a normal distribution gives both "sd" and "cv"', 'keep one: "sd" in the value\'s unit, or "cv" as a fraction of the value');
      }
      if (spec.cv === undefined && spec.sd === undefined) {
        throw badDistribution(site.path, 'a normal distribution needs "sd" or "cv"', 'add "sd" (in the value\'s unit) or "cv" (e.g. 0.1 for 10 %)');
      }
      const sd = spec.cv !== undefined ? spec.cv * Math.abs(v) : bound(spec.sd, 'sd');
      if (!(sd >= 0)) throw badDistribution(at('sd'), `the standard deviation ${show(sd, u)} is negative`, `an sd is 0 or more: give ${show(Math.abs(sd), u)}`);
      if (v === 0) return undefined;
      return { kind: 'normal', sd: sd / Math.abs(v) };
    }
    case 'triangular':
    case 'uniform': {
      const min = bound(spec.min, 'min');
      const max = bound(spec.max, 'max');
      if (min > max) {
        throw badDistribution(at('min'), `min ${show(min, u)} is above max ${show(max, u)}`, 'min is the lowest possible value and max the highest: swap them');
      }
      if (spec.distribution === 'uniform') {
        if (v === 0) return undefined;
        const a = min / v;
        const b = max / v;
        return { kind: 'uniform', min: Math.min(a, b), max: Math.max(a, b) };
      }
      const mode = spec.mode === undefined ? v : bound(spec.mode, 'mode');
      if (mode < min || mode > max) {
        throw spec.mode === undefined
          ? badDistribution(site.path, `the stated value ${show(v, u)}, which is the mode when none is given, is outside [min, max] = [${show(min, u)}, ${show(max, u)}]`,
            'give bounds that contain the stated value, or a "mode" within them')
          : badDistribution(at('mode'), `the mode ${show(mode, u)} is outside [min, max] = [${show(min, u)}, ${show(max, u)}]`, 'give a mode between min and max');
      }
      if (v === 0) return undefined;
      // v < 0 (a credit) turns the order of the ratios around.
      const a = min / v;
      const b = max / v;
      return { kind: 'triangular', min: Math.min(a, b), mode: mode / v, max: Math.max(a, b) };
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

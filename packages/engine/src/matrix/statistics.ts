/**
 * @module statistics — summaries of Monte Carlo samples.
 */

export interface SampleStatistics {
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  sd: number;
  /** Percentile (as given, e.g. 2.5) → value. */
  percentiles: Record<string, number>;
}

/**
 * Mean, standard deviation and percentiles of a sample. Percentiles interpolate linearly between order
 * statistics (Hyndman & Fan type 7, the default of numpy and R).
 *
 * @example
 * summarise(Float64Array.of(1, 2, 3, 4), [50]).percentiles['50']; // 2.5
 */
export function summarise(values: Float64Array, percentiles: readonly number[]): SampleStatistics {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i]!;
  mean /= n || 1;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i]! - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const sorted = Float64Array.from(values).sort();
  const out: Record<string, number> = {};
  for (const p of percentiles) out[String(p)] = percentile(sorted, p);
  return { mean, sd, percentiles: out };
}

/** The p-th percentile (0…100) of sorted values. */
export function percentile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = ((n - 1) * Math.min(100, Math.max(0, p))) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

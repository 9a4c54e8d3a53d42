/** Summary of a sample: mean, standard deviation, median and the 5th and 95th percentiles. */
export interface Stats {
  mean: number;
  sd: number;
  median: number;
  p5: number;
  p95: number;
  min: number;
  max: number;
}

/** Linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default). */
function quantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export function summarise(sample: Float64Array): Stats {
  const n = sample.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sample[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sample[i]! - mean) ** 2;
  const sorted = Float64Array.from(sample).sort();
  return {
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    median: quantile(sorted, 0.5),
    p5: quantile(sorted, 0.05),
    p95: quantile(sorted, 0.95),
    min: sorted[0]!,
    max: sorted[n - 1]!,
  };
}

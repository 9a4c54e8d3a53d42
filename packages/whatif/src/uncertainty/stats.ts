import { summarise as sampleStatistics } from '@greenlca/engine/matrix';

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

/** The engine's sample statistics in what-if's shape (the 0th and 100th percentiles are min and max). */
export function summarise(sample: Float64Array): Stats {
  const { mean, sd, percentiles: p } = sampleStatistics(sample, [0, 5, 50, 95, 100]);
  return { mean, sd, median: p['50']!, p5: p['5']!, p95: p['95']!, min: p['0']!, max: p['100']! };
}

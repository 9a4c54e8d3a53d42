import type { FactorLibrary } from '@greenlca/engine';
import type { Product } from '@greenlca/schema';
import type { ModelOptions } from './model/types.js';
import { sensitivityOfModel, type SensitivityResult } from './sensitivity.js';
import { monteCarlo, type UncertaintyResult } from './uncertainty/monte-carlo.js';
import { baseModel } from './variants.js';

export interface ReportAnalysesOptions extends ModelOptions {
  /** Monte Carlo runs (default 1000; 0: no Monte Carlo). */
  runs?: number;
  /** Seed of the random streams (default 1). */
  seed?: number;
  /** Default sensitivity range, ± percent of each input (default 10). */
  percent?: number;
}

/**
 * The analyses a carbon-footprint report states (ISO 14067 asks for uncertainty and sensitivity): a
 * seeded Monte Carlo of the product as stated (no scenarios) and the one-at-a-time tornado, the CLI and
 * the API alike. Pure; bounded by the caller's runs.
 */
export function reportAnalyses(product: Product, library: FactorLibrary, options: ReportAnalysesOptions = {}): { uncertainty?: UncertaintyResult; sensitivity: SensitivityResult } {
  const { runs = 1000, seed = 1, percent = 10, ...model } = options;
  const sensitivity = sensitivityOfModel(baseModel(product, library, model), { percent });
  if (runs === 0) return { sensitivity };
  return { uncertainty: monteCarlo(product, library, { ...model, runs, seed, scenarios: [] }), sensitivity };
}

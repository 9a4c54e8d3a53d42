import type { FactorLibrary } from '@greenlca/engine';
import { STAGES, type GwpSet, type Product, type Stage } from '@greenlca/schema';
import { EXACT_ZERO, type Exact } from './model/exact.js';
import type { ModelOptions, WhatIfModel } from './model/types.js';
import { exactTotals } from './model/view.js';
import { BASELINE } from './scenario/apply.js';
import { baseModel, compileVariants, type ScenarioSelection } from './variants.js';

export interface Footprint {
  total: { kgCO2e: number };
  byStage: Record<Stage, { kgCO2e: number }>;
}

/** A difference from the baseline: variant − baseline, and as a percentage of the baseline (null when the baseline is 0). */
export interface Delta {
  kgCO2e: number;
  percent: number | null;
}

export interface VariantComparison extends Footprint {
  id: string;
  name: string;
  description?: string;
  gwp: GwpSet;
  delta: { total: Delta; byStage: Record<Stage, Delta> };
}

export interface Comparison {
  product: { id: string; name: string; functionalUnit: Product['functionalUnit'] };
  baseline: Footprint & { id: typeof BASELINE; name: string; gwp: GwpSet };
  variants: VariantComparison[];
}

export interface CompareOptions extends ModelOptions {
  /** Scenario ids of the product, or scenarios given here; default: all of the product's. */
  scenarios?: ScenarioSelection;
}

function footprint(model: WhatIfModel): Footprint & { exact: { total: Exact; byStage: Readonly<Record<Stage, Exact>> } } {
  const exact = exactTotals(model);
  return {
    total: { kgCO2e: exact.total.toNumber() },
    byStage: Object.fromEntries(STAGES.map((s) => [s, { kgCO2e: exact.byStage[s].toNumber() }])) as Footprint['byStage'],
    exact,
  };
}

/** variant − base, exactly, and the change in percent of the base. */
export function delta(variant: Exact, base: Exact): Delta {
  const d = variant.minus(base);
  return { kgCO2e: d.toNumber(), percent: base.isZero() ? (d.isZero() ? 0 : null) : d.div(base).times(100).toNumber() };
}

/**
 * Compare the product with its scenarios side by side: totals and per-stage figures for each, and
 * each variant's difference from the baseline, absolute and in percent. Differences are taken on the
 * exact sums. The base product must be valid (`parseProduct`).
 *
 * @example
 * const c = compareScenarios(product, library);
 * c.variants[0].delta.total.percent; // -12.5
 */
export function compareScenarios(product: Product, library: FactorLibrary, options: CompareOptions = {}): Comparison {
  const base = baseModel(product, library, options);
  return compareModels(base, options.scenarios);
}

/** `compareScenarios` from an already compiled base model (the UI keeps one per edit). */
export function compareModels(base: WhatIfModel, selection?: ScenarioSelection): Comparison {
  const b = footprint(base);
  const product = base.product;
  const variants = compileVariants(base, selection).map(({ scenario, model }) => {
    const v = footprint(model);
    const out: VariantComparison = {
      id: scenario.id,
      name: scenario.name,
      gwp: model.gwp,
      total: v.total,
      byStage: v.byStage,
      delta: {
        total: delta(v.exact.total, b.exact.total),
        byStage: Object.fromEntries(STAGES.map((s) => [s, delta(v.exact.byStage[s] ?? EXACT_ZERO, b.exact.byStage[s])])) as Record<Stage, Delta>,
      },
    };
    if (scenario.description !== undefined) out.description = scenario.description;
    return out;
  });
  return {
    product: { id: product.id, name: product.name, functionalUnit: product.functionalUnit },
    baseline: { id: BASELINE, name: 'Baseline', gwp: base.gwp, total: b.total, byStage: b.byStage },
    variants,
  };
}

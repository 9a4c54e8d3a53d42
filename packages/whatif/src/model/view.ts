import type { InventoryRow } from '@greenlca/engine';
import { STAGES, type Stage } from '@greenlca/schema';
import { addFixed, exactOf, numberOfFixed, shownNumber, type Exact } from './exact.js';
import { inventoryView, type ModelInventory } from './inventory.js';
import { rowKg } from './sums.js';
import type { ModelImpacts } from './impacts-view.js';
import type { NodeState, WhatIfModel } from './types.js';

export type { ModelCategory } from './impacts-view.js';

/** Totals of a model as JSON numbers (each the nearest double to the exact sum). */
export interface ModelTotals {
  total: { kgCO2e: number; fossilKgCO2e: number; biogenicKgCO2e: number; notSplitKgCO2e: number };
  byStage: Record<Stage, { kgCO2e: number }>;
}

export function modelTotals(model: WhatIfModel): ModelTotals {
  const kg = model.sums.byStage;
  const total = kg.total;
  return {
    // The engine's origin split (impact/origin.ts): fossil and biogenic by factor, the rest not split by origin.
    total: {
      kgCO2e: kg.totalNumber(), fossilKgCO2e: shownNumber(model.sums.fossil), biogenicKgCO2e: shownNumber(model.sums.biogenic),
      notSplitKgCO2e: numberOfFixed(addFixed(addFixed(total, model.sums.fossil, -1), model.sums.biogenic, -1)),
    },
    byStage: Object.fromEntries(STAGES.map((s) => [s, { kgCO2e: kg.stageNumber(s) }])) as ModelTotals['byStage'],
  };
}

/**
 * Every category of the model's impact methods (`ModelOptions.lcia`), method by method, each the
 * nearest double to its exact sum: equal to `calculate(product, library, { lcia })`'s categories'
 * `total` and `byStage`. Kept by difference on each edit, so reading them costs one rounding per
 * changed category total and stage, whatever the size of the product. Do not mutate what this
 * returns: categories an edit did not reach are the same objects as before it.
 */
export function modelImpacts(model: WhatIfModel): ModelImpacts {
  const lcia = model.options.lcia;
  return lcia ? model.sums.categoriesView.of(lcia, model.sums.categories) : [];
}

/**
 * The material, energy and emission inventories of a model built with `ModelOptions.inventory`: each
 * entry's amount, stages (and MJ), and the totals, equal to `calculate(product, library)`'s
 * `inventory` (without each entry's `byComponent` and `lines`). Kept by difference on each edit, so
 * reading them costs one rounding per changed entry. Undefined without the option. Do not mutate.
 */
export function modelInventory(model: WhatIfModel): ModelInventory | undefined {
  return model.sums.inventory ? inventoryView(model.sums.inventory) : undefined;
}

/** Exact totals, for differences that must not lose digits. */
export function exactTotals(model: WhatIfModel): { total: Exact; byStage: Readonly<Record<Stage, Exact>> } {
  const kg = model.sums.byStage;
  const stages = kg.byStage;
  return { total: exactOf(kg.total), byStage: Object.fromEntries(STAGES.map((s) => [s, exactOf(stages[s])])) as Record<Stage, Exact> };
}

/** Every row in the engine's order: the bill of materials depth first, then the inventory lines. */
export function modelRows(model: WhatIfModel): InventoryRow[] {
  const out: InventoryRow[] = [];
  const walk = (list: readonly NodeState[]) => {
    for (const n of list) {
      out.push(...n.rows);
      walk(n.children);
    }
  };
  walk(model.roots);
  out.push(...model.lineRows);
  return out;
}

/** A row with its exact contribution. */
export interface ModelLine {
  row: InventoryRow;
  kgCO2e: Exact;
}

/** Rows with their contributions, largest first (by absolute size). */
export function rankedLines(model: WhatIfModel): ModelLine[] {
  return modelRows(model)
    .map((row) => ({ row, kgCO2e: rowKg(row) }))
    .sort((a, b) => b.kgCO2e.abs().comparedTo(a.kgCO2e.abs()) || (a.row.path < b.row.path ? -1 : 1));
}

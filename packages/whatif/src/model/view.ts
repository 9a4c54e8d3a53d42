import type { InventoryRow } from '@greenlca/engine';
import { STAGES, type Stage } from '@greenlca/schema';
import type { Exact } from './exact.js';
import { rowKg, totalOf } from './sums.js';
import type { NodeState, WhatIfModel } from './types.js';

/** Totals of a model as JSON numbers (each the nearest double to the exact sum). */
export interface ModelTotals {
  total: { kgCO2e: number; fossilKgCO2e: number; biogenicKgCO2e: number };
  byStage: Record<Stage, { kgCO2e: number }>;
}

export function modelTotals(model: WhatIfModel): ModelTotals {
  const total = totalOf(model.sums);
  return {
    total: { kgCO2e: total.toNumber(), fossilKgCO2e: total.minus(model.sums.biogenic).toNumber(), biogenicKgCO2e: model.sums.biogenic.toNumber() },
    byStage: Object.fromEntries(STAGES.map((s) => [s, { kgCO2e: model.sums.byStage[s].toNumber() }])) as ModelTotals['byStage'],
  };
}

/** Exact totals, for differences that must not lose digits. */
export function exactTotals(model: WhatIfModel): { total: Exact; byStage: Readonly<Record<Stage, Exact>> } {
  return { total: totalOf(model.sums), byStage: model.sums.byStage };
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

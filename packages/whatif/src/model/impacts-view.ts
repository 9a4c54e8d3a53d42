import type { Lcia } from '@greenlca/engine';
import { STAGES, type Stage } from '@greenlca/schema';
import type { StageSums } from './stage-sums.js';

/** One impact category's total and stages, as `calculate(…, { lcia })` gives them (stages with 0 left out). */
export interface ModelCategory {
  id: string;
  total: number;
  byStage: Partial<Record<Stage, number>>;
}

export type ModelImpacts = { method: string; categories: ModelCategory[] }[];

/**
 * The categories as shown, kept by difference: a view is made once per categories array (an edit
 * makes a new array only when it reaches a category), and when the view of the array an edit started
 * from was made, the new one is that view with only the changed categories shown again.
 */
const shown = new WeakMap<readonly StageSums[], ModelImpacts>();
/** For an edit's categories: the view of those it started from, and the indices it changed. */
const edits = new WeakMap<readonly StageSums[], { from: ModelImpacts; changed: readonly number[] }>();

/** Called with each edit that changed some categories (`changed`: their indices) from `base` to `next`. */
export function categoriesEdited(base: readonly StageSums[], next: readonly StageSums[], changed: readonly number[]): void {
  const from = shown.get(base);
  if (from) edits.set(next, { from, changed });
}

/** Method and position of each flattened category index (the order of ModelCategories' list). */
const placesByLcia = new WeakMap<Lcia, { method: number; at: number; id: string }[]>();
function places(lcia: Lcia): { method: number; at: number; id: string }[] {
  let out = placesByLcia.get(lcia);
  if (!out) {
    out = lcia.methods.flatMap((m, method) => m.categories.map((c, at) => ({ method, at, id: c.id })));
    placesByLcia.set(lcia, out);
  }
  return out;
}

function categoryView(id: string, sums: StageSums): ModelCategory {
  const byStage: Partial<Record<Stage, number>> = {};
  for (const s of STAGES) if (!sums.isZero(s)) byStage[s] = sums.stageNumber(s);
  return { id, total: sums.totalNumber(), byStage };
}

/** The categories of `lcia` with the given sums (ModelCategories order), as shown. Do not mutate. */
export function impactsView(lcia: Lcia, categories: readonly StageSums[]): ModelImpacts {
  const cached = shown.get(categories);
  if (cached) return cached;
  const at = places(lcia);
  const edit = edits.get(categories);
  let out: ModelImpacts;
  if (edit) {
    out = edit.from.slice();
    for (const k of edit.changed) {
      const p = at[k]!;
      const before = edit.from[p.method]!;
      if (out[p.method] === before) out[p.method] = { method: before.method, categories: before.categories.slice() };
      out[p.method]!.categories[p.at] = categoryView(p.id, categories[k]!);
    }
  } else {
    out = lcia.methods.map((m) => ({ method: m.id, categories: [] }));
    at.forEach((p, k) => out[p.method]!.categories.push(categoryView(p.id, categories[k]!)));
  }
  shown.set(categories, out);
  return out;
}

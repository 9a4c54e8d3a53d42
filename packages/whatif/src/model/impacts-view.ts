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
 * The categories as shown, kept by difference: made once per categories array (an edit makes a new
 * array only when it reaches a category, and keeps this object with the array otherwise). When the
 * view of the array an edit started from was made, the new one is that view with only the changed
 * categories shown again. Only the view is kept, not the sums it came from, so views do not chain.
 */
export class CategoriesView {
  view: ModelImpacts | undefined = undefined;

  /** `from`: the view of the categories an edit started from, if made; `changed`: the indices it changed. */
  constructor(private from?: ModelImpacts, private readonly changed: readonly number[] = []) {}

  /** The view of `categories` after `changed`, starting from this one's (if it was made). */
  edited(changed: readonly number[]): CategoriesView {
    return new CategoriesView(this.view, changed);
  }

  /** The categories of `lcia` with the given sums (ModelCategories order), as shown. Do not mutate. */
  of(lcia: Lcia, categories: readonly StageSums[]): ModelImpacts {
    if (this.view) return this.view;
    const at = places(lcia);
    const from = this.from;
    let out: ModelImpacts;
    if (from) {
      out = from.slice();
      for (const k of this.changed) {
        const p = at[k]!;
        const before = from[p.method]!;
        if (out[p.method] === before) out[p.method] = { method: before.method, categories: before.categories.slice() };
        out[p.method]!.categories[p.at] = categoryView(p.id, categories[k]!);
      }
    } else {
      out = lcia.methods.map((m) => ({ method: m.id, categories: [] }));
      for (let k = 0; k < at.length; k++) out[at[k]!.method]!.categories.push(categoryView(at[k]!.id, categories[k]!));
    }
    this.from = undefined;
    return (this.view = out);
  }
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

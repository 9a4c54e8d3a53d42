/**
 * @module method — an impact method (methods as data, prepared by `prepareMethod`, which applies the
 * method file's fallback rule) as characterisation factors over a biosphere's rows. Written once for
 * every caller: a biosphere whose rows are the project's elementary flows, or rows of another flow
 * list (an openLCA package) mapped onto them with a scale (unit conversion and direction sign).
 */
import type { PreparedMethod } from '../impact/method.js';
import { buildCharacterisation, type CategorySpec, type Characterisation, type CharacterisationFactor } from './characterisation.js';
import type { IndexMap, Id } from './index-map.js';

/** A biosphere row as one of the project's elementary flows: `amount of flow = scale × row amount`. */
export interface RowFlow {
  row: Id;
  flow: string;
  scale?: number;
}

export interface MethodCharacterisation {
  characterisation: Characterisation;
  categories: CategorySpec[];
  /** Per category (same order), how many rows got a factor by each rule of the method's fallback. */
  rules: Record<'exact' | 'broader compartment' | 'generic substance', number>[];
}

/**
 * The factors of every category of `method` for the rows given, and C built against `flows` (the
 * biosphere's row map). Rows without a factor in a category are left out of it (no factor is not 0:
 * the caller reports coverage). Categories are in the method's order, ids as in the method file.
 *
 * @example
 * const { characterisation } = methodCharacterisation(biosphere.flows, prepareMethod(ef31, indexFlows(list)),
 *   biosphere.flows.ids().map((id) => ({ row: id, flow: String(id) })));
 */
export function methodCharacterisation(flows: IndexMap, method: PreparedMethod, rows: readonly RowFlow[]): MethodCharacterisation {
  const factors: CharacterisationFactor[] = [];
  const categories: CategorySpec[] = method.categories.map((c) => ({ id: c.id, name: c.name.en }));
  const rules = method.categories.map((category) => {
    const count = { exact: 0, 'broader compartment': 0, 'generic substance': 0 };
    for (const r of rows) {
      const f = category.factorOf(r.flow);
      if (!f) continue;
      const value = f.value.toNumber() * (r.scale ?? 1);
      if (value === 0) continue;
      count[f.rule]++;
      factors.push({ category: category.id, flow: r.row, factor: value });
    }
    return count;
  });
  return { characterisation: buildCharacterisation(flows, factors, categories), categories, rules };
}

import { categoryPerUnit, type CharacterisedFactor, type FactorLibrary, type Lcia, type PreparedCategory } from '@greenlca/engine';
import { fixedOfDecimal, type Fixed } from './exact.js';

/**
 * The impact categories a model keeps sums for: every category of every method of `ModelOptions.lcia`,
 * in order. A factor's value per unit in each is the engine's own (`categoryPerUnit`), so the model's
 * category totals are the engine's Σ amount × per-unit value, kept by difference like the CO2e totals.
 */
export interface ModelCategories {
  readonly lcia: Lcia;
  /** Flattened: method by method, category by category. */
  readonly list: readonly { method: string; category: PreparedCategory }[];
  /** (category index, value per unit) for each category the factor adds to. */
  perUnit(value: CharacterisedFactor): readonly (readonly [number, Fixed])[];
}

const made = new WeakMap<Lcia, WeakMap<FactorLibrary['substance'], ModelCategories>>();

export function modelCategories(lcia: Lcia, library: FactorLibrary): ModelCategories {
  let byLookup = made.get(lcia);
  if (!byLookup) made.set(lcia, (byLookup = new WeakMap()));
  const existing = byLookup.get(library.substance);
  if (existing) return existing;
  const list = lcia.methods.flatMap((m) => m.categories.map((category) => ({ method: m.id, category })));
  const cache = new WeakMap<CharacterisedFactor, [number, Fixed][]>();
  const lookup = (id: string) => library.substance(id);
  const categories: ModelCategories = {
    lcia,
    list,
    perUnit(value) {
      let out = cache.get(value);
      if (!out) {
        out = [];
        list.forEach(({ category }, k) => {
          const q = categoryPerUnit(category, value, lcia, lookup);
          if (q) out!.push([k, fixedOfDecimal(q)]);
        });
        cache.set(value, out);
      }
      return out;
    },
  };
  byLookup.set(library.substance, categories);
  return categories;
}

import type { Factor, FactorDataset, Substance, SubstanceDataset } from '@greenlca/schema';
import type { FlowIndex } from '../impact/method.js';
import { regionMap, type RegionGroup, type RegionMap } from './region.js';

/** A bundled factor together with the dataset it belongs to. */
export interface LibraryFactor {
  /** Full id: `<dataset>/<factor>`. */
  id: string;
  factor: Factor;
  dataset: FactorDataset;
}

/** What a calculation looks factors and substances up in. Built once, shared by every calculation. */
export interface FactorLibrary {
  factor(id: string): LibraryFactor | undefined;
  substance(nameOrAlias: string): Substance | undefined;
  factorIds(): IterableIterator<string>;
  substanceNames(): string[];
  readonly factorDatasets: readonly FactorDataset[];
  readonly substances: SubstanceDataset;
  /**
   * The elementary-flow list, for products that name flows (a direct emission of
   * `air/unspecified/sulfur-dioxide`, a custom factor's `flows`). Large, so attached only when needed:
   * see `needsElementaryFlows` and `withFlows`.
   */
  readonly flows?: FlowIndex;
  /** Regions made of others that their codes do not show (grids and their provinces), for the region check. */
  readonly regions?: RegionMap;
}

/** The same library with the elementary-flow list attached. */
export function withFlows(library: FactorLibrary, flows: FlowIndex): FactorLibrary {
  return { ...library, flows };
}

/**
 * The same library with more factor datasets beside its own (an organisation's datasets beside the
 * bundled ones), without rebuilding it: look-ups try the added datasets first, then the library.
 * A dataset id the library already has, or one given twice, is refused: a factor id names one factor.
 */
export function withDatasets(library: FactorLibrary, datasets: readonly FactorDataset[]): FactorLibrary {
  if (!datasets.length) return library;
  const taken = new Set(library.factorDatasets.map((d) => d.id));
  const added = new Map<string, LibraryFactor>();
  for (const dataset of datasets) {
    if (taken.has(dataset.id)) throw new Error(`dataset id ${dataset.id} is already in the library`);
    taken.add(dataset.id);
    for (const factor of dataset.factors) {
      const id = `${dataset.id}/${factor.id}`;
      if (added.has(id)) throw new Error(`factor id ${id} appears twice in dataset ${dataset.id}`);
      added.set(id, { id, factor, dataset });
    }
  }
  return {
    ...library,
    factor: (id) => added.get(id) ?? library.factor(id),
    factorIds: function* () {
      yield* library.factorIds();
      yield* added.keys();
    },
    factorDatasets: [...library.factorDatasets, ...datasets],
  };
}

/** Substance look-ups ignore case, spaces, dashes and dots: "HFC-134a" = "hfc134a" = "R-134a" alias. */
export function substanceKey(name: string): string {
  return name.toLowerCase().replace(/[\s\-_.,()]/g, '');
}

/**
 * `regions`: grids and the provinces they cover (bundledRegions of @greenlca/datasets); without them a
 * grid factor is judged by its code alone, so a province product on its own grid is flagged too.
 */
export function createLibrary(factorDatasets: readonly FactorDataset[], substances: SubstanceDataset, regions: readonly RegionGroup[] = []): FactorLibrary {
  const factors = new Map<string, LibraryFactor>();
  for (const dataset of factorDatasets) {
    for (const factor of dataset.factors) {
      const id = `${dataset.id}/${factor.id}`;
      if (factors.has(id)) throw new Error(`factor id ${id} appears twice in the bundled datasets`);
      factors.set(id, { id, factor, dataset });
    }
  }
  const byKey = new Map<string, Substance>();
  for (const s of substances.substances) {
    for (const name of [s.id, ...s.aliases, ...(s.cas ? [s.cas] : []), ...(s.formula ? [s.formula] : []), s.name.en, ...(s.name.zh ? [s.name.zh] : [])]) {
      const key = substanceKey(name);
      // The canonical id wins over another substance's alias with the same spelling.
      if (!byKey.has(key) || substanceKey(s.id) === key) byKey.set(key, s);
    }
  }
  return {
    factor: (id) => factors.get(id),
    substance: (name) => byKey.get(substanceKey(name)),
    factorIds: () => factors.keys(),
    substanceNames: () => substances.substances.map((s) => s.id),
    factorDatasets,
    substances,
    regions: regionMap(regions),
  };
}

/**
 * The bundled datasets loaded per use: each factor dataset is a separate dynamic import (a chunk under
 * Vite, a JSON module read on first use under Node), so a caller that needs two of the five datasets does
 * not parse the other megabytes (USLCI alone is 5 MB). The impact methods and the flow list are lazy in
 * lcia.ts already and re-exported here, so this entry point loads no data at import time; `index.ts`
 * keeps the eager `bundledFactorDatasets` for callers that want everything at once.
 *
 * @example
 * const datasets = await loadFactorDatasets(factorDatasetsReferenced(product));
 * const library = createLibrary(datasets, await loadSubstances(), await loadRegions());
 */
import type { RegionGroup } from '@greenlca/engine';
import type { FactorDataset, SubstanceDataset } from '@greenlca/schema';

/** Factor dataset ids in the order of `bundledFactorDatasets` (a factor's full id is `<dataset id>/<factor id>`). */
export const FACTOR_DATASET_IDS = ['desnz-2025', 'epa-hub-2025', 'cn-mee', 'ember', 'uslci-fy17'] as const;
export type FactorDatasetId = (typeof FACTOR_DATASET_IDS)[number];

const loaders: Record<FactorDatasetId, () => Promise<{ default: unknown }>> = {
  'desnz-2025': () => import('../factors/desnz-2025.json', { with: { type: 'json' } }),
  'epa-hub-2025': () => import('../factors/epa-hub-2025.json', { with: { type: 'json' } }),
  'cn-mee': () => import('../factors/cn-mee.json', { with: { type: 'json' } }),
  ember: () => import('../factors/ember.json', { with: { type: 'json' } }),
  'uslci-fy17': () => import('../factors/uslci-fy17.json', { with: { type: 'json' } }),
};

const cache = new Map<FactorDatasetId, Promise<FactorDataset>>();
let substances: Promise<SubstanceDataset> | undefined;

/** The named factor datasets (every one when `ids` is left out), in FACTOR_DATASET_IDS order, each loaded once. */
export function loadFactorDatasets(ids: readonly FactorDatasetId[] = FACTOR_DATASET_IDS): Promise<FactorDataset[]> {
  const wanted = FACTOR_DATASET_IDS.filter((id) => ids.includes(id));
  return Promise.all(wanted.map((id) => {
    let p = cache.get(id);
    if (!p) cache.set(id, (p = loaders[id]().then((m) => m.default as FactorDataset)));
    return p;
  }));
}

/** IPCC GWP100 (AR4, AR5, AR6) of gases and refrigerant blends, loaded once. */
export function loadSubstances(): Promise<SubstanceDataset> {
  return (substances ??= import('../substances/ipcc-gwp.json', { with: { type: 'json' } }).then((m) => m.default as SubstanceDataset));
}

let regions: Promise<readonly RegionGroup[]> | undefined;

/** Regions made of others (China's regional grids and their provinces), loaded once: `bundledRegions`. */
export function loadRegions(): Promise<readonly RegionGroup[]> {
  return (regions ??= import('../regions/cn-power-grids.json', { with: { type: 'json' } }).then((m) => (m.default as { regions: RegionGroup[] }).regions));
}

/**
 * The factor datasets a document names: every string in it of the form `<dataset id>/…` (factor ids are
 * only ever written that way). Walks the parsed JSON once; strings that name no bundled dataset are
 * ignored, so a caller that must report unknown factors helpfully should load everything for that.
 */
export function factorDatasetsReferenced(document: unknown): FactorDatasetId[] {
  const found = new Set<FactorDatasetId>();
  const known = new Set<string>(FACTOR_DATASET_IDS);
  const stack: unknown[] = [document];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string') {
      const slash = value.indexOf('/');
      const prefix = slash > 0 ? value.slice(0, slash) : '';
      if (known.has(prefix)) found.add(prefix as FactorDatasetId);
    } else if (value && typeof value === 'object') {
      // One push per item: spreading a million-item array into push() would overflow the call stack.
      for (const item of Array.isArray(value) ? value : Object.values(value)) stack.push(item);
    }
  }
  return FACTOR_DATASET_IDS.filter((id) => found.has(id));
}

export { methods, elementaryFlows, METHOD_IDS, bundledLcia, bundledFlowIndex, UnknownMethodError, type MethodId } from './lcia.js';

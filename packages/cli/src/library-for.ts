import { factorDatasetsReferenced, FACTOR_DATASET_IDS, loadFactorDatasets, loadRegions, loadSubstances } from '@greenlca/datasets/lazy';
import { createLibrary, type FactorLibrary } from '@greenlca/engine';

/**
 * A factor library with only the bundled datasets a product names (the kettle needs two of five; USLCI
 * alone is 5 MB of JSON), for one-shot commands where loading is most of the time. `complete` says
 * whether every dataset is in it: a caller whose calculation fails on such a library should calculate
 * again with `fullLibrary()`, so messages about unknown factors look for a near match everywhere.
 */
export async function libraryFor(input: unknown): Promise<{ library: FactorLibrary; complete: boolean }> {
  const ids = factorDatasetsReferenced(input);
  const [datasets, substances, regions] = await Promise.all([loadFactorDatasets(ids), loadSubstances(), loadRegions()]);
  return { library: createLibrary(datasets, substances, regions), complete: ids.length === FACTOR_DATASET_IDS.length };
}

/** Every bundled dataset (the same library as `bundledLibrary()`, loaded through the lazy entry point). */
export async function fullLibrary(): Promise<FactorLibrary> {
  const [datasets, substances, regions] = await Promise.all([loadFactorDatasets(), loadSubstances(), loadRegions()]);
  return createLibrary(datasets, substances, regions);
}

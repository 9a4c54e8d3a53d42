/**
 * @module engine/library — the bundled, cited factor datasets, loaded lazily: they are large JSON, so
 * they come as their own chunk after the first paint, and once per page (the worker loads its own).
 */
import { createLibrary, type FactorLibrary } from '@greenlca/engine';

let loading: Promise<FactorLibrary> | undefined;

export function loadLibrary(): Promise<FactorLibrary> {
  loading ??= import('@greenlca/datasets').then((m) => {
    performance.mark('lca:datasets-imported');
    return createLibrary(m.bundledFactorDatasets, m.bundledSubstances, m.bundledRegions);
  });
  return loading;
}

import { bundledFactorDatasets, bundledRegions, bundledSubstances } from '@greenlca/datasets';
import { createLibrary, type FactorLibrary } from '@greenlca/engine';

let library: FactorLibrary | undefined;

/** The bundled, cited factor library (built once per process). */
export function bundledLibrary(): FactorLibrary {
  library ??= createLibrary(bundledFactorDatasets, bundledSubstances, bundledRegions);
  return library;
}

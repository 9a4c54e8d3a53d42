import { bundledFactorDatasets, bundledFlowIndex, bundledRegions, bundledSubstances } from '@greenlca/datasets';
import { createLibrary, needsElementaryFlows, withFlows, type FactorLibrary } from '@greenlca/engine';

let library: FactorLibrary | undefined;
let withFlowList: Promise<FactorLibrary> | undefined;

/** The bundled, cited factor library (built once per process). */
export function bundledLibrary(): FactorLibrary {
  library ??= createLibrary(bundledFactorDatasets, bundledSubstances, bundledRegions);
  return library;
}

/**
 * The bundled library for one input document: with the elementary-flow list attached when the
 * document names flows anywhere (a direct SO2 emission, a factor's `flows`), which every command that
 * calculates needs then; loading that list takes a few hundred ms, so only then.
 */
export function bundledLibraryFor(document: unknown): Promise<FactorLibrary> {
  if (!needsElementaryFlows(document)) return Promise.resolve(bundledLibrary());
  withFlowList ??= bundledFlowIndex().then((flows) => withFlows(bundledLibrary(), flows));
  return withFlowList;
}

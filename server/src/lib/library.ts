import { createLibrary, withFlows, type FactorLibrary } from '@greenlca/engine';
import type { FactorDataset, SubstanceDataset } from '@greenlca/schema';

/** The factor library the API calculates with, plus what it was built from. */
export interface Catalogue {
  library: FactorLibrary;
  factorDatasets: readonly FactorDataset[];
  substances: SubstanceDataset;
}

export function catalogue(factorDatasets: readonly FactorDataset[], substances: SubstanceDataset): Catalogue {
  return { library: createLibrary(factorDatasets, substances), factorDatasets, substances };
}

/**
 * The bundled datasets (@greenlca/datasets), loaded once on first use, with the elementary-flow list
 * attached, so that every route calculates products that name flows (a direct SO2 emission).
 */
export async function bundledCatalogue(): Promise<Catalogue> {
  const { bundledFactorDatasets, bundledSubstances, bundledFlowIndex } = await import('@greenlca/datasets');
  const c = catalogue(bundledFactorDatasets, bundledSubstances);
  return { ...c, library: withFlows(c.library, await bundledFlowIndex()) };
}

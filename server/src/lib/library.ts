import { createLibrary, withFlows, type FactorLibrary, type RegionGroup } from '@greenlca/engine';
import type { FactorDataset, SubstanceDataset } from '@greenlca/schema';

/** The factor library the API calculates with, plus what it was built from. */
export interface Catalogue {
  library: FactorLibrary;
  factorDatasets: readonly FactorDataset[];
  substances: SubstanceDataset;
}

export function catalogue(factorDatasets: readonly FactorDataset[], substances: SubstanceDataset, regions: readonly RegionGroup[] = []): Catalogue {
  return { library: createLibrary(factorDatasets, substances, regions), factorDatasets, substances };
}

/**
 * The bundled datasets (@greenlca/datasets), loaded once on first use, with the elementary-flow list
 * attached, so that every route calculates products that name flows (a direct SO2 emission).
 */
export async function bundledCatalogue(): Promise<Catalogue> {
  const { bundledFactorDatasets, bundledSubstances, bundledFlowIndex, bundledRegions } = await import('@greenlca/datasets');
  const c = catalogue(bundledFactorDatasets, bundledSubstances, bundledRegions);
  return { ...c, library: withFlows(c.library, await bundledFlowIndex()) };
}

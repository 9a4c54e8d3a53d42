import { searchFactors, type FactorHit, type FactorLibrary, type FactorQuery } from '@greenlca/engine';
import { factorVocabulary } from '@greenlca/datasets';

/**
 * Factor search for the API: the engine's one search (the CLI and the web picker call the same), with
 * the bundled vocabulary of synonyms, trade names and rank rules (datasets/search/vocabulary.json).
 */
export function searchCatalogue(library: FactorLibrary, query: Omit<FactorQuery, 'vocabulary'>): FactorHit[] {
  return searchFactors(library, { ...query, vocabulary: factorVocabulary });
}

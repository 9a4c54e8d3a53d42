import type { Factor, FactorCategory } from '@greenlca/schema';
import type { FactorLibrary, LibraryFactor } from './library.js';
import { regionContains } from './region.js';

export interface FactorQuery {
  text?: string;
  /** Keep factors for this region or inside it (CN matches CN-GD and CN-GRID-EAST). */
  region?: string;
  category?: FactorCategory;
  dataset?: string;
  limit?: number;
}

export interface FactorHit {
  id: string;
  score: number;
  factor: Factor;
  dataset: { id: string; version: string; edition: string };
}

function haystack(entry: LibraryFactor): string {
  const f = entry.factor;
  return [entry.id, f.name.en, f.name.zh ?? '', f.category, f.region, String(f.year), ...(f.tags ?? []), f.unit]
    .join(' ')
    .toLowerCase();
}

/**
 * Search factors by words (English or Chinese), region, category and dataset. Every word must match;
 * matches in the id and name rank first.
 */
export function searchFactors(library: FactorLibrary, query: FactorQuery): FactorHit[] {
  const words = (query.text ?? '').toLowerCase().split(/[\s,]+/).filter(Boolean);
  const hits: FactorHit[] = [];
  for (const id of library.factorIds()) {
    const entry = library.factor(id)!;
    const f = entry.factor;
    if (query.dataset && entry.dataset.id !== query.dataset) continue;
    if (query.category && f.category !== query.category) continue;
    if (query.region && !regionContains(query.region, f.region, library.regions)) continue;
    const text = haystack(entry);
    if (!words.every((w) => text.includes(w))) continue;
    const name = `${f.name.en} ${f.name.zh ?? ''}`.toLowerCase();
    let score = 0;
    for (const w of words) score += (name.includes(w) ? 2 : 0) + (entry.id.toLowerCase().includes(w) ? 1 : 0);
    score += f.year / 10_000; // newer data first among equals
    hits.push({ id, score, factor: f, dataset: { id: entry.dataset.id, version: entry.dataset.version, edition: entry.dataset.edition } });
  }
  hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return hits.slice(0, query.limit ?? 50);
}

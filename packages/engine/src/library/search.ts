import type { Factor, FactorCategory } from '@greenlca/schema';
import { sameDimensions } from '../quantity/measure.js';
import { unitSpec, type UnitSpec } from '../quantity/unit.js';
import type { FactorLibrary, LibraryFactor } from './library.js';
import { regionContains, regionFit } from './region.js';
import { containsWord, parseQuery, type BilingualText, type QueryConcept, type RankRule, type SearchVocabulary } from './vocabulary.js';

export interface FactorQuery {
  text?: string;
  /** Keep factors for this region or inside it (CN matches CN-GD and CN-GRID-EAST). */
  region?: string;
  category?: FactorCategory;
  dataset?: string;
  limit?: number;
  /**
   * The unit of the line the factor is for ("t*km", "kg"): factors per a unit of the same dimension
   * come first; the others are marked incompatible and come after all of them. Without it, a unit
   * the text names ("truck tonne km") is used.
   */
  unit?: string;
  /** The product's region: factors for it (or inside it) rank first. Ranks, does not filter. */
  nearRegion?: string;
  /** The kind of factor the line needs (material, waste, freight …): ranks first, does not filter. */
  preferCategory?: FactorCategory;
  /** Synonyms, trade names and rank rules (datasets/search/vocabulary.json). */
  vocabulary?: SearchVocabulary;
}

/** How a factor's unit fits the line's: the same unit, another of its dimension, or not convertible. */
export type UnitFit = 'same' | 'convertible' | 'incompatible';

export interface FactorHit {
  id: string;
  score: number;
  factor: Factor;
  dataset: { id: string; version: string; edition: string };
  /** Set when a unit was given (or named in the text). */
  unitFit?: UnitFit;
  /** What the vocabulary says a user should know about this factor (e.g. what it is specific to). */
  notes?: BilingualText[];
}

const FIT_ORDER: Record<UnitFit | 'none', number> = { same: 0, convertible: 0, none: 1, incompatible: 2 };
/** A Chinese query matches when this share of its character pairs occur in the factor's names and tags. */
const PAIR_SHARE = 0.6;

function haystack(entry: LibraryFactor): string {
  const f = entry.factor;
  return [entry.id, f.name.en, f.name.zh ?? '', f.category, f.region, String(f.year), ...(f.tags ?? []), f.unit]
    .join(' ')
    .toLowerCase();
}

function pairs(run: string): string[] {
  if (run.length < 2) return [run];
  const out: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;

/**
 * How well a factor matches one concept: 2 in its name, 1 in its id, ½ elsewhere (category, tags,
 * unit), 0 not at all. With `byPairs`, Chinese written without spaces matches by character pairs
 * ("全国电网排放因子" finds "全国电网平均二氧化碳排放因子").
 */
function conceptScore(concept: QueryConcept, hay: string, name: string, id: string, byPairs: boolean): number {
  const has = (text: string, word: string) => (concept.partial ? text.includes(word) : containsWord(text, word));
  let best = 0;
  for (const word of concept.any) {
    if (has(name, word)) return 2;
    if (has(id, word)) best = 1;
    else if (has(hay, word)) best = Math.max(best, 0.5);
  }
  if (best || !byPairs || !concept.partial) return best;
  const runs = concept.typed.match(CJK_RUN);
  if (!runs) return 0;
  const latin = concept.typed.replace(CJK_RUN, ' ').trim();
  if (latin && !latin.split(/\s+/).every((w) => hay.includes(w))) return 0;
  const grams = [...new Set(runs.flatMap(pairs))];
  const share = grams.filter((g) => hay.includes(g)).length / grams.length;
  return share >= PAIR_SHARE ? 2 * share : 0;
}

function parseUnit(text: string | undefined): UnitSpec | undefined {
  if (!text) return undefined;
  try {
    return unitSpec(text);
  } catch {
    return undefined; // a unit being typed, or none: rank without it
  }
}

function unitFitOf(target: UnitSpec, factorUnit: string): UnitFit {
  const own = parseUnit(factorUnit);
  if (!own || !sameDimensions(own.dims, target.dims)) return 'incompatible';
  return own.si === target.si ? 'same' : 'convertible';
}

interface Prepared {
  entry: LibraryFactor;
  hay: string;
  name: string;
  id: string;
}

// What a search reads of each factor, lower-cased once per library (a search runs on every keystroke).
const preparedOf = new WeakMap<FactorLibrary, Prepared[]>();

function prepared(library: FactorLibrary): Prepared[] {
  let list = preparedOf.get(library);
  if (!list) {
    list = [];
    for (const id of library.factorIds()) {
      const entry = library.factor(id)!;
      const f = entry.factor;
      list.push({ entry, hay: haystack(entry), name: `${f.name.en} ${f.name.zh ?? ''}`.toLowerCase(), id: id.toLowerCase() });
    }
    preparedOf.set(library, list);
  }
  return list;
}

// The vocabulary's rank rules for each factor, worked out once per vocabulary.
const rankedOf = new WeakMap<SearchVocabulary, Map<LibraryFactor, { score: number; notes: BilingualText[] }>>();

function rankOf(vocabulary: SearchVocabulary, entry: LibraryFactor, idAndNames: string): { score: number; notes: BilingualText[] } {
  let map = rankedOf.get(vocabulary);
  if (!map) rankedOf.set(vocabulary, (map = new Map()));
  let ranked = map.get(entry);
  if (!ranked) {
    ranked = { score: 0, notes: [] };
    for (const rule of vocabulary.rank ?? []) {
      if (!ruleApplies(rule, entry.factor, idAndNames)) continue;
      ranked.score += rule.score;
      if (rule.note) ranked.notes.push(rule.note);
    }
    map.set(entry, ranked);
  }
  return ranked;
}

function ruleApplies(rule: RankRule, f: Factor, idAndNames: string): boolean {
  if (rule.category && f.category !== rule.category) return false;
  if (rule.unit) {
    const want = parseUnit(rule.unit);
    const own = parseUnit(f.unit);
    if (!want || !own || !sameDimensions(own.dims, want.dims)) return false;
  }
  return !rule.words || rule.words.some((w) => containsWord(idAndNames, w.toLowerCase()));
}

/**
 * Search factors in the user's words (English or Chinese, synonyms and trade names from the
 * vocabulary). Every word must match. Ranked by: fit to the line's unit (incompatible units last,
 * never first), then how well the words match (name before id), the product's region, the kind of
 * factor the line needs, the vocabulary's rank rules, and newer data.
 */
export function searchFactors(library: FactorLibrary, query: FactorQuery): FactorHit[] {
  const parsed = parseQuery(query.text ?? '', query.vocabulary);
  const target = parseUnit(query.unit) ?? parseUnit(parsed.unit);
  const candidates = prepared(library).filter(({ entry }) => {
    const f = entry.factor;
    if (query.dataset && entry.dataset.id !== query.dataset) return false;
    if (query.category && f.category !== query.category) return false;
    return !query.region || regionContains(query.region, f.region, library.regions);
  });
  const match = (byPairs: boolean) => candidates.flatMap((c) => {
    let score = 0;
    for (const concept of parsed.concepts) {
      const s = conceptScore(concept, c.hay, c.name, c.id, byPairs);
      if (!s) return [];
      score += s;
    }
    return [{ ...c, score }];
  });
  let matched = match(false);
  if (!matched.length && parsed.cjk.length) matched = match(true);

  const fits = new Map<string, UnitFit>();
  const hits = matched.map(({ entry, name, id, score }): FactorHit & { fit: number } => {
    const f = entry.factor;
    const hit: FactorHit & { fit: number } = {
      id: entry.id, score, factor: f, dataset: { id: entry.dataset.id, version: entry.dataset.version, edition: entry.dataset.edition }, fit: FIT_ORDER.none,
    };
    if (target) {
      let fit = fits.get(f.unit);
      if (!fit) fits.set(f.unit, (fit = unitFitOf(target, f.unit)));
      hit.unitFit = fit;
      hit.fit = FIT_ORDER[hit.unitFit];
    }
    if (query.nearRegion) {
      const near = regionFit(query.nearRegion, f.region, library.regions);
      if (near === 'contains') hit.score += 1.5;
      else if (near === 'partly' || regionContains(f.region, query.nearRegion, library.regions)) hit.score += 0.75;
      else if (f.region === 'GLO') hit.score += 0.25;
    }
    if (query.preferCategory && f.category === query.preferCategory) hit.score += 1;
    if (query.vocabulary) {
      const ranked = rankOf(query.vocabulary, entry, `${id} ${name}`);
      hit.score += ranked.score;
      if (ranked.notes.length) hit.notes = ranked.notes;
    }
    hit.score += f.year / 10_000; // newer data first among equals
    return hit;
  });
  hits.sort((a, b) => a.fit - b.fit || b.score - a.score || a.id.localeCompare(b.id));
  return hits.slice(0, query.limit ?? 50).map(({ fit: _fit, ...hit }) => hit);
}

/**
 * The words people use for factors, kept as data (datasets/search/vocabulary.json) and read here: a
 * query's synonyms and trade names ("ABS", "lorry", "不锈钢", "tkm") become the words the factor
 * tables use, never factors of their own.
 */

/** Text in English and, where given, Chinese. */
export interface BilingualText {
  en: string;
  zh?: string;
}

/** Terms that mean the same thing in a factor search. */
export interface SynonymGroup {
  /** What a user may type (any case, English or Chinese, several words allowed). */
  terms: string[];
  /** Words of factor ids, names, categories or tags the terms stand for: a factor matches when it has any. */
  means?: string[];
  /** A unit the terms name ("tkm" → t*km): factors per a unit of its dimension are ranked first. */
  unit?: string;
  /** Why the mapping holds (for reviewers). */
  why?: string;
}

/** A rank adjustment for factors whose name, id, category or unit says they are usually not (or usually) meant. */
export interface RankRule {
  /** The factor has any of these words in its id or names … */
  words?: string[];
  /** … and (when given) this category … */
  category?: string;
  /** … and (when given) a unit of this dimension. */
  unit?: string;
  /** Added to the factor's score (text matches are worth 1–2 a word). */
  score: number;
  /** Why, for reviewers. */
  why: string;
  /** Shown beside the factor when set: what a user should know before choosing it. */
  note?: BilingualText;
}

export interface SearchVocabulary {
  synonyms: SynonymGroup[];
  rank?: RankRule[];
}

/** A query word, or a synonym group it named: the factor must match one of `any`. */
export interface QueryConcept {
  /** What the user typed. */
  typed: string;
  /** Lower-case alternatives, any of which matches. */
  any: string[];
  /** A word as typed matches inside longer words ("electric" in "electricity"); a group's words stand alone. */
  partial: boolean;
}

export interface ParsedQuery {
  concepts: QueryConcept[];
  /** A unit the text named ("truck tonne km"), if any. */
  unit?: string;
  /** The Chinese left over after the known terms (for the character-pair fallback). */
  cjk: string[];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Normalise a search text from any keyboard: NFKC folds full-width Latin and digits (ＡＢＳ → ABS),
 * and Chinese punctuation (，、；：。) separates words like a space does.
 */
export function normaliseQuery(text: string): string {
  return text.normalize('NFKC').replace(/[，、；：。！？“”‘’（）《》【】,;:!?()"']/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Does `hay` contain `word`? Short Latin words (ABS, PP, PET, HGV) must stand alone — "pet" is not
 * in "petrol" — so they are matched at word edges; longer words and Chinese anywhere.
 */
export function containsWord(hay: string, word: string): boolean {
  if (CJK.test(word) || word.length > 4) return hay.includes(word);
  let pattern = edges.get(word);
  if (!pattern) {
    if (edges.size > 1_000) edges.clear(); // words come from queries too: bounded
    pattern = new RegExp(`(?<![a-z0-9])${escape(word)}(?![a-z0-9])`);
    edges.set(word, pattern);
  }
  return pattern.test(hay);
}

const edges = new Map<string, RegExp>();

interface CompiledTerm {
  term: string;
  group: SynonymGroup;
  pattern: RegExp;
}

const compiled = new WeakMap<SearchVocabulary, CompiledTerm[]>();

/** Every term of every group, longest first, so "abs塑料" is read before "abs". */
function termsOf(vocabulary: SearchVocabulary): CompiledTerm[] {
  let terms = compiled.get(vocabulary);
  if (terms) return terms;
  terms = vocabulary.synonyms
    .flatMap((group) => group.terms.map((t) => normaliseQuery(t).toLowerCase()).map((term) => ({
      term, group,
      // Latin terms stand alone (the "tkm" in "tkmx" is not a unit); Chinese is written without spaces.
      pattern: new RegExp(CJK.test(term) ? escape(term) : `(?<![a-z0-9])${escape(term).replace(/ /g, '[\\s\\-*·.]*')}(?![a-z0-9])`),
    })))
    .sort((a, b) => b.term.length - a.term.length || a.term.localeCompare(b.term));
  compiled.set(vocabulary, terms);
  return terms;
}

/** Read a query into concepts: known terms become their groups, other words stay words. */
export function parseQuery(text: string, vocabulary?: SearchVocabulary): ParsedQuery {
  let rest = normaliseQuery(text).toLowerCase();
  const concepts: QueryConcept[] = [];
  let unit: string | undefined;
  for (const { term, group, pattern } of vocabulary ? termsOf(vocabulary) : []) {
    const m = pattern.exec(rest);
    if (!m) continue;
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    if (group.unit && !group.means?.length) {
      unit ??= group.unit;
      continue;
    }
    const any = [...new Set([term, ...(group.means ?? []).map((w) => w.toLowerCase())])];
    concepts.push({ typed: m[0].trim(), any, partial: false });
    if (group.unit) unit ??= group.unit;
  }
  const cjk: string[] = [];
  for (const word of rest.split(/[\s,]+/).filter(Boolean)) {
    concepts.push({ typed: word, any: [word], partial: true });
    cjk.push(...(word.match(CJK_RUN) ?? []));
  }
  return unit === undefined ? { concepts, cjk } : { concepts, unit, cjk };
}

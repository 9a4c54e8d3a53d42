import { searchFactors, type FactorHit, type FactorLibrary, type FactorQuery } from '@greenlca/engine';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;

/**
 * Normalise a search text from any keyboard: NFKC folds full-width Latin and digits (ＡＢＳ → ABS),
 * and Chinese punctuation (，、；：。) separates words like a space does.
 */
export function normaliseQuery(text: string): string {
  return text.normalize('NFKC').replace(/[，、；：。！？“”‘’（）《》【】,;:!?()"']/g, ' ').replace(/\s+/g, ' ').trim();
}

function bigrams(run: string): string[] {
  if (run.length < 2) return [run];
  const out: string[] = [];
  for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}

/**
 * Factor search for English and Chinese. Chinese is written without spaces, so when the exact words
 * find nothing, a Chinese query falls back to character bigrams: a factor matches when most of the
 * query's bigrams occur in its names and tags ("全国电网排放因子" finds "全国电网平均二氧化碳排放因子").
 */
export function searchCatalogue(library: FactorLibrary, query: FactorQuery): FactorHit[] {
  const text = normaliseQuery(query.text ?? '');
  const exact = searchFactors(library, { ...query, text });
  if (exact.length || !CJK.test(text)) return exact;
  const grams = [...new Set((text.match(CJK_RUN) ?? []).flatMap(bigrams))];
  const latin = text.replace(CJK_RUN, ' ').trim();
  const candidates = searchFactors(library, { ...query, text: latin, limit: Number.MAX_SAFE_INTEGER });
  const hits: FactorHit[] = [];
  for (const hit of candidates) {
    const hay = `${hit.factor.name.zh ?? ''} ${hit.factor.name.en} ${(hit.factor.tags ?? []).join(' ')}`;
    const matched = grams.filter((g) => hay.includes(g)).length;
    if (matched / grams.length >= 0.6) hits.push({ ...hit, score: hit.score + (2 * matched) / grams.length });
  }
  hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return hits.slice(0, query.limit ?? 50);
}

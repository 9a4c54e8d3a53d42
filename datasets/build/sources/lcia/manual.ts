import type { ImpactMethod } from '@greenlca/schema';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { csvRecords } from '../../lib/csv.js';
import { datasetsDir } from '../../lib/paths.js';

/** Hand-edited mapping rules (datasets/mappings/manual/<source>.csv: source_key, flow, reason); each is applied before automatic matching. */
export function readManual(source: string): Map<string, { flow: string; reason: string }> {
  const path = resolve(datasetsDir, 'mappings', 'manual', `${source}.csv`);
  const out = new Map<string, { flow: string; reason: string }>();
  if (!existsSync(path)) return out;
  for (const { line, record } of csvRecords(readFileSync(path, 'utf8'))) {
    const key = record['source_key']?.trim();
    const flow = record['flow']?.trim();
    const reason = record['reason']?.trim();
    if (!key || !flow || !reason) throw new Error(`mappings/manual/${source}.csv line ${line}: source_key, flow and reason are required`);
    out.set(key, { flow, reason });
  }
  return out;
}

/**
 * Chinese names of impact categories the publishers give in English only (EF 3.1, TRACI 2.2), from the
 * hand-edited datasets/mappings/manual/category-names-zh.csv (method, category, en, zh, note): GreenLCA's
 * translations, not the publishers'. The `en` column must still be the category's English name, so a
 * renamed category in a new source edition is caught here rather than silently keeping an old translation.
 */
export function applyChineseNames(methods: ImpactMethod[]): void {
  const file = 'mappings/manual/category-names-zh.csv';
  const names = new Map<string, { en: string; zh: string; line: number }>();
  for (const { line, record } of csvRecords(readFileSync(resolve(datasetsDir, file), 'utf8'))) {
    const [method, category, en, zh] = ['method', 'category', 'en', 'zh'].map((k) => record[k]?.trim() ?? '');
    if (!method || !category || !en || !zh) throw new Error(`${file} line ${line}: method, category, en and zh are required`);
    names.set(`${method}/${category}`, { en, zh, line });
  }
  const used = new Set<string>();
  const nameOf = (method: string, id: string, en: string): string | undefined => {
    const key = `${method}/${id}`;
    const row = names.get(key);
    if (!row) return undefined;
    if (row.en !== en) throw new Error(`${file} line ${row.line}: ${key} is named "${en}" in the source, not "${row.en}"`);
    used.add(key);
    return row.zh;
  };
  for (const m of methods) {
    let translated = false;
    for (const c of m.categories) {
      if (c.name.zh) continue;
      const zh = nameOf(m.id, c.id, c.name.en);
      if (zh) (c.name.zh = zh), (translated = true);
    }
    for (const c of m.missingCategories) {
      const zh = nameOf(m.id, c.id, c.name);
      if (zh) (c.nameZh = zh), (translated = true);
    }
    if (translated) m.notes.push(`Chinese category names are GreenLCA's translations (${file}), not the publisher's.`);
  }
  const unused = [...names.keys()].filter((k) => !used.has(k));
  if (unused.length) throw new Error(`${file}: rows for categories not in the methods: ${unused.join(', ')}`);
}

import type { Substance } from '@greenlca/schema';
import type { BuildLog } from '../../lib/log.js';
import { citationOf } from './citations.js';
import type { Species } from './merge.js';
import { refrigerantAliases, zhForDesignation } from './naming.js';
import { SETS } from './types.js';

/** The engine's look-up key: case, spaces, dashes, dots, commas and brackets do not count. */
export function lookupKey(name: string): string {
  return name.toLowerCase().replace(/[\s\-_.,()]/g, '');
}

function baseId(s: Species): string {
  return s.named?.id ?? s.designation ?? s.label ?? s.formula ?? s.key;
}

function group(s: Species): number {
  return s.named ? 0 : s.designation ? 1 : 2;
}

/**
 * Substances from merged species: canonical ids, names, aliases and GWP100 per set with citations.
 * openclimatedata's value wins where both sources give one. Aliases that would resolve to two
 * substances are dropped (the first substance in id order keeps them).
 */
export function toSubstances(species: Species[], log: BuildLog): Substance[] {
  const withValues = species.filter((s) => SETS.some((ar) => s.ocd[ar] || s.lcia[ar]));
  const ordered = [...withValues].sort((a, b) => group(a) - group(b) || (group(a) === 0 ? 0 : baseId(a).localeCompare(baseId(b))));

  // Undesignated gases named alike (isomers in AR6 share an IUPAC name) get their formula, then CAS, added.
  const idCount = new Map<string, number>();
  for (const s of ordered) idCount.set(baseId(s), (idCount.get(baseId(s)) ?? 0) + 1);
  const ids = new Map<Species, string>();
  for (const s of ordered) {
    let id = baseId(s);
    if (idCount.get(id)! > 1 && group(s) === 2) id = `${id} (${s.formula ?? s.cas})`;
    if ([...ids.values()].includes(id)) id = `${id} [${s.cas ?? s.key}]`;
    ids.set(s, id);
  }

  const taken = new Map<string, string>();
  for (const s of ordered) taken.set(lookupKey(ids.get(s)!), ids.get(s)!);

  const out: Substance[] = [];
  for (const s of ordered) {
    const id = ids.get(s)!;
    const gwp100: Substance['gwp100'] = {};
    for (const ar of SETS) {
      const row = s.ocd[ar] ?? s.lcia[ar];
      if (!row) continue;
      const { source, licence } = citationOf(row);
      gwp100[ar] = { value: row.value, source, licence };
    }
    const candidates = [...s.labels, ...(s.named?.extraAliases ?? []), ...refrigerantAliases(id), ...(s.formula ? [s.formula] : [])];
    const aliases: string[] = [];
    for (const alias of candidates) {
      if (alias === id || aliases.includes(alias)) continue;
      const key = lookupKey(alias);
      const owner = taken.get(key);
      if (owner && owner !== id) {
        log.info(`alias "${alias}" of ${id} dropped: it already names ${owner}`);
        continue;
      }
      taken.set(key, id);
      aliases.push(alias);
    }
    const zh = s.named?.zh ?? (s.designation ? zhForDesignation(id) : undefined);
    const cas = s.cas ?? s.named?.cas;
    out.push({
      id,
      name: { en: s.named?.en ?? (s.designation ? id : (s.label ?? id)), ...(zh ? { zh } : {}) },
      ...(s.formula ? { formula: s.formula } : {}),
      ...(cas ? { cas } : {}),
      aliases,
      gwp100,
    });
  }
  return out;
}

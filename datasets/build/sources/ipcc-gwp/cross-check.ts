import type { Substance } from '@greenlca/schema';
import type { BuildLog } from '../../lib/log.js';
import type { DesnzGroup } from '../desnz/read.js';
import { lookupKey } from './substances.js';
import { SETS } from './types.js';

type Compositions = Map<string, { gwp: number | undefined; components: [string, number][]; row: number }>;

function index(substances: Substance[]): Map<string, Substance> {
  const map = new Map<string, Substance>();
  for (const s of substances) for (const name of [s.id, ...s.aliases]) if (!map.has(lookupKey(name))) map.set(lookupKey(name), s);
  return map;
}

/** Which sets a published value equals, to the rounding of the published value. */
function matchingSets(s: Substance, published: number): string[] {
  const decimals = (String(published).split('.')[1] ?? '').length;
  const tolerance = 0.5 * 10 ** -decimals + 1e-9;
  return SETS.filter((ar) => s.gwp100[ar] && Math.abs(s.gwp100[ar]!.value - published) <= tolerance);
}

function describe(s: Substance): string {
  return SETS.map((ar) => `${ar} ${s.gwp100[ar]?.value ?? '—'}`).join(', ');
}

/**
 * Compare with DESNZ 2025 "Refrigerant & other" (kg CO2e per kg) and the EPA Hub Table 12 blend
 * compositions. Nothing is changed: differences are reported, since a publisher may use another AR.
 */
export function crossCheck(
  substances: Substance[],
  desnzGroups: DesnzGroup[],
  epaTable12: Compositions,
  log: BuildLog,
): { blendNotes: string[] } {
  const byName = index(substances);
  const blendNotes: string[] = [];
  let singlesAgree = 0;
  const notBuilt: string[] = [];
  for (const g of desnzGroups) {
    if (g.level1 !== 'Refrigerant & other' || g.columnText !== 'Total emissions including non-Kyoto products') continue;
    const published = g.total?.value;
    if (published === undefined) continue;
    const label = g.level3;
    const isBlend = g.level2 === 'Blends';
    const candidates = isBlend
      ? [label.replace(/^R(?=\d)/, 'R-')]
      : [label, ...label.split(/\s*(?:\/|=|\(|\)|\*)\s*/)].map((x) => x.trim()).filter(Boolean);
    const s = candidates.map((c) => byName.get(lookupKey(c))).find(Boolean);
    if (!s) {
      if (isBlend) notBuilt.push(label);
      else log.info(`DESNZ "${label}" ${published}: no matching substance`);
      continue;
    }
    const sets = matchingSets(s, published);
    if (isBlend) {
      const line = `${s.id}: DESNZ 2025 ${published} (row ${g.total!.id}); computed ${describe(s)}; ${sets.length ? `agrees with ${sets.join('/')}` : 'agrees with no set'}`;
      log.info(line);
      blendNotes.push(`${s.id} DESNZ ${published} = ${sets.join('/') || 'none'}`);
    } else if (sets.includes('AR5')) {
      singlesAgree++;
    } else {
      log.info(`DESNZ "${label}" ${published} (row ${g.total!.id}) vs ${s.id} (${describe(s)}): ${sets.length ? `equals ${sets.join('/')}` : 'no set equal'}`);
    }
  }
  log.info(`DESNZ single gases equal to the AR5 value: ${singlesAgree}`);
  log.info(`DESNZ blends without a composition here (not built): ${notBuilt.join(', ')}`);

  for (const [id, epa] of epaTable12) {
    const blend = byName.get(lookupKey(id));
    if (!blend?.blend) continue;
    const ours = new Map(blend.blend.components.map((c) => [c.substance, Math.round(c.massFraction * 1000) / 10]));
    const theirs = epa.components.map(([name, pct]) => [byName.get(lookupKey(name))?.id ?? name, pct] as const);
    const same = theirs.length === ours.size && theirs.every(([sid, pct]) => ours.get(sid) === pct);
    log.info(
      `EPA Hub Table 12 ${id} (row ${epa.row}): composition ${same ? 'agrees' : `DIFFERS: EPA ${epa.components.map(([n, p]) => `${p}% ${n}`).join(', ')}`}; ` +
        `EPA AR5 GWP ${epa.gwp} (HFC/PFC constituents only) vs computed AR5 ${blend.gwp100.AR5?.value ?? '—'}`,
    );
  }
  return { blendNotes };
}

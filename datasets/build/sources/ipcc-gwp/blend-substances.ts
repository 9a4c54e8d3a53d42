import type { Substance } from '@greenlca/schema';
import { LICENCES } from '../../lib/licences.js';
import type { BuildLog } from '../../lib/log.js';
import { ASHRAE_CITATION, BLENDS } from './blends.js';
import { SETS } from './types.js';

/** Sum of mass fraction × GWP, rounded to 12 significant digits to drop binary noise (0.5 × 677 + 0.5 × 3170 = 1923.5). */
function weighted(parts: { fraction: number; gwp: number }[]): number {
  return Number(parts.reduce((sum, p) => sum + p.fraction * p.gwp, 0).toPrecision(12));
}

/** Blend substances with GWP100 computed per set from their components in the same set. */
export function blendSubstances(substances: Substance[], log: BuildLog): Substance[] {
  const byId = new Map(substances.map((s) => [s.id, s]));
  const out: Substance[] = [];
  for (const blend of BLENDS) {
    const total = blend.components.reduce((sum, [, pct]) => sum + pct, 0);
    if (Math.abs(total - 100) > 1e-9) throw new Error(`${blend.id}: composition adds up to ${total}%`);
    const components = blend.components.map(([id, pct]) => {
      const s = byId.get(id);
      if (!s) throw new Error(`${blend.id}: component ${id} is not a substance`);
      return { s, fraction: Number((pct / 100).toPrecision(12)), pct };
    });
    const gwp100: Substance['gwp100'] = {};
    for (const ar of SETS) {
      const values = components.map((c) => c.s.gwp100[ar]);
      if (values.some((v) => !v)) {
        log.info(`${blend.id} ${ar}: not computed, ${components.filter((c) => !c.s.gwp100[ar]).map((c) => c.s.id).join(', ')} has no ${ar} value`);
        continue;
      }
      const parts = components.map((c) => ({ fraction: c.fraction, gwp: c.s.gwp100[ar]!.value }));
      const licence = values.some((v) => v!.licence === LICENCES.mit.id) ? LICENCES.mit.id : LICENCES.cc0.id;
      gwp100[ar] = {
        value: weighted(parts),
        source: {
          source: `Computed by GreenLCA: mass-weighted sum of the components' IPCC ${ar} GWP100 in this dataset; composition per ${ASHRAE_CITATION}`,
          table: 'computed',
          row: components.map((c) => `${c.pct}% ${c.s.id} (${c.s.gwp100[ar]!.value})`).join(' + '),
        },
        licence,
      };
    }
    const compact = blend.id.replace('-', '');
    out.push({
      id: blend.id,
      name: { en: `${blend.id} (refrigerant blend)`, zh: `混合制冷剂 ${blend.id}` },
      aliases: [compact],
      gwp100,
      blend: {
        components: components.map((c) => ({ substance: c.s.id, massFraction: c.fraction })),
        source: { source: ASHRAE_CITATION, table: 'refrigerant blend composition (mass %)', row: blend.id },
      },
    });
  }
  return out;
}

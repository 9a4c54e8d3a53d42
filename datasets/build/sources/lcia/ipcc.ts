import type { ImpactCategory, SubstanceDataset } from '@greenlca/schema';
import type { BuildLog } from '../../lib/log.js';
import { FactorSet, type FlowRegistry, type MappingRow, type Substance } from './registry.js';

export const IPCC_SETS = ['AR4', 'AR5', 'AR6'] as const;

/**
 * Every gas of datasets/substances/ipcc-gwp.json (blends excluded: they are mixtures, characterised by
 * their components) becomes a substance of the flow list with `ghg` = its id, emitted to air/unspecified.
 */
export function registerIpccGases(
  gwp: SubstanceDataset,
  reg: FlowRegistry,
  manual: Map<string, { flow: string; reason: string }>,
  log: BuildLog,
): { rows: MappingRow[]; flowOf: Map<string, string> } {
  const rows: MappingRow[] = [];
  const flowOf = new Map<string, string>();
  for (const s of gwp.substances) {
    if (s.blend) continue;
    const row: MappingRow = { sourceKey: s.id, sourceName: s.name.en, sourceCas: s.cas ?? '', sourceCompartment: 'air', flow: '', rule: '', note: '' };
    rows.push(row);
    let sub: Substance | undefined;
    const m = manual.get(s.id);
    if (m) {
      sub = reg.bySlug(m.flow.split('/')[2] ?? '');
      if (!sub || !m.flow.startsWith('air/unspecified/')) throw new Error(`mappings/manual/ipcc-gwp.csv: ${s.id} → ${m.flow}: no such substance in air/unspecified`);
      row.rule = 'manual';
      row.note = m.reason;
    } else if (s.cas) {
      sub = reg.ensureSubstance({ group: reg.group(s.cas, s.name.en), base: s.name.en, name: s.name.en, cas: s.cas, unit: 'kg', origin: `ipcc-gwp:${s.id}` });
      row.rule = 'cas+compartment';
    } else {
      const group = [s.name.en, s.id, ...s.aliases].map((n) => reg.groupOfName(n)).find((g) => g !== undefined);
      sub = reg.ensureSubstance({ group: group ?? reg.group(undefined, s.name.en), base: s.name.en, name: s.name.en, unit: 'kg', origin: `ipcc-gwp:${s.id}` });
      row.rule = 'name+compartment';
    }
    if (sub.ghg && sub.ghg !== s.id) {
      row.flow = '';
      row.rule = '';
      row.note = `flow's substance is already IPCC gas ${sub.ghg}`;
      log.info(`${s.id}: not mapped, substance ${sub.slug} is already ${sub.ghg}`);
      continue;
    }
    sub.ghg = s.id;
    if (!sub.variant) for (const n of [s.name.en, s.id, ...s.aliases]) reg.addName(n, sub.key.split('|')[0]!);
    if (!sub.variant) {
      if (s.name.zh) sub.zh = s.name.zh;
      if (s.formula) sub.formula = s.formula;
    }
    const flow = reg.ensureFlow(sub, 'air/unspecified', `ipcc-gwp:${s.id}`);
    row.flow = flow.id;
    flowOf.set(s.id, flow.id);
  }
  // Variants (methane-biogenic …) are the same gas: they carry the generic's IPCC id unless they have their own.
  const bySlug = new Map([...reg.substances.values()].map((x) => [x.slug, x]));
  for (const x of reg.substances.values()) if (x.variantOf && !x.ghg && bySlug.get(x.variantOf)?.ghg) x.ghg = bySlug.get(x.variantOf)!.ghg;
  return { rows, flowOf };
}

export function ipccCategory(gwp: SubstanceDataset, ar: (typeof IPCC_SETS)[number], flowOf: Map<string, string>): ImpactCategory {
  const set = new FactorSet();
  for (const s of gwp.substances) {
    const flow = flowOf.get(s.id);
    const v = s.gwp100[ar];
    if (flow && v) set.add(flow, v.value, s.id);
  }
  // Biogenic CO2 is carbon the biomass took from the air: counted as 0 (as EF 3.1 does), so that a
  // process inventory's biogenic emissions are not charged while its uptake is not credited. A
  // convention of this build, not an IPCC value: the row says so, and the inventory keeps the flow.
  set.add('air/unspecified/carbon-dioxide-biogenic', 0, 'GreenLCA convention: biogenic CO2 counted as 0 (uptake not credited, emission not charged)');
  const table = { AR4: 'AR4 WG1 Table 2.14', AR5: 'AR5 WG1 Table 8.A.1 (without climate-carbon feedbacks)', AR6: 'AR6 WG1 Table 7.SM.7' }[ar];
  return {
    id: 'climate-change',
    name: { en: `Climate change, GWP100 (IPCC ${ar})`, zh: `气候变化，100年全球增温潜势（IPCC ${ar}）` },
    unit: 'kg CO2 eq',
    source: {
      source: `IPCC ${table}, via datasets/substances/ipcc-gwp.json (each value's own citation is there, under the substance named by the factor's row)`,
      table: `ipcc-gwp.json substances[].gwp100.${ar}`,
      file: 'datasets/substances/ipcc-gwp.json',
    },
    factors: set.list(),
  };
}

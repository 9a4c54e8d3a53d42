/**
 * @module mapping — elementary flows to IPCC greenhouse-gas substances, by the reviewable rules in
 * `data/gwp-flow-mapping.json` (names, compartment, CAS; fossil / biogenic / land-use / uptake handling
 * is documented there).
 */
import mappingFile from '../../data/gwp-flow-mapping.json' with { type: 'json' };
import type { Flow, OlcaPackage } from '../model.js';

export type Compartment = 'air' | 'resource' | 'water' | 'soil' | 'unspecified';
export type Origin = 'fossil' | 'unspecified' | 'land-use' | 'biogenic' | 'uptake';
export type ReportKey = 'biogenicCO2' | 'co2Uptake' | 'landUseCO2';

export interface MappingRule {
  names: string[];
  compartment: Compartment;
  substance: string;
  aliases?: string[];
  cas?: string;
  origin: Origin;
  /** Counted in the GWP total; uncounted rules are only reported (biogenic CO2, uptake). */
  counted: boolean;
  report?: ReportKey;
  /** Substances to use instead where the GWP table has them in every set asked for (AR6 fossil CH4 …). */
  preferSubstances?: string[];
  note?: string;
}

export interface GwpMapping {
  id: string;
  version: string;
  rules: MappingRule[];
  /** Case-insensitive regular expressions for names that look like greenhouse gases. */
  greenhouseGasLike: RegExp[];
}

/** The bundled mapping (data/gwp-flow-mapping.json). */
export const defaultGwpMapping: GwpMapping = {
  id: mappingFile.id,
  version: mappingFile.version,
  rules: mappingFile.rules as MappingRule[],
  greenhouseGasLike: mappingFile.greenhouseGasLike.patterns.map((p) => new RegExp(p, 'i')),
};

/** Lower case, trimmed, runs of spaces collapsed, a trailing `[...]` group dropped. */
export function normaliseFlowName(name: string): string {
  return name.toLowerCase().replace(/\s*\[[^\]]*\]\s*$/, '').replace(/\s+/g, ' ').trim();
}

/** CAS without leading zeros: `000124-38-9` → `124-38-9`. */
export function normaliseCas(cas: string): string {
  return cas.trim().replace(/^0+(?=\d)/, '');
}

/** Compartment from a category path (`air/unspecified`, `Elementary Flows/…/Emission to air`, `resource/in air` …). */
export function compartmentOf(category: string): Compartment {
  const segments = category.toLowerCase().split('/').map((s) => s.trim());
  for (let i = segments.length - 1; i >= 0; i--) {
    const s = segments[i]!;
    if (/^(air|emissions? to air|emission output to atmosphere|atmosphere)\b/.test(s)) return 'air';
    if (/^(resources?|\[resource\])\b/.test(s)) return 'resource';
    if (/^(water|emissions? to (fresh |sea )?water|emission output to (fresh|sea)water)\b/.test(s)) return 'water';
    if (/^(soil|emissions? to soil)\b/.test(s)) return 'soil';
  }
  return 'unspecified';
}

export interface FlowMatch {
  flow: Flow;
  compartment: Compartment;
  rule: MappingRule;
  ruleIndex: number;
  /** Matched by CAS number, not by name. */
  byCas: boolean;
  /** The category names no compartment; air was assumed because the flow is an output. */
  compartmentAssumed: boolean;
}

export interface GhgLikeFlow {
  flowId: string;
  name: string;
  category: string;
  /** Exchanges using the flow in the package. */
  uses: number;
}

export interface MappingOutcome {
  matches: FlowMatch[];
  /** Elementary flows to air (or of unknown compartment) that look like greenhouse gases and match no rule. */
  ghgLikeUnmapped: GhgLikeFlow[];
}

/** Match every elementary flow of the package against the rules. */
export function matchFlows(pkg: OlcaPackage, mapping: GwpMapping = defaultGwpMapping): MappingOutcome {
  const byName = new Map<string, number[]>();
  const byCas = new Map<string, number[]>();
  mapping.rules.forEach((r, i) => {
    for (const n of r.names) byName.set(normaliseFlowName(n), [...(byName.get(normaliseFlowName(n)) ?? []), i]);
    if (r.cas) byCas.set(normaliseCas(r.cas), [...(byCas.get(normaliseCas(r.cas)) ?? []), i]);
  });
  const uses = new Map<string, { outputs: number; total: number }>();
  for (const p of pkg.processes.values()) {
    for (const e of p.exchanges) {
      const u = uses.get(e.flowId) ?? { outputs: 0, total: 0 };
      u.total++;
      if (!e.isInput) u.outputs++;
      uses.set(e.flowId, u);
    }
  }
  const matches: FlowMatch[] = [];
  const ghgLikeUnmapped: GhgLikeFlow[] = [];
  const flows = [...pkg.flows.values()].filter((f) => f.type === 'ELEMENTARY_FLOW').sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  for (const flow of flows) {
    const compartment = compartmentOf(flow.category);
    const isOutput = (uses.get(flow.id)?.outputs ?? 0) > 0;
    const fits = (i: number) => {
      const r = mapping.rules[i]!;
      if (r.compartment === compartment) return { ok: true, assumed: false };
      if (compartment === 'unspecified' && r.compartment === 'air' && isOutput) return { ok: true, assumed: true };
      return { ok: false, assumed: false };
    };
    let found: FlowMatch | undefined;
    for (const i of byName.get(normaliseFlowName(flow.name)) ?? []) {
      const f = fits(i);
      if (f.ok) {
        found = { flow, compartment, rule: mapping.rules[i]!, ruleIndex: i, byCas: false, compartmentAssumed: f.assumed };
        break;
      }
    }
    if (!found && flow.cas) {
      for (const i of byCas.get(normaliseCas(flow.cas)) ?? []) {
        const f = fits(i);
        if (f.ok) {
          found = { flow, compartment, rule: mapping.rules[i]!, ruleIndex: i, byCas: true, compartmentAssumed: f.assumed };
          break;
        }
      }
    }
    if (found) {
      matches.push(found);
      continue;
    }
    if ((compartment === 'air' || compartment === 'unspecified') && mapping.greenhouseGasLike.some((re) => re.test(normaliseFlowName(flow.name)))) {
      ghgLikeUnmapped.push({ flowId: flow.id, name: flow.name, category: flow.category, uses: uses.get(flow.id)?.total ?? 0 });
    }
  }
  return { matches, ghgLikeUnmapped };
}

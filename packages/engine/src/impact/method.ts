import type { Citation, ElementaryFlow, ElementaryFlowList, ImpactMethod, Substance } from '@greenlca/schema';
import { type Decimal, dec, ZERO } from '../decimal.js';
import { gasEmissions, type CharacterisedFactor } from './characterise.js';

/**
 * An impact method made ready to characterise elementary flows: for each category, the factor of any
 * flow of the flow list, found by the method's own fallback rule (data in the method file, not code):
 * the exact flow first; then, with `compartment: "broader"`, the same substance in each broader
 * sub-compartment up to `<compartment>/unspecified`; then, with `variant: "generic"`, the generic
 * substance of a variant flow (methane for methane-fossil) along the same chain. Location-specific
 * factors (EF country factors) are not used: products are characterised with the default factors.
 */
export interface PreparedMethod {
  id: string;
  name: string;
  version: string;
  licences: ImpactMethod['licences'];
  categories: PreparedCategory[];
  /** Categories of the method that are not in its source files: gaps, never zeros. */
  missingCategories: ImpactMethod['missingCategories'];
}

export interface PreparedCategory {
  id: string;
  name: { en: string; zh?: string };
  unit: string;
  source: Citation;
  /** The factor of a flow in this category and how it was found, or undefined when there is none. */
  factorOf(flow: string): CategoryFactor | undefined;
}

export interface CategoryFactor {
  value: Decimal;
  /** The method's flow the factor belongs to (the flow itself, or the one a fallback reached). */
  matched: string;
  rule: 'exact' | 'broader compartment' | 'generic substance';
}

/** Sub-compartment chains and flows by id, shared by every method prepared with the same list. */
export interface FlowIndex {
  flows: ReadonlyMap<string, ElementaryFlow>;
  /** `<compartment>/<sub>` → its broader one. */
  broader: ReadonlyMap<string, string>;
  /** An id an earlier build gave a flow (`formerIds`) → the flow's id now. */
  renamed?: ReadonlyMap<string, string>;
}

export function indexFlows(list: ElementaryFlowList): FlowIndex {
  return {
    flows: new Map(list.flows.map((f) => [f.id, f])),
    broader: new Map(list.compartments.flatMap((c) => (c.broader ? [[c.id, c.broader] as [string, string]] : []))),
    renamed: new Map(list.flows.flatMap((f) => (f.formerIds ?? []).map((old) => [old, f.id] as [string, string]))),
  };
}

/** The flow a product names, by its id or an id an earlier build gave it. */
export function flowNamed(index: FlowIndex, id: string): ElementaryFlow | undefined {
  const flow = index.flows.get(id);
  if (flow) return flow;
  const now = index.renamed?.get(id);
  return now === undefined ? undefined : index.flows.get(now);
}

/** `air/urban/x` → [`air/urban/x`, `air/unspecified/x`]: the same substance up the compartment chain. */
function chain(index: FlowIndex, compartment: string, substance: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (let c: string | undefined = compartment; c !== undefined && !seen.has(c); c = index.broader.get(c)) {
    seen.add(c);
    out.push(`${c}/${substance}`);
  }
  return out;
}

export function prepareMethod(method: ImpactMethod, index: FlowIndex): PreparedMethod {
  const { fallback } = method;
  const categories = method.categories.map((category): PreparedCategory => {
    const exact = new Map<string, Decimal>();
    for (const f of category.factors) if (f.location === undefined) exact.set(f.flow, dec(f.value));
    const memo = new Map<string, CategoryFactor | null>();
    const find = (flowId: string): CategoryFactor | undefined => {
      const direct = exact.get(flowId);
      if (direct) return { value: direct, matched: flowId, rule: 'exact' };
      const flow = index.flows.get(flowId);
      const parts = flowId.split('/');
      const compartment = `${parts[0]}/${parts[1]}`;
      const substance = flow?.substance ?? parts.slice(2).join('/');
      if (fallback.compartment === 'broader') {
        for (const id of chain(index, compartment, substance).slice(1)) {
          const v = exact.get(id);
          if (v) return { value: v, matched: id, rule: 'broader compartment' };
        }
      }
      if (fallback.variant === 'generic' && flow?.variantOf) {
        for (const id of fallback.compartment === 'broader' ? chain(index, compartment, flow.variantOf) : [`${compartment}/${flow.variantOf}`]) {
          const v = exact.get(id);
          if (v) return { value: v, matched: id, rule: 'generic substance' };
        }
      }
      return undefined;
    };
    return {
      id: category.id,
      name: category.name,
      unit: category.unit,
      source: category.source,
      factorOf(flowId) {
        let r = memo.get(flowId);
        if (r === undefined) memo.set(flowId, (r = find(flowId) ?? null));
        return r ?? undefined;
      },
    };
  });
  return {
    id: method.id, name: method.name, version: method.version, licences: method.licences, categories,
    missingCategories: method.missingCategories,
  };
}

/**
 * Greenhouse gases as the engine knows them (IPCC substance ids, CO2 fossil or biogenic) → flows of the
 * flow list, emitted to unspecified air: the flow whose `ghg` is the substance, of the variant that
 * says the origin (CO2 fossil, CO2 biogenic), else the generic one.
 */
export function ghgFlowOf(index: FlowIndex): (substance: string, origin?: 'fossil' | 'biogenic') => string | undefined {
  const byKey = new Map<string, string>();
  const variants: ElementaryFlow[] = [];
  for (const f of index.flows.values()) {
    if (!f.ghg || f.compartment !== 'air' || f.subCompartment !== 'unspecified') continue;
    if (f.variant === undefined) byKey.set(`${f.ghg}|`, f.id);
    else if (f.variant === 'fossil' || f.variant === 'biogenic') variants.push(f);
  }
  for (const f of variants) {
    byKey.set(`${f.ghg}|${f.variant}`, f.id);
    // A gas the IPCC table lists only as a variant (CH4-fossil) is that variant's flow.
    if (!byKey.has(`${f.ghg}|`)) byKey.set(`${f.ghg}|`, f.id);
  }
  return (substance, origin) => byKey.get(`${substance}|${origin ?? ''}`);
}

/**
 * The method a user means: its id ("ef-3.1"), its name ("EF 3.1", any case), or a short form the
 * name contains as whole words ("AR6" → "IPCC AR6 GWP100", "TRACI" → "TRACI 2.2"); undefined when
 * none or several fit.
 */
export function findMethod<M extends { id: string; name: string }>(query: string, methods: readonly M[]): M | undefined {
  const q = query.trim().toLowerCase();
  const exact = methods.find((m) => m.id.toLowerCase() === q || m.name.toLowerCase() === q);
  if (exact) return exact;
  const words = (s: string) => s.toLowerCase().split(/[\s/-]+/);
  const wanted = words(q);
  const fits = methods.filter((m) => wanted.every((w) => words(m.name).includes(w) || words(m.id).includes(w)));
  return fits.length === 1 ? fits[0] : undefined;
}

/**
 * A factor's gases as elementary flows to unspecified air (a refrigerant blend split into its
 * components), and the gases that have no flow.
 */
export function gasFlows(
  value: CharacterisedFactor, ghgFlow: ReturnType<typeof ghgFlowOf>, lookup: (id: string) => Substance | undefined,
): { flows: Map<string, Decimal>; unmapped: string[] } {
  const flows = new Map<string, Decimal>();
  const unmapped: string[] = [];
  const put = (substance: string, origin: 'fossil' | 'biogenic' | undefined, kg: Decimal): void => {
    const flow = ghgFlow(substance, origin);
    if (flow) flows.set(flow, (flows.get(flow) ?? ZERO).plus(kg));
    else {
      const blend = lookup(substance)?.blend;
      if (blend) for (const c of blend.components) put(c.substance, undefined, kg.times(dec(c.massFraction)));
      else unmapped.push(substance);
    }
  };
  for (const { substance, origin, kg } of gasEmissions(value)) put(substance, origin, kg);
  return { flows, unmapped };
}

import type { ElementaryFlow, GwpSet } from '@greenlca/schema';
import { dec, type Decimal, ZERO } from '../decimal.js';
import { type IssueLog } from '../errors.js';
import { characteriseFactor, type CharacterisedFactor } from '../impact/characterise.js';
import { zeroSplit } from '../impact/origin.js';
import { flowNamed, gasFlows, ghgFlowOf, type FlowIndex } from '../impact/method.js';
import type { FactorLibrary } from '../library/library.js';
import { unitSpec } from '../quantity/unit.js';
import type { ResolvedFactor } from './factors.js';

/**
 * Elementary flows named in a product: a direct emission of any substance to any compartment
 * (`"substance": "air/urban/sulfur-dioxide"`) and a custom factor's `flows`. Greenhouse-gas flows
 * keep their GWP100 in the climate result; every flow is characterised by every impact method.
 */

/** `<compartment>/<sub-compartment>/<substance>`: a flow id rather than a gas name. */
export function isFlowId(text: string): boolean {
  return /^(air|water|soil|resource)\/[^/]+\/[^/]+$/.test(text);
}

/**
 * True when a document names elementary flows anywhere, so the caller must attach the flow list
 * (withFlows): a line's `"substance"` that is a flow id, or a custom factor's `flows`, at any depth (a
 * component's lines, a scenario's changes, the product inside an evaluation or a report request).
 * Iterative, so a document nested thousands deep cannot overflow the stack.
 */
export function needsElementaryFlows(document: unknown): boolean {
  const stack: unknown[] = [document];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    const record = value as Record<string, unknown>;
    if (typeof record.substance === 'string' && isFlowId(record.substance)) return true;
    if (typeof record.flows === 'object' && record.flows !== null) return true;
    for (const key in record) {
      const child = record[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  return false;
}

const ghgFlowCache = new WeakMap<FlowIndex, ReturnType<typeof ghgFlowOf>>();
function ghgFlowsOf(flows: FlowIndex): ReturnType<typeof ghgFlowOf> {
  let f = ghgFlowCache.get(flows);
  if (!f) ghgFlowCache.set(flows, (f = ghgFlowOf(flows)));
  return f;
}

function flowList(library: FactorLibrary): FlowIndex {
  if (!library.flows) throw new Error('the product names elementary flows but the library has no flow list: attach it with withFlows()');
  return library.flows;
}

function unknownFlow(id: string, flows: FlowIndex, path: string, log: IssueLog): void {
  const prefix = id.split('/').slice(0, 2).join('/');
  const near = log.nearest(id, () => [...flows.flows.keys()].filter((k) => k.startsWith(prefix)));
  log.add('UNKNOWN_SUBSTANCE', path, `no elementary flow "${id}"`,
    near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : 'flow ids are <compartment>/<sub-compartment>/<substance>, e.g. air/unspecified/sulfur-dioxide (see datasets/flows)');
}

/** The greenhouse-gas part of a flow, as a gas the GWP tables know (CO2 of biogenic origin apart). */
function asGas(flow: ElementaryFlow): string | undefined {
  if (!flow.ghg || flow.compartment !== 'air') return undefined;
  return flow.ghg === 'CO2' && flow.variant === 'biogenic' ? 'CO2 (biogenic)' : flow.ghg;
}

/** GWP100 of a flow per its unit in the run's set; zero for a flow that is not a greenhouse gas (also the olca export's climate factors). */
export function climateOf(flow: ElementaryFlow, library: FactorLibrary, set: GwpSet): CharacterisedFactor | 'no-gwp' {
  const gas = asGas(flow);
  if (!gas) return { kgCO2e: ZERO, byGas: new Map(), massByGas: new Map(), biogenicKgCO2e: ZERO, origin: zeroSplit() };
  const r = characteriseFactor({ gases: { [gas]: 1 }, gasesBasis: 'mass' }, set, (n) => library.substance(n));
  return r.ok ? r.value : 'no-gwp';
}

/** The factor of a direct emission named by flow id: 1 unit of that flow, its GWP100 if it has one. */
export function flowEmissionFactor(id: string, library: FactorLibrary, set: GwpSet, path: string, log: IssueLog): ResolvedFactor | undefined {
  const flows = flowList(library);
  const flow = flowNamed(flows, id);
  if (!flow) {
    unknownFlow(id, flows, path, log);
    return undefined;
  }
  const climate = climateOf(flow, library, set);
  if (climate === 'no-gwp') {
    log.add('NO_GWP_IN_SET', path, `${flow.name.en} has no GWP100 in IPCC ${set}`, 'choose another GWP set for the product');
    return undefined;
  }
  const value: CharacterisedFactor = { ...climate, flows: new Map([[flow.id, dec(1)]]) };
  return {
    id: flow.id, name: flow.name.en, unit: unitSpec(flow.unit), value, co2Only: false, isCustom: false,
    shown: { kgCO2e: value.kgCO2e.toNumber(), unit: flow.unit },
    source: { citation: `elementary flow ${flow.id} (GreenLCA flow list, from ${flow.origin})` },
  };
}

/**
 * A custom factor's whole flow profile: its greenhouse gases (from `gases`, as flows to unspecified
 * air) and the other flows it names. Greenhouse-gas flows belong under `gases`, where they are also
 * counted in the climate result, so naming one under `flows` is refused rather than counted twice.
 */
export function customFlows(
  given: Record<string, number>, value: CharacterisedFactor, library: FactorLibrary, path: string, log: IssueLog,
): Map<string, Decimal> | undefined {
  const flows = flowList(library);
  const out = new Map<string, Decimal>();
  let ok = true;
  for (const [id, amount] of Object.entries(given)) {
    const flow = flowNamed(flows, id);
    if (!flow) {
      unknownFlow(id, flows, `${path}/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`, log);
      ok = false;
    } else if (asGas(flow)) {
      log.add('FACTOR_VALUE', `${path}/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`, `${id} is a greenhouse gas: give it under "gases"`,
        `"gases": { "${flow.ghg}": ${amount} } counts it in the climate result and in every method`);
      ok = false;
    } else if (!Number.isFinite(amount)) {
      log.add('FACTOR_VALUE', path, `the amount of ${id} is not a finite number`);
      ok = false;
    } else out.set(flow.id, (out.get(flow.id) ?? ZERO).plus(dec(amount)));
  }
  if (!ok) return undefined;
  for (const [flow, kg] of gasFlows(value, ghgFlowsOf(flows), (id) => library.substance(id)).flows) out.set(flow, (out.get(flow) ?? ZERO).plus(kg));
  return out;
}

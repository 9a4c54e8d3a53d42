/**
 * @module allocation — which outputs of a process are providers, and the factor each exchange gets.
 *
 * Rules (documented in the package README):
 * - A process's provider flows are its product outputs and waste inputs (not avoided). A process with one
 *   provider flow needs no allocation.
 * - The method is the one asked for, or with `USE_DEFAULT_ALLOCATION` (the default) the process's own
 *   `defaultAllocationMethod`; a process without one is not allocated — as openLCA does.
 * - Not allocated: only the quantitative reference is a provider and carries all burdens; the other
 *   outputs are listed as unallocated co-products (never silently treated as free providers).
 * - Physical / economic: every provider flow with a factor of that type becomes a provider, and its
 *   column takes the process's exchanges times that factor. Causal: the factor of (product, exchange).
 *   A factor that is missing counts as 1, with a warning (openLCA's default).
 * - Asked for an allocation the process has no factors for: not allocated, with a warning.
 *
 * GreenLCA's default for multi-output processes without an allocation method or factors (`multiOutput:
 * 'allocate-or-refuse'`, the default; openLCA instead lets the reference product carry everything, which
 * is `multiOutput: 'reference-product'` or an explicit `NO_ALLOCATION`):
 * - every provider output has a mass (flow property "Mass", reference or not): physical allocation by
 *   mass, factor = output's mass / total mass of the outputs;
 * - else every output has an energy content (flow property "Energy", or a "Net calorific value" /
 *   "Gross calorific value" factor, net preferred): physical allocation by energy;
 * - else the process is **refused**: none of its outputs is a provider, so consumers of them get a
 *   cut-off (reason `allocation-refused`), and calculating the process itself is an error. Nothing is
 *   charged to one product for the others.
 */
import type { AllocationType, Exchange, Flow, OlcaPackage, Process } from '../model.js';
import { unitIndex } from '../units.js';

export type AppliedAllocation = 'NO_ALLOCATION' | 'PHYSICAL_ALLOCATION' | 'ECONOMIC_ALLOCATION' | 'CAUSAL_ALLOCATION';

/** What to do with a multi-output process that has no allocation method or no factors for it. */
export type MultiOutputRule = 'allocate-or-refuse' | 'reference-product';

/** The default rule's outcome for one process. */
export type DefaultAllocation =
  | { kind: 'mass' | 'energy'; basis: string; shares: { flowId: string; flowName: string; amount: number; unit: string; share: number }[] }
  | { kind: 'refused'; reason: string; outputs: { flowId: string; flowName: string }[] };

export interface ProcessAllocation {
  method: AppliedAllocation;
  /** Flow ids of the provider flows that get a column (reference first). */
  providers: string[];
  /** Provider-type outputs that got no column (only when not allocated). */
  unallocated: Exchange[];
  /** Factor for `exchange` in the column of `productId`. */
  factor(productId: string, exchange: Exchange): number;
  warnings: string[];
  /** Set when GreenLCA's default rule for multi-output processes without factors applied (see module doc). */
  defaultRule?: DefaultAllocation;
}

/** Product output or waste input that is not avoided: something this process supplies. */
export function isProviderExchange(e: Exchange, flow: Flow | undefined): boolean {
  if (!flow || e.isAvoided) return false;
  return (flow.type === 'PRODUCT_FLOW' && !e.isInput) || (flow.type === 'WASTE_FLOW' && e.isInput);
}

const ONE = () => 1;

export function processAllocation(
  process: Process,
  pkg: OlcaPackage,
  requested: AllocationType = 'USE_DEFAULT_ALLOCATION',
  multiOutput: MultiOutputRule = 'allocate-or-refuse',
): ProcessAllocation {
  const flows = pkg.flows;
  const providerExchanges = process.exchanges.filter((e) => isProviderExchange(e, flows.get(e.flowId)));
  const ref = process.exchanges.find((e) => e.isQuantitativeReference);
  const refIsProvider = ref !== undefined && providerExchanges.includes(ref);
  const ordered = [...new Set([...(refIsProvider ? [ref.flowId] : []), ...providerExchanges.map((e) => e.flowId)])];
  const warnings: string[] = [];
  const none = (): ProcessAllocation => ({
    method: 'NO_ALLOCATION',
    providers: refIsProvider ? [ref.flowId] : [],
    unallocated: providerExchanges.filter((e) => !refIsProvider || e.flowId !== ref.flowId),
    factor: ONE,
    warnings,
  });
  if (ordered.length <= 1) return { ...none(), unallocated: [] };
  const useDefault = requested === 'USE_DEFAULT_ALLOCATION';
  let method: AllocationType = useDefault ? (process.defaultAllocationMethod ?? 'NO_ALLOCATION') : requested;
  if (method === 'USE_DEFAULT_ALLOCATION') method = 'NO_ALLOCATION';
  const byRule = () => (useDefault && multiOutput === 'allocate-or-refuse' ? defaultAllocation(process, pkg, providerExchanges, ordered) : undefined);
  if (method === 'NO_ALLOCATION') return byRule() ?? none();

  const factors = process.allocationFactors.filter((f) => f.type === method);
  if (!factors.length) {
    const d = byRule();
    if (d) return d;
    warnings.push(`process "${process.name}" has ${ordered.length} outputs but no ${method} factors: not allocated, the reference product carries all burdens`);
    return none();
  }
  const missing = new Set<string>();
  if (method === 'CAUSAL_ALLOCATION') {
    const byKey = new Map<string, number>();
    for (const f of factors) {
      if (!f.productId) continue;
      if (f.exchangeKey) byKey.set(`${f.productId}\u0000k${f.exchangeKey}`, f.value);
      if (f.exchangeFlowId) byKey.set(`${f.productId}\u0000f${f.exchangeFlowId}`, f.value);
    }
    return {
      method,
      providers: ordered,
      unallocated: [],
      factor(productId, e) {
        const v = byKey.get(`${productId}\u0000k${e.key}`) ?? byKey.get(`${productId}\u0000f${e.flowId}`);
        if (v !== undefined) return v;
        if (!missing.has(productId)) {
          missing.add(productId);
          warnings.push(`process "${process.name}": no causal factor for some exchanges of product ${productId}; they count with factor 1`);
        }
        return 1;
      },
      warnings,
    };
  }
  const byProduct = new Map<string, number>();
  for (const f of factors) if (f.productId) byProduct.set(f.productId, f.value);
  for (const pid of ordered) {
    if (!byProduct.has(pid)) warnings.push(`process "${process.name}": no ${method} factor for product ${pid}; it counts with factor 1`);
  }
  return {
    method: method as AppliedAllocation,
    providers: ordered,
    unallocated: [],
    factor: (productId) => byProduct.get(productId) ?? 1,
    warnings,
  };
}

const MASS = /^mass$/i;
const ENERGY = /^energy$/i;

/** Amount of a provider exchange in kg (mass) or MJ (energy), from its flow's property factors, if it has that property. */
function physicalAmount(pkg: OlcaPackage, e: Exchange, kind: 'mass' | 'energy'): { amount: number; unit: string; basis: string } | undefined {
  const flow = pkg.flows.get(e.flowId);
  if (!flow) return undefined;
  const units = unitIndex(pkg);
  const ref = units.toReference(flow, e.unitId, e.propertyId, e.unitName);
  if (!ref.ok) return undefined;
  const inRef = e.amount * ref.factor;
  const refPf = flow.properties.find((p) => p.isRef) ?? flow.properties[0];
  const candidates = flow.properties
    .map((pf) => ({ pf, prop: pkg.flowProperties.get(pf.propertyId) }))
    .filter(({ prop }) => prop && (kind === 'mass' ? MASS.test(prop.name) : ENERGY.test(prop.name) || /calorific value/i.test(prop.name)))
    // Energy: the flow's own energy property first, then net calorific value (LHV), then gross (HHV).
    .sort((a, b) => rank(a.prop!.name) - rank(b.prop!.name));
  const hit = candidates[0];
  if (!hit) return undefined;
  const group = hit.prop!.unitGroupId ? pkg.unitGroups.get(hit.prop!.unitGroupId) : undefined;
  const unit = group?.refUnit?.name ?? (kind === 'mass' ? 'kg' : 'MJ');
  // A flow property factor is the amount of that property per unit of the reference property.
  const perRef = hit.pf === refPf || hit.pf.isRef ? 1 : hit.pf.factor;
  return { amount: Math.abs(inRef * perRef), unit, basis: hit.prop!.name };
}

function rank(name: string): number {
  if (ENERGY.test(name) || MASS.test(name)) return 0;
  return /net/i.test(name) ? 1 : 2;
}

/** GreenLCA's default for a multi-output process without factors (module doc). */
function defaultAllocation(process: Process, pkg: OlcaPackage, outputs: readonly Exchange[], ordered: readonly string[]): ProcessAllocation {
  const warnings: string[] = [];
  const flowName = (id: string) => pkg.flows.get(id)?.name ?? id;
  for (const kind of ['mass', 'energy'] as const) {
    const amounts = new Map<string, { amount: number; unit: string; basis: string }>();
    let ok = true;
    for (const e of outputs) {
      const a = physicalAmount(pkg, e, kind);
      if (!a) {
        ok = false;
        break;
      }
      const prev = amounts.get(e.flowId);
      amounts.set(e.flowId, prev ? { ...prev, amount: prev.amount + a.amount } : a);
    }
    if (!ok) continue;
    const total = [...amounts.values()].reduce((s, a) => s + a.amount, 0);
    if (!(total > 0)) continue;
    const factorOf = new Map([...amounts].map(([id, a]) => [id, a.amount / total]));
    const bases = [...new Set([...amounts.values()].map((a) => a.basis))].join(', ');
    const shares = ordered.map((id) => ({ flowId: id, flowName: flowName(id), amount: amounts.get(id)!.amount, unit: amounts.get(id)!.unit, share: factorOf.get(id)! }));
    return {
      method: 'PHYSICAL_ALLOCATION',
      providers: [...ordered],
      unallocated: [],
      factor: (productId) => factorOf.get(productId) ?? 0,
      warnings,
      defaultRule: { kind, basis: bases, shares },
    };
  }
  const missing = outputs.filter((e) => !physicalAmount(pkg, e, 'mass')).map((e) => flowName(e.flowId));
  return {
    method: 'NO_ALLOCATION',
    providers: [],
    unallocated: [],
    factor: () => 0,
    warnings,
    defaultRule: {
      kind: 'refused',
      reason: `its ${ordered.length} outputs have neither all a mass nor all an energy content (no mass for: ${[...new Set(missing)].slice(0, 4).join('; ')}${missing.length > 4 ? ' …' : ''}), and it has no allocation factors`,
      outputs: ordered.map((id) => ({ flowId: id, flowName: flowName(id) })),
    },
  };
}

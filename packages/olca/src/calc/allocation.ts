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
 */
import type { AllocationType, Exchange, Flow, Process } from '../model.js';

export type AppliedAllocation = 'NO_ALLOCATION' | 'PHYSICAL_ALLOCATION' | 'ECONOMIC_ALLOCATION' | 'CAUSAL_ALLOCATION';

export interface ProcessAllocation {
  method: AppliedAllocation;
  /** Flow ids of the provider flows that get a column (reference first). */
  providers: string[];
  /** Provider-type outputs that got no column (only when not allocated). */
  unallocated: Exchange[];
  /** Factor for `exchange` in the column of `productId`. */
  factor(productId: string, exchange: Exchange): number;
  warnings: string[];
}

/** Product output or waste input that is not avoided: something this process supplies. */
export function isProviderExchange(e: Exchange, flow: Flow | undefined): boolean {
  if (!flow || e.isAvoided) return false;
  return (flow.type === 'PRODUCT_FLOW' && !e.isInput) || (flow.type === 'WASTE_FLOW' && e.isInput);
}

const ONE = () => 1;

export function processAllocation(
  process: Process,
  flows: ReadonlyMap<string, Flow>,
  requested: AllocationType = 'USE_DEFAULT_ALLOCATION',
): ProcessAllocation {
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
  let method: AllocationType = requested === 'USE_DEFAULT_ALLOCATION' ? (process.defaultAllocationMethod ?? 'NO_ALLOCATION') : requested;
  if (method === 'USE_DEFAULT_ALLOCATION') method = 'NO_ALLOCATION';
  if (method === 'NO_ALLOCATION') return none();

  const factors = process.allocationFactors.filter((f) => f.type === method);
  if (!factors.length) {
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

/**
 * Impact methods and the elementary-flow list (datasets/methods, datasets/flows), typed and loaded once,
 * lazily: the JSON files are large (EF 3.1 and TRACI have ~20k factors each, the flow list ~27k flows), so
 * they are dynamic imports (a separate chunk under Vite) read on first use and cached.
 *
 * @example
 * const ar6 = await methods.get('ipcc-ar6');
 * const flows = await elementaryFlows.byId();           // Map<flow id, ElementaryFlow>
 */
import { findMethod, ghgFlowOf, indexFlows, prepareMethod, type FlowIndex, type Lcia, type PreparedMethod } from '@greenlca/engine';
import type { ElementaryFlow, ElementaryFlowList, ImpactMethod } from '@greenlca/schema';

export const METHOD_IDS = ['ef-3.1', 'ipcc-ar4', 'ipcc-ar5', 'ipcc-ar6', 'traci-2.2'] as const;
export type MethodId = (typeof METHOD_IDS)[number];

const loaders: Record<MethodId, () => Promise<{ default: unknown }>> = {
  'ef-3.1': () => import('../methods/ef-3.1.json', { with: { type: 'json' } }),
  'ipcc-ar4': () => import('../methods/ipcc-ar4.json', { with: { type: 'json' } }),
  'ipcc-ar5': () => import('../methods/ipcc-ar5.json', { with: { type: 'json' } }),
  'ipcc-ar6': () => import('../methods/ipcc-ar6.json', { with: { type: 'json' } }),
  'traci-2.2': () => import('../methods/traci-2.2.json', { with: { type: 'json' } }),
};

const methodCache = new Map<MethodId, Promise<ImpactMethod>>();
let flowsCache: Promise<ElementaryFlowList> | undefined;
let flowIndex: Promise<Map<string, ElementaryFlow>> | undefined;

export const methods = {
  ids: METHOD_IDS,
  /** One method by id (cached); rejects for an unknown id. */
  get(id: string): Promise<ImpactMethod> {
    if (!(METHOD_IDS as readonly string[]).includes(id)) return Promise.reject(new Error(`unknown impact method "${id}" (known: ${METHOD_IDS.join(', ')})`));
    const key = id as MethodId;
    let p = methodCache.get(key);
    if (!p) methodCache.set(key, (p = loaders[key]().then((m) => m.default as ImpactMethod)));
    return p;
  },
  /** Every method, in METHOD_IDS order. */
  all(): Promise<ImpactMethod[]> {
    return Promise.all(METHOD_IDS.map((id) => methods.get(id)));
  },
};

export const elementaryFlows = {
  /** The whole list (compartments with their fallback chain, flows, licences, notes). */
  list(): Promise<ElementaryFlowList> {
    return (flowsCache ??= import('../flows/elementary-flows.json', { with: { type: 'json' } }).then((m) => m.default as unknown as ElementaryFlowList));
  },
  /** Flows by id. */
  byId(): Promise<Map<string, ElementaryFlow>> {
    return (flowIndex ??= elementaryFlows.list().then((l) => new Map(l.flows.map((f) => [f.id, f]))));
  },
};

/** A method name or id that fits none (or several) of the bundled methods. */
export class UnknownMethodError extends Error {
  constructor(readonly query: string, readonly known: { id: string; name: string }[]) {
    super(`unknown impact method "${query}": use one of ${known.map((m) => `${m.id} ("${m.name}")`).join(', ')}`);
  }
}

let lciaIndex: Promise<FlowIndex> | undefined;
const prepared = new Map<string, PreparedMethod>();

/**
 * The engine's LCIA input for bundled methods named by id, name or short form ("EF 3.1", "TRACI",
 * "AR6"): the flow list indexed once and each method prepared once per process.
 */
/** The bundled elementary-flow list, indexed once per process (for withFlows and bundledLcia). */
export function bundledFlowIndex(): Promise<FlowIndex> {
  return (lciaIndex ??= elementaryFlows.list().then(indexFlows));
}

export async function bundledLcia(queries: readonly string[]): Promise<Lcia> {
  const index = await bundledFlowIndex();
  // Ids need only their own file; a name or short form is matched against every method's name.
  const byId = (q: string) => METHOD_IDS.find((id) => id === q.trim().toLowerCase());
  const all = queries.every(byId) ? undefined : await methods.all();
  const chosen: PreparedMethod[] = [];
  for (const q of queries) {
    const id = byId(q);
    const m = id ? await methods.get(id) : findMethod(q, all!);
    if (!m) throw new UnknownMethodError(q, all!.map((x) => ({ id: x.id, name: x.name })));
    let p = prepared.get(m.id);
    if (!p) prepared.set(m.id, (p = prepareMethod(m, index)));
    if (!chosen.includes(p)) chosen.push(p);
  }
  return { index, ghgFlow: ghgFlowOf(index), methods: chosen };
}

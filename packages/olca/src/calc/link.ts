/**
 * @module link — connect exchanges that need a provider (product inputs, waste outputs, avoided
 * products and wastes) to the processes that supply them.
 *
 * Rules:
 * 1. In a product system from the package: its `processLinks`, and nothing else (as openLCA).
 * 2. Otherwise (auto-linking) the exchange's `defaultProvider` when that process supplies the flow
 *    (`PREFER_DEFAULTS`, the default; `IGNORE_DEFAULTS` skips this, `ONLY_DEFAULTS` stops here);
 *    else the process whose provider flow (its reference product, or an allocated co-product) is the flow.
 * 3. Several candidates: deterministic — same location as the consumer first, then unit processes before
 *    LCI results, then the smallest `@id`. Every such choice is reported in `ambiguous`.
 * 4. No candidate: the exchange is a cut-off, listed with the process, flow, amount and unit, and the
 *    reason (no provider at all, the flow is only an unallocated co-product of some process, or its
 *    only suppliers are multi-output processes the default allocation rule refused).
 */
import type { AllocationType, Exchange, OlcaPackage, Process, ProductSystem } from '../model.js';
import { processAllocation, type MultiOutputRule, type ProcessAllocation } from './allocation.js';

export type ProviderLinking = 'PREFER_DEFAULTS' | 'IGNORE_DEFAULTS' | 'ONLY_DEFAULTS';

export interface LinkOptions {
  /** Default `USE_DEFAULT_ALLOCATION` (each process's own default method; none = not allocated). */
  allocation?: AllocationType;
  /** Default `PREFER_DEFAULTS`. Ignored for product systems, which carry their own links. */
  providerLinking?: ProviderLinking;
  /**
   * Multi-output processes without an allocation method or factors, under `USE_DEFAULT_ALLOCATION`:
   * `allocate-or-refuse` (default: by mass, else by energy, else refused — see allocation.ts) or
   * `reference-product` (openLCA: the reference product carries all burdens).
   */
  multiOutput?: MultiOutputRule;
}

/** A provider flow: one column (and row) of the technosphere matrix. */
export interface TechFlow {
  processId: string;
  flowId: string;
}

export type LinkRule = 'product-system' | 'default-provider' | 'reference-product';

export interface Link {
  processId: string;
  exchangeKey: string;
  flowId: string;
  /** Index into {@link LinkedSystem.techFlows}. */
  provider: number;
  rule: LinkRule;
}

export type CutOffReason = 'no-provider' | 'co-product-only' | 'allocation-refused' | 'not-linked-in-product-system' | 'provider-not-in-package';

/** An exchange that needs a provider and has none: kept, listed, never dropped silently. */
export interface CutOff {
  processId: string;
  processName: string;
  exchangeKey: string;
  flowId: string;
  flowName: string;
  isInput: boolean;
  isAvoided: boolean;
  /** Amount and unit as written in the process (per its quantitative reference). */
  amount: number;
  unit: string;
  reason: CutOffReason;
  /** For `co-product-only` and `allocation-refused`: processes that output the flow (unallocated or refused). */
  coProductOf?: string[];
  /** For `allocation-refused`: ids of the refused processes. */
  refusedBy?: string[];
}

export interface AmbiguousLink {
  processId: string;
  processName: string;
  flowId: string;
  flowName: string;
  candidates: string[];
  chosen: string;
}

export interface UnallocatedCoProduct {
  processId: string;
  processName: string;
  flowId: string;
  flowName: string;
  amount: number;
  unit: string;
}

export interface LinkedSystem {
  pkg: OlcaPackage;
  techFlows: TechFlow[];
  /** Position of each tech flow, by `processId + "\0" + flowId`. */
  techIndex: Map<string, number>;
  /** Processes in the system, in column order of their first tech flow. */
  processIds: string[];
  /** Links by `processId + "\0" + exchangeKey`. */
  links: Map<string, Link>;
  cutoffs: CutOff[];
  ambiguous: AmbiguousLink[];
  unallocatedCoProducts: UnallocatedCoProduct[];
  allocation: Map<string, ProcessAllocation>;
  /** Multi-output processes the default rule refused (they supply nothing; their consumers have cut-offs). */
  refused: { processId: string; processName: string; reason: string; consumers: number }[];
  warnings: string[];
}

export const techKey = (processId: string, flowId: string): string => `${processId}\u0000${flowId}`;
const exchangeKey = (processId: string, key: string): string => `${processId}\u0000${key}`;

/** An exchange that must be linked to a provider: product input, waste output, or an avoided one. */
export function needsProvider(e: Exchange, pkg: OlcaPackage): boolean {
  const flow = pkg.flows.get(e.flowId);
  if (!flow) return false;
  if (flow.type === 'PRODUCT_FLOW') return e.isInput || e.isAvoided;
  if (flow.type === 'WASTE_FLOW') return !e.isInput || e.isAvoided;
  return false;
}

function unitName(pkg: OlcaPackage, e: Exchange): string {
  if (e.unitName) return e.unitName;
  for (const g of pkg.unitGroups.values()) for (const u of g.units) if (u.id === e.unitId) return u.name;
  return '';
}

class Builder {
  readonly techFlows: TechFlow[] = [];
  readonly techIndex = new Map<string, number>();
  readonly processIds: string[] = [];
  readonly links = new Map<string, Link>();
  readonly cutoffs: CutOff[] = [];
  readonly ambiguous: AmbiguousLink[] = [];
  readonly unallocatedCoProducts: UnallocatedCoProduct[] = [];
  readonly allocation = new Map<string, ProcessAllocation>();
  readonly warnings: string[] = [];
  private readonly queue: Process[] = [];
  private readonly added = new Set<string>();

  constructor(readonly pkg: OlcaPackage, readonly options: LinkOptions) {}

  allocationOf(p: Process): ProcessAllocation {
    let a = this.allocation.get(p.id);
    if (!a) {
      a = processAllocation(p, this.pkg, this.options.allocation, this.options.multiOutput);
      this.allocation.set(p.id, a);
    }
    return a;
  }

  /** Add a process with all its provider flows; returns false when it was there already. */
  addProcess(p: Process): boolean {
    if (this.added.has(p.id)) return false;
    this.added.add(p.id);
    this.processIds.push(p.id);
    const a = this.allocationOf(p);
    for (const flowId of a.providers) {
      this.techIndex.set(techKey(p.id, flowId), this.techFlows.length);
      this.techFlows.push({ processId: p.id, flowId });
    }
    for (const e of a.unallocated) {
      this.unallocatedCoProducts.push({
        processId: p.id, processName: p.name, flowId: e.flowId, flowName: this.pkg.flows.get(e.flowId)?.name ?? e.flowId,
        amount: e.amount, unit: unitName(this.pkg, e),
      });
    }
    this.warnings.push(...a.warnings);
    this.queue.push(p);
    return true;
  }

  next(): Process | undefined {
    return this.queue.shift();
  }

  link(p: Process, e: Exchange, provider: Process, rule: LinkRule): void {
    this.addProcess(provider);
    const index = this.techIndex.get(techKey(provider.id, e.flowId));
    if (index === undefined) throw new Error(`internal: ${provider.name} does not supply ${e.flowId}`);
    this.links.set(exchangeKey(p.id, e.key), { processId: p.id, exchangeKey: e.key, flowId: e.flowId, provider: index, rule });
  }

  cutOff(p: Process, e: Exchange, reason: CutOffReason, coProductOf?: string[], refusedBy?: string[]): void {
    const c: CutOff = {
      processId: p.id, processName: p.name, exchangeKey: e.key, flowId: e.flowId,
      flowName: this.pkg.flows.get(e.flowId)?.name ?? e.flowId, isInput: e.isInput, isAvoided: e.isAvoided,
      amount: e.amount, unit: unitName(this.pkg, e), reason,
    };
    if (coProductOf?.length) c.coProductOf = coProductOf;
    if (refusedBy?.length) c.refusedBy = refusedBy;
    this.cutoffs.push(c);
  }

  result(): LinkedSystem {
    const refused = new Map<string, { processId: string; processName: string; reason: string; consumers: number }>();
    for (const c of this.cutoffs) {
      if (c.reason !== 'allocation-refused') continue;
      for (const id of c.refusedBy ?? []) {
        const a = this.allocation.get(id);
        const r = refused.get(id) ?? { processId: id, processName: this.pkg.processes.get(id)?.name ?? id, reason: a?.defaultRule?.kind === 'refused' ? a.defaultRule.reason : '', consumers: 0 };
        r.consumers++;
        refused.set(id, r);
      }
    }
    return {
      pkg: this.pkg, techFlows: this.techFlows, techIndex: this.techIndex, processIds: this.processIds, links: this.links,
      cutoffs: this.cutoffs, ambiguous: this.ambiguous, unallocatedCoProducts: this.unallocatedCoProducts,
      allocation: this.allocation, refused: [...refused.values()], warnings: this.warnings,
    };
  }
}

/** Which processes supply each flow (under the allocation asked for), and which only co-produce it. */
interface ProviderTable {
  suppliers: Map<string, Process[]>;
  coProducers: Map<string, string[]>;
  /** Flows whose would-be suppliers were refused by the default allocation rule. */
  refused: Map<string, Process[]>;
}

function providerTable(pkg: OlcaPackage, b: Builder): ProviderTable {
  const suppliers = new Map<string, Process[]>();
  const coProducers = new Map<string, string[]>();
  const refused = new Map<string, Process[]>();
  const processes = [...pkg.processes.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  for (const p of processes) {
    const a = b.allocationOf(p);
    if (a.defaultRule?.kind === 'refused') {
      for (const o of a.defaultRule.outputs) {
        let list = refused.get(o.flowId);
        if (!list) refused.set(o.flowId, (list = []));
        list.push(p);
      }
    }
    for (const flowId of a.providers) {
      let list = suppliers.get(flowId);
      if (!list) suppliers.set(flowId, (list = []));
      list.push(p);
    }
    for (const e of a.unallocated) {
      let list = coProducers.get(e.flowId);
      if (!list) coProducers.set(e.flowId, (list = []));
      if (!list.includes(p.name)) list.push(p.name);
    }
  }
  return { suppliers, coProducers, refused };
}

/** Deterministic choice among several suppliers (see module doc, rule 3). */
function choose(consumer: Process, candidates: Process[]): Process {
  const score = (p: Process) => [p.location !== undefined && p.location === consumer.location ? 0 : 1, p.type === 'UNIT_PROCESS' ? 0 : 1];
  return [...candidates].sort((x, y) => {
    const [a1, a2] = score(x);
    const [b1, b2] = score(y);
    return a1! - b1! || a2! - b2! || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  })[0]!;
}

function autoLink(b: Builder, table: ProviderTable): void {
  const linking = b.options.providerLinking ?? 'PREFER_DEFAULTS';
  for (let p = b.next(); p; p = b.next()) {
    for (const e of p.exchanges) {
      if (!needsProvider(e, b.pkg)) continue;
      const suppliers = table.suppliers.get(e.flowId) ?? [];
      if (linking !== 'IGNORE_DEFAULTS' && e.defaultProviderId) {
        const d = suppliers.find((s) => s.id === e.defaultProviderId);
        if (d) {
          b.link(p, e, d, 'default-provider');
          continue;
        }
        if (!b.pkg.processes.has(e.defaultProviderId)) {
          b.warnings.push(`process "${p.name}": default provider ${e.defaultProviderId} of "${b.pkg.flows.get(e.flowId)?.name}" is not in the package`);
        }
      }
      if (linking === 'ONLY_DEFAULTS') {
        b.cutOff(p, e, e.defaultProviderId ? 'provider-not-in-package' : 'no-provider');
        continue;
      }
      if (!suppliers.length) {
        const refusedBy = table.refused.get(e.flowId);
        if (refusedBy) {
          b.cutOff(p, e, 'allocation-refused', refusedBy.map((r) => r.name), refusedBy.map((r) => r.id));
          continue;
        }
        const co = table.coProducers.get(e.flowId);
        b.cutOff(p, e, co ? 'co-product-only' : 'no-provider', co);
        continue;
      }
      const chosen = suppliers.length === 1 ? suppliers[0]! : choose(p, suppliers);
      if (suppliers.length > 1) {
        b.ambiguous.push({
          processId: p.id, processName: p.name, flowId: e.flowId, flowName: b.pkg.flows.get(e.flowId)?.name ?? e.flowId,
          candidates: suppliers.map((s) => s.id), chosen: chosen.id,
        });
      }
      b.link(p, e, chosen, 'reference-product');
    }
  }
}

/**
 * Link the whole package: every process is in the system (one column per provider flow), so one
 * factorisation serves the cradle-to-gate result of every product.
 */
export function linkDatabase(pkg: OlcaPackage, options: LinkOptions = {}): LinkedSystem {
  const b = new Builder(pkg, options);
  const table = providerTable(pkg, b);
  const sorted = [...pkg.processes.values()].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  for (const p of sorted) if (b.allocationOf(p).defaultRule?.kind !== 'refused') b.addProcess(p);
  autoLink(b, table);
  return b.result();
}

/** Link the supply chain of one process: only processes reachable from it. Its reference is column 0. */
export function linkFromProcess(pkg: OlcaPackage, processId: string, options: LinkOptions = {}): LinkedSystem {
  const root = pkg.processes.get(processId);
  if (!root) throw new Error(`process ${processId} is not in the package`);
  const b = new Builder(pkg, options);
  const table = providerTable(pkg, b);
  const own = b.allocationOf(root).defaultRule;
  if (own?.kind === 'refused') {
    throw new Error(
      `process "${root.name}" is refused: ${own.reason}. GreenLCA does not charge one product for the others; ` +
        'give the process allocation factors, or ask for openLCA\'s behaviour (the reference product carries all burdens) with allocation NO_ALLOCATION (CLI: --allocation none)',
    );
  }
  b.addProcess(root);
  autoLink(b, table);
  return b.result();
}

/** Use a product system's own process links (openLCA's behaviour); exchanges it does not link are cut-offs. */
export function linkProductSystem(pkg: OlcaPackage, system: ProductSystem, options: LinkOptions = {}): LinkedSystem {
  const root = pkg.processes.get(system.refProcessId);
  if (!root) throw new Error(`product system "${system.name}": reference process ${system.refProcessId} is not in the package`);
  const b = new Builder(pkg, options);
  b.addProcess(root);
  for (const id of system.processIds) {
    const p = pkg.processes.get(id);
    if (p) b.addProcess(p);
    else b.warnings.push(`product system "${system.name}" lists process ${id}, which is not in the package (a sub-system or result is not supported)`);
  }
  const byExchange = new Map<string, string>();
  const byFlow = new Map<string, string>();
  for (const l of system.links) {
    if (l.exchangeKey) byExchange.set(exchangeKey(l.processId, l.exchangeKey), l.providerId);
    byFlow.set(techKey(l.processId, l.flowId), l.providerId);
  }
  for (let p = b.next(); p; p = b.next()) {
    for (const e of p.exchanges) {
      if (!needsProvider(e, pkg)) continue;
      const providerId = byExchange.get(exchangeKey(p.id, e.key)) ?? byFlow.get(techKey(p.id, e.flowId));
      if (!providerId) {
        b.cutOff(p, e, 'not-linked-in-product-system');
        continue;
      }
      const provider = pkg.processes.get(providerId);
      if (provider && b.allocationOf(provider).defaultRule?.kind === 'refused') {
        b.cutOff(p, e, 'allocation-refused', [provider.name], [provider.id]);
        continue;
      }
      if (!provider || !b.allocationOf(provider).providers.includes(e.flowId)) {
        b.cutOff(p, e, 'provider-not-in-package');
        continue;
      }
      b.link(p, e, provider, 'product-system');
    }
  }
  return b.result();
}

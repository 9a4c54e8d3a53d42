/**
 * @module matrices — the technosphere matrix A and the intervention (biosphere) matrix B of a linked
 * openLCA system, built with the engine's matrix layer (`@greenlca/engine/matrix`): this module only
 * decides, from the package, which number goes where (signs, units, allocation); building, solving and
 * characterising are the engine's.
 *
 * Sign conventions (openLCA's): in A, outputs are positive and inputs negative, so a provider's own
 * product output is a positive diagonal entry, a waste treatment's waste input a negative one, a linked
 * product input a negative entry in its provider's row, a waste output a positive entry in its
 * treatment's row, and avoided products and wastes enter with the opposite sign. In B each elementary
 * flow has one direction (the direction it appears in most often, ties to output) and entries are
 * positive in that direction, so the inventory shows inputs and outputs as positive amounts as openLCA
 * does. All amounts are converted to the flow's reference unit first.
 *
 * Columns (processes, in the engine's words) and rows (products) of A are the linked system's tech flows
 * by index: product j is the provider flow of column j. B's rows are the package's elementary flow ids.
 */
import {
  buildBiosphere, buildTechnosphere, type Biosphere, type BiosphereExchange, type Technosphere, type TechnosphereExchange,
} from '@greenlca/engine/matrix';
import type { Exchange, OlcaPackage } from '../model.js';
import { unitIndex, type UnitIndex } from '../units.js';
import { isProviderExchange } from './allocation.js';
import { needsProvider, techKey, type LinkedSystem } from './link.js';

/** An elementary flow as a row of B. */
export interface EnviFlow {
  flowId: string;
  isInput: boolean;
}

export interface MatrixProblem {
  processId: string;
  flowId: string;
  message: string;
}

export interface SystemMatrices {
  /** A: tech flows × tech flows (engine ids: the tech flow index). */
  technosphere: Technosphere;
  /** B: elementary flows (engine ids: the package's flow ids) × tech flows. */
  biosphere: Biosphere;
  enviFlows: EnviFlow[];
  enviIndex: Map<string, number>;
  /** Exchanges left out because their amount could not be converted (unknown unit …). */
  problems: MatrixProblem[];
  /** Number of exchanges by role, for the result's statistics. */
  counts: { exchanges: number; elementary: number; linked: number; cutOff: number; providerOutputs: number; coProducts: number };
}

/** Amount of an exchange in its flow's reference unit, or a problem. */
export function referenceAmount(units: UnitIndex, pkg: OlcaPackage, e: Exchange): { ok: true; value: number } | { ok: false; message: string } {
  const flow = pkg.flows.get(e.flowId);
  if (!flow) return { ok: false, message: `flow ${e.flowId} is not in the package` };
  const c = units.toReference(flow, e.unitId, e.propertyId, e.unitName);
  return c.ok ? { ok: true, value: e.amount * c.factor } : { ok: false, message: c.problem.message };
}

export function buildMatrices(system: LinkedSystem): SystemMatrices {
  const { pkg, techFlows } = system;
  const units = unitIndex(pkg);
  const A: TechnosphereExchange[] = [];
  const B: BiosphereExchange[] = [];
  const problems: MatrixProblem[] = [];
  const counts = { exchanges: 0, elementary: 0, linked: 0, cutOff: 0, providerOutputs: 0, coProducts: 0 };

  // Direction of each elementary flow: the one it appears in most often in this system.
  const votes = new Map<string, number>();
  for (const pid of system.processIds) {
    for (const e of pkg.processes.get(pid)!.exchanges) {
      if (pkg.flows.get(e.flowId)?.type !== 'ELEMENTARY_FLOW') continue;
      votes.set(e.flowId, (votes.get(e.flowId) ?? 0) + (e.isInput ? 1 : -1));
    }
  }
  const enviFlows: EnviFlow[] = [...votes.keys()].sort().map((flowId) => ({ flowId, isInput: votes.get(flowId)! > 0 }));
  const enviIndex = new Map(enviFlows.map((f, i) => [f.flowId, i]));

  for (const pid of system.processIds) {
    const process = pkg.processes.get(pid)!;
    const alloc = system.allocation.get(pid)!;
    const columns = alloc.providers.map((flowId) => ({ flowId, j: system.techIndex.get(techKey(pid, flowId))! }));
    for (const e of process.exchanges) {
      counts.exchanges++;
      const flow = pkg.flows.get(e.flowId);
      const amount = referenceAmount(units, pkg, e);
      if (!amount.ok) {
        problems.push({ processId: pid, flowId: e.flowId, message: `process "${process.name}": ${amount.message}; exchange left out` });
        continue;
      }
      const a = amount.value;
      if (flow?.type === 'ELEMENTARY_FLOW') {
        counts.elementary++;
        const sign = e.isInput === enviFlows[enviIndex.get(e.flowId)!]!.isInput ? 1 : -1;
        for (const { flowId, j } of columns) B.push({ process: j, flow: e.flowId, amount: sign * a * alloc.factor(flowId, e) });
        continue;
      }
      if (isProviderExchange(e, flow)) {
        const own = columns.find((c) => c.flowId === e.flowId);
        if (own) {
          counts.providerOutputs++;
          // Output product: +a; waste input of a treatment: -a.
          A.push({ process: own.j, product: own.j, amount: e.isInput ? -a : a });
        } else counts.coProducts++; // unallocated co-product, listed by the linker
        continue;
      }
      if (!needsProvider(e, pkg)) continue; // e.g. a flow missing from the package (reported when read)
      const link = system.links.get(`${pid}\u0000${e.key}`);
      if (!link) {
        counts.cutOff++;
        continue;
      }
      counts.linked++;
      // Product input: -a; waste output: +a; an avoided one the other way round.
      let sign = e.isInput ? -1 : 1;
      if (e.isAvoided && flow?.type === 'PRODUCT_FLOW' && !e.isInput) sign = 1; // avoided product written as an output
      if (e.isAvoided && flow?.type === 'PRODUCT_FLOW' && e.isInput) sign = 1; // olca-schema: stored as input, credited
      if (e.isAvoided && flow?.type === 'WASTE_FLOW') sign = -1;
      for (const { flowId, j } of columns) A.push({ process: j, product: link.provider, amount: sign * a * alloc.factor(flowId, e) });
    }
  }
  const nameOf = (j: number) => {
    const t = techFlows[j]!;
    const p = pkg.processes.get(t.processId)?.name ?? t.processId;
    const f = pkg.flows.get(t.flowId)?.name ?? t.flowId;
    return p === f ? p : `${p} | ${f}`;
  };
  const technosphere = buildTechnosphere(techFlows.map((_, j) => ({ id: j, name: nameOf(j) })), A);
  const biosphere = buildBiosphere(technosphere.processes, B, enviFlows.map((f) => ({ id: f.flowId, name: pkg.flows.get(f.flowId)?.name ?? f.flowId })));
  return { technosphere, biosphere, enviFlows, enviIndex, problems, counts };
}

/**
 * @module database — cradle-to-gate results per unit of every product of a linked database, from one
 * factorisation by the engine's matrix layer: one Aᵀ solve per impact category (λ = A⁻ᵀ(C·B)ᵀ, and
 * λ[j] is the impact of one unit of product j).
 */
import { characterisedBiosphere, lcaSystem } from '@greenlca/engine/matrix';
import type { Solver } from '@greenlca/sparse';
import { packageCharacterisation, type ImpactSpec } from './characterisation.js';
import { techKey, type LinkedSystem } from './link.js';
import { buildMatrices } from './matrices.js';
import { factorise, referenceDemand, linkStatistics, type LinkStatistics } from './calculate.js';

export interface ProductResult {
  /** Index of the product's tech flow in the system. */
  techFlow: number;
  processId: string;
  processName: string;
  flowId: string;
  flowName: string;
  /** Reference unit of the product flow; `impacts` are per one of it. */
  unit: string;
  /** Impact per reference unit, by impact id. */
  impacts: Record<string, number>;
  /** What the product's supply chain (the processes it reaches through links) contains. */
  chain: {
    processes: number;
    /** Exchanges without a provider in the chain. */
    cutOffs: number;
    /** Exchanges of the chain that need a provider (linked or cut off): `cutOffs / inputs` is the chain's cut-off share. */
    inputs: number;
    processesWithCutOffs: number;
    /** Processes in the chain with several outputs and no allocation (the reference output carries all). */
    unallocatedProcesses: number;
    /** Their ids, the product's own process first if it is one. */
    unallocatedProcessIds: string[];
  };
}

export interface DatabaseResults {
  products: ProductResult[];
  statistics: LinkStatistics;
  warnings: string[];
}

/**
 * Calculate one reference unit of every provider flow of a linked database (see {@link linkDatabase}).
 *
 * @example
 * const db = linkDatabase(pkg);
 * const { products } = calculateDatabase(db, gwpMethod(pkg, substances, 'AR6').impacts);
 */
export function calculateDatabase(system: LinkedSystem, impacts: readonly ImpactSpec[], options: { solver?: Solver } = {}): DatabaseResults {
  const { pkg } = system;
  const matrices = buildMatrices(system);
  const lca = lcaSystem(matrices.technosphere, matrices.biosphere, packageCharacterisation(matrices.biosphere, matrices.enviFlows, impacts));
  const n = system.techFlows.length;
  const sign = system.techFlows.map((_, j) => referenceDemand(system, j).sign);
  // perUnit[k][j]: row k of (C·B)·A⁻¹ at column j.
  const perUnit = factorise(matrices, options.solver).solveTransposedMany(characterisedBiosphere(lca)).map((s) => s.x);

  // Supply chains: columns reachable through links.
  const providersOf: number[][] = Array.from({ length: n }, () => []);
  for (const link of system.links.values()) {
    const alloc = system.allocation.get(link.processId)!;
    for (const flowId of alloc.providers) providersOf[system.techIndex.get(techKey(link.processId, flowId))!]!.push(link.provider);
  }
  const linksByProcess = new Map<string, number>();
  for (const link of system.links.values()) linksByProcess.set(link.processId, (linksByProcess.get(link.processId) ?? 0) + 1);
  const cutOffsByProcess = new Map<string, number>();
  for (const c of system.cutoffs) cutOffsByProcess.set(c.processId, (cutOffsByProcess.get(c.processId) ?? 0) + 1);

  const products: ProductResult[] = system.techFlows.map((t, j) => {
    const seen = new Uint8Array(n);
    const stack = [j];
    seen[j] = 1;
    const processes = new Set<string>();
    while (stack.length) {
      const c = stack.pop()!;
      processes.add(system.techFlows[c]!.processId);
      for (const p of providersOf[c]!) if (!seen[p]) (seen[p] = 1), stack.push(p);
    }
    let cutOffs = 0;
    let inputs = 0;
    let withCutOffs = 0;
    const unallocatedProcessIds: string[] = [];
    for (const pid of processes) {
      const k = cutOffsByProcess.get(pid) ?? 0;
      cutOffs += k;
      inputs += k + (linksByProcess.get(pid) ?? 0);
      if (k) withCutOffs++;
      if (system.allocation.get(pid)?.unallocated.length) unallocatedProcessIds.push(pid);
    }
    unallocatedProcessIds.sort((a, b) => (a === t.processId ? -1 : b === t.processId ? 1 : a < b ? -1 : 1));
    const values: Record<string, number> = {};
    impacts.forEach((spec, k) => (values[spec.id] = sign[j]! * perUnit[k]![j]!));
    const flow = pkg.flows.get(t.flowId)!;
    return {
      techFlow: j,
      processId: t.processId,
      processName: pkg.processes.get(t.processId)!.name,
      flowId: t.flowId,
      flowName: flow.name,
      unit: referenceDemand(system, j).unit,
      impacts: values,
      chain: { processes: processes.size, cutOffs, inputs, processesWithCutOffs: withCutOffs, unallocatedProcesses: unallocatedProcessIds.length, unallocatedProcessIds },
    };
  });
  return { products, statistics: linkStatistics(system, matrices), warnings: [...system.warnings, ...matrices.problems.map((p) => p.message)] };
}

/**
 * @module calculate — calculate a process (its linked supply chain) or a product system of a package
 * with impact categories, and report as openLCA does: total impact per category, direct contribution
 * of each process (characterised B·diag(s)), the inventory, scaling factors, and the cut-offs.
 */
import type { OlcaPackage } from '../model.js';
import { unitIndex } from '../units.js';
import { characterisedInterventions, diagonal, solveDemand, type LinearSolver } from './algebra.js';
import { buildCharacterisation, type ImpactSpec } from './characterisation.js';
import { linkFromProcess, linkProductSystem, techKey, type AmbiguousLink, type CutOff, type LinkedSystem, type LinkOptions, type UnallocatedCoProduct } from './link.js';
import { buildMatrices, referenceAmount, type SystemMatrices } from './matrices.js';
import { sparseSolver } from './sparse-solver.js';

export interface CalculateOptions extends LinkOptions {
  /** Default: {@link sparseSolver} (`@greenlca/sparse`). */
  solver?: LinearSolver;
  /** Impact categories to characterise with (from {@link impactsFromPackage} or a GWP method). */
  impacts?: readonly ImpactSpec[];
  /** Amount of the reference flow, in its reference unit. Default: the process's reference amount, or the product system's target. */
  amount?: number;
}

export interface ContributionRow {
  processId: string;
  processName: string;
  flowId: string;
  flowName: string;
  amount: number;
  /** Share of the category total (0 when the total is 0). */
  share: number;
}

export interface ImpactRow {
  id: string;
  name: string;
  refUnit: string;
  amount: number;
  /** Direct contributions by process, largest magnitude first, zeros left out. */
  byProcess: ContributionRow[];
}

export interface InventoryRow {
  flowId: string;
  name: string;
  category: string;
  isInput: boolean;
  unit: string;
  amount: number;
}

export interface ScalingRow {
  processId: string;
  processName: string;
  flowId: string;
  flowName: string;
  scalingFactor: number;
  /** Amount of the provider flow the system needs: A[j][j]·s[j], in the flow's reference unit. */
  totalRequirement: number;
  unit: string;
}

export interface CutOffRow extends CutOff {
  /** The cut-off amount for this calculation: the written amount times the process's scaling factor. */
  scaledAmount: number;
}

export interface LinkStatistics {
  processes: number;
  techFlows: number;
  exchanges: number;
  /** Exchanges that need a provider (product inputs, waste outputs, avoided ones). */
  linkable: number;
  linked: number;
  cutOff: number;
  /** cutOff / linkable. */
  cutOffShare: number;
  processesWithCutOffs: number;
  processesWithCutOffsShare: number;
  ambiguousLinks: number;
  unallocatedCoProducts: number;
}

export interface OlcaResult {
  target: { processId: string; processName: string; flowId: string; flowName: string; amount: number; unit: string };
  impacts: ImpactRow[];
  inventory: InventoryRow[];
  scaling: ScalingRow[];
  cutoffs: CutOffRow[];
  ambiguous: AmbiguousLink[];
  unallocatedCoProducts: UnallocatedCoProduct[];
  statistics: LinkStatistics;
  warnings: string[];
}

/** Link statistics of a system (what share of processes and exchanges are cut off). */
export function linkStatistics(system: LinkedSystem, matrices: SystemMatrices): LinkStatistics {
  const linkable = matrices.counts.linked + matrices.counts.cutOff;
  const withCutOffs = new Set(system.cutoffs.map((c) => c.processId)).size;
  return {
    processes: system.processIds.length,
    techFlows: system.techFlows.length,
    exchanges: matrices.counts.exchanges,
    linkable,
    linked: matrices.counts.linked,
    cutOff: system.cutoffs.length,
    cutOffShare: linkable ? system.cutoffs.length / linkable : 0,
    processesWithCutOffs: withCutOffs,
    processesWithCutOffsShare: system.processIds.length ? withCutOffs / system.processIds.length : 0,
    ambiguousLinks: system.ambiguous.length,
    unallocatedCoProducts: system.unallocatedCoProducts.length,
  };
}

/** The reference amount (in reference units) and the sign of a tech flow's demand. */
export function referenceDemand(system: LinkedSystem, techFlow: number): { amount: number; sign: 1 | -1; unit: string } {
  const { pkg } = system;
  const tf = system.techFlows[techFlow]!;
  const p = pkg.processes.get(tf.processId)!;
  const e = p.exchanges.find((x) => x.flowId === tf.flowId && x.isQuantitativeReference) ?? p.exchanges.find((x) => x.flowId === tf.flowId);
  const units = unitIndex(pkg);
  const flow = pkg.flows.get(tf.flowId)!;
  const amount = e ? referenceAmount(units, pkg, e) : { ok: true as const, value: 1 };
  // A waste treatment supplies its service through a waste input: demand is negative (openLCA).
  return { amount: amount.ok ? amount.value : 1, sign: e?.isInput ? -1 : 1, unit: units.referenceUnitName(flow) ?? '' };
}

/** Calculate a linked system for `amount` (reference units) of tech flow `techFlow`. */
export function calculateLinked(
  system: LinkedSystem,
  target: { techFlow: number; amount?: number },
  options: { solver?: LinearSolver; impacts?: readonly ImpactSpec[] } = {},
): OlcaResult {
  const { pkg } = system;
  const matrices = buildMatrices(system);
  const impacts = options.impacts ?? [];
  const C = buildCharacterisation(matrices.enviFlows, impacts);
  const CB = characterisedInterventions(C, matrices.intervention);
  const n = system.techFlows.length;
  const ref = referenceDemand(system, target.techFlow);
  const amount = target.amount ?? ref.amount;
  const f = new Float64Array(n);
  f[target.techFlow] = ref.sign * amount;
  const F = (options.solver ?? sparseSolver).factorise(matrices.technosphere);
  const v = solveDemand(F, matrices.intervention, C, CB, f);
  const diag = diagonal(matrices.technosphere);
  const units = unitIndex(pkg);

  const tf = system.techFlows[target.techFlow]!;
  const nameOf = (processId: string) => pkg.processes.get(processId)?.name ?? processId;
  const flowName = (flowId: string) => pkg.flows.get(flowId)?.name ?? flowId;
  const impactRows: ImpactRow[] = impacts.map((spec, k) => {
    const total = v.impacts[k]!;
    const byProcess: ContributionRow[] = [];
    v.direct[k]!.forEach((value, j) => {
      if (value === 0) return;
      const t = system.techFlows[j]!;
      byProcess.push({
        processId: t.processId, processName: nameOf(t.processId), flowId: t.flowId, flowName: flowName(t.flowId),
        amount: value, share: total !== 0 ? value / total : 0,
      });
    });
    byProcess.sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount) || a.processId.localeCompare(b.processId));
    return { id: spec.id, name: spec.name, refUnit: spec.refUnit, amount: total, byProcess };
  });
  const inventory: InventoryRow[] = [];
  matrices.enviFlows.forEach((ef, i) => {
    const amount = v.inventory[i]!;
    if (amount === 0) return;
    const flow = pkg.flows.get(ef.flowId)!;
    inventory.push({ flowId: ef.flowId, name: flow.name, category: flow.category, isInput: ef.isInput, unit: units.referenceUnitName(flow) ?? '', amount });
  });
  const scaling: ScalingRow[] = system.techFlows.map((t, j) => ({
    processId: t.processId, processName: nameOf(t.processId), flowId: t.flowId, flowName: flowName(t.flowId),
    scalingFactor: v.scaling[j]!, totalRequirement: diag[j]! * v.scaling[j]!,
    unit: units.referenceUnitName(pkg.flows.get(t.flowId)!) ?? '',
  }));
  // A cut-off scales with its process's columns, each with its allocation factor for that exchange.
  const scaledCutOff = (c: CutOff) => {
    const process = pkg.processes.get(c.processId);
    const alloc = system.allocation.get(c.processId);
    const e = process?.exchanges.find((x) => x.key === c.exchangeKey);
    if (!process || !alloc || !e) return 0;
    let factor = 0;
    for (const flowId of alloc.providers) {
      const j = system.techIndex.get(techKey(c.processId, flowId));
      if (j !== undefined) factor += alloc.factor(flowId, e) * v.scaling[j]!;
    }
    return c.amount * factor;
  };
  const cutoffs: CutOffRow[] = system.cutoffs.map((c) => ({ ...c, scaledAmount: scaledCutOff(c) }));
  return {
    target: {
      processId: tf.processId, processName: nameOf(tf.processId), flowId: tf.flowId, flowName: flowName(tf.flowId),
      amount, unit: ref.unit,
    },
    impacts: impactRows,
    inventory,
    scaling,
    cutoffs,
    ambiguous: system.ambiguous,
    unallocatedCoProducts: system.unallocatedCoProducts,
    statistics: linkStatistics(system, matrices),
    warnings: [...system.warnings, ...matrices.problems.map((p) => p.message)],
  };
}

/**
 * Calculate a process with its supply chain linked by default provider / reference product.
 *
 * @example
 * const r = calculateProcess(pkg, processId, { impacts: gwpMethod(pkg, substances, 'AR6').impacts });
 * r.impacts[0].amount; // kg CO2e for the process's reference amount
 */
export function calculateProcess(pkg: OlcaPackage, processId: string, options: CalculateOptions = {}): OlcaResult {
  const system = linkFromProcess(pkg, processId, options);
  const target: { techFlow: number; amount?: number } = { techFlow: 0 };
  if (options.amount !== undefined) target.amount = options.amount;
  if (!system.techFlows.length || system.techFlows[0]!.processId !== processId) {
    throw new Error(`process "${pkg.processes.get(processId)?.name}" has no quantitative reference that is a product output or waste input; it cannot be calculated`);
  }
  return calculateLinked(system, target, options);
}

/** Calculate a product system of the package with its own process links and target amount. */
export function calculateProductSystem(pkg: OlcaPackage, systemId: string, options: CalculateOptions = {}): OlcaResult {
  const ps = pkg.productSystems.get(systemId);
  if (!ps) throw new Error(`product system ${systemId} is not in the package`);
  const system = linkProductSystem(pkg, ps, options);
  const root = pkg.processes.get(ps.refProcessId)!;
  const refExchange = (ps.refExchangeKey ? root.exchanges.find((e) => e.key === ps.refExchangeKey) : undefined) ??
    root.exchanges.find((e) => e.isQuantitativeReference);
  if (!refExchange) throw new Error(`product system "${ps.name}": reference exchange not found in process "${root.name}"`);
  const techFlow = system.techIndex.get(techKey(root.id, refExchange.flowId));
  if (techFlow === undefined) throw new Error(`product system "${ps.name}": the reference flow is not a provider flow of "${root.name}"`);
  let amount = options.amount;
  if (amount === undefined) {
    const flow = pkg.flows.get(refExchange.flowId)!;
    const c = unitIndex(pkg).toReference(flow, ps.targetUnitId, ps.targetPropertyId);
    if (!c.ok) throw new Error(`product system "${ps.name}": target unit: ${c.problem.message}`);
    amount = ps.targetAmount * c.factor;
  }
  return calculateLinked(system, { techFlow, amount }, options);
}

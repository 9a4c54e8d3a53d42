/**
 * @module calculate — calculate a process (its linked supply chain) or a product system of a package
 * with impact categories, and report as openLCA does: total impact per category, direct contribution
 * of each process (characterised B·diag(s)), the inventory, scaling factors, and the cut-offs.
 *
 * The matrices are built and solved by the engine's matrix layer (`@greenlca/engine/matrix`:
 * `lcaSystem`, `factoriseTechnosphere`, `lci`, `characterisedBiosphere`); a bundled impact method is
 * characterised by the engine too (`methodCharacterisation` over `prepareMethod`), through the flow
 * mapping of {@link mapPackageFlows}. This module adds what is openLCA's: targets, signs of demand,
 * cut-offs scaled by allocation, and the warnings.
 */
import type { PreparedMethod } from '@greenlca/engine';
import {
  characterisedBiosphere, factoriseTechnosphere, lci, lcaSystem, methodCharacterisation,
  type Characterisation, type TechnosphereFactorisation,
} from '@greenlca/engine/matrix';
import type { Solver } from '@greenlca/sparse';
import type { FlowMapping } from '../lcia/flow-mapping.js';
import type { OlcaPackage } from '../model.js';
import { unitIndex } from '../units.js';
import { packageCharacterisation, type ImpactSpec } from './characterisation.js';
import { linkFromProcess, linkProductSystem, techKey, type AmbiguousLink, type CutOff, type LinkedSystem, type LinkOptions, type UnallocatedCoProduct } from './link.js';
import { buildMatrices, referenceAmount, type EnviFlow, type SystemMatrices } from './matrices.js';

/** Cut-off share (cut-off exchanges / exchanges needing a provider) above which a result warns. */
export const CUT_OFF_WARNING_SHARE = 0.05;

/** A bundled impact method, prepared by the engine, and the package's flows mapped onto the flow list. */
export interface MethodInput {
  method: PreparedMethod;
  mapping: FlowMapping;
}

export interface CalculateOptions extends LinkOptions {
  /** Any `@greenlca/sparse` solver (default: its automatic solver, as the engine's matrix layer uses). */
  solver?: Solver;
  /** Impact categories to characterise with (from {@link impactsFromPackage} or a GWP method). */
  impacts?: readonly ImpactSpec[];
  /** A bundled method (EF 3.1, TRACI 2.2, IPCC …): replaces `impacts`, and adds {@link OlcaResult.flows}. */
  method?: MethodInput;
  /** Warn when the cut-off share is above this (default {@link CUT_OFF_WARNING_SHARE}). */
  cutOffWarningShare?: number;
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
  /** With a bundled method: elementary flows of the inventory with a factor in this category, by the method's rules. */
  factors?: { exact: number; broader: number; generic: number };
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

/** The inventory on the project's flow list (with a bundled method). */
export interface FlowInventory {
  mapping: string;
  /** Amounts of the project's elementary flows (positive: emitted, or taken for resources), summed over the package flows mapped to them. */
  mapped: { flow: string; amount: number; unit: string; sources: string[] }[];
  /** Package flows of the inventory that are not mapped (not characterised by the method), largest first. */
  unmapped: (InventoryRow & { reason: string })[];
  /** Counts of non-zero inventory flows, and the unmapped share of the inventory's mass (kg flows). */
  coverage: { mappedFlows: number; unmappedFlows: number; unmappedMassShare: number };
}

/** A warning of a result: what is not as the user might assume, and where. */
export interface ResultWarning {
  code: 'DEFAULT_ALLOCATION' | 'ALLOCATION_REFUSED' | 'NOT_ALLOCATED' | 'ALLOCATION' | 'CUT_OFF_SHARE' | 'UNMAPPED_FLOWS' | 'LINKING' | 'EXCHANGE_LEFT_OUT' | 'MISSING_CATEGORIES';
  message: string;
  processId?: string;
}

export interface OlcaResult {
  target: { processId: string; processName: string; flowId: string; flowName: string; amount: number; unit: string };
  /** With a bundled method: which one. */
  method?: { id: string; name: string; version: string; missingCategories: PreparedMethod['missingCategories'] };
  impacts: ImpactRow[];
  inventory: InventoryRow[];
  /** With a bundled method: the inventory on the project's flow list, and the flows left unmapped. */
  flows?: FlowInventory;
  /** Multi-output processes of the system allocated by GreenLCA's default rule, and refused ones. */
  defaultAllocation: { processId: string; processName: string; basis: string; shares: { flowName: string; share: number }[] }[];
  refused: LinkedSystem['refused'];
  scaling: ScalingRow[];
  cutoffs: CutOffRow[];
  ambiguous: AmbiguousLink[];
  unallocatedCoProducts: UnallocatedCoProduct[];
  statistics: LinkStatistics;
  warnings: ResultWarning[];
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

/** Impact categories of a calculation: C against B's rows and the categories' names and units. */
interface Categories {
  characterisation: Characterisation;
  list: { id: string; name: string; refUnit: string; factors?: { exact: number; broader: number; generic: number } }[];
}

/** The direction each B row reads as on the project's flow list: +1 when the row's direction is the flow's natural one. */
function directionScale(ef: EnviFlow, compartment: string): number {
  return ef.isInput === (compartment === 'resource') ? 1 : -1;
}

function categoriesOf(matrices: SystemMatrices, options: { impacts?: readonly ImpactSpec[]; method?: MethodInput }): Categories {
  const { biosphere, enviFlows } = matrices;
  if (options.method) {
    const { method, mapping } = options.method;
    const rows = enviFlows.flatMap((ef) => {
      const m = mapping.mapped.get(ef.flowId);
      return m ? [{ row: ef.flowId, flow: m.flow, scale: directionScale(ef, m.compartment) }] : [];
    });
    const r = methodCharacterisation(biosphere.flows, method, rows);
    return {
      characterisation: r.characterisation,
      list: method.categories.map((c, k) => ({
        id: c.id, name: c.name.en, refUnit: c.unit,
        factors: { exact: r.rules[k]!.exact, broader: r.rules[k]!['broader compartment'], generic: r.rules[k]!['generic substance'] },
      })),
    };
  }
  const impacts = options.impacts ?? [];
  return { characterisation: packageCharacterisation(biosphere, enviFlows, impacts), list: impacts.map((i) => ({ id: i.id, name: i.name, refUnit: i.refUnit })) };
}

/** Factorise A with the engine (named failures), starting the ordering from the demanded product. */
export function factorise(matrices: SystemMatrices, solver?: Solver, orderFrom?: number[]): TechnosphereFactorisation {
  return factoriseTechnosphere(matrices.technosphere, { ...(solver ? { solver } : {}), ...(orderFrom ? { orderFrom } : {}) });
}

/** Calculate a linked system for `amount` (reference units) of tech flow `techFlow`. */
export function calculateLinked(
  system: LinkedSystem,
  target: { techFlow: number; amount?: number },
  options: { solver?: Solver; impacts?: readonly ImpactSpec[]; method?: MethodInput; cutOffWarningShare?: number } = {},
): OlcaResult {
  const { pkg } = system;
  const matrices = buildMatrices(system);
  const categories = categoriesOf(matrices, options);
  const lca = lcaSystem(matrices.technosphere, matrices.biosphere, categories.characterisation);
  const n = system.techFlows.length;
  const ref = referenceDemand(system, target.techFlow);
  const amount = target.amount ?? ref.amount;
  const f = new Float64Array(n);
  f[target.techFlow] = ref.sign * amount;
  const v = lci(lca, factorise(matrices, options.solver, [target.techFlow]), f);
  for (let j = 0; j < n; j++) {
    if (!Number.isFinite(v.supply[j]!)) throw new Error('the technosphere matrix is singular for this demand (a scaling factor is not finite): check for processes without a reference amount or loops that produce nothing');
  }
  const CB = characterisedBiosphere(lca);
  const units = unitIndex(pkg);
  const A = matrices.technosphere.matrix;
  const diag = (j: number) => {
    let d = 0;
    for (let p = A.rowPtr[j]!; p < A.rowPtr[j + 1]!; p++) if (A.colIdx[p] === j) d += A.values[p]!;
    return d;
  };

  const tf = system.techFlows[target.techFlow]!;
  const nameOf = (processId: string) => pkg.processes.get(processId)?.name ?? processId;
  const flowName = (flowId: string) => pkg.flows.get(flowId)?.name ?? flowId;
  const impactRows: ImpactRow[] = categories.list.map((spec, k) => {
    const total = v.scores[k]!;
    const byProcess: ContributionRow[] = [];
    CB[k]!.forEach((cb, j) => {
      const value = cb * v.supply[j]!;
      if (value === 0) return;
      const t = system.techFlows[j]!;
      byProcess.push({
        processId: t.processId, processName: nameOf(t.processId), flowId: t.flowId, flowName: flowName(t.flowId),
        amount: value, share: total !== 0 ? value / total : 0,
      });
    });
    byProcess.sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount) || a.processId.localeCompare(b.processId));
    return { id: spec.id, name: spec.name, refUnit: spec.refUnit, amount: total, ...(spec.factors ? { factors: spec.factors } : {}), byProcess };
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
    scalingFactor: v.supply[j]!, totalRequirement: diag(j) * v.supply[j]!,
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
      if (j !== undefined) factor += alloc.factor(flowId, e) * v.supply[j]!;
    }
    return c.amount * factor;
  };
  const cutoffs: CutOffRow[] = system.cutoffs.map((c) => ({ ...c, scaledAmount: scaledCutOff(c) }));
  const statistics = linkStatistics(system, matrices);

  let flows: FlowInventory | undefined;
  if (options.method) flows = flowInventory(options.method.mapping, matrices.enviFlows, inventory);

  const defaultAllocation: OlcaResult['defaultAllocation'] = [];
  for (const pid of system.processIds) {
    const rule = system.allocation.get(pid)?.defaultRule;
    if (rule && rule.kind !== 'refused') {
      defaultAllocation.push({ processId: pid, processName: nameOf(pid), basis: rule.basis, shares: rule.shares.map((s) => ({ flowName: s.flowName, share: s.share })) });
    }
  }
  const warnings = resultWarnings(system, matrices, statistics, cutoffs, defaultAllocation, flows, options);
  return {
    target: {
      processId: tf.processId, processName: nameOf(tf.processId), flowId: tf.flowId, flowName: flowName(tf.flowId),
      amount, unit: ref.unit,
    },
    ...(options.method ? { method: { id: options.method.method.id, name: options.method.method.name, version: options.method.method.version, missingCategories: options.method.method.missingCategories } } : {}),
    impacts: impactRows,
    inventory,
    ...(flows ? { flows } : {}),
    defaultAllocation,
    refused: system.refused,
    scaling,
    cutoffs,
    ambiguous: system.ambiguous,
    unallocatedCoProducts: system.unallocatedCoProducts,
    statistics,
    warnings,
  };
}

/** The inventory on the project's flow list: mapped rows summed per flow, unmapped rows listed. */
export function flowInventory(mapping: FlowMapping, enviFlows: readonly EnviFlow[], inventory: readonly InventoryRow[]): FlowInventory {
  const byFlow = new Map<string, { flow: string; amount: number; unit: string; sources: string[] }>();
  const unmapped: FlowInventory['unmapped'] = [];
  const direction = new Map(enviFlows.map((e) => [e.flowId, e]));
  let unmappedMass = 0;
  let totalMass = 0;
  for (const row of inventory) {
    const m = mapping.mapped.get(row.flowId);
    if (row.unit === 'kg') totalMass += Math.abs(row.amount);
    if (!m) {
      if (row.unit === 'kg') unmappedMass += Math.abs(row.amount);
      unmapped.push({ ...row, reason: mapping.unmapped.get(row.flowId)?.reason ?? 'not mapped' });
      continue;
    }
    const amount = directionScale(direction.get(row.flowId)!, m.compartment) * row.amount;
    const r = byFlow.get(m.flow) ?? { flow: m.flow, amount: 0, unit: m.unit, sources: [] };
    r.amount += amount;
    r.sources.push(row.flowId);
    byFlow.set(m.flow, r);
  }
  unmapped.sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount) || a.flowId.localeCompare(b.flowId));
  const mapped = [...byFlow.values()].sort((a, b) => a.flow.localeCompare(b.flow));
  return { mapping: mapping.source, mapped, unmapped, coverage: { mappedFlows: mapped.length, unmappedFlows: unmapped.length, unmappedMassShare: totalMass ? unmappedMass / totalMass : 0 } };
}

function resultWarnings(
  system: LinkedSystem,
  matrices: SystemMatrices,
  s: LinkStatistics,
  cutoffs: readonly CutOffRow[],
  defaultAllocation: OlcaResult['defaultAllocation'],
  flows: FlowInventory | undefined,
  options: { method?: MethodInput; cutOffWarningShare?: number },
): ResultWarning[] {
  const out: ResultWarning[] = [];
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  for (const d of defaultAllocation) {
    out.push({
      code: 'DEFAULT_ALLOCATION', processId: d.processId,
      message: `process "${d.processName}" has ${d.shares.length} outputs and no allocation factors: allocated by ${d.basis} (GreenLCA's default): ${d.shares.map((x) => `${x.flowName} ${pct(x.share)}`).join(', ')}`,
    });
  }
  for (const r of system.refused) {
    out.push({
      code: 'ALLOCATION_REFUSED', processId: r.processId,
      message: `process "${r.processName}" is refused (${r.reason}): its products are not provided, so ${r.consumers} input${r.consumers === 1 ? '' : 's'} of this system that need them are cut off (reason allocation-refused); with allocation NO_ALLOCATION (CLI --allocation none) its reference product would carry all burdens instead`,
    });
  }
  const unallocated = new Map<string, { name: string; n: number }>();
  for (const c of system.unallocatedCoProducts) {
    const u = unallocated.get(c.processId) ?? { name: c.processName, n: 0 };
    u.n++;
    unallocated.set(c.processId, u);
  }
  for (const [id, u] of unallocated) {
    out.push({ code: 'NOT_ALLOCATED', processId: id, message: `process "${u.name}" is not allocated: its reference product carries all burdens and its ${u.n} co-product${u.n === 1 ? '' : 's'} none` });
  }
  for (const w of system.warnings) out.push({ code: /alloc|factor/i.test(w) ? 'ALLOCATION' : 'LINKING', message: w });
  for (const p of matrices.problems) out.push({ code: 'EXCHANGE_LEFT_OUT', processId: p.processId, message: p.message });
  const threshold = options.cutOffWarningShare ?? CUT_OFF_WARNING_SHARE;
  if (s.cutOff && s.cutOffShare > threshold) {
    const largest = [...cutoffs].sort((a, b) => Math.abs(b.scaledAmount) - Math.abs(a.scaledAmount)).slice(0, 3)
      .map((c) => `${c.flowName} ${Number(c.scaledAmount.toPrecision(3))} ${c.unit}`);
    out.push({
      code: 'CUT_OFF_SHARE',
      message: `${s.cutOff} of ${s.linkable} inputs that need a provider (${pct(s.cutOffShare)}, above ${pct(threshold)}) are cut off in ${s.processesWithCutOffs} of ${s.processes} processes: their burdens are not in the result (largest: ${largest.join('; ')})`,
    });
  }
  if (flows && flows.unmapped.length) {
    out.push({
      code: 'UNMAPPED_FLOWS',
      message: `${flows.unmapped.length} of ${flows.unmapped.length + flows.coverage.mappedFlows} elementary flows of the inventory (${pct(flows.coverage.unmappedMassShare)} of its mass in kg) are not mapped to the flow list and have no factor in any category (listed in flows.unmapped)`,
    });
  }
  if (options.method?.method.missingCategories.length) {
    out.push({ code: 'MISSING_CATEGORIES', message: `${options.method.method.name} categories not in its source files (gaps, not zeros): ${options.method.method.missingCategories.map((c) => c.name).join(', ')}` });
  }
  return out;
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

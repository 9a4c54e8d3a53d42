import { readFile } from 'node:fs/promises';
import type { GwpSet } from '@greenlca/schema';
import { findMethod, indexFlows, prepareMethod } from '@greenlca/engine';
import {
  buildMatrices, calculateProcess, calculateProductSystem, gwpMethod, impactsFromPackage, linkDatabase, linkStatistics, mapPackageFlows,
  parseMappingCsv, readPackage,
  type AllocationType, type ImpactSpec, type MethodInput, type OlcaPackage, type OlcaResult,
} from '@greenlca/olca';
import { bundledSubstances, elementaryFlows, methods } from '@greenlca/datasets';
import { flagsOfUsage, flagString, parseArgs, UsageError, type Io } from '../io.js';
import { formatNumber, textTable } from '../table.js';
import type { Command } from './index.js';

const USAGE =
  'greenlca olca inspect ZIP [--format table|json]\n' +
  '       greenlca olca export PRODUCT.json --out FILE.zip [--gwp AR4|AR5|AR6]\n' +
  '       greenlca olca calc ZIP (--process NAME|ID | --system NAME|ID) [--gwp AR4|AR5|AR6] [--method NAME|ID] [--amount N]\n' +
  '                          (--method: a bundled method, "EF 3.1", "TRACI 2.2", AR4/AR5/AR6, or an LCIA method of the package)\n' +
  '                          [--allocation default|none|physical|economic|causal] [--top N] [--format table|json]';

const ALLOCATION: Record<string, AllocationType> = {
  default: 'USE_DEFAULT_ALLOCATION', none: 'NO_ALLOCATION', physical: 'PHYSICAL_ALLOCATION', economic: 'ECONOMIC_ALLOCATION', causal: 'CAUSAL_ALLOCATION',
};

export const command: Command = {
  summary: 'Inspect or calculate an openLCA JSON-LD package (olca-schema v1 or v2), e.g. the US LCI database; export a product as one.',
  usage: USAGE,
  async run(args, io) {
    if (args[0] === 'export') return (await import('./olca-export.js')).command.run(args.slice(1), io);
    const { positionals, flags } = parseArgs(args, flagsOfUsage(USAGE));
    const [sub, file, ...rest] = positionals;
    if ((sub !== 'inspect' && sub !== 'calc') || !file || rest.length) throw new UsageError(`usage: ${USAGE}`);
    const format = flagString(flags, 'format') ?? 'table';
    if (format !== 'json' && format !== 'table') throw new UsageError(`--format must be json or table, not "${format}"`);
    const pkg = await load(io.path(file));
    return sub === 'inspect' ? inspect(pkg, format, io) : await calc(pkg, flags, format, io);
  },
};

async function load(path: string): Promise<OlcaPackage> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(error as Error).message}`, 1, code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE');
  }
  try {
    return readPackage(bytes);
  } catch (error) {
    throw new UsageError(`${path} is not an openLCA JSON-LD zip package: ${(error as Error).message}`, 1, 'NOT_AN_OLCA_PACKAGE');
  }
}

/** Find an entity by id, exact name (any case), or a unique part of the name. */
function find<T extends { id: string; name: string }>(items: Iterable<T>, query: string, what: string): T {
  const all = [...items];
  const byId = all.find((x) => x.id === query);
  if (byId) return byId;
  const q = query.toLowerCase();
  const exact = all.filter((x) => x.name.toLowerCase() === q);
  if (exact.length === 1) return exact[0]!;
  const partial = exact.length ? exact : all.filter((x) => x.name.toLowerCase().includes(q));
  if (partial.length === 1) return partial[0]!;
  if (!partial.length) throw new UsageError(`no ${what} matches "${query}"`, 1, 'NO_MATCH');
  const list = partial.slice(0, 10).map((x) => `  ${x.id}  ${x.name}`).join('\n');
  throw new UsageError(`${partial.length} ${what}es match "${query}"; give the id or the full name:\n${list}${partial.length > 10 ? '\n  …' : ''}`, 1, 'AMBIGUOUS_MATCH');
}

function inspect(pkg: OlcaPackage, format: string, io: Io): number {
  const system = linkDatabase(pkg);
  const stats = linkStatistics(system, buildMatrices(system));
  const gwp = gwpMethod(pkg, bundledSubstances, 'AR6');
  const flowTypes: Record<string, number> = {};
  for (const f of pkg.flows.values()) flowTypes[f.type] = (flowTypes[f.type] ?? 0) + 1;
  const reasons: Record<string, number> = {};
  const byFlow = new Map<string, { name: string; processes: number }>();
  for (const c of system.cutoffs) {
    reasons[c.reason] = (reasons[c.reason] ?? 0) + 1;
    const b = byFlow.get(c.flowId) ?? { name: c.flowName, processes: 0 };
    b.processes++;
    byFlow.set(c.flowId, b);
  }
  const topCutOffs = [...byFlow.entries()].sort((a, b) => b[1].processes - a[1].processes || a[1].name.localeCompare(b[1].name)).slice(0, 15);
  const ambiguous = [...new Map(system.ambiguous.map((a) => [a.flowId, a])).values()].map((a) => ({
    flow: a.flowName, candidates: a.candidates.map((c) => pkg.processes.get(c)?.name ?? c), chosen: pkg.processes.get(a.chosen)?.name ?? a.chosen,
    consumers: system.ambiguous.filter((x) => x.flowId === a.flowId).length,
  }));
  const unallocatedProcesses = [...system.allocation.values()].filter((a) => a.unallocated.length).length;
  const rules = [...system.allocation.values()].map((a) => a.defaultRule?.kind).filter(Boolean);
  const defaultAllocation = { byMass: rules.filter((k) => k === 'mass').length, byEnergy: rules.filter((k) => k === 'energy').length, refused: rules.filter((k) => k === 'refused').length };
  const report = {
    schemaVersion: pkg.schemaVersion, versionSource: pkg.versionSource, files: pkg.counts,
    processes: pkg.processes.size, flows: pkg.flows.size, flowTypes,
    impactMethods: [...pkg.impactMethods.values()].map((m) => ({ id: m.id, name: m.name, categories: m.categoryIds.length })),
    productSystems: [...pkg.productSystems.values()].map((s) => ({ id: s.id, name: s.name })),
    linking: stats, cutOffReasons: reasons, topCutOffFlows: topCutOffs.map(([id, v]) => ({ flowId: id, ...v })),
    cutOffs: system.cutoffs,
    ambiguousProviders: ambiguous, processesWithUnallocatedCoProducts: unallocatedProcesses, defaultAllocation,
    refusedProcesses: [...system.allocation.entries()].flatMap(([id, a]) => (a.defaultRule?.kind === 'refused' ? [{ processId: id, processName: pkg.processes.get(id)?.name ?? id, reason: a.defaultRule.reason }] : [])),
    gwpMapping: { mapping: `${gwp.mappingId} ${gwp.mappingVersion}`, mappedFlows: gwp.mapped.length, unresolved: gwp.unresolved, greenhouseGasLikeUnmapped: gwp.ghgLikeUnmapped },
    readWarnings: pkg.warnings,
  };
  if (format === 'json') {
    io.stdout(JSON.stringify(report, null, 2) + '\n');
    return 0;
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const out: string[] = [];
  out.push(`olca-schema v${pkg.schemaVersion} (from ${pkg.versionSource})`);
  out.push(`Files: ${Object.entries(pkg.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  out.push(`Processes: ${pkg.processes.size}; flows: ${pkg.flows.size} (${Object.entries(flowTypes).map(([k, v]) => `${v} ${k.toLowerCase().replace('_flow', '')}`).join(', ')})`);
  out.push(`LCIA methods: ${report.impactMethods.map((m) => m.name).join(', ') || 'none'}; product systems: ${report.productSystems.length}`, '');
  out.push('Linking every process by default provider, then by reference product:');
  out.push(`  ${stats.linked} of ${stats.linkable} product inputs / waste outputs linked; ${stats.cutOff} cut off (${pct(stats.cutOffShare)}), in ${stats.processesWithCutOffs} of ${stats.processes} processes (${pct(stats.processesWithCutOffsShare)})`);
  out.push(`  cut-off reasons: ${Object.entries(reasons).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
  out.push(`  flows with several providers: ${ambiguous.length} (${stats.ambiguousLinks} links chosen by rule); processes with unallocated co-products: ${unallocatedProcesses}`);
  out.push(`  multi-output processes without allocation factors: ${defaultAllocation.byMass} allocated by mass, ${defaultAllocation.byEnergy} by energy, ${defaultAllocation.refused} refused (no common mass or energy basis; their products are cut off — see --format json)`, '');
  if (topCutOffs.length) {
    out.push(textTable(['Cut-off flow (no provider)', 'Processes'], topCutOffs.map(([, v]) => [v.name, v.processes])));
    out.push(`(--format json lists all ${system.cutoffs.length} cut-off exchanges with process, amount and unit)`, '');
  }
  for (const a of ambiguous) out.push(`Several providers of "${a.flow}": ${a.candidates.join(' | ')} → chose "${a.chosen}" for ${a.consumers} consumers`);
  out.push('', `GWP mapping (${report.gwpMapping.mapping}): ${gwp.mapped.length} elementary flows mapped; ${gwp.ghgLikeUnmapped.length} greenhouse-gas-like flows unmapped; ${gwp.unresolved.length} unresolved`);
  for (const f of gwp.ghgLikeUnmapped.slice(0, 20)) out.push(`  unmapped: ${f.name} [${f.category}] ×${f.uses}`);
  if (gwp.ghgLikeUnmapped.length > 20) out.push(`  … ${gwp.ghgLikeUnmapped.length - 20} more (--format json lists all)`);
  if (pkg.warnings.length) out.push('', `Read warnings: ${pkg.warnings.length} (--format json lists them)`);
  io.stdout(out.join('\n') + '\n');
  return 0;
}

/** The package's elementary flows on the project's flow list: USLCI's reviewed mapping file by flow UUID, then CAS/name + compartment. */
async function flowMapping(pkg: OlcaPackage) {
  // Through the datasets package's exports, so the path holds in the workspace and in an installed package alike.
  const csv = await readFile(new URL(import.meta.resolve('@greenlca/datasets/mappings/uslci-fy17.csv')), 'utf8');
  return mapPackageFlows(pkg, await elementaryFlows.list(), parseMappingCsv(csv), 'datasets/mappings/uslci-fy17.csv');
}

/** A bundled method named by --method (id, name or short form), prepared by the engine. */
async function bundledMethod(pkg: OlcaPackage, query: string): Promise<MethodInput | undefined> {
  const all = await methods.all();
  const m = findMethod(query, all);
  if (!m) return undefined;
  return { method: prepareMethod(m, indexFlows(await elementaryFlows.list())), mapping: await flowMapping(pkg) };
}

async function calc(pkg: OlcaPackage, flags: Map<string, string | true>, format: string, io: Io): Promise<number> {
  const processQuery = flagString(flags, 'process');
  const systemQuery = flagString(flags, 'system');
  if (!processQuery === !systemQuery) throw new UsageError('give exactly one of --process NAME|ID and --system NAME|ID');
  const gwpText = flagString(flags, 'gwp') ?? 'AR6';
  if (!['AR4', 'AR5', 'AR6'].includes(gwpText)) throw new UsageError(`--gwp must be AR4, AR5 or AR6, not "${gwpText}"`);
  const allocationText = flagString(flags, 'allocation') ?? 'default';
  const allocation = ALLOCATION[allocationText];
  if (!allocation) throw new UsageError(`--allocation must be one of ${Object.keys(ALLOCATION).join(', ')}`);
  const amountText = flagString(flags, 'amount');
  const amount = amountText === undefined ? undefined : Number(amountText);
  if (amount !== undefined && !Number.isFinite(amount)) throw new UsageError(`--amount must be a number, not "${amountText}"`);
  const topText = flagString(flags, 'top') ?? '10';
  const top = Number(topText);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a whole number, not "${topText}"`);

  let impacts: ImpactSpec[] = [];
  let methodLabel: string;
  const methodQuery = flagString(flags, 'method');
  let mapping: ReturnType<typeof gwpMethod> | undefined;
  const bundled = methodQuery ? await bundledMethod(pkg, methodQuery) : undefined;
  if (bundled) {
    const m = bundled.mapping;
    methodLabel = `${bundled.method.name} ${bundled.method.version} (bundled; flows mapped by ${m.source}: ${m.mapped.size} of ${m.mapped.size + m.unmapped.size} elementary flows of the package)`;
  } else if (methodQuery) {
    const method = find(pkg.impactMethods.values(), methodQuery, 'LCIA method');
    const r = impactsFromPackage(pkg, method.id);
    impacts = r.impacts;
    methodLabel = `${method.name} (from the package)`;
    for (const p of r.problems) io.stderr(`warning: ${p.message}\n`);
  } else {
    mapping = gwpMethod(pkg, bundledSubstances, gwpText as GwpSet);
    impacts = mapping.impacts;
    methodLabel = `IPCC ${gwpText} GWP100 via ${mapping.mappingId} ${mapping.mappingVersion} (${mapping.mapped.length} flows mapped)`;
  }
  const options = { impacts, allocation, ...(bundled ? { method: bundled } : {}), ...(amount !== undefined ? { amount } : {}) };
  let result: OlcaResult;
  try {
    result = processQuery
      ? calculateProcess(pkg, find(pkg.processes.values(), processQuery, 'process').id, options)
      : calculateProductSystem(pkg, find(pkg.productSystems.values(), systemQuery!, 'product system').id, options);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message, 1, 'OLCA_CALCULATION');
  }
  if (format === 'json') {
    const extra = mapping ? { gwpMapping: { set: mapping.set, mapped: mapping.mapped.length, unresolved: mapping.unresolved, greenhouseGasLikeUnmapped: mapping.ghgLikeUnmapped } } : {};
    io.stdout(JSON.stringify({ ...result, method: { ...(result.method ?? {}), label: methodLabel }, ...extra }, null, 2) + '\n');
    return 0;
  }
  io.stdout(renderResult(result, methodLabel, top));
  return 0;
}

function renderResult(r: OlcaResult, method: string, top: number): string {
  const out: string[] = [];
  const t = r.target;
  const s = r.statistics;
  out.push(`${t.processName} (${t.processId})`);
  out.push(`Reference: ${formatNumber(t.amount)} ${t.unit} of ${t.flowName}`);
  out.push(`Method: ${method}`);
  out.push(`Supply chain: ${s.processes} processes; ${s.linked} inputs linked, ${s.cutOff} cut off (${(100 * s.cutOffShare).toFixed(1)} %) in ${s.processesWithCutOffs} processes`, '');
  out.push(textTable(['Impact category', 'Amount', 'Unit'], r.impacts.filter((i) => i.amount !== 0 || !i.id.startsWith('mass:')).map((i) => [i.name, i.amount, i.refUnit])), '');
  if (r.method?.missingCategories.length) out.push(`Not in ${r.method.name}'s source files (gaps, not zeros): ${r.method.missingCategories.map((c) => c.name).join(', ')}`, '');
  if (r.flows) {
    const c = r.flows.coverage;
    out.push(`Inventory on the flow list: ${c.mappedFlows} flows mapped; ${c.unmappedFlows} package flows unmapped (${(100 * c.unmappedMassShare).toFixed(1)} % of the inventory's mass), largest:`);
    out.push(textTable(['Unmapped flow', 'Category', 'Amount', 'Unit', 'Why'], r.flows.unmapped.slice(0, top).map((u) => [u.name, u.category, u.amount, u.unit, u.reason])), '');
  }
  const first = r.impacts[0];
  if (first) {
    out.push(`Direct contributions to ${first.name} (characterised B·diag(s)), top ${Math.min(top, first.byProcess.length)} of ${first.byProcess.length}:`);
    out.push(textTable(['Process', first.refUnit, 'Share'], first.byProcess.slice(0, top).map((c) => [c.processName, c.amount, `${(100 * c.share).toFixed(1)} %`])), '');
  }
  if (r.cutoffs.length) {
    const rows = [...r.cutoffs].sort((a, b) => Math.abs(b.scaledAmount) - Math.abs(a.scaledAmount));
    out.push(`Cut-offs (inputs without provider, not in the result): ${r.cutoffs.length}, largest ${Math.min(top, rows.length)} by scaled amount:`);
    out.push(textTable(['Flow', 'Amount in process', 'In this result', 'Unit', 'Process', 'Reason'], rows.slice(0, top).map((c) => [
      c.flowName, c.amount, c.scaledAmount, c.unit, c.processName, c.reason,
    ])), '');
  }
  if (r.unallocatedCoProducts.length) {
    out.push(`Co-products without allocation (carry no burden): ${r.unallocatedCoProducts.slice(0, top).map((c) => `${c.flowName} (${c.processName})`).join('; ')}${r.unallocatedCoProducts.length > top ? ' …' : ''}`);
  }
  const ambiguous = new Set(r.ambiguous.map((a) => a.flowName));
  if (ambiguous.size) out.push(`Flows with several providers (chosen by rule): ${[...ambiguous].join('; ')}`);
  if (r.warnings.length) {
    out.push(`Warnings (${r.warnings.length}):`);
    for (const w of r.warnings.slice(0, top)) out.push(`  ${w.code}: ${w.message}`);
    if (r.warnings.length > top) out.push(`  … ${r.warnings.length - top} more (--format json lists them)`);
  }
  return out.join('\n') + '\n';
}

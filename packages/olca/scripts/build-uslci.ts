/**
 * Build `datasets/factors/uslci-fy17.json`: cradle-to-gate GWP100 per unit of every USLCI product,
 * computed by @greenlca/olca from the USLCI FY17 Q4 openLCA package, and the mapping review
 * `packages/olca/data/uslci-fy17-mapping-review.json`.
 *
 *   pnpm --filter @greenlca/olca build:uslci        (or: npx tsx packages/olca/scripts/build-uslci.ts)
 *
 * Shared data is found at <repo>/../shared, or at $GREENLCA_SHARED_DIR. The output is deterministic.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElementaryFlowList, Factor, FactorCategory, FactorDataset, GwpSet, SubstanceDataset } from '@greenlca/schema';
import {
  buildMatrices, calculateDatabase, factorise, flowInventory, gwpMethod, linkDatabase, mapPackageFlows, parseMappingCsv,
  OLCA_UNITS, readPackage, referenceAmount, referenceDemand, slugOf, unitIndex,
  type ImpactSpec, type InventoryRow, type LinkedSystem, type OlcaPackage, type Process, type ProductResult,
} from '../src/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(here, '../../..');
const ZIP = 'data-sources/uslci-fy17q4-olca-jsonld/uslci_fy17_q4_olca1_5_json_ld.zip';
const GWP_FILE = 'datasets/substances/ipcc-gwp.json';
const FLOWS_FILE = 'datasets/flows/elementary-flows.json';
const MAPPING_FILE = 'datasets/mappings/uslci-fy17.csv';
/** How many unmapped flows each factor names (largest by mass). */
const UNMAPPED_LISTED = 3;
/** Output files, relative to the repository root. */
export const USLCI_OUTPUTS = { dataset: 'datasets/factors/uslci-fy17.json', review: 'packages/olca/data/uslci-fy17-mapping-review.json' } as const;
const SETS: GwpSet[] = ['AR4', 'AR5', 'AR6'];

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const sig = (x: number, digits = 6) => (x === 0 ? 0 : Number(x.toPrecision(digits)));

function categoryOf(p: Process, unit: string): FactorCategory {
  const name = p.name.toLowerCase();
  const cat = p.category.toLowerCase();
  if (unit === 't*km' || unit === 'kg*km') return 'freight';
  if (unit === 'kWh' && name.startsWith('electricity')) return 'electricity';
  if (/^(heat|steam)\b/.test(name) && (unit === 'MJ' || unit === 'kWh')) return 'heat';
  if (cat.includes('waste management') || /^(disposal|landfill)/.test(name)) return 'waste';
  if (/combusted|^(diesel|gasoline|kerosene|natural gas|residual fuel oil|liquefied petroleum gas|bituminous coal|lignite|anthracite|crude oil|refinery gas|petroleum coke|biodiesel|ethanol, denatured|uranium|coal)/.test(name) || cat.includes('petroleum refineries')) return 'fuel';
  if (unit === 'item*km') return 'other';
  if (unit === 'kg' || unit === 't' || unit === 'm^3' || unit === 'm^2' || unit === 'L' || unit === 'item') return 'material';
  return 'other';
}

/**
 * Co-products a process keeps without allocation are "minor" when each is an energy flow beside a
 * non-energy reference (recovered energy) or under 5 % of the reference amount in the same unit.
 */
function hasMajorUnallocatedCoProducts(pkg: OlcaPackage, p: Process, unallocated: readonly string[]): boolean {
  if (!unallocated.length) return false;
  const units = unitIndex(pkg);
  const ref = p.exchanges.find((e) => e.isQuantitativeReference)!;
  const refFlow = pkg.flows.get(ref.flowId)!;
  const refUnit = units.referenceUnitName(refFlow);
  const refAmount = referenceAmount(units, pkg, ref);
  for (const e of p.exchanges) {
    if (e === ref || !unallocated.includes(e.flowId) || e.isInput) continue;
    const unit = units.referenceUnitName(pkg.flows.get(e.flowId)!);
    if (unit === 'MJ' && refUnit !== 'MJ') continue;
    const a = referenceAmount(units, pkg, e);
    if (unit === refUnit && a.ok && refAmount.ok && Math.abs(a.value) < 0.05 * Math.abs(refAmount.value)) continue;
    return true;
  }
  return false;
}

/**
 * Every product's inventory per reference unit, through the engine's matrix layer, on the project's flow
 * list (mapped flows summed per flow id, unmapped ones summarised). One adjoint solve per elementary flow
 * (λ_i = A⁻ᵀ·B_i, so λ_i[j] is flow i per unit of product j), as the GWP values are computed: all
 * products from one factorisation.
 */
function inventories(system: LinkedSystem, flowList: ElementaryFlowList, csv: string) {
  const { pkg } = system;
  const mapping = mapPackageFlows(pkg, flowList, parseMappingCsv(csv), MAPPING_FILE);
  const matrices = buildMatrices(system);
  const F = factorise(matrices);
  const n = system.techFlows.length;
  const B = matrices.biosphere.matrix;
  const rhs = Array.from({ length: B.rows }, (_, i) => {
    const b = new Float64Array(n);
    for (let p = B.rowPtr[i]!; p < B.rowPtr[i + 1]!; p++) b[B.colIdx[p]!] = b[B.colIdx[p]!]! + B.values[p]!;
    return b;
  });
  const lambda: Float64Array[] = [];
  for (let k = 0; k < rhs.length; k += 64) lambda.push(...F.solveTransposedMany(rhs.slice(k, k + 64)).map((s) => s.x));
  const units = unitIndex(pkg);
  const meta = matrices.enviFlows.map((ef) => {
    const flow = pkg.flows.get(ef.flowId)!;
    return { flowId: ef.flowId, name: flow.name, category: flow.category, isInput: ef.isInput, unit: units.referenceUnitName(flow) ?? '' };
  });
  return {
    mapping,
    of(techFlow: number) {
      const sign = referenceDemand(system, techFlow).sign;
      const rows: InventoryRow[] = [];
      meta.forEach((m, i) => {
        const amount = sign * lambda[i]![techFlow]!;
        if (amount !== 0) rows.push({ ...m, amount });
      });
      return flowInventory(mapping, matrices.enviFlows, rows);
    },
  };
}

export interface UslciBuild {
  /** File contents by output path (see {@link USLCI_OUTPUTS}). */
  files: Record<string, string>;
  summary: string[];
}

/**
 * The datasets files the build reads, as text; by default the committed ones under `repo`. `pnpm
 * datasets:build` passes the ones it has just built, so the USLCI factors follow the flow list and mapping.
 */
export interface UslciInputs {
  gwp?: string;
  flows?: string;
  mapping?: string;
}

/** Build the files in memory (the drift test compares them with the committed ones). */
export function buildUslci(
  shared: string = process.env.GREENLCA_SHARED_DIR ?? resolve(repoDir, '../shared'),
  repo: string = repoDir,
  inputs: UslciInputs = {},
): UslciBuild {
  const zipBytes = new Uint8Array(readFileSync(join(shared, ZIP)));
  const input = (text: string | undefined, path: string) => (text !== undefined ? Buffer.from(text, 'utf8') : readFileSync(join(repo, path)));
  const gwpBytes = input(inputs.gwp, GWP_FILE);
  const substances = JSON.parse(gwpBytes.toString('utf8')) as SubstanceDataset;
  const pkg = readPackage(zipBytes);
  const system = linkDatabase(pkg, { multiOutput: 'reference-product' }); // openLCA's no-allocation, as since 1.0.0 (see notes)

  const methods = Object.fromEntries(SETS.map((s) => [s, gwpMethod(pkg, substances, s)])) as Record<GwpSet, ReturnType<typeof gwpMethod>>;
  // One pass: the AR6 method (GWP, per-gas masses, reported quantities) plus the AR4 and AR5 totals.
  const impacts: ImpactSpec[] = [
    ...methods.AR6.impacts,
    { ...methods.AR4.impacts[0]!, id: 'gwp100:AR4' },
    { ...methods.AR5.impacts[0]!, id: 'gwp100:AR5' },
  ];
  const db = calculateDatabase(system, impacts);
  const flowsBytes = input(inputs.flows, FLOWS_FILE);
  const csvBytes = input(inputs.mapping, MAPPING_FILE);
  const inv = inventories(system, JSON.parse(flowsBytes.toString('utf8')) as ElementaryFlowList, csvBytes.toString('utf8'));
  const flowStats = { flows: 0, unmappedMass: 0, factors: 0 };

  // Processes whose unallocated co-products are more than minor: their products are left out, and
  // products downstream of them are flagged.
  const major = new Set<string>();
  for (const [pid, alloc] of system.allocation) {
    if (alloc.unallocated.length && hasMajorUnallocatedCoProducts(pkg, pkg.processes.get(pid)!, alloc.unallocated.map((e) => e.flowId))) major.add(pid);
  }

  // How much of each value comes through those processes: recalculate with the links to them cut.
  const withoutMajor = calculateDatabase(
    { ...system, links: new Map([...system.links].filter(([, l]) => !major.has(system.techFlows[l.provider]!.processId))) },
    [methods.AR6.impacts[0]!],
  );
  const throughMajor = new Map(withoutMajor.products.map((p) => [p.techFlow, p.impacts['gwp100']!]));

  const inEverySet = new Set(substances.substances.filter((x) => SETS.every((set) => x.gwp100[set] !== undefined)).map((x) => x.id));
  const units = unitIndex(pkg);
  const excluded: { process: string; reason: string }[] = [];
  const rows: { id: string; product: ProductResult; factor: Factor }[] = [];
  const usedIds = new Map<string, number>();
  const sorted = [...db.products].sort((a, b) => a.flowName.localeCompare(b.flowName) || a.processId.localeCompare(b.processId));
  for (const product of sorted) {
    const p = pkg.processes.get(product.processId)!;
    const gwp = product.impacts['gwp100']!;
    if (major.has(p.id)) {
      excluded.push({ process: p.name, reason: 'multi-output process without allocation (its reference product would carry the co-products\' burdens)' });
      continue;
    }
    if (gwp === 0) {
      excluded.push({ process: p.name, reason: 'no greenhouse-gas emission in its supply chain (everything it needs is cut off or emits nothing mapped)' });
      continue;
    }
    const ref = p.exchanges.find((e) => e.isQuantitativeReference)!;
    const refAmount = referenceAmount(units, pkg, ref);
    // Per one unit of the reference exchange's unit (l for diesel, m3 for natural gas …).
    let unit = OLCA_UNITS[ref.unitName ?? ''];
    let perUnit = refAmount.ok && ref.amount !== 0 ? refAmount.value / ref.amount : 1;
    if (!unit) {
      unit = OLCA_UNITS[product.unit] ?? product.unit;
      perUnit = 1;
    }
    const value = (id: string) => (product.impacts[id] ?? 0) * perUnit;
    // Only gases with a GWP100 in every set, so the engine can characterise the factor with any of them;
    // the others (trace amounts of gases IPCC AR4 does not list) stay in co2e and are named in the notes.
    const gases: Record<string, number> = {};
    const dropped: string[] = [];
    for (const impact of methods.AR6.impacts) {
      if (!impact.id.startsWith('mass:')) continue;
      const v = value(impact.id);
      if (v === 0) continue;
      const gas = impact.id.slice(5);
      if (inEverySet.has(gas)) gases[gas] = sig(v);
      else dropped.push(`${gas} ${sig(v, 3)} kg`);
    }
    const category = categoryOf(p, unit);
    const year = p.validFromYear && p.validFromYear >= 1950 && p.validFromYear <= 2017 ? p.validFromYear : 2017;
    const chainFlags = product.chain.unallocatedProcessIds.filter((id) => major.has(id));
    const share = gwp !== 0 ? (gwp - throughMajor.get(product.techFlow)!) / gwp : 0;
    const n = product.chain.cutOffs;
    const notes = [
      `Cradle-to-gate, computed by GreenLCA (@greenlca/olca) from USLCI FY17 Q4: providers linked by reference product, no allocation (the package has no usable allocation factors).`,
      `Cut-offs: ${n} input${n === 1 ? '' : 's'} without provider in the supply chain (in ${product.chain.processesWithCutOffs} of its ${product.chain.processes} processes); their burdens are not included.`,
      `GWP100 per ${unit}: AR4 ${sig(value('gwp100:AR4'), 4)}, AR5 ${sig(value('gwp100:AR5'), 4)}, AR6 ${sig(gwp * perUnit, 4)} kg CO2e.`,
    ];
    const bio = value('report:biogenicCO2');
    const uptake = value('report:co2Uptake');
    const landUse = value('report:landUseCO2');
    if (bio || uptake) notes.push(`Biogenic CO2 ${sig(bio, 4)} kg emitted and ${sig(uptake, 4)} kg taken up from air, reported apart and not counted.`);
    if (landUse) notes.push(`Includes ${sig(landUse, 4)} kg CO2 from land transformation.`);
    const flagged = chainFlags.length > 0 && share >= 0.05;
    if (chainFlags.length) {
      const names = chainFlags.slice(0, 3).map((id) => `"${pkg.processes.get(id)!.name}"`).join(', ');
      notes.push(`${flagged ? 'Caution: ' : ''}${(100 * share).toFixed(1)} % of this value comes through ${chainFlags.length} multi-output process${chainFlags.length === 1 ? '' : 'es'} without allocation (${names}${chainFlags.length > 3 ? ' …' : ''}), whose reference products carry their co-products' burdens${flagged ? ': the value is overstated' : ''}.`);
    }
    if (dropped.length) notes.push(`Not in gases (no GWP100 in every IPCC set; counted in co2e): ${dropped.join(', ')}.`);
    if (unit === 'item*km') notes.push('Per passenger-kilometre (item = passenger).');
    let id = slugOf(product.flowName) || slugOf(p.name);
    const seen = usedIds.get(id) ?? 0;
    usedIds.set(id, seen + 1);
    if (seen) id = `${id}-${p.id.slice(0, 8)}`;
    const tags = ['uslci', 'cradle-to-gate', slugOf(p.category.split('/')[0] ?? '')].filter(Boolean);
    if (flagged) tags.push('unallocated-upstream');
    const factor: Factor = {
      id,
      name: { en: product.flowName === p.name ? p.name : `${product.flowName} (${p.name})` },
      category,
      unit,
      co2e: sig(gwp * perUnit),
      gwpBasis: 'AR6',
      gases,
      gasesBasis: 'mass',
      region: 'US',
      year,
      boundary: `cradle-to-gate (USLCI, with ${n} cut-off input${n === 1 ? '' : 's'})`,
      source: {
        source: `U.S. Life Cycle Inventory Database (USLCI) FY17 Q4, NREL / Federal LCA Commons; computed by GreenLCA from USLCI with cut-offs: ${n} input${n === 1 ? '' : 's'} without provider`,
        table: p.category,
        row: `process "${p.name}" (${p.id})`,
        url: 'https://github.com/FLCAC-admin/uslci-content',
        file: ZIP,
      },
      licence: 'US-PD',
      notes: notes.join(' '),
      tags,
    };
    // The full inventory on the project's flow list, per unit of the factor (same system as co2e).
    const fi = inv.of(product.techFlow);
    const flows: Record<string, number> = {};
    for (const r of fi.mapped) if (r.amount !== 0) flows[r.flow] = sig(r.amount * perUnit);
    if (Object.keys(flows).length) factor.flows = flows;
    const kg = fi.unmapped.filter((u) => u.unit === 'kg');
    factor.unmappedFlows = {
      count: fi.unmapped.length,
      massShare: sig(fi.coverage.unmappedMassShare, 4),
      largest: kg.slice(0, UNMAPPED_LISTED).map((u) => ({ name: u.name, compartment: u.category, amount: sig(u.amount * perUnit), unit: u.unit })),
    };
    flowStats.flows += Object.keys(flows).length;
    flowStats.unmappedMass += fi.coverage.unmappedMassShare;
    flowStats.factors++;
    rows.push({ id, product, factor });
  }
  rows.sort((a, b) => a.id.localeCompare(b.id));

  const s = db.statistics;
  const dataset: FactorDataset & { $comment: string } = {
    $comment: 'generated by packages/olca/scripts/build-uslci.ts from ../shared/data-sources — do not edit',
    id: 'uslci-fy17',
    version: '1.1.1',
    edition: 'FY17 Q4 (uslci_fy17_q4_02, 2017-12), openLCA 1.5 JSON-LD export',
    title: { en: 'US LCI database (USLCI) FY17 Q4: cradle-to-gate GWP100 per unit of product, computed by GreenLCA', zh: '美国生命周期清单数据库（USLCI）FY17 Q4：GreenLCA 计算的各产品摇篮到大门 GWP100' },
    publisher: 'National Renewable Energy Laboratory (NREL) / Federal LCA Commons; values computed by GreenLCA',
    licences: [
      {
        id: 'US-PD',
        name: 'Work of the U.S. federal government (public domain in the U.S., 17 U.S.C. §105); the distributing repository is under the MIT License, Copyright (c) 2017 uslci-admin',
        url: 'https://github.com/FLCAC-admin/uslci-content',
        attribution: 'U.S. Life Cycle Inventory Database (USLCI), FY17 Q4 release (uslci_fy17_q4_02), National Renewable Energy Laboratory / Federal LCA Commons.',
      },
    ],
    sourceFiles: [{ path: ZIP, sha256: sha256(zipBytes) }],
    builtBy: 'packages/olca/scripts/build-uslci.ts',
    notes: [
      'Each factor is the cradle-to-gate GWP100 of one unit of a USLCI product (the unit of the process\'s reference exchange), computed as an openLCA product system would compute it: every process of the package linked to the unique process whose reference product is the input (two flows have two candidate providers; the same-location, then smallest-UUID provider is used), sparse LU/iterative solve, direct emissions characterised.',
      `USLCI cut-offs are kept as cut-offs and counted per factor: across the package ${s.cutOff} of ${s.linkable} product inputs (${(100 * s.cutOffShare).toFixed(1)} %) have no provider in ${s.processesWithCutOffs} of ${s.processes} processes; ${system.cutoffs.filter((c) => c.reason === 'co-product-only').length} of them are flows that only appear as unallocated co-products. Their burdens are missing, so values are lower bounds in that respect.`,
      'The FY17 Q4 JSON-LD export has no default allocation method and only zero or causal allocation factors, so multi-output processes are not allocated (openLCA\'s behaviour): the reference product carries all burdens. Products of such processes with more than minor co-products are left out; each factor\'s notes give the share of its value that comes through such processes (the difference when the links to them are cut), and factors where it is 5 % or more are tagged "unallocated-upstream" (notably diesel from "Petroleum refining, at refinery", which is overstated about fourfold and raises diesel-powered transport).',
      'Elementary flows are mapped to IPCC gases by packages/olca/data/gwp-flow-mapping.json (reviewable; USLCI matches listed in packages/olca/data/uslci-fy17-mapping-review.json). Biogenic CO2 and CO2 uptake are reported in the notes, not counted; CO2 from land transformation is counted.',
      `\`co2e\` uses AR6 GWP100 from ${GWP_FILE} (sha256 ${sha256(new Uint8Array(gwpBytes))}; IPCC via openclimatedata, CC0, and USEPA LCIAformatter, MIT); \`gases\` holds kg of each gas per unit, so the engine can characterise with AR4, AR5 or AR6. Methane named fossil is CH4-fossil (AR4 25, AR5 30, AR6 29.8: AR6 Table 7.15 as EF 3.1 gives it); methane of unstated origin keeps the single CH4 value (AR6 27.9, Table 7.SM.7). Gases without a GWP100 in all three sets (HCFC-21, HCFC-123a, HFC-143, chloroform: trace amounts, at most 0.5 % of a factor) are counted in co2e but left out of \`gases\` so that every set can be applied; AR4 totals in the notes leave them out.`,
      `\`flows\` is each product's full elementary-flow inventory per unit (the same linked system, g = B·A⁻¹·e), mapped onto the project's flow list by ${MAPPING_FILE} (sha256 ${sha256(new Uint8Array(csvBytes))}; rows by USLCI flow UUID) against ${FLOWS_FILE} (sha256 ${sha256(new Uint8Array(flowsBytes))}): amounts of one flow-list flow summed over the USLCI flows mapped to it, emissions positive as emitted, resources positive as taken, 6 significant digits, exact zeros left out, no further cut-off. \`unmappedFlows\` counts the inventory's USLCI flows the mapping leaves out (not characterised by any method) with their share of the inventory's mass and the largest ${UNMAPPED_LISTED} in kg. The climate change of \`flows\` (e.g. EF 3.1) need not equal \`co2e\`: \`co2e\` uses packages/olca/data/gwp-flow-mapping.json, \`flows\` the flow-list mapping.`,
      'Region US (USLCI data are US averages or US regions); year is the process\'s validFrom year where given and plausible, else 2017 (release year). Data years in USLCI range from the 1990s to 2015.',
    ],
    factors: rows.map((r) => r.factor),
  };

  const review = {
    $comment: 'generated by packages/olca/scripts/build-uslci.ts — do not edit; review the rules in gwp-flow-mapping.json',
    mapping: `${methods.AR6.mappingId} ${methods.AR6.mappingVersion}`,
    package: ZIP,
    mapped: methods.AR6.mapped.map((m) => ({
      flow: m.flowName, category: m.category, uuid: m.flowId, substance: m.substance, origin: m.origin, counted: m.counted,
      ...(m.report ? { report: m.report } : {}),
      ...(m.gwp !== undefined ? { gwpAR6: m.gwp } : {}), ...(m.byCas ? { byCas: true } : {}), ...(m.compartmentAssumed ? { compartmentAssumed: 'air' } : {}),
    })),
    unresolved: Object.fromEntries(SETS.map((x) => [x, methods[x].unresolved])),
    greenhouseGasLikeUnmapped: methods.AR6.ghgLikeUnmapped,
    ambiguousProviders: [...new Map(system.ambiguous.map((a) => [a.flowId, {
      flow: a.flowName, candidates: a.candidates.map((c) => pkg.processes.get(c)!.name), chosen: pkg.processes.get(a.chosen)!.name,
      consumers: system.ambiguous.filter((x) => x.flowId === a.flowId).length,
    }])).values()],
    excluded,
  };
  return {
    files: {
      [USLCI_OUTPUTS.dataset]: serialise(dataset),
      [USLCI_OUTPUTS.review]: JSON.stringify(review, null, 1) + '\n',
    },
    summary: [
      `uslci-fy17: ${rows.length} factors (${excluded.length} products left out), ${db.products.length} products calculated`,
      `flows: ${(flowStats.flows / flowStats.factors).toFixed(1)} flow-list flows per factor on average; unmapped share of the inventory mass ${(100 * flowStats.unmappedMass / flowStats.factors).toFixed(1)} % on average; USLCI flows mapped ${inv.mapping.mapped.size} of ${inv.mapping.mapped.size + inv.mapping.unmapped.size}`,
      `links: ${s.linked} linked, ${s.cutOff} cut off of ${s.linkable} (${(100 * s.cutOffShare).toFixed(1)} %), processes with cut-offs ${s.processesWithCutOffs}/${s.processes}`,
      `mapping: ${methods.AR6.mapped.length} flows mapped, ${methods.AR6.ghgLikeUnmapped.length} GHG-like unmapped, unresolved AR4 ${methods.AR4.unresolved.length} AR5 ${methods.AR5.unresolved.length} AR6 ${methods.AR6.unresolved.length}`,
    ],
  };
}

/** One key per line as before, but each factor's `flows` on one line (compact), so the file stays small and diffs stay per factor. */
function serialise(dataset: FactorDataset & { $comment: string }): string {
  const flows: string[] = [];
  const text = JSON.stringify(
    { ...dataset, factors: dataset.factors.map((f) => (f.flows ? { ...f, flows: `\u0000${flows.push(JSON.stringify(f.flows)) - 1}` } : f)) },
    null,
    1,
  );
  return text.replace(/"\\u0000(\d+)"/g, (_, k: string) => flows[Number(k)]!) + '\n';
}

// Run as a script: write the files.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { files, summary } = buildUslci();
  for (const [path, text] of Object.entries(files)) writeFileSync(join(repoDir, path), text);
  for (const line of summary) console.log(line);
}

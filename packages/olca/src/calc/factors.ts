/**
 * @module factors — every product of an openLCA package as an emission factor (cradle-to-gate GWP100
 * per unit of product), calculated by the engine's matrix layer (one factorisation for all products,
 * {@link calculateDatabase}), with where it comes from and what its supply chain cuts off.
 */
import type { Factor, FactorCategory, GwpSet, SubstanceDataset } from '@greenlca/schema';
import { gwpMethod } from '../gwp/method.js';
import type { OlcaPackage } from '../model.js';
import { unitIndex } from '../units.js';
import { calculateDatabase } from './database.js';
import { linkDatabase } from './link.js';
import { referenceAmount } from './matrices.js';

/** openLCA unit names → units the engine parses (item is the engine's count unit). */
export const OLCA_UNITS: Readonly<Record<string, string>> = {
  kg: 'kg', g: 'g', t: 't', kWh: 'kWh', MWh: 'MWh', MJ: 'MJ', GJ: 'GJ', m3: 'm^3', l: 'L', L: 'L', 't*km': 't*km', 'kg*km': 'kg*km',
  'p*km': 'item*km', 'Item(s)': 'item', 'Items': 'item', ha: 'hectare', m2: 'm^2', h: 'h', m: 'm', km: 'km',
};

/** A readable, stable id from a name: "Steel, hot rolled" → "steel-hot-rolled". */
export function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/%/g, 'pct')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export interface PackageFactorOptions {
  /** The GWP100 set of `co2e` (the per-gas masses let the engine use any other). */
  gwp: GwpSet;
  /** Name and version of the exported database, kept in each factor's provenance. */
  database: string;
  databaseVersion?: string;
  licence: string;
  /** The year for processes that state none (their validFrom). */
  defaultYear: number;
}

export interface PackageFactors {
  factors: Factor[];
  /** Products left out, and why. */
  skipped: { processId: string; processName: string; reason: string }[];
  /** Products whose supply chain has multi-output processes without allocation (their values carry co-products' burdens). */
  unallocated: { processId: string; processName: string; factorId: string }[];
  statistics: { processes: number; products: number; cutOffShare: number };
}

const sig = (x: number, digits = 6) => (x === 0 ? 0 : Number(x.toPrecision(digits)));

function categoryOf(name: string, unit: string): FactorCategory {
  const n = name.toLowerCase();
  if (unit === 't*km' || unit === 'kg*km') return 'freight';
  if (n.startsWith('electricity')) return 'electricity';
  if (/^(heat|steam)\b/.test(n)) return 'heat';
  if (/^(disposal|landfill|waste|treatment of)/.test(n)) return 'waste';
  if (unit === 'kg' || unit === 't' || unit === 'g') return 'material';
  return 'other';
}

/**
 * Calculate every product of the package (providers linked by reference product; multi-output
 * processes without allocation give the reference product all burdens, as openLCA does) and
 * describe each as a factor.
 *
 * @example
 * const { factors } = packageFactors(readPackage(zip), bundledSubstances, { gwp: 'AR6', database: 'USLCI', databaseVersion: 'FY17 Q4', licence: 'US-PD', defaultYear: 2017 });
 */
export function packageFactors(pkg: OlcaPackage, substances: SubstanceDataset, options: PackageFactorOptions): PackageFactors {
  const system = linkDatabase(pkg, { multiOutput: 'reference-product' });
  const method = gwpMethod(pkg, substances, options.gwp);
  const db = calculateDatabase(system, method.impacts);
  const units = unitIndex(pkg);
  const sets = ['AR4', 'AR5', 'AR6'] as const;
  const inEverySet = new Set(substances.substances.filter((x) => sets.every((s) => x.gwp100[s] !== undefined)).map((x) => x.id));
  const out: PackageFactors = { factors: [], skipped: [], unallocated: [], statistics: { processes: pkg.processes.size, products: db.products.length, cutOffShare: db.statistics.cutOffShare } };
  const used = new Set<string>();
  const sorted = [...db.products].sort((a, b) => a.flowName.localeCompare(b.flowName) || a.processId.localeCompare(b.processId));
  for (const product of sorted) {
    const p = pkg.processes.get(product.processId)!;
    const gwp = product.impacts['gwp100'] ?? 0;
    if (gwp === 0) {
      out.skipped.push({ processId: p.id, processName: p.name, reason: 'no greenhouse gas in its supply chain (everything it needs is cut off, or it emits nothing mapped to a gas)' });
      continue;
    }
    const ref = p.exchanges.find((e) => e.isQuantitativeReference);
    const refAmount = ref ? referenceAmount(units, pkg, ref) : undefined;
    // Per one unit of the reference exchange's own unit (l for diesel, m3 for gas …) where the engine knows it.
    let unit = ref ? OLCA_UNITS[ref.unitName ?? ''] : undefined;
    let perUnit = ref && refAmount?.ok && ref.amount !== 0 ? refAmount.value / ref.amount : 1;
    if (!unit) {
      unit = OLCA_UNITS[product.unit] ?? product.unit;
      perUnit = 1;
    }
    const value = (id: string) => (product.impacts[id] ?? 0) * perUnit;
    const gases: Record<string, number> = {};
    for (const impact of method.impacts) {
      if (!impact.id.startsWith('mass:')) continue;
      const v = value(impact.id);
      if (v !== 0 && inEverySet.has(impact.id.slice(5))) gases[impact.id.slice(5)] = sig(v);
    }
    let id = slugOf(product.flowName) || slugOf(p.name) || p.id.toLowerCase();
    if (used.has(id)) id = `${id}-${slugOf(p.id).slice(0, 8)}`;
    used.add(id);
    const { chain } = product;
    const cutOffShare = chain.inputs ? chain.cutOffs / chain.inputs : 0;
    const dbName = `${options.database}${options.databaseVersion ? ` ${options.databaseVersion}` : ''}`;
    const factor: Factor = {
      id,
      name: { en: product.flowName === p.name ? p.name : `${product.flowName} (${p.name})` },
      category: categoryOf(product.flowName, unit),
      unit,
      co2e: sig(gwp * perUnit),
      gwpBasis: options.gwp,
      ...(Object.keys(gases).length ? { gases, gasesBasis: 'mass' as const } : {}),
      region: p.location && /^[A-Z]{2}(-[A-Z0-9]+)?$|^GLO$/.test(p.location) ? p.location : 'GLO',
      year: p.validFromYear && p.validFromYear >= 1950 ? p.validFromYear : options.defaultYear,
      boundary: `cradle-to-gate (${dbName}, ${chain.cutOffs} of ${chain.inputs} supply-chain inputs cut off)`,
      source: { source: `${dbName}, calculated by GreenLCA (@greenlca/olca)`, table: p.category, row: `process "${p.name}" (${p.id})` },
      licence: options.licence,
      notes: `Cradle-to-gate GWP100 (${options.gwp}) of one ${unit} of "${product.flowName}", calculated from ${dbName}: providers linked by reference product; ` +
        `${chain.cutOffs} of the ${chain.inputs} inputs of its supply chain (${(100 * cutOffShare).toFixed(1)} %, in ${chain.processesWithCutOffs} of its ${chain.processes} processes) have no provider and are cut off, so their burdens are missing.` +
        (chain.unallocatedProcesses ? ` ${chain.unallocatedProcesses} process(es) of its supply chain have several outputs and no allocation: their reference products carry the co-products' burdens.` : ''),
      tags: ['openlca', 'cradle-to-gate', ...(chain.unallocatedProcesses ? ['unallocated-upstream'] : [])],
      computedFrom: {
        database: options.database, ...(options.databaseVersion ? { databaseVersion: options.databaseVersion } : {}),
        processId: p.id, processName: p.name, cutOffShare: sig(cutOffShare, 4), cutOffInputs: chain.cutOffs, chainProcesses: chain.processes,
      },
    };
    if (chain.unallocatedProcesses) out.unallocated.push({ processId: p.id, processName: p.name, factorId: id });
    out.factors.push(factor);
  }
  return out;
}

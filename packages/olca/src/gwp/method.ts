/**
 * @module method — a GWP100 impact method for a package's elementary flows, built from the flow
 * mapping and an IPCC GWP table (the project's `SubstanceDataset`).
 *
 * It yields impact categories that all go through the same characterisation matrix:
 * - `gwp100`: kg CO2e, the counted gases times their GWP100 in the chosen IPCC set;
 * - `mass:<substance>`: kg of each counted gas (the per-gas masses of a factor, any set can re-characterise);
 * - `report:biogenicCO2`, `report:co2Uptake`, `report:landUseCO2`: kg, reported separately.
 */
import type { GwpSet, Substance, SubstanceDataset } from '@greenlca/schema';
import type { OlcaPackage } from '../model.js';
import { unitIndex } from '../units.js';
import type { ImpactSpec } from '../calc/characterisation.js';
import { defaultGwpMapping, matchFlows, type FlowMatch, type GhgLikeFlow, type GwpMapping, type MappingRule, type ReportKey } from './mapping.js';

export const GWP_IMPACT_ID = 'gwp100';
export const massImpactId = (substance: string): string => `mass:${substance}`;
export const reportImpactId = (key: ReportKey): string => `report:${key}`;

const REPORT_NAMES: Record<ReportKey, string> = {
  biogenicCO2: 'Biogenic CO2 emitted (not counted in GWP100)',
  co2Uptake: 'CO2 taken up from air (not counted in GWP100)',
  landUseCO2: 'CO2 from land transformation (counted in GWP100)',
};

/** Same normalisation as the engine's substance look-up: case, spaces, dashes, dots, commas and brackets ignored. */
function key(name: string): string {
  return name.toLowerCase().replace(/[\s\-_.,()]/g, '');
}

/** Resolve substance names in a GWP table: ids first, then aliases and CAS numbers. */
export function substanceResolver(substances: SubstanceDataset): (name: string) => Substance | undefined {
  const byId = new Map<string, Substance>();
  const byOther = new Map<string, Substance>();
  for (const s of substances.substances) {
    byId.set(key(s.id), s);
    for (const a of [...s.aliases, ...(s.cas ? [s.cas] : []), s.name.en]) if (!byOther.has(key(a))) byOther.set(key(a), s);
  }
  return (name) => byId.get(key(name)) ?? byOther.get(key(name));
}

export interface MappedFlow {
  flowId: string;
  flowName: string;
  category: string;
  substance: string;
  origin: MappingRule['origin'];
  counted: boolean;
  report?: ReportKey;
  /** GWP100 in the chosen set (kg CO2e per kg), for counted flows. */
  gwp?: number;
  byCas: boolean;
  compartmentAssumed: boolean;
}

export interface UnresolvedMapping {
  flowId: string;
  flowName: string;
  substance: string;
  reason: 'not-in-gwp-table' | 'no-gwp-in-set' | 'not-in-kg';
  message: string;
}

export interface GwpMethod {
  set: GwpSet;
  impacts: ImpactSpec[];
  mapped: MappedFlow[];
  unresolved: UnresolvedMapping[];
  ghgLikeUnmapped: GhgLikeFlow[];
  mappingId: string;
  mappingVersion: string;
}

export interface GwpMethodOptions {
  mapping?: GwpMapping;
  /**
   * Sets in which a preferred substance (e.g. fossil CH4) must have a value to be used, so that one
   * package gives the same gas split whatever set it is characterised with. Default: AR4, AR5 and AR6.
   */
  consistentSets?: readonly GwpSet[];
}

/**
 * Build the GWP100 method for a package.
 *
 * @example
 * const gwp = gwpMethod(pkg, bundledSubstances, 'AR6');
 * calculateProcess(pkg, id, { impacts: gwp.impacts }).impacts[0].amount; // kg CO2e
 */
export function gwpMethod(pkg: OlcaPackage, substances: SubstanceDataset, set: GwpSet, options: GwpMethodOptions = {}): GwpMethod {
  const mapping = options.mapping ?? defaultGwpMapping;
  const sets = options.consistentSets ?? (['AR4', 'AR5', 'AR6'] as const);
  const resolve = substanceResolver(substances);
  const units = unitIndex(pkg);
  const outcome = matchFlows(pkg, mapping);
  const total = new Map<string, number>();
  const masses = new Map<string, Map<string, number>>();
  const reports = new Map<ReportKey, Map<string, number>>();
  const mapped: MappedFlow[] = [];
  const unresolved: UnresolvedMapping[] = [];

  const substanceFor = (m: FlowMatch): Substance | undefined => {
    for (const name of m.rule.preferSubstances ?? []) {
      const s = resolve(name);
      if (s && sets.every((x) => s.gwp100[x] !== undefined)) return s;
    }
    for (const name of [m.rule.substance, ...(m.rule.aliases ?? []), ...(m.rule.cas ? [m.rule.cas] : [])]) {
      const s = resolve(name);
      if (s) return s;
    }
    return undefined;
  };

  for (const m of outcome.matches) {
    const base = { flowId: m.flow.id, flowName: m.flow.name, substance: m.rule.substance };
    // Factors are per kg of gas: the flow's reference unit must be kg (USLCI's are).
    if (units.referenceUnitName(m.flow) !== 'kg') {
      unresolved.push({ ...base, reason: 'not-in-kg', message: `flow "${m.flow.name}" is measured in ${units.referenceUnitName(m.flow) ?? 'an unknown unit'}, not kg` });
      continue;
    }
    const substance = substanceFor(m);
    const row: MappedFlow = {
      flowId: m.flow.id, flowName: m.flow.name, category: m.flow.category, substance: substance?.id ?? m.rule.substance,
      origin: m.rule.origin, counted: m.rule.counted, byCas: m.byCas, compartmentAssumed: m.compartmentAssumed,
    };
    if (m.rule.report) {
      row.report = m.rule.report;
      let r = reports.get(m.rule.report);
      if (!r) reports.set(m.rule.report, (r = new Map()));
      r.set(m.flow.id, 1);
    }
    if (!m.rule.counted) {
      mapped.push(row);
      continue;
    }
    if (!substance) {
      unresolved.push({ ...base, reason: 'not-in-gwp-table', message: `substance ${m.rule.substance} (rule for "${m.flow.name}") is not in the GWP table ${substances.id}` });
      continue;
    }
    const gwp = substance.gwp100[set]?.value;
    if (gwp === undefined) {
      unresolved.push({ ...base, substance: substance.id, reason: 'no-gwp-in-set', message: `${substance.id} has no GWP100 in ${set} in the GWP table` });
      continue;
    }
    row.gwp = gwp;
    mapped.push(row);
    total.set(m.flow.id, gwp);
    let mm = masses.get(substance.id);
    if (!mm) masses.set(substance.id, (mm = new Map()));
    mm.set(m.flow.id, 1);
  }

  const impacts: ImpactSpec[] = [
    { id: GWP_IMPACT_ID, name: `Climate change, GWP100 (IPCC ${set})`, refUnit: 'kg CO2-eq', factors: total },
    ...[...masses.keys()].sort().map((s) => ({ id: massImpactId(s), name: `${s} emitted (mass)`, refUnit: 'kg', factors: masses.get(s)! })),
    ...(['landUseCO2', 'biogenicCO2', 'co2Uptake'] as const)
      .filter((k) => reports.has(k))
      .map((k) => ({ id: reportImpactId(k), name: REPORT_NAMES[k], refUnit: 'kg', factors: reports.get(k)! })),
  ];
  return {
    set, impacts, mapped, unresolved, ghgLikeUnmapped: outcome.ghgLikeUnmapped,
    mappingId: mapping.id, mappingVersion: mapping.version,
  };
}

import type { CustomFactor, FactorCategory, GwpSet, LineSource } from '@greenlca/schema';
import { pointer, type IssueLog } from '../errors.js';
import { characteriseFactor, type CharacterisedFactor, type FactorValues } from '../impact/characterise.js';
import type { FactorLibrary, LibraryFactor } from '../library/library.js';
import { dec } from '../decimal.js';
import { unitSpec, type UnitSpec } from '../quantity/unit.js';
import { customFlows } from './flows.js';

/** A factor ready to multiply: characterised with the run's GWP set, with its unit and citation. */
export interface ResolvedFactor {
  id: string;
  name: string;
  unit: UnitSpec;
  /** What the factor is for (electricity, fuel, material …), where the data or the product say. */
  category?: FactorCategory;
  value: CharacterisedFactor;
  /** kg CO2e per unit as shown in results (computed once per run). */
  shown: { kgCO2e: number; unit: string };
  source: LineSource;
  region?: string;
  year?: number;
  co2Only: boolean;
  isCustom: boolean;
  dataset?: { id: string; version: string; edition: string; publisher?: string };
  /** Caveats the source data carries (e.g. USLCI "unallocated-upstream"), for warnings. */
  caveats?: string[];
  /** For a foreground process: the background factors it draws on (for warnings and citations). */
  upstream?: ResolvedFactor[];
  /** A custom factor's validity end, as its supplier gives it (for FACTOR_EXPIRED). */
  validUntil?: string;
  /** A custom factor marked supplier-specific: who published it. */
  supplier?: string;
}

/**
 * Resolves factor ids for one calculation: custom factors declared in the product first, then the
 * bundled library. Each id is looked up once per run; a bundled factor is resolved once for all runs.
 */
export class FactorResolver {
  private readonly custom = new Map<string, { factor: CustomFactor; index: number }>();
  private readonly resolved = new Map<string, ResolvedFactor | null>();
  private readonly computed = new Map<string, ResolvedFactor>();

  constructor(
    private readonly library: FactorLibrary,
    customFactors: CustomFactor[] | undefined,
    private readonly set: GwpSet,
    private readonly productGwp: GwpSet,
    private readonly log: IssueLog,
  ) {
    (customFactors ?? []).forEach((factor, index) => {
      const path = pointer('factors', index);
      if (this.custom.has(factor.id)) {
        log.add('DUPLICATE_ID', pointer('factors', index, 'id'), `custom factor id "${factor.id}" is declared twice`, 'give each custom factor its own id');
        return;
      }
      if (library.factor(factor.id)) {
        log.add('DUPLICATE_ID', pointer('factors', index, 'id'), `custom factor id "${factor.id}" is also a bundled factor`,
          'choose another id (e.g. prefix it with your organisation) or use the bundled factor');
        return;
      }
      const hasCo2e = factor.co2e !== undefined;
      const hasGases = factor.gases !== undefined && Object.keys(factor.gases).length > 0;
      const onlyFlows = !hasCo2e && !hasGases && factor.flows !== undefined;
      if (hasCo2e === hasGases && !onlyFlows) {
        log.add('FACTOR_VALUE', path, `custom factor "${factor.id}" must give exactly one of "co2e" and "gases"`,
          'give "co2e": kg CO2e per unit, or "gases": { "CO2": …, "CH4": … } in kg per unit');
        return;
      }
      let unit;
      try {
        unit = unitSpec(factor.unit);
      } catch {
        log.add('BAD_UNIT', pointer('factors', index, 'unit'), `unknown unit "${factor.unit}"`, 'use a unit such as kg, t, kWh, MJ, L, m^3, t*km, item');
        return;
      }
      if (unit.ambiguous) {
        log.add('AMBIGUOUS_UNIT', pointer('factors', index, 'unit'), unit.ambiguous.message, unit.ambiguous.hint);
        return;
      }
      this.custom.set(factor.id, { factor, index });
    });
  }

  /** Ids of the product's custom factors, for suggestions and UI. */
  customIds(): string[] {
    return [...this.custom.keys()];
  }

  customFactor(id: string): { factor: CustomFactor; index: number } | undefined {
    return this.custom.get(id);
  }

  /** Add a factor computed during this run (a solved foreground process). */
  register(factor: ResolvedFactor): void {
    this.computed.set(factor.id, factor);
    this.resolved.set(factor.id, factor);
  }

  /** Look a factor up; reports UNKNOWN_FACTOR (with suggestions) at `path` when missing. */
  resolve(id: string, path: string): ResolvedFactor | undefined {
    // One look-up for a factor seen before (null: known to be missing).
    const seen = this.resolved.get(id);
    if (seen !== undefined) {
      if (seen === null) this.reportUnknown(id, path);
      return seen ?? undefined;
    }
    const r = this.build(id);
    this.resolved.set(id, r);
    if (r === null && !this.custom.has(id)) this.reportUnknown(id, path);
    return r ?? undefined;
  }

  private reportUnknown(id: string, path: string): void {
    if (this.custom.has(id)) return; // its own problem was reported where it is declared
    const near = this.log.nearest(id, () => [...this.library.factorIds(), ...this.custom.keys(), ...this.computed.keys()]);
    this.log.add('UNKNOWN_FACTOR', path, `unknown factor "${id}"`,
      near.length
        ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}? (search with: greenlca factors search TEXT)`
        : 'declare it under "factors" or find a bundled one with: greenlca factors search TEXT');
  }

  private build(id: string): ResolvedFactor | null {
    const custom = this.custom.get(id);
    if (custom) return this.buildCustom(custom.factor, custom.index);
    const entry = this.library.factor(id);
    if (!entry) return null;
    return resolveBundled(entry, id, this.set, this.library);
  }

  private buildCustom(f: CustomFactor, index: number): ResolvedFactor | null {
    const values: FactorValues = { gwpBasis: f.gwp ?? this.productGwp, gasesBasis: 'mass' };
    if (f.co2e !== undefined) values.co2e = f.co2e;
    if (f.gases) values.gases = f.gases;
    if (f.biogenic) values.origin = 'biogenic';
    if (f.origin) {
      const problem = originProblem(f);
      if (problem) {
        this.log.add('FACTOR_ORIGIN', pointer('factors', index, 'origin'), `custom factor "${f.id}": ${problem}`,
          'give "origin" with "co2e" only, its parts (fossil, biogenic CO2, removals ≤ 0, biogenic non-CO2) adding up to at most "co2e", and no "biogenic" flag');
        return null;
      }
      values.parts = f.origin;
    }
    const characterised = characteriseFactor(values, this.set, (n) => this.library.substance(n));
    if (!characterised.ok) {
      for (const p of characterised.problems) {
        const path = pointer('factors', index, 'gases', p.gas);
        if (p.kind === 'unknown-substance') {
          const near = this.log.nearest(p.gas, () => this.library.substanceNames());
          this.log.add('UNKNOWN_SUBSTANCE', path, `unknown substance "${p.gas}"`,
            near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : 'use an IPCC gas name such as CO2, CH4, N2O, SF6, HFC-134a');
        } else {
          this.log.add('NO_GWP_IN_SET', path, `"${p.gas}" has no GWP100 in IPCC ${p.set}`, 'choose another GWP set for the product');
        }
      }
      return null;
    }
    if (f.flows) {
      const flows = customFlows(f.flows, characterised.value, this.library, pointer('factors', index, 'flows'), this.log);
      if (!flows) return null;
      characterised.value.flows = flows;
    }
    const source: LineSource = { citation: f.source ?? '(no source given)' };
    if (f.region) source.region = f.region;
    if (f.year !== undefined) source.year = f.year;
    if (f.supplier) source.supplier = f.supplier.name;
    if (f.validUntil) source.validUntil = f.validUntil;
    const r: ResolvedFactor = {
      id: f.id,
      name: f.name ?? f.id,
      unit: unitSpec(f.unit),
      value: characterised.value,
      shown: { kgCO2e: characterised.value.kgCO2e.toNumber(), unit: f.unit },
      source,
      co2Only: false,
      isCustom: true,
    };
    if (f.region) r.region = f.region;
    if (f.year !== undefined) r.year = f.year;
    if (f.category) r.category = f.category;
    if (f.validUntil) r.validUntil = f.validUntil;
    if (f.supplier) r.supplier = f.supplier.name;
    return r;
  }
}

/**
 * A bundled factor resolved for a GWP set, made once per library entry, set and id and shared by every
 * calculation (a pure function of the dataset version it comes from; ids are exact, so at most one per
 * entry and set). Frozen: results of many requests hold its citation and shown value.
 */
const resolvedBundled = new WeakMap<LibraryFactor, Map<string, ResolvedFactor>>();

function resolveBundled(entry: LibraryFactor, id: string, set: GwpSet, library: FactorLibrary): ResolvedFactor {
  let byKey = resolvedBundled.get(entry);
  if (!byKey) resolvedBundled.set(entry, (byKey = new Map()));
  const key = `${set}|${id}`;
  const cached = byKey.get(key);
  if (cached) return cached;
  const f = entry.factor;
  const value = characteriseBundled(entry, set, library);
  const licence = entry.dataset.licences.find((l) => l.id === f.licence);
  const citation = [f.source.source, f.source.table, f.source.row ? `row ${f.source.row}` : undefined].filter(Boolean).join(', ');
  const source: LineSource = {
    citation,
    dataset: entry.dataset.id,
    datasetVersion: entry.dataset.version,
    licence: licence ? licence.id : f.licence,
    region: f.region,
    year: f.year,
  };
  if (f.source.url) source.url = f.source.url;
  const resolved: ResolvedFactor = {
    id,
    name: f.name.en,
    unit: unitSpec(f.unit),
    category: f.category,
    value,
    shown: { kgCO2e: value.kgCO2e.toNumber(), unit: f.unit },
    source,
    region: f.region,
    year: f.year,
    co2Only: f.co2Only === true,
    isCustom: false,
    dataset: { id: entry.dataset.id, version: entry.dataset.version, edition: entry.dataset.edition, publisher: entry.dataset.publisher },
    ...caveatsOf(f),
  };
  Object.freeze(resolved.source);
  Object.freeze(resolved.shown);
  if (resolved.dataset) Object.freeze(resolved.dataset);
  if (resolved.caveats) Object.freeze(resolved.caveats);
  byKey.set(key, Object.freeze(resolved));
  return resolved;
}

/** What is wrong with a custom factor's origin parts, if anything (the rest of co2e is "not split", never negative). */
function originProblem(f: CustomFactor): string | undefined {
  if (f.co2e === undefined) return '"origin" splits a "co2e" total, and the factor gives "gases"';
  if (f.biogenic) return '"origin" and "biogenic" both say where the emissions come from';
  const o = f.origin!;
  const parts = [o.fossilKgCO2e, o.biogenicCO2KgCO2e, o.biogenicCO2RemovalsKgCO2e, o.biogenicNonCO2KgCO2e].filter((v): v is number => v !== undefined);
  if (parts.some((v) => !Number.isFinite(v))) return 'an origin part is not a finite number';
  const rest = parts.reduce((r, v) => r.minus(dec(v)), dec(f.co2e));
  // Not-split emissions are emissions: the parts may leave a positive rest, not a negative one.
  if (rest.isNegative() && rest.abs().gt(dec(Math.abs(f.co2e)).times(1e-9))) {
    return `its parts add up to more than co2e ${f.co2e} (by ${rest.neg().toString()} kg CO2e)`;
  }
  return undefined;
}

/**
 * A bundled factor characterised with a GWP set, made once per library entry and set and shared by
 * every calculation: per-unit values derived from it (flow profiles, a category's value per unit,
 * gas splits as shown) are then cached by its identity across calculations, not worked out per run.
 * Library entries belong to one library, so to one substance table. Never mutated after this.
 */
const characterisedBundled = new WeakMap<LibraryFactor, Map<GwpSet, CharacterisedFactor>>();

function characteriseBundled(entry: LibraryFactor, set: GwpSet, library: FactorLibrary): CharacterisedFactor {
  let bySet = characterisedBundled.get(entry);
  if (!bySet) characterisedBundled.set(entry, (bySet = new Map()));
  const cached = bySet.get(set);
  if (cached) return cached;
  const f = entry.factor;
  const values: FactorValues = {};
  if (f.co2e !== undefined) values.co2e = f.co2e;
  if (f.gwpBasis) values.gwpBasis = f.gwpBasis;
  if (f.gases) values.gases = f.gases;
  values.gasesBasis = f.gasesBasis ?? 'mass';
  if (f.origin) values.origin = f.origin;
  const characterised = characteriseFactor(values, set, (n) => library.substance(n));
  if (!characterised.ok) {
    // A bundled factor naming an unknown gas is a data bug, not the user's.
    throw new Error(`bundled factor ${entry.id} cannot be characterised: ${JSON.stringify(characterised.problems)}`);
  }
  if (f.flows) characterised.value.flows = new Map(Object.entries(f.flows).map(([id, v]) => [id, dec(v)]));
  bySet.set(set, characterised.value);
  return characterised.value;
}

/** Tags that mark a factor as less reliable than its neighbours, and what to tell the user. */
const CAVEAT_TAGS: Record<string, string> = {
  'unallocated-upstream': 'its supply chain includes multi-output processes the source does not allocate (e.g. a refinery), which overstates it',
};

function caveatsOf(f: { tags?: string[] }): { caveats?: string[] } {
  const caveats = (f.tags ?? []).filter((t) => t in CAVEAT_TAGS).map((t) => CAVEAT_TAGS[t]!);
  return caveats.length ? { caveats } : {};
}

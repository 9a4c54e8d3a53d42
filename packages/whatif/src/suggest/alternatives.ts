import { countryOf, normaliseRegion, type FactorLibrary, type LibraryFactor, type ResolvedFactor } from '@greenlca/engine';
import { FREIGHT_MODES, MATERIAL_ROUTES, MODE_SHIFTS, type FreightMode } from './rules.js';

/** A bundled factor that could replace another, with why. */
export interface Alternative {
  entry: LibraryFactor;
  /** kg CO2e per unit in the GWP set of the calculation (characterised by the engine, as rows are). */
  kgPerUnit: number;
  /** Short description of the change, e.g. "closed-loop recycled source". */
  what: string;
}

function sameUnit(a: LibraryFactor, b: ResolvedFactor): boolean {
  return a.factor.unit === b.unit.text;
}

/**
 * kg CO2e per unit of a bundled factor in the calculation's GWP set, or undefined if it cannot be
 * characterised. Candidates are compared with the current factor (`ResolvedFactor.value`, characterised
 * by the engine) in the same terms: a factor published in AR5 (DESNZ) is converted like the rows are.
 */
export type FactorValue = (entry: LibraryFactor) => number | undefined;

function datasetOf(library: FactorLibrary, factor: ResolvedFactor): LibraryFactor[] {
  if (!factor.dataset) return [];
  const ds = library.factorDatasets.find((d) => d.id === factor.dataset!.id);
  return ds ? ds.factors.map((f) => library.factor(`${ds.id}/${f.id}`)!) : [];
}

/** Recycled-content or re-used variants of a material factor, lower-carbon than it. */
export function materialVariants(library: FactorLibrary, factor: ResolvedFactor, valueOf: FactorValue): Alternative[] {
  const entry = library.factor(factor.id);
  if (!entry || entry.factor.category !== 'material') return [];
  const current = MATERIAL_ROUTES.find((r) => r.suffix.test(entry.factor.id));
  if (!current) return [];
  const stem = entry.factor.id.replace(current.suffix, '');
  const value = factor.value.kgCO2e.toNumber();
  return datasetOf(library, factor).flatMap((cand) => {
    const route = MATERIAL_ROUTES.find((r) => r.suffix.test(cand.factor.id));
    if (!route?.lowerCarbon || cand.id === factor.id || cand.factor.id.replace(route.suffix, '') !== stem || !sameUnit(cand, factor)) return [];
    const v = valueOf(cand);
    if (v === undefined || v >= value) return [];
    return [{ entry: cand, kgPerUnit: v, what: route.label }];
  });
}

/**
 * Lower-carbon grids in the same dataset, the same country, the same data year and the same scope
 * (CO2-only factors are compared only with CO2-only ones), lowest first.
 */
export function gridAlternatives(library: FactorLibrary, factor: ResolvedFactor, valueOf: FactorValue): Alternative[] {
  const entry = library.factor(factor.id);
  if (!entry || entry.factor.category !== 'electricity') return [];
  const f = entry.factor;
  const value = factor.value.kgCO2e.toNumber();
  return datasetOf(library, factor)
    .flatMap((cand) => {
      const c = cand.factor;
      if (c.category !== 'electricity' || cand.id === factor.id || c.year !== f.year || (c.co2Only === true) !== (f.co2Only === true)) return [];
      if (countryOf(c.region) !== countryOf(f.region) || normaliseRegion(c.region) === normaliseRegion(f.region) || !sameUnit(cand, factor)) return [];
      const v = valueOf(cand);
      if (v === undefined || v >= value) return [];
      return [{ entry: cand, kgPerUnit: v, what: `${c.region} grid` }];
    })
    .sort((a, b) => a.kgPerUnit - b.kgPerUnit);
}

export function modeOf(text: string): FreightMode | undefined {
  return FREIGHT_MODES.find((m) => m.pattern.test(text))?.mode;
}

/**
 * Freight factors of another mode (see MODE_SHIFTS) in the same dataset and unit, one per mode: an
 * "average" factor if there is one, else the highest of the mode (the conservative choice).
 */
export function modeShifts(library: FactorLibrary, factor: ResolvedFactor, valueOf: FactorValue): Alternative[] {
  const entry = library.factor(factor.id);
  if (!entry || entry.factor.category !== 'freight') return [];
  const mode = modeOf(`${entry.factor.id} ${entry.factor.name.en}`);
  if (!mode) return [];
  const value = factor.value.kgCO2e.toNumber();
  const out: Alternative[] = [];
  const values = new Map<string, number | undefined>();
  const valueOfCached: FactorValue = (e) => {
    if (!values.has(e.id)) values.set(e.id, valueOf(e));
    return values.get(e.id);
  };
  for (const target of MODE_SHIFTS[mode]) {
    const pool = datasetOf(library, factor).filter((cand) => cand.factor.category === 'freight' && sameUnit(cand, factor)
      && valueOfCached(cand) !== undefined && modeOf(`${cand.factor.id} ${cand.factor.name.en}`) === target);
    const averages = pool.filter((c) => /average/i.test(c.factor.id));
    const pick = (averages.length ? averages : pool).sort((a, b) => valueOfCached(b)! - valueOfCached(a)! || a.id.localeCompare(b.id))[0];
    if (pick && valueOfCached(pick)! < value) out.push({ entry: pick, kgPerUnit: valueOfCached(pick)!, what: `${mode} → ${target}` });
  }
  return out;
}

/**
 * The lowest electricity factor of the same country in any bundled dataset, whatever its year and
 * scope: not a like-for-like alternative, only a pointer for the reason a grid change is not quantified.
 */
export function lowestGridAnyScope(library: FactorLibrary, factor: ResolvedFactor, valueOf: FactorValue): Alternative | undefined {
  const entry = library.factor(factor.id);
  if (!entry) return undefined;
  let best: Alternative | undefined;
  for (const ds of library.factorDatasets) {
    for (const f of ds.factors) {
      const cand = library.factor(`${ds.id}/${f.id}`)!;
      if (f.category !== 'electricity' || cand.id === factor.id || countryOf(f.region) !== countryOf(entry.factor.region) || !sameUnit(cand, factor)) continue;
      const v = valueOf(cand);
      if (v === undefined || v >= factor.value.kgCO2e.toNumber() || (best && best.kgPerUnit <= v)) continue;
      best = { entry: cand, kgPerUnit: v, what: `${f.region} grid` };
    }
  }
  return best;
}

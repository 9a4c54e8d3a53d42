import type { FactorLibrary, InventoryRow, LibraryFactor } from '@greenlca/engine';
import type { GwpSet, Product, Scenario, Stage } from '@greenlca/schema';
import { compareModels } from '../compare.js';
import { Exact } from '../model/exact.js';
import type { ModelOptions, WhatIfModel } from '../model/types.js';
import { updateModel } from '../model/update.js';
import { exactTotals, rankedLines } from '../model/view.js';
import { scaledParameter } from '../uncertainty/simulate.js';
import { baseModel } from '../variants.js';
import { gridAlternatives, lowestGridAnyScope, materialVariants, modeOf, modeShifts, type Alternative, type FactorValue } from './alternatives.js';
import { DEFAULTS, LIFETIME_PARAMETERS } from './rules.js';

export type SuggestionKind = 'material-variant' | 'grid' | 'transport-mode' | 'mass-reduction' | 'lifetime';

export interface Hotspot {
  path: string;
  label: string;
  stage: Stage;
  factor: string;
  kgCO2e: number;
  /** Share of the total. */
  share: number;
}

export interface FactorRef {
  id: string;
  name: string;
  /** kg CO2e per unit in the result's GWP set (`SuggestResult.gwp`), as the engine characterises it. */
  kgCO2ePerUnit: number;
  unit: string;
  region?: string;
  year?: number;
  citation: string;
}

export interface Suggestion {
  rank: number;
  kind: SuggestionKind;
  title: string;
  /**
   * The contribution the change acts on (absent for a longer service life, which acts on all). A
   * material or transport change acts on this line (or component) only; a grid change on every use of
   * the grid factor.
   */
  hotspot?: Hotspot;
  from?: FactorRef;
  to?: FactorRef;
  /** The change as a scenario: add it to the product's `scenarios` to keep and compare it. */
  scenario: Scenario;
  /** kg CO2e saved per functional unit (exact difference), and as a share of the total in percent. */
  saving: { kgCO2e: number; percent: number };
  /** How the saving was worked out. */
  basis: string;
}

export interface NotQuantified {
  kind: SuggestionKind | 'other';
  hotspot?: Hotspot;
  reason: string;
}

export interface SuggestResult {
  gwp: GwpSet;
  baseline: { kgCO2e: number };
  suggestions: Suggestion[];
  notQuantified: NotQuantified[];
}

export interface SuggestOptions extends ModelOptions {
  /** How many of the largest contributions to look at (default 5). */
  hotspots?: number;
  /** Mass reduction to try on the top material hotspot, as a fraction (default 0.1 = 10 %). */
  massReduction?: number;
  /** Longer service life to try, as a fraction of the stated one (default 0.2 = 20 %). */
  lifetimeExtension?: number;
  /** The parameter that holds the service life (default: one named lifetime, lifetimeYears, serviceLife, years …). */
  lifetimeParameter?: string;
}

/**
 * Eco-design suggestions from the hotspots: for each of the largest contributions, the concrete
 * changes the bundled data can quantify (a recycled-content or re-used variant of a material, a
 * lower-carbon grid of the same country, a shift to a lower-carbon freight mode), a mass reduction of
 * the top material hotspot and a longer service life, each with its exact saving, ranked. A hotspot
 * with no quantifiable alternative is listed in `notQuantified` with the reason.
 *
 * @example
 * const s = suggest(product, library);
 * s.suggestions[0].title; s.suggestions[0].saving.kgCO2e;
 */
export function suggest(product: Product, library: FactorLibrary, options: SuggestOptions = {}): SuggestResult {
  return suggestForModel(baseModel(product, library, options), options);
}

export function suggestForModel(model: WhatIfModel, options: SuggestOptions = {}): SuggestResult {
  const total = exactTotals(model).total;
  const library = model.library;
  const lines = rankedLines(model).filter((l) => l.kgCO2e.isPositive() && !l.kgCO2e.isZero());
  const top = lines.slice(0, options.hotspots ?? DEFAULTS.hotspots);
  const hotspotOf = (row: InventoryRow, kg: Exact): Hotspot => ({
    path: row.path, label: row.label, stage: row.stage, factor: row.factor.id, kgCO2e: kg.toNumber(),
    share: total.isZero() ? 0 : kg.div(total).toNumber(),
  });
  const candidates: Omit<Suggestion, 'rank' | 'saving'>[] = [];
  const notQuantified: NotQuantified[] = [];
  const seen = new Set<string>();

  // Candidates in the same terms as the rows: characterised by the engine in the model's GWP set.
  const valueOf: FactorValue = (entry: LibraryFactor) => {
    try {
      return model.resolver.resolve(entry.id, '')?.value.kgCO2e.toNumber();
    } catch {
      return undefined;
    }
  };
  const unit = (row: InventoryRow) => `kg CO2e/${row.unit}`;

  for (const { row, kgCO2e } of top) {
    const hotspot = hotspotOf(row, kgCO2e);
    const category = row.substance !== undefined ? 'emission' : library.factor(row.factor.id)?.factor.category;
    const swap = (kind: SuggestionKind, alternatives: Alternative[], why: () => string) => {
      if (!alternatives.length) {
        // One entry per factor: the largest hotspot that uses it.
        if (!notQuantified.some((n) => n.kind === kind && n.hotspot?.factor === row.factor.id)) notQuantified.push({ kind, hotspot, reason: why() });
        return;
      }
      for (const alt of alternatives) {
        // A grid is swapped wherever it is used (the product draws on one grid); a material or a freight
        // leg only where this hotspot uses it, so the saving is that line's (or component's) alone.
        const everywhere = kind === 'grid';
        const target = everywhere ? undefined : overrideFor(model.product, row, alt.entry.id);
        const key = everywhere || !target ? `${row.factor.id}→${alt.entry.id}` : `${row.path}→${alt.entry.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const title = titleOf(kind, row, alt);
        const values = `${row.factor.id} (${fmt(row.factor.value.kgCO2e.toNumber())} ${unit(row)}) replaced by ${alt.entry.id} (${fmt(alt.kgPerUnit)} ${unit(row)}), both IPCC ${model.gwp}, same dataset`;
        candidates.push({
          kind, hotspot, from: refOf(library, row), to: refOfEntry(alt), title,
          scenario: { id: `suggest-${kind}-${seen.size}`, name: title, overrides: target ? target.overrides : { replaceFactor: { from: row.factor.id, to: alt.entry.id } } },
          basis: target ? `${target.where}: ${values}; other uses of ${row.factor.id} unchanged` : `every use of ${values}`,
        });
      }
    };
    if (category === 'emission') {
      notQuantified.push({ kind: 'other', hotspot, reason: `a direct emission of ${row.factor.id}: lowering it takes a process or refrigerant change that the bundled data cannot choose; model one as a scenario and compare it` });
    } else if (category === 'material' || row.kind === 'material') {
      swap('material-variant', materialVariants(library, row.factor, valueOf), () => row.factor.isCustom
        ? `"${row.factor.id}" is a custom factor: the bundled data has no recycled-content variant of it`
        : `the bundled data has no recycled-content or re-used variant of ${row.factor.id}`);
    } else if (category === 'electricity') {
      swap('grid', gridAlternatives(library, row.factor, valueOf).slice(0, 1), () => gridReason(library, row, valueOf));
    } else if (category === 'freight') {
      swap('transport-mode', modeShifts(library, row.factor, valueOf), () => {
        const mode = modeOf(`${row.factor.id} ${row.factor.name}`);
        if (mode === 'rail' || mode === 'sea') return `${row.factor.id} is already ${mode} freight, the lowest-carbon mode in the bundled data`;
        return `the bundled data has no freight factor of a lower-carbon mode per ${row.unit} in the dataset of ${row.factor.id}`;
      });
    } else {
      notQuantified.push({
        kind: 'other', hotspot,
        reason: row.factor.isCustom
          ? `"${row.factor.id}" is a custom factor: the bundled data has no like-for-like alternative to quantify`
          : `the bundled data has no like-for-like lower-carbon alternative for the ${category ?? 'unknown'} factor ${row.factor.id}; a change here (e.g. another fuel or supplier) needs a scenario with the new factor`,
      });
    }
  }

  const massCut = options.massReduction ?? DEFAULTS.massReduction;
  const material = lines.find((l) => l.row.kind === 'material' && l.row.component !== undefined && !l.row.factor.unit.isCount);
  if (material && massCut > 0 && massCut < 1) {
    const pct = fmt(massCut * 100);
    const title = `Make ${material.row.label.split(':')[0]} ${pct} % lighter`;
    candidates.push({
      kind: 'mass-reduction', hotspot: hotspotOf(material.row, material.kgCO2e), title,
      scenario: { id: 'suggest-mass-reduction', name: title, overrides: { components: { [material.row.component!]: { massScale: 1 - massCut } } } },
      basis: `the mass of one ${material.row.component} cut by ${pct} %: its material and end-of-life lines scale with it`,
    });
  }

  const suggestions: Suggestion[] = [];
  if (candidates.length) {
    const compared = compareModels(model, candidates.map((c) => c.scenario));
    candidates.forEach((c, i) => {
      const d = compared.variants[i]!.delta.total;
      const saving = -d.kgCO2e;
      if (saving > 0) suggestions.push({ ...c, rank: 0, saving: { kgCO2e: saving, percent: -(d.percent ?? 0) } });
    });
  }
  const life = lifetimeSuggestion(model, total, options);
  if ('suggestion' in life) suggestions.push(life.suggestion);
  else notQuantified.push({ kind: 'lifetime', reason: life.reason });

  suggestions.sort((a, b) => b.saving.kgCO2e - a.saving.kgCO2e || a.title.localeCompare(b.title));
  suggestions.forEach((s, i) => { s.rank = i + 1; });
  return { gwp: model.gwp, baseline: { kgCO2e: total.toNumber() }, suggestions, notQuantified };
}

/**
 * A longer service life: the footprint of the service the product gives over its stated life L, if
 * each product lasts L' = L × (1 + x): F(L) − (L / L') × F(L'). Use per year stays the same; making,
 * shipping and disposing of the product are spread over more years.
 */
function lifetimeSuggestion(model: WhatIfModel, total: Exact, options: SuggestOptions): { suggestion: Suggestion } | { reason: string } {
  const params = model.product.parameters ?? {};
  const name = options.lifetimeParameter ?? Object.keys(params).find((p) => LIFETIME_PARAMETERS.test(p));
  if (name === undefined || !(name in params)) {
    return { reason: options.lifetimeParameter
      ? `the product has no parameter "${options.lifetimeParameter}"`
      : 'no service-life parameter (lifetime, lifetimeYears, serviceLife, years …): name the one the use-stage amounts multiply by, so a longer life can be quantified' };
  }
  const x = options.lifetimeExtension ?? DEFAULTS.lifetimeExtension;
  const longer = updateModel(model, { ...model.product, parameters: { ...params, [name]: scaledParameter(params[name]!, 1 + x) } });
  const ratio = new Exact(1).div(new Exact(1).plus(x.toString()));
  const saving = total.minus(exactTotals(longer).total.times(ratio));
  if (!saving.isPositive() || saving.isZero()) {
    return { reason: `a ${fmt(x * 100)} % longer "${name}" saves nothing per year of service here (nothing but the use stage depends on it, or the use grows faster)` };
  }
  const title = `Make it last ${fmt(x * 100)} % longer (${name})`;
  return {
    suggestion: {
      rank: 0, kind: 'lifetime', title,
      scenario: { id: 'suggest-lifetime', name: title, overrides: { parameters: { [name]: scaledParameter(params[name]!, 1 + x) } } },
      saving: { kgCO2e: saving.toNumber(), percent: total.isZero() ? 0 : saving.div(total).times(100).toNumber() },
      basis: `per the service of one product over its stated life: F(L) − F(L′) × L / L′ with L′ = ${fmt(1 + x)} L; use per year unchanged, making, shipping and disposal spread over more years`,
    },
  };
}

function gridReason(library: FactorLibrary, row: InventoryRow, valueOf: FactorValue): string {
  const entry = library.factor(row.factor.id);
  if (!entry) return `"${row.factor.id}" is a custom factor: the bundled data cannot say which grid it is`;
  const f = entry.factor;
  const other = lowestGridAnyScope(library, row.factor, valueOf);
  const pointerTo = other
    ? ` (the lowest in the bundled data, ${other.entry.id} at ${fmt(other.kgPerUnit)} kg/${row.unit}, is ${other.entry.factor.co2Only ? 'CO2 only' : 'another scope'} for ${other.entry.factor.year}: model it as a scenario if that basis suits the study)`
    : '';
  return `${entry.dataset.id} has no lower-carbon electricity factor for another region of ${f.region.split('-')[0]} with the same data year (${f.year}) and scope${f.co2Only ? ' (CO2 only)' : ''}, and factors of other datasets, years or scopes are not like for like${pointerTo}`;
}

/**
 * The override that puts factor `to` on this row alone: its inventory line (by id, or by pointer when
 * the id is missing or not unique), its component's material, or its end-of-life route. Undefined for a
 * row no override can name on its own.
 */
function overrideFor(product: Product, row: InventoryRow, to: string): { overrides: Scenario['overrides']; where: string } | undefined {
  if (row.kind === 'inventory') {
    const i = Number(/^\/inventory\/(\d+)$/.exec(row.path)?.[1] ?? NaN);
    const line = product.inventory?.[i];
    if (!line) return undefined;
    const unique = line.id !== undefined && (product.inventory ?? []).filter((l) => l.id === line.id).length === 1;
    return { overrides: { lines: { [unique ? line.id! : row.path]: { factor: to } } }, where: `only the line "${row.label}" (${row.path})` };
  }
  if (row.kind === 'material' && row.component !== undefined) {
    return { overrides: { components: { [row.component]: { material: to } } }, where: `only the material of ${row.label.split(': ')[0]} (${row.component})` };
  }
  if (row.kind === 'endOfLife') {
    return { overrides: { set: [{ path: `${row.path}/factor`, value: to }] }, where: `only the end-of-life route ${row.path}` };
  }
  return undefined;
}

function titleOf(kind: SuggestionKind, row: InventoryRow, alt: Alternative): string {
  const what = row.kind === 'material' ? row.label.split(': ')[0]! : row.label;
  switch (kind) {
    case 'material-variant': return `Use ${alt.what} material for ${what}`;
    case 'grid': return `Use electricity from the ${alt.entry.factor.region} grid (${alt.entry.factor.name.en})`;
    case 'transport-mode': return `Ship by ${alt.what.split(' → ')[1]} instead of ${alt.what.split(' → ')[0]} (${what})`;
    default: return what;
  }
}

function refOf(library: FactorLibrary, row: InventoryRow): FactorRef {
  const entry = library.factor(row.factor.id);
  if (entry) return refOfEntry({ entry, kgPerUnit: row.factor.value.kgCO2e.toNumber(), what: '' });
  const ref: FactorRef = { id: row.factor.id, name: row.factor.name, kgCO2ePerUnit: row.factor.value.kgCO2e.toNumber(), unit: row.unit, citation: row.factor.source.citation };
  return ref;
}

function refOfEntry(alt: Alternative): FactorRef {
  const f = alt.entry.factor;
  return {
    id: alt.entry.id, name: f.name.en, kgCO2ePerUnit: alt.kgPerUnit, unit: f.unit, region: f.region, year: f.year,
    citation: [f.source.source, f.source.table, f.source.row ? `row ${f.source.row}` : undefined].filter(Boolean).join(', '),
  };
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}

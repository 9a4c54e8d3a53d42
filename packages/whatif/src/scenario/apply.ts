import { normaliseRegion, type FactorLibrary } from '@greenlca/engine';
import {
  Product, Scenario, validate, type Component, type ComponentOverride, type CustomFactor, type FactorReplacement, type InventoryLine, type LineOverride,
} from '@greenlca/schema';
import { issue, pointer, segmentsOf, WhatIfInputError, type WhatIfIssue } from '../errors.js';
import { Draft, getIn } from './draft.js';
import { scaleAmount, scaleQuantity } from './scale.js';
import { componentTargets, findComponent, findLine } from './targets.js';

/** The id a comparison gives the product as stated. */
export const BASELINE = 'baseline';

/** The product's scenarios, checked: ids unique and not "baseline". */
export function scenariosOf(product: Product): Scenario[] {
  const list = product.scenarios ?? [];
  const issues: WhatIfIssue[] = [];
  const seen = new Set<string>();
  list.forEach((s, i) => {
    if (s.id === BASELINE || seen.has(s.id)) {
      issues.push(issue('DUPLICATE_SCENARIO', pointer('scenarios', i, 'id'),
        s.id === BASELINE ? '"baseline" is the product as stated and cannot be a scenario id' : `two scenarios have the id "${s.id}"`,
        'give each scenario its own id'));
    }
    seen.add(s.id);
  });
  if (issues.length) throw new WhatIfInputError(issues);
  return list;
}

/** Find a scenario of the product by id. */
export function scenarioById(product: Product, id: string): { scenario: Scenario; index: number } {
  const list = scenariosOf(product);
  const index = list.findIndex((s) => s.id === id);
  if (index < 0) {
    throw new WhatIfInputError([issue('UNKNOWN_SCENARIO', '/scenarios', `the product has no scenario "${id}"`,
      list.length ? `scenarios: ${list.map((s) => s.id).join(', ')}` : 'add one under "scenarios"')]);
  }
  return { scenario: list[index]!, index };
}

/**
 * The product with a scenario's overrides applied (see `@greenlca/schema` scenario.ts for the order).
 * Pure: the base product is not changed, and everything the scenario does not touch is shared with it,
 * so the incremental model recompiles only what changed. Without `scenarios`.
 *
 * @example
 * const lighter = applyScenario(product, 'light-housing', library);
 */
export function applyScenario(product: Product, scenario: Scenario | string, library: FactorLibrary): Product {
  return applyScenarioTraced(product, scenario, library).product;
}

/**
 * `applyScenario`, also telling where each inventory line of the variant comes from: the index of the
 * base line, or -1 for a line a `set` added. Monte Carlo uses it to pair a variant's lines with the
 * baseline's (the same random draws for the same line).
 */
export function applyScenarioTraced(
  product: Product, scenario: Scenario | string, library: FactorLibrary,
): { product: Product; scenario: Scenario; lineOrigins: number[] } {
  let index = -1;
  if (typeof scenario === 'string') ({ scenario, index } = scenarioById(product, scenario));
  else {
    index = (product.scenarios ?? []).indexOf(scenario);
    const checked = validate(Scenario, scenario);
    if (!checked.ok) {
      throw new WhatIfInputError(checked.issues.map((i) => ({ ...issue('SCENARIO_SCHEMA', i.path, i.message), scenario: (scenario as Scenario).id })));
    }
  }
  const base = index >= 0 ? `/scenarios/${index}/overrides` : '/overrides';
  const { scenarios: _ignored, ...rest } = product;
  const draft = new Draft<Product>(rest as Product);
  const issues: WhatIfIssue[] = [];
  const o = scenario.overrides;
  const at = (...s: (string | number)[]) => base + pointer(...s);

  if (o.factors) applyFactors(draft, o.factors as unknown as CustomFactor[]);
  if (o.parameters) {
    for (const [name, value] of Object.entries(o.parameters)) {
      if (!(name in (product.parameters ?? {}))) {
        issues.push(issue('UNKNOWN_TARGET', at('parameters', name), `the product has no parameter "${name}"`,
          `parameters: ${Object.keys(product.parameters ?? {}).join(', ') || '(none)'}`));
      } else draft.set(['parameters', name], value);
    }
  }
  const customIds = () => new Set((draft.value.factors ?? []).map((f) => f.id));
  const exists = (id: string) => library.factor(id) !== undefined || customIds().has(id);
  if (o.replaceFactor) {
    const list = Array.isArray(o.replaceFactor) ? o.replaceFactor : [o.replaceFactor];
    list.forEach((r, k) => {
      const path = Array.isArray(o.replaceFactor) ? at('replaceFactor', k) : at('replaceFactor');
      if (!exists(r.to)) {
        issues.push(issue('UNKNOWN_TARGET', `${path}/to`, `unknown factor "${r.to}"`, 'find one with: greenlca factors search TEXT'));
        return;
      }
      if (!replaceFactors(draft, (id) => id === r.from, r)) {
        issues.push(issue('UNKNOWN_TARGET', `${path}/from`, `the product does not use factor "${r.from}"`, 'name a factor used by a line or a component material'));
      }
    });
  }
  if (typeof o.grid === 'string') {
    const to = o.grid;
    const entry = library.factor(to);
    if (!entry && !customIds().has(to)) issues.push(issue('UNKNOWN_TARGET', at('grid'), `unknown factor "${to}"`, 'name an electricity factor, e.g. from greenlca factors search electricity'));
    else if (entry && entry.factor.category !== 'electricity') {
      issues.push(issue('UNKNOWN_TARGET', at('grid'), `"${to}" is a ${entry.factor.category} factor, not electricity`, 'name an electricity factor'));
    } else if (!replaceFactors(draft, (id) => id !== to && library.factor(id)?.factor.category === 'electricity', { from: '(grid)', to })) {
      issues.push(issue('UNKNOWN_TARGET', at('grid'), 'the product uses no bundled electricity factor', 'use replaceFactor to swap a custom electricity factor'));
    }
  } else if (o.grid) {
    issues.push(...applyGridRegion(draft, library, o.grid.region, at('grid', 'region')));
  }
  if (o.components) {
    const targets = componentTargets(draft.value);
    for (const [ref, change] of Object.entries(o.components)) {
      const target = findComponent(targets, ref);
      if (!target) {
        issues.push(issue('UNKNOWN_TARGET', at('components', ref), `no component "${ref}"`,
          `name it by id path (${targets.slice(0, 4).map((t) => `"${t.idPath}"`).join(', ')}${targets.length > 4 ? ', …' : ''}) or JSON pointer`));
        continue;
      }
      issues.push(...applyComponent(draft, target.segments, target.component, change, at('components', ref)));
    }
  }
  let lineOrigins = (product.inventory ?? []).map((_, i) => i);
  if (o.lines) {
    const removed = new Set<number>();
    for (const [ref, change] of Object.entries(o.lines)) {
      const i = findLine(product, ref);
      if (i === undefined) {
        issues.push(issue('UNKNOWN_TARGET', at('lines', ref), `no inventory line "${ref}"`, 'name it by its "id" or as "/inventory/3"'));
        continue;
      }
      if (change.remove) removed.add(i);
      else issues.push(...applyLine(draft, i, change, at('lines', ref)));
    }
    if (removed.size) {
      draft.set(['inventory'], (draft.value.inventory ?? []).filter((_, i) => !removed.has(i)));
      lineOrigins = lineOrigins.filter((i) => !removed.has(i));
    }
  }
  (o.set ?? []).forEach((s, k) => {
    const segments = segmentsOf(s.path);
    const parent = getIn(draft.value, segments.slice(0, -1));
    const last = segments[segments.length - 1]!;
    const ok = parent !== null && typeof parent === 'object' && (!Array.isArray(parent) || /^\d+$/.test(last) && Number(last) <= parent.length);
    if (!ok) issues.push(issue('UNKNOWN_TARGET', at('set', k, 'path'), `nothing to set at "${s.path}"`, 'the parent of the path must exist in the product'));
    else draft.set(segments.map((x) => (Array.isArray(parent) && x === last ? Number(x) : x)), s.value);
  });
  const lines = draft.value.inventory ?? [];
  if (lines.length !== lineOrigins.length) {
    // A `set` changed the list itself: pair by identity where a line is unchanged.
    const base = product.inventory ?? [];
    lineOrigins = lines.map((l) => base.indexOf(l));
  }
  if (o.gwp) draft.set(['gwp'], o.gwp);
  if (o.region) draft.set(['region'], o.region);

  if (issues.length) throw new WhatIfInputError(issues.map((i) => ({ ...i, scenario: scenario.id })));
  const checked = validate(Product, draft.value);
  if (!checked.ok) {
    throw new WhatIfInputError(checked.issues.map((i) => ({
      ...issue('SCENARIO_INVALID', i.path, `with the scenario applied: ${i.message}`), scenario: (scenario as Scenario).id,
    })));
  }
  return { product: draft.value, scenario, lineOrigins };
}

/** Each bundled electricity factor used becomes its dataset's factor for `region` (same year and scope). */
function applyGridRegion(draft: Draft<Product>, library: FactorLibrary, region: string, path: string): WhatIfIssue[] {
  const used = new Set<string>();
  (draft.value.inventory ?? []).forEach((l) => { if (l.factor) used.add(l.factor); });
  for (const t of componentTargets(draft.value)) if (t.component.material) used.add(t.component.material);
  const grids = [...used].flatMap((id) => {
    const e = library.factor(id);
    return e && e.factor.category === 'electricity' ? [e] : [];
  });
  if (!grids.length) return [issue('UNKNOWN_TARGET', path, 'the product uses no bundled electricity factor', 'use replaceFactor to swap a custom electricity factor')];
  const want = normaliseRegion(region);
  const out: WhatIfIssue[] = [];
  for (const from of grids) {
    const f = from.factor;
    const match = from.dataset.factors.find((c) => c.category === 'electricity' && normaliseRegion(c.region) === want && c.year === f.year
      && (c.co2Only === true) === (f.co2Only === true) && c.unit === f.unit);
    if (!match) {
      out.push(issue('UNKNOWN_TARGET', path, `${from.dataset.id} has no electricity factor for ${want} with the data year (${f.year}) and scope of ${from.id}`,
        'name a grid factor instead: "grid": "<dataset>/<factor>" (greenlca factors search electricity)'));
    } else if (`${from.dataset.id}/${match.id}` !== from.id) replaceFactors(draft, (id) => id === from.id, { from: from.id, to: `${from.dataset.id}/${match.id}` });
  }
  return out;
}

function applyFactors(draft: Draft<Product>, factors: CustomFactor[]): void {
  const list = (draft.value.factors ?? []).slice();
  for (const f of factors) {
    const i = list.findIndex((x) => x.id === f.id);
    if (i >= 0) list[i] = f;
    else list.push(f);
  }
  draft.set(['factors'], list);
}

/** Swap factor ids wherever they are used; returns whether anything was swapped. */
function replaceFactors(draft: Draft<Product>, matches: (id: string) => boolean, r: FactorReplacement): boolean {
  let count = 0;
  (draft.value.inventory ?? []).forEach((line, i) => {
    if (line.factor !== undefined && matches(line.factor)) {
      draft.set(['inventory', i, 'factor'], r.to);
      count++;
    }
  });
  for (const t of componentTargets(draft.value)) {
    if (t.component.material !== undefined && matches(t.component.material)) {
      draft.set([...t.segments, 'material'], r.to);
      count++;
    }
    (t.component.endOfLife ?? []).forEach((route, k) => {
      if (route.factor !== undefined && matches(route.factor)) {
        draft.set([...t.segments, 'endOfLife', k, 'factor'], r.to);
        count++;
      }
    });
  }
  return count > 0;
}

function applyComponent(
  draft: Draft<Product>, segments: (string | number)[], component: { mass?: unknown; quantity?: number | string }, change: ComponentOverride, path: string,
): WhatIfIssue[] {
  const out: WhatIfIssue[] = [];
  if (change.mass !== undefined && change.massScale !== undefined) out.push(issue('CONFLICTING_OVERRIDE', path, 'give "mass" or "massScale", not both'));
  if (change.quantity !== undefined && change.quantityScale !== undefined) out.push(issue('CONFLICTING_OVERRIDE', path, 'give "quantity" or "quantityScale", not both'));
  if (out.length) return out;
  if (change.mass !== undefined) draft.set([...segments, 'mass'], change.mass);
  if (change.massScale !== undefined) {
    if (component.mass === undefined) return [issue('UNKNOWN_TARGET', `${path}/massScale`, 'the component has no mass to scale', 'give "mass" instead')];
    draft.set([...segments, 'mass'], scaleAmount(component.mass as never, change.massScale));
  }
  if (change.quantity !== undefined) draft.set([...segments, 'quantity'], change.quantity);
  if (change.quantityScale !== undefined) draft.set([...segments, 'quantity'], scaleQuantity(component.quantity, change.quantityScale));
  if (change.material !== undefined) draft.set([...segments, 'material'], change.material);
  if (change.stage !== undefined) draft.set([...segments, 'stage'], change.stage);
  if (change.endOfLife !== undefined) {
    if (change.endOfLife.length) draft.set([...segments, 'endOfLife'], change.endOfLife);
    else delete draft.writable(segments).endOfLife;
  }
  if (change.recycledMaterial !== undefined && change.recycledContent === undefined) {
    return [issue('CONFLICTING_OVERRIDE', `${path}/recycledMaterial`, '"recycledMaterial" needs "recycledContent", the share it is used for', 'add "recycledContent": 0.3 (30 %)')];
  }
  if (change.recycledContent !== undefined) return applyRecycledContent(draft, segments, change.recycledContent, change.recycledMaterial, path);
  return out;
}

/**
 * Recycled content of a part. With a recycled material, that share of the part's own material mass is
 * counted with the recycled material's factor: the part keeps (1 − share) of its mass as it is, and a
 * child part "recycled" (quantity 1 per part, the same end-of-life routes) carries the rest. Without one,
 * only the part's declared `recycledContent` changes (read by the eco-design indicators).
 */
function applyRecycledContent(
  draft: Draft<Product>, segments: (string | number)[], share: number, material: string | undefined, path: string,
): WhatIfIssue[] {
  if (material === undefined) {
    draft.set([...segments, 'recycledContent'], share);
    return [];
  }
  const part = getIn(draft.value, segments) as Component;
  if (part.mass === undefined) return [issue('UNKNOWN_TARGET', `${path}/recycledContent`, 'the component has no mass to split into primary and recycled material', 'give the part a mass')];
  const siblings = new Set((part.children ?? []).map((c) => c.id));
  let id = 'recycled';
  for (let n = 2; siblings.has(id); n++) id = `recycled-${n}`;
  const recycled: Component = { id, name: `${part.name ?? part.id} (recycled)`, material, mass: scaleAmount(part.mass, share), recycledContent: 1 };
  if (part.endOfLife) recycled.endOfLife = part.endOfLife;
  draft.set([...segments, 'mass'], scaleAmount(part.mass, 1 - share));
  draft.set([...segments, 'recycledContent'], 0);
  draft.set([...segments, 'children'], [...(part.children ?? []), recycled]);
  return [];
}

function applyLine(draft: Draft<Product>, i: number, change: LineOverride, path: string): WhatIfIssue[] {
  if (change.amount !== undefined && change.scale !== undefined) return [issue('CONFLICTING_OVERRIDE', path, 'give "amount" or "scale", not both')];
  // As for massScale and quantityScale: a scale is 0 or more. A credit (avoided burden) is stated
  // deliberately as a negative "amount", which the engine reports (NEGATIVE_AMOUNT); a negative scale
  // would flip a burden into a credit by a slip of the sign.
  if (change.scale !== undefined && !(change.scale >= 0)) {
    return [issue('SCENARIO_SCHEMA', `${path}/scale`, `scale must be 0 or more, not ${change.scale}`,
      'multiply by 0 or more (0.5 halves the amount); to model a credit, give the negative amount itself, e.g. "amount": "-2 kWh"')];
  }
  const line = (draft.value.inventory ?? [])[i] as InventoryLine;
  if (change.amount !== undefined) draft.set(['inventory', i, 'amount'], change.amount);
  if (change.scale !== undefined) draft.set(['inventory', i, 'amount'], scaleAmount(line.amount, change.scale));
  if (change.factor !== undefined) {
    const row = draft.writable(['inventory', i]);
    row.factor = change.factor;
    delete row.substance;
  }
  if (change.stage !== undefined) draft.set(['inventory', i, 'stage'], change.stage);
  return [];
}

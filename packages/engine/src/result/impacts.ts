import { POOR_COVERAGE, type CategoryResult, type ImpactAssessment, type Stage, type Substance } from '@greenlca/schema';
import { type Decimal, dec, num, ZERO } from '../decimal.js';
import type { CharacterisedFactor } from '../impact/characterise.js';
import { gasFlows } from '../impact/method.js';
import type { FlowIndex, PreparedMethod } from '../impact/method.js';
import { groupRows, type RowGroup } from './groups.js';
import { clean } from '../quantity/convert.js';
import type { InventoryRow } from '../inventory/line.js';

/** What the engine needs to characterise with impact methods: the flow list and the prepared methods. */
export interface Lcia {
  index: FlowIndex;
  /** Greenhouse gas (IPCC id, CO2 origin) → elementary flow, see ghgFlowOf. */
  ghgFlow: (substance: string, origin?: 'fossil' | 'biogenic') => string | undefined;
  methods: PreparedMethod[];
}

/** A factor's elementary flows per unit, and the gases it names that have no flow. */
interface FlowProfile {
  flows: [string, Decimal][];
  unmapped: string[];
}

const profiles = new WeakMap<CharacterisedFactor, FlowProfile>();

/**
 * The elementary flows of a characterised factor, per unit: its kg of each gas (a refrigerant blend
 * split into its components) as emissions to unspecified air. A factor that gives only a CO2e total
 * has none: it can be counted in climate change, not in any other category.
 */
export function flowProfile(value: CharacterisedFactor, lcia: Lcia, lookup: (id: string) => Substance | undefined): FlowProfile {
  let p = profiles.get(value);
  if (p) return p;
  if (value.flows) {
    p = { flows: [...value.flows], unmapped: [] };
    profiles.set(value, p);
    return p;
  }
  const { flows, unmapped } = gasFlows(value, lcia.ghgFlow, lookup);
  p = { flows: [...flows], unmapped };
  profiles.set(value, p);
  return p;
}

class Sum {
  total: Decimal = ZERO;
  readonly byStage = new Map<Stage, Decimal>();
  readonly byComponent = new Map<string, Decimal>();
  add(x: Decimal, stage: Stage, component: string | undefined): void {
    if (x.isZero()) return;
    this.total = this.total.plus(x);
    this.byStage.set(stage, (this.byStage.get(stage) ?? ZERO).plus(x));
    if (component !== undefined) this.byComponent.set(component, (this.byComponent.get(component) ?? ZERO).plus(x));
  }
}

const record = (m: Map<string, Decimal>) => Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, num(v)]));


/** How a row stands for every category, whatever the method: worked out once per result. */
interface RowCoverage {
  kg: Decimal;
  /** The factor gives elementary flows. */
  flows: boolean;
  /** Some of them are greenhouse gases (so climate change is computed from them, not from the CO2e total). */
  ghg: boolean;
}

/**
 * Every category of every method, exactly (decimal sums like the CO2e totals), with the lines each
 * total is made of and how much of the product the category covers. Climate change (the category
 * id `climate-change`) also counts lines whose factor gives its climate effect only as a CO2e total,
 * with that total as characterised in the result's GWP set, and says how much of it is such a proxy.
 */
export function impactsOf(
  rows: readonly InventoryRow[], kgCO2eOf: (row: InventoryRow) => Decimal, lcia: Lcia, substance: (id: string) => Substance | undefined,
  groups: readonly RowGroup[] = groupRows(rows),
): ImpactAssessment[] {
  const profileOf = (value: CharacterisedFactor) => flowProfile(value, lcia, substance);
  const coverageOf = new Map<InventoryRow, RowCoverage>();
  let climateAbs = ZERO;
  const unmapped = new Set<string>();
  for (const g of groups) {
    const profile = profileOf(g.value);
    for (const u of profile.unmapped) unmapped.add(u);
    const ghg = profile.flows.some(([flow]) => lcia.index.flows.get(flow)?.ghg !== undefined);
    for (const row of g.rows) {
      const kg = kgCO2eOf(row);
      climateAbs = climateAbs.plus(kg.abs());
      coverageOf.set(row, { kg, flows: profile.flows.length > 0, ghg });
    }
  }
  const counted = rows.length;
  const share = (abs: Decimal) => (climateAbs.isZero() ? 1 : num(abs.div(climateAbs)));

  // Coverage outside climate change is the same for every category: lines with flows, and the rest.
  let flowsAbs = ZERO;
  let flowLines = 0;
  const withoutFlows: string[] = [];
  for (const row of rows) {
    const c = coverageOf.get(row)!;
    if (c.flows) {
      flowLines++;
      flowsAbs = flowsAbs.plus(c.kg.abs());
    } else if (!c.kg.isZero()) withoutFlows.push(row.path);
  }

  // Climate change: lines computed from greenhouse-gas flows, and lines taken at their CO2e total.
  let computedAbs = ZERO;
  let proxyAbs = ZERO;
  let computed = 0;
  for (const row of rows) {
    const c = coverageOf.get(row)!;
    if (c.ghg || (c.flows && c.kg.isZero())) {
      computed++;
      computedAbs = computedAbs.plus(c.kg.abs());
    } else proxyAbs = proxyAbs.plus(c.kg.abs());
  }
  const computedShare = share(computedAbs);
  const proxyShare = climateAbs.isZero() ? 0 : num(proxyAbs.div(climateAbs));
  const proxyKg = new Map<RowGroup, Decimal>();
  for (const g of groups) {
    if (!coverageOf.get(g.first)!.ghg) proxyKg.set(g, g.rows.reduce((s, r) => s.plus(coverageOf.get(r)!.kg), ZERO));
  }

  const categoryResult = (category: PreparedMethod['categories'][number]): CategoryResult => {
    const isClimate = category.id === 'climate-change';
    const sum = new Sum();
    const lines = new Map<string, number>();
    // Greenhouse gases the category has no factor for (EF 3.1 has none for methane of unknown origin).
    const uncharacterised = new Map<string, Decimal>();
    const perUnitOf = new Map<CharacterisedFactor, Decimal>();
    for (const g of groups) {
      const profile = profileOf(g.value);
      const climateProxy = isClimate && !coverageOf.get(g.first)!.ghg;
      if (climateProxy) {
        sum.add(proxyKg.get(g)!, g.stage, g.component);
        for (const row of g.rows) {
          const kg = coverageOf.get(row)!.kg;
          if (!kg.isZero()) lines.set(row.path, (lines.get(row.path) ?? 0) + kg.toNumber());
        }
        continue;
      }
      if (!profile.flows.length) continue;
      let perUnit = perUnitOf.get(g.value);
      if (perUnit === undefined) {
        perUnit = ZERO;
        for (const [flow, perUnitFlow] of profile.flows) {
          const cf = category.factorOf(flow);
          if (cf) perUnit = perUnit.plus(perUnitFlow.times(cf.value));
        }
        perUnitOf.set(g.value, perUnit);
      }
      if (isClimate) {
        for (const [flow, perUnitFlow] of profile.flows) {
          if (!category.factorOf(flow) && lcia.index.flows.get(flow)?.ghg) {
            uncharacterised.set(flow, (uncharacterised.get(flow) ?? ZERO).plus(g.amount.times(perUnitFlow)));
          }
        }
      }
      if (perUnit.isZero()) continue;
      sum.add(g.amount.times(perUnit), g.stage, g.component);
      const shown = perUnit.toNumber();
      for (const row of g.rows) lines.set(row.path, (lines.get(row.path) ?? 0) + row.amount * shown);
    }
    let coverage: CategoryResult['coverage'];
    if (isClimate) {
      coverage = {
        lines: computed, of: counted, shareOfClimate: computedShare, proxyShareOfClimate: proxyShare,
        poor: computedShare + proxyShare < POOR_COVERAGE, missing: [],
        uncharacterised: [...uncharacterised].map(([flow, kg]) => ({ flow, kg: num(kg) })),
      };
    } else {
      const s = share(flowsAbs);
      coverage = { lines: flowLines, of: counted, shareOfClimate: s, poor: s < POOR_COVERAGE, missing: withoutFlows };
    }
    return {
      id: category.id,
      name: category.name,
      unit: category.unit,
      total: num(sum.total),
      byStage: record(sum.byStage),
      byComponent: record(sum.byComponent),
      lines: [...lines].filter(([, v]) => v !== 0).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).map(([path, v]) => ({ path, value: clean(v) })),
      coverage,
      source: [category.source.source, category.source.table].filter(Boolean).join(', '),
    };
  };

  return lcia.methods.map((method): ImpactAssessment => ({
    method: { id: method.id, name: method.name, version: method.version },
    categories: method.categories.map(categoryResult),
    missingCategories: method.missingCategories.map((m) => ({ id: m.id, name: m.name, ...(m.nameZh ? { nameZh: m.nameZh } : {}), reason: m.reason })),
    unmappedSubstances: [...unmapped].sort(),
  }));
}

import { POOR_COVERAGE, type CategoryResult, type ImpactAssessment, type Substance } from '@greenlca/schema';
import { type Decimal, num, ZERO } from '../decimal.js';
import type { CharacterisedFactor } from '../impact/characterise.js';
import { gasFlows } from '../impact/method.js';
import type { FlowIndex, PreparedCategory, PreparedMethod } from '../impact/method.js';
import { bucketGroups } from './buckets.js';
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
  /** Some flows are greenhouse gases (so climate change is computed from them, not from the CO2e total). */
  ghg: boolean;
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
  const ghgOf = (list: [string, Decimal][]) => list.some(([flow]) => lcia.index.flows.get(flow)?.ghg !== undefined);
  if (value.flows) {
    const list = [...value.flows];
    p = { flows: list, unmapped: [], ghg: ghgOf(list) };
    profiles.set(value, p);
    return p;
  }
  const { flows, unmapped } = gasFlows(value, lcia.ghgFlow, lookup);
  const list = [...flows];
  p = { flows: list, unmapped, ghg: ghgOf(list) };
  profiles.set(value, p);
  return p;
}

/**
 * A category's value per unit of a characterised factor, or undefined when the factor adds nothing
 * to it: Σ flows × the category's factors, or, in climate change, the factor's kg CO2e when it gives
 * no greenhouse-gas flows (a proxy). What impactsOf multiplies every amount by; the what-if model
 * keeps its sums with the same values.
 */
export function categoryPerUnit(
  category: PreparedCategory, value: CharacterisedFactor, lcia: Lcia, lookup: (id: string) => Substance | undefined,
): Decimal | undefined {
  const profile = flowProfile(value, lcia, lookup);
  if (category.id === 'climate-change' && !profile.ghg) return value.kgCO2e.isZero() ? undefined : value.kgCO2e;
  if (!profile.flows.length) return undefined;
  const v = perUnitOf(category, value, profile);
  return v.isZero() ? undefined : v;
}

const record = (m: Map<string, Decimal>, order: readonly string[]) => {
  const out: Record<string, number> = {};
  for (const k of order) {
    const v = m.get(k)!;
    if (!v.isZero()) out[k] = num(v);
  }
  return out;
};

/** A category's factor per unit of each characterised factor (Σ flows × factors), kept per prepared category. */
const perUnitCache = new WeakMap<PreparedCategory, WeakMap<CharacterisedFactor, Decimal>>();

function perUnitOf(category: PreparedCategory, value: CharacterisedFactor, profile: FlowProfile): Decimal {
  let byValue = perUnitCache.get(category);
  if (!byValue) perUnitCache.set(category, (byValue = new WeakMap()));
  let perUnit = byValue.get(value);
  if (perUnit === undefined) {
    perUnit = ZERO;
    for (const [flow, perUnitFlow] of profile.flows) {
      const cf = category.factorOf(flow);
      if (cf) perUnit = perUnit.plus(perUnitFlow.times(cf.value));
    }
    byValue.set(value, perUnit);
  }
  return perUnit;
}

/**
 * Every category of every method, exactly (decimal sums like the CO2e totals), with the lines each
 * total is made of and how much of the product the category covers. Climate change (the category
 * id `climate-change`) also counts lines whose factor gives its climate effect only as a CO2e total,
 * with that total as characterised in the result's GWP set, and says how much of it is such a proxy.
 *
 * Rows have distinct paths (JSON pointers of what made them), so each line of a category is one row.
 * `shownKg(i)` is row i's kg CO2e as the result shows it (the nearest double to its exact kg CO2e);
 * without it, categories come without their line lists (a summary).
 */
/**
 * The order of n entries made of `runs` runs (run r is runStart[r] … runStart[r+1] − 1), each already
 * in `before` order, by a k-way merge (there are a few runs, one per factor): what a sort with
 * `before` gives, checked, with the sort as the fallback when equal magnitudes met in another order.
 */
function mergeRuns(runs: number, n: number, runStart: Int32Array, head: Int32Array, before: (x: number, y: number) => number): number[] {
  const order = new Array<number>(n);
  for (let r = 0; r < runs; r++) head[r] = runStart[r]!;
  for (let k = 0; k < n; k++) {
    let best = -1;
    for (let r = 0; r < runs; r++) {
      if (head[r]! < runStart[r + 1]! && (best < 0 || before(head[r]!, head[best]!) < 0)) best = r;
    }
    order[k] = head[best]!++;
  }
  // A run is sorted by |amount|; two amounts whose products round to the same double may tie out of
  // position order. Rare: then sort.
  for (let k = 1; k < n; k++) {
    if (before(order[k - 1]!, order[k]!) > 0) return order.sort(before);
  }
  return order;
}

export function impactsOf(
  rows: readonly InventoryRow[], shownKg: ((index: number) => number) | undefined, lcia: Lcia, substance: (id: string) => Substance | undefined,
  groups: readonly RowGroup[] = groupRows(rows),
): ImpactAssessment[] {
  const { buckets, bucketOf, rowCount } = bucketGroups(groups);
  const profiles = buckets.map((b) => flowProfile(b.value, lcia, substance));
  const unmapped = new Set<string>();
  for (const p of profiles) for (const u of p.unmapped) unmapped.add(u);
  const hasFlows = profiles.map((p) => p.flows.length > 0);
  const ghg = profiles.map((p) => p.ghg);
  // Σ |kg CO2e| of a bucket's rows: |kg CO2e per unit| × Σ |amount|.
  const absKg = buckets.map((b) => b.absAmount.times(b.value.kgCO2e.abs()));
  const climateAbs = absKg.reduce((a, b) => a.plus(b), ZERO);
  const counted = rows.length;
  const share = (abs: Decimal) => (climateAbs.isZero() ? 1 : num(abs.div(climateAbs)));

  // Coverage outside climate change is the same for every category: lines with flows, and the rest.
  let flowsAbs = ZERO;
  let flowLines = 0;
  const withoutFlows: string[] = [];
  const bucketOfRow = new Int32Array(rows.length);
  groups.forEach((g, gi) => { for (const i of g.at) bucketOfRow[i] = bucketOf[gi]!; });
  for (let i = 0; i < rows.length; i++) {
    const b = bucketOfRow[i]!;
    if (hasFlows[b]) flowLines++;
    else if (rows[i]!.amount !== 0 && !buckets[b]!.value.kgCO2e.isZero()) withoutFlows.push(rows[i]!.path);
  }
  buckets.forEach((_, b) => { if (hasFlows[b]) flowsAbs = flowsAbs.plus(absKg[b]!); });

  // Climate change: lines computed from greenhouse-gas flows, and lines taken at their CO2e total.
  let computedAbs = ZERO;
  let proxyAbs = ZERO;
  let computed = 0;
  buckets.forEach((bucket, b) => {
    const rowsIn = bucket.ranked.length;
    if (ghg[b]) {
      computed += rowsIn;
      computedAbs = computedAbs.plus(absKg[b]!);
    } else {
      // A line with flows and no CO2e is computed (as zero); all others are proxies.
      if (hasFlows[b]) computed += bucket.value.kgCO2e.isZero() ? rowsIn : bucket.zeroRows;
      proxyAbs = proxyAbs.plus(absKg[b]!);
    }
  });
  const computedShare = share(computedAbs);
  const proxyShare = climateAbs.isZero() ? 0 : num(proxyAbs.div(climateAbs));
  const groupNonZero = groups.map((g) => !g.amount.isZero());

  // Scratch for the line lists, reused by every category.
  const at = new Int32Array(rowCount);
  const abs = new Float64Array(rowCount);
  const shown = new Float64Array(rowCount);
  const paths: string[] = new Array(rowCount);
  const byMagnitude = (x: number, y: number) => abs[y]! - abs[x]! || at[x]! - at[y]!;
  const runStart = new Int32Array(buckets.length + 1);
  const runHead = new Int32Array(buckets.length);

  const categoryResult = (category: PreparedCategory): CategoryResult => {
    const isClimate = category.id === 'climate-change';
    // Per bucket: the category's value per unit, or undefined when the bucket adds nothing.
    const perUnit = buckets.map((bucket) => categoryPerUnit(category, bucket.value, lcia, substance));
    // Greenhouse gases the category has no factor for (EF 3.1 has none for methane of unknown origin).
    const uncharacterised = new Map<string, Decimal>();
    // |kg CO2e| (the result's GWP set) of those gases: not carried by the category, so not in its share.
    let uncharacterisedAbs = ZERO;
    if (isClimate) {
      buckets.forEach((bucket, b) => {
        if (!ghg[b]) return;
        for (const [flow, perUnitFlow] of profiles[b]!.flows) {
          const gas = lcia.index.flows.get(flow)?.ghg;
          if (!category.factorOf(flow) && gas) {
            uncharacterised.set(flow, (uncharacterised.get(flow) ?? ZERO).plus(bucket.amount.times(perUnitFlow)));
            const kg = bucket.value.massByGas.get(gas);
            const co2e = bucket.value.byGas.get(gas);
            if (kg && co2e && !kg.isZero()) uncharacterisedAbs = uncharacterisedAbs.plus(bucket.absAmount.times(perUnitFlow.times(co2e).div(kg)).abs());
          }
        }
      });
    }
    // Stages and components in the order they first get a non-zero amount (the order of the JSON keys).
    const stageOrder: string[] = [];
    const componentOrder: string[] = [];
    const seenStage = new Set<string>();
    const seenComponent = new Set<string>();
    groups.forEach((g, gi) => {
      if (!groupNonZero[gi] || perUnit[bucketOf[gi]!] === undefined) return;
      if (!seenStage.has(g.stage)) { seenStage.add(g.stage); stageOrder.push(g.stage); }
      if (g.component !== undefined && !seenComponent.has(g.component)) { seenComponent.add(g.component); componentOrder.push(g.component); }
    });
    let total = ZERO;
    const byStage = new Map<string, Decimal>();
    const byComponent = new Map<string, Decimal>();
    let n = 0;
    let runs = 0;
    buckets.forEach((bucket, b) => {
      const q = perUnit[b];
      if (q === undefined) return;
      runStart[runs++] = n;
      total = total.plus(bucket.amount.times(q));
      for (const [stage, amount] of bucket.byStage) byStage.set(stage, (byStage.get(stage) ?? ZERO).plus(amount.times(q)));
      for (const [component, amount] of bucket.byComponent) byComponent.set(component, (byComponent.get(component) ?? ZERO).plus(amount.times(q)));
      // Line values: a proxy line at its shown kg CO2e; a line with flows at amount × the per-unit value as a double.
      const proxy = isClimate && !ghg[b];
      const q64 = proxy ? 0 : q.toNumber();
      const { ranked, rankedAt, rankedIndex } = bucket;
      if (!shownKg) return;
      for (let i = 0; i < ranked.length; i++) {
        const row = ranked[i]!;
        const v = proxy ? (row.amount === 0 ? 0 : shownKg(rankedIndex[i]!)) : row.amount * q64;
        if (v === 0) continue;
        at[n] = rankedAt[i]!;
        abs[n] = Math.abs(v);
        shown[n] = v;
        paths[n] = row.path;
        n++;
      }
    });
    runStart[runs] = n;
    const order = mergeRuns(runs, n, runStart, runHead, byMagnitude);
    const lines = new Array<{ path: string; value: number }>(n);
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      lines[k] = { path: paths[i]!, value: clean(shown[i]!) };
    }
    let coverage: CategoryResult['coverage'];
    if (isClimate) {
      const carried = uncharacterisedAbs.isZero() ? computedShare : share(computedAbs.minus(uncharacterisedAbs));
      coverage = {
        lines: computed, of: counted, shareOfClimate: carried, proxyShareOfClimate: proxyShare,
        poor: carried + proxyShare < POOR_COVERAGE, missing: [],
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
      total: num(total),
      byStage: record(byStage, stageOrder),
      byComponent: record(byComponent, componentOrder),
      lines,
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

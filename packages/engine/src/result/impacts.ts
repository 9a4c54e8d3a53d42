import { POOR_COVERAGE, type CategoryResult, type ImpactAssessment, type Stage, type Substance } from '@greenlca/schema';
import { type Decimal, dec, num, ZERO } from '../decimal.js';
import type { CharacterisedFactor } from '../impact/characterise.js';
import type { FlowIndex, PreparedMethod } from '../impact/method.js';
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
export function flowProfile(value: CharacterisedFactor, lcia: Lcia, substance: (id: string) => Substance | undefined): FlowProfile {
  let p = profiles.get(value);
  if (p) return p;
  if (value.flows) {
    p = { flows: [...value.flows], unmapped: [] };
    profiles.set(value, p);
    return p;
  }
  const flows = new Map<string, Decimal>();
  const unmapped: string[] = [];
  const biogenicOnly = !value.massByGas.has('CO2 (biogenic)') && !value.biogenicKgCO2e.isZero();
  const put = (gas: string, kg: Decimal) => {
    const biogenic = gas === 'CO2 (biogenic)' || (gas === 'CO2' && biogenicOnly);
    const id = biogenic ? 'CO2' : gas;
    const flow = lcia.ghgFlow(id, id === 'CO2' ? (biogenic ? 'biogenic' : 'fossil') : undefined);
    if (flow) flows.set(flow, (flows.get(flow) ?? ZERO).plus(kg));
    else {
      const blend = substance(id)?.blend;
      if (blend) for (const c of blend.components) put(c.substance, kg.times(dec(c.massFraction)));
      else unmapped.push(id);
    }
  };
  for (const [gas, kg] of value.massByGas) put(gas, kg);
  p = { flows: [...flows], unmapped };
  profiles.set(value, p);
  return p;
}

class Sum {
  total: Decimal = ZERO;
  readonly byStage = new Map<Stage, Decimal>();
  readonly byComponent = new Map<string, Decimal>();
  readonly lines = new Map<string, Decimal>();
  add(x: Decimal, row: InventoryRow): void {
    if (x.isZero()) return;
    this.total = this.total.plus(x);
    this.byStage.set(row.stage, (this.byStage.get(row.stage) ?? ZERO).plus(x));
    if (row.component !== undefined) this.byComponent.set(row.component, (this.byComponent.get(row.component) ?? ZERO).plus(x));
    this.lines.set(row.path, (this.lines.get(row.path) ?? ZERO).plus(x));
  }
}

const record = (m: Map<string, Decimal>) => Object.fromEntries([...m].filter(([, v]) => !v.isZero()).map(([k, v]) => [k, num(v)]));

/**
 * Every category of every method, exactly (decimal sums like the CO2e totals), with the lines each
 * total is made of and how much of the product the category covers. Climate change (the category
 * id `climate-change`) also counts lines whose factor gives only a CO2e total, with that total as
 * characterised in the result's GWP set, and says how much of it is such a proxy.
 */
export function impactsOf(
  rows: readonly InventoryRow[], kgCO2eOf: (row: InventoryRow) => Decimal, lcia: Lcia, substance: (id: string) => Substance | undefined,
): ImpactAssessment[] {
  const profileOf = rows.map((r) => flowProfile(r.factor.value, lcia, substance));
  const climateAbs = rows.reduce((s, r) => s.plus(kgCO2eOf(r).abs()), ZERO);
  const unmapped = [...new Set(profileOf.flatMap((p) => p.unmapped))].sort();
  return lcia.methods.map((method): ImpactAssessment => ({
    method: { id: method.id, name: method.name, version: method.version },
    categories: method.categories.map((category): CategoryResult => {
      const sum = new Sum();
      let covered = 0;
      let coveredAbs = ZERO;
      let proxyAbs = ZERO;
      const missing: string[] = [];
      let counted = 0;
      const isClimate = category.id === 'climate-change';
      // Greenhouse gases the category has no factor for (EF 3.1 has none for methane of unknown origin).
      const uncharacterised = new Map<string, Decimal>();
      rows.forEach((row, i) => {
        const kg = kgCO2eOf(row);
        if (!kg.isZero()) counted++;
        const profile = profileOf[i]!;
        const climateInFlows = profile.flows.some(([flow]) => lcia.index.flows.get(flow)?.ghg !== undefined);
        if (isClimate && !climateInFlows && !kg.isZero()) {
          // The factor names other flows but gives its climate effect only as a CO2e total.
          proxyAbs = proxyAbs.plus(kg.abs());
          sum.add(kg, row);
        }
        if (profile.flows.length) {
          covered++;
          coveredAbs = coveredAbs.plus(kg.abs());
          const amount = dec(row.amount);
          let perUnit = ZERO;
          for (const [flow, perUnitFlow] of profile.flows) {
            const cf = category.factorOf(flow);
            if (cf) perUnit = perUnit.plus(perUnitFlow.times(cf.value));
            else if (isClimate && lcia.index.flows.get(flow)?.ghg) uncharacterised.set(flow, (uncharacterised.get(flow) ?? ZERO).plus(amount.times(perUnitFlow)));
          }
          sum.add(amount.times(perUnit), row);
        } else if (!kg.isZero() && !isClimate) {
          missing.push(row.path);
        }
      });
      const share = climateAbs.isZero() ? 1 : num(coveredAbs.div(climateAbs));
      const coverage: CategoryResult['coverage'] = { lines: covered, of: counted, shareOfClimate: share, poor: share < POOR_COVERAGE, missing };
      if (isClimate) {
        coverage.uncharacterised = [...uncharacterised].map(([flow, kg]) => ({ flow, kg: num(kg) }));
        coverage.proxyShareOfClimate = climateAbs.isZero() ? 0 : num(proxyAbs.div(climateAbs));
        coverage.poor = share + coverage.proxyShareOfClimate < POOR_COVERAGE;
      }
      return {
        id: category.id,
        name: category.name,
        unit: category.unit,
        total: num(sum.total),
        byStage: record(sum.byStage),
        byComponent: record(sum.byComponent),
        lines: [...sum.lines].sort((a, b) => b[1].abs().comparedTo(a[1].abs())).map(([path, v]) => ({ path, value: num(v) })),
        coverage,
        source: [category.source.source, category.source.table].filter(Boolean).join(', '),
      };
    }),
    missingCategories: method.missingCategories.map((m) => ({ id: m.id, name: m.name, reason: m.reason })),
    unmappedSubstances: unmapped,
  }));
}

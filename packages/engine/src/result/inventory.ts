import type { EmissionEntry, EndOfLifeEntry, EnergyEntry, Inventory, MaterialEntry, Stage } from '@greenlca/schema';
import { type Decimal, dec } from '../decimal.js';
import { Exact, EXACT_ZERO, exactOf } from '../exact.js';
import type { ComponentInstance, InventoryRow } from '../inventory/line.js';
import { groupRows, type RowGroup } from './groups.js';
import { gasEmissions, type CharacterisedFactor } from '../impact/characterise.js';
import type { FlowIndex } from '../impact/method.js';
import { sameDimensions } from '../quantity/measure.js';
import { unitSpec, type UnitSpec } from '../quantity/unit.js';

/**
 * The material, energy and emission inventories of a compiled product: what it is made of, what it
 * uses and what it emits, as exact decimal sums by stage and component (like the CO2e totals). Each
 * entry names the product lines it is made of, so every number traces back. The sums are Exact
 * values: doubles holding decimal digits, decimal.js only where the digits do not fit.
 */

/** An amount being added up, with its splits. */
class Tally {
  private sum: Exact | undefined;
  /**
   * By stage, from the second stage on. While every addend has one stage (`stage`), its sum is `sum`:
   * the same additions of the same first term, so not made twice (most entries have one stage).
   */
  private byStage: Map<Stage, Exact> | undefined;
  private stage: Stage | undefined;
  readonly byComponent = new Map<string, Exact>();
  readonly lines: string[] = [];
  /** The rows last added: a group adding twice to one entry (two gases of a blend) lists its rows once. */
  private last: readonly InventoryRow[] | undefined;

  /** `listed`: whether the entry names its lines (a summary leaves them out). */
  constructor(private readonly listed: boolean) {}

  get amount(): Exact {
    return this.sum ?? EXACT_ZERO;
  }

  add(x: Exact, stage: Stage, component: string | undefined, lines: string | readonly InventoryRow[]): void {
    if (this.sum === undefined) {
      this.sum = x.firstTerm();
      this.stage = stage;
      // A first term of more digits than the precision is rounded in the sum, not by stage: kept apart.
      if (this.sum !== x) this.byStage = new Map([[stage, x]]);
    } else {
      if (!this.byStage && stage !== this.stage) this.byStage = new Map([[this.stage!, this.sum]]);
      this.sum = this.sum.plus(x);
      // A first addend is kept as it is (0 + x = x): most components have one row per entry.
      if (this.byStage) {
        const s = this.byStage.get(stage);
        this.byStage.set(stage, s ? s.plus(x) : x);
      }
    }
    if (component !== undefined) {
      const c = this.byComponent.get(component);
      this.byComponent.set(component, c ? c.plus(x) : x);
    }
    // Rows have distinct paths and each group is added once per entry: a list, not a set.
    if (!this.listed) return;
    if (typeof lines === 'string') this.lines.push(lines);
    else if (lines !== this.last) {
      this.last = lines;
      for (const r of lines) this.lines.push(r.path);
    }
  }

  /** The entry: its description (`meta`), then its amounts, in the schema's order. */
  entry<M extends object>(meta: M, unit: string) {
    const byStage = this.byStage ?? (this.sum === undefined ? undefined : new Map([[this.stage!, this.sum]]));
    return { ...meta, amount: this.amount.toNumber(), unit, byStage: nonZero(byStage), byComponent: nonZero(this.byComponent), lines: this.lines };
  }
}

function nonZero(m: Map<string, Exact> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (m) for (const [k, v] of m) if (!v.isZero()) out[k] = v.toNumber();
  return out;
}

/**
 * Entries in the order they were first added to, found by a key of two parts: an id the caller holds
 * already (a factor id, a gas key, a route) and a small word beside it, so no key text is made per
 * addition (a string made anew is hashed anew; one kept is hashed once).
 */
class Tallies<M> {
  readonly entries: { meta: M; tally: Tally; unit: string }[] = [];
  private readonly byKey = new Map<string, Map<string, { meta: M; tally: Tally; unit: string }>>();
  constructor(private readonly listed: boolean) {}

  at(key: string, sub: string, meta: () => M, unit = 'kg'): Tally {
    return this.entry(key, sub, meta, unit).tally;
  }

  entry(key: string, sub: string, meta: () => M, unit = 'kg'): { meta: M; tally: Tally; unit: string } {
    let subs = this.byKey.get(key);
    if (!subs) this.byKey.set(key, (subs = new Map()));
    let e = subs.get(sub);
    if (!e) {
      subs.set(sub, (e = { meta: meta(), tally: new Tally(this.listed), unit }));
      this.entries.push(e);
    }
    return e;
  }
}

const KG = unitSpec('kg');
const MJ = unitSpec('MJ');
const KWH = unitSpec('kWh');

/** An amount in a factor's unit in another unit of the same dimension, exactly (amount × size ratio). */
function inUnit(amount: Exact, from: UnitSpec, target: UnitSpec): Exact | undefined {
  const r = ratio(from, target);
  if (r === undefined) return undefined;
  if (r === 1) return amount;
  return typeof r === 'object' ? amount.times(exactOf(r)) : Exact.ofDecimal(amount.decimal().times(dec(from.si)).div(dec(target.si)));
}

/**
 * from.si / target.si as a decimal when it is exact (g → kg is 0.001, kWh → MJ is 3.6), so one product
 * gives what a product and a division give; 'divide' where it is not (MJ → kWh); 1 for the same size;
 * undefined for another dimension. Kept per pair of units.
 */
const ratios = new WeakMap<UnitSpec, Map<UnitSpec, Decimal | 1 | 'divide' | undefined>>();
function ratio(from: UnitSpec, target: UnitSpec): Decimal | 1 | 'divide' | undefined {
  let byTarget = ratios.get(from);
  if (!byTarget) ratios.set(from, (byTarget = new Map()));
  if (byTarget.has(target)) return byTarget.get(target);
  let r: Decimal | 1 | 'divide' | undefined;
  if (!sameDimensions(from.dims, target.dims)) r = undefined;
  else if (from.si === target.si) r = 1;
  else {
    const q = dec(from.si).div(dec(target.si));
    r = q.times(dec(target.si)).eq(dec(from.si)) && q.precision() < 20 ? q : 'divide';
  }
  byTarget.set(target, r);
  return r;
}

/**
 * Virgin, recycled or reused content, as the publisher names its material factors (DESNZ: "primary",
 * "closed-loop source", "re-used"); other factors say nothing and get no content.
 */
const CONTENT_RULES: [RegExp, NonNullable<MaterialEntry['content']>][] = [
  [/(^|[-\s])primary($|[-\s,)])/i, 'primary'],
  [/closed[-\s]loop[-\s]source|recycled/i, 'recycled'],
  [/(^|[-\s])re-?used($|[-\s,)])/i, 'reused'],
];

function contentOf(id: string, name: string): MaterialEntry['content'] {
  for (const [rule, content] of CONTENT_RULES) if (rule.test(id) || rule.test(name)) return content;
  return undefined;
}

/** Heating-value basis where the factor's own name states it (DESNZ: "Net CV", "Gross CV"). */
function basisOf(name: string): string | undefined {
  const m = /\b(net|gross)\s+(cv|calorific value)\b/i.exec(name);
  return m ? `${m[1]!.toLowerCase()} calorific value (as the factor states)` : undefined;
}

type GasEmission = ReturnType<typeof gasEmissions>[number] & { key: string; perUnit: Exact };

/** A factor's gases as emissions per unit, with their inventory keys, read once per characterised factor. */
const emissionsCache = new WeakMap<CharacterisedFactor, GasEmission[]>();
function emissionsOf(value: CharacterisedFactor): GasEmission[] {
  let e = emissionsCache.get(value);
  if (!e) {
    e = gasEmissions(value).map((g) => ({ ...g, key: g.origin ? `${g.substance}|${g.origin}` : g.substance, perUnit: exactOf(g.kg) }));
    emissionsCache.set(value, e);
  }
  return e;
}

export function inventoryOf(
  rows: readonly InventoryRow[], components: readonly ComponentInstance[], flows?: FlowIndex,
  groups: readonly RowGroup[] = groupRows(rows),
  /** false: entries without their `lines` (a summary's); every amount is the same. */
  withLines = true,
): Inventory {
  const materials = new Tallies<MaterialMeta>(withLines);
  const energy = new Tallies<Omit<EnergyEntry, 'amount' | 'unit' | 'byStage' | 'byComponent' | 'lines' | 'finalMJ'> & { mj: Tally | undefined }>(withLines);
  const emissions = new Tallies<Omit<EmissionEntry, 'amount' | 'unit' | 'byStage' | 'byComponent' | 'lines'>>(withLines);
  const endOfLife = new Tallies<{ route: string; withFactor: boolean }>(withLines);
  let known = EXACT_ZERO;
  let unknown = EXACT_ZERO;
  // Row indices, listed in row order at the end.
  const linesWithoutEmissions: number[] = [];
  const energyWithoutMJ: number[] = [];

  const componentByPath = new Map(components.map((c) => [c.idPath, c]));
  for (const g of groups) {
    const { first: row, exact: amount, stage, component } = g;
    const f = row.factor;
    // Σ of the rows' kg CO2e is the group's amount × kg CO2e per unit, exactly.

    // Emissions: the factor's elementary flows where named (any compartment), else its kg of each gas.
    if (f.value.flows) {
      known = known.plus(amount.times(exactOf(f.value.kgCO2e)));
      for (const [id, perUnit] of f.value.flows) {
        const flow = flows?.flows.get(id);
        const [compartment] = id.split('/') as [EmissionEntry['compartment']];
        const origin = flow?.variant === 'fossil' || flow?.variant === 'biogenic' ? flow.variant : undefined;
        emissions.entry(id, 'flow', () => {
          const meta: Omit<EmissionEntry, 'amount' | 'unit' | 'byStage' | 'byComponent' | 'lines'> = { substance: flow?.name.en ?? id.split('/')[2]!, compartment, flow: id };
          if (origin) meta.origin = origin;
          return meta;
        }, flow?.unit ?? 'kg').tally.add(amount.times(exactOf(perUnit)), stage, component, g.rows);
      }
    } else if (f.value.massByGas.size) {
      known = known.plus(amount.times(exactOf(f.value.kgCO2e)));
      for (const { substance, origin, key, perUnit } of emissionsOf(f.value)) {
        emissions.at(key, 'gas', () => (origin ? { substance, compartment: 'air', origin } : { substance, compartment: 'air' }))
          .add(amount.times(perUnit), stage, component, g.rows);
      }
    } else if (!f.value.kgCO2e.isZero()) {
      unknown = unknown.plus(amount.times(exactOf(f.value.kgCO2e)));
      for (let k = 0; k < g.rows.length; k++) if (g.rows[k]!.amount !== 0) linesWithoutEmissions.push(g.at[k]!);
    }

    // Materials: component materials, and lines on a material factor given as a mass.
    if (row.kind === 'material' || (row.kind === 'inventory' && f.category === 'material')) {
      const cls = row.stage === 'packaging' ? 'packaging' : 'material';
      const kg = inUnit(amount, f.unit, KG);
      if (kg) materialTally(materials, f, cls).add(kg, stage, component, g.rows);
      else if (row.kind === 'material') {
        // A material counted per item: its mass is the component's.
        for (const r of g.rows) {
          const mass = massOfComponent(componentByPath, r.component);
          if (mass) materialTally(materials, f, cls).add(mass, stage, component, r.path);
        }
      }
    }

    // Energy: electricity in kWh by grid; fuels and heat in their factor unit, with MJ where the unit is an energy.
    if (f.category === 'electricity' || f.category === 'fuel' || f.category === 'heat') {
      const kind = f.category;
      const asKWh = kind === 'electricity' ? inUnit(amount, f.unit, KWH) : undefined;
      const unit = asKWh ? 'kWh' : f.unit.text;
      const entry = energy.entry(f.id, unit, () => {
        const meta = { kind, factor: f.id, carrier: f.name, mj: undefined as Tally | undefined, derivation: '' };
        const basis = basisOf(f.name);
        if (basis) Object.assign(meta, { basis });
        if (f.region) Object.assign(meta, { region: f.region });
        return meta;
      }, unit);
      entry.tally.add(asKWh ?? amount, stage, component, g.rows);
      const mj = inUnit(amount, f.unit, MJ);
      if (mj) {
        entry.meta.mj ??= new Tally(withLines);
        entry.meta.mj.add(mj, stage, component, g.rows);
        entry.meta.derivation = `the amount is an energy (${f.unit.text}): converted to MJ by its unit`;
      } else {
        energyWithoutMJ.push(...g.at);
        entry.meta.derivation = `the amount is in ${f.unit.text}, not an energy, and the data give no heating value: no MJ`;
      }
    }
  }

  // End of life: each component's material mass by route, with and without a treatment factor, and
  // the mass no route covers, so that nothing is dropped from the mass balance.
  for (const c of components) {
    if (!c.material || c.unitMassKg <= 0) continue;
    const mass = componentMass(c);
    if (!c.endOfLife?.length) {
      // No route: all of it unspecified (mass × (1 − 0) is the mass, a product within the precision).
      endOfLife.at('unspecified', '0', UNSPECIFIED).add(mass, 'endOfLife', c.idPath, c.path);
      continue;
    }
    let routed = EXACT_ZERO;
    (c.endOfLife ?? []).forEach((r, i) => {
      const share = Exact.ofNumber(r.share);
      const kg = mass.times(share);
      routed = routed.plus(share);
      endOfLife.at(r.route, r.factor ? '1' : '0', () => ({ route: r.route, withFactor: Boolean(r.factor) }))
        .add(kg, 'endOfLife', c.idPath, withLines ? `${c.path}/endOfLife/${i}` : '');
    });
    const rest = ONE.minus(routed);
    if (rest.positive()) endOfLife.at('unspecified', '0', UNSPECIFIED).add(mass.times(rest), 'endOfLife', c.idPath, c.path);
  }

  const materialList: MaterialEntry[] = [];
  for (const { meta, tally } of materials.entries) materialList.push(tally.entry(meta, 'kg'));
  const energyList: EnergyEntry[] = [];
  for (const { meta, tally, unit } of energy.entries) {
    const { mj, ...rest } = meta;
    const out: EnergyEntry = tally.entry(rest, unit);
    if (mj) out.finalMJ = mj.amount.toNumber();
    energyList.push(out);
  }
  const endOfLifeList: EndOfLifeEntry[] = [];
  for (const { meta, tally } of endOfLife.entries) endOfLifeList.push(tally.entry(meta, 'kg'));
  const emissionList: EmissionEntry[] = [];
  for (const { meta, tally, unit } of emissions.entries) emissionList.push(tally.entry(meta, unit));
  let materialKg = EXACT_ZERO;
  let packagingKg = EXACT_ZERO;
  for (const { meta, tally } of materials.entries) {
    if (meta.class === 'material') materialKg = materialKg.plus(tally.amount);
    else if (meta.class === 'packaging') packagingKg = packagingKg.plus(tally.amount);
  }
  let electricityKWh = EXACT_ZERO;
  let finalEnergyMJ = EXACT_ZERO;
  for (const { meta, tally, unit } of energy.entries) {
    if (meta.kind === 'electricity' && unit === 'kWh') electricityKWh = electricityKWh.plus(tally.amount);
    if (meta.mj) finalEnergyMJ = finalEnergyMJ.plus(meta.mj.amount);
  }
  return {
    materials: materialList.sort((a, b) => b.amount - a.amount || a.factor.localeCompare(b.factor)),
    endOfLife: endOfLifeList.sort((a, b) => b.amount - a.amount || a.route.localeCompare(b.route)),
    energy: energyList.sort((a, b) => (b.finalMJ ?? 0) - (a.finalMJ ?? 0) || a.factor.localeCompare(b.factor)),
    emissions: emissionList.sort((a, b) => a.substance.localeCompare(b.substance) || (a.origin ?? '').localeCompare(b.origin ?? '')),
    totals: {
      materialKg: materialKg.toNumber(),
      packagingKg: packagingKg.toNumber(),
      electricityKWh: electricityKWh.toNumber(),
      finalEnergyMJ: finalEnergyMJ.toNumber(),
    },
    coverage: {
      emissionsKnownKgCO2e: known.toNumber(),
      emissionsUnknownKgCO2e: unknown.toNumber(),
      linesWithoutEmissions: inRowOrder(rows, linesWithoutEmissions),
      energyWithoutMJ: inRowOrder(rows, energyWithoutMJ),
    },
  };
}

/** Row indices as the rows' paths, in row order. */
function inRowOrder(rows: readonly InventoryRow[], indices: number[]): string[] {
  const sorted = Uint32Array.from(indices).sort();
  const out = new Array<string>(sorted.length);
  for (let i = 0; i < sorted.length; i++) out[i] = rows[sorted[i]!]!.path;
  return out;
}

const ONE = Exact.ofNumber(1);
const UNSPECIFIED = () => ({ route: 'unspecified', withFactor: false });

type MaterialMeta = Omit<MaterialEntry, 'amount' | 'unit' | 'byStage' | 'byComponent' | 'lines'>;

/** The material inventory's entry of a factor and class (made on first use). */
function materialTally(materials: Tallies<MaterialMeta>, f: InventoryRow['factor'], cls: 'material' | 'packaging'): Tally {
  return materials.at(f.id, cls, () => {
    const content = contentOf(f.id, f.name);
    return content ? { factor: f.id, name: f.name, class: cls, content } : { factor: f.id, name: f.name, class: cls };
  });
}

/** The material mass of a component (all its units), for material factors counted per item. */
function massOfComponent(components: ReadonlyMap<string, ComponentInstance>, idPath: string | undefined): Exact | undefined {
  const c = idPath === undefined ? undefined : components.get(idPath);
  return c && c.unitMassKg > 0 ? componentMass(c) : undefined;
}

/** Unit mass × quantity, exactly; × 1 is the mass itself (a double's digits are within the precision). */
function componentMass(c: ComponentInstance): Exact {
  return c.quantity === 1 ? Exact.ofNumber(c.unitMassKg) : Exact.ofNumber(c.unitMassKg).times(Exact.ofNumber(c.quantity));
}

/** One inventory entry a row adds to, per unit of its amount (what the what-if model keeps sums of). */
export interface InventoryShare {
  section: 'materials' | 'energy' | 'emissions';
  /** The entry's key within its section (the keys inventoryOf groups by). */
  key: string;
  /** The entry as inventoryOf shows it, without amounts. */
  meta: Record<string, unknown>;
  unit: string;
  /** Amount of the entry per unit of the row's amount, or 'componentMass' (a material counted per item: its component's mass). */
  perUnit: Decimal | 'componentMass';
  /** MJ per unit of the row's amount, for energy whose amount is an energy. */
  mjPerUnit?: Decimal;
}

/**
 * The entries of the material, energy and emission inventories a row of this kind, factor and stage
 * adds to, per unit of its amount, with inventoryOf's rules: inventoryOf adds group amount × these.
 * Whether the row's kg CO2e counts as known emissions is `emissionsKnown`.
 */
export function inventoryShares(row: Pick<InventoryRow, 'kind' | 'stage' | 'factor'>, flows?: FlowIndex): { shares: InventoryShare[]; emissionsKnown: boolean } {
  const f = row.factor;
  const shares: InventoryShare[] = [];
  const one = Exact.ofNumber(1);
  let emissionsKnown = false;
  if (f.value.flows) {
    emissionsKnown = true;
    for (const [id, perUnit] of f.value.flows) {
      const flow = flows?.flows.get(id);
      const [compartment] = id.split('/') as [EmissionEntry['compartment']];
      const origin = flow?.variant === 'fossil' || flow?.variant === 'biogenic' ? flow.variant : undefined;
      const meta: Record<string, unknown> = { substance: flow?.name.en ?? id.split('/')[2]!, compartment, flow: id };
      if (origin) meta.origin = origin;
      shares.push({ section: 'emissions', key: `flow|${id}`, meta, unit: flow?.unit ?? 'kg', perUnit });
    }
  } else if (f.value.massByGas.size) {
    emissionsKnown = true;
    for (const { substance, origin, kg } of emissionsOf(f.value)) {
      shares.push({
        section: 'emissions', key: origin ? `${substance}|${origin}` : substance, unit: 'kg', perUnit: kg,
        meta: origin ? { substance, compartment: 'air', origin } : { substance, compartment: 'air' },
      });
    }
  }
  if (row.kind === 'material' || (row.kind === 'inventory' && f.category === 'material')) {
    const cls = row.stage === 'packaging' ? 'packaging' : 'material';
    const content = contentOf(f.id, f.name);
    const meta = content ? { factor: f.id, name: f.name, class: cls, content } : { factor: f.id, name: f.name, class: cls };
    const kg = inUnit(one, f.unit, KG);
    if (kg) shares.push({ section: 'materials', key: `${f.id}|${cls}`, meta, unit: 'kg', perUnit: kg.decimal() });
    else if (row.kind === 'material') shares.push({ section: 'materials', key: `${f.id}|${cls}`, meta, unit: 'kg', perUnit: 'componentMass' });
  }
  if (f.category === 'electricity' || f.category === 'fuel' || f.category === 'heat') {
    const kind = f.category;
    const asKWh = kind === 'electricity' ? inUnit(one, f.unit, KWH) : undefined;
    const unit = asKWh ? 'kWh' : f.unit.text;
    const mj = inUnit(one, f.unit, MJ);
    const meta: Record<string, unknown> = {
      kind, factor: f.id, carrier: f.name,
      derivation: mj ? `the amount is an energy (${f.unit.text}): converted to MJ by its unit`
        : `the amount is in ${f.unit.text}, not an energy, and the data give no heating value: no MJ`,
    };
    const basis = basisOf(f.name);
    if (basis) meta.basis = basis;
    if (f.region) meta.region = f.region;
    shares.push({ section: 'energy', key: `${f.id}|${unit}`, meta, unit, perUnit: (asKWh ?? one).decimal(), ...(mj ? { mjPerUnit: mj.decimal() } : {}) });
  }
  return { shares, emissionsKnown };
}

import { STAGES, type CalculationResult, type OriginTotals, type ResultLine, type Stage } from '@greenlca/schema';
import { type Decimal, num, shortProduct } from '../decimal.js';
import { Exact, EXACT_ZERO, exactOf } from '../exact.js';
import { ExactSum } from '../exact-sum.js';
import { gasKeys } from '../impact/characterise.js';
import { addScaled, biogenicOf, closeSplit, ORIGIN_KINDS, zeroSplit, type OriginSplit } from '../impact/origin.js';
import type { ComponentInstance, InventoryRow } from '../inventory/line.js';

/** Exact sums of a calculation, before they are turned into JSON numbers. */
export interface Totals {
  total: Exact;
  /** The total by origin (impact/origin.ts), adding up exactly to it. */
  origin: OriginSplit;
  byStage: Record<Stage, Exact>;
  originByStage: Record<Stage, OriginSplit>;
  byGas: Map<string, { kg: Exact | undefined; kgCO2e: Exact }>;
  lines: LineTotal[];
}

/** One row's exact value and its shown (double) values. */
export interface LineTotal {
  row: InventoryRow;
  /** The row's amount as a decimal (made once, shared by the inventories and categories). */
  readonly amount: Decimal;
  readonly kgCO2e: Decimal;
  /** The same two values as Exact (no decimal.js where their digits fit a double). */
  readonly exactAmount: Exact;
  readonly exactKg: Exact;
  /** The double shown for kgCO2e. */
  value: number;
  /** kg CO2e by gas, as shown. */
  byGas: Record<string, number>;
  /** Fossil, biogenic and not split kg CO2e, as shown (each the double of an exact part of kgCO2e). */
  origin: { fossil: number; biogenic: number; notSplit: number; detail?: ResultLine['biogenicDetail'] };
}

/**
 * A line whose decimals are made when first asked for: its shown value is usually had exactly without
 * them (shortProduct), and most lines are never asked (a line with no component and no impacts).
 */
class Line implements LineTotal {
  private amountMade: Exact | undefined;
  private kgMade: Exact | undefined;
  value = 0;
  byGas: Record<string, number> = {};
  origin: LineTotal['origin'] = { fossil: 0, biogenic: 0, notSplit: 0 };

  constructor(readonly row: InventoryRow) {}

  get exactAmount(): Exact {
    return (this.amountMade ??= Exact.ofNumber(this.row.amount));
  }

  get exactKg(): Exact {
    return (this.kgMade ??= this.exactAmount.times(exactOf(this.row.factor.value.kgCO2e)));
  }

  get amount(): Decimal {
    return this.exactAmount.decimal();
  }

  get kgCO2e(): Decimal {
    return this.exactKg.decimal();
  }
}

/** The three shown groups of a factor's origin, per unit, and the only one it has, if so. */
interface ShownOrigin {
  perUnit: { fossil: Decimal; biogenic: Decimal; notSplit: Decimal };
  sole?: 'fossil' | 'biogenic' | 'notSplit';
  /** The group of the largest |per unit| (the one made the rest of a line's value). */
  largest: 'fossil' | 'biogenic' | 'notSplit';
}
const shownOrigin = new WeakMap<object, ShownOrigin>();
function originGroups(value: InventoryRow['factor']['value']): ShownOrigin {
  let o = shownOrigin.get(value);
  if (!o) {
    const perUnit = { fossil: value.origin.fossil, biogenic: biogenicOf(value.origin), notSplit: value.origin.notSplit };
    const nonZero = (Object.keys(perUnit) as (keyof typeof perUnit)[]).filter((k) => !perUnit[k].isZero());
    const largest = ORIGIN_GROUPS.reduce((a, b) => (perUnit[b].abs().gt(perUnit[a].abs()) ? b : a));
    o = { perUnit, largest, ...(nonZero.length <= 1 ? { sole: nonZero[0] ?? 'notSplit' } : {}) };
    shownOrigin.set(value, o);
  }
  return o;
}

/** A line's fossil, biogenic and not-split kg CO2e: exact parts of its exact kg CO2e (the largest is the rest). */
function lineOrigin(value: InventoryRow['factor']['value'], line: LineTotal, shown: number): LineTotal['origin'] {
  const o = originGroups(value);
  if (o.sole) {
    const out = { fossil: 0, biogenic: 0, notSplit: 0, [o.sole]: shown };
    return o.sole === 'biogenic' && shown !== 0 ? { ...out, detail: biogenicDetail(value, line.amount, line.kgCO2e) } : out;
  }
  const amount = line.exactAmount;
  const largest = o.largest;
  const parts = { fossil: EXACT_ZERO, biogenic: EXACT_ZERO, notSplit: EXACT_ZERO };
  let rest = line.exactKg;
  for (const k of ORIGIN_GROUPS) {
    if (k === largest) continue;
    parts[k] = amount.times(exactOf(o.perUnit[k]));
    rest = rest.minus(parts[k]);
  }
  parts[largest] = rest;
  const out = { fossil: parts.fossil.toNumber(), biogenic: parts.biogenic.toNumber(), notSplit: parts.notSplit.toNumber() };
  return parts.biogenic.isZero() ? out : { ...out, detail: biogenicDetail(value, amount.decimal(), parts.biogenic.decimal()) };
}

const ORIGIN_GROUPS = ['fossil', 'biogenic', 'notSplit'] as const;

/** A line's biogenic kg CO2e by kind, adding up exactly to its biogenic part. */
function biogenicDetail(value: InventoryRow['factor']['value'], amount: Decimal, biogenic: Decimal): NonNullable<ResultLine['biogenicDetail']> {
  const split = closeSplit({
    ...zeroSplit(),
    biogenicCO2: amount.times(value.origin.biogenicCO2),
    biogenicCO2Removals: amount.times(value.origin.biogenicCO2Removals),
    biogenicNonCO2: amount.times(value.origin.biogenicNonCO2),
  }, biogenic);
  return { co2EmissionsKgCO2e: num(split.biogenicCO2), co2RemovalsKgCO2e: num(split.biogenicCO2Removals), nonCO2KgCO2e: num(split.biogenicNonCO2) };
}

/** A total and its origin split as JSON numbers. */
export function originTotals(kg: Exact, split: OriginSplit): OriginTotals {
  return {
    kgCO2e: kg.toNumber(),
    fossilKgCO2e: num(split.fossil),
    biogenicKgCO2e: num(biogenicOf(split)),
    notSplitKgCO2e: num(split.notSplit),
    biogenicDetail: {
      co2EmissionsKgCO2e: num(split.biogenicCO2),
      co2RemovalsKgCO2e: num(split.biogenicCO2Removals),
      nonCO2KgCO2e: num(split.biogenicNonCO2),
    },
  };
}

/** A factor's per-unit values as doubles, for showing a line's split by gas (display only). */
const shownSplit = new WeakMap<object, { gases: [string, number][] }>();
function splitOf(value: InventoryRow['factor']['value']) {
  let split = shownSplit.get(value);
  if (!split) {
    const key = gasKeys(value);
    split = { gases: [...value.byGas].map(([g, v]) => [key(g), v.toNumber()]) };
    shownSplit.set(value, split);
  }
  return split;
}

/**
 * Multiply every row by its factor and add up, exactly (decimal.js), by stage and by gas. Totals are
 * sums of exact products; since (Σ aᵢ)·p = Σ (aᵢ·p) exactly in decimal, amounts are summed per factor
 * and stage first (exactly, as a summary sums them: bucketAmounts) and multiplied once, so a line
 * costs one decimal product (its shown value).
 */
export function aggregate(rows: InventoryRow[], withLines = true): Totals {
  if (!withLines) return totalsOf(bucketAmounts(rows), []);
  const lines: LineTotal[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const value = row.factor.value;
    const line = new Line(row);
    const shown = shortProduct(row.amount, value.kgCO2e) ?? num(line.kgCO2e);
    const split = splitOf(value);
    const lineGas: Record<string, number> = {};
    if (split.gases.length === 1) lineGas[split.gases[0]![0]] = shown;
    else for (const [gas, perUnit] of split.gases) lineGas[gas] = clean(row.amount * perUnit);
    line.value = shown;
    line.byGas = lineGas;
    line.origin = lineOrigin(value, line, shown);
    lines[i] = line;
  }
  return totalsOf(bucketAmounts(rows), lines);
}

/** Σ amounts per characterised factor and stage, exactly, without any per-line value (a summary). */
function bucketAmounts(rows: readonly InventoryRow[]): Map<InventoryRow['factor']['value'], Map<Stage, Exact>> {
  const sums = new Map<InventoryRow['factor']['value'], Map<Stage, ExactSum>>();
  for (const row of rows) {
    let stages = sums.get(row.factor.value);
    if (!stages) sums.set(row.factor.value, (stages = new Map()));
    let sum = stages.get(row.stage);
    if (!sum) stages.set(row.stage, (sum = new ExactSum()));
    sum.add(row.amount);
  }
  const out = new Map<InventoryRow['factor']['value'], Map<Stage, Exact>>();
  for (const [value, stages] of sums) out.set(value, new Map([...stages].map(([stage, sum]) => [stage, sum.exact()])));
  return out;
}

/** The totals from the amounts per factor and stage: one decimal product per factor and stage. */
function totalsOf(buckets: Map<InventoryRow['factor']['value'], Map<Stage, Exact>>, lines: LineTotal[]): Totals {
  const byStage = Object.fromEntries(STAGES.map((s) => [s, EXACT_ZERO])) as Record<Stage, Exact>;
  const byGas: Totals['byGas'] = new Map();
  let total = EXACT_ZERO;
  const originByStage = Object.fromEntries(STAGES.map((s) => [s, zeroSplit()])) as Record<Stage, OriginSplit>;
  for (const [value, stages] of buckets) {
    let sum = EXACT_ZERO;
    for (const [stage, amount] of stages) {
      const kg = amount.times(exactOf(value.kgCO2e));
      byStage[stage] = byStage[stage].plus(kg);
      originByStage[stage] = addScaled(originByStage[stage], value.origin, amount.decimal());
      total = total.plus(kg);
      sum = sum.plus(amount);
    }
    const key = gasKeys(value);
    for (const [gas, perUnit] of value.byGas) {
      let entry = byGas.get(key(gas));
      if (!entry) byGas.set(key(gas), (entry = { kg: EXACT_ZERO, kgCO2e: EXACT_ZERO }));
      entry.kgCO2e = entry.kgCO2e.plus(sum.times(exactOf(perUnit)));
      const mass = value.massByGas.get(gas);
      entry.kg = entry.kg !== undefined && mass !== undefined ? entry.kg.plus(sum.times(exactOf(mass))) : undefined;
    }
  }
  let origin = zeroSplit();
  for (const stage of STAGES) {
    originByStage[stage] = closeSplit(originByStage[stage], byStage[stage].decimal());
    for (const k of ORIGIN_KINDS) origin[k] = origin[k].plus(originByStage[stage][k]);
  }
  origin = closeSplit(origin, total.decimal());
  return { total, origin, byStage, originByStage, byGas, lines };
}

/** 15 significant digits, for display values computed in doubles. */
function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(15));
}

/** Result lines in product order, each traceable to its factor and citation. */
export function resultLines(totals: Totals): ResultLine[] {
  // With credits (negative lines), shares are of the gross absolute sum so they stay within ±1.
  let gross = 0;
  let hasCredits = false;
  for (const l of totals.lines) {
    gross += Math.abs(l.value);
    if (l.value < 0) hasCredits = true;
  }
  const base = hasCredits ? gross : totals.total.toNumber();
  return totals.lines.map(({ row, value, byGas, origin }) => {
    const line: ResultLine = {
      path: row.path,
      kind: row.kind,
      stage: row.stage,
      label: row.label,
      amount: { value: row.amount, unit: row.unit },
      factorValue: row.factor.shown,
      kgCO2e: value,
      byGas,
      fossilKgCO2e: origin.fossil,
      biogenicKgCO2e: origin.biogenic,
      notSplitKgCO2e: origin.notSplit,
      share: base === 0 ? 0 : value / base,
      source: row.factor.source,
    };
    if (row.substance) line.substance = row.substance;
    else line.factor = row.factor.id;
    if (row.component) line.component = row.component;
    if (origin.detail) line.biogenicDetail = origin.detail;
    return line;
  });
}

/** Each component's own emissions (material, end of life, attributed lines) and its subtree's. */
export function byComponent(totals: Totals, components: ComponentInstance[]): CalculationResult['byComponent'] {
  // A component's one line stands for its value until something is added to it: its shown value is
  // num of its exact kg CO2e already (usually had without decimals), so no product is made for it.
  const own = new Map<string, Exact | LineTotal>();
  for (const line of totals.lines) {
    const component = line.row.component;
    if (!component) continue;
    // A first value is kept as it is (0 + x = x): most components have one line.
    const before = own.get(component);
    own.set(component, before ? exact(before).plus(line.exactKg) : line);
  }
  const subtree = new Map<string, Exact | LineTotal>();
  const subtreeMass = new Map<string, number>();
  // Children come after their parents in expansion order: walk backwards to roll totals up.
  for (let i = components.length - 1; i >= 0; i--) {
    const c = components[i]!;
    const below = subtree.get(c.idPath);
    const itself = own.get(c.idPath);
    const mine = below && itself ? exact(below).plus(exact(itself)) : below ?? itself ?? EXACT_ZERO;
    subtree.set(c.idPath, mine);
    subtreeMass.set(c.idPath, (subtreeMass.get(c.idPath) ?? 0) + c.unitMassKg * c.quantity);
    if (c.parent) {
      const sibling = subtree.get(c.parent);
      subtree.set(c.parent, sibling ? exact(sibling).plus(exact(mine)) : mine);
      subtreeMass.set(c.parent, (subtreeMass.get(c.parent) ?? 0) + subtreeMass.get(c.idPath)!);
    }
  }
  return components.map((c) => ({
    component: c.idPath,
    name: c.name,
    quantity: c.quantity,
    massKg: Number((c.unitMassKg * c.quantity).toPrecision(15)),
    totalMassKg: Number(subtreeMass.get(c.idPath)!.toPrecision(15)),
    kgCO2e: shown(own.get(c.idPath) ?? EXACT_ZERO),
    totalKgCO2e: shown(subtree.get(c.idPath)!),
  }));
}

const isLine = (x: Exact | LineTotal): x is LineTotal => !(x instanceof Exact);
const exact = (x: Exact | LineTotal): Exact => (isLine(x) ? x.exactKg : x);
const shown = (x: Exact | LineTotal): number => (isLine(x) ? x.value : x.toNumber());

/** The largest contributors, by absolute size. */
export function hotspots(lines: ResultLine[], limit = 10): CalculationResult['hotspots'] {
  return lines
    .map((l) => l)
    .sort((a, b) => Math.abs(b.kgCO2e) - Math.abs(a.kgCO2e))
    .slice(0, limit)
    .filter((l) => l.kgCO2e !== 0)
    .map((l, i) => ({ rank: i + 1, path: l.path, label: l.label, stage: l.stage, kgCO2e: l.kgCO2e, share: l.share }));
}

export function gasTable(totals: Totals): CalculationResult['byGas'] {
  const out: CalculationResult['byGas'] = {};
  for (const [gas, v] of totals.byGas) {
    out[gas] = v.kg !== undefined && gas !== 'CO2e' ? { kg: v.kg.toNumber(), kgCO2e: v.kgCO2e.toNumber() } : { kgCO2e: v.kgCO2e.toNumber() };
  }
  return out;
}

import { STAGES, type CalculationResult, type ResultLine, type Stage } from '@greenlca/schema';
import { type Decimal, dec, num, ZERO } from '../decimal.js';
import type { ComponentInstance, InventoryRow } from '../inventory/line.js';

/** Exact sums of a calculation, before they are turned into JSON numbers. */
export interface Totals {
  total: Decimal;
  biogenic: Decimal;
  byStage: Record<Stage, Decimal>;
  byGas: Map<string, { kg: Decimal | undefined; kgCO2e: Decimal }>;
  lines: LineTotal[];
}

/** One row's exact value and its shown (double) values. */
export interface LineTotal {
  row: InventoryRow;
  /** The row's amount as a decimal (made once, shared by the inventories and categories). */
  amount: Decimal;
  kgCO2e: Decimal;
  /** The double shown for kgCO2e. */
  value: number;
  /** kg CO2e by gas, as shown. */
  byGas: Record<string, number>;
  biogenic: number;
}

/** A factor's per-unit values as doubles, for showing a line's split by gas (display only). */
const shownSplit = new WeakMap<object, { gases: [string, number][]; biogenic: number }>();
function splitOf(value: InventoryRow['factor']['value']) {
  let split = shownSplit.get(value);
  if (!split) {
    split = { gases: [...value.byGas].map(([g, v]) => [g, v.toNumber()]), biogenic: value.biogenicKgCO2e.toNumber() };
    shownSplit.set(value, split);
  }
  return split;
}

/**
 * Multiply every row by its factor and add up, exactly (decimal.js), by stage and by gas. Totals are
 * sums of exact products; since (Σ aᵢ)·p = Σ (aᵢ·p) exactly in decimal, amounts are summed per factor
 * and stage first and multiplied once, so a line costs one decimal product (its shown value) and one sum.
 */
export function aggregate(rows: InventoryRow[]): Totals {
  const byStage = Object.fromEntries(STAGES.map((s) => [s, ZERO])) as Record<Stage, Decimal>;
  const byGas: Totals['byGas'] = new Map();
  let total = ZERO;
  let biogenic = ZERO;
  const lines: LineTotal[] = new Array(rows.length);
  // Σ amounts per characterised factor and stage.
  const buckets = new Map<InventoryRow['factor']['value'], Map<Stage, Decimal>>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const amount = dec(row.amount);
    const value = row.factor.value;
    const kg = amount.times(value.kgCO2e);
    const shown = kg.toNumber();
    let stages = buckets.get(value);
    if (!stages) buckets.set(value, (stages = new Map()));
    stages.set(row.stage, (stages.get(row.stage) ?? ZERO).plus(amount));
    const split = splitOf(value);
    const lineGas: Record<string, number> = {};
    if (split.gases.length === 1) lineGas[split.gases[0]![0]] = shown;
    else for (const [gas, perUnit] of split.gases) lineGas[gas] = clean(row.amount * perUnit);
    lines[i] = { row, amount, kgCO2e: kg, value: shown, byGas: lineGas, biogenic: split.biogenic ? clean(row.amount * split.biogenic) : 0 };
  }
  for (const [value, stages] of buckets) {
    let sum = ZERO;
    for (const [stage, amount] of stages) {
      const kg = amount.times(value.kgCO2e);
      byStage[stage] = byStage[stage].plus(kg);
      total = total.plus(kg);
      sum = sum.plus(amount);
    }
    for (const [gas, perUnit] of value.byGas) {
      let entry = byGas.get(gas);
      if (!entry) byGas.set(gas, (entry = { kg: ZERO, kgCO2e: ZERO }));
      entry.kgCO2e = entry.kgCO2e.plus(sum.times(perUnit));
      const mass = value.massByGas.get(gas);
      entry.kg = entry.kg !== undefined && mass !== undefined ? entry.kg.plus(sum.times(mass)) : undefined;
    }
    if (!value.biogenicKgCO2e.isZero()) biogenic = biogenic.plus(sum.times(value.biogenicKgCO2e));
  }
  return { total, biogenic, byStage, byGas, lines };
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
  const base = hasCredits ? gross : num(totals.total);
  return totals.lines.map(({ row, value, byGas, biogenic }) => {
    const line: ResultLine = {
      path: row.path,
      kind: row.kind,
      stage: row.stage,
      label: row.label,
      amount: { value: row.amount, unit: row.unit },
      factorValue: row.factor.shown,
      kgCO2e: value,
      byGas,
      share: base === 0 ? 0 : value / base,
      source: row.factor.source,
    };
    if (row.substance) line.substance = row.substance;
    else line.factor = row.factor.id;
    if (row.component) line.component = row.component;
    if (biogenic) line.biogenicKgCO2e = biogenic;
    return line;
  });
}

/** Each component's own emissions (material, end of life, attributed lines) and its subtree's. */
export function byComponent(totals: Totals, components: ComponentInstance[]): CalculationResult['byComponent'] {
  const own = new Map<string, Decimal>();
  for (const { row, kgCO2e } of totals.lines) {
    if (row.component) own.set(row.component, (own.get(row.component) ?? ZERO).plus(kgCO2e));
  }
  const subtree = new Map<string, Decimal>();
  const subtreeMass = new Map<string, number>();
  // Children come after their parents in expansion order: walk backwards to roll totals up.
  for (let i = components.length - 1; i >= 0; i--) {
    const c = components[i]!;
    const mine = (subtree.get(c.idPath) ?? ZERO).plus(own.get(c.idPath) ?? ZERO);
    subtree.set(c.idPath, mine);
    subtreeMass.set(c.idPath, (subtreeMass.get(c.idPath) ?? 0) + c.unitMassKg * c.quantity);
    if (c.parent) {
      subtree.set(c.parent, (subtree.get(c.parent) ?? ZERO).plus(mine));
      subtreeMass.set(c.parent, (subtreeMass.get(c.parent) ?? 0) + subtreeMass.get(c.idPath)!);
    }
  }
  return components.map((c) => ({
    component: c.idPath,
    name: c.name,
    quantity: c.quantity,
    massKg: Number((c.unitMassKg * c.quantity).toPrecision(15)),
    totalMassKg: Number(subtreeMass.get(c.idPath)!.toPrecision(15)),
    kgCO2e: num(own.get(c.idPath) ?? ZERO),
    totalKgCO2e: num(subtree.get(c.idPath)!),
  }));
}

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
    out[gas] = v.kg !== undefined && gas !== 'CO2e' ? { kg: num(v.kg), kgCO2e: num(v.kgCO2e) } : { kgCO2e: num(v.kgCO2e) };
  }
  return out;
}

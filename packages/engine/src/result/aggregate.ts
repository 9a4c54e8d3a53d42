import { STAGES, type CalculationResult, type ResultLine, type Stage } from '@greenlca/schema';
import { Decimal, dec, num, ZERO } from '../decimal.js';
import type { ComponentInstance, InventoryRow } from '../inventory/line.js';

/** Exact sums of a calculation, before they are turned into JSON numbers. */
export interface Totals {
  total: Decimal;
  biogenic: Decimal;
  byStage: Record<Stage, Decimal>;
  byGas: Map<string, { kg: Decimal | undefined; kgCO2e: Decimal }>;
  lines: { row: InventoryRow; kgCO2e: Decimal; byGas: Map<string, Decimal>; biogenic: Decimal }[];
}

/** Multiply every row by its factor and add up, exactly (decimal.js), by stage and by gas. */
export function aggregate(rows: InventoryRow[]): Totals {
  const byStage = Object.fromEntries(STAGES.map((s) => [s, ZERO])) as Record<Stage, Decimal>;
  const byGas: Totals['byGas'] = new Map();
  let total = ZERO;
  let biogenic = ZERO;
  const lines: Totals['lines'] = [];
  for (const row of rows) {
    const amount = dec(row.amount);
    const value = row.factor.value;
    const kg = amount.times(value.kgCO2e);
    const lineGas = new Map<string, Decimal>();
    for (const [gas, perUnit] of value.byGas) {
      const part = amount.times(perUnit);
      lineGas.set(gas, part);
      const entry = byGas.get(gas) ?? { kg: ZERO as Decimal | undefined, kgCO2e: ZERO };
      entry.kgCO2e = entry.kgCO2e.plus(part);
      const mass = value.massByGas.get(gas);
      entry.kg = entry.kg !== undefined && mass !== undefined ? entry.kg.plus(amount.times(mass)) : undefined;
      byGas.set(gas, entry);
    }
    const bio = amount.times(value.biogenicKgCO2e);
    total = total.plus(kg);
    biogenic = biogenic.plus(bio);
    byStage[row.stage] = byStage[row.stage].plus(kg);
    lines.push({ row, kgCO2e: kg, byGas: lineGas, biogenic: bio });
  }
  return { total, biogenic, byStage, byGas, lines };
}

function share(part: Decimal, whole: Decimal): number {
  return whole.isZero() ? 0 : num(part.div(whole));
}

/** Result lines in product order, each traceable to its factor and citation. */
export function resultLines(totals: Totals): ResultLine[] {
  // With credits (negative lines), shares are of the gross absolute sum so they stay within ±1.
  const gross = totals.lines.reduce((s, l) => s.plus(l.kgCO2e.abs()), ZERO);
  const hasCredits = totals.lines.some((l) => l.kgCO2e.isNegative());
  const base = hasCredits ? gross : totals.total;
  return totals.lines.map(({ row, kgCO2e, byGas, biogenic }) => {
    const line: ResultLine = {
      path: row.path,
      kind: row.kind,
      stage: row.stage,
      label: row.label,
      amount: { value: row.amount, unit: row.unit },
      factorValue: { kgCO2e: num(row.factor.value.kgCO2e), unit: row.unit },
      kgCO2e: num(kgCO2e),
      byGas: Object.fromEntries([...byGas].map(([g, v]) => [g, num(v)])),
      share: share(kgCO2e, base),
      source: row.factor.source,
    };
    if (row.substance) line.substance = row.substance;
    else line.factor = row.factor.id;
    if (row.component) line.component = row.component;
    if (!biogenic.isZero()) line.biogenicKgCO2e = num(biogenic);
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

import type { InventoryRow } from '@greenlca/engine';
import { STAGES, type Stage } from '@greenlca/schema';
import { addFixed, EXACT_ZERO, Exact, exactOf, fixedOf, FIXED_ZERO, type Fixed } from './exact.js';

/** Rows that share a factor: the exact sum of their amounts per stage, and the factor's value per unit. */
interface Group {
  kgPerUnit: Exact;
  biogenicPerUnit: Exact;
  amounts: Record<Stage, Fixed>;
}

/**
 * Exact totals of a model, kept by factor: Σ_rows amount × factor = Σ_factors factor × Σ amounts. An
 * edit adjusts one group's amount sum and the stage totals by the difference, so it costs the same for
 * 50 lines or 50,000.
 */
export interface Sums {
  readonly groups: ReadonlyMap<string, Group>;
  readonly byStage: Readonly<Record<Stage, Exact>>;
  readonly biogenic: Exact;
}

export const EMPTY_SUMS: Sums = {
  groups: new Map(),
  byStage: Object.fromEntries(STAGES.map((s) => [s, EXACT_ZERO])) as Record<Stage, Exact>,
  biogenic: EXACT_ZERO,
};

/** Key of a row's factor: factor ids and substance names live in different namespaces. */
export function factorKey(row: InventoryRow): string {
  return row.substance !== undefined ? `substance:${row.factor.id}` : row.factor.id;
}

/** Exact kg CO2e of one row (the engine's dec(amount) × factor). */
export function rowKg(row: InventoryRow): Exact {
  return exactOf(fixedOf(row.amount)).times(row.factor.value.kgCO2e.toString());
}

/** Collects row additions and removals, then applies them to the sums in one pass. */
export class SumsEditor {
  private readonly groups: Map<string, Group>;
  private readonly before = new Map<string, Record<Stage, Fixed>>();

  constructor(private readonly base: Sums) {
    this.groups = new Map(base.groups);
  }

  add(rows: readonly InventoryRow[]): void {
    for (const row of rows) this.change(row, 1);
  }

  remove(rows: readonly InventoryRow[]): void {
    for (const row of rows) this.change(row, -1);
  }

  private change(row: InventoryRow, sign: 1 | -1): void {
    const key = factorKey(row);
    let group = this.groups.get(key);
    if (!this.before.has(key)) {
      this.before.set(key, group ? group.amounts : Object.fromEntries(STAGES.map((s) => [s, FIXED_ZERO])) as Record<Stage, Fixed>);
      group = group
        ? { ...group, amounts: { ...group.amounts } }
        : {
          kgPerUnit: new Exact(row.factor.value.kgCO2e.toString()),
          biogenicPerUnit: new Exact(row.factor.value.biogenicKgCO2e.toString()),
          amounts: Object.fromEntries(STAGES.map((s) => [s, FIXED_ZERO])) as Record<Stage, Fixed>,
        };
      this.groups.set(key, group);
    }
    group!.amounts[row.stage] = addFixed(group!.amounts[row.stage], fixedOf(row.amount), sign);
  }

  finish(): Sums {
    if (!this.before.size) return this.base;
    const byStage = { ...this.base.byStage };
    let biogenic = this.base.biogenic;
    for (const [key, old] of this.before) {
      const group = this.groups.get(key)!;
      for (const stage of STAGES) {
        const was = old[stage];
        const now = group.amounts[stage];
        if (was.m === now.m && was.e === now.e) continue;
        const diff = exactOf(addFixed(now, was, -1));
        byStage[stage] = byStage[stage].plus(diff.times(group.kgPerUnit));
        if (!group.biogenicPerUnit.isZero()) biogenic = biogenic.plus(diff.times(group.biogenicPerUnit));
      }
      if (STAGES.every((s) => group.amounts[s].m === 0n)) this.groups.delete(key);
    }
    return { groups: this.groups, byStage, biogenic };
  }
}

export function totalOf(sums: Sums): Exact {
  return STAGES.reduce((t, s) => t.plus(sums.byStage[s]), EXACT_ZERO);
}

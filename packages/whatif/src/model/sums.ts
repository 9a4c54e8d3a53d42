import type { InventoryRow } from '@greenlca/engine';
import { STAGES, type Stage } from '@greenlca/schema';
import type { ModelCategories } from './categories.js';
import { ExactSum } from '@greenlca/engine';
import { addFixed, EXACT_ZERO, Exact, exactOf, fixedOf, FIXED_ZERO, type Fixed } from './exact.js';

/** Rows that share a factor: the exact sum of their amounts per stage, and the factor's value per unit. */
interface Group {
  kgPerUnit: Exact;
  biogenicPerUnit: Exact;
  /** Fossil kg CO2e per unit (the engine's origin split, impact/origin.ts). */
  fossilPerUnit: Exact;
  /** (category index, value per unit) for the impact categories the factor adds to. */
  perCategory: readonly (readonly [number, Exact])[];
  amounts: Record<Stage, Fixed>;
}

/** One impact category's exact sums by stage. */
export type StageSums = Readonly<Record<Stage, Exact>>;

/**
 * Exact totals of a model, kept by factor: Σ_rows amount × factor = Σ_factors factor × Σ amounts. An
 * edit adjusts one group's amount sum and the stage totals by the difference, so it costs the same for
 * 50 lines or 50,000.
 */
export interface Sums {
  readonly groups: ReadonlyMap<string, Group>;
  readonly byStage: Readonly<Record<Stage, Exact>>;
  readonly biogenic: Exact;
  /** Fossil kg CO2e; total − fossil − biogenic is not split by origin. */
  readonly fossil: Exact;
  /** Each impact category's sums by stage (ModelCategories order; empty without impact methods). */
  readonly categories: readonly StageSums[];
}

const zeroStages = () => Object.fromEntries(STAGES.map((s) => [s, EXACT_ZERO])) as Record<Stage, Exact>;

export const EMPTY_SUMS: Sums = { groups: new Map(), byStage: zeroStages(), biogenic: EXACT_ZERO, fossil: EXACT_ZERO, categories: [] };

/** Sums of nothing, with room for `categories` impact categories. */
export function emptySums(categories: number): Sums {
  return categories ? { ...EMPTY_SUMS, categories: Array.from({ length: categories }, zeroStages) } : EMPTY_SUMS;
}

/** Key of a row's factor: factor ids and substance names live in different namespaces. */
export function factorKey(row: InventoryRow): string {
  return row.substance !== undefined ? `substance:${row.factor.id}` : row.factor.id;
}

/** Exact kg CO2e of one row (the engine's dec(amount) × factor). */
export function rowKg(row: InventoryRow): Exact {
  return exactOf(fixedOf(row.amount)).times(row.factor.value.kgCO2e.toString());
}

const emptyAmounts = () => Object.fromEntries(STAGES.map((s) => [s, FIXED_ZERO])) as Record<Stage, Fixed>;

/** Collects row additions and removals, then applies them to the sums in one pass. */
export class SumsEditor {
  private readonly groups: Map<string, Group>;
  private readonly touched = new Map<string, { before: Record<Stage, Fixed>; acc: Partial<Record<Stage, ExactSum>>; group: Group }>();

  constructor(private readonly base: Sums, private readonly categories?: ModelCategories) {
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
    let t = this.touched.get(key);
    if (!t) {
      const old = this.groups.get(key);
      const group: Group = old
        ? { ...old, amounts: { ...old.amounts } }
        : {
          kgPerUnit: new Exact(row.factor.value.kgCO2e.toString()),
          biogenicPerUnit: new Exact(row.factor.value.biogenicKgCO2e.toString()),
          fossilPerUnit: new Exact(row.factor.value.origin.fossil.toString()),
          perCategory: this.categories && this.base.categories.length ? this.categories.perUnit(row.factor.value) : [],
          amounts: emptyAmounts(),
        };
      t = { before: old ? old.amounts : emptyAmounts(), acc: {}, group };
      this.touched.set(key, t);
      this.groups.set(key, group);
    }
    let acc = t.acc[row.stage];
    if (!acc) {
      acc = new ExactSum(t.group.amounts[row.stage]);
      t.acc[row.stage] = acc;
    }
    acc.add(row.amount, sign);
  }

  finish(): Sums {
    if (!this.touched.size) return this.base;
    const byStage = { ...this.base.byStage };
    let biogenic = this.base.biogenic;
    let fossil = this.base.fossil;
    // Category sums are copied only where an edit reaches them.
    let categories = this.base.categories as StageSums[];
    const copied = new Set<number>();
    for (const [key, { before, acc, group }] of this.touched) {
      for (const stage of STAGES) {
        const a = acc[stage];
        if (!a) continue;
        const now = a.fixed();
        group.amounts[stage] = now;
        const was = before[stage];
        if (was.m === now.m && was.e === now.e) continue;
        const diff = exactOf(addFixed(now, was, -1));
        byStage[stage] = byStage[stage].plus(diff.times(group.kgPerUnit));
        if (!group.biogenicPerUnit.isZero()) biogenic = biogenic.plus(diff.times(group.biogenicPerUnit));
        if (!group.fossilPerUnit.isZero()) fossil = fossil.plus(diff.times(group.fossilPerUnit));
        for (const [k, perUnit] of group.perCategory) {
          if (!copied.size) categories = categories.slice();
          if (!copied.has(k)) {
            copied.add(k);
            categories[k] = { ...categories[k]! };
          }
          const sums = categories[k] as Record<Stage, Exact>;
          sums[stage] = sums[stage].plus(diff.times(perUnit));
        }
      }
      if (STAGES.every((s) => group.amounts[s].m === 0n)) this.groups.delete(key);
    }
    return { groups: this.groups, byStage, biogenic, fossil, categories };
  }
}

export function totalOf(sums: Sums): Exact {
  return STAGES.reduce((t, s) => t.plus(sums.byStage[s]), EXACT_ZERO);
}

import type { InventoryRow } from '@greenlca/engine';
import { STAGES, type Stage } from '@greenlca/schema';
import type { ModelCategories } from './categories.js';
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

/**
 * A running exact sum: (big + small) × 10^e. Most amounts have at most 15 significant digits, whose
 * mantissa a double holds exactly, so they are added as doubles (no allocation) and moved into the
 * BigInt only before the double could lose a digit.
 */
interface Acc {
  big: bigint;
  small: number;
  e: number;
}

const SAFE = 2 ** 53 - 1e15;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const BIG10: bigint[] = [1n];
function big10(n: number): bigint {
  while (BIG10.length <= n) BIG10.push(BIG10[BIG10.length - 1]! * 10n);
  return BIG10[n]!;
}

function addTo(acc: Acc, x: number, sign: 1 | -1): void {
  if (x === 0) return;
  const text = String(x);
  let mant: number | undefined;
  let e = 0;
  if (!text.includes('e')) {
    const dot = text.indexOf('.');
    const decimals = dot < 0 ? 0 : text.length - dot - 1;
    const digits = text.length - (dot < 0 ? 0 : 1) - (x < 0 ? 1 : 0);
    if (digits <= 15 && decimals < POW10.length) {
      mant = Math.round(x * POW10[decimals]!);
      e = -decimals;
    }
  }
  if (mant === undefined || e > acc.e) {
    const f = mant === undefined ? fixedOf(x) : { m: BigInt(mant), e };
    if (f.e < acc.e) rescale(acc, f.e);
    acc.big += (sign < 0 ? -f.m : f.m) * big10(f.e - acc.e);
    return;
  }
  if (e < acc.e) rescale(acc, e);
  acc.small += sign * mant;
  if (Math.abs(acc.small) > SAFE) {
    acc.big += BigInt(acc.small);
    acc.small = 0;
  }
}

function rescale(acc: Acc, e: number): void {
  acc.big = (acc.big + BigInt(acc.small)) * big10(acc.e - e);
  acc.small = 0;
  acc.e = e;
}

function fixedOfAcc(acc: Acc): Fixed {
  const m = acc.big + BigInt(acc.small);
  return m === 0n ? FIXED_ZERO : { m, e: acc.e };
}

const emptyAmounts = () => Object.fromEntries(STAGES.map((s) => [s, FIXED_ZERO])) as Record<Stage, Fixed>;

/** Collects row additions and removals, then applies them to the sums in one pass. */
export class SumsEditor {
  private readonly groups: Map<string, Group>;
  private readonly touched = new Map<string, { before: Record<Stage, Fixed>; acc: Partial<Record<Stage, Acc>>; group: Group }>();

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
      const start = t.group.amounts[row.stage];
      acc = { big: start.m, small: 0, e: start.m === 0n ? 0 : start.e };
      t.acc[row.stage] = acc;
    }
    addTo(acc, row.amount, sign);
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
        const now = fixedOfAcc(a);
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

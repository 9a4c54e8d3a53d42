import type { InventoryRow } from '@greenlca/engine';
import { STAGES, type Stage } from '@greenlca/schema';
import type { ModelCategories } from './categories.js';
import { ExactSum, type ComponentInstance, type FactorLibrary, type FlowIndex } from '@greenlca/engine';
import type { ModelOptions, NodeState } from './types.js';
import { EMPTY_INVENTORY, InventoryEditor, sharesOf, type InventorySums, type PreparedShare } from './inventory.js';
import { addFixed, Exact, exactOf, fixedOf, fixedOfDecimal, FIXED_ZERO, timesFixed, type Fixed } from './exact.js';
import { StageSums } from './stage-sums.js';
import { CategoriesView } from './impacts-view.js';

/** Rows that share a factor: the exact sum of their amounts per stage, and the factor's value per unit. */
interface Group {
  kgPerUnit: Fixed;
  biogenicPerUnit: Fixed;
  /** Fossil kg CO2e per unit (the engine's origin split, impact/origin.ts). */
  fossilPerUnit: Fixed;
  /** (category index, value per unit) for the impact categories the factor adds to. */
  perCategory: readonly (readonly [number, Fixed])[];
  amounts: Record<Stage, Fixed>;
}

/**
 * Exact totals of a model, kept by factor: Σ_rows amount × factor = Σ_factors factor × Σ amounts. An
 * edit adjusts one group's amount sum and the stage totals by the difference, so it costs the same for
 * 50 lines or 50,000.
 */
export interface Sums {
  readonly groups: ReadonlyMap<string, Group>;
  /** kg CO2e by stage, and their total. */
  readonly byStage: StageSums;
  readonly biogenic: Fixed;
  /** Fossil kg CO2e; total − fossil − biogenic is not split by origin. */
  readonly fossil: Fixed;
  /** Each impact category's sums by stage (ModelCategories order; empty without impact methods). */
  readonly categories: readonly StageSums[];
  /** Their view, kept with the array (see CategoriesView). */
  readonly categoriesView: CategoriesView;
  /** The inventories (with `ModelOptions.inventory`). */
  readonly inventory?: InventorySums;
}

/** What an editor keeps inventories with: the flow list the engine reads factors' flows with. */
export interface InventoryTracking {
  flows: FlowIndex | undefined;
}

/** The tracking a model's options ask for (as calculate: the library's flows, else the methods'). */
export function inventoryTracking(options: ModelOptions, library: FactorLibrary): InventoryTracking | undefined {
  return options.inventory ? { flows: library.flows ?? options.lcia?.index } : undefined;
}

/** Every component of a compiled bill of materials, parents first. */
export function forEachNode(list: readonly NodeState[], fn: (node: NodeState) => void): void {
  for (const n of list) {
    fn(n);
    forEachNode(n.children, fn);
  }
}

/** Sums of nothing, with room for `categories` impact categories, and the inventories if asked. */
export function emptySums(categories: number, inventory = false): Sums {
  // One StageSums per category: each keeps its own shown figures.
  const sums: Sums = { groups: new Map(), byStage: StageSums.zero(), biogenic: FIXED_ZERO, fossil: FIXED_ZERO, categories: Array.from({ length: categories }, StageSums.zero), categoriesView: new CategoriesView() };
  return inventory ? { ...sums, inventory: EMPTY_INVENTORY } : sums;
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

/** A factor's rows changed by an edit. */
interface Touched {
  /** Its amounts by stage before the edit, their running sums, and its group (a copy). */
  before: Record<Stage, Fixed>;
  acc: Partial<Record<Stage, ExactSum>>;
  group: Group;
  /**
   * By row kind and stage, for the inventories: the exact change of the amount (rows added less rows
   * taken away), which is all an entry needs, and the shares it goes to.
   */
  inventory?: Map<string, Partial<Record<Stage, { diff: ExactSum; shares: readonly PreparedShare[] }>>>;
}

/** Collects row additions and removals, then applies them to the sums in one pass. */
export class SumsEditor {
  private readonly groups: Map<string, Group>;
  private readonly touched = new Map<string, Touched>();
  private readonly inventoryEditor: InventoryEditor | undefined;

  constructor(private readonly base: Sums, private readonly categories?: ModelCategories, private readonly inventory?: InventoryTracking) {
    this.groups = new Map(base.groups);
    if (inventory && base.inventory) this.inventoryEditor = new InventoryEditor(base.inventory);
  }

  /**
   * A component's own contributions to the inventories that are not amounts of its rows (its mass by
   * end-of-life route; a material counted per item), with its own rows: call with every component
   * whose rows are added or removed.
   */
  component(instance: ComponentInstance, ownRows: readonly InventoryRow[], sign: 1 | -1): void {
    this.inventoryEditor?.component(instance, ownRows, this.inventory!.flows, sign);
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
          kgPerUnit: fixedOfDecimal(row.factor.value.kgCO2e),
          biogenicPerUnit: fixedOfDecimal(row.factor.value.biogenicKgCO2e),
          fossilPerUnit: fixedOfDecimal(row.factor.value.origin.fossil),
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
    if (this.inventoryEditor) this.changeInventory(t, row, sign);
  }

  /** The change of the factor's rows of this kind at this stage, for the inventories. */
  private changeInventory(t: Touched, row: InventoryRow, sign: 1 | -1): void {
    const byKind = (t.inventory ??= new Map());
    let byStage = byKind.get(row.kind);
    if (!byStage) byKind.set(row.kind, (byStage = {}));
    let change = byStage[row.stage];
    if (!change) byStage[row.stage] = change = { diff: new ExactSum(), shares: sharesOf(row, this.inventory!.flows) };
    change.diff.add(row.amount, sign);
  }

  private finishInventory(): Sums['inventory'] {
    const editor = this.inventoryEditor;
    if (!editor) return this.base.inventory;
    for (const { inventory } of this.touched.values()) {
      if (!inventory) continue;
      for (const byStage of inventory.values()) {
        for (const stage of STAGES) {
          const change = byStage[stage];
          const d = change?.diff.fixed();
          if (d && d.m !== 0n) editor.rows(change!.shares, stage, d);
        }
      }
    }
    return editor.finish();
  }

  finish(): Sums {
    const inventory = this.finishInventory();
    if (!this.touched.size) return inventory === this.base.inventory ? this.base : { ...this.base, inventory };
    const base = this.base;
    let byStage = base.byStage;
    let biogenic = base.biogenic;
    let fossil = base.fossil;
    // Sums are copied only where an edit reaches them; a copy is told from the base's by identity.
    let categories = base.categories as StageSums[];
    const changed: number[] = [];
    for (const [key, { before, acc, group }] of this.touched) {
      for (const stage of STAGES) {
        const a = acc[stage];
        if (!a) continue;
        const now = a.fixed();
        group.amounts[stage] = now;
        const was = before[stage];
        if (was.m === now.m && was.e === now.e) continue;
        const diff = addFixed(now, was, -1);
        if (byStage === base.byStage) byStage = byStage.edited();
        byStage.add(stage, timesFixed(diff, group.kgPerUnit));
        biogenic = addFixed(biogenic, timesFixed(diff, group.biogenicPerUnit), 1);
        fossil = addFixed(fossil, timesFixed(diff, group.fossilPerUnit), 1);
        for (const [k, perUnit] of group.perCategory) {
          if (categories === base.categories) categories = categories.slice();
          if (categories[k] === base.categories[k]) {
            categories[k] = categories[k]!.edited();
            changed.push(k);
          }
          categories[k]!.add(stage, timesFixed(diff, perUnit));
        }
      }
      if (STAGES.every((s) => group.amounts[s].m === 0n)) this.groups.delete(key);
    }
    const categoriesView = changed.length ? base.categoriesView.edited(changed) : base.categoriesView;
    return inventory ? { groups: this.groups, byStage, biogenic, fossil, categories, categoriesView, inventory } : { groups: this.groups, byStage, biogenic, fossil, categories, categoriesView };
  }
}

import { STAGES, type Stage } from '@greenlca/schema';
import type { Decimal } from '../decimal.js';
import type { Exact } from '../exact.js';
import { ExactSum } from '../exact-sum.js';
import type { CharacterisedFactor } from '../impact/characterise.js';
import type { InventoryRow } from '../inventory/line.js';

/**
 * Rows that share a kind, a characterised factor, a stage and a component, with their amounts summed exactly.
 * Since (Σ aᵢ)·p = Σ (aᵢ·p) exactly in decimal, every per-unit value (a gas, a flow, a category) is
 * multiplied once per group instead of once per row: inventories and categories cost one exact sum
 * per row and one product per group, whatever the number of flows and categories.
 */
export interface RowGroup {
  value: CharacterisedFactor;
  /** The first row (all rows of a group share its kind and factor, so its unit and category). */
  first: InventoryRow;
  stage: Stage;
  component: string | undefined;
  /** The rows' amounts summed, exactly. */
  exact: Exact;
  /** The same as a decimal (made when first asked for). */
  readonly amount: Decimal;
  rows: InventoryRow[];
  /** The rows' positions in the row list, in the same order as `rows`. */
  at: number[];
}

const KIND: Record<InventoryRow['kind'], number> = { inventory: 0, emission: 1, material: 2, endOfLife: 3 };
const STAGE_INDEX = Object.fromEntries(STAGES.map((s, i) => [s, i])) as Record<Stage, number>;

export function groupRows(rows: readonly InventoryRow[]): RowGroup[] {
  // factor → kind|stage → component → group: no key string is made per row.
  const byValue = new Map<CharacterisedFactor, Map<number, Map<string | undefined, number>>>();
  const out: RowGroup[] = [];
  const sums: ExactSum[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const value = row.factor.value;
    let byKind = byValue.get(value);
    if (!byKind) byValue.set(value, (byKind = new Map()));
    const kindStage = KIND[row.kind] * 16 + STAGE_INDEX[row.stage];
    let byComponent = byKind.get(kindStage);
    if (!byComponent) byKind.set(kindStage, (byComponent = new Map()));
    let g = byComponent.get(row.component);
    if (g === undefined) {
      byComponent.set(row.component, (g = out.length));
      out.push(new Group(value, row));
      sums.push(new ExactSum());
    }
    sums[g]!.add(row.amount);
    const group = out[g]!;
    group.rows.push(row);
    group.at.push(i);
  }
  for (let g = 0; g < out.length; g++) out[g]!.exact = sums[g]!.exact();
  return out;
}

class Group implements RowGroup {
  readonly stage: Stage;
  readonly component: string | undefined;
  exact = undefined as unknown as Exact;
  readonly rows: InventoryRow[] = [];
  readonly at: number[] = [];

  constructor(readonly value: CharacterisedFactor, readonly first: InventoryRow) {
    this.stage = first.stage;
    this.component = first.component;
  }

  get amount(): Decimal {
    return this.exact.decimal();
  }
}

import type { Stage } from '@greenlca/schema';
import { type Decimal, dec, ZERO } from '../decimal.js';
import type { CharacterisedFactor } from '../impact/characterise.js';
import type { InventoryRow } from '../inventory/line.js';

/**
 * Rows that share a kind, a characterised factor, a stage and a component, with their amounts summed exactly.
 * Since (Σ aᵢ)·p = Σ (aᵢ·p) exactly in decimal, every per-unit value (a gas, a flow, a category) is
 * multiplied once per group instead of once per row: inventories and categories cost one decimal sum
 * per row and one product per group, whatever the number of flows and categories.
 */
export interface RowGroup {
  value: CharacterisedFactor;
  /** The first row (all rows of a group share its kind and factor, so its unit and category). */
  first: InventoryRow;
  stage: Stage;
  component: string | undefined;
  amount: Decimal;
  rows: InventoryRow[];
}

export function groupRows(rows: readonly InventoryRow[], amountOf: (row: InventoryRow, i: number) => Decimal = (row) => dec(row.amount)): RowGroup[] {
  const byValue = new Map<CharacterisedFactor, Map<string, RowGroup>>();
  const out: RowGroup[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const value = row.factor.value;
    let groups = byValue.get(value);
    if (!groups) byValue.set(value, (groups = new Map()));
    const key = `${row.kind}|${row.stage}|${row.component ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { value, first: row, stage: row.stage, component: row.component, amount: ZERO, rows: [] };
      groups.set(key, g);
      out.push(g);
    }
    g.amount = g.amount.plus(amountOf(row, i));
    g.rows.push(row);
  }
  return out;
}

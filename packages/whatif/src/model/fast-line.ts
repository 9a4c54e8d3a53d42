import { convertTo, evaluateAmount, type InventoryRow, type ResolvedFactor, type Scope } from '@greenlca/engine';
import type { InventoryLine } from '@greenlca/schema';

/**
 * A line's row without a whole engine run: the same steps as the engine's `compileLine` for a factor
 * line (evaluate the amount in the parameter scope, convert it to the factor's unit, build the row),
 * with the engine's own exported functions, so the numbers are the engine's. Substances and anything
 * that fails (unknown factor, unit mismatch, bad expression) go to the engine, which words the error.
 */
export function fastLineRow(
  line: InventoryLine, index: number, factor: ResolvedFactor | undefined, component: string | undefined, scope: Scope,
): InventoryRow | undefined {
  if (line.factor === undefined || line.substance !== undefined || !factor) return undefined;
  let converted;
  try {
    converted = convertTo(evaluateAmount(line.amount, scope), factor.unit);
  } catch {
    return undefined;
  }
  if (!converted.ok) return undefined;
  const row: InventoryRow = {
    path: `/inventory/${index}`, kind: 'inventory', stage: line.stage, label: line.name ?? factor.name, amount: converted.value,
    unit: factor.unit.text, factor,
  };
  if (component !== undefined) row.component = component;
  return row;
}

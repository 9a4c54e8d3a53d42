import type { Stage } from '@greenlca/schema';
import { type Decimal, ZERO } from '../decimal.js';
import type { CharacterisedFactor } from '../impact/characterise.js';
import type { InventoryRow } from '../inventory/line.js';
import type { RowGroup } from './groups.js';

/**
 * Row groups that share a characterised factor, with their amounts summed exactly by stage and by
 * component. Any per-unit quantity of the factor q (a category's factor, a gas, a flow) then totals
 * Σ_buckets q × amount, by stage and component likewise: one decimal product per bucket and key, not
 * per group or row, whatever the number of categories.
 */
export interface ValueBucket {
  value: CharacterisedFactor;
  groups: RowGroup[];
  amount: Decimal;
  /** Σ |row amount|, exactly (for coverage shares: Σ |amount × q| = |q| × Σ |amount|). */
  absAmount: Decimal;
  byStage: Map<Stage, Decimal>;
  byComponent: Map<string, Decimal>;
  /**
   * The bucket's rows by |amount|, largest first (ties in row order), with their positions in group
   * order: any per-unit value keeps this order (products and roundings are monotone), so a
   * category's line list is a merge of already sorted runs.
   */
  ranked: InventoryRow[];
  rankedAt: number[];
  /** The ranked rows' indices in the row list. */
  rankedIndex: number[];
  /** Rows whose amount is 0. */
  zeroRows: number;
}

export interface Buckets {
  buckets: ValueBucket[];
  /** Bucket of each group, by group index. */
  bucketOf: number[];
  /** Rows in group order (their positions are `rankedAt`). */
  rowCount: number;
}

export function bucketGroups(groups: readonly RowGroup[]): Buckets {
  const index = new Map<CharacterisedFactor, number>();
  const buckets: ValueBucket[] = [];
  const bucketOf: number[] = new Array(groups.length);
  const members: InventoryRow[][] = [];
  const positions: number[][] = [];
  const indices: number[][] = [];
  let at = 0;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi]!;
    let b = index.get(g.value);
    if (b === undefined) {
      index.set(g.value, (b = buckets.length));
      buckets.push({
        value: g.value, groups: [], amount: ZERO, absAmount: ZERO, byStage: new Map(), byComponent: new Map(), ranked: [], rankedAt: [], rankedIndex: [], zeroRows: 0,
      });
      members.push([]);
      positions.push([]);
      indices.push([]);
    }
    bucketOf[gi] = b;
    const bucket = buckets[b]!;
    bucket.groups.push(g);
    bucket.amount = bucket.amount.plus(g.amount);
    bucket.byStage.set(g.stage, (bucket.byStage.get(g.stage) ?? ZERO).plus(g.amount));
    if (g.component !== undefined) bucket.byComponent.set(g.component, (bucket.byComponent.get(g.component) ?? ZERO).plus(g.amount));
    // |Σ a| = Σ |a| when no amount is negative (the usual case); credits are summed one by one.
    let mixed = false;
    const list = members[b]!;
    const pos = positions[b]!;
    const idx = indices[b]!;
    for (let k = 0; k < g.rows.length; k++) {
      const row = g.rows[k]!;
      idx.push(g.at[k]!);
      if (row.amount < 0) mixed = true;
      else if (row.amount === 0) bucket.zeroRows++;
      list.push(row);
      pos.push(at++);
    }
    if (!mixed) bucket.absAmount = bucket.absAmount.plus(g.amount);
    else for (const row of g.rows) bucket.absAmount = bucket.absAmount.plus(Math.abs(row.amount));
  }
  buckets.forEach((bucket, b) => {
    const rows = members[b]!;
    const where = positions[b]!;
    const n = rows.length;
    const mag = new Float64Array(n);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      mag[i] = Math.abs(rows[i]!.amount);
      order[i] = i;
    }
    // Largest first, ties in row (position) order: positions increase with i.
    order.sort((x, y) => mag[y]! - mag[x]! || x - y);
    bucket.ranked = new Array(n);
    bucket.rankedAt = new Array(n);
    bucket.rankedIndex = new Array(n);
    const rowIndex = indices[b]!;
    for (let k = 0; k < n; k++) {
      bucket.rankedIndex[k] = rowIndex[order[k]!]!;
      bucket.ranked[k] = rows[order[k]!]!;
      bucket.rankedAt[k] = where[order[k]!]!;
    }
  });
  return { buckets, bucketOf, rowCount: at };
}

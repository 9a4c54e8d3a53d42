/**
 * @module characterisation — the characterisation matrix C (impact categories × elementary flows),
 * built against the biosphere's flows so the dimensions line up by construction.
 */
import { csrFromTriplets, entryIndex, type CsrMatrix, type Distribution } from '@greenlca/sparse';
import { LcaMatrixError } from './errors.js';
import { IndexMap, type Id } from './index-map.js';

export interface CategorySpec {
  id: Id;
  name?: string;
}

export interface CharacterisationFactor {
  category: Id;
  flow: Id;
  factor: number;
  uncertainty?: Distribution;
}

export interface Characterisation {
  matrix: CsrMatrix;
  categories: IndexMap;
  /** Position of each factor in `matrix.values`, −1 for a factor dropped because no process emits its flow. */
  positions: Int32Array;
  factors: readonly CharacterisationFactor[];
  /** Factors dropped for flows outside the biosphere (they cannot change any score). */
  dropped: number;
}

/**
 * Build C. Factors for flows no process emits are dropped (and counted), as bw2calc does: they cannot
 * contribute to any score.
 */
export function buildCharacterisation(flows: IndexMap, factors: readonly CharacterisationFactor[], categories?: readonly CategorySpec[]): Characterisation {
  const categoryMap = categories ? IndexMap.of(categories.map((c) => c.id), categories.map((c) => c.name)) : new IndexMap();
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  const kept: number[] = [];
  let dropped = 0;
  factors.forEach((f, k) => {
    let c = categoryMap.indexOf(f.category);
    if (c < 0) {
      if (categories) throw new LcaMatrixError('LCA_ERR_UNKNOWN_ID', `factor ${k} names unknown impact category ${JSON.stringify(f.category)}`);
      c = categoryMap.add(f.category);
    }
    if (!Number.isFinite(f.factor)) throw new LcaMatrixError('LCA_ERR_BAD_INPUT', `factor ${k} (${JSON.stringify(f.flow)}) is ${f.factor}`);
    const i = flows.indexOf(f.flow);
    if (i < 0) { dropped++; kept.push(-1); return; }
    kept.push(rows.length);
    rows.push(c);
    cols.push(i);
    vals.push(f.factor);
  });
  const matrix = csrFromTriplets({
    rows: categoryMap.size,
    cols: flows.size,
    row: Int32Array.from(rows),
    col: Int32Array.from(cols),
    value: Float64Array.from(vals),
  });
  const positions = Int32Array.from(kept, (q) => (q < 0 ? -1 : entryIndex(matrix, rows[q]!, cols[q]!)));
  return { matrix, categories: categoryMap, positions, factors, dropped };
}

/** Wrap a ready k × m matrix; categories are numbered 0…k−1. */
export function characterisationFromMatrix(matrix: CsrMatrix, flowCount: number, categories?: IndexMap): Characterisation {
  if (matrix.cols !== flowCount) {
    throw new LcaMatrixError('LCA_ERR_DIMENSION', `the characterisation matrix has ${matrix.cols} columns but the biosphere has ${flowCount} flows`);
  }
  return {
    matrix,
    categories: categories ?? IndexMap.range(matrix.rows, (i) => `category ${i}`),
    positions: new Int32Array(0),
    factors: [],
    dropped: 0,
  };
}

/**
 * @module system — the three matrices of one LCA, checked to fit together, and demand vectors.
 */
import type { Biosphere } from './biosphere.js';
import type { Characterisation } from './characterisation.js';
import { LcaMatrixError } from './errors.js';
import type { Id } from './index-map.js';
import type { Technosphere } from './technosphere.js';

export interface LcaSystem {
  technosphere: Technosphere;
  biosphere: Biosphere;
  characterisation: Characterisation;
}

/** Put the three matrices together, checking that columns of B are A's processes and columns of C are B's flows. */
export function lcaSystem(technosphere: Technosphere, biosphere: Biosphere, characterisation: Characterisation): LcaSystem {
  const n = technosphere.matrix.cols;
  if (biosphere.matrix.cols !== n) {
    throw new LcaMatrixError('LCA_ERR_DIMENSION', `the biosphere has ${biosphere.matrix.cols} process columns, the technosphere ${n}`);
  }
  if (characterisation.matrix.cols !== biosphere.matrix.rows) {
    throw new LcaMatrixError(
      'LCA_ERR_DIMENSION',
      `the characterisation matrix has ${characterisation.matrix.cols} flow columns, the biosphere ${biosphere.matrix.rows} flows`,
    );
  }
  return { technosphere, biosphere, characterisation };
}

/** A final demand: amounts of products by product id. */
export type Demand = ReadonlyMap<Id, number> | Readonly<Record<string, number>> | Iterable<readonly [Id, number]>;

/**
 * The demand vector f over the technosphere's products.
 *
 * @example
 * const f = demandVector(technosphere, { electricity: 1 });
 */
export function demandVector(technosphere: Technosphere, demand: Demand): Float64Array {
  const f = new Float64Array(technosphere.matrix.rows);
  const entries: Iterable<readonly [Id, number]> =
    demand instanceof Map ? demand.entries() : Symbol.iterator in demand ? (demand as Iterable<readonly [Id, number]>) : Object.entries(demand);
  for (const [id, amount] of entries) {
    const i = technosphere.products.indexOf(id);
    if (i < 0) throw new LcaMatrixError('LCA_ERR_UNKNOWN_ID', `the demand names product ${JSON.stringify(id)}, which no process makes`);
    if (!Number.isFinite(amount)) throw new LcaMatrixError('LCA_ERR_BAD_INPUT', `the demand for ${JSON.stringify(id)} is ${amount}`);
    f[i] = f[i]! + amount;
  }
  return f;
}

/** The demand vector from (index, amount) pairs, as in a bench network's demands.json. */
export function demandFromIndices(n: number, indices: readonly number[], amounts: readonly number[]): Float64Array {
  if (indices.length !== amounts.length) throw new LcaMatrixError('LCA_ERR_DIMENSION', `${indices.length} demand indices but ${amounts.length} amounts`);
  const f = new Float64Array(n);
  indices.forEach((i, k) => {
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new LcaMatrixError('LCA_ERR_UNKNOWN_ID', `demand index ${i} is outside 0…${n - 1}`);
    f[i] = f[i]! + amounts[k]!;
  });
  return f;
}

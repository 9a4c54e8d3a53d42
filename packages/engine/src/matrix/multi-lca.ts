/**
 * @module multi-lca — many demands × many impact categories on one factorisation.
 *
 * The question is k scores per demand, not n supplies. With λ_c = A⁻ᵀ (C B)_cᵀ (one adjoint solve per
 * category), every demand's score is a dot product: h_c(f) = λ_c · f. A thousand demands then cost
 * k solves instead of a thousand. With fewer demands than categories, direct solves are cheaper and
 * are used instead.
 */
import type { SolveReport } from '@greenlca/sparse';
import { LcaMatrixError } from './errors.js';
import type { TechnosphereFactorisation } from './factorise.js';
import { characterisedBiosphere, lci } from './lci.js';
import type { LcaSystem } from './system.js';

/** A demand given by its non-zeros (product indices and amounts): cheap for unit demands. */
export interface SparseDemand {
  indices: readonly number[];
  amounts: readonly number[];
}

export interface MultiLcaResult {
  /** scores[d][c]: category c for demand d. */
  scores: Float64Array[];
  method: 'adjoint' | 'direct';
  /** One report per solve. */
  reports: SolveReport[];
  /**
   * With the adjoint method: unitScores[c][i] = score c of one unit of product i (λ_c), which answers
   * any further demand by a dot product.
   */
  unitScores?: Float64Array[];
}

/**
 * Scores for every demand.
 *
 * @example
 * const { scores } = multiLca(system, factorisation, [{ indices: [3], amounts: [1] }, { indices: [7], amounts: [2] }]);
 */
export function multiLca(system: LcaSystem, factorisation: TechnosphereFactorisation, demands: readonly (SparseDemand | Float64Array)[], options: { method?: 'adjoint' | 'direct' } = {}): MultiLcaResult {
  const n = system.technosphere.matrix.rows;
  const k = system.characterisation.matrix.rows;
  const sparse = demands.map((d) => toSparse(d, n));
  const method = options.method ?? (demands.length > k ? 'adjoint' : 'direct');
  if (method === 'direct') {
    const reports: SolveReport[] = [];
    const scores = sparse.map((d) => {
      const result = lci(system, factorisation, toDense(d, n));
      reports.push(result.report);
      return result.scores;
    });
    return { scores, method, reports };
  }
  const solutions = factorisation.solveTransposedMany(characterisedBiosphere(system));
  const unitScores = solutions.map((s) => s.x);
  const reports = solutions.map((s) => s.report);
  const scores = sparse.map((d) => scoreOf(unitScores, d));
  return { scores, method, reports, unitScores };
}

/** h_c = λ_c · f for a sparse demand. */
export function scoreOf(unitScores: readonly Float64Array[], demand: SparseDemand): Float64Array {
  const h = new Float64Array(unitScores.length);
  unitScores.forEach((lambda, c) => {
    let s = 0;
    demand.indices.forEach((i, q) => (s += lambda[i]! * demand.amounts[q]!));
    h[c] = s;
  });
  return h;
}

function toSparse(d: SparseDemand | Float64Array, n: number): SparseDemand {
  if (!(d instanceof Float64Array)) {
    if (d.indices.length !== d.amounts.length) throw new LcaMatrixError('LCA_ERR_DIMENSION', `${d.indices.length} demand indices but ${d.amounts.length} amounts`);
    for (const i of d.indices) if (!Number.isInteger(i) || i < 0 || i >= n) throw new LcaMatrixError('LCA_ERR_UNKNOWN_ID', `demand index ${i} is outside 0…${n - 1}`);
    return d;
  }
  if (d.length !== n) throw new LcaMatrixError('LCA_ERR_DIMENSION', `a demand has ${d.length} entries, the technosphere ${n} products`);
  const indices: number[] = [];
  const amounts: number[] = [];
  d.forEach((v, i) => { if (v !== 0) { indices.push(i); amounts.push(v); } });
  return { indices, amounts };
}

function toDense(d: SparseDemand, n: number): Float64Array {
  const f = new Float64Array(n);
  d.indices.forEach((i, q) => (f[i] = f[i]! + d.amounts[q]!));
  return f;
}

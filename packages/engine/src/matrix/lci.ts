/**
 * @module lci — one LCA: supply s = A⁻¹ f, inventory g = B s, scores h = C g, contributions.
 */
import { multiply, transpose, type CsrMatrix, type SolveReport } from '@greenlca/sparse';
import { LcaMatrixError } from './errors.js';
import { factoriseTechnosphere, type TechnosphereFactorisation, type TechnosphereOptions } from './factorise.js';
import type { LcaSystem } from './system.js';

export interface LcaResult {
  /** Scaling of each process (s). */
  supply: Float64Array;
  /** Elementary flows (g = B s). */
  inventory: Float64Array;
  /** One score per impact category (h = C g). */
  scores: Float64Array;
  /** How the technosphere was solved, with the measured residual. */
  report: SolveReport;
}

/**
 * Solve one demand on an already factorised technosphere (factorise once with
 * `factoriseTechnosphere`, then call this for each demand).
 *
 * @example
 * const factorisation = factoriseTechnosphere(system.technosphere);
 * const { scores } = lci(system, factorisation, demandVector(system.technosphere, { electricity: 1 }));
 */
export function lci(system: LcaSystem, factorisation: TechnosphereFactorisation, demand: Float64Array, initialGuess?: Float64Array): LcaResult {
  const n = system.technosphere.matrix.rows;
  if (demand.length !== n) throw new LcaMatrixError('LCA_ERR_DIMENSION', `the demand has ${demand.length} entries, the technosphere ${n} products`);
  const { x: supply, report } = factorisation.solve(demand, initialGuess ? { initialGuess } : {});
  const inventory = multiply(system.biosphere.matrix, supply);
  const scores = multiply(system.characterisation.matrix, inventory);
  return { supply, inventory, scores, report };
}

/** Factorise and solve in one call, for a single demand. */
export function lca(system: LcaSystem, demand: Float64Array, options: TechnosphereOptions = {}): LcaResult {
  const orderFrom: number[] = [];
  demand.forEach((v, i) => v !== 0 && orderFrom.push(i));
  return lci(system, factoriseTechnosphere(system.technosphere, { orderFrom, ...options }), demand);
}

/** h = C g. */
export function characterise(characterisation: CsrMatrix, inventory: Float64Array): Float64Array {
  return multiply(characterisation, inventory);
}

/**
 * Each process's direct contribution to one category's score: s_j Σ_f C[c, f] B[f, j]. The entries
 * add up to the score.
 */
export function contributionByProcess(system: LcaSystem, supply: Float64Array, category: number): Float64Array {
  const C = system.characterisation.matrix;
  const B = system.biosphere.matrix;
  if (category < 0 || category >= C.rows) throw new LcaMatrixError('LCA_ERR_DIMENSION', `category ${category} is outside 0…${C.rows - 1}`);
  const out = new Float64Array(B.cols);
  for (let p = C.rowPtr[category]!; p < C.rowPtr[category + 1]!; p++) {
    const f = C.colIdx[p]!;
    const cf = C.values[p]!;
    for (let q = B.rowPtr[f]!; q < B.rowPtr[f + 1]!; q++) {
      const j = B.colIdx[q]!;
      out[j] = out[j]! + cf * B.values[q]! * supply[j]!;
    }
  }
  return out;
}

/**
 * C·B as k dense rows of length n: the direct impact of one unit of each process. Precomputing it
 * makes every further LCIA a k × n dot product, and gives the right-hand sides of adjoint solves.
 */
export function characterisedBiosphere(system: LcaSystem): Float64Array[] {
  const B = system.biosphere.matrix;
  // Flow by flow (C's columns): each row of B is read once, however many categories use its flow.
  // Each category row still receives its terms in ascending flow order, as C·B row by row would add
  // them, so the sums are the same to the bit.
  const Ct = transpose(system.characterisation.matrix);
  const rows = Array.from({ length: system.characterisation.matrix.rows }, () => new Float64Array(B.cols));
  for (let f = 0; f < Ct.rows; f++) {
    const p0 = Ct.rowPtr[f]!;
    const p1 = Ct.rowPtr[f + 1]!;
    if (p0 === p1) continue;
    const q0 = B.rowPtr[f]!;
    const q1 = B.rowPtr[f + 1]!;
    for (let p = p0; p < p1; p++) {
      const row = rows[Ct.colIdx[p]!]!;
      const cf = Ct.values[p]!;
      for (let q = q0; q < q1; q++) {
        const j = B.colIdx[q]!;
        row[j] = row[j]! + cf * B.values[q]!;
      }
    }
  }
  return rows;
}

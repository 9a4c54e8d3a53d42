/**
 * @module algebra — the few lines of matrix algebra of an LCA (bw2calc's `lci_calculation` and
 * `lcia_calculation`): s = A⁻¹f, g = B·s, h = C·g, and the direct contributions C·B·diag(s).
 * The linear solve is a seam: any {@link LinearSolver} (sparse LU, dense LU, iterative) plugs in.
 */
import type { CooMatrix } from './matrices.js';

/** A factorised matrix that solves A·x = b for many right-hand sides. */
export interface Factorisation {
  solve(b: Float64Array): Float64Array;
  /** Aᵀ·x = b, when the solver offers it: one solve per impact category gives the intensities of all products. */
  solveTransposed?(b: Float64Array): Float64Array;
}

/**
 * Factorises a square matrix given in coordinate form (duplicates summed). `@greenlca/sparse` solvers
 * fit with a one-line adapter: `{ factorise: (A) => solver.factorise(csrFromTriplets(A)) }`.
 */
export interface LinearSolver {
  factorise(A: CooMatrix): Factorisation;
}

/** y = M·x. */
export function multiply(M: CooMatrix, x: Float64Array): Float64Array {
  const y = new Float64Array(M.rows);
  for (let p = 0; p < M.value.length; p++) y[M.row[p]!]! += M.value[p]! * x[M.col[p]!]!;
  return y;
}

/** The diagonal of a square COO matrix (duplicates summed). */
export function diagonal(A: CooMatrix): Float64Array {
  const d = new Float64Array(A.rows);
  for (let p = 0; p < A.value.length; p++) if (A.row[p] === A.col[p]) d[A.row[p]!]! += A.value[p]!;
  return d;
}

/** C·B as k dense rows of length n (k = impact categories, few; n = tech flows). */
export function characterisedInterventions(C: CooMatrix, B: CooMatrix): Float64Array[] {
  const byColumn = new Map<number, { k: number; w: number }[]>();
  for (let p = 0; p < C.value.length; p++) {
    const i = C.col[p]!;
    let list = byColumn.get(i);
    if (!list) byColumn.set(i, (list = []));
    list.push({ k: C.row[p]!, w: C.value[p]! });
  }
  const M = Array.from({ length: C.rows }, () => new Float64Array(B.cols));
  for (let p = 0; p < B.value.length; p++) {
    const list = byColumn.get(B.row[p]!);
    if (!list) continue;
    for (const { k, w } of list) M[k]![B.col[p]!]! += w * B.value[p]!;
  }
  return M;
}

export interface LciaVectors {
  /** Scaling vector s (one entry per tech flow). */
  scaling: Float64Array;
  /** Inventory g = B·s (one entry per elementary flow, positive in the flow's direction). */
  inventory: Float64Array;
  /** Impacts h = C·g. */
  impacts: Float64Array;
  /** Direct contributions: `direct[k][j]` = (C·B)[k][j]·s[j]. */
  direct: Float64Array[];
}

/** One demand through a factorised technosphere. `CB` from {@link characterisedInterventions}. */
export function solveDemand(F: Factorisation, B: CooMatrix, C: CooMatrix, CB: Float64Array[], demand: Float64Array): LciaVectors {
  const scaling = F.solve(demand);
  for (let j = 0; j < scaling.length; j++) {
    if (!Number.isFinite(scaling[j]!)) throw new Error('the technosphere matrix is singular for this demand (a scaling factor is not finite): check for processes without a reference amount or loops that produce nothing');
  }
  const inventory = multiply(B, scaling);
  const impacts = multiply(C, inventory);
  const direct = CB.map((row) => row.map((v, j) => v * scaling[j]!));
  return { scaling, inventory, impacts, direct };
}

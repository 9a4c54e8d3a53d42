/**
 * @module reduction — eliminate the unknowns that depend on a single other unknown.
 *
 * In a supply chain most producers have exactly one customer: the market for their product. Their row
 * of A s = f then reads A_pp s_p + A_pt s_t = f_p, so s_p follows from s_t by one division, and the
 * market's row can take it in directly. Eliminating all such p (a Schur complement whose pivot block
 * is diagonal, so nothing fills in) leaves a smaller system S on the remaining unknowns: at n = 20,000
 * about 8,000 unknowns and 20 % fewer non-zeros. Each iterative pass is then cheaper and the Krylov
 * vectors shorter; the eliminated supplies come back by one division each.
 *
 * The pattern of S depends only on the pattern of A, so Monte Carlo recomputes only S's values.
 */
import type { CsrMatrix } from './csr.js';

export interface Reduction {
  /** The reduced matrix (kept unknowns, in their original relative order). */
  readonly matrix: CsrMatrix;
  /** Original index of each kept unknown. */
  readonly kept: Int32Array;
  /** S's values for new values of A (same pattern). */
  values(aValues: Float64Array): Float64Array;
  /** Right-hand side of the reduced system for A x = b. */
  rhs(b: Float64Array, aValues: Float64Array): Float64Array;
  /** The full solution from the reduced one. */
  expand(y: Float64Array, b: Float64Array, aValues: Float64Array): Float64Array;
}

/** Below this share of eliminated unknowns the bookkeeping is not worth it. */
const MIN_SHARE = 0.1;

/**
 * Plan the elimination for A's pattern; undefined when too few unknowns qualify. An unknown p is
 * eliminated when its row has exactly one off-diagonal entry, in a column t that is itself kept.
 */
export function planReduction(A: CsrMatrix): Reduction | undefined {
  const n = A.rows;
  const { rowPtr, colIdx } = A;
  const state = new Uint8Array(n); // 0 free, 1 eliminated, 2 must stay
  const target = new Int32Array(n).fill(-1);
  const diagPos = new Int32Array(n).fill(-1);
  const offPos = new Int32Array(n).fill(-1);
  let eliminated = 0;
  for (let p = 0; p < n; p++) {
    let count = 0;
    let t = -1;
    let dq = -1;
    let oq = -1;
    for (let q = rowPtr[p]!; q < rowPtr[p + 1]!; q++) {
      const j = colIdx[q]!;
      if (j === p) dq = q;
      else { count++; t = j; oq = q; }
    }
    if (count === 1 && dq >= 0 && state[p] === 0 && state[t] !== 1) {
      state[p] = 1;
      state[t] = 2;
      target[p] = t;
      diagPos[p] = dq;
      offPos[p] = oq;
      eliminated++;
    }
  }
  if (eliminated < MIN_SHARE * n) return undefined;
  const K = n - eliminated;
  const kept = new Int32Array(K);
  const reducedIndex = new Int32Array(n).fill(-1);
  for (let i = 0, k = 0; i < n; i++) if (state[i] !== 1) { kept[k] = i; reducedIndex[i] = k++; }

  // Pattern of S and the recipe for its values: every entry of a kept row of A adds to one entry of
  // S, directly or (for an eliminated column p) times −A_pt / A_pp.
  const sPtr = new Int32Array(K + 1);
  const capacity = rowPtr[n]!;
  const sCol = new Int32Array(capacity);
  const src = new Int32Array(capacity);
  const tgt = new Int32Array(capacity);
  const via = new Int32Array(capacity);
  const row = new Int32Array(capacity);
  const last = new Int32Array(K).fill(-1);
  let nnzS = 0;
  let terms = 0;
  for (let k = 0; k < K; k++) {
    const i = kept[k]!;
    const start = nnzS;
    for (let q = rowPtr[i]!; q < rowPtr[i + 1]!; q++) {
      const j = colIdx[q]!;
      const p = state[j] === 1 ? j : -1;
      const col = reducedIndex[p >= 0 ? target[j]! : j]!;
      let at = last[col]!;
      if (at < start) {
        at = nnzS++;
        last[col] = at;
        sCol[at] = col;
      }
      src[terms] = q;
      tgt[terms] = at;
      via[terms] = p;
      row[terms] = k;
      terms++;
    }
    sPtr[k + 1] = nnzS;
  }
  const colIdxS = sCol.slice(0, nnzS);
  const eliminatedList = new Int32Array(eliminated);
  for (let p = 0, e = 0; p < n; p++) if (state[p] === 1) eliminatedList[e++] = p;

  // The recipe split by kind, so each Monte Carlo iteration runs two branch-free loops: entries of A
  // copied into S, and entries times −A_pt / A_pp of an eliminated column p. The second kind is
  // grouped by p, which also lets `rhs` visit only the eliminated unknowns that carry demand.
  let direct = 0;
  for (let t = 0; t < terms; t++) if (via[t]! < 0) direct++;
  const directSrc = new Int32Array(direct);
  const directTgt = new Int32Array(direct);
  const viaStart = new Int32Array(n + 1);
  for (let t = 0; t < terms; t++) if (via[t]! >= 0) viaStart[via[t]! + 1]!++;
  for (let p = 0; p < n; p++) viaStart[p + 1]! += viaStart[p]!;
  const viaNext = viaStart.slice(0, n);
  const viaSrc = new Int32Array(terms - direct);
  const viaTgt = new Int32Array(terms - direct);
  const viaRow = new Int32Array(terms - direct);
  for (let t = 0, d = 0; t < terms; t++) {
    const p = via[t]!;
    if (p < 0) {
      directSrc[d] = src[t]!;
      directTgt[d++] = tgt[t]!;
    } else {
      const at = viaNext[p]!++;
      viaSrc[at] = src[t]!;
      viaTgt[at] = tgt[t]!;
      viaRow[at] = row[t]!;
    }
  }

  const values = (v: Float64Array): Float64Array => {
    const out = new Float64Array(nnzS);
    for (let d = 0; d < directSrc.length; d++) out[directTgt[d]!] = out[directTgt[d]!]! + v[directSrc[d]!]!;
    for (let e = 0; e < eliminatedList.length; e++) {
      const p = eliminatedList[e]!;
      const f = v[offPos[p]!]! / v[diagPos[p]!]!;
      for (let q = viaStart[p]!, end = viaStart[p + 1]!; q < end; q++) out[viaTgt[q]!] = out[viaTgt[q]!]! - v[viaSrc[q]!]! * f;
    }
    return out;
  };
  return {
    matrix: { rows: K, cols: K, rowPtr: sPtr, colIdx: colIdxS, values: values(A.values) },
    kept,
    values,
    rhs(b, v) {
      const c = new Float64Array(K);
      for (let k = 0; k < K; k++) c[k] = b[kept[k]!]!;
      for (let e = 0; e < eliminatedList.length; e++) {
        const p = eliminatedList[e]!;
        const bp = b[p]!;
        if (bp === 0) continue;
        const scaled = bp / v[diagPos[p]!]!;
        for (let q = viaStart[p]!, end = viaStart[p + 1]!; q < end; q++) c[viaRow[q]!] = c[viaRow[q]!]! - v[viaSrc[q]!]! * scaled;
      }
      return c;
    },
    expand(y, b, v) {
      const x = new Float64Array(n);
      for (let k = 0; k < K; k++) x[kept[k]!] = y[k]!;
      for (let e = 0; e < eliminatedList.length; e++) {
        const p = eliminatedList[e]!;
        x[p] = (b[p]! - v[offPos[p]!]! * x[target[p]!]!) / v[diagPos[p]!]!;
      }
      return x;
    },
  };
}

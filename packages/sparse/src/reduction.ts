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
 * Everything here depends on the pattern of A only (no values), so it is planned once per pattern
 * (plan.ts keeps it) and every solve, Monte Carlo sample or refactorisation reuses it.
 */
import type { Pattern } from './csr.js';

/** Which unknowns go, and the recipe for S's values and right-hand side from A's (S in its natural layout). */
export interface Reduction {
  /** Size of A. */
  readonly n: number;
  /** Original index of each kept unknown, in their original relative order (S's row k is A's row kept[k]). */
  readonly kept: Int32Array;
  /** The pattern of S. */
  readonly pattern: Pattern;
  /** The eliminated unknowns p, with their one other unknown target[p] and the positions of A_pp and A_pt. */
  readonly eliminated: Int32Array;
  readonly target: Int32Array;
  readonly diagPos: Int32Array;
  readonly offPos: Int32Array;
  /** S[directTgt[d]] += A[directSrc[d]]: entries of kept rows in kept columns. */
  readonly directSrc: Int32Array;
  readonly directTgt: Int32Array;
  /**
   * For eliminated p, terms viaStart[p] … viaStart[p + 1]: S[viaTgt[q]] −= A[viaSrc[q]] · A_pt / A_pp,
   * where A[viaSrc[q]] is an entry of column p in the kept row viaRow[q] (an index of S).
   */
  readonly viaStart: Int32Array;
  readonly viaSrc: Int32Array;
  readonly viaTgt: Int32Array;
  readonly viaRow: Int32Array;
  /**
   * Per position q of A in a kept row: the eliminated unknown p whose factor −A_pt / A_pp multiplies
   * A[q] on its way into S (A[q] is in column p), or n for a direct term (factor 1).
   */
  readonly factorOf: Int32Array;
}

/** Below this share of eliminated unknowns the bookkeeping is not worth it. */
const MIN_SHARE = 0.1;

/**
 * Plan the elimination for A's pattern; undefined when too few unknowns qualify. An unknown p is
 * eliminated when its row has exactly one off-diagonal entry, in a column t that is itself kept.
 */
export function planReduction(A: Pattern): Reduction | undefined {
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
    for (let q = rowPtr[p]!, end = rowPtr[p + 1]!; q < end; q++) {
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
  // S, directly or (for an eliminated column p) times −A_pt / A_pp. The two kinds are stored apart so
  // filling S runs two branch-free loops; the second is grouped by p, which also lets a right-hand
  // side visit only the eliminated unknowns that carry demand.
  const sPtr = new Int32Array(K + 1);
  let capacity = 0;
  for (let k = 0; k < K; k++) capacity += rowPtr[kept[k]! + 1]! - rowPtr[kept[k]!]!;
  const sCol = new Int32Array(capacity);
  const last = new Int32Array(K).fill(-1);
  const viaStart = new Int32Array(n + 1);
  let direct = 0;
  for (let k = 0; k < K; k++) {
    const i = kept[k]!;
    for (let q = rowPtr[i]!, end = rowPtr[i + 1]!; q < end; q++) {
      const j = colIdx[q]!;
      if (state[j] === 1) viaStart[j + 1]!++;
      else direct++;
    }
  }
  for (let p = 0; p < n; p++) viaStart[p + 1]! += viaStart[p]!;
  const viaNext = viaStart.slice(0, n);
  const directSrc = new Int32Array(direct);
  const directTgt = new Int32Array(direct);
  const viaSrc = new Int32Array(capacity - direct);
  const viaTgt = new Int32Array(capacity - direct);
  const viaRow = new Int32Array(capacity - direct);
  let nnzS = 0;
  let d = 0;
  for (let k = 0; k < K; k++) {
    const i = kept[k]!;
    const start = nnzS;
    for (let q = rowPtr[i]!, end = rowPtr[i + 1]!; q < end; q++) {
      const j = colIdx[q]!;
      const via = state[j] === 1;
      const col = reducedIndex[via ? target[j]! : j]!;
      let at = last[col]!;
      if (at < start) {
        at = nnzS++;
        last[col] = at;
        sCol[at] = col;
      }
      if (via) {
        const v = viaNext[j]!++;
        viaSrc[v] = q;
        viaTgt[v] = at;
        viaRow[v] = k;
      } else {
        directSrc[d] = q;
        directTgt[d++] = at;
      }
    }
    sPtr[k + 1] = nnzS;
  }
  const list = new Int32Array(eliminated);
  for (let p = 0, e = 0; p < n; p++) if (state[p] === 1) list[e++] = p;
  const factorOf = new Int32Array(rowPtr[n]!);
  for (const q of directSrc) factorOf[q] = n;
  for (const p of list) for (let v = viaStart[p]!; v < viaStart[p + 1]!; v++) factorOf[viaSrc[v]!] = p;
  return {
    n,
    kept,
    pattern: { rows: K, cols: K, rowPtr: sPtr, colIdx: sCol.slice(0, nnzS) },
    eliminated: list,
    target,
    diagPos,
    offPos,
    directSrc,
    directTgt,
    viaStart,
    viaSrc,
    viaTgt,
    viaRow,
    factorOf,
  };
}

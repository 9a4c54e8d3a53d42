/**
 * @module plan — what the sweeping solver derives from a sparsity pattern, worked out once per pattern.
 *
 * The dependency ordering, the elimination of single-customer unknowns, the solver's own layout of the
 * matrix and the transpose's layout depend on where the non-zeros are, not on their values. A product
 * model recalculated, a network solved again, a Monte Carlo sample or an adjoint after a direct solve
 * all have the same pattern, so these plans are kept per pattern (keyed by the pattern's `colIdx` array:
 * patterns are never modified in place, see `CsrMatrix`) and every later factorisation of that pattern
 * only pours its values into the prepared layout: one pass over the matrix instead of five.
 */
import { transposePattern, type Pattern } from './csr.js';
import { KrylovWorkspace } from './krylov.js';
import { dependencyOrder, inversePermutation, permutePattern } from './ordering.js';
import { planReduction, type Reduction } from './reduction.js';

/**
 * The values of A the eliminated unknowns need, gathered once per matrix in elimination order (A's
 * positions of them lie all over A): each right-hand side and each expansion then streams them instead
 * of jumping through A, which matters when one factorisation answers many right-hand sides (adjoints).
 */
export interface EliminationValues {
  /** Per eliminated unknown (in `eliminated` order): A_pp. */
  readonly diag: Float64Array;
  /** Per eliminated unknown: A_pt. */
  readonly off: Float64Array;
  /** Adjoint plans only, per via term (in `viaSrc` order): A_ip. */
  readonly via: Float64Array;
}

/** How one system is solved by sweeps: which unknowns remain, in what order, and where values go. */
export class SweepPlan {
  /** Size of the full system. */
  readonly n: number;
  /** The system the sweeps run on (the reduced system S, or A itself), rows in sweep order and padded (`padRows`). */
  readonly pattern: Pattern;
  /** fullIndex[k]: the unknown of the full system that sweep row k solves for. */
  readonly fullIndex: Int32Array;
  /** Position of each sweep row's diagonal entry in `pattern` (-1: none). */
  readonly diagPos: Int32Array;
  /** Where each sweep row's own entries end, before its padding. */
  readonly rowEnds: Int32Array;
  /** Where each sweep row's entries left of its diagonal end: rows hold those first (`lowerFirst`). */
  readonly lowerEnds: Int32Array;
  /** Unknowns eliminated before sweeping (0 without a reduction). */
  readonly eliminatedCount: number;
  private workspaceCache: KrylovWorkspace | undefined;
  /** Per eliminated unknown (in `eliminated` order) its factor −A_pt / A_pp, and 1 last: scratch for `fill`. */
  private factorCache: Float64Array | undefined;

  constructor(
    n: number,
    { pattern, ends }: { pattern: Pattern; ends: Int32Array },
    fullIndex: Int32Array,
    /** Without a reduction: sweep position q takes A's value at source[q] (empty with one). */
    private readonly source: Int32Array,
    private readonly elimination:
      | {
          /** A's row pointers (the pattern the plan was made for). */
          aRowPtr: Int32Array;
          /** The rows of A that are kept (not eliminated), in storage order. */
          kept: Int32Array;
          /**
           * Per position of A in the kept rows, in that order, two numbers: the sweep position its
           * value adds to, and which factor multiplies it (the index in `eliminated` of the unknown p
           * whose −A_pt / A_pp it is, or `eliminated.length` for 1). One stream, and a factor table
           * of the eliminated unknowns only, read 20 % faster than two arrays over A and a table of n.
           */
          recipe: Int32Array;
          eliminated: Int32Array;
          target: Int32Array;
          /** Per eliminated unknown (in `eliminated` order), two positions in A: of A_pp and of A_pt. */
          pivotPos: Int32Array;
          viaStart: Int32Array;
          viaSrc: Int32Array;
          /** Sweep row of the kept row the term belongs to. */
          viaRow: Int32Array;
          /**
           * Set for the adjoint Aᵀ y = c, solved through the transpose of the same reduced system:
           * y_K from Sᵀ y_K = c_K − A_PKᵀ A_PP⁻¹ c_P, then y_p = (c_p − Σ_i A_ip y_i) / A_pp.
           */
          transposed?: {
            /** Per eliminated p: the sweep row of its target t. */
            targetRow: Int32Array;
            /** Per term: the full index of the kept row i of A_ip. */
            viaFull: Int32Array;
            /**
             * The terms by position in A: `via[viaIndex[r]] = A[viaPos[r]]` reads A in order and
             * scatters (gathering A_ip by term cost two forward fills at n = 50,000).
             */
            viaPos: Int32Array;
            viaIndex: Int32Array;
          };
        }
      | undefined,
  ) {
    this.n = n;
    this.pattern = pattern;
    this.rowEnds = ends;
    this.fullIndex = fullIndex;
    this.eliminatedCount = elimination ? elimination.eliminated.length : 0;
    const K = pattern.rows;
    this.diagPos = new Int32Array(K).fill(-1);
    this.lowerEnds = new Int32Array(K);
    for (let k = 0; k < K; k++) {
      let q = pattern.rowPtr[k]!;
      while (q < ends[k]! && pattern.colIdx[q]! < k) q++;
      this.lowerEnds[k] = q;
    }
    // The first match: the padding after a row's entries repeats the row's own column.
    for (let k = 0; k < K; k++) {
      for (let q = pattern.rowPtr[k]!, end = pattern.rowPtr[k + 1]!; q < end; q++) {
        if (pattern.colIdx[q] === k) {
          this.diagPos[k] = q;
          break;
        }
      }
    }
  }

  /** Krylov work vectors, shared by every solve on this plan (solves never run concurrently). */
  get workspace(): KrylovWorkspace {
    return (this.workspaceCache ??= new KrylovWorkspace(this.pattern.rows));
  }

  /** Arrays for `fill` to gather the eliminated unknowns' values into (none without a reduction). */
  eliminationValues(): EliminationValues {
    const count = this.eliminatedCount;
    const e = this.elimination;
    return { diag: new Float64Array(count), off: new Float64Array(count), via: new Float64Array(e?.transposed ? e.viaSrc.length : 0) };
  }

  /**
   * The sweep system's values for A's values `a` (one pass over A), and the eliminated unknowns' own
   * values gathered into `pivots`. With a reduction, every entry of a kept row adds to one sweep
   * position, times 1 or an eliminated unknown's factor −A_pt / A_pp. A is read row by row in storage
   * order, so reads stream (a recipe grouped by eliminated unknown jumped through A and S at random and
   * cost as much as six sweeps; this costs about two; writing S in sweep order from a per-position
   * recipe was slower again at n = 50,000). Into `into` when given (a factorisation's arrays taken
   * over), otherwise a new array.
   */
  fill(a: Float64Array, into?: Float64Array, pivots: EliminationValues = this.eliminationValues()): Float64Array {
    const e = this.elimination;
    const src = this.source;
    const out = into ?? new Float64Array(this.pattern.colIdx.length);
    if (!e) {
      // Padding positions (source -1) are never written: zero in a new array and in one taken over.
      for (let q = 0; q < src.length; q++) {
        const from = src[q]!;
        if (from >= 0) out[q] = a[from]!;
      }
      return out;
    }
    // A new array is zero already (clearing it again cost 0.2 ms at n = 50,000).
    if (into) out.fill(0);
    const { eliminated, pivotPos, aRowPtr, kept, recipe } = e;
    const factors = (this.factorCache ??= new Float64Array(eliminated.length + 1).fill(1));
    const { diag, off, via } = pivots;
    for (let k = 0; k < eliminated.length; k++) {
      const d = a[pivotPos[2 * k]!]!;
      const o = a[pivotPos[2 * k + 1]!]!;
      diag[k] = d;
      off[k] = o;
      factors[k] = -o / d;
    }
    if (via.length && e.transposed) {
      const { viaPos, viaIndex } = e.transposed;
      for (let r = 0; r < viaPos.length; r++) via[viaIndex[r]!] = a[viaPos[r]!]!;
    }
    // A's kept rows in storage order: reading A streams, and each row's writes stay within one sweep row.
    for (let k = 0, r = 0; k < kept.length; k++) {
      const i = kept[k]!;
      for (let q = aRowPtr[i]!, end = aRowPtr[i + 1]!; q < end; q++, r += 2) {
        const t = recipe[r]!;
        out[t] = out[t]! + a[q]! * factors[recipe[r + 1]!]!;
      }
    }
    return out;
  }

  /** The sweep system's right-hand side for A x = b (`pivots` as `fill` gathered them from `a`). */
  rhs(b: Float64Array, a: Float64Array, pivots: EliminationValues, out: Float64Array): Float64Array {
    const { fullIndex } = this;
    for (let k = 0; k < fullIndex.length; k++) out[k] = b[fullIndex[k]!]!;
    const e = this.elimination;
    if (!e) return out;
    const { eliminated, viaStart, viaSrc, viaRow } = e;
    const { diag, off } = pivots;
    if (e.transposed) {
      const { targetRow } = e.transposed;
      for (let i = 0; i < eliminated.length; i++) {
        const p = eliminated[i]!;
        const cp = b[p]!;
        if (cp !== 0) out[targetRow[p]!] = out[targetRow[p]!]! - (off[i]! * cp) / diag[i]!;
      }
      return out;
    }
    for (let i = 0; i < eliminated.length; i++) {
      const p = eliminated[i]!;
      const bp = b[p]!;
      if (bp === 0) continue;
      const scaled = bp / diag[i]!;
      for (let q = viaStart[p]!, end = viaStart[p + 1]!; q < end; q++) out[viaRow[q]!] = out[viaRow[q]!]! - a[viaSrc[q]!]! * scaled;
    }
    return out;
  }

  /** A full-size vector (an initial guess) in sweep order. */
  gather(x: Float64Array, out: Float64Array): Float64Array {
    const { fullIndex } = this;
    for (let k = 0; k < fullIndex.length; k++) out[k] = x[fullIndex[k]!]!;
    return out;
  }

  /** The full solution from the sweep system's: kept unknowns copied, eliminated ones by one division each. */
  expand(y: Float64Array, b: Float64Array, pivots: EliminationValues, out = new Float64Array(this.n)): Float64Array {
    const { fullIndex } = this;
    for (let k = 0; k < fullIndex.length; k++) out[fullIndex[k]!] = y[k]!;
    const e = this.elimination;
    if (!e) return out;
    const { eliminated, target } = e;
    const { diag, off, via } = pivots;
    if (e.transposed) {
      const { viaFull } = e.transposed;
      const { viaStart } = e;
      for (let i = 0; i < eliminated.length; i++) {
        const p = eliminated[i]!;
        let s = b[p]!;
        for (let q = viaStart[p]!, end = viaStart[p + 1]!; q < end; q++) s -= via[q]! * out[viaFull[q]!]!;
        out[p] = s / diag[i]!;
      }
      return out;
    }
    for (let i = 0; i < eliminated.length; i++) {
      const p = eliminated[i]!;
      out[p] = (b[p]! - off[i]! * out[target[p]!]!) / diag[i]!;
    }
    return out;
  }
}

/** Structural facts the automatic solver checks before anything else. */
export interface PatternFacts {
  /** Every row and every column has at least one stored entry. */
  noEmptyLines: boolean;
  /** Every diagonal entry is stored. */
  fullDiagonal: boolean;
  /**
   * With a full diagonal stored once per row: the position of each row's diagonal entry. Every row and
   * column then holds its diagonal, so non-zero diagonal values alone rule out empty lines.
   */
  diagonal?: Int32Array;
}

interface PatternEntry {
  rowPtr: Int32Array;
  plans: Map<string, SweepPlan>;
  /** The elimination plan (null: too few unknowns qualify), shared by the forward and adjoint plans. */
  reduction?: Reduction | null;
  transposed?: TransposedPattern;
  facts?: PatternFacts;
}

/** Plans kept per pattern (orders from different demands, with and without reduction). */
const MAX_PLANS_PER_PATTERN = 8;
const cache = new WeakMap<Int32Array, PatternEntry>();

function entryOf(A: Pattern): PatternEntry {
  let entry = cache.get(A.colIdx);
  if (!entry || entry.rowPtr !== A.rowPtr) {
    entry = { rowPtr: A.rowPtr, plans: new Map() };
    cache.set(A.colIdx, entry);
  }
  return entry;
}

/**
 * The sweep plan for A's pattern, ordered from the rows `orderFrom` (usually the demand), with single-
 * customer unknowns eliminated when `reduce` is set and enough of them qualify; with `transposed`, the
 * plan for the adjoint Aᵀ y = c (through the transpose of the same reduced system). Built on first use,
 * then reused for every matrix with the same pattern. A plan's `fill` always takes A's values.
 */
export function sweepPlan(A: Pattern, orderFrom: readonly number[], reduce: boolean, transposed = false): SweepPlan {
  const entry = entryOf(A);
  const key = `${transposed ? 't' : ''}${reduce ? 'r' : 'p'}${orderFrom.join(',')}`;
  let plan = entry.plans.get(key);
  if (plan) {
    // Most recently used last, so the oldest goes first when the map is full.
    entry.plans.delete(key);
  } else {
    plan = buildPlan(A, entry, orderFrom, reduce, transposed);
    if (entry.plans.size >= MAX_PLANS_PER_PATTERN) entry.plans.delete(entry.plans.keys().next().value!);
  }
  entry.plans.set(key, plan);
  return plan;
}

/** The pattern of Aᵀ, where each of its values comes from in A (`source`) and goes to (`target`). */
export interface TransposedPattern {
  pattern: Pattern;
  source: Int32Array;
  /**
   * The inverse of `source`: Aᵀ's values are written by reading A in order, `Aᵀ[target[q]] = A[q]`.
   * Scattered writes cost a quarter of the gather `Aᵀ[q] = A[source[q]]` at n = 50,000 (2.2–2.4
   * against 3.9–11 ms): a store does not wait for its cache line, a load does.
   */
  target: Int32Array;
}

/** The transposed pattern of A (see `TransposedPattern`), kept per pattern. */
export function transposedPattern(A: Pattern): TransposedPattern {
  const entry = entryOf(A);
  if (entry.transposed) return entry.transposed;
  const { pattern, source } = transposePattern(A);
  return (entry.transposed = { pattern, source, target: inversePermutation(source) });
}

/** Empty rows or columns and missing diagonal entries of A's pattern, kept per pattern. */
export function patternFacts(A: Pattern): PatternFacts {
  const entry = entryOf(A);
  if (entry.facts) return entry.facts;
  const { rows, cols, rowPtr, colIdx } = A;
  const used = new Uint8Array(cols);
  let noEmptyLines = true;
  let fullDiagonal = rows === cols;
  let single = true;
  const diagonal = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const start = rowPtr[i]!;
    const end = rowPtr[i + 1]!;
    if (start === end) noEmptyLines = false;
    let count = 0;
    for (let p = start; p < end; p++) {
      const j = colIdx[p]!;
      used[j] = 1;
      if (j === i) {
        diagonal[i] = p;
        count++;
      }
    }
    if (count === 0) fullDiagonal = false;
    else if (count > 1) single = false;
  }
  for (let j = 0; j < cols && noEmptyLines; j++) if (!used[j]) noEmptyLines = false;
  if (fullDiagonal && single) return (entry.facts = { noEmptyLines, fullDiagonal, diagonal });
  return (entry.facts = { noEmptyLines, fullDiagonal });
}

function buildPlan(A: Pattern, entry: PatternEntry, orderFrom: readonly number[], reduce: boolean, transposed: boolean): SweepPlan {
  const n = A.rows;
  for (const r of orderFrom) if (!(r >= 0 && r < n)) throw new RangeError(`start row ${r} outside 0…${n - 1}`);
  const reduction = reduce ? (entry.reduction === undefined ? (entry.reduction = planReduction(A) ?? null) : entry.reduction) : null;
  if (!reduction) {
    if (!transposed) {
      const order = dependencyOrder(A, orderFrom);
      const { pattern, source } = lowerFirst(permutePattern(A, order));
      const padded = padRows(pattern);
      return new SweepPlan(n, padded, order, padded.carry(source), undefined);
    }
    const t = transposedPattern(A);
    const order = dependencyOrder(t.pattern, orderFrom);
    const { pattern, source } = lowerFirst(permutePattern(t.pattern, order));
    const padded = padRows(pattern);
    return new SweepPlan(n, padded, order, padded.carry(source.map((q) => t.source[q]!)), undefined);
  }
  const { kept, target } = reduction;
  const index = new Int32Array(n).fill(-1);
  kept.forEach((i, k) => (index[i] = k));
  // A start row that was eliminated hands over to the unknown it depends on.
  const starts = orderFrom.map((i) => (index[i]! >= 0 ? index[i]! : index[target[i]!]!));
  // The system swept: S, or Sᵀ for adjoints; `toS` maps its positions to S's.
  let swept = reduction.pattern;
  let toS: Int32Array | undefined;
  if (transposed) {
    const t = transposePattern(reduction.pattern);
    swept = t.pattern;
    toS = t.source;
  }
  const order = dependencyOrder(swept, starts);
  const { pattern: unpadded, source } = lowerFirst(permutePattern(swept, order));
  const padded = padRows(unpadded);
  const { position } = padded;
  // Compose S's recipe with the sweep layout: every term lands straight in its sweep position.
  const sPositions = toS ? source.map((q) => toS[q]!) : source;
  const at = inversePermutation(sPositions).map((q) => position[q]!); // S position → sweep position
  const rowAt = inversePermutation(order); // S row (or column, for Sᵀ) → sweep row
  const fullIndex = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) fullIndex[k] = kept[order[k]!]!;
  // The fill recipe per position of A: where each kept row's entry goes in this layout (the factor
  // it is multiplied by depends on the pattern only: the reduction's `factorOf`).
  const fillTarget = new Int32Array(A.rowPtr[n]!);
  reduction.directSrc.forEach((q, d) => (fillTarget[q] = at[reduction.directTgt[d]!]!));
  reduction.viaSrc.forEach((q, v) => (fillTarget[q] = at[reduction.viaTgt[v]!]!));
  const slot = new Int32Array(n + 1).fill(reduction.eliminated.length);
  reduction.eliminated.forEach((p, k) => (slot[p] = k));
  let keptEntries = 0;
  for (const i of kept) keptEntries += A.rowPtr[i + 1]! - A.rowPtr[i]!;
  const recipe = new Int32Array(2 * keptEntries);
  let r = 0;
  for (const i of kept) {
    for (let q = A.rowPtr[i]!, end = A.rowPtr[i + 1]!; q < end; q++) {
      recipe[r++] = fillTarget[q]!;
      recipe[r++] = slot[reduction.factorOf[q]!]!;
    }
  }
  const pivotPos = new Int32Array(2 * reduction.eliminated.length);
  reduction.eliminated.forEach((p, k) => {
    pivotPos[2 * k] = reduction.diagPos[p]!;
    pivotPos[2 * k + 1] = reduction.offPos[p]!;
  });
  const viaRow = reduction.viaRow.map((r) => rowAt[r]!);
  const adjoint = transposed
    ? {
        ...termsByPosition(reduction.viaSrc, A.rowPtr[n]!),
        targetRow: Int32Array.from(target, (t) => (t >= 0 ? rowAt[index[t]!]! : -1)),
        viaFull: reduction.viaRow.map((r) => kept[r]!),
      }
    : undefined;
  return new SweepPlan(n, padded, fullIndex, new Int32Array(0), {
    aRowPtr: A.rowPtr,
    kept,
    recipe,
    eliminated: reduction.eliminated,
    target,
    pivotPos,
    viaStart: reduction.viaStart,
    viaSrc: reduction.viaSrc,
    viaRow,
    ...(adjoint ? { transposed: adjoint } : {}),
  });
}

/** The via terms ordered by their position in A (`viaSrc` lists each term's position). */
function termsByPosition(viaSrc: Int32Array, nnz: number): { viaPos: Int32Array; viaIndex: Int32Array } {
  const termAt = new Int32Array(nnz).fill(-1);
  viaSrc.forEach((q, v) => (termAt[q] = v));
  const viaPos = new Int32Array(viaSrc.length);
  const viaIndex = new Int32Array(viaSrc.length);
  for (let q = 0, r = 0; q < nnz; q++) {
    if (termAt[q]! < 0) continue;
    viaPos[r] = q;
    viaIndex[r++] = termAt[q]!;
  }
  return { viaPos, viaIndex };
}

/**
 * Each row's entries left of its diagonal first, the rest after them (each part in its previous order),
 * so a sweep from x = 0 reads only a prefix of every row (`relaxationSweepFromZero`). `source` moves with
 * the entries.
 */
export function lowerFirst({ pattern, source }: { pattern: Pattern; source: Int32Array }): { pattern: Pattern; source: Int32Array } {
  const { rows, rowPtr, colIdx } = pattern;
  const idx = new Int32Array(colIdx.length);
  const src = new Int32Array(source.length);
  for (let i = 0; i < rows; i++) {
    let q = rowPtr[i]!;
    const start = q;
    const end = rowPtr[i + 1]!;
    for (let p = start; p < end; p++) if (colIdx[p]! < i) (idx[q] = colIdx[p]!), (src[q++] = source[p]!);
    for (let p = start; p < end; p++) if (colIdx[p]! >= i) (idx[q] = colIdx[p]!), (src[q++] = source[p]!);
  }
  return { pattern: { ...pattern, colIdx: idx }, source: src };
}

/**
 * The sweep layout: each row padded with zero entries (in the row's own column) to a multiple of four
 * and at least one entry more than it had, so its last four positions hold the entries past the last
 * full group of four, then padding. The sweeps (sweep.ts) take every group but the last into four
 * sums and the last into the first of them in order: the same arithmetic as four sums over the
 * unpadded row with its tail added to the first, with no loop over a tail of varying length (whose
 * mispredicted exit cost about 15 % of a sweep at n = 20,000 and 50,000). `position` maps each
 * position of `A` to its padded one; `ends` is where each row's own entries end (block sweeps, four
 * columns per entry, stop there); `carry` moves an array over the positions of `A` (a fill's source)
 * to the padded layout, -1 at the padding.
 */
export function padRows(A: Pattern): { pattern: Pattern; position: Int32Array; ends: Int32Array; carry(source: Int32Array): Int32Array } {
  const { rows, cols, rowPtr, colIdx } = A;
  const ptr = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) ptr[i + 1] = ptr[i]! + 4 * (((rowPtr[i + 1]! - rowPtr[i]!) >> 2) + 1);
  const idx = new Int32Array(ptr[rows]!);
  const position = new Int32Array(rowPtr[rows]!);
  const ends = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let q = ptr[i]!;
    for (let p = rowPtr[i]!, end = rowPtr[i + 1]!; p < end; p++, q++) {
      idx[q] = colIdx[p]!;
      position[p] = q;
    }
    ends[i] = q;
    for (const end = ptr[i + 1]!; q < end; q++) idx[q] = i;
  }
  return {
    pattern: { rows, cols, rowPtr: ptr, colIdx: idx },
    position,
    ends,
    carry(source) {
      const out = new Int32Array(idx.length).fill(-1);
      for (let p = 0; p < source.length; p++) out[position[p]!] = source[p]!;
      return out;
    },
  };
}

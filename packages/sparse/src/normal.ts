/**
 * @module normal — standard normal variates by the ziggurat method (Marsaglia & Tsang 2000, 128 layers).
 *
 * In JavaScript the random numbers of a Monte Carlo run cost as much as the linear solves; Box–Muller
 * needs a log, a square root and a cosine per pair, the ziggurat one 32-bit integer, a table look-up
 * and a multiply for 98.8 % of its draws. The rare wedge and tail draws are exact rejection steps, so
 * the variates are exactly normal up to the 32-bit resolution of the layer position.
 */
import type { Pattern } from './csr.js';
import { Xoshiro128 } from './random.js';

const LAYERS = 128;
const M1 = 2147483648; // 2³¹
const R = 3.442619855899;
const kn = new Float64Array(LAYERS);
const wn = new Float64Array(LAYERS);
const fn = new Float64Array(LAYERS);
{
  let dn = R;
  let tn = dn;
  const vn = 9.91256303526217e-3;
  const q = vn / Math.exp(-0.5 * dn * dn);
  kn[0] = (dn / q) * M1;
  kn[1] = 0;
  wn[0] = q / M1;
  wn[LAYERS - 1] = dn / M1;
  fn[0] = 1;
  fn[LAYERS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = LAYERS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(vn / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = (dn / tn) * M1;
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / M1;
  }
}
/**
 * ⌈kn⌉ as 32-bit integers: for an integer |hz|, |hz| < kn exactly when |hz| < ⌈kn⌉ (every kn is below
 * 2³¹), and an integer compare keeps the bulk loops in integer registers.
 */
const knInt = Int32Array.from(kn, Math.ceil);

/**
 * One standard normal variate. The generator's state stays in locals for the whole draw and is written
 * back once: a wedge draw takes three words, and `nextUint32` and `next` read and write four fields
 * per word. The bulk loops send their 2.7 % of slow draws here; in a Monte Carlo run at n = 50,000
 * these went from 3.8 to 2.6 ms (profiled, load 3).
 */
export function standardNormal(rng: Xoshiro128): number {
  let a = rng.a;
  let b = rng.b;
  let c = rng.c;
  let d = rng.d;
  let value: number;
  for (;;) {
    // xoshiro128** output from b, then its step, inlined (as in `normalRun`), once per word.
    let m = Math.imul(b, 5);
    const hz = Math.imul((m << 7) | (m >>> 25), 9);
    let t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    const iz = hz & (LAYERS - 1);
    if (Math.abs(hz) < knInt[iz]!) {
      value = hz * wn[iz]!;
      break;
    }
    if (iz === 0) {
      rng.a = a;
      rng.b = b;
      rng.c = c;
      rng.d = d;
      return baseTail(rng, hz);
    }
    // The wedge: u uniform in [0, 1) from the next two words, as `Xoshiro128.next` makes it.
    m = Math.imul(b, 5);
    const hi = Math.imul((m << 7) | (m >>> 25), 9) >>> 5;
    t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    m = Math.imul(b, 5);
    const lo = Math.imul((m << 7) | (m >>> 25), 9) >>> 6;
    t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    const u = (hi * 67108864 + lo) / 9007199254740992;
    const x = hz * wn[iz]!;
    if (underDensity(fn[iz]! + u * (fn[iz - 1]! - fn[iz]!), -0.5 * x * x)) {
      value = x;
      break;
    }
    // Rejected: the next word starts the draw again.
  }
  rng.a = a;
  rng.b = b;
  rng.c = c;
  rng.d = d;
  return value;
}

/**
 * Fill `out[from…to)` with standard normal variates: the same stream as calling `standardNormal`
 * repeatedly. The fast path runs in `normalRun`; each of the rare draws it leaves is one
 * `standardNormal` call here.
 */
export function fillStandardNormal(rng: Xoshiro128, out: Float64Array, from = 0, to = out.length): void {
  for (let k = normalRun(rng, out, from, to); k < to; k = normalRun(rng, out, k + 1, to)) out[k] = standardNormal(rng);
}

/**
 * Fast-path draws into out[from…), stopping before the first that needs the slow path: the
 * generator is left just before that draw, and its index (or `to`) is returned. The state lives in
 * locals (an object field per draw would cost more than the draw), and the loop calls nothing: with
 * the slow path inside it, V8 compiled it about half the time to code twice as slow.
 */
function normalRun(rng: Xoshiro128, out: Float64Array, from: number, to: number): number {
  let a = rng.a;
  let b = rng.b;
  let c = rng.c;
  let d = rng.d;
  let k = from;
  for (; k < to; k++) {
    // xoshiro128** output from b, then its step, inlined.
    const m = Math.imul(b, 5);
    const hz = Math.imul((m << 7) | (m >>> 25), 9);
    const iz = hz & (LAYERS - 1);
    if (!(Math.abs(hz) < knInt[iz]!)) break;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    out[k] = hz * wn[iz]!;
  }
  rng.a = a;
  rng.b = b;
  rng.c = c;
  rng.d = d;
  return k;
}

/** The base layer's tail beyond R, by Marsaglia's exponential rejection (0.06 % of draws). */
function baseTail(rng: Xoshiro128, hz: number): number {
  let tx: number;
  let ty: number;
  do {
    tx = -Math.log(1 - rng.next()) / R;
    ty = -Math.log(1 - rng.next());
  } while (ty + ty < tx * tx);
  return hz > 0 ? R + tx : -R - tx;
}

/**
 * u < Math.exp(y), decided by the cheaper `tableExp` (a few units in the last place from the exact
 * value, as Math.exp is) unless u lies within 1e-13 of it: always the decision Math.exp gives, so
 * the draws are unchanged. The wedge test of the draws that leave the fast path (2.7 % of them).
 */
function underDensity(u: number, y: number): boolean {
  const e = tableExp(y);
  if (u < e * (1 - 1e-13)) return true;
  if (u > e * (1 + 1e-13)) return false;
  return u < Math.exp(y);
}

/** exp(j / 256) for |j / 256| ≤ 16: the table half of `tableExp`. */
const EXP_STEPS = 256;
const EXP_RANGE = 16;
const EXP_OFFSET = EXP_RANGE * EXP_STEPS;
const EXP_TABLE = Float64Array.from({ length: 2 * EXP_OFFSET + 1 }, (_, i) => Math.exp((i - EXP_OFFSET) / EXP_STEPS));

/**
 * exp(x) to within about two units in the last place: exp(k/256) from a table times a degree-5 Taylor
 * polynomial of the remainder |r| ≤ 1/512 (truncation error < 1e-19). Faster than Math.exp in
 * V8, which matters at a million draws per Monte Carlo iteration; |x| > 16 falls back to Math.exp.
 */
export function tableExp(x: number): number {
  if (!(x > -EXP_RANGE && x < EXP_RANGE)) return Math.exp(x);
  // Nearest table entry as floor(x·256 + offset + ½) by truncation (the sum is positive here): V8's
  // Math.round costs three times the rest of this function.
  const i = (x * EXP_STEPS + (EXP_OFFSET + 0.5)) | 0;
  const r = x - (i - EXP_OFFSET) / EXP_STEPS;
  return EXP_TABLE[i]! * expSeries(r);
}

/**
 * exp(r) for |r| ≤ 1/512: the degree-5 Taylor polynomial, grouped in pairs (Estrin) rather than
 * nested (Horner): a chain of three multiply–adds instead of five, 10 % less time per bulk draw.
 */
function expSeries(r: number): number {
  const r2 = r * r;
  return 1 + r + r2 * (0.5 + r * (1 / 6) + r2 * (1 / 24 + r * (1 / 120)));
}

/** Largest |σ| for `lognormalRun`: |σ Z| stays a whole unit inside the table (fast-path draws have |Z| < R). */
const MAX_RUN_SIGMA = (EXP_RANGE - 1) / R;

/** Lognormal factors are drawn this many at a time into a scratch buffer (it stays in L1). */
const CHUNK = 512;
const factorScratch = new Float64Array(CHUNK);

/**
 * out[from…to) = exp(sigma · Z) for independent standard normal Z (behind `addLognormalNoise`;
 * `scaledLognormalRun` and `lognormalTimesRun` repeat its loop, each with its own use of the draw):
 * the same stream and values as `standardNormal` followed by `tableExp`. As in `fillStandardNormal`,
 * the fast path runs in a loop of its own and the rare slow draws are made here.
 */
export function fillLognormalFactors(rng: Xoshiro128, sigma: number, out: Float64Array, from = 0, to = out.length): void {
  if (!(Math.abs(sigma) < MAX_RUN_SIGMA)) {
    // σ Z can leave the table's range even on the fast path: one draw at a time (the same values).
    for (let k = from; k < to; k++) out[k] = tableExp(sigma * standardNormal(rng));
    return;
  }
  for (let k = lognormalRun(rng, sigma, out, from, to); k < to; k = lognormalRun(rng, sigma, out, k + 1, to)) out[k] = tableExp(sigma * standardNormal(rng));
}

/**
 * `normalRun` with the `tableExp` arithmetic inlined, for |σ| < MAX_RUN_SIGMA only: a fast-path draw
 * has |Z| < R, so σ Z is always inside the table and the loop needs no Math.exp branch. With that branch
 * (a call) in the loop, V8 kept the generator's state in memory around it: 7.2 instead of 4.8 ns a draw.
 */
function lognormalRun(rng: Xoshiro128, sigma: number, out: Float64Array, from: number, to: number): number {
  let a = rng.a;
  let b = rng.b;
  let c = rng.c;
  let d = rng.d;
  let k = from;
  for (; k < to; k++) {
    const m = Math.imul(b, 5);
    const hz = Math.imul((m << 7) | (m >>> 25), 9);
    const iz = hz & (LAYERS - 1);
    if (!(Math.abs(hz) < knInt[iz]!)) break;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    const x = sigma * (hz * wn[iz]!);
    const i = (x * EXP_STEPS + (EXP_OFFSET + 0.5)) | 0; // as in tableExp: no Math.round
    const r = x - (i - EXP_OFFSET) / EXP_STEPS;
    out[k] = EXP_TABLE[i]! * expSeries(r);
  }
  rng.a = a;
  rng.b = b;
  rng.c = c;
  rng.d = d;
  return k;
}

/**
 * out[positions[q]] += scale[q] · exp(sigma · Z_q) for independent standard normal Z_q: multiplicative
 * lognormal noise written straight into a matrix's values, drawn in chunks (no array of draws).
 * With `assign`, out[positions[q]] = … instead (when every value is sampled, nothing needs clearing).
 */
export function addLognormalNoise(rng: Xoshiro128, positions: Int32Array, scale: Float64Array, sigma: number, out: Float64Array, assign = false): void {
  if (assign) {
    assignLognormalNoise(rng, positions, scale, sigma, out);
    return;
  }
  const e = factorScratch;
  for (let start = 0; start < positions.length; start += CHUNK) {
    const count = Math.min(CHUNK, positions.length - start);
    fillLognormalFactors(rng, sigma, e, 0, count);
    for (let k = 0; k < count; k++) {
      const q = start + k;
      const p = positions[q]!;
      out[p] = out[p]! + scale[q]! * e[k]!;
    }
  }
}

/**
 * out[positions[q]] = scale[q] · exp(sigma · Z_q), each value written where it is drawn: the same
 * values as scaling `fillLognormalFactors`'s factors, without the second pass over a buffer of them
 * (2.4 → 1.9 ms for the 219,000 off-diagonal entries of the n = 20,000 network).
 */
function assignLognormalNoise(rng: Xoshiro128, positions: Int32Array, scale: Float64Array, sigma: number, out: Float64Array): void {
  const n = positions.length;
  if (!(Math.abs(sigma) < MAX_RUN_SIGMA)) {
    for (let q = 0; q < n; q++) out[positions[q]!] = scale[q]! * tableExp(sigma * standardNormal(rng));
    return;
  }
  for (let q = scaledLognormalRun(rng, sigma, positions, scale, out, 0, n); q < n; q = scaledLognormalRun(rng, sigma, positions, scale, out, q + 1, n)) {
    out[positions[q]!] = scale[q]! * tableExp(sigma * standardNormal(rng));
  }
}

/**
 * `lognormalRun` writing scale[q] · factor at positions[q]. A second loop rather than a mode of the
 * first: with a branch on the mode inside one loop, `lognormalTimes` at n = 20,000 took 6.3 ms
 * instead of 4.9.
 */
function scaledLognormalRun(rng: Xoshiro128, sigma: number, positions: Int32Array, scale: Float64Array, out: Float64Array, from: number, to: number): number {
  let a = rng.a;
  let b = rng.b;
  let c = rng.c;
  let d = rng.d;
  let q = from;
  for (; q < to; q++) {
    const m = Math.imul(b, 5);
    const hz = Math.imul((m << 7) | (m >>> 25), 9);
    const iz = hz & (LAYERS - 1);
    if (!(Math.abs(hz) < knInt[iz]!)) break;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    const x = sigma * (hz * wn[iz]!);
    const i = (x * EXP_STEPS + (EXP_OFFSET + 0.5)) | 0;
    const r = x - (i - EXP_OFFSET) / EXP_STEPS;
    out[positions[q]!] = scale[q]! * (EXP_TABLE[i]! * expSeries(r));
  }
  rng.a = a;
  rng.b = b;
  rng.c = c;
  rng.d = d;
  return q;
}

/**
 * y = Ã x for the matrix Ã with Ã_p = scale[p] · exp(sigma · Z_p) at every stored position p of `A`'s
 * pattern, Z drawn in storage order: `addLognormalNoise` over all positions (with assign) followed by a
 * matrix–vector product, fused, so the sampled values are never written or read back. The same draws
 * and the same arithmetic in the same order: the same y, bit for bit, and the generator left in the same state.
 * Each draw goes straight into its row's sum (`lognormalTimesRun`): drawing a chunk of factors into a
 * buffer first and summing in a second loop took 27 % longer at n = 50,000 (1.15 million entries).
 */
export function lognormalTimes(rng: Xoshiro128, A: Pattern, scale: Float64Array, sigma: number, x: Float64Array, y: Float64Array): Float64Array {
  const { rows, rowPtr, colIdx } = A;
  const fast = Math.abs(sigma) < MAX_RUN_SIGMA;
  for (let i = 0; i < rows; i++) {
    const end = rowPtr[i + 1]!;
    let p = rowPtr[i]!;
    runSum[0] = 0;
    for (;;) {
      if (fast) p = lognormalTimesRun(rng, sigma, colIdx, scale, x, p, end);
      if (p >= end) break;
      runSum[0] = runSum[0]! + scale[p]! * tableExp(sigma * standardNormal(rng)) * x[colIdx[p]!]!;
      p++;
    }
    y[i] = runSum[0]!;
  }
  return y;
}

/** The running sum of `lognormalTimesRun`, in and out (a field per entry would cost more than the draw). */
const runSum = new Float64Array(1);

/**
 * `lognormalRun` fused with one row's dot product: runSum += Σ scale[p] · exp(σ Z_p) · x[colIdx[p]] over
 * p in [from, to), stopping before the first draw that needs the slow path (returned, or `to`).
 */
function lognormalTimesRun(rng: Xoshiro128, sigma: number, colIdx: Int32Array, scale: Float64Array, x: Float64Array, from: number, to: number): number {
  let a = rng.a;
  let b = rng.b;
  let c = rng.c;
  let d = rng.d;
  let sum = runSum[0]!;
  let p = from;
  for (; p < to; p++) {
    const m = Math.imul(b, 5);
    const hz = Math.imul((m << 7) | (m >>> 25), 9);
    const iz = hz & (LAYERS - 1);
    if (!(Math.abs(hz) < knInt[iz]!)) break;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    const z = sigma * (hz * wn[iz]!);
    const i = (z * EXP_STEPS + (EXP_OFFSET + 0.5)) | 0;
    const r = z - (i - EXP_OFFSET) / EXP_STEPS;
    sum += scale[p]! * (EXP_TABLE[i]! * expSeries(r)) * x[colIdx[p]!]!;
  }
  runSum[0] = sum;
  rng.a = a;
  rng.b = b;
  rng.c = c;
  rng.d = d;
  return p;
}

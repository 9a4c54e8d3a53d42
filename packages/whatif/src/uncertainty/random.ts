/**
 * Seeded, reproducible random numbers: xoshiro128** (Blackman & Vigna 2018) seeded through splitmix32,
 * one independent stream per uncertain input. A stream depends only on the seed and the input's key
 * ("factor:wf/steel", "line:use"), never on which other inputs exist, so a baseline and its variants
 * draw the same numbers for the inputs they share: paired draws (common random numbers).
 */

function splitmix32(state: number): () => number {
  let a = state | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** FNV-1a, 32 bits. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** xoshiro128** generator; `next()` is uniform on [0, 1) with 32-bit resolution. */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, key = '') {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 2 ** 32) >>> 0;
    const mix = splitmix32(lo ^ Math.imul(hash(key), 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b));
    this.s0 = mix();
    this.s1 = mix();
    this.s2 = mix();
    this.s3 = mix();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** `count` uniforms on [0, 1) of the stream for `key` (the generator inlined: this is the hot loop). */
export function uniforms(seed: number, key: string, count: number): Float64Array {
  const rng = new Xoshiro128(seed, key);
  let { s0, s1, s2, s3 } = rng as unknown as { s0: number; s1: number; s2: number; s3: number };
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    out[i] = r / 4294967296;
  }
  return out;
}

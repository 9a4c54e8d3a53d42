/**
 * @module random — a small, fast, seedable generator: xoshiro128** seeded through splitmix32.
 *
 * 32-bit arithmetic only (Math.imul), so it runs at full speed in any JavaScript engine; the same seed
 * gives the same stream everywhere. Not for cryptography.
 */

/** A seeded stream of uniform numbers. */
export interface Random {
  /** An unsigned 32-bit integer. */
  nextUint32(): number;
  /** A double in [0, 1) with 53 random bits. */
  next(): number;
}

/**
 * xoshiro128** (Blackman & Vigna). The four words of state are expanded from the seed with splitmix32
 * so that nearby seeds give unrelated streams.
 *
 * @example
 * const rng = xoshiro128(42);
 * rng.next(); // same number on every machine
 */
export function xoshiro128(seed: number): Xoshiro128 {
  return new Xoshiro128(seed);
}

/**
 * The stream for one named task under a run's seed: it depends only on `seed` and `key`, never on which
 * other keys exist, so two runs that share a key draw the same numbers for it (common random numbers).
 * Seeds up to 2^53 are used whole (the high word is mixed in).
 *
 * @example
 * keyedXoshiro128(42, 'line:use').next(); // same number whatever else is sampled
 */
export function keyedXoshiro128(seed: number, key: string): Xoshiro128 {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  return new Xoshiro128(lo ^ Math.imul(fnv1a(key), 0x9e3779b1) ^ Math.imul(hi, 0x85ebca6b));
}

/** FNV-1a, 32 bits, over UTF-16 code units. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Xoshiro128 implements Random {
  a: number;
  b: number;
  c: number;
  d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const split = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  next(): number {
    // 27 + 26 bits, as in the usual double construction from two 32-bit words.
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** An independent generator for a sub-task (e.g. one per parameter), derived from this stream. */
  fork(): Xoshiro128 {
    return new Xoshiro128(this.nextUint32() ^ Math.imul(this.nextUint32(), 0x9e3779b9));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

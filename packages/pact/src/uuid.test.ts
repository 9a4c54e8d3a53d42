import { describe, expect, it } from 'vitest';
import { sha1, toHex, uuidV5 } from './uuid.js';

describe('uuid v5', () => {
  it('computes SHA-1 test vectors (FIPS 180)', () => {
    const h = (s: string) => toHex(sha1(new TextEncoder().encode(s)));
    expect(h('abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(h('')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(h('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('84983e441c3bd26ebaae4aa1f95129e5e54670f1');
  });
  it('matches the RFC 9562 example: www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});

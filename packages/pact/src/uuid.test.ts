import { describe, expect, it } from 'vitest';
import { GREENLCA_NAMESPACE, uuidV5 } from './uuid.js';

describe('uuid v5', () => {
  it('matches the RFC 9562 example: www.example.com in the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
  it('uses GreenLCA\'s namespace by default and refuses a namespace that is not a UUID', () => {
    expect(uuidV5('x')).toBe(uuidV5('x', GREENLCA_NAMESPACE));
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(/not a UUID/);
  });
});

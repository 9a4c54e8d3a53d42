import { describe, expect, it } from 'vitest';
import { Product } from './product.js';
import { MAX_ISSUES, validate } from './validate.js';

describe('validate', () => {
  it('reports the first MAX_ISSUES problems of a hostile document, and says there are more', () => {
    const doc = { schemaVersion: 1, id: 'p', name: 'x', functionalUnit: { amount: 1, unit: 'item' }, inventory: Array.from({ length: 50_000 }, (_, i) => i) };
    const r = validate(Product, doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(MAX_ISSUES + 1);
    expect(r.issues[0]!.path).toBe('/inventory/0');
    expect(r.issues.at(-1)!.message).toMatch(/more problems/);
  });
});

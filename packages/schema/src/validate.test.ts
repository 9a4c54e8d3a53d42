import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
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

  it('describes a deeply nested wrong value without walking it (no stack overflow)', () => {
    let deep: unknown = {};
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    const doc = { schemaVersion: 1, id: 'p', name: 'x', functionalUnit: { amount: 1, unit: 'item' }, inventory: [{ stage: deep, factor: 'f', amount: '1 kWh' }] };
    const r = validate(Product, doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: '/inventory/0/stage/a/a/a/a/a', message: 'nests deeper than 256 levels' }]);
  });

  it('describes a wrong object by its kind, not by walking it', () => {
    const doc = { schemaVersion: 1, id: 'p', name: 'x', functionalUnit: { amount: 1, unit: 'item' }, inventory: [{ stage: { a: 1 }, factor: 'f', amount: '1 kWh' }] };
    const r = validate(Product, doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.find((i) => i.path === '/inventory/0/stage')?.message).toMatch(/^an object is not one of/);
  });

  it('answers the same on a schema\'s first use (interpreted) as on later ones (compiled): the kettle passes, a broken one fails alike', () => {
    const kettle = JSON.parse(readFileSync(join(import.meta.dirname, '../../../examples/electric-kettle.json'), 'utf8'));
    const broken = { ...kettle, functionalUnit: { amount: 'one' }, inventory: [{ ...kettle.inventory[0], stage: 'shipping' }, 7] };
    for (const doc of [kettle, broken]) {
      const fresh = Type.Composite([Product]); // a schema object no validate call has seen
      const first = validate(fresh, doc);
      const second = validate(fresh, doc);
      const third = validate(fresh, doc);
      expect(second).toEqual(first);
      expect(third).toEqual(first);
    }
    const fresh = Type.Composite([Product]);
    expect(validate(fresh, kettle).ok).toBe(true);
    const r = validate(fresh, broken);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['/functionalUnit/amount', '/functionalUnit/unit', '/inventory/0/stage', '/inventory/1']));
    }
  });
});

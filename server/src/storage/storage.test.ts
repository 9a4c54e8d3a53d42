import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '@greenlca/schema';
import { announceSkips, testBackends } from './testing.js';
import type { Storage } from './types.js';

const product = (name: string, extra: Partial<Product> = {}): Product => ({
  schemaVersion: 1, id: 'kettle-k17', name, functionalUnit: { amount: 1, unit: 'item' }, ...extra,
});

announceSkips();

describe.each(testBackends)('storage on $name', (backend) => {
  let storage: Storage & { dispose(): Promise<void> };
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    if (backend.skip) return;
    storage = await backend.open();
    orgA = (await storage.createOrganization({ id: randomUUID(), name: 'A' })).id;
    orgB = (await storage.createOrganization({ id: randomUUID(), name: 'B' })).id;
  }, 60_000);
  afterAll(async () => {
    await storage?.dispose();
  });

  it.skipIf(!!backend.skip)('keeps every save as a new immutable version, byte for byte', async () => {
    const id = randomUUID();
    const doc = { ...product('Kettle'), parameters: { years: 5, zeta: 1e-7, alpha: 0.1 } } as Product;
    const created = await storage.createProduct(orgA, { id, product: doc, inputHash: 'h1', createdBy: 'key1' });
    expect(created).toMatchObject({ id, version: 1, productId: 'kettle-k17', name: 'Kettle', inputHash: 'h1' });
    // Key order and numbers come back exactly as sent.
    expect(JSON.stringify(created.product)).toBe(JSON.stringify(doc));

    const updated = await storage.updateProduct(orgA, id, 1, { product: product('Kettle v2'), inputHash: 'h2' });
    expect(updated.ok && updated.value.version).toBe(2);
    expect((await storage.getProduct(orgA, id))?.name).toBe('Kettle v2');
    expect((await storage.getProduct(orgA, id, 1))?.product).toEqual(doc);
    expect((await storage.listVersions(orgA, id))?.map((v) => [v.version, v.inputHash, v.createdBy])).toEqual([
      [1, 'h1', 'key1'], [2, 'h2', undefined],
    ]);
  });

  it.skipIf(!!backend.skip)('refuses a stale version and stores nothing', async () => {
    const id = randomUUID();
    await storage.createProduct(orgA, { id, product: product('P'), inputHash: 'h1' });
    await storage.updateProduct(orgA, id, 1, { product: product('P2'), inputHash: 'h2' });
    const stale = await storage.updateProduct(orgA, id, 1, { product: product('P3'), inputHash: 'h3' });
    expect(stale).toEqual({ ok: false, reason: 'version-mismatch', current: 2 });
    expect((await storage.listVersions(orgA, id))?.length).toBe(2);
    expect((await storage.getProduct(orgA, id))?.name).toBe('P2');
  });

  it.skipIf(!!backend.skip)('lets exactly one of two concurrent updates from the same version win', async () => {
    const id = randomUUID();
    await storage.createProduct(orgA, { id, product: product('P'), inputHash: 'h1' });
    const outcomes = await Promise.all(
      ['X', 'Y', 'Z'].map((n) => storage.updateProduct(orgA, id, 1, { product: product(n), inputHash: n })),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect((await storage.listVersions(orgA, id))?.length).toBe(2);
  });

  it.skipIf(!!backend.skip)('refuses to change a stored version in the database itself', async () => {
    const id = randomUUID();
    await storage.createProduct(orgA, { id, product: product('P'), inputHash: 'h1' });
    const db = (storage as unknown as { db: { query(t: string, p: unknown[]): Promise<unknown> } }).db;
    await expect(db.query('UPDATE product_versions SET input_hash = $2 WHERE product_id = $1', [id, 'forged'])).rejects.toThrow(/immutable/);
    await expect(db.query('DELETE FROM product_versions WHERE product_id = $1', [id])).rejects.toThrow(/immutable/);
    expect((await storage.getProduct(orgA, id))?.inputHash).toBe('h1');
  });

  it.skipIf(!!backend.skip)('never shows or changes another organisation\'s product', async () => {
    const id = randomUUID();
    await storage.createProduct(orgB, { id, product: product('B secret'), inputHash: 'hb' });
    expect(await storage.getProduct(orgA, id)).toBeUndefined();
    expect(await storage.getProduct(orgA, id, 1)).toBeUndefined();
    expect(await storage.listVersions(orgA, id)).toBeUndefined();
    expect(await storage.listResults(orgA, id)).toBeUndefined();
    expect(await storage.updateProduct(orgA, id, 1, { product: product('hijack'), inputHash: 'x' })).toEqual({ ok: false, reason: 'not-found' });
    expect(await storage.deleteProduct(orgA, id)).toEqual({ ok: false, reason: 'not-found' });
    expect((await storage.listProducts(orgA, { limit: 200 })).items.map((p) => p.id)).not.toContain(id);
    await expect(storage.saveResult(orgA, {
      id: randomUUID(), productId: id, productVersion: 1,
      provenance: { inputHash: 'hb', referenceYear: 2026, datasets: [], engine: { name: 'e', version: '1' } },
      result: { total: { kgCO2e: 1 } } as never,
    })).rejects.toThrow(/not found/);
    expect((await storage.getProduct(orgB, id))?.name).toBe('B secret');
  });

  it.skipIf(!!backend.skip)('pages through products in creation order and filters by model id', async () => {
    const org = (await storage.createOrganization({ id: randomUUID(), name: 'pager' })).id;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = randomUUID();
      ids.push(id);
      await storage.createProduct(org, { id, product: { ...product(`P${i}`), id: i === 3 ? 'special' : `p${i}` }, inputHash: `h${i}` });
    }
    const first = await storage.listProducts(org, { limit: 2 });
    const second = await storage.listProducts(org, { limit: 2, cursor: first.next! });
    const third = await storage.listProducts(org, { limit: 2, cursor: second.next! });
    expect([...first.items, ...second.items, ...third.items].map((p) => p.id)).toEqual(ids);
    expect(third.next).toBeUndefined();
    expect((await storage.listProducts(org, { limit: 10, productId: 'special' })).items.map((p) => p.name)).toEqual(['P3']);
  });

  it.skipIf(!!backend.skip)('deletes with an optional version check and hides the product afterwards', async () => {
    const id = randomUUID();
    await storage.createProduct(orgA, { id, product: product('P'), inputHash: 'h1' });
    expect(await storage.deleteProduct(orgA, id, 7)).toEqual({ ok: false, reason: 'version-mismatch', current: 1 });
    expect(await storage.deleteProduct(orgA, id, 1)).toEqual({ ok: true, value: { version: 1 } });
    expect(await storage.getProduct(orgA, id)).toBeUndefined();
    expect(await storage.deleteProduct(orgA, id)).toEqual({ ok: false, reason: 'not-found' });
  });

  it.skipIf(!!backend.skip)('stores results with their provenance, per organisation', async () => {
    const id = randomUUID();
    await storage.createProduct(orgA, { id, product: product('P'), inputHash: 'h1' });
    const provenance = { inputHash: 'h1', gwp: 'AR6' as const, referenceYear: 2026, datasets: [{ id: 'd', version: '1.0.0', edition: 'e' }], engine: { name: 'e', version: '0.1.0' } };
    const result = { total: { kgCO2e: 12.345678901234567 }, lines: [] } as never;
    const saved = await storage.saveResult(orgA, { id: randomUUID(), productId: id, productVersion: 1, provenance, result });
    const read = await storage.getResult(orgA, saved.id);
    expect(read).toMatchObject({ productId: id, productVersion: 1, provenance, result });
    expect(await storage.getResult(orgB, saved.id)).toBeUndefined();
    expect((await storage.listResults(orgA, id))?.map((r) => r.totalKgCO2e)).toEqual([12.345678901234567]);
  });

  it.skipIf(!!backend.skip)('keeps keys as hashes, scoped to their organisation, and revokes them', async () => {
    const key = await storage.createApiKey({ id: `k${randomUUID().slice(0, 8)}`, orgId: orgA, name: 'ci', scopes: ['read'], secretHash: 'abc' });
    expect(await storage.hasAnyKey()).toBe(true);
    expect(await storage.findApiKey(key.id)).toMatchObject({ orgId: orgA, scopes: ['read'], secretHash: 'abc', isOperator: false });
    expect(await storage.revokeApiKey(orgB, key.id)).toBe(false);
    expect((await storage.listApiKeys(orgB)).map((k) => k.id)).not.toContain(key.id);
    expect(await storage.revokeApiKey(orgA, key.id)).toBe(true);
    expect((await storage.findApiKey(key.id))?.revokedAt).toBeDefined();
  });
});

describe('migrations', () => {
  it('are numbered without gaps and each applies once', async () => {
    const { migrations } = await import('./migrate.js');
    expect(migrations().map((m) => m.version)).toEqual(migrations().map((_, i) => i + 1));
    const backend = testBackends[0]!;
    const storage = await backend.open();
    try {
      const db = (storage as unknown as { db: import('./db.js').Db }).db;
      const { migrate } = await import('./migrate.js');
      expect(await migrate(db)).toEqual([]);
      const { rows } = await db.query<{ version: number }>('SELECT version FROM greenlca_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(migrations().map((m) => m.version));
    } finally {
      await storage.dispose();
    }
  }, 120_000);
});

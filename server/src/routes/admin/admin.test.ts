import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { kettle, OPERATOR_KEY, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';

announceSkips();

describe.each(testBackends)('keys and organisations ($name)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!backend.skip) t = await testApp(backend);
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!!backend.skip)('creates a key shown once, stores only its hash, and revokes it at once', async () => {
    const created = await t.call(t.orgA.keys.admin, 'POST', '/v1/keys', { name: 'PLM sync', scopes: ['write'] });
    expect(created.statusCode).toBe(201);
    const key = created.json();
    expect(key.key).toMatch(/^glca_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({ orgId: t.orgA.id, name: 'PLM sync', scopes: ['write'] });
    const stored = await t.storage.findApiKey(key.id);
    expect(stored?.secretHash).toMatch(/^[0-9a-f]{64}$/);
    // The secret is everything after the second '_' (it may hold '_' itself).
    expect(JSON.stringify(stored)).not.toContain(key.key.split('_').slice(2).join('_'));
    const listed = (await t.call(t.orgA.keys.admin, 'GET', '/v1/keys')).json().items;
    expect(listed.find((k: { id: string }) => k.id === key.id)).not.toHaveProperty('key');

    expect((await t.call(key.key, 'POST', '/v1/products', kettle())).statusCode).toBe(201);
    expect((await t.call(key.key, 'GET', '/v1/me')).json()).toMatchObject({ organization: { id: t.orgA.id, name: 'A' }, key: { id: key.id, scopes: ['write'] } });
    expect((await t.call(t.orgA.keys.admin, 'DELETE', `/v1/keys/${key.id}`)).statusCode).toBe(204);
    const after = await t.call(key.key, 'GET', '/v1/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('GLCA_UNAUTHORIZED');
  });

  it.skipIf(!!backend.skip)('keeps key management to admins', async () => {
    expect((await t.call(t.orgA.keys.write, 'POST', '/v1/keys', { name: 'x', scopes: ['admin'] })).statusCode).toBe(403);
    expect((await t.call(t.orgA.keys.write, 'GET', '/v1/keys')).statusCode).toBe(403);
    expect((await t.call(t.orgA.keys.admin, 'POST', '/v1/keys', { name: 'x', scopes: ['root'] })).statusCode).toBe(400);
  });

  it.skipIf(!!backend.skip)('lets only the operator create organisations, whose keys then see nothing of the others', async () => {
    expect((await t.call(t.orgA.keys.admin, 'POST', '/v1/organizations', { name: 'C' })).statusCode).toBe(403);
    const res = await t.call(OPERATOR_KEY, 'POST', '/v1/organizations', { name: 'C' });
    expect(res.statusCode).toBe(201);
    const { organization, key } = res.json();
    expect(organization).toMatchObject({ name: 'C', isOperator: false });
    expect(key.scopes).toEqual(['admin']);
    expect((await t.call(key.key, 'GET', '/v1/products')).json().items).toEqual([]);
    expect((await t.call(key.key, 'POST', '/v1/organizations', { name: 'D' })).statusCode).toBe(403);
  });

  it.skipIf(!!backend.skip)('bootstraps GREENLCA_API_KEY once, and a generated key only on a fresh installation', async () => {
    const storage = await backend.open();
    try {
      const shown: string[] = [];
      const first = await buildApp({ storage, webRoot: false, bootstrap: { generate: true }, onGeneratedKey: (k) => shown.push(k) });
      expect(shown).toHaveLength(1);
      expect((await first.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${shown[0]}` } })).json().organization.isOperator).toBe(true);
      await first.close();
      const second = await buildApp({ storage, webRoot: false, bootstrap: { generate: true, apiKey: 'my-chosen-admin-key-123456' }, onGeneratedKey: (k) => shown.push(k) });
      expect(shown).toHaveLength(1);
      const me = (await second.inject({ method: 'GET', url: '/v1/me', headers: { authorization: 'Bearer my-chosen-admin-key-123456' } })).json();
      expect(me.key.scopes).toEqual(['admin']);
      await second.close();
      const third = await buildApp({ storage, webRoot: false, bootstrap: { apiKey: 'my-chosen-admin-key-123456' } });
      expect((await storage.listApiKeys(me.organization.id)).length).toBeGreaterThanOrEqual(1);
      await third.close();
      expect((await storage.listApiKeys(me.organization.id)).filter((k) => k.name === 'GREENLCA_API_KEY')).toHaveLength(1);
    } finally {
      await storage.dispose();
    }
  });
});

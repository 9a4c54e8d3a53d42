import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kettle, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';

announceSkips();

/**
 * No key reaches another organisation's objects: every route that takes a product or result id
 * answers org A's keys (even admin, even the operator's) with 404 for org B's ids, and changes nothing.
 */
describe.each(testBackends)('organisation isolation ($name)', (backend) => {
  let t: TestApp;
  let productB: string;
  let resultB: string;
  beforeAll(async () => {
    if (backend.skip) return;
    t = await testApp(backend);
    productB = (await t.call(t.orgB.keys.write, 'POST', '/v1/products', kettle({ name: 'B only' }))).json().id;
    resultB = (await t.call(t.orgB.keys.write, 'POST', `/v1/products/${productB}/calculate`)).json().id;
  }, 120_000);
  afterAll(async () => t?.close());

  const routes = (): [string, string, unknown?, Record<string, string>?][] => [
    ['GET', `/v1/products/${productB}`],
    ['PUT', `/v1/products/${productB}`, kettle({ name: 'hijacked' }), { 'if-match': '"1"' }],
    ['PUT', `/v1/products/${productB}`, kettle({ name: 'hijacked' }), { 'if-match': '*' }],
    ['DELETE', `/v1/products/${productB}`, undefined, { 'if-match': '"1"' }],
    ['DELETE', `/v1/products/${productB}`],
    ['GET', `/v1/products/${productB}/versions`],
    ['GET', `/v1/products/${productB}/versions/1`],
    ['POST', `/v1/products/${productB}/calculate`],
    ['GET', `/v1/products/${productB}/results`],
    ['GET', `/v1/products/${productB}/result`],
    ['GET', `/v1/products/${productB}/olca`],
    ['GET', `/v1/results/${resultB}`],
    ['POST', `/v1/results/${resultB}/reproduce`],
    ['GET', `/v1/results/${resultB}/report`],
    ['POST', `/v1/products/${productB}/footprints`, { company: { name: 'A', ids: ['urn:a:1'] }, productIds: ['urn:a:p'] }],
    ['GET', `/v1/products/${productB}/footprints`],
  ];

  /** Routes that change something need write: a read key gets 403 before anything is looked up. */
  const needsWrite = (method: string, url: string) => method !== 'GET' && !url.endsWith('/reproduce');

  it.skipIf(!!backend.skip)('answers 404 to every key of another organisation on every id route', async () => {
    const keys = [...Object.values(t.orgA.keys), 'test-operator-key-0123456789'];
    for (const key of keys) {
      for (const [method, url, body, headers] of routes()) {
        const res = await t.call(key, method, url, body, headers);
        const expected = key === t.orgA.keys.read && needsWrite(method, url) ? 403 : 404;
        expect(res.statusCode, `${method} ${url}`).toBe(expected);
        expect(res.json().code).toBe(expected === 404 ? 'GLCA_NOT_FOUND' : 'GLCA_FORBIDDEN');
        expect(res.body).not.toContain('B only');
      }
      const list = (await t.call(key, 'GET', '/v1/products?limit=200')).json();
      expect(list.items.map((p: { id: string }) => p.id)).not.toContain(productB);
    }
    // Org B's product is untouched.
    const own = await t.call(t.orgB.keys.read, 'GET', `/v1/products/${productB}`);
    expect(own.json()).toMatchObject({ version: 1, name: 'B only' });
    expect((await t.call(t.orgB.keys.read, 'GET', `/v1/products/${productB}/results`)).json().items).toHaveLength(1);
  });

  it.skipIf(!!backend.skip)('covers every id route the API documents', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => /^\/v1\/(products|results)\/\{id\}/.test(path))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const tested = new Set(routes().map(([m, url]) => `${m} ${url.replace(productB, '{id}').replace(resultB, '{id}').replace(/\/versions\/1$/, '/versions/{version}')}`));
    expect(documented.filter((r) => !tested.has(r))).toEqual([]);
  });

  it.skipIf(!!backend.skip)('keeps keys per organisation: an admin cannot see or revoke another organisation\'s keys', async () => {
    const keysB = (await t.call(t.orgB.keys.admin, 'GET', '/v1/keys')).json().items as { id: string }[];
    const listedByA = (await t.call(t.orgA.keys.admin, 'GET', '/v1/keys')).json().items as { id: string }[];
    expect(listedByA.map((k) => k.id).filter((id) => keysB.some((b) => b.id === id))).toEqual([]);
    for (const k of keysB) expect((await t.call(t.orgA.keys.admin, 'DELETE', `/v1/keys/${k.id}`)).statusCode).toBe(404);
    expect((await t.call(t.orgB.keys.read, 'GET', '/v1/me')).statusCode).toBe(200);
  });
});

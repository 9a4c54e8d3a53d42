import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_RETENTION_MS, IDEMPOTENCY_STALE_MS } from '../limits.js';
import { kettle, testApp, type TestApp } from '../testing/harness.js';
import { testBackends } from '../storage/testing.js';
import { requestHash } from './idempotency.js';

/** The same JSON object with its keys in the reverse order (the same request to a JSON reader). */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
  return value;
}

describe.each(testBackends)('Idempotency-Key on POSTs that create ($name)', (backend) => {
  let t: TestApp;
  let clock = new Date('2026-06-01T00:00:00Z');
  const count = async (key: string, productId: string) =>
    ((await t.call(key, 'GET', `/v1/products?productId=${productId}&limit=100`)).json() as { items: unknown[] }).items.length;

  beforeAll(async () => {
    if (backend.skip) return;
    t = await testApp(backend, { rateLimit: false, now: () => clock });
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!!backend.skip)('a retry gets the first answer again; no second product is stored', async () => {
    const body = kettle({ id: 'idem-1' });
    const key = { 'idempotency-key': '0c0a8d0e-7a4f-4f3e-9a51-1f1b1e6f6a01' };
    const first = await t.call(t.orgA.keys.write, 'POST', '/v1/products', body, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // Same request with the JSON keys in another order, the key quoted as an RFC 8941 string.
    const retry = await t.call(t.orgA.keys.write, 'POST', '/v1/products', reversed(body), { 'idempotency-key': `"${key['idempotency-key']}"` });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(await count(t.orgA.keys.read, 'idem-1')).toBe(1);
  });

  it.skipIf(!!backend.skip)('the same key with another body is 422 and stores nothing', async () => {
    const key = { 'idempotency-key': 'key-reused-1' };
    expect((await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'idem-2' }), key)).statusCode).toBe(201);
    const other = await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'idem-2b' }), key);
    expect(other.statusCode).toBe(422);
    expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(other.json()).toMatchObject({ code: 'GLCA_IDEMPOTENCY_KEY_REUSED', errors: [{ pointer: '/headers/idempotency-key', code: 'IDEMPOTENCY_KEY_REUSED' }] });
    expect(await count(t.orgA.keys.read, 'idem-2b')).toBe(0);
    // Another route with the same key is another request too.
    const id = (await t.call(t.orgA.keys.read, 'GET', '/v1/products?productId=idem-2')).json().items[0].id as string;
    expect((await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/calculate`, undefined, key)).statusCode).toBe(422);
  });

  it.skipIf(!!backend.skip)('keys belong to an organisation: another organisation\'s same key is its own request', async () => {
    const key = { 'idempotency-key': 'shared-key-1' };
    const a = await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'idem-3' }), key);
    const b = await t.call(t.orgB.keys.write, 'POST', '/v1/products', kettle({ id: 'idem-3' }), key);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.json().id).not.toBe(a.json().id);
    expect(await count(t.orgB.keys.read, 'idem-3')).toBe(1);
  });

  it.skipIf(!!backend.skip)('a stored calculation is stored once; an error answer is kept and given again too', async () => {
    const created = (await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'idem-4' }))).json() as { id: string };
    const key = { 'idempotency-key': 'calc-1' };
    const first = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${created.id}/calculate`, undefined, key);
    expect(first.statusCode, first.body).toBe(201);
    const retry = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${created.id}/calculate`, undefined, key);
    expect(retry.json().id).toBe(first.json().id);
    expect(retry.headers.location).toBe(`/v1/results/${first.json().id}`);
    expect((await t.call(t.orgA.keys.read, 'GET', `/v1/products/${created.id}/results`)).json().items).toHaveLength(1);

    const missing = '00000000-0000-4000-8000-000000000000';
    const notFound = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${missing}/calculate`, undefined, { 'idempotency-key': 'calc-404' });
    expect(notFound.statusCode).toBe(404);
    const again = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${missing}/calculate`, undefined, { 'idempotency-key': 'calc-404' });
    expect([again.statusCode, again.headers['idempotent-replayed'], again.body]).toEqual([404, 'true', notFound.body]);
  });

  it.skipIf(!!backend.skip)('without a key every POST creates; a malformed key is a 400 naming the header', async () => {
    for (let i = 0; i < 2; i++) expect((await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'idem-5' }))).statusCode).toBe(201);
    expect(await count(t.orgA.keys.read, 'idem-5')).toBe(2);
    for (const bad of ['has space', 'x'.repeat(256), 'é']) {
      const res = await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'idem-6' }), { 'idempotency-key': bad });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().errors[0].pointer).toBe('/headers/idempotency-key');
    }
    expect(await count(t.orgA.keys.read, 'idem-6')).toBe(0);
  });

  it.skipIf(!!backend.skip)('concurrent retries: one product, the others replay it or are told to retry (409)', async () => {
    const key = { 'idempotency-key': 'concurrent-1' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'idem-7' }), key)));
    const created = answers.filter((a) => a.statusCode === 201);
    expect(new Set(created.map((a) => a.json().id)).size).toBe(1);
    for (const a of answers.filter((x) => x.statusCode !== 201)) {
      expect(a.statusCode).toBe(409);
      expect(a.headers['retry-after']).toBe('1');
      expect(a.json().code).toBe('GLCA_CONFLICT');
    }
    expect(await count(t.orgA.keys.read, 'idem-7')).toBe(1);
  });

  it.skipIf(!!backend.skip)('a key is kept 24 hours; a claim whose request died is taken over', async () => {
    const key = { 'idempotency-key': 'expires-1' };
    const first = await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'idem-8' }), key);
    clock = new Date(clock.getTime() + IDEMPOTENCY_RETENTION_MS - 1000);
    expect((await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'idem-8' }), key)).json().id).toBe(first.json().id);
    clock = new Date(clock.getTime() + 2000);
    const later = await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'idem-8' }), key);
    expect(later.statusCode).toBe(201);
    expect(later.json().id).not.toBe(first.json().id);

    // A claim left by a request that never answered (its process died) blocks retries only until it is stale.
    const body = kettle({ id: 'idem-9' });
    const hash = requestHash({ method: 'POST', url: '/v1/products', body });
    const at = (ms: number) => new Date(clock.getTime() + ms);
    expect(await t.storage.claimIdempotency(t.orgA.id, 'died-1', hash, { now: clock, expiresBefore: at(-IDEMPOTENCY_RETENTION_MS), staleBefore: at(-IDEMPOTENCY_STALE_MS) }))
      .toEqual({ state: 'claimed' });
    expect((await t.call(t.orgA.keys.write, 'POST', '/v1/products', body, { 'idempotency-key': 'died-1' })).statusCode).toBe(409);
    clock = at(IDEMPOTENCY_STALE_MS + 1000);
    expect((await t.call(t.orgA.keys.write, 'POST', '/v1/products', body, { 'idempotency-key': 'died-1' })).statusCode).toBe(201);
    expect(await count(t.orgA.keys.read, 'idem-9')).toBe(1);
  });

  it.skipIf(!!backend.skip)('the OpenAPI document declares the header on the creating POSTs', async () => {
    const doc = (await t.call(undefined, 'GET', '/docs/json')).json();
    for (const [path, op] of [['/v1/products', 'post'], ['/v1/products/{id}/calculate', 'post'], ['/v1/products/{id}/footprints', 'post'], ['/v1/jobs', 'post']] as const) {
      const params = (doc.paths[path][op].parameters ?? []) as { name: string; in: string }[];
      expect(params.some((p) => p.in === 'header' && p.name === 'idempotency-key'), path).toBe(true);
    }
  });
});

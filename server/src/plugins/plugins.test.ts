import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kettle, testApp, type TestApp } from '../testing/harness.js';
import { testBackends } from '../storage/testing.js';

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!, { rateLimit: { max: 3, timeWindow: 60_000 } });
  }, 120_000);
  afterAll(async () => t?.close());

  it('limits each key on its own and answers 429 as a problem with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', kettle())).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await t.call(t.orgA.keys.read, 'GET', '/v1/products');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json().code).toBe('GLCA_RATE_LIMITED');
    // Another key of the same organisation has its own allowance.
    expect((await t.call(t.orgA.keys.write, 'GET', '/v1/products')).statusCode).toBe(200);
  });

  it('counts requests refused for their credentials per client address, so floods of bad keys get 429 too', async () => {
    const from = (remoteAddress: string, authorization: string | undefined, url = '/v1/products') =>
      t.app.inject({ method: 'GET', url, remoteAddress, headers: authorization ? { authorization } : {} });
    const statuses: number[] = [];
    // A different made-up key each time: counting by the key's id alone would never stop this.
    for (let i = 0; i < 5; i++) statuses.push((await from('203.0.113.7', `Bearer glca_${String(i).padStart(16, '0')}_${'x'.repeat(43)}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const limited = await from('203.0.113.7', undefined);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('GLCA_RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Until the window ends, that address is refused even with a good key; public routes without one still answer.
    expect((await from('203.0.113.7', `Bearer ${t.orgB.keys.read}`)).statusCode).toBe(429);
    expect((await from('203.0.113.7', undefined, '/v1/datasets')).statusCode).toBe(200);
    // Other addresses are not affected.
    expect((await from('203.0.113.8', 'Bearer nonsense')).statusCode).toBe(401);
    expect((await from('203.0.113.8', `Bearer ${t.orgB.keys.read}`)).statusCode).toBe(200);
  });

  it('counts bad PACT tokens and bad client credentials at /auth/token the same way', async () => {
    const pact = (remoteAddress: string) => t.app.inject({ method: 'GET', url: '/3/footprints', remoteAddress, headers: { authorization: 'Bearer not-a-token' } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await pact('198.51.100.1')).statusCode);
    expect(statuses).toEqual([400, 400, 400, 429]);
    const token = (remoteAddress: string) => t.app.inject({
      method: 'POST', url: '/auth/token', remoteAddress, payload: 'grant_type=client_credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('id:wrong').toString('base64')}` },
    });
    const tokenStatuses: number[] = [];
    for (let i = 0; i < 4; i++) tokenStatuses.push((await token('198.51.100.2')).statusCode);
    expect(tokenStatuses).toEqual([401, 401, 401, 429]);
    const limited = await token('198.51.100.2');
    expect(limited.headers['retry-after']).toBeDefined();
  });
});

describe('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!);
  }, 120_000);
  afterAll(async () => t?.close());

  it('documents every /v1 route with its scope, problem responses and the shared schemas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Product', 'Component', 'CalculationResult', 'Problem']));
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const ops = Object.entries(doc.paths as Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>)
      .flatMap(([path, methods]) => Object.entries(methods).map(([m, op]) => ({ path, m, op })));
    expect(ops.length).toBeGreaterThan(20);
    for (const { path, op } of ops.filter((o) => o.path.startsWith('/v1/'))) {
      expect(op.responses['4XX'], path).toBeDefined();
      const isPublic = /^\/v1\/(datasets|factors|substances|schemas|specifications)/.test(path);
      if (isPublic) expect(op.security, path).toEqual([]);
      else expect((op.security as Record<string, unknown>[] | undefined)?.[0], path).toHaveProperty('apiKey');
    }
    const body = doc.paths['/v1/calculate'].post.requestBody.content['application/json'].schema;
    expect(body.$ref === '#/components/schemas/Product' || body.title === 'GreenLCA product model v1').toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers unknown routes and methods with a problem', async () => {
    const res = await t.call(undefined, 'GET', '/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'GLCA_NOT_FOUND', status: 404 });
  });
});

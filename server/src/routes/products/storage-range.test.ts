import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kettle, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';

announceSkips();

/** Integers a client sends that the database cannot hold (int4) are the client's error, never a 500. */
describe.each(testBackends)('integers beyond storage range ($name)', (backend) => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    if (backend.skip) return;
    t = await testApp(backend);
    id = (await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle())).json().id;
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!!backend.skip)('a path version above 2,147,483,647 is a version that cannot exist: 404', async () => {
    for (const version of ['2147483648', '99999999999999999999999']) {
      const res = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}/versions/${version}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('GLCA_NOT_FOUND');
    }
    const largest = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}/versions/2147483647`);
    expect(largest.statusCode).toBe(404);
    expect((await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}/versions/1`)).statusCode).toBe(200);
  });

  it.skipIf(!!backend.skip)('a query version above 2,147,483,647 is a coded 400 naming the field', async () => {
    const res = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/calculate?version=2147483648`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'GLCA_VALIDATION', errors: [expect.objectContaining({ pointer: '/version' })] });
    const largest = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/calculate?version=2147483647`);
    expect(largest.statusCode).toBe(404);
  });

  it.skipIf(!!backend.skip)('documents the range in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const params = doc.paths['/v1/products/{id}/versions/{version}'].get.parameters;
    expect(params.find((p: { name: string }) => p.name === 'version').schema.maximum).toBe(2_147_483_647);
  });
});

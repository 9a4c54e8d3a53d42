import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculateProductSystem, impactsFromPackage, readPackage } from '@greenlca/olca';
import { kettle, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';

announceSkips();

/** The climate total of an openLCA package read back by @greenlca/olca with the package's own method. */
function totalOfPackage(bytes: Buffer): number {
  const pkg = readPackage(new Uint8Array(bytes));
  expect(pkg.warnings).toEqual([]);
  const [system] = [...pkg.productSystems.values()];
  const [method] = [...pkg.impactMethods.values()];
  const result = calculateProductSystem(pkg, system!.id, { impacts: impactsFromPackage(pkg, method!.id).impacts });
  expect(result.cutoffs).toEqual([]);
  return result.impacts[0]!.amount;
}

describe.each(testBackends)('GET /v1/products/{id}/olca ($name)', (backend) => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    if (backend.skip) return;
    t = await testApp(backend);
    id = (await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle())).json().id;
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!!backend.skip)('answers the package POST /v1/exports/olca writes, which reads back to the stored result\'s total', async () => {
    const res = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}/olca?gwp=AR5`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kettle-k17.zip"');
    const posted = await t.call(t.orgA.keys.read, 'POST', '/v1/exports/olca', { product: kettle(), gwp: 'AR5' });
    expect(Buffer.compare(res.rawPayload, posted.rawPayload)).toBe(0);

    const stored = (await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/calculate?gwp=AR5`)).json();
    expect(stored.result.gwp).toBe('AR5');
    const total = totalOfPackage(res.rawPayload);
    expect(Math.abs(total / stored.result.total.kgCO2e - 1)).toBeLessThan(1e-9);
  });

  it.skipIf(!!backend.skip)('revalidates: a hash ETag, private no-cache, If-None-Match → 304; another GWP set is another package', async () => {
    const first = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}/olca`);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}/olca`, undefined, { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    const ar5 = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}/olca?gwp=AR5`, undefined, { 'if-none-match': first.headers.etag as string });
    expect(ar5.statusCode).toBe(200);
    expect(ar5.headers.etag).not.toBe(first.headers.etag);
  });

  it.skipIf(!!backend.skip)('exports the version asked for, and the current one by default', async () => {
    const { id: pid } = (await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle())).json();
    const v2 = await t.call(t.orgA.keys.write, 'PUT', `/v1/products/${pid}`, kettle({ id: 'kettle-k18', components: [] }), { 'if-match': '"1"' });
    expect(v2.statusCode).toBe(200);
    const current = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${pid}/olca`);
    expect(current.headers['content-disposition']).toBe('attachment; filename="kettle-k18.zip"');
    const v1 = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${pid}/olca?version=1`);
    expect(v1.headers['content-disposition']).toBe('attachment; filename="kettle-k17.zip"');
    const calculated = (await t.call(t.orgA.keys.write, 'POST', `/v1/products/${pid}/calculate?version=2`)).json();
    expect(Math.abs(totalOfPackage(current.rawPayload) / calculated.result.total.kgCO2e - 1)).toBeLessThan(1e-9);
  });

  it.skipIf(!!backend.skip)('404 problem for an unknown id or version, 401 without a key', async () => {
    const unknown = await t.call(t.orgA.keys.read, 'GET', '/v1/products/00000000-0000-4000-8000-000000000000/olca');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.json().code).toBe('GLCA_NOT_FOUND');
    expect((await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}/olca?version=9`)).statusCode).toBe(404);
    expect((await t.call(undefined, 'GET', `/v1/products/${id}/olca`)).statusCode).toBe(401);
  });
});

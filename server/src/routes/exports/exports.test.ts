import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { elementaryFlows } from '@greenlca/datasets';
import { readPackage, writeProductPackage } from '@greenlca/olca';
import { kettle, testApp, type TestApp } from '../../testing/harness.js';
import { testBackends } from '../../storage/testing.js';

describe('POST /v1/exports/olca', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!);
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers the zip greenlca olca export writes, byte for byte', async () => {
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/exports/olca', { product: kettle(), gwp: 'AR5' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kettle-k17.zip"');
    const expected = writeProductPackage(kettle(), t.app.catalogue.library, await elementaryFlows.list(), { gwp: 'AR5' });
    expect(Buffer.compare(res.rawPayload, Buffer.from(expected.bytes))).toBe(0);
    const pkg = readPackage(new Uint8Array(res.rawPayload));
    expect(pkg.productSystems.get(expected.package.productSystem.id)?.name).toBe('Electric kettle 1.7 L');
    expect([...pkg.impactMethods.values()].map((m) => m.name)).toEqual(['GreenLCA GWP100 (IPCC AR5)']);
  });

  it('refuses what calculate refuses: 422 with pointers under /product, 400 for a bad shape, 401 without a key', async () => {
    const bad = await t.call(t.orgA.keys.read, 'POST', '/v1/exports/olca', { product: kettle({ inventory: [{ stage: 'use', factor: 'x/y', amount: '1 kWh' }] }) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ pointer: '/product/inventory/0/factor', code: 'UNKNOWN_FACTOR' });
    const shape = await t.call(t.orgA.keys.read, 'POST', '/v1/exports/olca', { product: { schemaVersion: 1 }, gwp: 'AR9' });
    expect(shape.statusCode).toBe(400);
    const anonymous = await t.call(undefined, 'POST', '/v1/exports/olca', { product: kettle() });
    expect(anonymous.statusCode).toBe(401);
  });
});

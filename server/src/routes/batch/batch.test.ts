import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { kettle, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';

announceSkips();

describe.each(testBackends)('POST /v1/batch/calculate ($name)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!backend.skip) t = await testApp(backend);
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!!backend.skip)('keeps the order and gives a bad item its own problem without failing the rest', async () => {
    const good1 = kettle({ id: 'a' });
    const bad = kettle({ id: 'b', inventory: [{ stage: 'use', factor: 'desnz-2025/electricity-uk', amount: '2 kg' }] });
    const good2 = kettle({ id: 'c', parameters: { years: 10, boilsPerDay: { value: 1, unit: '1/day' } } });
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/batch/calculate', { products: [good1, bad, good2] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.summary).toEqual({ ok: 2, failed: 1 });
    expect(body.items.map((i: { index: number; ok: boolean }) => [i.index, i.ok])).toEqual([[0, true], [1, false], [2, true]]);
    const lib = t.app.catalogue.library;
    expect(body.items[0].result.total.kgCO2e).toBe(calculate(good1, lib, { referenceYear: 2026 }).total.kgCO2e);
    expect(body.items[2].result.total.kgCO2e).toBe(calculate(good2, lib, { referenceYear: 2026 }).total.kgCO2e);
    expect(body.items[0].result.product.id).toBe('a');
    expect(body.items[1].problem).toMatchObject({ status: 422, code: 'GLCA_INPUT_INVALID' });
    expect(body.items[1].problem.errors[0]).toMatchObject({ pointer: '/products/1/inventory/0/amount', code: 'UNIT_MISMATCH' });
  });

  it.skipIf(!!backend.skip)('reports a malformed item (not even a product) as that item\'s problem', async () => {
    const body = (await t.call(t.orgA.keys.read, 'POST', '/v1/batch/calculate', { products: [42, kettle(), { schemaVersion: 1 }] })).json();
    expect(body.items.map((i: { ok: boolean }) => i.ok)).toEqual([false, true, false]);
    expect(body.items[0].problem.errors[0].pointer).toBe('/products/0');
    expect(body.items[2].problem.errors.map((e: { pointer: string }) => e.pointer)).toContain('/products/2/name');
  });

  it.skipIf(!!backend.skip)('summarises on request, and recharacterises with one GWP set for all', async () => {
    const body = (await t.call(t.orgA.keys.read, 'POST', '/v1/batch/calculate?view=summary', { products: [kettle()], gwp: 'AR4' })).json();
    const result = body.items[0].result;
    expect(result.gwp).toBe('AR4');
    expect(result.lines).toBeUndefined();
    expect(result.total.kgCO2e).toBe(calculate(kettle(), t.app.catalogue.library, { gwp: 'AR4', referenceYear: 2026 }).total.kgCO2e);
  });

  it.skipIf(!!backend.skip)('takes 1,000 products and refuses 1,001 or none', async () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => kettle({ id: `p${i}`, parameters: { years: 1 + (i % 10), boilsPerDay: { value: 3, unit: '1/day' } } }));
    const ok = await t.call(t.orgA.keys.read, 'POST', '/v1/batch/calculate?view=summary', { products: thousand });
    expect(ok.statusCode).toBe(200);
    const items = ok.json().items as { index: number; result: { product: { id: string } } }[];
    expect(items).toHaveLength(1000);
    expect(items.every((item, i) => item.index === i && item.result.product.id === `p${i}`)).toBe(true);
    const tooMany = await t.call(t.orgA.keys.read, 'POST', '/v1/batch/calculate', { products: [...thousand, kettle()] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].pointer).toBe('/products');
    expect((await t.call(t.orgA.keys.read, 'POST', '/v1/batch/calculate', { products: [] })).statusCode).toBe(400);
    expect((await t.call(undefined, 'POST', '/v1/batch/calculate', { products: [kettle()] })).statusCode).toBe(401);
  });
});

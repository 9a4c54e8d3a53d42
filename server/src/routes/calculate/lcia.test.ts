import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledLcia } from '@greenlca/datasets';
import { calculate } from '@greenlca/engine';
import { FIXED_NOW, kettle, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';

announceSkips();

// A kettle that also emits SO2 to urban air, named by its elementary flow.
const withSo2 = () => {
  const k = kettle({ id: 'kettle-so2' }) as { inventory: unknown[] };
  return { ...k, inventory: [...k.inventory, { stage: 'manufacture', substance: 'air/urban/sulfur-dioxide', amount: '0.05 kg' }] };
};

describe.each(testBackends)('inventories and impact methods over the API ($name)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!backend.skip) t = await testApp(backend);
  }, 60_000);
  afterAll(async () => t?.close());

  it.skipIf(!!backend.skip)('POST /v1/calculate?method=ef-3.1,TRACI gives the engine\'s inventories and categories exactly', async () => {
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate?method=ef-3.1,TRACI', withSo2());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const direct = calculate(withSo2(), t.app.catalogue.library, { referenceYear: FIXED_NOW().getUTCFullYear(), lcia: await bundledLcia(['ef-3.1', 'TRACI']) });
    expect(body).toEqual(JSON.parse(JSON.stringify(direct)));
    const acid = body.impacts[0].categories.find((c: { id: string }) => c.id === 'acidification');
    expect(acid.total).toBeCloseTo(0.05 * 1.31, 15); // EF 3.1: SO2 to urban air 1.31 mol H+ eq/kg
    expect(acid.coverage).toMatchObject({ lines: 4, of: 4, missing: [], poor: false }); // DESNZ UK grid gives its gases
    expect(body.inventory.emissions.find((e: { flow?: string }) => e.flow === 'air/urban/sulfur-dioxide').amount).toBe(0.05);
  });

  it.skipIf(!!backend.skip)('an unknown method is a 400 naming the query parameter and the known methods', async () => {
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate?method=recipe-2016', kettle());
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors[0]).toMatchObject({ pointer: '/method', code: 'UNKNOWN_METHOD' });
    expect(res.json().errors[0].hint).toMatch(/ef-3\.1/);
  });

  it.skipIf(!!backend.skip)('summary view keeps categories and inventories without per-line lists', async () => {
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate?view=summary&method=AR6', kettle());
    const body = res.json();
    expect(body.lines).toBeUndefined();
    expect(body.impacts[0].categories[0].lines).toEqual([]);
    expect(body.impacts[0].categories[0].total).toBeGreaterThan(0);
    expect(body.inventory.totals.electricityKWh).toBeGreaterThan(0);
  });

  it.skipIf(!!backend.skip)('a stored result records its methods, and reproduce recalculates with them', async () => {
    const created = await t.call(t.orgA.keys.write, 'POST', '/v1/products', withSo2());
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const calc = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/calculate?method=ef-3.1`);
    expect(calc.statusCode).toBe(201);
    expect(calc.json().provenance.methods).toEqual([{ id: 'ef-3.1', version: '1.0.1' }]);
    const again = await t.call(t.orgA.keys.read, 'POST', `/v1/results/${calc.json().id}/reproduce`);
    expect(again.json()).toMatchObject({ reproducible: true, differences: [] });
  });

  it.skipIf(!!backend.skip)('POST /v1/reports/lca?method=ef-3.1 renders the LCA report (json, html)', async () => {
    const json = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/lca?method=ef-3.1&format=json&lang=en', { product: withSo2() });
    expect(json.statusCode).toBe(200);
    expect(JSON.stringify(json.json())).toContain('Acidification');
    const html = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/lca?method=ef-3.1&format=html&lang=zh', { product: withSo2() });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { kettle, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';

announceSkips();

describe.each(testBackends)('products ($name)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!backend.skip) t = await testApp(backend);
  }, 120_000);
  afterAll(async () => t?.close());

  const create = async (key: string, product = kettle()) => {
    const res = await t.call(key, 'POST', '/v1/products', product);
    expect(res.statusCode).toBe(201);
    return res;
  };

  it.skipIf(!!backend.skip)('creates version 1 with Location and ETag, and reads it back as sent', async () => {
    const res = await create(t.orgA.keys.write);
    const record = res.json();
    expect(res.headers.location).toBe(`/v1/products/${record.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(record).toMatchObject({ version: 1, productId: 'kettle-k17', name: 'Electric kettle 1.7 L' });
    expect(record.inputHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const read = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${record.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('"1"');
    expect(read.json().product).toEqual(kettle());
    const notModified = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${record.id}`, undefined, { 'if-none-match': '"1"' });
    expect(notModified.statusCode).toBe(304);
  });

  it.skipIf(!!backend.skip)('keeps fields beyond the schema ("add fields freely")', async () => {
    const product = kettle({ plm: { system: 'Windchill', oid: 'OR:wt.part.WTPart:123' } });
    const record = (await create(t.orgA.keys.write, product)).json();
    expect((await t.call(t.orgA.keys.read, 'GET', `/v1/products/${record.id}`)).json().product.plm).toEqual({ system: 'Windchill', oid: 'OR:wt.part.WTPart:123' });
  });

  it.skipIf(!!backend.skip)('saves every update as a new version, conditional on If-Match', async () => {
    const { id } = (await create(t.orgA.keys.write)).json();
    const url = `/v1/products/${id}`;
    const v2 = await t.call(t.orgA.keys.write, 'PUT', url, kettle({ name: 'Kettle v2' }), { 'if-match': '"1"' });
    expect(v2.statusCode).toBe(200);
    expect(v2.headers.etag).toBe('"2"');
    expect(v2.json()).toMatchObject({ version: 2, name: 'Kettle v2' });

    const missing = await t.call(t.orgA.keys.write, 'PUT', url, kettle({ name: 'no precondition' }));
    expect(missing.statusCode).toBe(428);
    expect(missing.json().code).toBe('GLCA_PRECONDITION_REQUIRED');

    const stale = await t.call(t.orgA.keys.write, 'PUT', url, kettle({ name: 'stale edit' }), { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.headers.etag).toBe('"2"');
    expect(stale.json().code).toBe('GLCA_PRECONDITION_FAILED');
    const weak = await t.call(t.orgA.keys.write, 'PUT', url, kettle({ name: 'weak tag' }), { 'if-match': 'W/"2"' });
    expect(weak.statusCode).toBe(412);

    // Nothing was stored by the refused updates.
    const versions = (await t.call(t.orgA.keys.read, 'GET', `${url}/versions`)).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await t.call(t.orgA.keys.read, 'GET', url)).json().name).toBe('Kettle v2');

    const v1 = await t.call(t.orgA.keys.read, 'GET', `${url}/versions/1`);
    expect(v1.json()).toMatchObject({ version: 1, name: 'Electric kettle 1.7 L' });
    expect(v1.headers.etag).toBe('"1"');
    expect((await t.call(t.orgA.keys.read, 'GET', `${url}/versions/3`)).statusCode).toBe(404);

    const star = await t.call(t.orgA.keys.write, 'PUT', url, kettle({ name: 'Kettle v3' }), { 'if-match': '*' });
    expect(star.json().version).toBe(3);
  });

  it.skipIf(!!backend.skip)('lets only one of two concurrent edits of the same version through', async () => {
    const { id } = (await create(t.orgA.keys.write)).json();
    const results = await Promise.all(['X', 'Y', 'Z'].map((n) =>
      t.call(t.orgA.keys.write, 'PUT', `/v1/products/${id}`, kettle({ name: n }), { 'if-match': '"1"' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412, 412]);
    expect((await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}/versions`)).json().items).toHaveLength(2);
  });

  it.skipIf(!!backend.skip)('deletes (If-Match optional but checked) and then answers 404', async () => {
    const { id } = (await create(t.orgA.keys.write)).json();
    expect((await t.call(t.orgA.keys.write, 'DELETE', `/v1/products/${id}`, undefined, { 'if-match': '"9"' })).statusCode).toBe(412);
    const del = await t.call(t.orgA.keys.write, 'DELETE', `/v1/products/${id}`, undefined, { 'if-match': '"1"' });
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    expect((await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}`)).statusCode).toBe(404);
    expect((await t.call(t.orgA.keys.write, 'DELETE', `/v1/products/${id}`)).statusCode).toBe(404);
  });

  it.skipIf(!!backend.skip)('lists current versions page by page and filters by model id', async () => {
    const org = t.orgB;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create(org.keys.write, kettle({ id: `list-${i}`, name: `L${i}` }))).json().id);
    const seen: string[] = [];
    let url = '/v1/products?limit=2';
    for (;;) {
      const page = (await t.call(org.keys.read, 'GET', url)).json();
      seen.push(...page.items.map((p: { id: string }) => p.id));
      if (!page.next) break;
      url = `/v1/products?limit=2&cursor=${page.next}`;
    }
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    const filtered = (await t.call(org.keys.read, 'GET', '/v1/products?productId=list-1')).json();
    expect(filtered.items.map((p: { name: string }) => p.name)).toEqual(['L1']);
    expect((await t.call(org.keys.read, 'GET', '/v1/products?limit=0')).statusCode).toBe(400);
  });

  it.skipIf(!!backend.skip)('stores a calculation with its provenance and reproduces the same numbers', async () => {
    const { id } = (await create(t.orgA.keys.write)).json();
    const calc = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/calculate?gwp=AR5`);
    expect(calc.statusCode).toBe(201);
    const stored = calc.json();
    const direct = calculate(kettle(), t.app.catalogue.library, { gwp: 'AR5', referenceYear: 2026 });
    expect(stored.result.total.kgCO2e).toBe(direct.total.kgCO2e);
    expect(stored.provenance).toEqual({
      inputHash: (await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}`)).json().inputHash,
      gwp: 'AR5',
      referenceYear: 2026,
      datasets: direct.datasets,
      engine: direct.engine,
    });
    expect(calc.headers.location).toBe(`/v1/results/${stored.id}`);

    const read = (await t.call(t.orgA.keys.read, 'GET', `/v1/results/${stored.id}`)).json();
    expect(read.result).toEqual(stored.result);
    const again = (await t.call(t.orgA.keys.read, 'POST', `/v1/results/${stored.id}/reproduce`)).json();
    expect(again).toMatchObject({ reproducible: true, inputHashMatches: true, sameDatasets: true, sameEngine: true, differences: [] });
    expect(again.result.total.kgCO2e).toBe(stored.result.total.kgCO2e);

    // A new version does not change what the stored result was calculated from.
    await t.call(t.orgA.keys.write, 'PUT', `/v1/products/${id}`, kettle({ parameters: { years: 10, boilsPerDay: 3 } }), { 'if-match': '"1"' });
    const still = (await t.call(t.orgA.keys.read, 'POST', `/v1/results/${stored.id}/reproduce`)).json();
    expect(still.reproducible).toBe(true);
    const list = (await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}/results`)).json();
    expect(list.items.map((r: { id: string; totalKgCO2e: number }) => [r.id, r.totalKgCO2e])).toEqual([[stored.id, direct.total.kgCO2e]]);

    const v2 = (await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/calculate?version=1`)).json();
    expect(v2.productVersion).toBe(1);
  });

  it.skipIf(!!backend.skip)('answers a stored product that cannot be calculated with 422 and stores no result', async () => {
    const { id } = (await create(t.orgA.keys.write, kettle({ inventory: [{ stage: 'use', factor: 'nope/nothing', amount: '1 kWh' }] }))).json();
    const res = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/calculate`);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ pointer: '/inventory/0/factor', code: 'UNKNOWN_FACTOR' });
    expect((await t.call(t.orgA.keys.read, 'GET', `/v1/products/${id}/results`)).json().items).toEqual([]);
  });

  it.skipIf(!!backend.skip)('answers the current version\'s result as POST /v1/calculate does, and follows new versions', async () => {
    const { id } = (await create(t.orgA.keys.write)).json();
    const url = `/v1/products/${id}/result`;
    const first = await t.call(t.orgA.keys.read, 'GET', `${url}?gwp=AR5`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-greenlca-product-version']).toBe('1');
    expect(first.body).toBe((await t.call(t.orgA.keys.read, 'POST', '/v1/calculate?gwp=AR5', kettle())).body);
    // Asked again (kept for the day): the same bytes.
    expect((await t.call(t.orgA.keys.read, 'GET', `${url}?gwp=AR5`)).body).toBe(first.body);

    const changed = kettle({ parameters: { years: 10, boilsPerDay: { value: 3, unit: '1/day' } } });
    await t.call(t.orgA.keys.write, 'PUT', `/v1/products/${id}`, changed, { 'if-match': '"1"' });
    const second = await t.call(t.orgA.keys.read, 'GET', `${url}?gwp=AR5`);
    expect(second.statusCode, second.body.slice(0, 300)).toBe(200);
    expect(second.headers['x-greenlca-product-version']).toBe('2');
    expect(second.body).toBe((await t.call(t.orgA.keys.read, 'POST', '/v1/calculate?gwp=AR5', changed)).body);
    expect(second.json().total.kgCO2e).not.toBe(first.json().total.kgCO2e);
    // Another GWP set is another answer.
    expect((await t.call(t.orgA.keys.read, 'GET', url)).body).toBe((await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', changed)).body);

    expect((await t.call(t.orgB.keys.read, 'GET', url)).statusCode).toBe(404);
    await t.call(t.orgA.keys.write, 'DELETE', `/v1/products/${id}`);
    expect((await t.call(t.orgA.keys.read, 'GET', url)).statusCode).toBe(404);
    const broken = (await create(t.orgA.keys.write, kettle({ inventory: [{ stage: 'use', factor: 'nope/nothing', amount: '1 kWh' }] }))).json();
    const refused = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${broken.id}/result`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ pointer: '/inventory/0/factor', code: 'UNKNOWN_FACTOR' });
  });

  it.skipIf(!!backend.skip)('needs write to change and read to look', async () => {
    expect((await t.call(t.orgA.keys.read, 'POST', '/v1/products', kettle())).statusCode).toBe(403);
    const { id } = (await create(t.orgA.keys.admin)).json();
    const forbidden = await t.call(t.orgA.keys.read, 'PUT', `/v1/products/${id}`, kettle(), { 'if-match': '"1"' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('GLCA_FORBIDDEN');
    expect((await t.call(t.orgA.keys.read, 'DELETE', `/v1/products/${id}`)).statusCode).toBe(403);
    expect((await t.call(t.orgA.keys.read, 'POST', `/v1/products/${id}/calculate`)).statusCode).toBe(403);
    expect((await t.call(undefined, 'GET', `/v1/products/${id}`)).statusCode).toBe(401);
    expect((await t.call(t.orgA.keys.read, 'GET', '/v1/products/not-a-uuid')).statusCode).toBe(400);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledFactorDatasets } from '@greenlca/datasets';
import { productJsonSchema } from '@greenlca/schema';
import { testApp, type TestApp } from '../../testing/harness.js';
import { testBackends } from '../../storage/testing.js';

// The catalogue does not touch storage: the embedded back end is enough.
describe('catalogue', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!);
  }, 120_000);
  afterAll(async () => t?.close());

  const get = async (url: string) => {
    const res = await t.call(undefined, 'GET', url);
    return { status: res.statusCode, body: res.json() };
  };

  it('lists the bundled datasets without a key, and gets one with its versions', async () => {
    const { status, body } = await get('/v1/datasets');
    expect(status).toBe(200);
    expect(body.items.map((d: { id: string }) => d.id)).toEqual(bundledFactorDatasets.map((d) => d.id));
    const cn = bundledFactorDatasets.find((d) => d.id === 'cn-mee')!;
    expect((await get('/v1/datasets/cn-mee')).body).toMatchObject({ id: 'cn-mee', version: cn.version, factorCount: cn.factors.length });
    expect((await get('/v1/datasets/cn-mee/versions')).body).toEqual({ id: 'cn-mee', current: cn.version, items: [{ version: cn.version, edition: cn.edition, current: true }] });
    expect((await get('/v1/datasets/nope')).status).toBe(404);
  });

  it('gets a factor with its citation, and 404 for an unknown one', async () => {
    const { status, body } = await get('/v1/factors/cn-mee/electricity-national-2021');
    expect(status).toBe(200);
    expect(body.id).toBe('cn-mee/electricity-national-2021');
    expect(body.factor.name.zh).toBe('2021年全国电力平均二氧化碳排放因子');
    expect(body.factor.source.source).toBeTruthy();
    expect(body.dataset.id).toBe('cn-mee');
    expect((await get('/v1/factors/cn-mee/electricity-national-2021/versions')).body.items).toHaveLength(1);
    expect((await get('/v1/factors/cn-mee/nope')).body.code).toBe('GLCA_NOT_FOUND');
  });

  it('finds factors from Chinese text: exact words, full-width input and unspaced phrases', async () => {
    const ids = async (q: string, extra = '') => (await get(`/v1/factors?q=${encodeURIComponent(q)}${extra}`)).body.items.map((h: { id: string }) => h.id) as string[];
    expect(await ids('全国电力', '&dataset=cn-mee')).toContain('cn-mee/electricity-national-2021');
    expect((await ids('华东 2021'))[0]).toBe('cn-mee/electricity-grid-east-2021');
    // Full-width digits and a Chinese comma as a separator.
    expect((await ids('华东，２０２１'))[0]).toBe('cn-mee/electricity-grid-east-2021');
    // No spaces and words in between: "全国电力排放因子" is not a substring of "2021年全国电力平均二氧化碳排放因子".
    expect(await ids('2021全国电力排放因子')).toContain('cn-mee/electricity-national-2021');
    expect(await ids('完全无关的词语')).toEqual([]);
  });

  it('finds factors in the user\'s words and ranks them by the line\'s unit: 货车 on a t*km line', async () => {
    const { status, body } = await get(`/v1/factors?q=${encodeURIComponent('货车')}&unit=${encodeURIComponent('t*km')}&nearRegion=CN&limit=500`);
    expect(status).toBe(200);
    const items = body.items as { id: string; factor: { unit: string }; unitFit?: string }[];
    expect(items[0]!.factor.unit).toBe('t*km');
    expect(items[0]!.unitFit).toBe('same');
    const perKm = items.findIndex((h) => h.factor.unit === 'km');
    expect(items[perKm]!.unitFit).toBe('incompatible');
    expect(items.slice(perKm).every((h) => h.unitFit === 'incompatible')).toBe(true);
    expect((await get('/v1/factors?q=ABS')).body.items[0].id).toBe('uslci-fy17/acrylonitrile-butadiene-styrene-copolymer-resin-at-plant');
  });

  it('filters by region (CN matches CN grids), category and dataset, and limits', async () => {
    const { body } = await get('/v1/factors?region=CN&category=electricity&limit=500');
    expect(body.items.length).toBeGreaterThan(5);
    expect(body.items.every((h: { factor: { region: string; category: string } }) => h.factor.region.startsWith('CN') && h.factor.category === 'electricity')).toBe(true);
    expect((await get('/v1/factors?limit=3')).body.items).toHaveLength(3);
    expect((await get('/v1/factors?limit=9999')).status).toBe(400);
    expect((await get('/v1/factors?category=plutonium')).status).toBe(400);
  });

  it('serves the GWP table and the JSON Schemas', async () => {
    const gases = (await get('/v1/substances')).body;
    expect(gases.items.find((s: { id: string }) => s.id === 'CH4').gwp100.AR6.value).toBeGreaterThan(27);
    expect((await get('/v1/schemas/product')).body).toEqual(productJsonSchema());
    expect((await get('/v1/schemas/result')).body.$id).toBe('CalculationResult');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { compareScenarios, monteCarlo, sensitivity, suggest } from '@greenlca/whatif';
import type { Product } from '@greenlca/schema';
import { kettle, testApp, type TestApp } from '../../testing/harness.js';
import { testBackends } from '../../storage/testing.js';

const product = kettle({
  scenarios: [
    { id: 'cn-grid', name: 'Made and used in China', overrides: { grid: 'cn-mee/electricity-national-2021' } },
    { id: 'long-life', name: 'Ten years', overrides: { parameters: { years: 10 } } },
  ],
}) as unknown as Product;

// What-if answers are stateless: the embedded back end is enough.
describe('what-if routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!);
  }, 120_000);
  afterAll(async () => t?.close());

  const post = (url: string, body: unknown) => t.call(t.orgA.keys.read, 'POST', url, body);

  it('compares the product\'s scenarios exactly as @greenlca/whatif does', async () => {
    const res = await post('/v1/whatif/compare', { product });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual(JSON.parse(JSON.stringify(compareScenarios(product, t.app.catalogue.library))));
    expect(body.variants.map((v: { id: string }) => v.id)).toEqual(['cn-grid', 'long-life']);
    // The long-life variant is the product with years = 10, calculated by the engine.
    const tenYears = calculate({ ...product, parameters: { ...product.parameters, years: 10 } }, t.app.catalogue.library, { referenceYear: 2026 });
    expect(body.variants[1].total.kgCO2e).toBe(tenYears.total.kgCO2e);
  });

  it('runs sensitivity, seeded Monte Carlo and suggestions with the same numbers as the package', async () => {
    const lib = t.app.catalogue.library;
    const sens = (await post('/v1/whatif/sensitivity', { product, percent: 20 })).json();
    expect(sens).toEqual(JSON.parse(JSON.stringify(sensitivity(product, lib, { percent: 20 }))));
    expect(sens.bars.length).toBeGreaterThan(0);
    const mc = (await post('/v1/whatif/uncertainty', { product, runs: 200, seed: 7 })).json();
    expect(mc).toEqual(JSON.parse(JSON.stringify(monteCarlo(product, lib, { runs: 200, seed: 7 }))));
    const again = (await post('/v1/whatif/uncertainty', { product, runs: 200, seed: 7 })).json();
    expect(again.baseline.total).toEqual(mc.baseline.total);
    const ideas = (await post('/v1/whatif/suggest', { product })).json();
    expect(ideas).toEqual(JSON.parse(JSON.stringify(suggest(product, lib, {}))));
  });

  it('answers an unknown scenario or target with 422 and a pointer into the request', async () => {
    const res = await post('/v1/whatif/compare', { product, scenarios: ['nope'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ code: 'UNKNOWN_SCENARIO' });
    const bad = await post('/v1/whatif/compare', { product, scenarios: [{ id: 'x', name: 'x', overrides: { components: { ghost: { massScale: 0.5 } } } }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].code).toBe('UNKNOWN_TARGET');
    expect((await post('/v1/whatif/uncertainty', { product, runs: 1_000_000 })).statusCode).toBe(400);
    expect((await t.call(undefined, 'POST', '/v1/whatif/compare', { product })).statusCode).toBe(401);
  });
});

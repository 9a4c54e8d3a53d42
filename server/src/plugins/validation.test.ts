import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_COMPONENT_DEPTH } from '@greenlca/schema';
import { kettle, testApp, type TestApp } from '../testing/harness.js';
import { announceSkips, testBackends } from '../storage/testing.js';
import { MAX_JSON_DEPTH } from './validation.js';

announceSkips();

/**
 * A product whose component tree is `levels` deep (top level = 1), as JSON text: JSON.stringify itself
 * overflows the stack on the deepest ones.
 */
function deepProduct(levels: number, id = 'deep'): string {
  let open = '';
  let close = '';
  for (let i = 1; i < levels; i++) {
    open += `{"id":"c${i}","children":[`;
    close += ']}';
  }
  const leaf = '{"id":"leaf","material":"desnz-2025/material-metal-steel-cans-primary","mass":"1 kg"}';
  const head = JSON.stringify(kettle({ id }));
  return `${head.slice(0, -1)},"components":[${open}${leaf}${close}]}`;
}

/** The pointer of the first component below the limit: /components/0 and then one /children/0 per level. */
const pointerAtLevel = (level: number) => '/components/0' + '/children/0'.repeat(level - 1);

describe.each(testBackends)('deeply nested bodies ($name)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!backend.skip) t = await testApp(backend);
  }, 60_000);
  afterAll(async () => t?.close());

  const json = { 'content-type': 'application/json' };

  it.skipIf(!!backend.skip)(`rejects components nested more than ${MAX_COMPONENT_DEPTH} levels with a 400 that names the pointer, on /v1/calculate and /v1/products`, async () => {
    const body = deepProduct(3000);
    expect(body.length).toBeGreaterThan(80_000);
    for (const url of ['/v1/calculate', '/v1/products']) {
      const res = await t.call(t.orgA.keys.write, 'POST', url, body, json);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(problem).toMatchObject({ code: 'GLCA_VALIDATION', status: 400 });
      expect(problem.errors).toHaveLength(1);
      expect(problem.errors[0]).toMatchObject({ pointer: pointerAtLevel(MAX_COMPONENT_DEPTH + 1), code: 'SCHEMA' });
      expect(problem.errors[0].detail).toMatch(/more than 100 levels/);
      expect(problem.errors[0].hint).toMatch(/flatten/);
    }
    expect((await t.call(t.orgA.keys.read, 'GET', '/v1/products')).json().items).toHaveLength(0);
  });

  it.skipIf(!!backend.skip)(`calculates and stores a tree exactly ${MAX_COMPONENT_DEPTH} levels deep`, async () => {
    const body = deepProduct(MAX_COMPONENT_DEPTH);
    const calc = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', body, json);
    expect(calc.statusCode).toBe(200);
    expect(calc.json().total.kgCO2e).toBeGreaterThan(0);
    expect((await t.call(t.orgA.keys.write, 'POST', '/v1/products', body, json)).statusCode).toBe(201);
    const over = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', deepProduct(MAX_COMPONENT_DEPTH + 1), json);
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0].pointer).toBe(pointerAtLevel(MAX_COMPONENT_DEPTH + 1));
  });

  it.skipIf(!!backend.skip)('checks products inside other bodies too (what-if, reports)', async () => {
    const body = `{"product":${deepProduct(3000)}}`;
    for (const url of ['/v1/whatif/compare', '/v1/reports/cfp']) {
      const res = await t.call(t.orgA.keys.read, 'POST', url, body, json);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0].pointer, url).toBe('/product' + pointerAtLevel(MAX_COMPONENT_DEPTH + 1));
    }
  });

  it.skipIf(!!backend.skip)('gives a deep product in a batch its own 422, the other products are calculated', async () => {
    const body = `{"products":[${deepProduct(3000)},${JSON.stringify(kettle({ id: 'fine' }))}]}`;
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/batch/calculate', body, json);
    expect(res.statusCode).toBe(200);
    const { items, summary } = res.json();
    expect(summary).toEqual({ ok: 1, failed: 1 });
    expect(items[0].problem).toMatchObject({ status: 422, code: 'GLCA_INPUT_INVALID' });
    expect(items[0].problem.errors[0]).toMatchObject({ pointer: '/products/0' + pointerAtLevel(MAX_COMPONENT_DEPTH + 1), code: 'SCHEMA' });
    expect(items[1].result.product.id).toBe('fine');
  });

  it.skipIf(!!backend.skip)(`rejects any other field nested more than ${MAX_JSON_DEPTH} levels in a product (it is hashed and stored)`, async () => {
    const notes = '['.repeat(20_000) + ']'.repeat(20_000);
    const body = `${JSON.stringify(kettle()).slice(0, -1)},"x-notes":${notes}}`;
    const res = await t.call(t.orgA.keys.write, 'POST', '/v1/products', body, json);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'GLCA_VALIDATION' });
    expect(res.json().errors[0].pointer).toMatch(/^\/x-notes(\/0)+$/);
    expect(res.json().errors[0].detail).toMatch(/more than 1000 levels/);
  });
});

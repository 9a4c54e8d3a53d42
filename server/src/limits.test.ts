import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kettle, testApp, type TestApp } from './testing/harness.js';
import { testBackends } from './storage/testing.js';
import {
  MAX_BATCH_LINES, MAX_BATCH_PRODUCT_LINES, MAX_COMPARE_LINE_EVALUATIONS, MAX_BOM_CELL_CHARS, MAX_BOM_COLUMNS, MAX_MONTE_CARLO_LINE_RUNS, MAX_PACT_EVENT_BYTES,
  MAX_NETWORK_RUN_INPUTS, MAX_PRODUCT_PROCESS_INPUTS, MAX_PRODUCT_PROCESSES, MAX_REPORT_LINES, MAX_SENSITIVITY_LINES, MAX_TOKEN_REQUEST_BYTES,
} from './limits.js';
import { linesOf, networkOf } from './lib/work.js';

/** A product with `n` inventory lines. */
const product = (n: number, id = `p${n}`) => kettle({
  id, inventory: Array.from({ length: n }, (_, i) => ({ stage: 'use', factor: 'desnz-2025/electricity-uk', amount: `${i + 1} kWh` })),
});

describe('linesOf', () => {
  it('counts inventory lines and components over the whole tree', () => {
    expect(linesOf({ inventory: [1, 2], components: [{ children: [{}, { inventory: [1] }] }] })).toBe(2 + 1 + 2 + 1);
    expect(linesOf('not a product')).toBe(0);
  });

  it('counts each foreground process input as a line', () => {
    expect(linesOf({ inventory: [1], processes: [{ inputs: [1, 2] }, { inputs: [3] }] })).toBe(1 + 3);
  });
});

/**
 * A product with `n` foreground processes in a ring, `inputs` inputs each (one background factor, the
 * rest the next processes, `amount` each: an expression of g makes the network parameterised).
 */
const network = (n: number, inputs = 2, amount = '0.5 kg', id = `net${n}`) => kettle({
  id, parameters: { g: 0.5 },
  processes: Array.from({ length: n }, (_, i) => ({
    id: `p${i}`, unit: 'kg',
    inputs: [{ factor: 'desnz-2025/electricity-uk', amount: '0.01 kWh' },
      ...Array.from({ length: inputs - 1 }, (_, k) => ({ process: `p${(i + k + 1) % n}`, amount: `${amount} / ${inputs}` }))],
  })),
  inventory: [{ stage: 'manufacture', factor: 'p0', amount: '1 kg' }],
});

describe('networkOf', () => {
  it('counts processes and inputs, and sees a parameter named in a process amount', () => {
    expect(networkOf(network(3, 2))).toEqual({ processes: 3, inputs: 6, parameterised: false });
    expect(networkOf(network(3, 2, 'g * 1 kg')).parameterised).toBe(true);
    expect(networkOf({ processes: [{ inputs: [{ amount: 'g kg' }] }] }).parameterised).toBe(false);
  });
});

/** Every request's work is bounded; going over a limit is a coded 413 or 422 whose detail says the limit. */
describe('bounded work per request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!, { resultCacheBytes: 0, rateLimit: false });
  }, 120_000);
  afterAll(async () => t?.close());

  const limitExceeded = (res: { statusCode: number; body: string; json(): any }, code: string, limit: number) => {
    expect(res.statusCode, res.body.slice(0, 300)).toBe(422);
    const body = res.json();
    expect(body).toMatchObject({ code: 'GLCA_LIMIT_EXCEEDED', errors: [expect.objectContaining({ code })] });
    expect(body.detail).toContain(limit.toLocaleString('en'));
  };

  it('refuses a batch over its lines in all, and a batch product over its own, with the limit', async () => {
    const perProduct = 1001;
    const many = Array.from({ length: Math.ceil((MAX_BATCH_LINES + 1) / perProduct) }, (_, i) => product(perProduct, `b${i}`));
    limitExceeded(await t.call(t.orgA.keys.read, 'POST', '/v1/batch/calculate?view=summary', { products: many }), 'BATCH_TOO_LARGE', MAX_BATCH_LINES);

    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/batch/calculate?view=summary', { products: [kettle(), product(MAX_BATCH_PRODUCT_LINES + 1)] });
    expect(res.statusCode).toBe(200);
    const [ok, tooLarge] = res.json().items;
    expect(ok.ok).toBe(true);
    expect(tooLarge.problem).toMatchObject({ status: 422, code: 'GLCA_LIMIT_EXCEEDED', errors: [{ pointer: '/products/1', code: 'PRODUCT_TOO_LARGE' }] });
  }, 60_000);

  it('refuses Monte Carlo runs × lines, scenario comparisons and a sensitivity analysis over their limits', async () => {
    const lines = Math.ceil(MAX_MONTE_CARLO_LINE_RUNS / 20_000) + 1;
    limitExceeded(await t.call(t.orgA.keys.read, 'POST', '/v1/whatif/uncertainty', { product: product(lines), runs: 20_000 }), 'MONTE_CARLO_TOO_LARGE', MAX_MONTE_CARLO_LINE_RUNS);
    expect((await t.call(t.orgA.keys.read, 'POST', '/v1/whatif/uncertainty', { product: kettle(), runs: 100 })).statusCode).toBe(200);
    const scenarios = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, name: `s${i}`, overrides: { parameters: { years: i + 1 } } }));
    const compared = product(Math.ceil(MAX_COMPARE_LINE_EVALUATIONS / 51) + 1);
    limitExceeded(await t.call(t.orgA.keys.read, 'POST', '/v1/whatif/compare', { product: compared, scenarios }), 'COMPARISON_TOO_LARGE', MAX_COMPARE_LINE_EVALUATIONS);
    expect((await t.call(t.orgA.keys.read, 'POST', '/v1/whatif/compare', { product: kettle(), scenarios })).statusCode).toBe(200);
    limitExceeded(await t.call(t.orgA.keys.read, 'POST', '/v1/whatif/sensitivity', { product: product(MAX_SENSITIVITY_LINES + 1) }), 'SENSITIVITY_TOO_LARGE', MAX_SENSITIVITY_LINES);
  });

  it('refuses a report of a product over its lines, sent or stored', async () => {
    limitExceeded(await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp?format=json', { product: product(MAX_REPORT_LINES + 1) }), 'REPORT_TOO_LARGE', MAX_REPORT_LINES);
    // A stored result's report too: the product was stored within the body limit, but is too large to report.
    const { id } = (await t.call(t.orgA.keys.write, 'POST', '/v1/products', product(MAX_REPORT_LINES + 1))).json();
    const stored = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/calculate`);
    expect(stored.statusCode).toBe(201);
    limitExceeded(await t.call(t.orgA.keys.read, 'GET', `/v1/results/${stored.json().id}/report?format=json`), 'REPORT_TOO_LARGE', MAX_REPORT_LINES);
  });

  it('refuses a product over the foreground processes or process inputs of one product, wherever it is calculated', async () => {
    const many = network(MAX_PRODUCT_PROCESSES + 1);
    const calc = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate?view=summary', many);
    limitExceeded(calc, 'TOO_MANY_PROCESSES', MAX_PRODUCT_PROCESSES);
    expect(calc.json().errors[0]).toMatchObject({ pointer: '/processes', hint: expect.any(String) });
    const wide = network(Math.ceil(MAX_PRODUCT_PROCESS_INPUTS / 20) + 1, 20);
    limitExceeded(await t.call(t.orgA.keys.read, 'POST', '/v1/calculate?view=summary', wide), 'TOO_MANY_PROCESS_INPUTS', MAX_PRODUCT_PROCESS_INPUTS);
    // At the limits it calculates.
    const atLimit = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate?view=summary', network(MAX_PRODUCT_PROCESSES, MAX_PRODUCT_PROCESS_INPUTS / MAX_PRODUCT_PROCESSES));
    expect(atLimit.statusCode, atLimit.body.slice(0, 300)).toBe(200);

    const batch = await t.call(t.orgA.keys.read, 'POST', '/v1/batch/calculate?view=summary', { products: [kettle(), many] });
    expect(batch.json().items[1].problem).toMatchObject({ status: 422, code: 'GLCA_LIMIT_EXCEEDED', errors: [{ pointer: '/products/1/processes', code: 'TOO_MANY_PROCESSES' }] });
    for (const path of ['/v1/whatif/compare', '/v1/whatif/sensitivity', '/v1/whatif/uncertainty', '/v1/whatif/suggest']) {
      const res = await t.call(t.orgA.keys.read, 'POST', path, { product: many, ...(path.endsWith('uncertainty') ? { runs: 10 } : {}) });
      limitExceeded(res, 'TOO_MANY_PROCESSES', MAX_PRODUCT_PROCESSES);
      expect(res.json().errors[0].pointer).toBe('/product/processes');
    }
    limitExceeded(await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp?format=json', { product: many, analyses: { runs: 0 } }), 'TOO_MANY_PROCESSES', MAX_PRODUCT_PROCESSES);
    limitExceeded(await t.call(t.orgA.keys.read, 'POST', '/v1/exports/olca', { product: many }), 'TOO_MANY_PROCESSES', MAX_PRODUCT_PROCESSES);
  }, 60_000);

  it('counts the solves of a network that uses parameters in Monte Carlo, sensitivity and reports', async () => {
    const inputs = 100;
    const runs = Math.floor(MAX_NETWORK_RUN_INPUTS / inputs) + 1;
    const uncertain = (p: Record<string, unknown>) => ({ ...p, uncertainty: { parameters: { g: { distribution: 'uniform', min: 0.45, max: 0.55 } } } });
    const parameterised = uncertain(network(50, 2, 'g * 1 kg'));
    limitExceeded(await t.call(t.orgA.keys.read, 'POST', '/v1/whatif/uncertainty', { product: parameterised, runs }), 'NETWORK_TOO_LARGE', MAX_NETWORK_RUN_INPUTS);
    limitExceeded(await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp?format=json', { product: parameterised, analyses: { runs } }), 'NETWORK_TOO_LARGE', MAX_NETWORK_RUN_INPUTS);
    // The tornado tries each parameter at two ends: (1 + 2 × parameters) solves.
    const parameters = Object.fromEntries(Array.from({ length: Math.ceil(MAX_NETWORK_RUN_INPUTS / inputs / 2) }, (_, i) => [`q${i}`, 1]));
    const tornado = { ...network(50, 2, 'g * 1 kg'), parameters: { g: 0.5, ...parameters } };
    limitExceeded(await t.call(t.orgA.keys.read, 'POST', '/v1/whatif/sensitivity', { product: tornado }), 'NETWORK_TOO_LARGE', MAX_NETWORK_RUN_INPUTS);
    expect((await t.call(t.orgA.keys.read, 'POST', '/v1/whatif/sensitivity', { product: network(50, 2, 'g * 1 kg') })).statusCode).toBe(200);
    // Fewer runs, or a network no parameter reaches, are not re-solved run by run.
    expect((await t.call(t.orgA.keys.read, 'POST', '/v1/whatif/uncertainty', { product: parameterised, runs: 10 })).statusCode).toBe(200);
    expect((await t.call(t.orgA.keys.read, 'POST', '/v1/whatif/uncertainty', { product: uncertain(network(50)), runs })).statusCode).toBe(200);
  }, 60_000);

  it('refuses a BOM with too many columns or too long a cell, naming the line', async () => {
    const csv = (row: string) => ({ csv: `Level,Part Number,Quantity\n0,P,1\n${row}\n` });
    const wide = await t.call(t.orgA.keys.read, 'POST', '/v1/imports/bom', csv(`1,A,1${',x'.repeat(MAX_BOM_COLUMNS)}`));
    expect(wide.statusCode).toBe(422);
    expect(wide.json()).toMatchObject({ code: 'GLCA_BOM_INVALID', errors: [{ code: 'TOO_MANY_COLUMNS', pointer: '/csv/3' }] });
    const long = await t.call(t.orgA.keys.read, 'POST', '/v1/imports/bom', csv(`1,${'A'.repeat(MAX_BOM_CELL_CHARS + 1)},1`));
    expect(long.statusCode).toBe(422);
    expect(long.json()).toMatchObject({ code: 'GLCA_BOM_INVALID', errors: [{ code: 'CELL_TOO_LONG', pointer: '/csv/3/2' }] });
    expect(long.json().detail).toContain(MAX_BOM_CELL_CHARS.toLocaleString('en'));
  });

  it('says the body limit in a 413, on problem+json, PACT and OAuth paths', async () => {
    const big = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }), { 'content-type': 'application/json' });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'GLCA_BODY_TOO_LARGE', detail: expect.stringContaining('2097152 bytes') });

    const token = await t.call(undefined, 'POST', '/auth/token', `grant_type=client_credentials&pad=${'x'.repeat(MAX_TOKEN_REQUEST_BYTES)}`,
      { 'content-type': 'application/x-www-form-urlencoded' });
    expect(token.statusCode).toBe(413);
    expect(token.json()).toEqual({ error: 'invalid_request', error_description: expect.stringContaining(`${MAX_TOKEN_REQUEST_BYTES} bytes`) });

    const key = t.orgA.keys.read;
    const basic = `Basic ${Buffer.from(`${key.split('_')[1]}:${key}`).toString('base64')}`;
    const issued = await t.call(undefined, 'POST', '/auth/token', 'grant_type=client_credentials', { 'content-type': 'application/x-www-form-urlencoded', authorization: basic });
    const event = { type: 'org.wbcsd.pact.ProductFootprint.PublishedEvent.3', specversion: '1.0', id: '1', source: 'x', data: { pad: 'x'.repeat(MAX_PACT_EVENT_BYTES) } };
    const res = await t.app.inject({ method: 'POST', url: '/3/events', payload: event, headers: { authorization: `Bearer ${issued.json().access_token}` } });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({ code: 'BadRequest', message: expect.stringContaining(`${MAX_PACT_EVENT_BYTES} bytes`) });
  });
});

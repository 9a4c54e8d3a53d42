import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { FIXED_NOW, kettle, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';

announceSkips();

describe.each(testBackends)('POST /v1/calculate ($name)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!backend.skip) t = await testApp(backend);
  }, 60_000);
  afterAll(async () => t?.close());

  it.skipIf(!!backend.skip)('gives exactly the engine\'s result, to the last digit', async () => {
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', kettle());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const direct = calculate(kettle(), t.app.catalogue.library, { referenceYear: FIXED_NOW().getUTCFullYear() });
    expect(body.total.kgCO2e).toBe(direct.total.kgCO2e);
    expect(body).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(body.total.kgCO2e).toBeGreaterThan(0);
    expect(body.datasets.map((d: { id: string }) => d.id)).toContain('desnz-2025');
  });

  it.skipIf(!!backend.skip)('answers an identical body from the same organisation from the cache, with the same bytes', async () => {
    const body = JSON.stringify(kettle({ id: 'cache-test' }));
    const first = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', body, { 'content-type': 'application/json' });
    const second = await t.call(t.orgA.keys.write, 'POST', '/v1/calculate', body, { 'content-type': 'application/json' });
    expect([first.headers['x-greenlca-cache'], second.headers['x-greenlca-cache']]).toEqual(['miss', 'hit']);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toMatch(/^application\/json/);
    const otherOrg = await t.call(t.orgB.keys.read, 'POST', '/v1/calculate', body, { 'content-type': 'application/json' });
    expect(otherOrg.headers['x-greenlca-cache']).toBe('miss');
    const otherGwp = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate?gwp=AR5', body, { 'content-type': 'application/json' });
    expect(otherGwp.headers['x-greenlca-cache']).toBe('miss');
    expect(otherGwp.json().gwp).toBe('AR5');
    const summary = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate?view=summary', body, { 'content-type': 'application/json' });
    expect(summary.headers['x-greenlca-cache']).toBe('miss');
    expect(summary.json().lines).toBeUndefined();
    expect(summary.json().total).toEqual(first.json().total);
  });

  it.skipIf(!!backend.skip)('recharacterises with the GWP set in the query', async () => {
    const ar4 = (await t.call(t.orgA.keys.read, 'POST', '/v1/calculate?gwp=AR4', kettle())).json();
    const direct = calculate(kettle(), t.app.catalogue.library, { gwp: 'AR4', referenceYear: 2026 });
    expect(ar4.gwp).toBe('AR4');
    expect(ar4.total.kgCO2e).toBe(direct.total.kgCO2e);
  });

  it.skipIf(!!backend.skip)('asks for a key (401 problem) and accepts any scope from read up', async () => {
    const none = await t.call(undefined, 'POST', '/v1/calculate', kettle());
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.json()).toMatchObject({ status: 401, code: 'GLCA_UNAUTHORIZED' });
    const wrong = await t.call('glca_0000000000000000_notarealsecretnotarealsecret', 'POST', '/v1/calculate', kettle());
    expect(wrong.json().code).toBe('GLCA_UNAUTHORIZED');
    for (const key of Object.values(t.orgA.keys)) expect((await t.call(key, 'POST', '/v1/calculate', kettle())).statusCode).toBe(200);
    // Two keys in two headers: refused, whichever order (Node would keep the first silently).
    for (const keys of [[t.orgA.keys.read, 'glca_wrong'], ['glca_wrong', t.orgA.keys.read]]) {
      const two = await t.app.inject({ method: 'POST', url: '/v1/calculate', headers: { authorization: keys.map((k) => `Bearer ${k}`) as never }, payload: kettle() });
      expect(two.statusCode).toBe(400);
      expect(two.json().detail).toContain('more than one Authorization header');
    }
  });

  it.skipIf(!!backend.skip)('answers a shape error with 400 and a JSON pointer per problem', async () => {
    const bad = kettle({ inventory: [{ stage: 'usage', factor: 'desnz-2025/electricity-uk', amount: '1 kWh' }], functionalUnit: { amount: 0, unit: 'item' } });
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', bad);
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem).toMatchObject({ type: 'https://greenlca.org/problems/GLCA_VALIDATION', status: 400, code: 'GLCA_VALIDATION', instance: '/v1/calculate' });
    expect(problem.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/functionalUnit/amount', '/inventory/0/stage']);
    expect(problem.errors.find((e: { pointer: string }) => e.pointer === '/inventory/0/stage').detail).toMatch(/design, manufacture/);
  });

  it.skipIf(!!backend.skip)('lists shape and semantic problems in one answer, with unknown fields as warnings (as the CLI does)', async () => {
    // Issue 14, finding 11: a bad stage hid the mass unit "kgg", a unit mismatch and a mistyped factor id; "colour" was never flagged.
    const bad = kettle({
      colour: 'red',
      components: [{ id: 'body', material: 'desnz-2025/material-plastics-pp-incl-forming-primary', mass: '2 kgg' }],
      inventory: [
        { stage: 'manufactur', factor: 'cn-mee/electricity-footprint-national-2024', amount: '3 kWh' },
        { stage: 'use', factor: 'cn-mee/electricity-footprint-national-2024', amount: '3 kg' },
        { stage: 'transport', factor: 'desnz-2025/freight-rail-freight-trian-tkm', amount: '1 kg * 100 km' },
      ],
    });
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', bad);
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('GLCA_VALIDATION');
    expect(problem.errors.map((e: { code: string; pointer: string }) => `${e.code} ${e.pointer}`)).toEqual([
      'UNKNOWN_STAGE /inventory/0/stage', 'UNKNOWN_PARAMETER /components/0/mass', 'UNIT_MISMATCH /inventory/1/amount', 'UNKNOWN_FACTOR /inventory/2/factor',
    ]);
    expect(problem.warnings).toEqual([expect.objectContaining({ code: 'UNKNOWN_FIELD', pointer: '/colour' })]);
    // A product whose problems are all semantic keeps its 422, now with the warnings too.
    const semantic = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', kettle({ colour: 'red', inventory: [{ stage: 'use', factor: 'desnz-2025/electricity-ukk', amount: '1 kWh' }] }));
    expect(semantic.statusCode).toBe(422);
    expect(semantic.json().warnings.map((w: { pointer: string }) => w.pointer)).toEqual(['/colour']);
  });

  it.skipIf(!!backend.skip)('answers a product the engine cannot calculate with 422 and the engine\'s codes and hints', async () => {
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', kettle({
      inventory: [
        { stage: 'use', factor: 'desnz-2025/electricity-ukk', amount: '1 kWh' },
        { stage: 'use', factor: 'desnz-2025/electricity-uk', amount: '2 kg' },
      ],
    }));
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.code).toBe('GLCA_INPUT_INVALID');
    const byPointer = Object.fromEntries(problem.errors.map((e: { pointer: string }) => [e.pointer, e]));
    expect(byPointer['/inventory/0/factor']).toMatchObject({ code: 'UNKNOWN_FACTOR' });
    expect(byPointer['/inventory/0/factor'].hint).toMatch(/electricity-uk/);
    expect(Object.values(byPointer).some((e) => (e as { code: string }).code === 'UNIT_MISMATCH')).toBe(true);
  });

  it.skipIf(!!backend.skip)('answers numbers past the largest double with 422 NON_FINITE at the line, stored or not, full or summary', async () => {
    // Once a 500 ("Cannot convert Infinity to a BigInt") on every route that calculated such a product.
    const deep = kettle({ id: 'overflow', inventory: [], components: [{ id: 'a', quantity: 1e200, children: [{ id: 'b', quantity: 1e200, material: 'desnz-2025/material-plastics-pp-incl-forming-primary', mass: '1 kg' }] }] });
    for (const url of ['/v1/calculate', '/v1/calculate?view=summary']) {
      const res = await t.call(t.orgA.keys.read, 'POST', url, deep);
      expect(res.statusCode, url).toBe(422);
      expect(res.json().errors.map((e: { code: string; pointer: string }) => `${e.code} ${e.pointer}`)).toEqual(['NON_FINITE /components/0/children/0/quantity']);
    }
    const stored = await t.call(t.orgA.keys.write, 'POST', '/v1/products', deep);
    expect(stored.statusCode).toBe(201);
    const again = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${stored.json().id}/calculate`);
    expect(again.statusCode).toBe(422);
    const line = kettle({ inventory: [{ stage: 'manufacture', factor: 'desnz-2025/material-plastics-pp-incl-forming-primary', amount: '1e308 kg' }], components: [] });
    const summary = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate?view=summary', line);
    expect(summary.statusCode).toBe(422);
    expect(summary.json().errors.map((e: { code: string; pointer: string }) => `${e.code} ${e.pointer}`)).toEqual(['NON_FINITE /inventory/0']);
  });

  it.skipIf(!!backend.skip)('refuses a body that is not UTF-8 (400) or declares another charset (415), here and when storing, storing nothing', async () => {
    // Once stored as "Caf\uFFFD cr\uFFFDme" with a 201.
    const latin1 = Buffer.from(JSON.stringify(kettle({ id: 'latin1', name: 'Caf\xe9 cr\xe8me' })), 'latin1');
    const headers = { authorization: `Bearer ${t.orgA.keys.write}`, 'content-type': 'application/json' };
    for (const url of ['/v1/calculate', '/v1/products']) {
      const res = await t.app.inject({ method: 'POST', url, headers, payload: latin1 });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ code: 'INVALID_UTF8', detail: expect.stringContaining('(0xe9)') });
      const declared = await t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json; charset=iso-8859-1' }, payload: latin1 });
      expect(declared.statusCode, url).toBe(415);
    }
    expect(JSON.stringify((await t.call(t.orgA.keys.read, 'GET', '/v1/products')).json())).not.toContain('\uFFFD');
    const utf8 = await t.app.inject({ method: 'POST', url: '/v1/calculate', headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, payload: Buffer.from(JSON.stringify(kettle({ name: '电水壶 Café' }))) });
    expect(utf8.statusCode).toBe(200);
    expect(utf8.json().product.name).toBe('电水壶 Café');
  });

  it.skipIf(!!backend.skip)('never answers bad input with a 5xx or a stack trace', async () => {
    const bodies: [string, string][] = [
      ['application/json', '{"schemaVersion":1,'],
      ['application/json', ''],
      ['application/json', 'null'],
      ['application/json', '[]'],
      ['application/json', '"product"'],
      ['application/json', JSON.stringify(kettle({ parameters: { years: 'years * 2' } }))],
      ['application/json', JSON.stringify(kettle({ parameters: { a: 'b', b: 'a' } }))],
      ['application/json', JSON.stringify(kettle({ inventory: [{ stage: 'use', factor: 'desnz-2025/electricity-uk', amount: '1e999 kWh' }] }))],
      ['application/json', JSON.stringify(kettle({ inventory: [{ stage: 'use', factor: 'desnz-2025/electricity-uk', amount: 'kWh kWh kWh' }] }))],
      ['application/json', JSON.stringify(kettle({ components: [{ id: 'a', material: 'nope/nope', mass: '-1 kg', quantity: -2 }] }))],
      ['application/json', JSON.stringify(kettle({ inventory: [{ stage: 'use', substance: 'unobtainium', amount: '1 kg' }] }))],
      ['application/json', '{"__proto__":{"polluted":true},"schemaVersion":1}'],
      ['text/plain', 'hello'],
      ['application/xml', '<product/>'],
    ];
    for (const [type, payload] of bodies) {
      const res = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', payload, { 'content-type': type });
      expect(res.statusCode, `${type} ${payload.slice(0, 60)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${type} ${payload.slice(0, 60)}`).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).not.toMatch(/\n\s+at /);
      expect(typeof res.json().code).toBe('string');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.skipIf(!!backend.skip)('refuses a body over the limit with 413', async () => {
    const huge = kettle({ description: 'x'.repeat(3 * 1024 * 1024) });
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', huge);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('GLCA_BODY_TOO_LARGE');
  });
});

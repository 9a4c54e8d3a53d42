/**
 * What the calculation path keeps between requests (the organisation's dataset versions, its factor
 * library, factors characterised per GWP set, the result cache) never changes an answer: the same
 * request gives the same bytes from a warm server as from a process that never answered anything,
 * and an organisation's new dataset version is used by the very next request.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { product200 } from '../../../../test/bench/api.js';
import { buildApp } from '../../app.js';
import { FIXED_NOW, kettle, OPERATOR_KEY, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';
import { csvText, zhTable } from '../../org-datasets/testing/tables.js';

announceSkips();

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..', '..');

/** The example products that calculate on their own (not the evaluation or scenario documents). */
const examples = readdirSync(join(root, 'examples'))
  .map((f) => JSON.parse(readFileSync(join(root, 'examples', f), 'utf8')) as Record<string, unknown>)
  .filter((p) => p.schemaVersion === 1 && p.functionalUnit && !('scenarios' in p));

/** Several products in both views; two of them also with another GWP set and with impact methods. */
const products = [kettle(), product200(7), ...examples, product200(0)];
const requests = products.flatMap((product, i) => {
  const body = JSON.stringify(product);
  const queries = ['', '?view=summary', ...(i < 2 ? ['?gwp=AR5', '?view=summary&method=ef-3.1', '?method=ef-3.1,traci-2.2'] : [])];
  return queries.map((q) => ({ url: `/v1/calculate${q}`, body }));
});

/** The answers of a fresh process (server/src/testing/cold-answers.ts), in request order. */
function coldAnswers(list: { url: string; body: string }[]): Promise<{ status: number; body: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@greenlca/source', '--import', 'tsx', join(here, '..', '..', 'testing', 'cold-answers.ts')], {
      cwd: root, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`cold process exited with ${code}: ${err}`))));
    child.stdin.end(JSON.stringify(list));
  });
}

describe('POST /v1/calculate from a warm server and from a cold process', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends.find((b) => b.name === 'pglite')!, { resultCacheBytes: 0 });
  }, 60_000);
  afterAll(async () => t?.close());

  it(`gives the same bytes for ${requests.length} requests (${products.length} products, full and summary; AR5 and methods on two)`, async () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const cold = await coldAnswers(requests);
    // The warm server answers everything once, then again in reverse order: each answer is then
    // made after every other product's, with every cache it keeps filled.
    const warm = async (r: { url: string; body: string }) =>
      (await t.call(OPERATOR_KEY, 'POST', r.url, r.body, { 'content-type': 'application/json' }));
    for (const r of requests) await warm(r);
    const answers = [];
    for (const r of [...requests].reverse()) answers.unshift(await warm(r));
    answers.forEach((res, i) => {
      expect(res.statusCode, `${requests[i]!.url} ${res.body.slice(0, 300)}`).toBe(200);
      expect(cold[i]!.status).toBe(200);
      // Byte for byte (base64 of the raw bytes), not only equal as parsed JSON.
      expect(res.rawPayload.toString('base64'), requests[i]!.url).toBe(cold[i]!.body);
    });
    // Not a trivial comparison: the views, sets and methods give different answers.
    expect(new Set(cold.map((a) => a.body)).size).toBe(requests.length);
  }, 120_000);
});

const META = { id: 'acme-materials', name: 'ACME purchased materials', publisher: 'ACME compliance team', licence: 'internal', citation: 'ACME declarations', gwp: 'AR6' };
const importBody = (value: (i: number) => number) =>
  ({ dataset: META, format: 'csv', file: Buffer.from(csvText(zhTable(3, value))).toString('base64'), fileName: 'factors.csv' });
/** 2 kg of m-1 and 3 kg of m-3 of the organisation's own table. */
const bracket = JSON.stringify(kettle({
  id: 'bracket', name: 'Steel bracket', region: 'CN', parameters: {},
  inventory: [
    { stage: 'manufacture', factor: 'acme-materials/m-1', amount: '2 kg' },
    { stage: 'manufacture', factor: 'acme-materials/m-3', amount: '3 kg' },
  ],
  components: [],
}));

describe.each(testBackends)('an organisation\'s new dataset version ($name)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    if (!backend.skip) t = await testApp(backend);
  }, 60_000);
  afterAll(async () => t?.close());

  it.skipIf(!!backend.skip)('is used by the next calculation, in both views, with and without the result cache', async () => {
    // A second server on the same storage with its result cache off: what it keeps is the versions and libraries.
    const uncached = await buildApp({ webRoot: false, now: FIXED_NOW, storage: t.storage, resultCacheBytes: 0 });
    const calc = async (url: string) => {
      const answers = [];
      for (const app of [t.app, uncached]) {
        const res = await app.inject({ method: 'POST', url, payload: bracket, headers: { authorization: `Bearer ${t.orgA.keys.read}`, 'content-type': 'application/json' } });
        expect(res.statusCode, res.body).toBe(200);
        answers.push(res.body);
      }
      expect(answers[1]).toBe(answers[0]);
      return JSON.parse(answers[0]!) as { total: { kgCO2e: number }; datasets: { id: string; version: string }[] };
    };
    // Version 1: m-1 is 0.2 kg CO2e/kg and m-3 0.4, so 2 × 0.2 + 3 × 0.4 = 1.6 kg CO2e.
    expect((await t.call(t.orgA.keys.write, 'POST', '/v1/org-datasets', importBody((i) => (i + 1) / 10))).statusCode).toBe(201);
    for (const view of ['', '?view=summary']) {
      const first = await calc(`/v1/calculate${view}`);
      expect(first.total.kgCO2e).toBe(1.6);
      expect(first.datasets).toContainEqual(expect.objectContaining({ id: 'acme-materials', version: '1' }));
      expect((await calc(`/v1/calculate${view}`)).total.kgCO2e).toBe(1.6); // warm: versions, library and answer kept
    }
    // Version 2 doubles every value (2 × 0.4 + 3 × 0.8 = 3.2): the very next request uses it.
    expect((await t.call(t.orgA.keys.write, 'POST', '/v1/org-datasets', importBody((i) => (2 * (i + 1)) / 10))).statusCode).toBe(201);
    for (const view of ['', '?view=summary']) {
      const next = await calc(`/v1/calculate${view}`);
      expect(next.total.kgCO2e).toBe(3.2);
      expect(next.datasets).toContainEqual(expect.objectContaining({ id: 'acme-materials', version: '2' }));
    }
    // Another organisation never saw either version.
    const other = await t.call(t.orgB.keys.read, 'POST', '/v1/calculate', bracket, { 'content-type': 'application/json' });
    expect(other.statusCode).toBe(422);
    await uncached.close();
  }, 60_000);
});

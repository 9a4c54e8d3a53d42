import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '@greenlca/schema';
import { inputHash } from '../lib/hash.js';
import { keyIdOf } from '../lib/keys.js';
import { kettle, testApp, type TestApp } from '../testing/harness.js';
import { announceSkips, testBackends } from '../storage/testing.js';

announceSkips();

/** Fast polling and retries, so a chunk's attempts happen within a test. */
const QUEUE = { chunkSize: 25, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1, retryLimit: 2 };
const LOOPBACK = { outbound: { allowLoopback: true } };
const RESIN_ID = 'urn:pact:resin.example:product-id:PP-7';
const COMPANY = { name: 'Resin Works Ltd', ids: ['urn:pact:resin.example:company-id:1'] };
const sized = (i: number) => kettle({ id: `kettle-${i}`, name: `Kettle ${i}`, parameters: { years: 1 + i, boilsPerDay: { value: 2, unit: '1/day' } } });

async function settled(t: TestApp, key: string, location: string): Promise<any> {
  for (let i = 0; i < 240; i++) {
    const job = (await t.call(key, 'GET', location)).json();
    if (job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`job ${location} did not finish`);
}

/**
 * A partner's PACT API on loopback: its first ListFootprints answers 503 (overloaded), later ones the
 * footprints it is given; productId urn:bad gets a footprint that is not PACT v3. Counts its tokens.
 */
function flakyPartner() {
  const seen = { tokens: 0, lists: 0 };
  let footprints: unknown[] = [];
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/auth/token') return seen.tokens++, send(200, { access_token: `t-${seen.tokens}`, token_type: 'Bearer', expires_in: 3600 });
    if (!req.url?.startsWith('/3/footprints')) return send(404, {});
    if (seen.lists++ === 0) return send(503, { code: 'InternalError', message: 'overloaded' });
    if (req.url.includes('urn%3Abad')) return send(200, { data: [{ id: 'not-a-footprint', specVersion: '3.0.0' }] });
    return send(200, { data: footprints });
  });
  return {
    seen, server, serve: (docs: unknown[]) => { footprints = docs; },
    listen: () => new Promise<string>((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
  };
}

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(`report and pact-fetch jobs (${backend.name})`, () => {
    let buyer: TestApp;
    let idle: TestApp;
    let supplier: TestApp;
    let supplierUrl = '';
    const flaky = flakyPartner();
    const ids: string[] = [];
    let broken = '';

    beforeAll(async () => {
      // The buyer works on its jobs; `idle` queues them and never works (its chunks are run by hand below).
      [buyer, supplier, idle] = await Promise.all([
        testApp(backend, { pact: LOOPBACK, jobs: { ...QUEUE, work: true }, rateLimit: false }),
        testApp(backend, { pact: LOOPBACK, rateLimit: false }),
        testApp(backend, { rateLimit: false, jobs: QUEUE }),
      ]);
      supplierUrl = await supplier.app.listen({ host: '127.0.0.1', port: 0 });
      for (let i = 0; i < 3; i++) {
        const res = await buyer.call(buyer.orgA.keys.write, 'POST', '/v1/products', sized(i));
        ids.push(res.json().id);
      }
      broken = (await buyer.call(buyer.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'broken', inventory: [{ stage: 'use', factor: 'no-such/factor', amount: '1 kWh' }] }))).json().id;
      for (let i = 0; i < 2; i++) await idle.call(idle.orgA.keys.write, 'POST', '/v1/products', sized(i));
    }, 120_000);

    afterAll(async () => {
      await Promise.all([buyer?.close(), supplier?.close(), idle?.close()]);
      await new Promise<void>((ok) => flaky.server.close(() => ok()));
    });

    it('stores a report of each product in each format, as the synchronous report route makes it, downloadable by its organisation only', async () => {
      const created = await buyer.call(buyer.orgA.keys.write, 'POST', '/v1/jobs', { kind: 'report', report: 'cfp', formats: ['json', 'html'], lang: 'en', analyses: { runs: 0 } });
      expect(created.statusCode, created.body).toBe(202);
      expect(created.json()).toMatchObject({ kind: 'report', progress: { total: 4, pending: 4 } });
      const job = await settled(buyer, buyer.orgA.keys.read, String(created.headers.location));
      expect(job).toMatchObject({ state: 'completed', progress: { total: 4, done: 3, failed: 1, pending: 0 } });
      expect(job.failures[0]).toMatchObject({ productId: broken, problem: { code: 'GLCA_INPUT_INVALID', status: 422, errors: [{ pointer: '/inventory/0/factor' }] } });

      const items = (await buyer.call(buyer.orgA.keys.read, 'GET', `/v1/jobs/${job.id}/items?state=done`)).json().items;
      expect(items.map((i: any) => i.productId)).toEqual(ids);
      for (const [n, item] of items.entries()) {
        expect(item.reports.map((r: any) => r.format)).toEqual(['html', 'json']);
        const sync = await buyer.call(buyer.orgA.keys.read, 'POST', '/v1/reports/cfp?format=json&lang=en', { product: sized(n), analyses: { runs: 0 } });
        const syncHtml = await buyer.call(buyer.orgA.keys.read, 'POST', '/v1/reports/cfp?format=html&lang=en', { product: sized(n), analyses: { runs: 0 } });
        for (const link of item.reports) {
          expect(link.href).toBe(`/v1/reports/${link.id}`);
          const got = await buyer.call(buyer.orgA.keys.read, 'GET', link.href);
          expect(got.statusCode).toBe(200);
          expect(got.headers['content-type']).toBe(link.format === 'json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8');
          expect(createHash('sha256').update(got.rawPayload).digest('hex')).toBe(link.sha256);
          expect(got.rawPayload.length).toBe(link.bytes);
          if (link.format === 'json') expect(got.json()).toEqual(sync.json());
          else expect(got.body).toBe(syncHtml.body);
          // Another organisation does not find it.
          expect((await buyer.call(buyer.orgB.keys.read, 'GET', link.href)).statusCode).toBe(404);
        }
        const stored = await buyer.storage.getStoredReport(buyer.orgA.id, item.reports[0].id);
        expect(stored).toMatchObject({ jobId: job.id, productId: ids[n], productVersion: 1, inputHash: inputHash(sized(n)), kind: 'cfp', lang: 'en' });
        expect(stored!.datasets).toEqual((await buyer.call(buyer.orgA.keys.read, 'POST', '/v1/calculate', sized(n))).json().datasets);
      }
    }, 120_000);

    it('stores nothing twice when a chunk runs twice at once, and nothing for a cancelled job', async () => {
      const t = idle;
      const post = async () => (await t.call(t.orgA.keys.write, 'POST', '/v1/jobs', { kind: 'report', report: 'lca', formats: ['json'], lang: 'en', method: 'ef-3.1' })).json();
      const job = await post();
      expect(job.progress.total).toBe(2);
      const chunk = { data: { jobId: job.id, from: 0, to: 25, orgId: t.orgA.id, kind: 'report' }, retryCount: 0, retryLimit: 2 };
      const library = await t.app.orgLibraries.library(t.orgA.id);
      // Two runs of one chunk (a lease that ran out on a slow but live worker): both render, one stores.
      const runs = await Promise.all([0, 1].map(() => (t.app.jobs as any).runPrepared(chunk, library)));
      expect(runs.sort()).toEqual([0, 2]);
      const items = (await t.call(t.orgA.keys.read, 'GET', `/v1/jobs/${job.id}/items`)).json().items;
      expect(items.map((i: any) => [i.state, i.reports.length])).toEqual([['done', 1], ['done', 1]]);
      const sync = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/lca?format=json&lang=en&method=ef-3.1', { product: sized(0) });
      expect((await t.call(t.orgA.keys.read, 'GET', items[0].reports[0].href)).json()).toEqual(sync.json());
      expect((await t.call(t.orgA.keys.read, 'GET', `/v1/jobs/${job.id}`)).json().state).toBe('completed');

      const cancelled = await post();
      expect((await t.call(t.orgA.keys.write, 'POST', `/v1/jobs/${cancelled.id}/cancel`)).json()).toMatchObject({ state: 'cancelled' });
      expect(await (t.app.jobs as any).runPrepared({ ...chunk, data: { ...chunk.data, jobId: cancelled.id } }, library)).toBe(0);
      expect((await t.call(t.orgA.keys.read, 'GET', `/v1/jobs/${cancelled.id}/items`)).json().items.map((i: any) => i.state)).toEqual(['pending', 'pending']);
    }, 120_000);

    it('refuses what a report or fetch job cannot do before queuing it', async () => {
      const k = buyer.orgA.keys.write;
      expect((await buyer.call(k, 'POST', '/v1/jobs', { kind: 'report', report: 'cfp', formats: ['pdf'], company: 'X' })).json()).toMatchObject({ code: 'GLCA_VALIDATION', errors: [{ pointer: '/body/company' }] });
      expect((await buyer.call(k, 'POST', '/v1/jobs', { kind: 'report', report: 'ecodesign', formats: ['json'], evaluation: { product: {} } })).json()).toMatchObject({ errors: [{ pointer: '/body/evaluation/product' }] });
      expect((await buyer.call(k, 'POST', '/v1/jobs', { kind: 'report', report: 'lca', formats: ['json'], method: 'no-such-method' })).statusCode).toBe(400);
      const unknown = await buyer.call(k, 'POST', '/v1/jobs', { kind: 'pact-fetch', requests: [{ partnerId: randomUUID() }] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toMatchObject({ code: 'GLCA_VALIDATION', errors: [{ pointer: '/body/requests/0/partnerId', code: 'UNKNOWN_PARTNER' }] });
    });

    it('fetches footprints from PACT partners: each checked, a failure that may pass retried, an invalid answer and an unreachable partner each a coded problem', async () => {
      // The supplier publishes two footprints on its own PACT API.
      const published: any[] = [];
      for (const [product, productId] of [[sized(7), RESIN_ID], [sized(8), 'urn:pact:resin.example:product-id:MB-1']] as const) {
        const created = await supplier.call(supplier.orgA.keys.write, 'POST', '/v1/products', product as unknown as Product);
        const pub = await supplier.call(supplier.orgA.keys.write, 'POST', `/v1/products/${created.json().id}/footprints`, { company: COMPANY, productIds: [productId], fossilCarbonContentKgC: 0.85 });
        expect(pub.statusCode, pub.body).toBe(201);
        published.push(pub.json().footprint);
      }
      flaky.serve([published[1]]);
      const register = async (name: string, baseUrl: string, secret: string) => (await buyer.call(buyer.orgA.keys.admin, 'POST', '/v1/pact/partners', {
        name, baseUrl, clientId: secret === 'x' ? 'x' : keyIdOf(secret), clientSecret: secret,
      })).json().id as string;
      const real = await register('Resin Works', supplierUrl, supplier.orgA.keys.read);
      const flakyId = await register('Flaky', await flaky.listen(), 'x');
      const dead = await register('Gone', 'http://127.0.0.1:9', 'x');

      const created = await buyer.call(buyer.orgA.keys.write, 'POST', '/v1/jobs', {
        kind: 'pact-fetch',
        requests: [{ partnerId: real, productIds: [RESIN_ID] }, { partnerId: real, filter: { companyId: COMPANY.ids } }, { partnerId: flakyId },
          { partnerId: flakyId, productIds: ['urn:bad'] }, { partnerId: dead }],
      });
      expect(created.statusCode, created.body).toBe(202);
      const job = await settled(buyer, buyer.orgA.keys.read, String(created.headers.location));
      expect(job).toMatchObject({ kind: 'pact-fetch', state: 'completed', progress: { total: 5, done: 3, failed: 2, pending: 0 } });
      const items = (await buyer.call(buyer.orgA.keys.read, 'GET', `/v1/jobs/${job.id}/items`)).json().items;
      // The supplier's footprints, as its GetFootprint gives them.
      expect(items[0].result).toEqual({ partnerId: real, footprints: [published[0]] });
      expect(items[1].result.footprints.map((f: any) => f.id).sort()).toEqual(published.map((f) => f.id).sort());
      const one = (await buyer.call(buyer.orgA.keys.read, 'GET', `/v1/pact/partners/${real}/footprints/${published[0].id}`)).json();
      expect(items[0].result.footprints[0]).toEqual(one.footprint);
      // The flaky partner's 503 was retried: the second attempt got its footprint, with the token of the first.
      expect(items[2]).toMatchObject({ state: 'done', result: { partnerId: flakyId, footprints: [published[1]] } });
      expect(flaky.seen).toEqual({ tokens: 1, lists: 3 });
      expect(items[3]).toMatchObject({ state: 'failed', problem: { code: 'GLCA_PARTNER_BAD_ANSWER', errors: expect.arrayContaining([{ pointer: '/data/0/pcf', code: 'PACT_INVALID', detail: 'is required' }]) } });
      expect(items[3].problem.errors[0].pointer).toMatch(/^\/data\/0/);
      // Unreachable on every attempt: the partner's own problem, not a generic one.
      expect(items[4]).toMatchObject({ state: 'failed', problem: { code: 'GLCA_PARTNER_UNREACHABLE', status: 502, instance: `/v1/jobs/${job.id}/items/4` } });
    }, 120_000);
  });
}

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '@greenlca/schema';
import { buildApp } from '../app.js';
import { inputHash } from '../lib/hash.js';
import { FIXED_NOW, kettle, makeOrg, OPERATOR_KEY, type TestOrg } from '../testing/harness.js';
import { announceSkips, testBackends } from '../storage/testing.js';
import type { Storage } from '../storage/index.js';
import type { App } from '../app.js';

announceSkips();

/** Fast polling and expiry, so retries and dead letters happen within a test. */
const QUEUE = { chunkSize: 25, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1, retryLimit: 2 };

const sized = (i: number) => kettle({ id: `kettle-${i}`, name: `Kettle ${i}`, parameters: { years: 1 + (i % 7), boilsPerDay: { value: 1 + (i % 5), unit: '1/day' } } });

async function store(storage: Storage, orgId: string, product: Record<string, unknown>): Promise<string> {
  const id = randomUUID();
  await storage.createProduct(orgId, { id, product: product as unknown as Product, inputHash: inputHash(product) });
  return id;
}

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(`background jobs (${backend.name})`, () => {
    let storage: Awaited<ReturnType<typeof backend.open>>;
    let api: App;
    let worker: App;
    let orgA: TestOrg;
    let orgB: TestOrg;
    const ids: string[] = [];
    let broken = '';

    const call = (app: App, key: string, method: 'GET' | 'POST', url: string, payload?: object) =>
      app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });

    /** Poll a job until it is no longer queued or running. */
    async function settled(key: string, location: string): Promise<any> {
      for (let i = 0; i < 240; i++) {
        const job = (await call(api, key, 'GET', location)).json();
        if (job.state !== 'queued' && job.state !== 'running') return job;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`job ${location} did not finish`);
    }

    beforeAll(async () => {
      storage = await backend.open();
      // Two apps on one storage: an API that never works on chunks, and one that does (GREENLCA_ROLE api and all).
      api = await buildApp({ storage, webRoot: false, now: FIXED_NOW, bootstrap: { apiKey: OPERATOR_KEY }, rateLimit: false, jobs: QUEUE });
      orgA = await makeOrg(storage, 'A');
      orgB = await makeOrg(storage, 'B');
      for (let i = 0; i < 60; i++) ids.push(await store(storage, orgA.id, sized(i)));
      broken = await store(storage, orgA.id, kettle({ id: 'broken', inventory: [{ stage: 'use', factor: 'no-such/factor', amount: '1 kWh' }] }));
      await store(storage, orgB.id, sized(999));
    }, 120_000);

    afterAll(async () => {
      await worker?.close();
      await api?.close();
      await storage?.dispose();
    });

    it('a cancelled job leaves its items undone, even when workers start afterwards', async () => {
      const res = await call(api, orgA.keys.write, 'POST', '/v1/jobs', { kind: 'recalculate', filter: { productIds: ['kettle-1', 'kettle-2'] } });
      expect(res.statusCode).toBe(202);
      const cancelled = (await call(api, orgA.keys.write, 'POST', `${res.headers.location}/cancel`)).json();
      expect(cancelled).toMatchObject({ state: 'cancelled', progress: { total: 2, done: 0, failed: 0, pending: 2 } });
      worker = await buildApp({ storage, webRoot: false, now: FIXED_NOW, rateLimit: false, jobs: { ...QUEUE, work: true } });
      await worker.ready();
      // The worker takes the job's one chunk and does nothing with it.
      for (let i = 0; i < 40 && Object.keys(await chunkStates()).some((s) => s !== 'completed'); i++) await new Promise((r) => setTimeout(r, 250));
      expect(await chunkStates()).toEqual({ completed: 1 });
      expect((await call(api, orgA.keys.read, 'GET', String(res.headers.location))).json().progress).toEqual({ total: 2, done: 0, failed: 0, pending: 2 });
      expect((await storage.listResults(orgA.id, ids[1]!))!.length).toBe(0);
    }, 60_000);

    async function chunkStates(): Promise<Record<string, number>> {
      return (await worker.jobs.open()).chunkStates();
    }

    it('recalculates every product of the organisation once, stores each result as the synchronous route does, and reports the one it cannot', async () => {
      const res = await call(api, orgA.keys.write, 'POST', '/v1/jobs', { kind: 'recalculate', gwp: 'AR5' });
      expect(res.statusCode).toBe(202);
      expect(res.headers.location).toBe(`/v1/jobs/${res.json().id}`);
      expect(res.json()).toMatchObject({ kind: 'recalculate', state: 'queued', params: { gwp: 'AR5' }, progress: { total: 61, done: 0, failed: 0, pending: 61 } });
      const job = await settled(orgA.keys.read, String(res.headers.location));
      expect(job).toMatchObject({ state: 'completed', progress: { total: 61, done: 60, failed: 1, pending: 0 } });
      expect(job.failures).toHaveLength(1);
      expect(job.failures[0]).toMatchObject({ productId: broken, problem: { code: 'GLCA_INPUT_INVALID', status: 422, errors: [{ pointer: '/inventory/0/factor' }] } });

      // Each product: exactly one result (the earlier job was cancelled), equal to a synchronous calculation of it.
      for (const [i, id] of ids.entries()) {
        const results = (await storage.listResults(orgA.id, id))!;
        expect(results, `product ${i}`).toHaveLength(1);
        expect(results[0]!.provenance).toMatchObject({ inputHash: inputHash(sized(i)), referenceYear: 2026, gwp: 'AR5' });
        if (i % 20 === 0) {
          const sync = (await call(api, orgA.keys.read, 'POST', '/v1/calculate?gwp=AR5', sized(i))).json();
          expect(results[0]!.totalKgCO2e).toBe(sync.total.kgCO2e);
          expect(results[0]!.provenance.datasets).toEqual(sync.datasets);
        }
      }
      // The items name the stored results.
      const items = (await call(api, orgA.keys.read, 'GET', `/v1/jobs/${job.id}/items?state=done&limit=1000`)).json().items;
      expect(items).toHaveLength(60);
      const stored = (await call(api, orgA.keys.read, 'GET', `/v1/results/${items[5].resultId}`)).json();
      expect(stored.productId).toBe(items[5].productId);
      // Another organisation's job is not found.
      expect((await call(api, orgB.keys.read, 'GET', `/v1/jobs/${job.id}`)).statusCode).toBe(404);
      expect((await call(api, orgB.keys.read, 'GET', `/v1/jobs/${job.id}/items`)).statusCode).toBe(404);
      expect((await call(api, orgB.keys.write, 'POST', `/v1/jobs/${job.id}/cancel`)).statusCode).toBe(404);
    }, 90_000);

    it('starts one job for a POST retried with the same Idempotency-Key', async () => {
      const send = () => api.inject({
        method: 'POST', url: '/v1/jobs', headers: { authorization: `Bearer ${orgB.keys.write}`, 'idempotency-key': 'recalc-2026-12' }, payload: { kind: 'recalculate' },
      });
      const first = await send();
      const again = await send();
      expect([first.statusCode, again.statusCode]).toEqual([202, 202]);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json().id).toBe(first.json().id);
      expect(again.headers.location).toBe(first.headers.location);
      expect((await call(api, orgB.keys.read, 'GET', '/v1/jobs')).json().items.map((j: any) => j.id)).toEqual([first.json().id]);
      const job = await settled(orgB.keys.read, String(first.headers.location));
      expect(job.progress).toEqual({ total: 1, done: 1, failed: 0, pending: 0 });
    }, 60_000);

    it('calculates a batch beyond the 1,000 products of /v1/batch/calculate, in order, each result as the batch route gives it', async () => {
      const products = Array.from({ length: 1_050 }, (_, i) => (i === 7 ? { ...sized(i), inventory: 'not a list' } : sized(i)));
      const res = await call(api, orgA.keys.read, 'POST', '/v1/jobs', { kind: 'batch', products, view: 'summary' });
      expect(res.statusCode).toBe(403); // a job stores its items: write scope
      const created = await call(api, orgA.keys.write, 'POST', '/v1/jobs', { kind: 'batch', products, view: 'summary' });
      expect(created.statusCode).toBe(202);
      const job = await settled(orgA.keys.read, String(created.headers.location));
      expect(job).toMatchObject({ state: 'completed', params: { view: 'summary' }, progress: { total: 1_050, done: 1_049, failed: 1, pending: 0 } });
      expect(job.failures[0]).toMatchObject({ seq: 7, problem: { status: 422 } });
      const sync = (await call(api, orgA.keys.read, 'POST', '/v1/batch/calculate?view=summary', { products: products.slice(990, 1_000) })).json();
      const page = (await call(api, orgA.keys.read, 'GET', `/v1/jobs/${job.id}/items?after=989&limit=10`)).json();
      expect(page.items.map((i: any) => i.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 990 + i));
      expect(page.items.map((i: any) => i.result)).toEqual(sync.items.map((i: any) => i.result));
      expect(page.next).toBe(999);
    }, 120_000);

    it('refuses a batch whose product nests past the storable depth with a 400 at its pointer, and stores no job', async () => {
      // Built as text: 100,000 levels is more than JSON.stringify (which storing a job uses) can recurse through.
      const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const before = (await call(api, orgA.keys.read, 'GET', '/v1/jobs?limit=100')).json().items.length;
      const res = await api.inject({
        method: 'POST', url: '/v1/jobs', headers: { authorization: `Bearer ${orgA.keys.write}`, 'content-type': 'application/json' },
        payload: `{"kind":"batch","products":[${JSON.stringify(sized(1))},{"schemaVersion":1,"notes":${deep}}]}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'GLCA_VALIDATION' });
      expect(res.json().errors[0].pointer).toMatch(/^\/products\/1\/notes(\/0)+$/);
      expect((await call(api, orgA.keys.read, 'GET', '/v1/jobs?limit=100')).json().items.length).toBe(before);
    });

    it('retries a chunk that fails with back-off, then fails its items with the reason, and lists the job as failed', async () => {
      // A job pinned to a dataset version no worker has (as in a rolling upgrade gone wrong): the
      // route refuses it; created behind the route, every attempt of its chunk throws.
      const refused = await call(api, orgA.keys.write, 'POST', '/v1/jobs', { kind: 'recalculate', datasets: [{ id: 'desnz-2025', version: '0.0.0-nowhere' }] });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'GLCA_DATASET_VERSION_UNAVAILABLE', errors: [{ pointer: '/body/datasets/0' }] });
      const id = randomUUID();
      const created = await api.jobs.create(orgA.id, {
        id, kind: 'recalculate', params: { datasets: [{ id: 'desnz-2025', version: '0.0.0-nowhere' }] }, limit: 100, select: { productIds: ['kettle-3'] },
      });
      expect(created.ok).toBe(true);
      const job = await settled(orgA.keys.read, `/v1/jobs/${id}`);
      expect(job).toMatchObject({ state: 'failed', progress: { total: 1, done: 0, failed: 1 } });
      expect(job.failures[0].problem).toMatchObject({ code: 'GLCA_JOB_ATTEMPTS_EXHAUSTED', status: 503 });
      expect(job.failures[0].problem.detail).toContain('in 3 attempts');
      expect(job.failures[0].problem.detail).toContain('does not calculate with desnz-2025 0.0.0-nowhere');
      const failed = (await call(api, orgA.keys.read, 'GET', '/v1/jobs?state=failed')).json();
      expect(failed.items.map((j: any) => j.id)).toEqual([id]);
      expect((await storage.listResults(orgA.id, ids[3]!))!.length).toBe(1); // only the earlier job's
    }, 120_000);
  });
}

/**
 * The cluster: two API replicas (GREENLCA_ROLE=api) and two workers (GREENLCA_ROLE=worker), each
 * `server/src/main.ts` in a child process, on one PostgreSQL database (a fresh schema). A job
 * recalculates 2,003 stored products; one worker is killed with SIGKILL while it holds a chunk. Every
 * product must end with exactly one new result, and the job's report must be exact. Then: the result
 * cache answers the same bytes on either replica, and a key revoked on one stops on the other within
 * the auth cache's bound (5 s). Runs when DATABASE_URL is set (CI), like the other PostgreSQL tests.
 */
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '@greenlca/schema';
import { inputHash } from '../../server/src/lib/hash.js';
import { openStorage, type Storage } from '../../server/src/storage/index.js';
import { freshPostgresSchema } from '../../server/src/storage/testing.js';
import { kettle } from '../../server/src/testing/harness.js';
import { crash, startServer, stop } from '../api/server.js';

const url = process.env.DATABASE_URL;
const OPERATOR = `cluster-operator-${randomUUID()}`;
const PRODUCTS = 2_000;
const BROKEN = 3;
const WORKER_READY = /GreenLCA worker ready()/;

/** Short leases and fast polling: a dead worker's chunk is retried within seconds. */
const QUEUE_ENV = {
  GREENLCA_JOB_CHUNK_SIZE: '50', GREENLCA_JOB_CHUNK_TIMEOUT_S: '4', GREENLCA_JOB_POLL_S: '0.5', GREENLCA_JOB_MAINTENANCE_S: '1', GREENLCA_JOB_RETRY_DELAY_S: '1',
};

const product = (i: number) => kettle({ id: `cluster-${i}`, name: `Kettle ${i}`, parameters: { years: 1 + (i % 9), boilsPerDay: { value: 1 + (i % 4), unit: '1/day' } } });
const broken = (i: number) => kettle({ id: `cluster-broken-${i}`, inventory: [{ stage: 'use', factor: `no-such/factor-${i}`, amount: '1 kWh' }] });

describe.skipIf(!url)('a cluster of 2 API replicas and 2 workers on one PostgreSQL database', () => {
  const { schema, drop } = freshPostgresSchema();
  const env = { DATABASE_URL: url!, GREENLCA_DB_SCHEMA: schema, GREENLCA_API_KEY: OPERATOR, GREENLCA_RATE_LIMIT: '1000000', GREENLCA_RATE_LIMIT_STORE: 'database', GREENLCA_WEB_ROOT: '/nonexistent', ...QUEUE_ENV };
  const children: ChildProcess[] = [];
  let apiA = '';
  let apiB = '';
  let workers: { child: ChildProcess; output: () => string }[] = [];
  let storage: Storage;
  let admin = '';
  let orgId = '';
  const productIds: string[] = [];
  const brokenIds: string[] = [];

  const call = async (base: string, key: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method, headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const json = async (base: string, key: string, method: string, path: string, body?: unknown) => {
    const res = await call(base, key, method, path, body);
    return { status: res.status, headers: res.headers, body: JSON.parse(res.text) };
  };

  beforeAll(async () => {
    // The first replica migrates; the others start together on the migrated schema.
    const a = await startServer({ ...env, GREENLCA_ROLE: 'api' });
    children.push(a.child);
    apiA = a.url;
    const started = await Promise.all([
      startServer({ ...env, GREENLCA_ROLE: 'api' }),
      startServer({ ...env, GREENLCA_ROLE: 'worker', LOG_LEVEL: 'debug' }, { ready: WORKER_READY }),
      startServer({ ...env, GREENLCA_ROLE: 'worker', LOG_LEVEL: 'debug' }, { ready: WORKER_READY }),
    ]);
    children.push(...started.map((s) => s.child));
    apiB = started[0].url;
    workers = started.slice(1);

    const org = await json(apiA, OPERATOR, 'POST', '/v1/organizations', { name: 'Cluster Ltd' });
    expect(org.status).toBe(201);
    admin = org.body.key.key;
    orgId = org.body.organization.id;
    // Seeded through storage (the API's own code), eight at a time: 2,000 POSTs would only slow the test.
    storage = await openStorage({ kind: 'postgres', connectionString: url!, schema, max: 8 });
    const documents = [...Array.from({ length: PRODUCTS }, (_, i) => product(i)), ...Array.from({ length: BROKEN }, (_, i) => broken(i))];
    for (let i = 0; i < documents.length; i += 8) {
      await Promise.all(documents.slice(i, i + 8).map(async (document, j) => {
        const id = randomUUID();
        await storage.createProduct(orgId, { id, product: document as unknown as Product, inputHash: inputHash(document) });
        (i + j < PRODUCTS ? productIds : brokenIds).push(id);
      }));
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(children.map((c) => stop(c).catch(() => {})));
    await storage?.close();
    await drop();
  }, 60_000);

  it('recalculates 2,003 products with a worker killed mid-chunk: each ends with exactly one new result, and the report is exact', async () => {
    const t0 = Date.now();
    const created = await json(apiA, admin, 'POST', '/v1/jobs', { kind: 'recalculate' });
    expect(created.status).toBe(202);
    const location = created.headers.get('location')!;
    expect(created.body.progress).toEqual({ total: PRODUCTS + BROKEN, done: 0, failed: 0, pending: PRODUCTS + BROKEN });

    // In the middle: once a quarter of the products are done, kill the first worker the moment it
    // holds a chunk it has not finished (its debug log says so).
    for (let i = 0; i < 480 && (await json(apiA, admin, 'GET', location)).body.progress.done < PRODUCTS / 4; i++) await new Promise((r) => setTimeout(r, 100));
    const victim = workers[0]!;
    let held: { from: number } | undefined;
    const seen = victim.output().length;
    for (let i = 0; i < 600 && !held; i++) {
      held = openChunk(victim.output(), seen);
      if (!held) await new Promise((r) => setTimeout(r, 10));
    }
    expect(held, 'the worker took a chunk').toBeDefined();
    await crash(victim.child);
    const killedAt = Date.now() - t0;

    // Progress is the same whichever replica answers; poll B until the job is finished.
    let job: any;
    for (let i = 0; i < 480; i++) {
      job = (await json(apiB, admin, 'GET', location)).body;
      if (job.state !== 'queued' && job.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = (Date.now() - t0) / 1000;
    expect(job.state).toBe('completed');
    expect(job.progress).toEqual({ total: PRODUCTS + BROKEN, done: PRODUCTS, failed: BROKEN, pending: 0 });
    expect(job.failures.map((f: any) => f.productId).sort()).toEqual([...brokenIds].sort());
    for (const f of job.failures) expect(f.problem).toMatchObject({ code: 'GLCA_INPUT_INVALID', errors: [{ pointer: '/inventory/0/factor', code: 'UNKNOWN_FACTOR' }] });
    expect((await json(apiA, admin, 'GET', location)).body).toEqual(job);

    // Every product: exactly one result; every result: named by its job item; none for the broken ones.
    // Straight SQL on the same schema, through the storage's own connection.
    const sql = storage.queueSql();
    const { rows } = await sql.executeSql('SELECT product_id, count(*) AS n FROM results WHERE org_id = $1 GROUP BY product_id', [orgId]);
    const counts = new Map(rows.map((r: { product_id: string; n: string }) => [r.product_id, Number(r.n)]));
    expect(counts.size).toBe(PRODUCTS);
    expect(productIds.filter((id) => counts.get(id) !== 1)).toEqual([]);
    const { rows: unnamed } = await sql.executeSql(
      'SELECT r.id FROM results r LEFT JOIN job_items i ON i.result_id = r.id AND i.job_id = $2 WHERE r.org_id = $1 AND i.seq IS NULL', [orgId, job.id]);
    expect(unnamed).toEqual([]);
    // The killed worker's chunk was taken from it when its lease ran out, and run again.
    const { rows: retried } = await sql.executeSql(
      `SELECT (data->>'from')::int AS from, retry_count FROM ${schema}_pgboss.job WHERE name = $1 AND retry_count > 0`, ['greenlca-job-chunks']);
    expect(retried.map((r: { from: number }) => r.from)).toContain(held!.from);
    console.log(`[cluster] ${PRODUCTS + BROKEN} products in ${seconds.toFixed(1)} s with a worker killed at ${(killedAt / 1000).toFixed(1)} s holding chunk from ${held!.from}; chunks retried: ${retried.length}`);
  }, 120_000);

  it('answers a cached calculation with the same bytes whichever replica answers', async () => {
    const body = product(12_345);
    const answers = [await call(apiA, admin, 'POST', '/v1/calculate', body), await call(apiA, admin, 'POST', '/v1/calculate', body),
      await call(apiB, admin, 'POST', '/v1/calculate', body), await call(apiB, admin, 'POST', '/v1/calculate', body)];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((a) => a.headers.get('x-greenlca-cache'))).toEqual(['miss', 'hit', 'miss', 'hit']);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  });

  it('stops a key revoked on one replica at once there, and on the other within 5 s', async () => {
    const key = (await json(apiA, admin, 'POST', '/v1/keys', { name: 'soon revoked', scopes: ['read'] })).body;
    expect((await call(apiB, key.key, 'GET', '/v1/me')).status).toBe(200); // now in B's verified-key cache
    const revokedAt = Date.now();
    expect((await call(apiA, admin, 'DELETE', `/v1/keys/${key.id}`)).status).toBe(204);
    expect((await call(apiA, key.key, 'GET', '/v1/me')).status).toBe(401);
    let status = 200;
    while (status === 200 && Date.now() - revokedAt < 10_000) {
      status = (await call(apiB, key.key, 'GET', '/v1/me')).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThanOrEqual(5_500);
  });
});

/** The chunk a worker's debug log shows started and not yet done, if any. */
function openChunk(output: string, after = 0): { from: number } | undefined {
  const open = new Map<string, { from: number }>();
  // The lines from the one holding `after` on: chunks started earlier are not looked at.
  for (const line of output.slice(output.lastIndexOf('\n', after - 1) + 1).split('\n')) {
    if (!line.startsWith('{')) continue;
    let entry: { msg?: string; jobId?: string; from?: number; attempt?: number };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const id = `${entry.jobId}:${entry.from}:${entry.attempt}`;
    if (entry.msg === 'chunk started') open.set(id, { from: entry.from! });
    if (entry.msg === 'chunk done') open.delete(id);
  }
  return [...open.values()][0];
}

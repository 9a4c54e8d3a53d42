import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculate, createLibrary } from '@greenlca/engine';
import { bundledFactorDatasets, bundledSubstances } from '@greenlca/datasets';
import { announceSkips, freshPgliteDataDir, freshPostgresSchema } from '../../server/src/storage/testing.js';
import { crash, startServer, stop } from './server.js';

/**
 * The API as a client sees it: `server/src/main.ts` listening on 127.0.0.1 (a random port) in its own
 * process, spoken to with fetch, on each storage back end. Includes a crash (SIGKILL) after a
 * committed write, and a restart on the same database.
 */
announceSkips();

const ADMIN = 'api-test-admin-key-abcdefghijklmnop';
const library = createLibrary(bundledFactorDatasets, bundledSubstances);

const product = {
  schemaVersion: 1, id: 'fan-01', name: '台式电风扇', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN',
  parameters: { years: 8, hoursPerDay: { value: 4, unit: 'h/day' } },
  inventory: [
    { stage: 'use', factor: 'cn-mee/electricity-national-2021', amount: '0.045 kW * hoursPerDay * 365 day * years' },
    { stage: 'manufacture', factor: 'cn-mee/electricity-national-2021', amount: '2.5 kWh' },
  ],
};

interface Backend {
  name: string;
  skip?: string;
  env(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>;
}

const backends: Backend[] = [
  {
    name: 'pglite',
    async env() {
      const dir = await freshPgliteDataDir();
      return { env: { GREENLCA_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    skip: process.env.DATABASE_URL ? undefined : 'DATABASE_URL is not set',
    async env() {
      const { schema, drop } = freshPostgresSchema();
      return { env: { DATABASE_URL: process.env.DATABASE_URL!, GREENLCA_DB_SCHEMA: schema }, cleanup: drop };
    },
  },
];

describe.each(backends)('listening server ($name)', (backend) => {
  let server: { url: string; child: ChildProcess };
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  const api = (path: string, init: RequestInit & { key?: string } = {}) =>
    fetch(server.url + path, {
      ...init,
      headers: { ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string>) },
    });

  beforeAll(async () => {
    if (backend.skip) return;
    ({ env, cleanup } = await backend.env());
    env = { ...env, GREENLCA_API_KEY: ADMIN };
    server = await startServer(env);
  }, 180_000);
  afterAll(async () => {
    if (server) await stop(server.child);
    await cleanup?.();
  });

  it.skipIf(!!backend.skip)('serves health, the OpenAPI document and the docs page', async () => {
    const health = await (await api('/health')).json();
    expect(health).toMatchObject({ status: 'ok', storage: backend.name });
    const doc = await (await api('/docs/json')).json();
    expect(doc.paths['/v1/products/{id}']).toBeDefined();
    expect((await api('/docs/')).status).toBe(200);
  });

  it.skipIf(!!backend.skip)('calculates over HTTP exactly as the engine does', async () => {
    const res = await api('/v1/calculate', { method: 'POST', key: ADMIN, body: JSON.stringify(product) });
    expect(res.status).toBe(200);
    const body = await res.json();
    const direct = calculate(product, library, { referenceYear: new Date().getUTCFullYear() });
    expect(body.total.kgCO2e).toBe(direct.total.kgCO2e);
    expect(body.byStage).toEqual(direct.byStage);
  });

  it.skipIf(!!backend.skip)('runs the product life cycle: organisation, key, versions, If-Match, calculation, reproduction', async () => {
    const org = await (await api('/v1/organizations', { method: 'POST', key: ADMIN, body: JSON.stringify({ name: 'Factory 1' }) })).json();
    const key = org.key.key as string;
    const created = await api('/v1/products', { method: 'POST', key, body: JSON.stringify(product) });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect(created.headers.get('etag')).toBe('"1"');
    const stale = await api(`/v1/products/${id}`, { method: 'PUT', key, body: JSON.stringify({ ...product, name: 'x' }), headers: { 'if-match': '"0"' } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const v2 = await api(`/v1/products/${id}`, { method: 'PUT', key, body: JSON.stringify({ ...product, name: '台式电风扇 v2' }), headers: { 'if-match': '"1"' } });
    expect(v2.status).toBe(200);
    const calc = await (await api(`/v1/products/${id}/calculate`, { method: 'POST', key })).json();
    expect(calc.productVersion).toBe(2);
    const again = await (await api(`/v1/results/${calc.id}/reproduce`, { method: 'POST', key })).json();
    expect(again.reproducible).toBe(true);
    // The operator's admin key does not reach the new organisation's product.
    expect((await api(`/v1/products/${id}`, { key: ADMIN })).status).toBe(404);
  });

  it.skipIf(!!backend.skip)('loses no committed version when the process is killed, and serves it after a restart', async () => {
    const created = await (await api('/v1/products', { method: 'POST', key: ADMIN, body: JSON.stringify(product) })).json();
    const updated = await api(`/v1/products/${created.id}`, { method: 'PUT', key: ADMIN, body: JSON.stringify({ ...product, name: 'after update' }), headers: { 'if-match': '"1"' } });
    expect(updated.status).toBe(200);
    await crash(server.child);
    server = await startServer(env);
    const read = await api(`/v1/products/${created.id}`, { key: ADMIN });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ version: 2, name: 'after update' });
    const versions = await (await api(`/v1/products/${created.id}/versions`, { key: ADMIN })).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  }, 180_000);
});

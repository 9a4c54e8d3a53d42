import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../app.js';
import { generateKey, hashToken } from '../lib/keys.js';
import type { Scope } from '../schemas/auth.js';
import type { TestBackend } from '../storage/testing.js';
import type { Storage } from '../storage/index.js';

/** The operator key every test app is bootstrapped with. */
export const OPERATOR_KEY = 'test-operator-key-0123456789';

/** A fixed clock: results carry referenceYear 2026 whatever the date the tests run. */
export const FIXED_NOW = () => new Date('2026-06-01T00:00:00Z');

export interface TestOrg {
  id: string;
  keys: Record<Scope, string>;
}

export interface TestApp {
  app: FastifyInstance;
  storage: Storage;
  orgA: TestOrg;
  orgB: TestOrg;
  /** inject with a bearer key. */
  call(key: string | undefined, method: string, url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** An organisation with a read, a write and an admin key, made directly in storage. */
export async function makeOrg(storage: Storage, name: string): Promise<TestOrg> {
  const org = await storage.createOrganization({ id: randomUUID(), name });
  const keys = {} as Record<Scope, string>;
  for (const scope of ['read', 'write', 'admin'] as const) {
    const { id, token } = generateKey();
    await storage.createApiKey({ id, orgId: org.id, name: `${name} ${scope}`, scopes: [scope], secretHash: hashToken(token) });
    keys[scope] = token;
  }
  return { id: org.id, keys };
}

/** A test app on one storage back end, with two organisations A and B. */
export async function testApp(backend: TestBackend, options: Omit<AppOptions, 'storage'> = {}): Promise<TestApp> {
  const storage = await backend.open();
  const app = await buildApp({ webRoot: false, now: FIXED_NOW, bootstrap: { apiKey: OPERATOR_KEY }, ...options, storage });
  const orgA = await makeOrg(storage, 'A');
  const orgB = await makeOrg(storage, 'B');
  return {
    app, storage, orgA, orgB,
    call: (key, method, url, payload, headers = {}) =>
      app.inject({
        method: method as 'GET', url,
        headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
        ...(payload === undefined ? {} : typeof payload === 'string' ? { payload } : { payload: payload as object }),
      }),
    async close() {
      await app.close();
      await storage.dispose();
    },
  };
}

/** A small product on the bundled datasets. */
export function kettle(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'kettle-k17',
    name: 'Electric kettle 1.7 L',
    functionalUnit: { amount: 1, unit: 'item', description: 'one kettle used for 5 years' },
    region: 'GB',
    parameters: { years: 5, boilsPerDay: { value: 3, unit: '1/day' } },
    inventory: [
      { stage: 'use', factor: 'desnz-2025/electricity-uk', amount: '0.11 kWh * boilsPerDay * 365 day * years' },
      { stage: 'use', substance: 'HFC-134a', amount: '0.002 kg' },
      { stage: 'manufacture', factor: 'desnz-2025/electricity-uk', amount: '3.5 kWh' },
    ],
    ...overrides,
  };
}

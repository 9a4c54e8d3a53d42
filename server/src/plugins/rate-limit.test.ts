import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../app.js';
import { FIXED_NOW, makeOrg, OPERATOR_KEY, type TestOrg } from '../testing/harness.js';
import { announceSkips, testBackends } from '../storage/testing.js';

announceSkips();

// Two replicas (two apps) on one database: with the database store, a key's requests are counted once
// for both; with the memory store, each replica counts its own.
for (const backend of testBackends) {
  describe.skipIf(backend.skip)(`rate limits shared by replicas (${backend.name})`, () => {
    let storage: Awaited<ReturnType<typeof backend.open>>;
    const apps: App[] = [];
    let org: TestOrg;
    const replicas = async (store: 'memory' | 'database') => {
      const made = [];
      for (let i = 0; i < 2; i++) {
        made.push(await buildApp({ storage, webRoot: false, now: FIXED_NOW, bootstrap: { apiKey: OPERATOR_KEY }, rateLimit: { max: 5, store } }));
      }
      apps.push(...made);
      return made;
    };
    const me = (app: App, key: string) => app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${key}` } });

    beforeAll(async () => {
      storage = await backend.open();
      org = await makeOrg(storage, 'Limited');
    }, 120_000);
    afterAll(async () => {
      for (const app of apps) await app.close();
      await storage?.dispose();
    });

    it('counts a key once across replicas in the database: the 6th request is refused whichever replica gets it', async () => {
      const [a, b] = await replicas('database');
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await me(i % 2 ? b! : a!, org.keys.read)).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const last = await me(a!, org.keys.read);
      expect(last.statusCode).toBe(429);
      expect(last.json().code).toBe('GLCA_RATE_LIMITED');
      expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
      // Another key has its own count.
      expect((await me(b!, org.keys.write)).statusCode).toBe(200);
    });

    it('counts per replica in memory: each allows its own 5', async () => {
      const [a, b] = await replicas('memory');
      const statuses = [];
      for (let i = 0; i < 10; i++) statuses.push((await me(i % 2 ? b! : a!, org.keys.admin)).statusCode);
      expect(statuses).toEqual(Array(10).fill(200));
      expect((await me(a!, org.keys.admin)).statusCode).toBe(429);
    });
  });
}

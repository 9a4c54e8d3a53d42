import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, rateLimitFromEnv, storageOptionsFromEnv, tlsFromEnv } from './config.js';

describe('TLS settings (TLS_CERT, TLS_KEY)', () => {
  it('serves plain HTTP when neither is set, HTTPS with both (paths from the working directory)', () => {
    expect(tlsFromEnv({})).toBeUndefined();
    expect(tlsFromEnv({ TLS_CERT: '', TLS_KEY: '' })).toBeUndefined();
    expect(tlsFromEnv({ TLS_CERT: 'certs/host.pem', TLS_KEY: '/etc/host.key' })).toEqual({ certFile: resolve('certs/host.pem'), keyFile: '/etc/host.key' });
    expect(configFromEnv({ TLS_CERT: '/a.pem', TLS_KEY: '/a.key' }, '/repo').tls).toEqual({ certFile: '/a.pem', keyFile: '/a.key' });
    expect(configFromEnv({}, '/repo').tls).toBeUndefined();
  });

  it('refuses one without the other, naming the missing one', () => {
    expect(() => tlsFromEnv({ TLS_CERT: '/a.pem' })).toThrow(/set TLS_KEY too/);
    expect(() => tlsFromEnv({ TLS_KEY: '/a.key' })).toThrow(/set TLS_CERT too/);
  });
});


describe('storage options from the environment', () => {
  it('the embedded database flushes every commit unless GREENLCA_PGLITE_FSYNC=off', () => {
    expect(storageOptionsFromEnv({ GREENLCA_DATA_DIR: '/d' }, '/repo')).toEqual({ kind: 'pglite', dataDir: '/d', fsync: true });
    expect(storageOptionsFromEnv({ GREENLCA_DATA_DIR: '/d', GREENLCA_PGLITE_FSYNC: 'on' }, '/repo')).toEqual({ kind: 'pglite', dataDir: '/d', fsync: true });
    expect(storageOptionsFromEnv({ GREENLCA_DATA_DIR: '/d', GREENLCA_PGLITE_FSYNC: 'off' }, '/repo')).toEqual({ kind: 'pglite', dataDir: '/d', fsync: false });
  });

  it('refuses any other value, saying which are allowed (no silent default for a durability switch)', () => {
    for (const value of ['0', 'false', 'OFF', 'no']) {
      expect(() => storageOptionsFromEnv({ GREENLCA_PGLITE_FSYNC: value }, '/repo')).toThrow(/GREENLCA_PGLITE_FSYNC must be "on".*or "off"/);
    }
  });
});

describe('warm-up switch (GREENLCA_WARM_UP)', () => {
  it('warms up by default (also when set empty) and with on, not with off; refuses anything else', () => {
    expect(configFromEnv({}, '/repo').warmUp).toBe(true);
    expect(configFromEnv({ GREENLCA_WARM_UP: 'on' }, '/repo').warmUp).toBe(true);
    expect(configFromEnv({ GREENLCA_WARM_UP: '' }, '/repo').warmUp).toBe(true);
    expect(configFromEnv({ GREENLCA_WARM_UP: 'off' }, '/repo').warmUp).toBe(false);
    for (const value of ['0', 'false', 'OFF']) expect(() => configFromEnv({ GREENLCA_WARM_UP: value }, '/repo')).toThrow(/GREENLCA_WARM_UP must be "on".*or "off"/);
  });
});

describe('roles and job settings (GREENLCA_ROLE, GREENLCA_JOB_*)', () => {
  const pg = { DATABASE_URL: 'postgres://h/db' };
  it('runs everything by default; api and worker only on a shared PostgreSQL database', () => {
    expect(configFromEnv({}, '/repo').role).toBe('all');
    expect(configFromEnv({ ...pg, GREENLCA_ROLE: 'api' }, '/repo').role).toBe('api');
    expect(configFromEnv({ ...pg, GREENLCA_ROLE: 'worker' }, '/repo').role).toBe('worker');
    expect(() => configFromEnv({ GREENLCA_ROLE: 'worker' }, '/repo')).toThrow(/set DATABASE_URL/);
    expect(() => configFromEnv({ ...pg, GREENLCA_ROLE: 'workers' }, '/repo')).toThrow(/all, api or worker, not "workers"/);
  });

  it('reads the queue settings, refusing what is not a usable number', () => {
    expect(configFromEnv({ GREENLCA_JOB_CHUNK_SIZE: '100', GREENLCA_JOB_CHUNK_TIMEOUT_S: '5', GREENLCA_JOB_POLL_S: '0.5' }, '/repo').jobs)
      .toEqual({ chunkSize: 100, chunkTimeoutSeconds: 5, pollingIntervalSeconds: 0.5 });
    expect(() => configFromEnv({ GREENLCA_JOB_CHUNK_SIZE: '0' }, '/repo')).toThrow(/GREENLCA_JOB_CHUNK_SIZE must be an integer ≥ 1, not "0"/);
    expect(() => configFromEnv({ GREENLCA_JOB_POLL_S: '0.1' }, '/repo')).toThrow(/GREENLCA_JOB_POLL_S must be a number ≥ 0.5/);
  });
});

describe('rate limit per replica (GREENLCA_RATE_LIMIT, GREENLCA_API_REPLICAS, GREENLCA_RATE_LIMIT_STORE)', () => {
  it('shares the installation\'s limit between the API replicas when each counts in memory', () => {
    expect(rateLimitFromEnv({})).toBeUndefined();
    expect(rateLimitFromEnv({ GREENLCA_RATE_LIMIT: '1000' })).toEqual({ max: 1000 });
    expect(rateLimitFromEnv({ GREENLCA_API_REPLICAS: '4' })).toEqual({ max: 150 });
    expect(rateLimitFromEnv({ GREENLCA_RATE_LIMIT: '1000', GREENLCA_API_REPLICAS: '3' })).toEqual({ max: 333 });
    expect(rateLimitFromEnv({ GREENLCA_RATE_LIMIT: '2', GREENLCA_API_REPLICAS: '3' })).toEqual({ max: 1 });
    expect(() => rateLimitFromEnv({ GREENLCA_API_REPLICAS: '0' })).toThrow(/GREENLCA_API_REPLICAS must be a whole number/);
  });

  it('counts the whole limit once when the database counts', () => {
    expect(rateLimitFromEnv({ GREENLCA_RATE_LIMIT_STORE: 'database', GREENLCA_API_REPLICAS: '3', GREENLCA_RATE_LIMIT: '900' })).toEqual({ store: 'database', max: 900 });
    expect(rateLimitFromEnv({ GREENLCA_RATE_LIMIT_STORE: 'database' })).toEqual({ store: 'database' });
    expect(() => rateLimitFromEnv({ GREENLCA_RATE_LIMIT_STORE: 'redis' })).toThrow(/memory or database, not "redis"/);
  });
});

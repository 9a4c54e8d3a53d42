import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFromEnv, storageOptionsFromEnv, tlsFromEnv } from './config.js';

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

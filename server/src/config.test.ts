import { describe, expect, it } from 'vitest';
import { storageOptionsFromEnv } from './config.js';

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

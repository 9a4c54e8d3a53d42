import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite, PGLITE_SHARED_BUFFERS } from './pglite.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('embedded PGlite', () => {
  it('creates a fresh data directory (initdb in a child process), runs with the smaller buffer cache, and keeps data across a reopen', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'greenlca-pglite-fresh-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    const db = await openPglite(dataDir);
    try {
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      const { rows } = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(rows[0]!.shared_buffers).toBe(PGLITE_SHARED_BUFFERS);
      // initdb's settings survive (start parameters add to them, they do not replace postgresql.conf).
      const tz = await db.query<{ TimeZone: string }>('SHOW TimeZone');
      expect(tz.rows[0]!.TimeZone).toBe('UTC');
      await db.exec('CREATE TABLE kept (n integer); INSERT INTO kept VALUES (42)');
    } finally {
      await db.close();
    }
    const again = await openPglite(dataDir);
    try {
      expect((await again.query<{ n: number }>('SELECT n FROM kept')).rows).toEqual([{ n: 42 }]);
    } finally {
      await again.close();
    }
  }, 180_000);

  it('in memory, with the same buffer cache', async () => {
    const db = await openPglite();
    try {
      expect((await db.query<{ shared_buffers: string }>('SHOW shared_buffers')).rows[0]!.shared_buffers).toBe(PGLITE_SHARED_BUFFERS);
    } finally {
      await db.close();
    }
  }, 120_000);
});

import fs, { existsSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openPglite, PGLITE_SHARED_BUFFERS } from './pglite.js';
import { freshPgliteDataDir } from './testing.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('embedded PGlite', () => {
  it('creates a fresh data directory (initdb in a child process), runs with the smaller buffer cache, and keeps data across a reopen', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'greenlca-pglite-fresh-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    const db = await openPglite({ dataDir });
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
    const again = await openPglite({ dataDir });
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
      // PGlite's wasm memory starts at INITIAL_MEMORY (128 MiB in its pglite.js) and grows in 64 KiB pages;
      // the 32 MB buffer cache fits in it, so it has not grown.
      expect(db.embeddedMemoryBytes()).toBe(128 * 1024 * 1024);
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe('embedded PGlite durability', () => {
  /** The paths fs.fsyncSync is called on while `fn` runs (PGlite's file system calls it through node:fs). */
  async function syncedDuring(fn: () => Promise<void>): Promise<string[]> {
    const paths: string[] = [];
    const original = fs.fsyncSync;
    const spy = vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
      paths.push(readlinkSync(`/proc/self/fd/${fd}`));
      original(fd);
    });
    try {
      await fn();
    } finally {
      spy.mockRestore();
    }
    return paths;
  }

  it('by default, a commit is flushed to the disk (PGlite starts PostgreSQL with fsync off, and its file system has no fsync)', async () => {
    const dataDir = await freshPgliteDataDir();
    dirs.push(dataDir);
    const db = await openPglite({ dataDir });
    try {
      const setting = async (name: string) => (await db.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name];
      expect(await setting('fsync')).toBe('on');
      expect(await setting('wal_sync_method')).toBe('fsync');
      await db.exec('CREATE TABLE durable (n integer)');
      const synced = await syncedDuring(() => db.transaction(async (tx) => {
        await tx.query('INSERT INTO durable VALUES ($1)', [1]);
      }));
      // The commit's WAL segment is flushed before the transaction resolves.
      expect(synced.some((p) => p.startsWith(join(dataDir, 'pg_wal') + '/'))).toBe(true);
      // A checkpoint flushes the data files (PostgreSQL's fsync of each relation segment reaches the disk).
      await db.exec('INSERT INTO durable VALUES (2)');
      const checkpoint = await syncedDuring(() => db.exec('CHECKPOINT'));
      expect(checkpoint.some((p) => p.startsWith(join(dataDir, 'base') + '/'))).toBe(true);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('with fsync off, nothing is flushed (a commit survives kill -9, not a power loss)', async () => {
    const dataDir = await freshPgliteDataDir();
    dirs.push(dataDir);
    const db = await openPglite({ dataDir, fsync: false });
    try {
      expect((await db.query<{ fsync: string }>('SHOW fsync')).rows[0]!.fsync).toBe('off');
      await db.exec('CREATE TABLE loose (n integer)');
      const synced = await syncedDuring(() => db.exec('INSERT INTO loose VALUES (1); CHECKPOINT'));
      expect(synced).toEqual([]);
    } finally {
      await db.close();
    }
  }, 120_000);
});

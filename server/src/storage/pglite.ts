import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.js';
import { DurableNodeFS, syncTree } from './pglite-durable-fs.js';

/**
 * PostgreSQL's buffer cache inside PGlite's WebAssembly memory. PGlite's default (initdb's 128 MB)
 * grows the wasm memory to ~190 MiB, all of it resident once used; a product database is a few MiB,
 * and the kernel's page cache still holds the data files, so 32 MB keeps the cache and ~100 MiB of RSS.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

/** PGlite's own start parameters (single user, no parallel workers, …) plus the smaller buffer cache. */
const startParams = [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`];

/**
 * The same without `-F` (PGlite starts PostgreSQL with fsync off), flushing the WAL with fsync(): the
 * one sync method that reaches the disk through PGlite's file system (see pglite-durable-fs.ts).
 */
const durableStartParams = [...startParams.filter((p) => p !== '-F'), '-c', 'fsync=on', '-c', 'wal_sync_method=fsync'];

export interface PgliteOptions {
  /** Directory to persist in; omit for in-memory (tests). */
  dataDir?: string;
  /**
   * Flush every commit to the disk before it is acknowledged (default true with a dataDir). Off,
   * a commit is in the OS page cache when acknowledged: it survives the process being killed, not a
   * power loss or an OS crash. Ignored in memory.
   */
  fsync?: boolean;
}

/**
 * Create a data directory (initdb) in a short-lived child process. In-process, initdb leaves ~430 MiB
 * behind that only a full GC returns (a copy of the wasm heap it restores before each step, its own
 * module) and touches every page of the server's wasm memory, so a server's first start sat at
 * ~940 MiB RSS; a child's memory goes back to the OS when it exits.
 */
async function initDataDir(dataDir: string): Promise<void> {
  // Run from this directory, so the child resolves the same @electric-sql/pglite as this module.
  const code = `const { PGlite } = await import('@electric-sql/pglite');
const pg = await PGlite.create({ dataDir: ${JSON.stringify(dataDir)} });
await pg.close();`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', code], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
    maxBuffer: 16 * 1024 * 1024,
  });
}

/**
 * The embedded database: PostgreSQL compiled to WebAssembly, shipped inside the npm package (nothing
 * to install or start). With a `dataDir` it persists there; without, it lives in memory (tests).
 *
 * Durability: PGlite writes its WAL and data files straight through Node's fs, so a committed
 * transaction is in the OS before `COMMIT` returns and survives the process being killed; with
 * `fsync` (the default) it is also flushed to the disk, and survives a power loss or an OS crash.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<Db> {
  const { dataDir } = options;
  const fsync = dataDir !== undefined && options.fsync !== false;
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      await initDataDir(dataDir);
      // initdb writes with fsync off: flush its files before anything is stored on top of them.
      if (fsync) syncTree(dataDir);
    }
  }
  const pg = await PGlite.create(
    !dataDir ? { startParams }
    : fsync ? { fs: new DurableNodeFS(dataDir), startParams: durableStartParams }
    : { dataDir, startParams },
  );
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>, inTransaction = false): Queryable => ({
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await q.query<R>(text, params)).rows }),
    exec: async (text) => {
      await q.exec(text);
    },
    execRows: async <R>(text: string) => {
      try {
        const results = await q.exec(text);
        return { rows: (results[results.length - 1]?.rows ?? []) as R[] };
      } catch (error) {
        // A string with its own BEGIN that failed half-way leaves the one connection in an aborted
        // transaction (see postgres.ts); outside a transaction of ours, end it.
        if (!inTransaction) await q.exec('ROLLBACK').catch(() => {});
        throw error;
      }
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx, true))),
    // WebAssembly memory only grows (memory.grow); it is never given back until the process exits.
    embeddedMemoryBytes: () => pg.Module.HEAPU8.buffer.byteLength,
    close: () => pg.close(),
  };
}

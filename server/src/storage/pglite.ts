import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable } from './db.js';

/**
 * The embedded database: PostgreSQL compiled to WebAssembly, shipped inside the npm package (nothing
 * to install or start). With a `dataDir` it persists there; without, it lives in memory (tests).
 *
 * Durability: PGlite writes its WAL and data files straight through Node's fs, so a committed
 * transaction is on disk before `COMMIT` returns and survives the process being killed.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir ? { dataDir } : {});
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await q.query<R>(text, params)).rows }),
    exec: async (text) => {
      await q.exec(text);
    },
  });
  return {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    close: () => pg.close(),
  };
}

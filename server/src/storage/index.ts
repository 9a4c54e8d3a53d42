import { migrate } from './migrate.js';
import { openPglite, type PgliteOptions } from './pglite.js';
import { openPostgres } from './postgres.js';
import { SqlStorage } from './sql-storage.js';
import type { Storage } from './types.js';

export type { Storage, StoredKey, NewProduct, NewResult, ListProducts, Conditional, NewFootprint, StoredFootprint } from './types.js';
export { migrations, migrate } from './migrate.js';

export type StorageOptions =
  | ({ kind: 'pglite' } & PgliteOptions)
  | { kind: 'postgres'; connectionString: string; schema?: string; max?: number };

/** Open the storage, apply pending migrations, and hand it back ready. */
export async function openStorage(options: StorageOptions): Promise<Storage> {
  const db = options.kind === 'postgres'
    ? await openPostgres(options)
    : await openPglite(options);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  return new SqlStorage(db);
}

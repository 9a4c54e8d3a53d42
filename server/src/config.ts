import { resolve } from 'node:path';
import type { StorageOptions } from './storage/index.js';

export interface ServerConfig {
  host: string;
  port: number;
  storage: StorageOptions;
  apiKey?: string;
}

/**
 * Read the environment: PORT (default 3000), HOST (default 127.0.0.1), DATABASE_URL (PostgreSQL;
 * otherwise the embedded database in GREENLCA_DATA_DIR, default `<repo>/.data`, flushed to the disk
 * at every commit unless GREENLCA_PGLITE_FSYNC=off), GREENLCA_API_KEY.
 */
export function storageOptionsFromEnv(env: NodeJS.ProcessEnv, repoRoot: string): StorageOptions {
  if (env.DATABASE_URL) return { kind: 'postgres', connectionString: env.DATABASE_URL, ...(env.GREENLCA_DB_SCHEMA ? { schema: env.GREENLCA_DB_SCHEMA } : {}) };
  const fsync = env.GREENLCA_PGLITE_FSYNC;
  if (fsync !== undefined && fsync !== '' && fsync !== 'on' && fsync !== 'off') {
    throw new Error(`GREENLCA_PGLITE_FSYNC must be "on" (the default: every commit is flushed to the disk) or "off", not "${fsync}"`);
  }
  return { kind: 'pglite', dataDir: resolve(env.GREENLCA_DATA_DIR ?? resolve(repoRoot, '.data')), fsync: fsync !== 'off' };
}

export function configFromEnv(env: NodeJS.ProcessEnv, repoRoot: string): ServerConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const config: ServerConfig = { host: env.HOST || '127.0.0.1', port, storage: storageOptionsFromEnv(env, repoRoot) };
  if (env.GREENLCA_API_KEY) config.apiKey = env.GREENLCA_API_KEY;
  return config;
}

import { resolve } from 'node:path';
import type { StorageOptions } from './storage/index.js';

export interface ServerConfig {
  host: string;
  port: number;
  storage: StorageOptions;
  apiKey?: string;
  /** The built web UI served at `/` (GREENLCA_WEB_ROOT, default `<repo>/web/dist`). */
  webRoot: string;
  /** Where local state that is not in the database lives (GREENLCA_DATA_DIR, default `<repo>/.data`): the generated admin key. */
  dataDir: string;
  /** LOG_LEVEL, default info; requests are logged at debug (app.ts). */
  logLevel: string;
  /** Serve HTTPS with this PEM certificate (chain) and private key (files), instead of plain HTTP. */
  tls?: { certFile: string; keyFile: string };
  /** GREENLCA_SECRETS_KEY (32 bytes, hex or base64): seals partners' client secrets; else a key file in dataDir. */
  secretsKey?: string;
  /** GREENLCA_PACT_ALLOW_LOOPBACK=1: outbound PACT calls may reach loopback addresses (tests, one-machine demos). */
  pactAllowLoopback: boolean;
}

/**
 * Read the environment: PORT (default 3000), HOST (default 127.0.0.1), DATABASE_URL (PostgreSQL;
 * otherwise the embedded database in GREENLCA_DATA_DIR, default `<repo>/.data`, flushed to the disk
 * at every commit unless GREENLCA_PGLITE_FSYNC=off), GREENLCA_API_KEY,
 * GREENLCA_WEB_ROOT (the built UI, default `<repo>/web/dist`), LOG_LEVEL (default info; debug logs every request),
 * TLS_CERT and TLS_KEY (PEM files: HTTPS instead of HTTP; both or neither).
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
  const logLevel = env.LOG_LEVEL || 'info';
  const config: ServerConfig = {
    host: env.HOST || '127.0.0.1', port, storage: storageOptionsFromEnv(env, repoRoot),
    webRoot: resolve(env.GREENLCA_WEB_ROOT || resolve(repoRoot, 'web', 'dist')),
    dataDir: resolve(env.GREENLCA_DATA_DIR ?? resolve(repoRoot, '.data')),
    logLevel,
    pactAllowLoopback: env.GREENLCA_PACT_ALLOW_LOOPBACK === '1',
  };
  if (env.GREENLCA_PACT_ALLOW_LOOPBACK !== undefined && !['', '0', '1'].includes(env.GREENLCA_PACT_ALLOW_LOOPBACK)) {
    throw new Error(`GREENLCA_PACT_ALLOW_LOOPBACK must be 1 (allow) or 0, not "${env.GREENLCA_PACT_ALLOW_LOOPBACK}"`);
  }
  if (env.GREENLCA_SECRETS_KEY) config.secretsKey = env.GREENLCA_SECRETS_KEY;
  if (env.GREENLCA_API_KEY) config.apiKey = env.GREENLCA_API_KEY;
  const tls = tlsFromEnv(env);
  if (tls) config.tls = tls;
  return config;
}

/**
 * TLS_CERT and TLS_KEY: the PEM certificate (with its chain) and private key files (paths relative to
 * the working directory) to serve HTTPS with. PACT v3 requires HTTPS, so a PACT host facing partners
 * sets both; one without the other is a configuration error, not a silent fall back to plain HTTP.
 */
export function tlsFromEnv(env: NodeJS.ProcessEnv): ServerConfig['tls'] {
  const cert = env.TLS_CERT || undefined;
  const key = env.TLS_KEY || undefined;
  if (!cert && !key) return undefined;
  if (!cert || !key) throw new Error(`TLS_CERT and TLS_KEY go together (PEM certificate and private key files): set ${cert ? 'TLS_KEY' : 'TLS_CERT'} too, or neither for plain HTTP`);
  return { certFile: resolve(cert), keyFile: resolve(key) };
}

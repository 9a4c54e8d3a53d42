import { resolve } from 'node:path';
import type { QueueOptions } from './jobs/queue.js';
import type { RateLimitOptions } from './plugins/rate-limit.js';
import type { StorageOptions } from './storage/index.js';

/** What this process runs: the API and the job workers (`all`, the default), the API only, or workers only. */
export type Role = 'all' | 'api' | 'worker';

export interface ServerConfig {
  role: Role;
  /** The job queue's tuning (GREENLCA_JOB_*); defaults in jobs/queue.ts. */
  jobs: QueueOptions;
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
  /** GREENLCA_WARM_UP=off: skip calculating the bundled examples after start (lib/warm-up.ts); default on. */
  warmUp: boolean;
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
    role: roleFromEnv(env), jobs: jobOptionsFromEnv(env),
    host: env.HOST || '127.0.0.1', port, storage: storageOptionsFromEnv(env, repoRoot),
    webRoot: resolve(env.GREENLCA_WEB_ROOT || resolve(repoRoot, 'web', 'dist')),
    dataDir: resolve(env.GREENLCA_DATA_DIR ?? resolve(repoRoot, '.data')),
    logLevel,
    pactAllowLoopback: env.GREENLCA_PACT_ALLOW_LOOPBACK === '1',
    warmUp: env.GREENLCA_WARM_UP !== 'off',
  };
  if (env.GREENLCA_WARM_UP !== undefined && !['', 'on', 'off'].includes(env.GREENLCA_WARM_UP)) {
    throw new Error(`GREENLCA_WARM_UP must be "on" (the default: the examples are calculated once after start, so the first request finds the code compiled) or "off", not "${env.GREENLCA_WARM_UP}"`);
  }
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

/**
 * GREENLCA_ROLE: `all` (default; what `pnpm start` runs), `api` (HTTP only: jobs are queued, not
 * worked on) or `worker` (works on job chunks, listens on no port). Separate roles share one
 * PostgreSQL database: the embedded database belongs to one process, so they need DATABASE_URL.
 */
export function roleFromEnv(env: NodeJS.ProcessEnv): Role {
  const role = env.GREENLCA_ROLE || 'all';
  if (role !== 'all' && role !== 'api' && role !== 'worker') throw new Error(`GREENLCA_ROLE must be all, api or worker, not "${role}"`);
  if (role !== 'all' && !env.DATABASE_URL) {
    throw new Error(`GREENLCA_ROLE=${role} runs beside other processes on one database: set DATABASE_URL (the embedded database belongs to one process)`);
  }
  return role;
}

/** GREENLCA_JOB_CHUNK_SIZE, _CHUNK_TIMEOUT_S, _RETRIES, _RETRY_DELAY_S, _POLL_S, _CONCURRENCY, _MAINTENANCE_S: positive numbers. */
export function jobOptionsFromEnv(env: NodeJS.ProcessEnv): QueueOptions {
  const options: QueueOptions = {};
  const read = (name: string, key: keyof QueueOptions, integer: boolean, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) throw new Error(`${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, not "${raw}"`);
    options[key] = n;
  };
  read('GREENLCA_JOB_CHUNK_SIZE', 'chunkSize', true, 1);
  read('GREENLCA_JOB_CHUNK_TIMEOUT_S', 'chunkTimeoutSeconds', true, 1);
  read('GREENLCA_JOB_RETRIES', 'retryLimit', true, 0);
  read('GREENLCA_JOB_RETRY_DELAY_S', 'retryDelaySeconds', true, 1);
  read('GREENLCA_JOB_POLL_S', 'pollingIntervalSeconds', false, 0.5);
  read('GREENLCA_JOB_CONCURRENCY', 'concurrency', true, 1);
  read('GREENLCA_JOB_MAINTENANCE_S', 'maintenanceIntervalSeconds', true, 1);
  return options;
}

/**
 * The rate limit from GREENLCA_RATE_LIMIT (requests per minute per key for the installation, default
 * 600) and GREENLCA_RATE_LIMIT_STORE: `memory` (default) counts in each process, and
 * GREENLCA_API_REPLICAS (default 1) API processes behind one balancer each allow their share (no
 * database round trip per request; with requests spread evenly, round robin, a key gets about the
 * installation's limit in all); `database` counts in the database, one count for every replica (one
 * more statement per request). Undefined: the rate-limit plugin's defaults.
 */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv): RateLimitOptions | undefined {
  const total = env.GREENLCA_RATE_LIMIT ? Number(env.GREENLCA_RATE_LIMIT) : undefined;
  const replicas = env.GREENLCA_API_REPLICAS ? Number(env.GREENLCA_API_REPLICAS) : 1;
  const store = env.GREENLCA_RATE_LIMIT_STORE || 'memory';
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`GREENLCA_API_REPLICAS must be a whole number of API processes ≥ 1, not "${env.GREENLCA_API_REPLICAS}"`);
  if (store !== 'memory' && store !== 'database') throw new Error(`GREENLCA_RATE_LIMIT_STORE must be memory or database, not "${store}"`);
  if (store === 'database') return { store, ...(total !== undefined ? { max: total } : {}) };
  if (total === undefined && replicas === 1) return undefined;
  return { max: Math.max(1, Math.floor((total ?? 600) / replicas)) };
}

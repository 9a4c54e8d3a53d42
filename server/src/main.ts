/**
 * `pnpm start`: listen. Everything else is in app.ts. GREENLCA_ROLE: `all` (default) serves the API and
 * works on background jobs; `api` only serves; `worker` only works on jobs (no port: jobs/worker.ts).
 * Environment: PORT, HOST (default 127.0.0.1),
 * DATABASE_URL or GREENLCA_DATA_DIR (and GREENLCA_PGLITE_FSYNC=on|off), GREENLCA_API_KEY, GREENLCA_RATE_LIMIT
 * (requests/minute per key), GREENLCA_WEB_ROOT, LOG_LEVEL, TLS_CERT and TLS_KEY (HTTPS), GREENLCA_SECRETS_KEY
 * (seals partners' PACT client secrets; else a key file in the data directory), GREENLCA_PACT_ALLOW_LOOPBACK and
 * GREENLCA_WARM_UP (server/src/config.ts).
 *
 * Started by a parent with an IPC channel (the soak bench), it answers `{ type: 'memory' }` with how
 * its memory splits (see `memoryReport`); nothing is listened for otherwise.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, openStorage } from './app.js';
import { runWorker } from './jobs/worker.js';
import { saveAdminKey } from './admin-key-file.js';
import { configFromEnv, rateLimitFromEnv } from './config.js';
import { parseSecretsKey, secretsKeyFile } from './lib/secret-box.js';
import { warmUp } from './lib/warm-up.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const config = configFromEnv(process.env, repoRoot);
const https = config.tls && readTls(config.tls);
const rate = rateLimitFromEnv(process.env);

// Opened before the app, not by its storage plugin: creating a fresh data directory (initdb) can take
// longer than Fastify's 10 s plugin timeout on a busy machine. Closed after the app, below.
const storage = await openStorage(config.storage);
if (config.role === 'worker') await runWorker(storage, config);
const app = await buildApp({
  storage,
  bootstrap: { ...(config.apiKey ? { apiKey: config.apiKey } : {}), generate: true },
  onGeneratedKey: (key) => {
    const kept = saveAdminKey(config.dataDir, key);
    process.stdout.write(`\nGreenLCA: a fresh installation. Admin API key:\n\n  ${key}\n\n` +
      `Send it as "Authorization: Bearer <key>". Shown again by \`pnpm admin-key\` (kept in ${kept}, owner-only).\n` +
      'Set GREENLCA_API_KEY to choose your own.\n\n');
  },
  ...(rate ? { rateLimit: rate } : {}),
  jobs: { ...config.jobs, work: config.role === 'all' },
  webRoot: config.webRoot,
  logger: { level: config.logLevel },
  ...(https ? { https } : {}),
  pact: {
    outbound: { allowLoopback: config.pactAllowLoopback },
    deliverOwed: config.role === 'all',
    secretsKey: config.secretsKey ? parseSecretsKey(config.secretsKey) : secretsKeyFile(config.dataDir),
  },
});

if (process.send) {
  process.on('message', (message: unknown) => {
    const ask = message as { type?: unknown; gc?: unknown } | null;
    if (ask?.type !== 'memory') return;
    process.send?.(memoryReport(ask.gc === true));
  });
}

/**
 * RSS split into V8's heap (what JavaScript holds), memory outside it (Buffers, ArrayBuffers) and the
 * embedded database's WebAssembly memory, in bytes. With `gc` (and node --expose-gc) a full GC runs
 * first, so what is left is what is held, not garbage not yet collected.
 */
function memoryReport(gc: boolean): Record<string, unknown> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (gc && collect) collect();
  const m = process.memoryUsage();
  return {
    type: 'memory', collected: gc && collect !== undefined,
    rss: m.rss, heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers,
    wasm: storage.embeddedMemoryBytes() ?? null,
  };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info(`${signal}: closing`);
    app.close().then(() => storage.close()).then(() => process.exit(0), () => process.exit(1));
  });
}

try {
  const address = await app.listen({ host: config.host, port: config.port });
  const where = config.storage.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.storage.dataDir}`;
  app.log.info(`GreenLCA API on ${address} (docs at ${address}/docs), storage: ${where}, role: ${config.role}`);
  if (config.warmUp && config.role !== 'worker') {
    const products = exampleProducts(join(repoRoot, 'examples'));
    void warmUp(products, app.catalogue.library, app.now().getUTCFullYear()).then(
      (w) => app.log.info(`warm-up: ${w.calculated} example products calculated in ${w.ms.toFixed(0)} ms${w.failed ? ` (${w.failed} failed)` : ''}`),
      (error: unknown) => app.log.warn({ err: error }, 'warm-up stopped'),
    );
  }
} catch (error) {
  app.log.error(error);
  await storage.close().catch(() => {});
  process.exit(1);
}

/**
 * The certificate and key files, read and parsed once at start-up: an unreadable or non-PEM one stops
 * the server with its name and the reason, not with a stack trace from deep inside TLS.
 */
function readTls(tls: { certFile: string; keyFile: string }): { cert: Buffer; key: Buffer } {
  const load = (file: string, what: string, parse: (pem: Buffer) => unknown): Buffer => {
    try {
      const pem = readFileSync(file);
      parse(pem);
      return pem;
    } catch (error) {
      process.stderr.write(`GreenLCA: the TLS ${what} ${file} is unusable (${(error as Error).message}); give a PEM file, or unset TLS_CERT and TLS_KEY for plain HTTP\n`);
      process.exit(1);
    }
  };
  return {
    cert: load(tls.certFile, 'certificate (TLS_CERT)', (pem) => new X509Certificate(pem)),
    key: load(tls.keyFile, 'private key (TLS_KEY)', (pem) => createPrivateKey(pem)),
  };
}

/** The bundled example products (examples/*.json with an inventory), for the warm-up; none if the folder is absent. */
function exampleProducts(dir: string): unknown[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>)
      .filter((p) => Array.isArray(p.inventory));
  } catch {
    return [];
  }
}

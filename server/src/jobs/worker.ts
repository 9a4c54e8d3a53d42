/**
 * GREENLCA_ROLE=worker: work on job chunks until SIGTERM or SIGINT, listening on no port. Chunks in
 * hand when the signal comes are finished and stored first; a worker killed outright (SIGKILL, a lost
 * machine) leaves its chunks to expire and be retried by the others (GREENLCA_JOB_CHUNK_TIMEOUT_S).
 */
import { bundledCatalogue } from '../lib/library.js';
import { OrgLibraries } from '../org-datasets/library.js';
import { DEFAULT_OUTBOUND } from '../lib/outbound.js';
import { parseSecretsKey, SecretBox, secretsKeyFile } from '../lib/secret-box.js';
import type { ServerConfig } from '../config.js';
import type { Storage } from '../storage/index.js';
import { Jobs } from './index.js';
import { PactDeliveries } from './pact-delivery.js';

const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;

/** One JSON line per event, in pino's shape (the API logs through Fastify's pino). */
function lineLogger(level: string) {
  const threshold = LEVELS[level as keyof typeof LEVELS] ?? LEVELS.info;
  const write = (lvl: number) => (object: unknown, message: string) => {
    if (lvl < threshold) return;
    const fields = object instanceof Error ? { err: { message: object.message, stack: object.stack } } : (object as Record<string, unknown>);
    const err = fields?.err instanceof Error ? { err: { message: fields.err.message, stack: fields.err.stack } } : {};
    process.stdout.write(JSON.stringify({ level: lvl, time: Date.now(), pid: process.pid, role: 'worker', ...fields, ...err, msg: message }) + '\n');
  };
  return { debug: write(LEVELS.debug), info: write(LEVELS.info), warn: write(LEVELS.warn), error: write(LEVELS.error) };
}

export async function runWorker(storage: Storage, config: ServerConfig): Promise<never> {
  const log = lineLogger(config.logLevel);
  // pact-fetch jobs open partners' client secrets: a worker needs the API's GREENLCA_SECRETS_KEY (or its data directory's key).
  const secrets = new SecretBox(config.secretsKey ? parseSecretsKey(config.secretsKey) : secretsKeyFile(config.dataDir));
  const pact = { secrets, outbound: { ...DEFAULT_OUTBOUND, allowLoopback: config.pactAllowLoopback } };
  const catalogue = await bundledCatalogue();
  // The organisation's own datasets too, as in an `all` process (the API's libraries).
  const libraries = new OrgLibraries(storage, catalogue);
  const jobs = new Jobs({ storage, catalogue, library: (orgId) => libraries.library(orgId), now: () => new Date(), pact, log }, { ...config.jobs, work: true });
  // Answers to partners' PACT requests still owed after a failed attempt.
  const deliveries = new PactDeliveries({ storage, ...pact, log });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({}, `${signal}: finishing the chunks in hand`);
      Promise.all([jobs.close(), deliveries.close()]).then(() => storage.close()).then(() => process.exit(0), () => process.exit(1));
    });
  }
  try {
    await jobs.open();
  } catch (error) {
    log.error({ err: error }, 'the job queue could not start');
    await storage.close().catch(() => {});
    process.exit(1);
  }
  deliveries.start();
  log.info({}, `GreenLCA worker ready, storage: ${config.storage.kind}`);
  return new Promise<never>(() => {});
}

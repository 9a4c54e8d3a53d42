/**
 * @module @greenlca/server — the GreenLCA HTTP API. `buildApp()` assembles the Fastify instance from
 * plugins (no `listen`: main.ts does that, tests use `inject()` or listen on a random port).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Jobs, type JobsOptions } from './jobs/index.js';
import { PactDeliveries } from './jobs/pact-delivery.js';
import { randomBytes } from 'node:crypto';
import { bootstrapKeys, type Bootstrap } from './lib/bootstrap.js';
import { DEFAULT_OUTBOUND, type OutboundPolicy } from './lib/outbound.js';
import { DEFAULT_DELIVERY_RETRY, type DeliveryRetry } from './lib/pact-client.js';
import { SecretBox } from './lib/secret-box.js';
import { bundledCatalogue, type Catalogue } from './lib/library.js';
import { parseJsonBody, readJsonBody } from './lib/json-body.js';
import { CONNECTIONS_CHECK_MS, HEADERS_TIMEOUT_MS, MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES, MAX_CONNECTIONS, REQUEST_TIMEOUT_MS } from './limits.js';
import { OrgLibraries } from './org-datasets/library.js';
import auth, { type AuthOptions } from './plugins/auth.js';
import { caching } from './plugins/caching.js';
import { idempotency } from './plugins/idempotency.js';
import openapi from './plugins/openapi.js';
import problem, { answerError } from './plugins/problem.js';
import rateLimit, { type RateLimitOptions } from './plugins/rate-limit.js';
import storagePlugin from './plugins/storage.js';
import { validatorCompiler } from './plugins/validation.js';
import web from './plugins/web.js';
import { routes } from './routes/index.js';
import { isPactPath, pactErrorAnswer, pactErrorHandler } from './routes/pact/errors.js';
import { clientErrorHandler } from './plugins/client-error.js';
import type { Storage, StorageOptions } from './storage/index.js';
import './types.js';

export type { Storage, StorageOptions } from './storage/index.js';
export { openStorage } from './storage/index.js';
export { storageOptionsFromEnv, type ServerConfig } from './config.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface AppOptions {
  /** An open storage (you close it), or how to open one (closed with the app). Default: in-memory PGlite. */
  storage?: Storage | StorageOptions;
  /** The factor library to calculate with. Default: the bundled datasets (@greenlca/datasets). */
  catalogue?: Catalogue;
  /** Admin key bootstrap (GREENLCA_API_KEY). */
  bootstrap?: Bootstrap;
  /** Called with a key generated at first start, to show it once. */
  onGeneratedKey?: (key: string) => void;
  /** `false` to switch rate limiting off (benchmarks of the ceiling); default 600 requests/minute per key. */
  rateLimit?: RateLimitOptions | false;
  auth?: AuthOptions;
  /** Largest request body in bytes (default 2 MiB); batches allow `batchBodyLimit` (default 64 MiB). */
  bodyLimit?: number;
  batchBodyLimit?: number;
  /** How long a client may take to send its request headers, in ms (default HEADERS_TIMEOUT_MS). */
  headersTimeoutMs?: number;
  /** Bytes of serialised /v1/calculate results to keep for identical requests (default 64 MiB); 0 = off. */
  resultCacheBytes?: number;
  /** Directory of the built web UI, or false. Default `<repo>/web/dist`. */
  webRoot?: string | false;
  /** The clock (the engine never reads one); default `() => new Date()`. */
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /**
   * Background jobs. The queue opens on the first job (or at start with `work: true`, which also works
   * on chunks in this process: GREENLCA_ROLE=all, the default of `pnpm start`). Default: no work here.
   */
  jobs?: JobsOptions;
  /** Serve HTTPS with this PEM certificate and key (TLS_CERT, TLS_KEY); plain HTTP when absent. */
  https?: { cert: string | Buffer; key: string | Buffer };
  /**
   * PACT client calls: `outbound` loosens or tightens the policy (allowLoopback for two servers on one
   * machine; timeouts, byte caps), `secretsKey` (32 bytes) seals partners' client secrets (default: a
   * key for this process only, so secrets stored now cannot be read after a restart: main.ts passes one),
   * `delivery` how answers to partners are sent again when a partner fails for a reason that may pass
   * (default 4 attempts, 2 s doubled), `deliverOwed` whether this process polls for the attempts owed
   * (default true; main.ts: only GREENLCA_ROLE=all, and workers poll too).
   */
  pact?: { outbound?: Partial<OutboundPolicy>; secretsKey?: Buffer; delivery?: DeliveryRetry; deliverOwed?: boolean };
}

/**
 * Each request and its answer are logged at debug level, not info: at info they bury the start-up lines
 * (the admin key, the address) within minutes. LOG_LEVEL=debug shows them; errors stay at error level.
 */
class RequestsAtDebug extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    request.log.debug({ req: request }, 'incoming request');
  }
  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export type App = FastifyInstance;

/**
 * Build the API. Nothing listens until you call `listen`.
 *
 * @example
 * const app = await buildApp({ storage: { kind: 'pglite' } });
 * const res = await app.inject({ method: 'POST', url: '/v1/calculate', headers: { authorization: `Bearer ${key}` }, payload: product });
 */
export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const headersTimeout = options.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const app = Fastify({
    // Over HTTPS a plain-HTTP request to the same port fails its TLS handshake and gets no answer:
    // PACT forbids serving its API over HTTP (the conformance runner's tests 9-11 and 17).
    ...(options.https ? { https: options.https } : {}),
    logger: options.logger ?? false,
    logController: new RequestsAtDebug(),
    bodyLimit: options.bodyLimit ?? MAX_BODY_BYTES,
    // Fastify's default is no limit at all: a client trickling its request would hold its socket for ever.
    requestTimeout: REQUEST_TIMEOUT_MS,
    http: { headersTimeout: headersTimeout, connectionsCheckingInterval: Math.min(CONNECTIONS_CHECK_MS, Math.ceil(headersTimeout / 2)) },
    // Fastify would answer 404 for /v1/products/ but the route is /v1/products.
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { strict: false } },
    // Errors Fastify raises before routing (a malformed URL, an over-long path parameter, a failed
    // async constraint) in the same shape as every other error on that path.
    frameworkErrors: (error, request, reply) =>
      isPactPath(request.url) ? pactErrorHandler(error, request, reply) : answerError(error, request, reply),
    // Errors Node's HTTP parser raises before any request exists (431, 414, malformed HTTP), likewise.
    clientErrorHandler: clientErrorHandler({ otherShape: { applies: isPactPath, answer: pactErrorAnswer } }),
  }).withTypeProvider<TypeBoxTypeProvider>();
  // The HTTPS server is made without the http options: the same limits, set on it directly.
  app.server.headersTimeout = headersTimeout;
  app.server.maxConnections = MAX_CONNECTIONS;

  // JSON routes read JSON only: text/plain is a 415, not a string that fails the schema. The BOM import
  // reads text/csv and text/plain with its own parser.
  app.removeContentTypeParser('text/plain');
  // JSON is read as bytes and decoded strictly (lib/json-body.ts), then parsed by Fastify's own parser
  // with its prototype-poisoning checks.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const text = readJsonBody(request, body, done);
    if (text !== undefined) parseJsonBody(parseJson, request, text, done);
  });

  app.setValidatorCompiler(validatorCompiler);
  // Responses are serialised as they are: schemas document them (OpenAPI) but never drop fields a
  // product model carries beyond the schema ("add fields freely").
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  // A body answered before it was read (413 for its size, 401 before it is parsed …) is read and
  // dropped, up to a bound, before the answer goes out: a client still writing it would otherwise
  // find the connection closed under it (EPIPE) and never see the answer.
  app.addHook('onSend', async (request) => {
    await drainUnreadBody(request.raw);
  });

  app.decorate('now', options.now ?? (() => new Date()));
  app.decorate('pactOutbound', { ...DEFAULT_OUTBOUND, ...options.pact?.outbound });
  app.decorate('secrets', new SecretBox(options.pact?.secretsKey ?? randomBytes(32)));
  app.decorate('catalogue', options.catalogue ?? (await bundledCatalogue()));

  await app.register(problem, { otherShape: { applies: isPactPath, answer: pactErrorHandler } });
  await app.register(storagePlugin, { storage: options.storage ?? { kind: 'pglite' } });
  app.decorate('orgLibraries', new OrgLibraries(app.storage, app.catalogue));
  if (options.rateLimit !== false) await app.register(rateLimit, options.rateLimit ?? {});
  await app.register(auth, options.auth ?? {});
  await app.register(idempotency);
  await app.register(caching);
  await app.register(openapi);

  const jobs = new Jobs({ storage: app.storage, catalogue: app.catalogue, library: (orgId) => app.orgLibraries.library(orgId), now: app.now, pact: { secrets: app.secrets, outbound: app.pactOutbound }, log: app.log }, options.jobs ?? {});
  app.decorate('jobs', jobs);
  if (options.jobs?.work) app.addHook('onReady', async () => { await jobs.open(); });
  // Before the storage closes (onClose): chunks in hand finish and are stored.
  app.addHook('preClose', () => jobs.close());

  const deliveries = new PactDeliveries({ storage: app.storage, secrets: app.secrets, outbound: app.pactOutbound, retry: options.pact?.delivery ?? DEFAULT_DELIVERY_RETRY, log: app.log });
  app.decorate('pactDeliveries', deliveries);
  if (options.pact?.deliverOwed !== false) app.addHook('onReady', async () => deliveries.start());
  app.addHook('preClose', () => deliveries.close());

  const boot = await bootstrapKeys(app.storage, options.bootstrap ?? {});
  if (boot.generated) options.onGeneratedKey?.(boot.generated);

  await app.register(routes, { batchBodyLimit: options.batchBodyLimit ?? MAX_BATCH_BODY_BYTES, cacheBytes: options.resultCacheBytes ?? 64 * 1024 * 1024 });
  if (options.webRoot !== false) await app.register(web, { root: options.webRoot ?? join(repoRoot, 'web', 'dist') });
  return app;
}

/** Bytes of an unread body read and dropped before answering, and how long to wait for them. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;
const MAX_DRAIN_MS = 5_000;

function drainUnreadBody(raw: import('node:http').IncomingMessage): Promise<void> | void {
  if (raw.complete || raw.readableEnded || raw.destroyed) return;
  const declared = Number(raw.headers['content-length']);
  if (declared > MAX_DRAIN_BYTES) return; // too much to read: the client gets a closed connection
  return new Promise((resolve) => {
    let read = 0;
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, MAX_DRAIN_MS);
    raw.on('data', (chunk: Buffer) => {
      read += chunk.length;
      if (read > MAX_DRAIN_BYTES) done();
    });
    raw.once('end', done);
    raw.once('close', done);
    raw.once('error', done);
    raw.resume();
  });
}

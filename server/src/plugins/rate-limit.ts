import rateLimit, { type FastifyRateLimitStore, type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';
import { bearerToken, keyIdOf } from '../lib/keys.js';

export interface RateLimitOptions {
  /** Requests per window per key (or per client address without a key). Default 600. */
  max?: number;
  /** Window in ms. Default 60 000. */
  timeWindow?: number;
  /**
   * Where requests are counted: `memory` (default: this process; replicas each allow `max`, see
   * GREENLCA_API_REPLICAS) or `database` (one count for every process on the database: one more
   * statement per request).
   */
  store?: 'memory' | 'database';
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set where credentials are refused with a status other than 401 (PACT answers a bad token with 400). */
    credentialsRejected?: boolean;
  }
}

/**
 * Rate limits per API key (the id in the token, read without touching storage), else per client
 * address. That limiter runs in each route's own onRequest hooks, after authentication, so it only
 * ever sees requests whose key was accepted. Requests whose credentials are refused (a 401, or a bad
 * PACT token) are counted apart, per client address: past `max` in a window, that address gets 429 for
 * anything that needs or sends credentials, before authentication looks the key up.
 */
async function rateLimitPlugin(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  const max = options.max ?? 600;
  const timeWindow = options.timeWindow ?? 60_000;
  await app.register(rateLimit, {
    global: true,
    max,
    timeWindow,
    ...(options.store === 'database' ? { store: databaseStore(app) } : {}),
    keyGenerator: (request: FastifyRequest) => {
      const token = bearerToken(request.headers.authorization);
      return token ? `key:${keyIdOf(token)}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      new ApiError('GLCA_RATE_LIMITED', `Rate limit of ${context.max} requests per ${context.after} exceeded; retry after ${context.after}.`),
  });

  // Refused credentials per client address, in fixed windows.
  const refused = new Map<string, { count: number; resetAt: number }>();
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = request.routeOptions.config?.access;
    if ((!access || access === 'public') && !request.headers.authorization) return;
    const entry = refused.get(request.ip);
    const now = Date.now();
    if (!entry || entry.resetAt <= now || entry.count < max) return;
    const seconds = Math.ceil((entry.resetAt - now) / 1000);
    throw new ApiError('GLCA_RATE_LIMITED', `More than ${max} requests from this address were refused for their credentials; retry after ${seconds} s.`,
      undefined, { 'retry-after': String(seconds) });
  });
  app.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    if (reply.statusCode !== 401 && !request.credentialsRejected) return;
    const now = Date.now();
    let entry = refused.get(request.ip);
    if (!entry || entry.resetAt <= now) {
      if (refused.size >= 100_000) for (const [ip, e] of refused) if (e.resetAt <= now) refused.delete(ip);
      entry = { count: 0, resetAt: now + timeWindow };
      refused.set(request.ip, entry);
    }
    entry.count++;
  });
}

/**
 * @fastify/rate-limit's store over the storage's `countRequest`: fixed windows, one count per key for
 * every replica. Ended windows are purged at most once a window.
 */
function databaseStore(app: FastifyInstance): FastifyRateLimitStoreCtor {
  let lastPurge = 0;
  class DatabaseStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = Date.now();
      if (now - lastPurge > timeWindow) {
        lastPurge = now;
        app.storage.purgeRequestCounts(timeWindow).catch((error: unknown) => app.log.warn({ err: error }, 'purging rate-limit windows failed'));
      }
      app.storage.countRequest(key, timeWindow).then(({ count, ttlMs }) => callback(null, { current: count, ttl: ttlMs }), (error: Error) => callback(error));
    }
    child(): FastifyRateLimitStore {
      return this;
    }
  }
  return DatabaseStore;
}

export default fp(rateLimitPlugin, { name: 'greenlca-rate-limit', fastify: '5.x' });

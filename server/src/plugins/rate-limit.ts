import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';
import { bearerToken, keyIdOf } from '../lib/keys.js';

export interface RateLimitOptions {
  /** Requests per window per key (or per client address without a key). Default 600. */
  max?: number;
  /** Window in ms. Default 60 000. */
  timeWindow?: number;
}

/**
 * Rate limits per API key (the id in the token, read without touching storage), else per client
 * address. Runs before authentication, so unauthenticated floods are limited too.
 */
async function rateLimitPlugin(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: options.max ?? 600,
    timeWindow: options.timeWindow ?? 60_000,
    keyGenerator: (request: FastifyRequest) => {
      const token = bearerToken(request.headers.authorization);
      return token ? `key:${keyIdOf(token)}` : `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) =>
      new ApiError('GLCA_RATE_LIMITED', `Rate limit of ${context.max} requests per ${context.after} exceeded; retry after ${context.after}.`),
  });
}

export default fp(rateLimitPlugin, { name: 'greenlca-rate-limit', fastify: '5.x' });

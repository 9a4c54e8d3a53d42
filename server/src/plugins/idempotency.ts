import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type TObject, Type } from '@sinclair/typebox';
import { ApiError } from '../errors.js';
import { canonicalJson } from '../lib/hash.js';
import { IDEMPOTENCY_KEY_MAX_CHARS, IDEMPOTENCY_RETENTION_MS, IDEMPOTENCY_STALE_MS } from '../limits.js';
import { callerOf } from './auth.js';

/** Headers a retry needs to see again; the rest (date, rate limits, request id) belong to the new answer. */
const KEPT_HEADERS = ['content-type', 'location', 'etag', 'link', 'cache-control'] as const;

/** A key: visible ASCII, as an RFC 8941 string (quoted, as the IETF draft writes it) or bare. */
const KEY = /^[\x21-\x7e]+$/;

interface Claim {
  orgId: string;
  key: string;
  settled: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A POST that creates: an `Idempotency-Key` makes a retry give the first answer again. */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    idempotency: Claim | null;
  }
}

/** The key in the header, or undefined without one; a malformed key is a 400 naming the header. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const raw = Array.isArray(header) ? header.join(',') : header;
  const key = /^"(.*)"$/.exec(raw)?.[1] ?? raw;
  if (!key || key.length > IDEMPOTENCY_KEY_MAX_CHARS || !KEY.test(key)) {
    throw new ApiError('GLCA_BAD_REQUEST', `Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_MAX_CHARS} visible ASCII characters (a UUID is a good key).`,
      [{ pointer: '/headers/idempotency-key', code: 'BAD_IDEMPOTENCY_KEY', detail: 'not 1–255 visible ASCII characters', hint: 'send a fresh UUID per new request and the same one on its retries' }]);
  }
  return key;
}

/** What makes two requests the same request: method, path with query, and the body (JSON key order aside). */
export function requestHash(request: Pick<FastifyRequest, 'method' | 'url' | 'body'>): string {
  const body = typeof request.body === 'string' ? request.body : canonicalJson(request.body ?? null);
  return createHash('sha256').update(`${request.method} ${request.url}\n`).update(body).digest('hex');
}

/**
 * `Idempotency-Key` on the POSTs that create (routes with `config.idempotent`), after the IETF
 * httpapi draft and Stripe: the first answer (status below 500) is kept per organisation for
 * IDEMPOTENCY_RETENTION_MS and sent again, marked `Idempotent-Replayed: true`, to a retry with the same
 * key and the same request; the same key with another request is 422; a retry while the first is still
 * running is 409 with Retry-After. A 5xx or a dropped connection gives the key up, so a retry runs again.
 */
async function idempotencyPlugin(app: FastifyInstance): Promise<void> {
  app.decorateRequest('idempotency', null);
  let lastPurge = 0;

  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    const header = Type.Optional(Type.String({
      minLength: 1, maxLength: IDEMPOTENCY_KEY_MAX_CHARS + 2,
      description: `Makes a retry safe: the first answer to this key is kept for ${IDEMPOTENCY_RETENTION_MS / 3_600_000} hours and given again (Idempotent-Replayed: true); the same key with another request is 422, a retry while the first still runs is 409.`,
    }));
    const headers = schema.headers as TObject | undefined;
    schema.headers = headers ? Type.Object({ ...headers.properties, 'idempotency-key': header }) : Type.Object({ 'idempotency-key': header });
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.routeOptions.config?.idempotent) return;
    const key = idempotencyKeyOf(request.headers['idempotency-key']);
    if (key === undefined) return;
    const { orgId } = callerOf(request);
    const now = app.now().getTime();
    if (now - lastPurge > 60_000) {
      lastPurge = now;
      await app.storage.purgeIdempotency(new Date(now - IDEMPOTENCY_RETENTION_MS));
    }
    const claim = await app.storage.claimIdempotency(orgId, key, requestHash(request), {
      now: new Date(now),
      expiresBefore: new Date(now - IDEMPOTENCY_RETENTION_MS),
      staleBefore: new Date(now - IDEMPOTENCY_STALE_MS),
    });
    switch (claim.state) {
      case 'claimed':
        request.idempotency = { orgId, key, settled: false };
        return;
      case 'answered':
        return reply.code(claim.answer.status).headers({ ...claim.answer.headers, 'idempotent-replayed': 'true' }).send(claim.answer.body);
      case 'in-progress':
        throw new ApiError('GLCA_CONFLICT', 'A request with this Idempotency-Key is still being processed; retry after it has been answered.',
          [{ pointer: '/headers/idempotency-key', code: 'IDEMPOTENCY_KEY_IN_USE', detail: 'the first request with this key has not been answered yet' }], { 'retry-after': '1' });
      case 'other-request':
        throw new ApiError('GLCA_IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request (method, URL or body); use a new key for a new request.',
          [{ pointer: '/headers/idempotency-key', code: 'IDEMPOTENCY_KEY_REUSED', detail: 'the key was first used for a different request', hint: 'use a new key for a new request' }]);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotency;
    if (!claim || claim.settled) return payload;
    claim.settled = true;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
    if (reply.statusCode >= 500 || body === undefined) {
      await app.storage.releaseIdempotency(claim.orgId, claim.key);
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    await app.storage.completeIdempotency(claim.orgId, claim.key, { status: reply.statusCode, headers, body });
    return payload;
  });

  // The client went away before an answer was sent: nothing was kept, so a retry must run again.
  const giveUp = async (request: FastifyRequest): Promise<void> => {
    const claim = request.idempotency;
    if (!claim || claim.settled) return;
    claim.settled = true;
    await app.storage.releaseIdempotency(claim.orgId, claim.key);
  };
  app.addHook('onRequestAbort', giveUp);
  app.addHook('onResponse', giveUp);
}

export const idempotency = fp(idempotencyPlugin, { name: 'greenlca-idempotency', dependencies: ['greenlca-storage'] });

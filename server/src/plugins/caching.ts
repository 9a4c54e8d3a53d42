import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * How a GET answer may be cached (`config.cache`): `catalogue` is public reference data that changes
 * only when the server (and its bundled datasets) is upgraded; `immutable` is a stored object that never
 * changes once made (a result, a product version), readable only with a key; `revalidate` is derived from
 * stored objects that can move on (a product's current version, the organisation's datasets), so a
 * client keeps it but asks again each time (If-None-Match → 304 while it is unchanged).
 */
export type CachePolicy = 'catalogue' | 'immutable' | 'revalidate';

export const CACHE_CONTROL: Record<CachePolicy, string> = {
  catalogue: 'public, max-age=3600',
  immutable: 'private, max-age=31536000, immutable',
  revalidate: 'private, no-cache',
};

declare module 'fastify' {
  interface FastifyContextConfig {
    cache?: CachePolicy;
  }
}

/** Does an If-None-Match header list this entity tag (weak comparison, RFC 9110 §13.1.2)? */
export function noneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => opaque(t) === opaque(tag));
}

/**
 * Cache-Control, an ETag (a hash of the body as sent) and If-None-Match → 304 on the 200 answers of GET
 * routes that declare `config.cache`, so clients and proxies revalidate instead of downloading again.
 */
async function cachingPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onSend', async (request, reply, payload) => {
    const policy = request.routeOptions.config?.cache;
    if (!policy || (request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    reply.header('cache-control', CACHE_CONTROL[policy]);
    const tag = (reply.getHeader('etag') as string | undefined) ?? `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"`;
    reply.header('etag', tag);
    if (noneMatch(request.headers['if-none-match'], tag)) {
      reply.code(304);
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
}

export const caching = fp(cachingPlugin, { name: 'greenlca-caching' });

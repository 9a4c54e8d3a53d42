import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../errors.js';
import { bearerToken, hashesMatch, hashToken, keyIdOf } from '../lib/keys.js';
import type { Scope } from '../schemas/auth.js';
import type { Caller } from '../types.js';

/** admin implies write, write implies read. */
const RANK: Record<Scope, number> = { read: 1, write: 2, admin: 3 };

export function allows(scopes: readonly Scope[], needed: Scope): boolean {
  return scopes.some((s) => RANK[s] >= RANK[needed]);
}

export interface AuthOptions {
  /** How long a verified key is trusted without asking storage again (ms); revocation through this server is immediate. */
  cacheMs?: number;
}

/**
 * Bearer-key authentication and scope checks. Each route declares `config.access`: `public`, or the
 * scope it needs. Keys belong to one organisation, and every handler works inside `request.caller.orgId`.
 */
async function authPlugin(app: FastifyInstance, options: AuthOptions): Promise<void> {
  const cacheMs = options.cacheMs ?? 5_000;
  const cache = new Map<string, { caller: Caller; until: number }>();
  app.decorate('forgetKey', (keyId: string) => {
    for (const [hash, entry] of cache) if (entry.caller.keyId === keyId) cache.delete(hash);
  });
  app.decorateRequest('caller', null);

  // A route that forgets to say who may call it is a bug: fail at start-up, not open at run time.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/v1/') && !route.config?.access) {
      throw new Error(`route ${route.method} ${route.url} declares no config.access (public, read, write or admin)`);
    }
  });

  async function resolve(token: string): Promise<Caller | undefined> {
    const hash = hashToken(token);
    const hit = cache.get(hash);
    const now = Date.now();
    if (hit && hit.until > now) return hit.caller;
    const key = await app.storage.findApiKey(keyIdOf(token));
    if (!key || key.revokedAt || !hashesMatch(key.secretHash, hash)) return undefined;
    const caller: Caller = { orgId: key.orgId, keyId: key.id, scopes: key.scopes, isOperator: key.isOperator };
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { caller, until: now + cacheMs });
    return caller;
  }

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = request.routeOptions.config?.access;
    if (!access || access === 'public') return;
    // Node keeps the first of several Authorization headers: which key was meant is not ours to guess.
    if (authorizationHeaders(request.raw.rawHeaders) > 1) {
      throw new ApiError('GLCA_BAD_REQUEST', 'The request has more than one Authorization header: send one API key, in one header.');
    }
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      throw new ApiError('GLCA_UNAUTHORIZED', 'Send an API key as "Authorization: Bearer <key>".', undefined, { 'www-authenticate': 'Bearer realm="greenlca"' });
    }
    const caller = await resolve(token);
    if (!caller) {
      throw new ApiError('GLCA_UNAUTHORIZED', 'The API key is unknown or revoked.', undefined, { 'www-authenticate': 'Bearer realm="greenlca", error="invalid_token"' });
    }
    if (!allows(caller.scopes, access)) {
      throw new ApiError('GLCA_FORBIDDEN', `This needs the "${access}" scope; the key has ${caller.scopes.join(', ')}.`);
    }
    request.caller = caller;
  });
}

function authorizationHeaders(raw: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.length === 13 && raw[i]!.toLowerCase() === 'authorization') n++;
  return n;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Drop a key from the verified-key cache (after revoking it). */
    forgetKey(keyId: string): void;
  }
}

/** The caller of a route that requires a scope (the auth hook has run). */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new ApiError('GLCA_UNAUTHORIZED', 'Send an API key as "Authorization: Bearer <key>".');
  return request.caller;
}

export default fp(authPlugin, { name: 'greenlca-auth', fastify: '5.x', dependencies: ['greenlca-storage', 'greenlca-problem'] });

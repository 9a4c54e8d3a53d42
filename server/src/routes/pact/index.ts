import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ProductFootprint } from '@greenlca/pact';
import { hashesMatch, hashToken, keyIdOf } from '../../lib/keys.js';
import { allows } from '../../plugins/auth.js';
import { PactError, pactErrorHandler } from './errors.js';
import { MAX_PACT_EVENT_BYTES, MAX_TOKEN_REQUEST_BYTES } from '../../limits.js';
import { filterFootprints, PactQuery } from './filter.js';
import { checkEvent, EVENT_V3, EventEnvelope, type RequestCriteria } from './events.js';
import { answerNewRequest, drainBackground, hostEventsSource, inBackground } from './answer.js';
import { partnerBaseUrl } from './requests.js';
import { OAuthErrorBody, PactErrorBody } from '../../schemas/problem.js';
import { withHeaders } from '../../schemas/headers.js';

const TOKEN_SECONDS = 3600;
const tags = ['pact'];

declare module 'fastify' {
  interface FastifyRequest {
    pactOrg?: string;
    /** Work to start once the answer is sent (calling a partner back after its 200, not before). */
    pactAfterReply?: () => void;
  }
}

/**
 * The PACT v3 host API (WBCSD Technical Specifications): `POST /auth/token` (OAuth2 client
 * credentials: client_id = the API key's id, client_secret = the API key; it needs the read scope),
 * `GET /3/footprints`, `GET /3/footprints/{id}` and `POST /3/events`, each answering in PACT's own
 * error shape `{ code, message }`. An invalid token is 400 BadRequest as the conformance tests expect
 * (the spec text says 401); an expired one is 401 TokenExpired.
 */
const pactRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  app.addContentTypeParser('application/cloudevents+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  app.setErrorHandler(pactErrorHandler);
  // Answers still being sent to partners finish before the storage closes.
  app.addHook('onClose', async (instance) => drainBackground(instance));
  app.addHook('onResponse', async (request) => request.pactAfterReply?.());

  /** Bearer access token → the organisation whose footprints it may read. */
  const authenticate = async (request: FastifyRequest): Promise<void> => {
    const m = /^Bearer[ \t]+(\S+)$/i.exec(request.headers.authorization ?? '');
    // Refused tokens count against the client address's allowance (plugins/rate-limit.ts), 400 or not.
    request.credentialsRejected = true;
    if (!m) throw new PactError(400, 'BadRequest', 'Send an access token from /auth/token as "Authorization: Bearer <token>".');
    const token = await app.storage.findAccessToken(hashToken(m[1]!));
    if (!token) throw new PactError(400, 'BadRequest', 'The access token is invalid.');
    request.credentialsRejected = false;
    if (Date.parse(token.expiresAt) <= app.now().getTime()) throw new PactError(401, 'TokenExpired', 'The access token has expired; request a new one from /auth/token.');
    if (!allows(token.scopes, 'read')) throw new PactError(403, 'AccessDenied', 'The client lacks the read scope.');
    request.pactOrg = token.orgId;
  };

  const tokenEndpoint = '/auth/token';
  app.get('/.well-known/openid-configuration', {
    schema: { tags, operationId: 'getOpenIdConfiguration', summary: 'OpenID discovery: where the token endpoint is', response: { 200: Type.Object({ issuer: Type.String(), token_endpoint: Type.String() }) } },
    config: { access: 'public' },
  }, async (request) => {
    const base = `${request.protocol}://${request.host}`;
    return { issuer: base, token_endpoint: `${base}${tokenEndpoint}` };
  });

  app.post(tokenEndpoint, {
    bodyLimit: MAX_TOKEN_REQUEST_BYTES,
    schema: {
      tags, operationId: 'createAccessToken', summary: 'OAuth2 client credentials → access token (PACT)',
      description: 'Basic auth with client_id = API key id, client_secret = the API key (read scope); body grant_type=client_credentials.',
      // OAuth2 (RFC 6749 §4.4.2): a form body, the client authenticated with HTTP Basic.
      consumes: ['application/x-www-form-urlencoded'],
      security: [{ clientCredentials: [] }],
      body: Type.Object({ grant_type: Type.String({ description: 'client_credentials' }) }, { additionalProperties: true }),
      response: {
        200: Type.Object({ access_token: Type.String(), token_type: Type.Literal('Bearer'), expires_in: Type.Integer() }),
        400: OAuthErrorBody,
        401: { ...OAuthErrorBody, description: 'Client authentication failed (invalid_client)', headers: { 'www-authenticate': Type.String({ description: 'Basic realm="greenlca"' }) } },
      },
    },
    config: { access: 'public' },
  }, async (request, reply) => {
    const fail = (status: number, error: string, description: string) =>
      (reply as FastifyReply).code(status).header('cache-control', 'no-store').send({ error, error_description: description });
    // RFC 6749 §5.2: a client that tried the Authorization header gets 401 with a challenge in its scheme.
    const badClient = (description: string) => {
      reply.header('www-authenticate', 'Basic realm="greenlca", charset="UTF-8"');
      return fail(401, 'invalid_client', description);
    };
    if (request.body.grant_type !== 'client_credentials') return fail(400, 'unsupported_grant_type', 'only grant_type=client_credentials is supported');
    const basic = /^Basic[ \t]+([A-Za-z0-9+/=]+)$/i.exec(request.headers.authorization ?? '');
    const decoded = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) return badClient('client authentication failed: send client_id:client_secret as HTTP Basic credentials');
    // The id and secret are form-urlencoded before Basic encoding (RFC 6749 §2.3.1); bad escapes are the client's fault.
    const formDecode = (text: string): string | undefined => {
      try {
        return decodeURIComponent(text);
      } catch {
        return undefined;
      }
    };
    const clientId = formDecode(decoded.slice(0, colon));
    const secret = formDecode(decoded.slice(colon + 1));
    if (clientId === undefined || secret === undefined) return badClient('client authentication failed: the credentials are not valid percent-encoding (RFC 6749 §2.3.1)');
    if (keyIdOf(secret) !== clientId) return badClient('client authentication failed');
    const key = await app.storage.findApiKey(clientId);
    if (!key || key.revokedAt || !hashesMatch(key.secretHash, hashToken(secret))) return badClient('client authentication failed');
    if (!allows(key.scopes, 'read')) return fail(400, 'invalid_scope', 'the key lacks the read scope');
    const token = randomBytes(32).toString('base64url');
    await app.storage.createAccessToken({ tokenHash: hashToken(token), keyId: key.id, orgId: key.orgId, expiresAt: new Date(app.now().getTime() + TOKEN_SECONDS * 1000) });
    return reply.header('cache-control', 'no-store').send({ access_token: token, token_type: 'Bearer' as const, expires_in: TOKEN_SECONDS });
  });

  app.get('/3/footprints', {
    onRequest: authenticate,
    schema: {
      tags, operationId: 'pactListFootprints', summary: 'PACT ListFootprints', querystring: PactQuery, security: [{ pactToken: ['footprint:list'] }],
      response: { 200: withHeaders(Type.Object({ data: Type.Array(ProductFootprint) }), 'link'), '4XX': PactErrorBody },
    },
    config: { access: 'public' },
  }, async (request, reply) => {
    const all = await app.storage.listFootprints(request.pactOrg!, { limit: 10_000 });
    const matching = filterFootprints(all.items.map((f) => f.document), request.query);
    const limit = request.query.limit ?? 100;
    const offset = request.query.offset ?? 0;
    const page = matching.slice(offset, offset + limit);
    if (offset + limit < matching.length) {
      const next = new URLSearchParams();
      for (const [k, v] of Object.entries(request.query)) for (const x of Array.isArray(v) ? v : [v]) if (k !== 'offset') next.append(k, String(x));
      next.set('offset', String(offset + limit));
      reply.header('link', `<${request.protocol}://${request.host}/3/footprints?${next.toString()}>; rel="next"`);
    }
    return { data: page as never };
  });

  app.get('/3/footprints/:id', {
    onRequest: authenticate,
    schema: {
      tags, operationId: 'pactGetFootprint', summary: 'PACT GetFootprint', params: Type.Object({ id: Type.String() }), security: [{ pactToken: ['footprint:read'] }],
      response: { 200: Type.Object({ data: ProductFootprint }), '4XX': PactErrorBody },
    },
    config: { access: 'public' },
  }, async (request) => {
    const found = /^[0-9a-f-]{36}$/i.test(request.params.id) ? await app.storage.getFootprint(request.pactOrg!, request.params.id) : undefined;
    if (!found) throw new PactError(404, 'NotFound', `No footprint ${request.params.id}.`);
    return { data: found.document as never };
  });

  app.post('/3/events', {
    onRequest: authenticate,
    bodyLimit: MAX_PACT_EVENT_BYTES,
    schema: {
      tags, operationId: 'pactEvents', summary: 'PACT events (CloudEvents structured mode)', security: [{ pactToken: [] }],
      body: EventEnvelope,
      response: { 200: Type.Null(), '4XX': PactErrorBody },
    },
    config: { access: 'public' },
  }, async (request, reply) => {
    checkEvent(request.body);
    const event = request.body;
    // Requests and answers come only from a partner this organisation registered (its base URL and
    // the client credentials it was given there): answers never go to whatever URL an event names.
    const registeredPartner = async () => {
      const base = partnerBaseUrl(event.source);
      const partner = base && await app.storage.findPactPartner(request.pactOrg!, base);
      if (!partner) {
        throw new PactError(400, 'BadRequest', `No PACT partner is registered at ${base ?? JSON.stringify(event.source.slice(0, 200))} (the event's source): `
          + 'this host takes requests and answers only from registered partners; ask its operator to register your host (POST /v1/pact/partners).');
      }
      return partner;
    };
    if (event.type === EVENT_V3.requestFulfilled || event.type === EVENT_V3.requestRejected) {
      const partner = await registeredPartner();
      const requestEventId = (event.data as { requestEventId: string }).requestEventId;
      const ours = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(requestEventId)
        ? await app.storage.getPactSentRequest(request.pactOrg!, requestEventId) : undefined;
      if (!ours || ours.partnerId !== partner.id) {
        throw new PactError(400, 'BadRequest', `No request ${JSON.stringify(requestEventId.slice(0, 100))} was sent to ${partner.baseUrl}: the answer is not recorded.`);
      }
      // The first answer counts; the same answer again (a retry) is acknowledged.
      await app.storage.answerPactSentRequest(request.pactOrg!, partner.id, ours.id, {
        status: event.type === EVENT_V3.requestFulfilled ? 'Fulfilled' : 'Rejected', event: event as Record<string, unknown>,
      });
    }
    if (event.type === EVENT_V3.requestCreated) {
      const partner = await registeredPartner();
      const { request: stored, created } = await app.storage.createPactRequest(request.pactOrg!, {
        id: randomUUID(), partnerId: partner.id, eventId: event.id, source: event.source, criteria: event.data as RequestCriteria,
      });
      // The same event again (CloudEvents source + id) is acknowledged, not answered twice.
      if (created) {
        const source = hostEventsSource(request);
        const orgId = request.pactOrg!;
        request.pactAfterReply = () => inBackground(app, () => answerNewRequest(app, orgId, stored, source));
      }
    }
    request.log.info({ event: event.type, id: event.id, source: event.source }, 'PACT event accepted');
    return reply.code(200).type('text/plain; charset=utf-8').send('' as never);
  });
};

export default pactRoutes;

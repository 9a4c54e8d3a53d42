import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiError, notFound } from '../../errors.js';
import { callerOf } from '../../plugins/auth.js';
import { IdParams } from '../../schemas/common.js';
import type { PactPartner } from '../../storage/types.js';
import { answerRequest, hostEventsSource } from './answer.js';
import { RequestCriteria } from './events.js';
import { partnerBaseUrl } from './requests.js';

const tags = ['pact'];

const Partner = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  baseUrl: Type.String({ description: 'Answers go to <baseUrl>/3/events, tokens come from <baseUrl>/auth/token.' }),
  clientId: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
}, { description: 'A partner\'s PACT host (its client secret is never shown).' });

const NewPartner = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  baseUrl: Type.String({ minLength: 1, maxLength: 2000, description: 'https://host[/prefix] of the partner\'s PACT API: the `source` its events carry.' }),
  clientId: Type.String({ minLength: 1, maxLength: 500 }),
  clientSecret: Type.String({ minLength: 1, maxLength: 2000, description: 'Kept sealed (AES-256-GCM under the server\'s secrets key, not in the database) and sent only to this partner\'s /auth/token; never shown again.' }),
});

const RequestView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  partnerId: Type.String({ format: 'uuid' }),
  eventId: Type.String({ description: 'The RequestCreatedEvent\'s id (requestEventId of the answer).' }),
  source: Type.String(),
  criteria: RequestCriteria,
  status: Type.Union([Type.Literal('Pending'), Type.Literal('Fulfilled'), Type.Literal('Rejected')]),
  receivedAt: Type.String({ format: 'date-time' }),
  answeredAt: Type.Optional(Type.String({ format: 'date-time' })),
  answer: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'The RequestFulfilledEvent or RequestRejectedEvent sent.' })),
  delivery: Type.Optional(Type.String({ description: '"delivered"; "not yet delivered: …" while another attempt is owed (with back-off, up to 72 hours after the answer); or why the answer did not reach the partner.' })),
});

const shown = (p: PactPartner) => ({ id: p.id, name: p.name, baseUrl: p.baseUrl, clientId: p.clientId, createdAt: p.createdAt });

/**
 * PACT v3 requests as the data owner sees them (`/v1/pact`): the partners it answers
 * (RequestCreatedEvents from anyone else are refused), the requests received, and rejecting one.
 * A request is fulfilled by itself when a matching footprint is or gets published.
 */
const pactManageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/partners', {
    schema: { tags, operationId: 'createPactPartner', summary: 'Register a partner\'s PACT host (a supplier to fetch footprints from and send requests to, a customer whose requests to answer)', body: NewPartner, response: { 201: Partner } },
    config: { access: 'admin' },
  }, async (request, reply) => {
    const { name, baseUrl, clientId, clientSecret } = request.body;
    const base = partnerBaseUrl(baseUrl);
    if (!base || !/^[a-z]+:\/\//i.test(baseUrl)) {
      throw new ApiError('GLCA_VALIDATION', 'baseUrl must be an http(s) URL without credentials, e.g. https://pact.partner.example', [
        { pointer: '/baseUrl', code: 'SCHEMA', detail: 'is not an http(s) URL', hint: 'Give the base of the partner\'s PACT API, the source its events carry.' },
      ]);
    }
    const created = await app.storage.createPactPartner(callerOf(request).orgId, { id: randomUUID(), name, baseUrl: base, clientId, clientSecret: app.secrets.seal(clientSecret) });
    if (!created) throw new ApiError('GLCA_BAD_REQUEST', `A partner is already registered at ${base}: delete it first to change its credentials.`);
    return reply.code(201).send(shown(created));
  });

  app.get('/partners', {
    schema: { tags, operationId: 'listPactPartners', summary: 'The registered PACT partners', response: { 200: Type.Object({ items: Type.Array(Partner) }) } },
    config: { access: 'read' },
  }, async (request) => ({ items: (await app.storage.listPactPartners(callerOf(request).orgId)).map(shown) }));

  app.delete('/partners/:id', {
    schema: { tags, operationId: 'deletePactPartner', summary: 'Remove a PACT partner (and its requests)', params: IdParams, response: { 204: Type.Null() } },
    config: { access: 'admin' },
  }, async (request, reply) => {
    if (!(await app.storage.deletePactPartner(callerOf(request).orgId, request.params.id))) throw notFound(`PACT partner ${request.params.id}`);
    return reply.code(204).send(null);
  });

  app.get('/requests', {
    schema: {
      tags, operationId: 'listPactRequests', summary: 'PACT requests received (RequestCreatedEvent), oldest first',
      querystring: Type.Object({
        status: Type.Optional(Type.Union([Type.Literal('Pending'), Type.Literal('Fulfilled'), Type.Literal('Rejected')])),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(RequestView) }) },
    },
    config: { access: 'read' },
  }, async (request) => {
    const items = await app.storage.listPactRequests(callerOf(request).orgId, { limit: request.query.limit ?? 100, ...(request.query.status ? { status: request.query.status } : {}) });
    return { items: items as never };
  });

  app.post('/requests/:id/reject', {
    schema: {
      tags, operationId: 'rejectPactRequest', summary: 'Reject a pending PACT request (sends RequestRejectedEvent NotFound)', params: IdParams,
      body: Type.Object({ message: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) }),
      response: { 200: RequestView },
    },
    config: { access: 'write' },
  }, async (request) => {
    const orgId = callerOf(request).orgId;
    const found = await app.storage.getPactRequest(orgId, request.params.id);
    if (!found) throw notFound(`PACT request ${request.params.id}`);
    const message = request.body.message ?? 'No footprint matching the request will be published.';
    const answered = found.status === 'Pending'
      ? await answerRequest(app, orgId, found, { status: 'Rejected', error: { code: 'NotFound', message } }, hostEventsSource(request))
      : undefined;
    if (!answered) throw new ApiError('GLCA_BAD_REQUEST', `PACT request ${found.id} was already answered; each request gets one answer.`);
    return answered as never;
  });
};

export default pactManageRoutes;

import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CustomFactor } from '@greenlca/schema';
import { checkProductFootprint, importProductFootprint, PactValidationError, type PactIssue } from '@greenlca/pact';
import { ApiError, notFound, type ProblemCode } from '../../errors.js';
import { callerOf } from '../../plugins/auth.js';
import { getPartnerFootprint, listPartnerFootprints, PartnerError, postPartnerEvent, type PartnerEndpoint, type PartnerFailure } from '../../lib/pact-client.js';
import { Uuid } from '../../schemas/common.js';
import type { SecretBox } from '../../lib/secret-box.js';
import type { PactPartner, PactSentRequest } from '../../storage/types.js';
import { hostEventsSource } from './answer.js';
import { EVENT_V3, RequestCriteria } from './events.js';
import { PactQuery } from './filter.js';

const tags = ['pact'];

const PROBLEM_OF: Record<PartnerFailure, ProblemCode> = {
  address: 'GLCA_PARTNER_ADDRESS_REFUSED', redirect: 'GLCA_PARTNER_ADDRESS_REFUSED', auth: 'GLCA_PARTNER_AUTH_FAILED',
  refused: 'GLCA_PARTNER_REFUSED', 'bad-answer': 'GLCA_PARTNER_BAD_ANSWER', 'too-large': 'GLCA_PARTNER_BAD_ANSWER',
  unreachable: 'GLCA_PARTNER_UNREACHABLE', timeout: 'GLCA_PARTNER_TIMEOUT',
};

/** A partner call's failure as the coded problem the API answers with. */
export function partnerProblem(error: unknown): unknown {
  return error instanceof PartnerError ? new ApiError(PROBLEM_OF[error.kind], error.message) : error;
}

export const issuesAsErrors = (issues: PactIssue[], prefix = '') =>
  issues.filter((i) => i.severity === 'error').map((i) => ({ pointer: `${prefix}${i.path}`, code: 'PACT_INVALID', detail: i.message }));

/** The partner with its client secret opened (sealed at rest), ready to call. */
export function endpointOf(secrets: SecretBox, partner: PactPartner): PartnerEndpoint {
  const secret = secrets.open(partner.clientSecret);
  if (secret === undefined) {
    throw new ApiError('GLCA_PARTNER_AUTH_FAILED', `The client secret stored for PACT partner ${partner.id} cannot be opened with this server's secrets key (GREENLCA_SECRETS_KEY or the data directory's key changed): delete the partner and register it again.`);
  }
  return { baseUrl: partner.baseUrl, clientId: partner.clientId, clientSecret: secret };
}

async function partnerOf(app: FastifyInstance, orgId: string, id: string): Promise<PactPartner> {
  const found = (await app.storage.listPactPartners(orgId)).find((p) => p.id === id);
  if (!found) throw notFound(`PACT partner ${id}`);
  return found;
}

async function calling<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw partnerProblem(error);
  }
}

const Footprint = Type.Object({}, { additionalProperties: true, description: 'A PACT v3 ProductFootprint as the partner published it (checked against the v3 schema).' });

const SentRequestView = Type.Object({
  id: Type.String({ format: 'uuid', description: 'Also the RequestCreatedEvent\'s id (the answer\'s requestEventId).' }),
  partnerId: Type.String({ format: 'uuid' }),
  criteria: RequestCriteria,
  status: Type.Union([Type.Literal('Pending'), Type.Literal('Fulfilled'), Type.Literal('Rejected')]),
  sentAt: Type.String({ format: 'date-time' }),
  answeredAt: Type.Optional(Type.String({ format: 'date-time' })),
  footprintIds: Type.Optional(Type.Array(Type.String(), { description: 'Ids of the footprints a RequestFulfilledEvent carried (fetch one with GET /v1/pact/partners/{id}/footprints/{pfId}).' })),
  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() }, { description: 'The RequestRejectedEvent\'s error.' })),
  answer: Type.Optional(Type.Object({}, { additionalProperties: true, description: 'The partner\'s RequestFulfilledEvent or RequestRejectedEvent as received.' })),
});

export function sentRequestView(r: PactSentRequest) {
  const data = (r.answer?.data ?? {}) as { pfs?: { id?: unknown }[]; error?: { code: string; message: string } };
  return {
    ...r,
    ...(Array.isArray(data.pfs) ? { footprintIds: data.pfs.map((p) => String(p?.id)) } : {}),
    ...(data.error ? { error: data.error } : {}),
  };
}

const PartnerParams = Type.Object({ id: Uuid });
const FootprintParams = Type.Object({ id: Uuid, pfId: Type.String({ minLength: 1, maxLength: 200 }) });

/**
 * GreenLCA as a PACT client (`/v1/pact`): a registered partner's footprints (ListFootprints with its
 * filters and Link paging, GetFootprint), a footprint as a supplier-specific custom factor for a BOM
 * line, and requests sent to the partner (RequestCreatedEvent) with the answers it sends back to
 * `/3/events`.
 */
const pactClientRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/partners/:id/footprints', {
    schema: {
      tags, operationId: 'listPartnerFootprints', summary: 'A partner\'s footprints (its ListFootprints, filtered, one page)',
      params: PartnerParams,
      querystring: Type.Object({
        ...PactQuery.properties,
        next: Type.Optional(Type.String({ maxLength: 4000, description: 'The `next` of the previous page (the partner\'s Link rel="next"); the other filters are then ignored.' })),
      }),
      response: {
        200: Type.Object({
          items: Type.Array(Footprint),
          next: Type.Optional(Type.String({ description: 'Pass as `next` for the following page.' })),
          invalid: Type.Optional(Type.Array(Type.Object({ index: Type.Integer(), id: Type.Optional(Type.String()), errors: Type.Array(Type.Object({}, { additionalProperties: true })) }), {
            description: 'Footprints of the page that are not valid PACT v3 (left out of items).',
          })),
        }),
      },
    },
    config: { access: 'read' },
  }, async (request) => {
    const partner = await partnerOf(app, callerOf(request).orgId, request.params.id);
    const { next, ...filters } = request.query;
    const query = Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]));
    const page = await calling(() => listPartnerFootprints(endpointOf(app.secrets, partner), next ? { next } : { query }, app.pactOutbound));
    const items: Record<string, unknown>[] = [];
    const invalid: { index: number; id?: string; errors: ReturnType<typeof issuesAsErrors> }[] = [];
    page.data.forEach((doc, index) => {
      const checked = checkProductFootprint(doc);
      if (checked.ok) items.push(doc as Record<string, unknown>);
      else {
        const id = (doc as { id?: unknown })?.id;
        invalid.push({ index, ...(typeof id === 'string' ? { id } : {}), errors: issuesAsErrors(checked.issues, `/data/${index}`) });
      }
    });
    return { items, ...(page.next ? { next: page.next } : {}), ...(invalid.length ? { invalid } : {}) };
  });

  /** The partner's footprint, checked as PACT v3. */
  const fetchFootprint = async (partner: PactPartner, pfId: string) => {
    const doc = await calling(() => getPartnerFootprint(endpointOf(app.secrets, partner), pfId, app.pactOutbound));
    const checked = checkProductFootprint(doc);
    if (!checked.ok) {
      throw new ApiError('GLCA_PARTNER_BAD_ANSWER', `${partner.baseUrl}/3/footprints/${pfId} is not a valid PACT v3 ProductFootprint`, issuesAsErrors(checked.issues, '/data'));
    }
    return { doc: doc as Record<string, unknown>, warnings: checked.issues.filter((i) => i.severity === 'warning') };
  };

  app.get('/partners/:id/footprints/:pfId', {
    schema: {
      tags, operationId: 'getPartnerFootprint', summary: 'One of a partner\'s footprints (its GetFootprint)', params: FootprintParams,
      response: { 200: Type.Object({ footprint: Footprint, warnings: Type.Array(Type.Object({ path: Type.String(), message: Type.String() })) }) },
    },
    config: { access: 'read' },
  }, async (request) => {
    const partner = await partnerOf(app, callerOf(request).orgId, request.params.id);
    const { doc, warnings } = await fetchFootprint(partner, request.params.pfId);
    return { footprint: doc, warnings: warnings.map((w) => ({ path: w.path, message: w.message })) };
  });

  app.get('/partners/:id/footprints/:pfId/factor', {
    schema: {
      tags, operationId: 'getPartnerFootprintFactor',
      summary: 'A partner\'s footprint as a supplier-specific custom factor (pact import): put it in the product\'s "factors" and name it on a BOM line',
      params: FootprintParams,
      querystring: Type.Object({
        factorId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Id of the factor (default pact/<footprint id>).' })),
        basis: Type.Optional(Type.Union([Type.Literal('excludingBiogenicUptake'), Type.Literal('includingBiogenicUptake')], { default: 'excludingBiogenicUptake' })),
        allowDeprecated: Type.Optional(Type.Boolean({ default: false })),
      }),
      response: {
        200: Type.Object({
          factor: CustomFactor,
          notes: Type.Array(Type.String(), { description: 'What the import assumed or divided: read before use.' }),
          expired: Type.Boolean({ description: 'The footprint\'s validity period has ended (today): the result will warn FACTOR_EXPIRED.' }),
        }),
      },
    },
    config: { access: 'read' },
  }, async (request) => {
    const partner = await partnerOf(app, callerOf(request).orgId, request.params.id);
    const { doc } = await fetchFootprint(partner, request.params.pfId);
    const now = app.now();
    try {
      const { factor, notes } = importProductFootprint(doc, {
        ...(request.query.factorId ? { factorId: request.query.factorId } : {}),
        ...(request.query.basis ? { basis: request.query.basis } : {}),
        ...(request.query.allowDeprecated ? { allowDeprecated: true } : {}), asOf: now,
      });
      return { factor, notes, expired: factor.validUntil !== undefined && Date.parse(factor.validUntil) < now.getTime() };
    } catch (error) {
      if (!(error instanceof PactValidationError)) throw error;
      const deprecated = error.issues.some((i) => i.path === '/status');
      throw deprecated
        ? new ApiError('GLCA_VALIDATION', `footprint ${request.params.pfId} is Deprecated: ask ${partner.name} for the Active one, or pass allowDeprecated=true`, [
          { pointer: '/allowDeprecated', code: 'PACT_DEPRECATED', detail: 'the footprint is Deprecated', hint: 'request its successor from the partner (POST /v1/pact/partners/{id}/requests)' },
        ])
        : new ApiError('GLCA_PARTNER_BAD_ANSWER', `footprint ${request.params.pfId} cannot be used as a factor`, issuesAsErrors(error.issues));
    }
  });

  app.post('/partners/:id/requests', {
    schema: {
      tags, operationId: 'createPactSentRequest',
      summary: 'Ask a partner for a footprint (sends a RequestCreatedEvent to its /3/events; its answer comes back to ours)',
      params: PartnerParams,
      body: RequestCriteria,
      response: { 201: SentRequestView },
    },
    config: { access: 'write' },
  }, async (request, reply) => {
    const orgId = callerOf(request).orgId;
    const partner = await partnerOf(app, orgId, request.params.id);
    const endpoint = endpointOf(app.secrets, partner);
    const criteria = request.body;
    if (!Object.keys(criteria).some((k) => k !== 'comment')) {
      throw new ApiError('GLCA_VALIDATION', 'Say what footprint you ask for: productId, companyId, geography, classification or a validity filter.', [
        { pointer: '', code: 'SCHEMA', detail: 'no criterion', hint: 'e.g. { "productId": ["urn:pact:supplier.example:product-id:PP-H1500"] }' },
      ]);
    }
    // Stored first: the partner may answer before its 200 to this event reaches us.
    const sent = await app.storage.createPactSentRequest(orgId, { id: randomUUID(), partnerId: partner.id, criteria });
    const event = {
      type: EVENT_V3.requestCreated, specversion: '1.0', id: sent.id, source: hostEventsSource(request), time: app.now().toISOString(), data: criteria,
    };
    try {
      await postPartnerEvent(endpoint, event, app.pactOutbound);
    } catch (error) {
      await app.storage.deletePactSentRequest(orgId, sent.id);
      throw partnerProblem(error);
    }
    const now = await app.storage.getPactSentRequest(orgId, sent.id);
    return reply.code(201).send(sentRequestView(now ?? sent) as never);
  });

  app.get('/sent-requests', {
    schema: {
      tags, operationId: 'listPactSentRequests', summary: 'Requests sent to partners and their answers, newest first',
      querystring: Type.Object({
        status: Type.Optional(Type.Union([Type.Literal('Pending'), Type.Literal('Fulfilled'), Type.Literal('Rejected')])),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(SentRequestView) }) },
    },
    config: { access: 'read' },
  }, async (request) => {
    const items = await app.storage.listPactSentRequests(callerOf(request).orgId, {
      limit: request.query.limit ?? 100, ...(request.query.status ? { status: request.query.status } : {}),
    });
    return { items: items.map(sentRequestView) as never };
  });

  app.get('/sent-requests/:id', {
    schema: { tags, operationId: 'getPactSentRequest', summary: 'A request sent to a partner, with its answer', params: PartnerParams, response: { 200: SentRequestView } },
    config: { access: 'read' },
  }, async (request) => {
    const found = await app.storage.getPactSentRequest(callerOf(request).orgId, request.params.id);
    if (!found) throw notFound(`PACT request ${request.params.id}`);
    return sentRequestView(found) as never;
  });
};

export default pactClientRoutes;

import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { ENGINE } from '@greenlca/engine';
import { Section } from '@greenlca/report';
import { OAuthErrorBody, PactErrorBody, Problem } from '../schemas/problem.js';
import { isPactPath } from '../routes/pact/errors.js';
import { IDEMPOTENCY_RETENTION_MS } from '../limits.js';
import { toOpenApi31 } from './openapi-document.js';
import { CACHE_CONTROL } from './caching.js';

/** Every answer carries the rate limiter's headers (@fastify/rate-limit); a 429 also says when to retry. */
const RATE_LIMIT_HEADERS = {
  'x-ratelimit-limit': { type: 'integer', description: 'Requests allowed per window (per API key, or per client address without one).' },
  'x-ratelimit-remaining': { type: 'integer', description: 'Requests left in the current window.' },
  'x-ratelimit-reset': { type: 'integer', description: 'Seconds until the window resets.' },
};
const RETRY_AFTER = { type: 'integer', description: 'Seconds to wait before retrying.' };

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });
const jsonErrorResponse = (description: string, schema: unknown) => ({ description, content: { 'application/json': { schema } } });

/** The error shape a path answers with: problem+json, or OAuth2's / PACT's own on their paths. */
function errorResponses(url: string): Record<string, unknown> {
  if (url.startsWith('/auth/')) {
    const oauth = jsonErrorResponse('OAuth2 error (RFC 6749 §5.2)', OAuthErrorBody);
    return { '4XX': oauth, '5XX': oauth };
  }
  if (isPactPath(url)) {
    const pact = jsonErrorResponse('PACT v3 error', PactErrorBody);
    return { '4XX': pact, '5XX': pact };
  }
  return {
    '4XX': problemResponse('Problem details (RFC 9457): a stable `code`, and each problem with a JSON pointer and how to fix it.'),
    '5XX': problemResponse('Problem details (RFC 9457) with the request id; nothing of the cause is shown.'),
  };
}

type ResponseEntry = Record<string, unknown> & { headers?: Record<string, unknown> };

/** Add documented headers to the responses whose status matches, without touching shared schema objects. */
function addHeaders(responses: Record<string, unknown>, matches: (status: string) => boolean, headers: Record<string, unknown>): void {
  for (const [status, schema] of Object.entries(responses)) {
    if (!matches(status) || !schema || typeof schema !== 'object') continue;
    const entry = schema as ResponseEntry;
    responses[status] = { ...entry, headers: { ...entry.headers, ...headers } };
  }
}

const isSuccess = (status: string) => status.startsWith('2');

/**
 * What every route's document says beyond its own schema, in one place: the error responses of its
 * path (4XX/5XX), its security (a scope, or none: `security: []`), the rate-limit headers, and what the
 * idempotency and caching plugins add (their headers and the 304). Every documented route must name
 * its operation (`operationId`): a generated client's method names are part of the contract.
 */
function documentRoute(route: RouteOptions): void {
  const schema = route.schema as Record<string, unknown> | undefined;
  if (!schema || schema.hide || route.method === 'HEAD') return;
  if (typeof schema.operationId !== 'string') {
    throw new Error(`route ${String(route.method)} ${route.url} has no schema.operationId (every documented operation needs one)`);
  }
  const config = route.config ?? {};
  const access = config.access;
  const responses = (schema.response ??= {}) as Record<string, unknown>;
  // Copied: response schemas are often shared objects (ProductRecord …) that other routes use as they are.
  schema.response = { ...errorResponses(route.url), ...responses };
  const documented = schema.response as Record<string, unknown>;

  if (access && access !== 'public') {
    schema.security = [{ apiKey: [access] }];
    const note = `Needs an API key with the \`${access}\` scope.`;
    schema.description = schema.description ? `${String(schema.description)}\n\n${note}` : note;
  } else {
    schema.security ??= [];
  }

  if (config.idempotent) {
    addHeaders(documented, isSuccess, {
      'idempotent-replayed': { type: 'string', enum: ['true'], description: `Present on an answer replayed for a retried Idempotency-Key (kept ${IDEMPOTENCY_RETENTION_MS / 3_600_000} h).` },
    });
    documented['409'] ??= { ...problemResponse('A request with this Idempotency-Key is still being processed (GLCA_CONFLICT); retry after Retry-After.'), headers: { 'retry-after': RETRY_AFTER } };
    documented['422'] ??= problemResponse('The request cannot be processed (GLCA_INPUT_INVALID …) or its Idempotency-Key was used for another request (GLCA_IDEMPOTENCY_KEY_REUSED).');
  }
  if (config.cache) {
    addHeaders(documented, (s) => s === '200', {
      'cache-control': { type: 'string', description: CACHE_CONTROL[config.cache] },
      etag: { type: 'string', description: 'Entity tag of the body; send it back in If-None-Match to get 304.' },
    });
    documented['304'] ??= { type: 'null', description: 'Not modified: the If-None-Match tag matches (no body).' };
  }
  documented['429'] ??= { ...problemResponseFor(route.url, 'Too many requests (GLCA_RATE_LIMITED): retry after Retry-After.'), headers: { 'retry-after': RETRY_AFTER } };
  addHeaders(documented, () => true, RATE_LIMIT_HEADERS);
}

/** A 429 in the error shape of its path. */
function problemResponseFor(url: string, description: string): Record<string, unknown> {
  const shape = errorResponses(url)['4XX'] as { content: unknown };
  return { description, content: shape.content };
}

/**
 * The OpenAPI 3.1 document at /docs/json (and /docs/yaml) and the interactive page at /docs, generated
 * from the same TypeBox schemas the routes validate with; `toOpenApi31` turns the draft-07 forms TypeBox
 * writes into JSON Schema 2020-12 once, for the whole document.
 */
async function openapiPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', documentRoute);
  // A recursive schema met only inside a response keyed by media type (the reports) is not hoisted
  // into the components by @fastify/swagger; shared schemas are, and its self-reference resolves there.
  app.addSchema(Section);
  await app.register(swagger, {
    // Shared schemas keep their TypeBox $id as their component name (Product, Component, CalculationResult, Problem).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'GreenLCA API',
        version: '1',
        description: `Product life-cycle assessment and carbon footprints. Engine ${ENGINE.name} ${ENGINE.version}. ` +
          'Errors are RFC 9457 problem+json with a stable `code` (see server/ERRORS.md).',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      // Relative: the document is served by the API it describes, wherever that is.
      servers: [{ url: '/', description: 'This server' }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer glca_…`. Scopes: read ⊂ write ⊂ admin.' },
          pactToken: {
            type: 'oauth2',
            description: 'PACT v3: client credentials (client_id = API key id, client_secret = the API key, read scope) at /auth/token.',
            flows: { clientCredentials: { tokenUrl: '/auth/token', scopes: { 'footprint:list': 'List footprints', 'footprint:read': 'Read a footprint' } } },
          },
          clientCredentials: {
            type: 'http', scheme: 'basic',
            description: 'OAuth2 client authentication at /auth/token (RFC 6749 §2.3.1): client_id = API key id, client_secret = the API key, each form-urlencoded.',
          },
        },
      },
      tags: [
        { name: 'calculate', description: 'Stateless calculations' },
        { name: 'products', description: 'Stored products: immutable versions, ETag / If-Match' },
        { name: 'results', description: 'Stored results and their reproduction' },
        { name: 'catalogue', description: 'Datasets, factors and schemas (public)' },
        { name: 'what-if', description: 'Scenarios, sensitivity, uncertainty and eco-design suggestions' },
        { name: 'compliance', description: 'GB/T 32161 evaluations and reports' },
        { name: 'pact', description: 'PACT v3 host: footprints, events, OAuth2 client credentials' },
        { name: 'import', description: 'Bills of materials from PLM exports' },
        { name: 'exports', description: 'Products in other formats (openLCA JSON-LD)' },
        { name: 'jobs', description: 'Background jobs: recalculations and batches beyond one request, worked on by workers' },
        { name: 'org-datasets', description: 'Organisation factor datasets: import (CSV, Excel, openLCA), versions, export, own-factor search' },
        { name: 'admin', description: 'Organisations and API keys' },
      ],
    },
    transformObject: (documentObject) => toOpenApi31((documentObject as { openapiObject: Record<string, unknown> }).openapiObject),
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}

export default fp(openapiPlugin, { name: 'greenlca-openapi', fastify: '5.x' });

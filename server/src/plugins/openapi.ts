import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ENGINE } from '@greenlca/engine';
import { Problem } from '../schemas/problem.js';

const PROBLEM_RESPONSE = { description: 'Problem details (RFC 9457), application/problem+json', ...Problem };

/**
 * The OpenAPI 3 document at /docs/json (and /docs/yaml) and the interactive page at /docs, generated
 * from the same TypeBox schemas the routes validate with. Every route that needs a key is marked with
 * the bearer scheme and the scope it needs, and documents the problem responses.
 */
async function openapiPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (route.schema?.hide) return;
    const access = route.config?.access;
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    const response = (schema.response ??= {}) as Record<string, unknown>;
    response['4XX'] ??= PROBLEM_RESPONSE;
    response['5XX'] ??= PROBLEM_RESPONSE;
    if (access && access !== 'public') {
      schema.security = [{ apiKey: [access] }];
      const note = `Needs an API key with the \`${access}\` scope.`;
      schema.description = schema.description ? `${String(schema.description)}\n\n${note}` : note;
    }
  });
  await app.register(swagger, {
    // Shared schemas keep their TypeBox $id as their component name (Product, Component, CalculationResult, Problem).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'GreenLCA API',
        version: '1',
        description: `Product life-cycle assessment and carbon footprints. Engine ${ENGINE.name} ${ENGINE.version}. ` +
          'Errors are RFC 9457 problem+json with a stable `code` (see server/ERRORS.md).',
        license: { name: 'Apache-2.0' },
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer glca_…`. Scopes: read ⊂ write ⊂ admin.' },
          pactToken: {
            type: 'oauth2',
            description: 'PACT v3: client credentials (client_id = API key id, client_secret = the API key, read scope) at /auth/token.',
            flows: { clientCredentials: { tokenUrl: '/auth/token', scopes: { 'footprint:list': 'List footprints', 'footprint:read': 'Read a footprint' } } },
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
        { name: 'admin', description: 'Organisations and API keys' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}

export default fp(openapiPlugin, { name: 'greenlca-openapi', fastify: '5.x' });

import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ENGINE } from '@greenlca/engine';
import { exportProductFootprint, ProductFootprint } from '@greenlca/pact';
import { Stage } from '@greenlca/schema';
import { notFound } from '../../errors.js';
import { answerOrProblem, calculateOrProblem } from '../../lib/calculate.js';
import { callerOf } from '../../plugins/auth.js';
import { IdParams, Uuid } from '../../schemas/common.js';
import { answerPendingRequests, hostEventsSource, inBackground } from '../pact/answer.js';
import { withHeaders } from '../../schemas/headers.js';
import { libraryOf } from '../../org-datasets/library.js';

const tags = ['pact'];

const PublishFootprint = Type.Object({
  resultId: Type.Optional(Uuid),
  company: Type.Object({ name: Type.String({ minLength: 1 }), ids: Type.Array(Type.String({ pattern: '^urn:' }), { minItems: 1 }) }),
  productIds: Type.Array(Type.String({ pattern: '^urn:' }), { minItems: 1, description: 'e.g. urn:gtin:… or urn:pact:<domain>:product-id:<id>' }),
  productDescription: Type.Optional(Type.String()),
  productClassifications: Type.Optional(Type.Array(Type.String({ pattern: '^urn:' }))),
  stages: Type.Optional(Type.Array(Stage, { minItems: 1, uniqueItems: true, description: 'Boundary (default cradle-to-gate: design, manufacture, packaging).' })),
  comment: Type.Optional(Type.String()),
  fossilCarbonContentKgC: Type.Optional(Type.Number({ minimum: 0, description: 'kg C per declared unit, as assessed; needed when the materials do not state it (PACT_CARBON_CONTENT_UNKNOWN).' })),
  biogenicCarbonContentKgC: Type.Optional(Type.Number({ minimum: 0, description: 'kg C per declared unit, as assessed (default: from the materials, else undefined).' })),
  exemptedEmissionsPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'Share of emissions left out, as assessed (default: the result\'s cut-off share).' })),
}, { description: 'What PACT needs beyond the result: the company and product identifiers.' });

const Published = Type.Object({
  footprint: ProductFootprint,
  notes: Type.Array(Type.String(), { description: 'Assumptions and defaults to check.' }),
  resultId: Type.String({ format: 'uuid' }),
});

/**
 * Publish PACT v3 ProductFootprints of stored products (served to partners at /3/footprints). A new
 * footprint of a product deprecates the earlier ones and lists them in precedingPfIds.
 */
const footprintRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/:id/footprints', {
    schema: {
      tags, operationId: 'publishFootprint', summary: 'Publish a PACT footprint of a stored product',
      description: 'From the stored result `resultId`, or else from a new calculation of the current version (stored too).',
      params: IdParams, body: PublishFootprint, response: { 201: withHeaders(Published, 'location') },
    },
    config: { access: 'write', idempotent: true },
  }, async (request, reply) => {
    const caller = callerOf(request);
    const { resultId, company, productIds, productDescription, productClassifications, stages, comment } = request.body;
    const { fossilCarbonContentKgC, biogenicCarbonContentKgC, exemptedEmissionsPercent } = request.body;
    const now = app.now();
    let stored = resultId ? await app.storage.getResult(caller.orgId, resultId) : undefined;
    if (resultId && (!stored || stored.productId !== request.params.id)) throw notFound(`Result ${resultId} of product ${request.params.id}`);
    const record = await app.storage.getProduct(caller.orgId, request.params.id, stored?.productVersion);
    if (!record) throw notFound(`Product ${request.params.id}`);
    if (!stored) {
      const referenceYear = now.getUTCFullYear();
      const result = calculateOrProblem(record.product, await libraryOf(app, request), { referenceYear });
      stored = await app.storage.saveResult(caller.orgId, {
        id: randomUUID(), productId: record.id, productVersion: record.version, result,
        provenance: { inputHash: record.inputHash, referenceYear, datasets: result.datasets, engine: { ...ENGINE } },
      });
    }
    const preceding = (await app.storage.activeFootprintIds(caller.orgId, record.id)) ?? [];
    const result = stored.result;
    const exported = answerOrProblem(() => exportProductFootprint(result, {
      created: now, product: record.product, id: randomUUID(), company, productIds,
      referenceYear: stored.provenance.referenceYear,
      ...(productDescription !== undefined ? { productDescription } : {}),
      ...(productClassifications ? { productClassifications } : {}),
      ...(stages ? { stages } : {}),
      ...(comment !== undefined ? { comment } : {}),
      ...(fossilCarbonContentKgC !== undefined ? { fossilCarbonContentKgC } : {}),
      ...(biogenicCarbonContentKgC !== undefined ? { biogenicCarbonContentKgC } : {}),
      ...(exemptedEmissionsPercent !== undefined ? { exemptedEmissionsPercent } : {}),
      ...(preceding.length ? { precedingPfIds: preceding } : {}),
    }));
    const saved = await app.storage.createFootprint(caller.orgId, {
      id: exported.footprint.id, productId: record.id, resultId: stored.id, document: exported.footprint as unknown as Record<string, unknown>,
    });
    // Partners' pending requests this footprint matches are fulfilled in the background (each answer is a call to a partner).
    const source = hostEventsSource(request);
    inBackground(app, () => answerPendingRequests(app, caller.orgId, saved.document, source));
    return reply.code(201).header('location', `/3/footprints/${saved.id}`).send({ footprint: exported.footprint, notes: exported.notes, resultId: stored.id });
  });

  app.get('/:id/footprints', {
    schema: {
      tags, operationId: 'listProductFootprints', summary: 'List the PACT footprints published for a product', params: IdParams,
      response: { 200: Type.Object({ items: Type.Array(ProductFootprint) }) },
    },
    config: { access: 'read' },
  }, async (request) => {
    const caller = callerOf(request);
    if ((await app.storage.activeFootprintIds(caller.orgId, request.params.id)) === undefined) throw notFound(`Product ${request.params.id}`);
    const page = await app.storage.listFootprints(caller.orgId, { productId: request.params.id, limit: 200 });
    return { items: page.items.map((f) => f.document) as never };
  });
};

export default footprintRoutes;

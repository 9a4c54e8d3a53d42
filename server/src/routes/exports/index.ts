import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from '@sinclair/typebox';
import { GwpSet, Product } from '@greenlca/schema';
import type { FactorLibrary } from '@greenlca/engine';
import { writeProductPackage } from '@greenlca/olca';
import { elementaryFlows } from '@greenlca/datasets';
import { answerOrProblem } from '../../lib/calculate.js';
import { checkNetwork } from '../../lib/work.js';
import { libraryOf } from '../../org-datasets/library.js';

/** A file name from a product id: letters, digits, dot, dash and underscore only (ids come from clients). */
const fileName = (id: string) => `${id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'product'}.zip`;

/** The 200 of every route answering an openLCA package: a zip, as an attachment named after the product. */
export const OlcaPackageResponse = {
  description: 'The openLCA JSON-LD package.',
  headers: { 'content-disposition': Type.String({ description: 'attachment; filename="<product id>.zip"' }) },
  content: { 'application/zip': { schema: Type.String({ format: 'binary', contentMediaType: 'application/zip' }) } },
};

/**
 * Write a product as an openLCA JSON-LD package (olca-schema 2) and send it: the one export behind
 * `POST /v1/exports/olca` and `GET /v1/products/{id}/olca`, the bytes `greenlca olca export` writes.
 * A product calc refuses is a 422 with calc's coded problems under `pointer`.
 */
export async function sendOlcaPackage(reply: FastifyReply, product: Product, library: FactorLibrary, gwp: GwpSet | undefined, pointer: string): Promise<FastifyReply> {
  checkNetwork(product, pointer);
  const list = await elementaryFlows.list();
  const { bytes } = answerOrProblem(() => writeProductPackage(product, library, list, gwp ? { gwp } : {}), pointer);
  return reply.type('application/zip').header('content-disposition', `attachment; filename="${fileName(product.id)}"`).send(Buffer.from(bytes) as never); // bytes, documented as binary
}

/**
 * `POST /v1/exports/olca`: a product as an openLCA JSON-LD package (olca-schema 2), the same bytes as
 * `greenlca olca export`. Stateless, `read` scope. The work is the calculation's plus a pass over its
 * rows (the body limit bounds both); a product calc refuses is a 422 with calc's coded problems.
 */
const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/olca', {
    schema: {
      tags: ['exports'],
      operationId: 'exportOlcaPackage',
      summary: 'A product as an openLCA JSON-LD package (zip)',
      description: 'olca-schema 2: a product system with a process per life-cycle stage and component share, the factors used as processes with their elementary flows ' +
        '(EF 3.1 / USLCI UUIDs where the flow list has them) or an unsplit-CO2e flow, openLCA reference units, and an LCIA method giving the climate total of `POST /v1/calculate`. ' +
        'Answers application/zip; shape errors are 400 (GLCA_VALIDATION), products that cannot be calculated 422 (GLCA_INPUT_INVALID) with JSON pointers under /product.',
      body: Type.Object({ product: Product, gwp: Type.Optional(GwpSet) }),
      response: { 200: OlcaPackageResponse },
    },
    config: { access: 'read' },
  }, async (request, reply) => {
    const { product, gwp } = request.body;
    return sendOlcaPackage(reply, product, await libraryOf(app, request), gwp, '/product');
  });
};

export default exportRoutes;

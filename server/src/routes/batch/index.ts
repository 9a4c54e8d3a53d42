import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { CalculationResult, GwpSet } from '@greenlca/schema';
import { calculateOrProblem } from '../../lib/calculate.js';
import { fmt, linesOf, overLimit } from '../../lib/work.js';
import { MAX_BATCH_LINES, MAX_BATCH_PRODUCT_LINES, MAX_BATCH_PRODUCTS } from '../../limits.js';
import { toProblem } from '../../plugins/problem.js';
import { CHECKED_AS } from '../../plugins/openapi-document.js';
import { Problem } from '../../schemas/problem.js';
import { ResultSummary, View, viewOf } from '../../schemas/view.js';
import { libraryOf } from '../../org-datasets/library.js';

const BatchRequest = Type.Object({
  // Each product is checked by the engine on its own (a bad one gets its own problem, the others are
  // calculated), so the schema takes any value here; the document shows the Product it must be.
  products: Type.Array(Type.Unknown({ description: 'A product model v1 document (checked one by one).', [CHECKED_AS]: 'Product' }), {
    minItems: 1, maxItems: MAX_BATCH_PRODUCTS, description: `Up to ${MAX_BATCH_PRODUCTS} products. Each is checked and calculated on its own.`,
  }),
  gwp: Type.Optional(GwpSet),
});


const BatchItem = Type.Union([
  Type.Object({ index: Type.Integer(), ok: Type.Literal(true), result: Type.Union([CalculationResult, ResultSummary]) }),
  Type.Object({ index: Type.Integer(), ok: Type.Literal(false), problem: Problem }),
]);

const BatchResponse = Type.Object({
  items: Type.Array(BatchItem, { description: 'One per product, in the order sent.' }),
  summary: Type.Object({ ok: Type.Integer(), failed: Type.Integer() }),
});
type BatchResponse = Static<typeof BatchResponse>;


/**
 * `POST /v1/batch/calculate`: up to 1,000 products (and MAX_BATCH_LINES lines) in one request. Order is kept; a product that
 * cannot be calculated gets its own problem (pointers into the request, e.g. /products/2/inventory/0)
 * and the others are unaffected. The event loop is given back between products so one large batch
 * does not stall other requests.
 */
export function batchRoutes(options: { bodyLimit: number }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/calculate', {
      bodyLimit: options.bodyLimit,
      schema: {
        tags: ['calculate'],
        operationId: 'calculateBatch', summary: `Calculate up to ${MAX_BATCH_PRODUCTS} products`,
        querystring: Type.Object({ view: View }),
        body: BatchRequest,
        response: { 200: BatchResponse },
      },
      config: { access: 'read' },
    }, async (request) => {
      const referenceYear = app.now().getUTCFullYear();
      const { products, gwp } = request.body;
      // Bounded before any work: the whole batch, then each product (its own problem, like any other).
      const lines = products.map(linesOf);
      const total = lines.reduce((a, b) => a + b, 0);
      if (total > MAX_BATCH_LINES) {
        throw overLimit('/products', 'BATCH_TOO_LARGE', `${fmt(products.length)} products with ${fmt(total)} lines in all`, `${fmt(MAX_BATCH_LINES)} lines per batch`,
          'split the products over several batches');
      }
      const library = await libraryOf(app, request);
      const items: BatchResponse['items'] = [];
      let failed = 0;
      for (let index = 0; index < products.length; index++) {
        if (index > 0 && index % 8 === 0) await yieldToEventLoop();
        try {
          if (lines[index]! > MAX_BATCH_PRODUCT_LINES) {
            throw overLimit(`/products/${index}`, 'PRODUCT_TOO_LARGE', `a product with ${fmt(lines[index]!)} lines`, `${fmt(MAX_BATCH_PRODUCT_LINES)} lines per product`,
              'split the product, or combine lines of the same factor');
          }
          const result = calculateOrProblem(
            products[index], library, { gwp, referenceYear, ...(request.query.view === 'summary' ? { lines: false as const } : {}) }, `/products/${index}`,
          );
          items.push({ index, ok: true, result: viewOf(result, request.query.view) });
        } catch (error) {
          failed++;
          const problem = toProblem(error, request.url.split('?')[0]!, request.id);
          if (problem.status >= 500) request.log.error({ err: error, index }, 'batch item failed');
          delete problem.headers;
          items.push({ index, ok: false, problem });
        }
      }
      return { items, summary: { ok: items.length - failed, failed } };
    });
  };
}

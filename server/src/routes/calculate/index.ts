import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CalculationResult, Product } from '@greenlca/schema';
import { calculateOrProblem } from '../../lib/calculate.js';
import { CalculateQuery } from '../../schemas/common.js';

/**
 * `POST /v1/calculate`: stateless. A product model in, the result out, nothing stored. Needs the
 * `read` scope: it changes nothing, but it spends the server's time, so it is not anonymous.
 */
const calculateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('', {
    schema: {
      tags: ['calculate'],
      summary: 'Calculate a product (stateless)',
      description: 'The body is a product model v1 document; the answer is its cradle-to-grave result, the same as `greenlca calc --format json`. ' +
        'Shape errors are 400 (GLCA_VALIDATION); products that cannot be calculated (unknown factor, unit mismatch …) are 422 (GLCA_INPUT_INVALID), each problem with a JSON pointer.',
      querystring: CalculateQuery,
      body: Product,
      response: { 200: CalculationResult },
    },
    config: { access: 'read' },
  }, async (request) =>
    calculateOrProblem(request.body, app.catalogue.library, { gwp: request.query.gwp, referenceYear: app.now().getUTCFullYear() }),
  );
};

export default calculateRoutes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bundledSpecifications, evaluate, EvaluationRequest, EvaluationResult, FactorySpecification, ProductSpecification, Text } from '@greenlca/ecodesign';
import { notFound } from '../../errors.js';
import { answerOrProblem } from '../../lib/calculate.js';
import { checkNetwork } from '../../lib/work.js';
import { libraryOf } from '../../org-datasets/library.js';

const tags = ['compliance'];

/**
 * GB/T 32161 green-design product evaluations and GB/T 36132 green-factory evaluations
 * (@greenlca/ecodesign), stateless, `read` scope; the bundled specifications are public.
 */
const evaluationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/evaluations', {
    schema: {
      tags, operationId: 'evaluate', summary: 'Evaluate a product or a factory against a specification',
      description: 'The body is an evaluation request: `{ spec, product | factory, declarations, scoring }`. Missing evidence makes the verdict "incomplete"; an unusable request is 422.',
      body: EvaluationRequest, response: { 200: EvaluationResult },
    },
    config: { access: 'read' },
  }, async (request) => {
    checkNetwork((request.body as { product?: unknown }).product, '/product');
    const library = await libraryOf(app, request);
    return answerOrProblem(() => evaluate(request.body, { library }));
  });

  const summary = () => bundledSpecifications().map((s) => ({ id: s.id, kind: s.kind, title: s.title }));

  app.get('/specifications', {
    schema: {
      tags, operationId: 'listSpecifications', summary: 'List the bundled evaluation specifications',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), kind: Type.Union([Type.Literal('product'), Type.Literal('factory')]), title: Text })) }) },
    },
    config: { access: 'public', cache: 'catalogue' },
  }, async () => ({ items: summary() }));

  app.get('/specifications/:id', {
    schema: { tags, operationId: 'getSpecification', summary: 'Get a bundled specification', params: Type.Object({ id: Type.String({ maxLength: 100 }) }), response: { 200: Type.Union([ProductSpecification, FactorySpecification]) } },
    config: { access: 'public', cache: 'catalogue' },
  }, async (request) => {
    const spec = bundledSpecifications().find((s) => s.id === request.params.id);
    if (!spec) throw notFound(`Specification ${request.params.id}`);
    return spec;
  });
};

export default evaluationRoutes;

import { Type, type Static } from '@sinclair/typebox';
import { CalculationResult, GwpSet } from '@greenlca/schema';
import { MethodQuery } from '../lib/lcia.js';
import { MAX_JOB_ITEMS } from '../limits.js';
import { CHECKED_AS } from '../plugins/openapi-document.js';
import { Uuid } from './common.js';
import { Problem } from './problem.js';
import { ResultSummary, View } from './view.js';

const DatasetPin = Type.Object({ id: Type.String({ maxLength: 200 }), version: Type.String({ maxLength: 100 }) }, { additionalProperties: false });

export const RecalculateJob = Type.Object({
  kind: Type.Literal('recalculate', { description: 'Recalculate stored products and store a new result for each, as POST /v1/products/{id}/calculate does.' }),
  filter: Type.Optional(Type.Object({
    ids: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 10_000, description: 'Stored product ids (the `id` of GET /v1/products).' })),
    productIds: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { minItems: 1, maxItems: 10_000, description: 'Product model ids (`product.id`).' })),
  }, { additionalProperties: false, description: 'Which of the organisation\'s products (both lists: products in both). Without a filter: every live product.' })),
  gwp: Type.Optional(GwpSet),
  method: Type.Optional(MethodQuery),
  datasets: Type.Optional(Type.Array(DatasetPin, {
    maxItems: 50, description: 'Dataset versions the results must be calculated with (GET /v1/datasets). A version this server does not calculate with is refused at once; a worker without it does not calculate.',
  })),
}, { additionalProperties: false });

export const BatchJob = Type.Object({
  kind: Type.Literal('batch', { description: 'Calculate the products sent (as /v1/batch/calculate, beyond its 1,000): each item keeps its result or its problem.' }),
  products: Type.Array(Type.Unknown({ description: 'A product model v1 document (checked one by one).', [CHECKED_AS]: 'Product' }), {
    minItems: 1, maxItems: MAX_JOB_ITEMS, description: `Up to ${MAX_JOB_ITEMS} products.`,
  }),
  gwp: Type.Optional(GwpSet),
  view: Type.Optional(View),
}, { additionalProperties: false });

export const NewJob = Type.Union([RecalculateJob, BatchJob], { description: 'What to do in the background.' });
export type NewJob = Static<typeof NewJob>;

const JOB_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export const JobStateSchema = Type.Union(JOB_STATES.map((s) => Type.Literal(s)), {
  description: '`queued`: no item finished yet; `running`; `completed`: every item done, or failed on its own (its problem); `failed`: finished, and some items failed because their chunk ran out of attempts (`GLCA_JOB_ATTEMPTS_EXHAUSTED`); `cancelled`: the items still pending were left undone.',
});

export const JobFailure = Type.Object({
  seq: Type.Integer({ description: 'The item\'s place in the job (a batch: the index in `products`).' }),
  productId: Type.Optional(Uuid),
  problem: Problem,
});

export const Job = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('recalculate'), Type.Literal('batch')]),
  state: JobStateSchema,
  params: Type.Record(Type.String(), Type.Unknown(), { description: 'What the job was asked (without a batch\'s products).' }),
  progress: Type.Object({ total: Type.Integer(), done: Type.Integer(), failed: Type.Integer(), pending: Type.Integer() }),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Optional(Type.String({ format: 'date-time' })),
  cancelledAt: Type.Optional(Type.String({ format: 'date-time' })),
  failures: Type.Optional(Type.Array(JobFailure, { description: 'The first 100 failed items with their problems; all of them: GET /v1/jobs/{id}/items?state=failed.' })),
});

export const JobList = Type.Object({ items: Type.Array(Job), next: Type.Optional(Uuid) });

export const JobItem = Type.Object({
  seq: Type.Integer(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('failed')]),
  productId: Type.Optional(Uuid),
  resultId: Type.Optional(Type.String({ description: 'recalculate: the stored result (GET /v1/results/{id}).' })),
  result: Type.Optional(Type.Union([CalculationResult, ResultSummary], { description: 'batch: the result.' })),
  problem: Type.Optional(Problem),
});

export const JobItemList = Type.Object({ items: Type.Array(JobItem), next: Type.Optional(Type.Integer({ description: 'Pass as `after` for the next page.' })) });

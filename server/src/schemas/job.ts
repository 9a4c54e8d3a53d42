import { Type, type Static } from '@sinclair/typebox';
import { CalculationResult, GwpSet } from '@greenlca/schema';
import { MethodQuery } from '../lib/lcia.js';
import { MAX_JOB_ITEMS } from '../limits.js';
import { CHECKED_AS } from '../plugins/openapi-document.js';
import { Uuid } from './common.js';
import { Problem } from './problem.js';
import { ResultSummary, View } from './view.js';
import { Lang } from '@greenlca/report';
import { StudyInfo } from '@greenlca/report';
import { Analyses } from '../routes/reports/build.js';
import { PactQuery } from '../routes/pact/filter.js';

const DatasetPin = Type.Object({ id: Type.String({ maxLength: 200 }), version: Type.String({ maxLength: 100 }) }, { additionalProperties: false });

const ProductFilter = Type.Object({
  ids: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 10_000, description: 'Stored product ids (the `id` of GET /v1/products).' })),
  productIds: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { minItems: 1, maxItems: 10_000, description: 'Product model ids (`product.id`).' })),
}, { additionalProperties: false, description: 'Which of the organisation\'s products (both lists: products in both). Without a filter: every live product.' });

export const RecalculateJob = Type.Object({
  kind: Type.Literal('recalculate', { description: 'Recalculate stored products and store a new result for each, as POST /v1/products/{id}/calculate does.' }),
  filter: Type.Optional(ProductFilter),
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

export const REPORT_FORMATS = ['json', 'html', 'pdf'] as const;

export const ReportJob = Type.Object({
  kind: Type.Literal('report', { description: 'Generate a report of each stored product (its current version, calculated now, as POST /v1/reports/{report} does) and store it in each format asked: GET /v1/jobs/{id}/items names them, GET /v1/reports/{id} downloads one.' }),
  report: Type.Union([Type.Literal('cfp'), Type.Literal('lca'), Type.Literal('ecodesign')], {
    description: 'cfp: carbon-footprint report (/v1/reports/cfp); lca: LCA report (/v1/reports/lca); ecodesign: GB/T 32161 self-evaluation report (/v1/reports/ecodesign) of `evaluation` with the product.',
  }),
  formats: Type.Array(Type.Union(REPORT_FORMATS.map((f) => Type.Literal(f))), { minItems: 1, maxItems: 3, uniqueItems: true, description: 'The formats each report is stored in.' }),
  lang: Type.Optional(Lang),
  filter: Type.Optional(ProductFilter),
  gwp: Type.Optional(GwpSet),
  method: Type.Optional(MethodQuery),
  study: Type.Optional(StudyInfo),
  analyses: Type.Optional(Analyses),
  evaluation: Type.Optional(Type.Record(Type.String(), Type.Unknown(), {
    description: 'ecodesign: the evaluation request (POST /v1/evaluations) without `product`; each stored product is evaluated with it.',
  })),
  company: Type.Optional(Type.String({ maxLength: 500, description: 'ecodesign: the company named in the report.' })),
}, { additionalProperties: false });

const { limit: _limit, offset: _offset, ...pactFilters } = PactQuery.properties;

export const PactFetchRequest = Type.Object({
  partnerId: Uuid,
  productIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 100, description: 'PACT product ids (URNs) asked for (ListFootprints `productId`).' })),
  filter: Type.Optional(Type.Object(pactFilters, { additionalProperties: false, description: 'Other ListFootprints filters (PACT v3).' })),
}, { additionalProperties: false, description: 'One partner and what to ask it: its footprints matching the filters (every page, up to 1,000 footprints).' });

export const PactFetchJob = Type.Object({
  kind: Type.Literal('pact-fetch', { description: 'Fetch footprints from registered PACT partners (ListFootprints, every page), each checked as PACT v3; each item keeps the valid ones and names the invalid.' }),
  requests: Type.Array(PactFetchRequest, { minItems: 1, maxItems: 10_000 }),
}, { additionalProperties: false });

export const NewJob = Type.Union([RecalculateJob, BatchJob, ReportJob, PactFetchJob], { description: 'What to do in the background.' });
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
  kind: Type.Union([Type.Literal('recalculate'), Type.Literal('batch'), Type.Literal('report'), Type.Literal('pact-fetch')]),
  state: JobStateSchema,
  params: Type.Record(Type.String(), Type.Unknown(), { description: 'What the job was asked (without a batch\'s products).' }),
  progress: Type.Object({ total: Type.Integer(), done: Type.Integer(), failed: Type.Integer(), pending: Type.Integer() }),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Optional(Type.String({ format: 'date-time' })),
  cancelledAt: Type.Optional(Type.String({ format: 'date-time' })),
  failures: Type.Optional(Type.Array(JobFailure, { description: 'The first 100 failed items with their problems; all of them: GET /v1/jobs/{id}/items?state=failed.' })),
});

export const JobList = Type.Object({ items: Type.Array(Job), next: Type.Optional(Uuid) });

export const StoredReportLink = Type.Object({
  id: Uuid,
  href: Type.String({ description: 'GET it to download the report (the organisation\'s keys, read scope).' }),
  kind: Type.String(), format: Type.String(), contentType: Type.String(),
  bytes: Type.Integer(), sha256: Type.String({ description: 'Of the bytes downloaded.' }),
});

export const PactFetched = Type.Object({
  partnerId: Uuid,
  footprints: Type.Array(Type.Object({}, { additionalProperties: true }), { description: 'The valid PACT v3 ProductFootprints fetched, as the partner published them.' }),
  invalid: Type.Optional(Type.Array(Type.Object({ index: Type.Integer(), id: Type.Optional(Type.String()), errors: Type.Array(Type.Object({}, { additionalProperties: true })) }), {
    description: 'Footprints that are not valid PACT v3 (left out of footprints).',
  })),
  next: Type.Optional(Type.String({ description: 'Set when the 1,000-footprint bound was reached: the partner\'s next page, for GET /v1/pact/partners/{id}/footprints?next=.' })),
});

export const JobItem = Type.Object({
  seq: Type.Integer(),
  state: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('failed')]),
  productId: Type.Optional(Uuid),
  resultId: Type.Optional(Type.String({ description: 'recalculate: the stored result (GET /v1/results/{id}).' })),
  result: Type.Optional(Type.Union([CalculationResult, ResultSummary, PactFetched], { description: 'batch: the result; pact-fetch: the footprints fetched.' })),
  reports: Type.Optional(Type.Array(StoredReportLink, { description: 'report: the stored reports, one per format.' })),
  problem: Type.Optional(Problem),
});

export const JobItemList = Type.Object({ items: Type.Array(JobItem), next: Type.Optional(Type.Integer({ description: 'Pass as `after` for the next page.' })) });

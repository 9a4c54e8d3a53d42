import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import { nestingIssue } from '@greenlca/schema';
import { ApiError, notFound } from '../../errors.js';
import { missingDatasetVersions } from '../../jobs/work.js';
import { lciaOf } from '../../lib/lcia.js';
import { fmt, overLimit } from '../../lib/work.js';
import { MAX_JOB_ITEMS } from '../../limits.js';
import { callerOf } from '../../plugins/auth.js';
import { MAX_JSON_DEPTH, RequestValidationError } from '../../plugins/validation.js';
import { IdParams, Uuid } from '../../schemas/common.js';
import { withHeaders } from '../../schemas/headers.js';
import { EvaluationRequest } from '@greenlca/ecodesign';
import { validate } from '@greenlca/schema';
import { Job, JobItemList, JobList, JobStateSchema, NewJob, type ReportJob } from '../../schemas/job.js';
import type { Problem } from '../../schemas/problem.js';

const tags = ['jobs'];
/** Failed items shown in a job itself; the rest page through /items. */
const FAILURES_SHOWN = 100;

/**
 * Background jobs: `POST /v1/jobs` answers 202 with the job and its Location at once; workers (this
 * process with GREENLCA_ROLE=all, or worker processes) do the items in chunks. Results land where the
 * synchronous routes put them: a recalculation stores each result as POST /v1/products/{id}/calculate.
 */
export function jobRoutes(options: { bodyLimit: number }): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post('/', {
      bodyLimit: options.bodyLimit,
      schema: {
        tags, operationId: 'createJob', summary: 'Start a background job: recalculate stored products, a batch beyond 1,000, reports of stored products, or footprints fetched from PACT partners',
        description: 'Answers 202 with the job; GET its Location for state and progress. The items are done in chunks by the workers, each retried with back-off if it fails or its worker dies.',
        body: NewJob, response: { 202: withHeaders(Job, 'location') },
      },
      // A retried POST must not start the same recalculation twice (a second result for every product).
      config: { access: 'write', idempotent: true },
    }, async (request, reply) => {
      const caller = callerOf(request);
      const body = request.body;
      const id = randomUUID();
      let created: Awaited<ReturnType<typeof app.jobs.create>>;
      if (body.kind === 'recalculate') {
        await lciaOf(body.method, '/body/method');
        if (body.datasets?.length) {
          const missing = missingDatasetVersions(app.catalogue, body.datasets);
          if (missing.length) {
            throw new ApiError('GLCA_DATASET_VERSION_UNAVAILABLE', `This server calculates with other versions of ${missing.join(', ')}.`,
              body.datasets.flatMap((d, i) => missing.includes(`${d.id} ${d.version}`) ? [{
                pointer: `/body/datasets/${i}`, code: 'DATASET_VERSION_UNAVAILABLE', detail: `${d.id} ${d.version} is not loaded`,
                hint: `this server has ${app.catalogue.factorDatasets.find((f) => f.id === d.id)?.version ?? 'no such dataset'}`,
              }] : []));
          }
        }
        const { kind: _kind, filter, ...params } = body;
        created = await app.jobs.create(caller.orgId, {
          id, kind: 'recalculate', params: { ...params, ...(filter ? { filter } : {}) }, createdBy: caller.keyId, limit: MAX_JOB_ITEMS,
          ...(filter ? { select: filter } : {}),
        });
      } else if (body.kind === 'report') {
        await checkReportJob(body);
        const { kind: _kind, filter, ...params } = body;
        created = await app.jobs.create(caller.orgId, {
          id, kind: 'report', params: { ...params, ...(filter ? { filter } : {}) }, createdBy: caller.keyId, limit: MAX_JOB_ITEMS, ...(filter ? { select: filter } : {}),
        });
      } else if (body.kind === 'pact-fetch') {
        // A partner the organisation has not registered is refused now, not found item by item later.
        const partners = new Set((await app.storage.listPactPartners(caller.orgId)).map((p) => p.id));
        const unknown = body.requests.flatMap((r, i) => (partners.has(r.partnerId) ? [] : [{
          pointer: `/body/requests/${i}/partnerId`, code: 'UNKNOWN_PARTNER', detail: `no PACT partner ${r.partnerId} in this organisation`, hint: 'GET /v1/pact/partners lists them',
        }]));
        if (unknown.length) throw new ApiError('GLCA_VALIDATION', `${unknown.length} request(s) name a partner this organisation has not registered.`, unknown.slice(0, 100));
        const { kind: _kind, requests } = body;
        created = await app.jobs.create(caller.orgId, { id, kind: 'pact-fetch', params: { partners: [...new Set(requests.map((r) => r.partnerId))] }, createdBy: caller.keyId, limit: MAX_JOB_ITEMS, requests });
      } else {
        const { kind: _kind, products, ...params } = body;
        // A job stores its products (JSON, which recurses): one nested past MAX_JSON_DEPTH is refused here, whole,
        // as POST /v1/products refuses it; shallower problems stay per item, as in /v1/batch/calculate.
        const deep = nestingIssue(products, { components: Number.POSITIVE_INFINITY, json: MAX_JSON_DEPTH });
        if (deep) throw new RequestValidationError('body', [{ pointer: `/products${deep.path}`, code: 'SCHEMA', detail: deep.message, hint: deep.hint }], 'depth');
        created = await app.jobs.create(caller.orgId, { id, kind: 'batch', params, createdBy: caller.keyId, limit: MAX_JOB_ITEMS, products });
      }
      if (!created.ok) {
        throw overLimit('/body/filter', 'JOB_TOO_LARGE', `${fmt(created.total)} products`, `${fmt(MAX_JOB_ITEMS)} items per job`, 'filter the products into several jobs');
      }
      return reply.code(202).header('location', `/v1/jobs/${id}`).send(created.job);
    });

    app.get('/', {
      schema: {
        tags, operationId: 'listJobs', summary: 'The organisation\'s jobs, newest first (`state=failed` for the failed ones)',
        querystring: Type.Object({ state: Type.Optional(JobStateSchema), limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }), cursor: Type.Optional(Uuid) }),
        response: { 200: JobList },
      },
      config: { access: 'read' },
    }, async (request) => {
      const { state, limit, cursor } = request.query;
      return app.storage.listJobs(callerOf(request).orgId, { limit, ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) });
    });

    app.get('/:id', {
      schema: { tags, operationId: 'getJob', summary: 'A job: state, progress (done / failed / total) and a problem per failed item', params: IdParams, response: { 200: Job } },
      config: { access: 'read' },
    }, async (request) => withFailures(app, callerOf(request).orgId, request.params.id));

    app.get('/:id/items', {
      schema: {
        tags, operationId: 'listJobItems', summary: 'A job\'s items in order: each result id (recalculate), result (batch), stored reports (report), footprints fetched (pact-fetch) or problem',
        params: IdParams,
        querystring: Type.Object({
          state: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('failed')])),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }), after: Type.Optional(Type.Integer({ minimum: -1, maximum: MAX_JOB_ITEMS })),
        }),
        response: { 200: JobItemList },
      },
      config: { access: 'read' },
    }, async (request) => {
      const { state, limit, after } = request.query;
      const page = await app.storage.listJobItems(callerOf(request).orgId, request.params.id, { limit, ...(state ? { state } : {}), ...(after !== undefined ? { after } : {}) });
      if (!page) throw notFound(`Job ${request.params.id}`);
      // Results and problems are stored as the batch route and the problem plugin made them.
      for (const item of page.items) {
        if (item.reports) item.reports = item.reports.map((r) => ({ ...r, href: `/v1/reports/${r.id}` }));
      }
      return page as Static<typeof JobItemList>;
    });

    app.post('/:id/cancel', {
      schema: {
        tags, operationId: 'cancelJob', summary: 'Cancel a job: items not yet done are left undone (a finished job is answered as it is)',
        params: IdParams, response: { 200: Job },
      },
      config: { access: 'write' },
    }, async (request) => {
      const orgId = callerOf(request).orgId;
      if (!(await app.storage.cancelJob(orgId, request.params.id))) throw notFound(`Job ${request.params.id}`);
      return withFailures(app, orgId, request.params.id);
    });
  };
}

/** What a report job asks is checked before it is queued: the methods, and the evaluation request without its product. */
async function checkReportJob(body: Static<typeof ReportJob>): Promise<void> {
  await lciaOf(body.method, '/body/method');
  if (body.report !== 'ecodesign' && (body.evaluation !== undefined || body.company !== undefined)) {
    throw new ApiError('GLCA_VALIDATION', '`evaluation` and `company` are for ecodesign reports.', [
      { pointer: body.evaluation !== undefined ? '/body/evaluation' : '/body/company', code: 'SCHEMA', detail: `not used by a ${body.report} report`, hint: 'leave it out, or ask for report: "ecodesign"' },
    ]);
  }
  if (body.evaluation === undefined) return;
  if ('product' in body.evaluation) {
    throw new ApiError('GLCA_VALIDATION', 'The evaluation of a report job takes each stored product in turn: leave `product` out.', [
      { pointer: '/body/evaluation/product', code: 'SCHEMA', detail: 'the product comes from the stored products', hint: 'use filter to choose them' },
    ]);
  }
  const checked = validate(EvaluationRequest, body.evaluation);
  if (!checked.ok) throw new ApiError('GLCA_VALIDATION', 'The evaluation request is not valid.', checked.issues.slice(0, 100).map((i) => ({ pointer: `/body/evaluation${i.path}`, code: 'SCHEMA', detail: i.message })));
}

async function withFailures(app: Parameters<FastifyPluginAsyncTypebox>[0], orgId: string, id: string): Promise<Static<typeof Job>> {
  const job = await app.storage.getJob(orgId, id);
  if (!job) throw notFound(`Job ${id}`);
  if (!job.progress.failed) return job;
  const page = await app.storage.listJobItems(orgId, id, { state: 'failed', limit: FAILURES_SHOWN });
  return { ...job, failures: (page?.items ?? []).map((i) => ({ seq: i.seq, ...(i.productId ? { productId: i.productId } : {}), problem: i.problem as Problem })) };
}

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { EvaluationRequest } from '@greenlca/ecodesign';
import { CfpReport, EcodesignReport, LcaReport, Report, StudyInfo } from '@greenlca/report';
import { GwpSet, Product } from '@greenlca/schema';
import { MethodQuery } from '../../lib/lcia.js';
import { libraryOf } from '../../org-datasets/library.js';
import { Analyses, cfpReport, ecodesignReport, lcaReport } from './build.js';
import { ReportQuery, reportResponse, sendReport } from './render.js';
import { notFound } from '../../errors.js';
import { callerOf } from '../../plugins/auth.js';
import { IdParams } from '../../schemas/common.js';

const tags = ['compliance'];

/**
 * Reports (@greenlca/report): a product carbon-footprint report (ISO 14067 / GB/T 24067) and a
 * GB/T 32161 self-evaluation report, as JSON, HTML or PDF, zh or en. Stateless, `read` scope; the
 * report of a stored result is GET /v1/results/{id}/report.
 */
const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/cfp', {
    schema: {
      tags, operationId: 'createCfpReport', summary: 'Carbon-footprint report of a product', querystring: ReportQuery,
      description: 'ISO 14067 / GB/T 24067 report with reference flow, boundary figure, cut-off, allocation, value choices, and the uncertainty (seeded Monte Carlo) and sensitivity (tornado) of the product (`analyses`).',
      body: Type.Object({ product: Product, study: Type.Optional(StudyInfo), gwp: Type.Optional(GwpSet), analyses: Type.Optional(Analyses) }),
      response: { 200: reportResponse(CfpReport) },
    },
    config: { access: 'read' },
  }, async (request, reply) => {
    const { product, study, gwp, analyses } = request.body;
    const ctx = { library: await libraryOf(app, request), now: app.now(), lang: request.query.lang, pointer: '/product' };
    const { report } = cfpReport(product, ctx, { ...(study ? { study } : {}), ...(gwp ? { gwp } : {}), ...(analyses ? { analyses } : {}) });
    return sendReport(reply, report, request.query.format, `cfp-${product.id}`);
  });

  app.post('/lca', {
    schema: {
      tags, operationId: 'createLcaReport', summary: 'LCA report of a product: inventories and every category of the methods asked for',
      description: 'ISO 14040/14044-style report: materials, end of life, energy and emissions by stage, and for each method every category with its coverage and gaps. ' +
        'The carbon-footprint report (/v1/reports/cfp) stays climate-only, as ISO 14067 asks.',
      querystring: Type.Object({ ...ReportQuery.properties, method: Type.Optional(MethodQuery) }),
      body: Type.Object({ product: Product, gwp: Type.Optional(GwpSet) }),
      response: { 200: reportResponse(LcaReport) },
    },
    config: { access: 'read' },
  }, async (request, reply) => {
    const { product, gwp } = request.body;
    const ctx = { library: await libraryOf(app, request), now: app.now(), lang: request.query.lang, pointer: '/product' };
    const { report } = await lcaReport(product, ctx, { ...(gwp ? { gwp } : {}), ...(request.query.method ? { method: request.query.method } : {}) });
    return sendReport(reply, report, request.query.format, `lca-${product.id}`);
  });

  app.post('/ecodesign', {
    schema: {
      tags, operationId: 'createEcodesignReport', summary: 'GB/T 32161 self-evaluation report', querystring: ReportQuery,
      body: Type.Object({ request: EvaluationRequest, company: Type.Optional(Type.String()) }),
      response: { 200: reportResponse(EcodesignReport) },
    },
    config: { access: 'read' },
  }, async (request, reply) => {
    const ctx = { library: await libraryOf(app, request), now: app.now(), lang: request.query.lang, pointer: '/request' };
    const { report } = ecodesignReport(request.body.request, ctx, request.body.company ? { company: request.body.company } : {});
    return sendReport(reply, report, request.query.format, 'ecodesign');
  });

  app.get('/:id', {
    schema: {
      tags, operationId: 'getStoredReport', summary: 'Download a report a background job stored (GET /v1/jobs/{id}/items names them)',
      description: 'The bytes as stored, with the content type of their format (JSON, HTML or PDF); their sha256 is the one the job item names. Only the organisation that ran the job finds it.',
      params: IdParams, response: { 200: reportResponse(Report) },
    },
    config: { access: 'read', cache: 'immutable' },
  }, async (request, reply) => {
    const stored = await app.storage.getStoredReport(callerOf(request).orgId, request.params.id);
    if (!stored) throw notFound(`Report ${request.params.id}`);
    const name = `${stored.kind}-${stored.productId}-v${stored.productVersion}.${stored.format}`;
    return reply.type(stored.contentType).header('content-disposition', `${stored.format === 'pdf' ? 'inline' : 'attachment'}; filename="${name}"`)
      .send(Buffer.from(stored.body.buffer, stored.body.byteOffset, stored.body.byteLength) as never); // the bytes as stored, not serialised
  });
};

export default reportRoutes;

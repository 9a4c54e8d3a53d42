import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { evaluate, EvaluationRequest } from '@greenlca/ecodesign';
import { bundledSubstances, methods } from '@greenlca/datasets';
import { buildCfpReport, buildEcodesignReport, buildLcaReport, CfpReport, EcodesignReport, LcaReport, StudyInfo } from '@greenlca/report';
import { GwpSet, Product } from '@greenlca/schema';
import { answerOrProblem, calculateOrProblem } from '../../lib/calculate.js';
import { lciaOf, MethodQuery } from '../../lib/lcia.js';
import { checkReportSize, ReportQuery, reportResponse, sendReport } from './render.js';
import { reportAnalyses } from '@greenlca/whatif';
import { fmt, linesOf, overLimit } from '../../lib/work.js';
import { MAX_MONTE_CARLO_LINE_RUNS, MAX_MONTE_CARLO_RUNS, MAX_SENSITIVITY_LINES } from '../../limits.js';
import { libraryOf } from '../../org-datasets/library.js';

const tags = ['compliance'];

const Analyses = Type.Object({
  runs: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_MONTE_CARLO_RUNS, description: `Monte Carlo runs (default 1000; 0: none; at most ${MAX_MONTE_CARLO_RUNS}).` })),
  seed: Type.Optional(Type.Integer({ minimum: 0, description: 'Seed of the random streams (default 1): the same seed gives the same ranges.' })),
  percent: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'Tornado range: ± percent of each input (default 10).' })),
}, { additionalProperties: false, description: 'Uncertainty and sensitivity of the report (@greenlca/whatif reportAnalyses).' });

/** The report's Monte Carlo and tornado are held to the limits of /v1/whatif/uncertainty and /sensitivity. */
function checkAnalysesSize(lines: number, runs: number): void {
  if (runs * lines > MAX_MONTE_CARLO_LINE_RUNS) {
    throw overLimit('/analyses/runs', 'MONTE_CARLO_TOO_LARGE', `${fmt(runs)} runs × ${fmt(lines)} lines = ${fmt(runs * lines)} line-runs`, `${fmt(MAX_MONTE_CARLO_LINE_RUNS)} line-runs`, 'fewer runs (analyses.runs; 0 for none)');
  }
  if (lines > MAX_SENSITIVITY_LINES) {
    throw overLimit('/product', 'SENSITIVITY_TOO_LARGE', `a product with ${fmt(lines)} lines`, `${fmt(MAX_SENSITIVITY_LINES)} lines for a sensitivity analysis`, 'report a sub-assembly, or combine lines of the same factor');
  }
}

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
    const now = app.now();
    const { product, study, gwp, analyses = {} } = request.body;
    checkReportSize(product, '/product');
    const library = await libraryOf(app, request);
    const result = calculateOrProblem(product, library, { gwp, referenceYear: now.getUTCFullYear(), validOn: now.toISOString().slice(0, 10) }, '/product');
    const runs = analyses.runs ?? 1000;
    checkAnalysesSize(linesOf(product), runs);
    const found = answerOrProblem(() => reportAnalyses(product, library, {
      runs, ...(gwp ? { gwp } : {}), ...(analyses.seed !== undefined ? { seed: analyses.seed } : {}), ...(analyses.percent !== undefined ? { percent: analyses.percent } : {}),
    }), '/product');
    const report = answerOrProblem(() => buildCfpReport(result, {
      lang: request.query.lang, product, generatedAt: now.toISOString(), referenceYear: now.getUTCFullYear(), ...(study ? { study } : {}), ...found,
    }));
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
    const now = app.now();
    const { product, gwp } = request.body;
    checkReportSize(product, '/product');
    const lcia = await lciaOf(request.query.method);
    const library = await libraryOf(app, request);
    const result = calculateOrProblem(product, library, { gwp, referenceYear: now.getUTCFullYear(), validOn: now.toISOString().slice(0, 10), ...(lcia ? { lcia } : {}) }, '/product');
    const methodFiles = await Promise.all((lcia?.methods ?? []).map((m) => methods.get(m.id)));
    const report = answerOrProblem(() => buildLcaReport(result, {
      lang: request.query.lang, product, generatedAt: now.toISOString(), methods: methodFiles, datasets: [...library.factorDatasets, bundledSubstances],
    }));
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
    const now = app.now();
    const library = await libraryOf(app, request);
    const evaluation = answerOrProblem(() => evaluate(request.body.request, { library }), '/request');
    const product = request.body.request.product;
    if (product !== undefined) checkReportSize(product, '/request/product');
    const result = product === undefined ? undefined : calculateOrProblem(product, library, { referenceYear: now.getUTCFullYear() }, '/request/product');
    const report = buildEcodesignReport(evaluation, {
      lang: request.query.lang, generatedAt: now.toISOString(),
      ...(result ? { result } : {}), ...(request.body.company ? { company: request.body.company } : {}),
    });
    return sendReport(reply, report, request.query.format, 'ecodesign');
  });
};

export default reportRoutes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ENGINE } from '@greenlca/engine';
import { Type } from '@sinclair/typebox';
import { notFound } from '../../errors.js';
import { lciaOf } from '../../lib/lcia.js';
import { calculateOrProblem } from '../../lib/calculate.js';
import { jsonDifferences } from '../../lib/diff.js';
import { inputHash } from '../../lib/hash.js';
import { callerOf } from '../../plugins/auth.js';
import { IdParams } from '../../schemas/common.js';
import { Reproduction, StoredResult } from '../../schemas/stored-result.js';
import { buildCfpReport, CfpReport } from '@greenlca/report';
import { checkReportSize, ReportQuery, reportResponse, sendReport } from '../reports/render.js';

const tags = ['results'];

const ReproduceQuery = Type.Object({
  datasets: Type.Optional(Type.Union([Type.Literal('pinned'), Type.Literal('current')], {
    default: 'pinned', description: 'The organisation\'s own datasets at the versions the result used (pinned), or at their current versions (current: what a newer version changes).',
  })),
});

/** Stored results, and their reproduction from the stored input. */
const resultRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/:id', {
    schema: { tags, operationId: 'getResult', summary: 'Get a stored result with its provenance', params: IdParams, response: { 200: StoredResult } },
    config: { access: 'read', cache: 'immutable' },
  }, async (request) => {
    const stored = await app.storage.getResult(callerOf(request).orgId, request.params.id);
    if (!stored) throw notFound(`Result ${request.params.id}`);
    return stored;
  });

  app.post('/:id/reproduce', {
    schema: {
      tags, operationId: 'reproduceResult', summary: 'Recalculate a stored result and compare',
      description: 'Recalculates the stored product version with the recorded GWP set and reference year, and reports whether every number is the same, ' +
        'whether the input hash, dataset versions and engine version still match, and each difference (JSON pointer). The organisation\'s own datasets are used ' +
        'at the versions the result pinned; `datasets=current` uses their current versions instead, to compare a newer version with the pinned one. Stores nothing.',
      params: IdParams, querystring: ReproduceQuery, response: { 200: Reproduction },
    },
    config: { access: 'read' },
  }, async (request) => {
    const caller = callerOf(request);
    const stored = await app.storage.getResult(caller.orgId, request.params.id);
    if (!stored) throw notFound(`Result ${request.params.id}`);
    const record = await app.storage.getProduct(caller.orgId, stored.productId, stored.productVersion);
    if (!record) throw notFound(`Version ${stored.productVersion} of product ${stored.productId}`);
    const { provenance } = stored;
    const lcia = provenance.methods?.length ? await lciaOf(provenance.methods.map((m) => m.id).join(',')) : undefined;
    // The organisation's datasets the result used, at the versions it used (bundled ones are the loaded ones).
    const bundled = new Set([...app.catalogue.factorDatasets.map((d) => d.id), app.catalogue.substances.id]);
    const pinned = provenance.datasets.filter((d) => !bundled.has(d.id) && /^[1-9][0-9]{0,9}$/.test(d.version)).map((d) => ({ id: d.id, version: Number(d.version) }));
    const library = await app.orgLibraries.library(caller.orgId, undefined, request.query.datasets === 'current' ? [] : pinned);
    const result = calculateOrProblem(record.product, library, { gwp: provenance.gwp, referenceYear: provenance.referenceYear, ...(lcia ? { lcia } : {}) });
    // A result stored before inventories and categories existed is compared on what it holds.
    const compared = { ...result };
    if (stored.result.inventory === undefined) delete compared.inventory;
    if (stored.result.impacts === undefined) delete compared.impacts;
    const differences = jsonDifferences(stored.result, compared);
    const sameDatasets = JSON.stringify(result.datasets) === JSON.stringify(provenance.datasets);
    return {
      resultId: stored.id,
      reproducible: differences.length === 0,
      inputHashMatches: inputHash(record.product) === provenance.inputHash,
      sameDatasets,
      sameEngine: ENGINE.name === provenance.engine.name && ENGINE.version === provenance.engine.version,
      differences,
      result,
    };
  });

  app.get('/:id/report', {
    schema: {
      tags, operationId: 'getResultReport', summary: 'Carbon-footprint report of a stored result (json, html or pdf; zh or en)',
      description: 'Built from the stored result and the product version it was calculated from; nothing is recalculated.',
      params: IdParams, querystring: ReportQuery, response: { 200: reportResponse(CfpReport) },
    },
    config: { access: 'read' },
  }, async (request, reply) => {
    const caller = callerOf(request);
    const stored = await app.storage.getResult(caller.orgId, request.params.id);
    if (!stored) throw notFound(`Result ${request.params.id}`);
    const record = await app.storage.getProduct(caller.orgId, stored.productId, stored.productVersion);
    if (!record) throw notFound(`Version ${stored.productVersion} of product ${stored.productId}`);
    checkReportSize(record.product, '');
    const report = buildCfpReport(stored.result, {
      lang: request.query.lang, product: record.product, generatedAt: stored.createdAt, referenceYear: stored.provenance.referenceYear,
    });
    return sendReport(reply, report, request.query.format, `cfp-${record.productId}-v${record.version}`);
  });
};

export default resultRoutes;

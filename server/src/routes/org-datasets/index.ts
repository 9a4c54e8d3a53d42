import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Factor, FactorCategory, FactorDataset } from '@greenlca/schema';
import { ApiError, notFound } from '../../errors.js';
import { searchCatalogue } from '../../lib/search.js';
import { IMPORT_THREAD_HEAP_MB, IMPORT_THREAD_TIMEOUT_MS, IMPORT_THREAD_WAITING, MAX_ORG_DATASET_FILE_BYTES } from '../../limits.js';
import { datasetCsv } from '../../org-datasets/export.js';
import type { ImportOutcome } from '../../org-datasets/import.js';
import { ImportThread } from '../../org-datasets/import-thread.js';
import { callerOf } from '../../plugins/auth.js';
import { VersionNumber } from '../../schemas/common.js';
import { withHeaders } from '../../schemas/headers.js';
import {
  ImportPreview, OrgDatasetDocument, OrgDatasetId, OrgDatasetImport, OrgDatasetList, OrgDatasetVersion, type ImportProblem,
} from '../../schemas/org-dataset.js';
import type { ProblemError } from '../../schemas/problem.js';

const tags = ['org-datasets'];
/** The file goes base64 in JSON: a third more than its bytes, plus the metadata. */
const IMPORT_BODY_BYTES = Math.ceil((MAX_ORG_DATASET_FILE_BYTES * 4) / 3) + 1024 * 1024;
/** Factors shown in a preview; the stored dataset has them all. */
const PREVIEW_FACTORS = 100;

const IdParams = Type.Object({ id: OrgDatasetId });
const VersionParams = Type.Object({ id: OrgDatasetId, version: VersionNumber });

/** An import problem as a problem+json error: the pointer names the row and the column of the file. */
function problemError(p: ImportProblem): ProblemError {
  const column = p.column === undefined ? '' : `/${p.column.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  const where = p.row === undefined ? '' : `row ${p.row}${p.column ? `, column "${p.column}"` : ''}: `;
  return { pointer: `/file${p.row === undefined ? '' : `/${p.row}`}${column}`, code: p.code, detail: where + p.detail, ...(p.hint ? { hint: p.hint } : {}) };
}

function preview(outcome: ImportOutcome): ImportPreview {
  return {
    ok: outcome.errors.length === 0,
    errors: outcome.errors,
    warnings: outcome.warnings,
    columns: outcome.columns,
    stats: { rows: outcome.rows, factors: outcome.factors.length },
    factors: outcome.factors.slice(0, PREVIEW_FACTORS),
  };
}

/**
 * Organisation factor datasets (issue 20): an organisation's own factors from a CSV or Excel table or
 * an openLCA package, checked (preview: every problem at once) and stored as immutable versions,
 * used by its products as `<dataset>/<factor>`; another organisation's dataset is 404 like a missing one.
 */
const THREAD_NOTE = `Files are read on a thread of their own, one at a time: with ${IMPORT_THREAD_WAITING} waiting, another gets 429 GLCA_RATE_LIMITED with Retry-After; ` +
  `one that needs more than ${IMPORT_THREAD_TIMEOUT_MS / 1000} s or ${IMPORT_THREAD_HEAP_MB / 1024} GiB of memory gets 422 GLCA_DATASET_INVALID (FILE_TOO_LARGE).`;

const orgDatasetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const bundledIds = new Set([...app.catalogue.factorDatasets.map((d) => d.id), app.catalogue.substances.id]);
  const context = () => ({ bundledIds, substances: app.catalogue.substances, thisYear: app.now().getUTCFullYear() });
  // Off the event loop: a package's products are calculated on the import thread.
  const imports = new ImportThread();
  app.addHook('onClose', () => imports.close());
  const readImport = (body: OrgDatasetImport) => imports.read({ request: body, context: context() });

  app.post('/preview', {
    bodyLimit: IMPORT_BODY_BYTES,
    schema: {
      tags, operationId: 'previewOrgDataset', summary: 'Check a factor file before importing it: every problem at once, nothing stored',
      description: 'CSV (UTF-8 with or without BOM, or `charset`: gb18030), .xlsx (first sheet or `sheet`; values only, formulas are never evaluated) or an openLCA JSON-LD zip ' +
        '(every product calculated with the matrix layer). Columns by English or Chinese header (server/README.md, "Organisation factor datasets"). ' + THREAD_NOTE,
      body: OrgDatasetImport, response: { 200: ImportPreview },
    },
    config: { access: 'read' },
  }, async (request) => preview(await readImport(request.body)));

  app.post('', {
    bodyLimit: IMPORT_BODY_BYTES,
    schema: {
      tags, operationId: 'importOrgDataset', summary: 'Import a factor file as a new version of an organisation dataset',
      description: 'The same checks as the preview; with any error nothing is stored (422 GLCA_DATASET_INVALID listing every problem by row and column). ' +
        'A new id starts at version 1; importing to an existing id adds the next version, which becomes current. Versions never change. ' + THREAD_NOTE,
      body: OrgDatasetImport, response: { 201: withHeaders(OrgDatasetVersion, 'location') },
    },
    config: { access: 'write' },
  }, async (request, reply) => {
    const caller = callerOf(request);
    const outcome = await readImport(request.body);
    if (!outcome.document) {
      const n = outcome.errors.length;
      throw new ApiError('GLCA_DATASET_INVALID', `The file has ${n} problem${n === 1 ? '' : 's'}: ${outcome.errors[0]?.detail ?? ''}${n > 1 ? ' …' : ''}`,
        outcome.errors.map(problemError), undefined, outcome.warnings.length ? outcome.warnings.map(problemError) : undefined);
    }
    const stored = await app.storage.createOrgDatasetVersion(caller.orgId, {
      document: outcome.document, format: request.body.format, fileSha256: outcome.fileSha256, createdBy: caller.keyId,
      ...(request.body.fileName ? { fileName: request.body.fileName } : {}),
    });
    return reply.code(201).header('location', `/v1/org-datasets/${stored.id}/versions/${stored.version}`).send(stored);
  });

  app.get('', {
    schema: { tags, operationId: 'listOrgDatasets', summary: 'List the organisation\'s datasets (current versions)', response: { 200: OrgDatasetList } },
    config: { access: 'read' },
  }, async (request) => ({ items: await app.storage.listOrgDatasets(callerOf(request).orgId) }));

  app.get('/:id', {
    schema: { tags, operationId: 'getOrgDataset', summary: 'Get an organisation dataset\'s current version with its factors', params: IdParams, response: { 200: OrgDatasetDocument } },
    config: { access: 'read' },
  }, async (request) => {
    const found = await app.storage.getOrgDataset(callerOf(request).orgId, request.params.id);
    if (!found) throw notFound(`Dataset ${request.params.id}`);
    return found;
  });

  app.get('/:id/versions', {
    schema: { tags, operationId: 'listOrgDatasetVersions', summary: 'List the versions of an organisation dataset', params: IdParams, response: { 200: OrgDatasetList } },
    config: { access: 'read' },
  }, async (request) => {
    const items = await app.storage.listOrgDatasetVersions(callerOf(request).orgId, request.params.id);
    if (!items) throw notFound(`Dataset ${request.params.id}`);
    return { items };
  });

  app.get('/:id/versions/:version', {
    schema: { tags, operationId: 'getOrgDatasetVersion', summary: 'Get one version of an organisation dataset with its factors', params: VersionParams, response: { 200: OrgDatasetDocument } },
    config: { access: 'read', cache: 'immutable' },
  }, async (request) => {
    const found = await app.storage.getOrgDataset(callerOf(request).orgId, request.params.id, request.params.version);
    if (!found) throw notFound(`Version ${request.params.version} of dataset ${request.params.id}`);
    return found;
  });

  app.get('/:id/export', {
    schema: {
      tags, operationId: 'exportOrgDataset', summary: 'Export an organisation dataset as CSV or JSON',
      description: 'CSV: one row per factor under the English headers of the import mapping (imports again as it is; UTF-8 with BOM). JSON: the FactorDataset document, as the engine reads it.',
      params: IdParams,
      querystring: Type.Object({
        format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'csv' }),
        version: Type.Optional(VersionNumber),
      }),
      response: {
        200: {
          description: 'The dataset.',
          headers: { 'content-disposition': Type.String({ description: 'attachment; filename="<id>-v<version>.csv|json"' }) },
          content: {
            'text/csv': { schema: Type.String() },
            // The document stored and served by GET /v1/org-datasets/{id} (`dataset`), as the engine reads it.
            'application/json': { schema: FactorDataset },
          },
        },
      },
    },
    config: { access: 'read' },
  }, async (request, reply) => {
    const found = await app.storage.getOrgDataset(callerOf(request).orgId, request.params.id, request.query.version);
    if (!found) throw notFound(request.query.version ? `Version ${request.query.version} of dataset ${request.params.id}` : `Dataset ${request.params.id}`);
    const name = `${found.id}-v${found.version}.${request.query.format}`;
    reply.header('content-disposition', `attachment; filename="${name}"`);
    if (request.query.format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(found.dataset, null, 1) as never);
    return reply.type('text/csv; charset=utf-8').send(datasetCsv(found.dataset) as never);
  });
};

/**
 * `GET /v1/org-factors`: factor search over the organisation's library, its own datasets beside the
 * bundled ones, each hit marked `own` with its licence (the catalogue's `/v1/factors` is public and
 * shows the bundled ones only).
 */
export const orgFactorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const Hit = Type.Object({
    id: Type.String(), score: Type.Number(), factor: Factor,
    dataset: Type.Object({ id: Type.String(), version: Type.String(), edition: Type.String() }),
    own: Type.Boolean({ description: 'The factor is in one of the organisation\'s own datasets.' }),
    licence: Type.String({ description: 'The licence of the value (its dataset\'s licence name for the organisation\'s own).' }),
  });
  app.get('', {
    schema: {
      tags, operationId: 'searchOrgFactors', summary: 'Search factors: the organisation\'s own datasets and the bundled ones',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 200 })),
        region: Type.Optional(Type.String({ maxLength: 32 })),
        category: Type.Optional(FactorCategory),
        dataset: Type.Optional(Type.String({ maxLength: 64 })),
        own: Type.Optional(Type.Boolean({ description: 'Only the organisation\'s own factors.' })),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
      }),
      response: { 200: Type.Object({ items: Type.Array(Hit) }) },
    },
    config: { access: 'read' },
  }, async (request) => {
    const { q, region, category, dataset, own, limit } = request.query;
    const bundled = new Set(app.catalogue.factorDatasets.map((d) => d.id));
    const library = await app.orgLibraries.library(callerOf(request).orgId);
    const ownIds = library.factorDatasets.filter((d) => !bundled.has(d.id));
    const datasets = own ? ownIds.map((d) => d.id) : [undefined];
    const hits = datasets.flatMap((ds) => searchCatalogue(library, {
      ...(q ? { text: q } : {}), ...(region ? { region } : {}), ...(category ? { category } : {}), ...((ds ?? dataset) ? { dataset: (ds ?? dataset)! } : {}), limit,
    })).filter((h) => !dataset || h.dataset.id === dataset);
    hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    const licenceOf = new Map(library.factorDatasets.map((d) => [d.id, d]));
    return {
      items: hits.slice(0, limit).map((h) => {
        const mine = !bundled.has(h.dataset.id);
        const ds = licenceOf.get(h.dataset.id);
        const licence = mine ? (ds?.licences[0]?.name ?? h.factor.licence) : (ds?.licences.find((l) => l.id === h.factor.licence)?.name ?? h.factor.licence);
        return { id: h.id, score: h.score, factor: h.factor, dataset: h.dataset, own: mine, licence };
      }),
    };
  });
};

export default orgDatasetRoutes;

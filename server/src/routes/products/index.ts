import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { Product } from '@greenlca/schema';
import { notFound } from '../../errors.js';
import { lciaOf, MethodQuery } from '../../lib/lcia.js';
import { calculateOrProblem, provenanceOf } from '../../lib/calculate.js';
import { inputHash } from '../../lib/hash.js';
import { ResultCache } from '../../lib/result-cache.js';
import { resultJson } from '../../lib/result-json.js';
import { OrgLibraries } from '../../org-datasets/library.js';
import { callerOf } from '../../plugins/auth.js';
import { CalculateQuery, Cursor, IdParams, Limit, MAX_INT4, VersionNumber } from '../../schemas/common.js';
import { ProductList, ProductRecord, VersionList } from '../../schemas/product-record.js';
import { ResultList, StoredResult } from '../../schemas/stored-result.js';
import { withHeaders } from '../../schemas/headers.js';
import { etag, parseIfMatch, preconditionFailed, requireIfMatch } from './etag.js';
import { OlcaPackageResponse, sendOlcaPackage } from '../exports/index.js';
import { CalculationResult } from '@greenlca/schema';

const VersionParams = Type.Object({ ...IdParams.properties, version: VersionNumber });

/**
 * A version number in the path beyond what storage can hold names a version that cannot exist: 404,
 * as for any missing version, rather than the schema's 400 (checked before validation, on the raw text).
 */
async function versionBeyondStorageIsNotFound(request: FastifyRequest): Promise<void> {
  const { id, version } = request.params as { id: string; version: string };
  if (/^[0-9]+$/.test(version) && Number(version) > MAX_INT4) throw notFound(`Version ${version} of product ${id}`);
}
const tags = ['products'];

/** Header of `GET /v1/products/{id}/result`: the version the result is for (the product's ETag, unquoted). */
export const RESULT_VERSION_HEADER = 'x-greenlca-product-version';

export interface ProductRoutesOptions {
  /** Bytes of serialised current-version results to keep (default 16 MiB); 0 switches the cache off. */
  cacheBytes?: number;
}

/**
 * Stored products. Every save is a new immutable version; the ETag is the version number; updates
 * and deletes are conditional on If-Match (428 without it, 412 when it is stale, and nothing is stored).
 * All of it happens inside the caller's organisation: another organisation's product is a 404.
 */
const productRoutes: FastifyPluginAsyncTypebox<ProductRoutesOptions> = async (app, options) => {
  const cacheBytes = options.cacheBytes ?? 16 * 1024 * 1024;
  const results = cacheBytes > 0 ? new ResultCache(cacheBytes) : undefined;

  app.post('', {
    schema: { tags, operationId: 'createProduct', summary: 'Store a new product (version 1)', body: Product, response: { 201: withHeaders(ProductRecord, 'location', 'etag') } },
    config: { access: 'write', idempotent: true },
  }, async (request, reply) => {
    const caller = callerOf(request);
    const record = await app.storage.createProduct(caller.orgId, {
      id: randomUUID(), product: request.body, inputHash: inputHash(request.body), createdBy: caller.keyId,
    });
    return reply.code(201).header('location', `/v1/products/${record.id}`).header('etag', etag(record.version)).send(record);
  });

  app.get('', {
    schema: {
      tags, operationId: 'listProducts', summary: 'List products (current versions)',
      querystring: Type.Object({ limit: Limit, cursor: Type.Optional(Cursor), productId: Type.Optional(Type.String({ description: 'Only products whose model `id` is this.' })) }),
      response: { 200: withHeaders(ProductList, 'link') },
    },
    config: { access: 'read' },
  }, async (request, reply) => {
    const { limit, cursor, productId } = request.query;
    const page = await app.storage.listProducts(callerOf(request).orgId, { limit, ...(cursor ? { cursor } : {}), ...(productId !== undefined ? { productId } : {}) });
    if (page.next) {
      const query = new URLSearchParams({ limit: String(limit), cursor: page.next, ...(productId !== undefined ? { productId } : {}) });
      reply.header('link', `</v1/products?${query.toString()}>; rel="next"`);
    }
    return page;
  });

  app.get('/:id', {
    schema: {
      tags, operationId: 'getProduct', summary: 'Get a product (its current version)', params: IdParams,
      response: { 200: withHeaders(ProductRecord, 'etag'), 304: Type.Null({ description: 'Not modified (If-None-Match matched).' }) },
    },
    config: { access: 'read' },
  }, async (request, reply) => {
    const record = await app.storage.getProduct(callerOf(request).orgId, request.params.id);
    if (!record) throw notFound(`Product ${request.params.id}`);
    reply.header('etag', etag(record.version));
    const ifNoneMatch = parseIfMatch(request.headers['if-none-match']);
    if (ifNoneMatch === '*' || (Array.isArray(ifNoneMatch) && ifNoneMatch.includes(record.version))) return reply.code(304).send(null);
    return record;
  });

  app.get('/:id/result', {
    schema: {
      tags, operationId: 'getProductResult', summary: 'The current version\'s result (calculated, not stored)',
      description: 'What `POST /v1/calculate` answers for the current version, without sending it: the web UI asks for it beside the product when it opens one. ' +
        `The header \`${RESULT_VERSION_HEADER}\` names the version it is for. Nothing is stored (\`POST /v1/products/{id}/calculate\` stores a result with its provenance); ` +
        'a version\'s answer is kept in memory for the day, per organisation, GWP set and dataset versions.',
      params: IdParams, querystring: CalculateQuery,
      response: { 200: CalculationResult },
    },
    config: { access: 'read' },
  }, async (request, reply) => {
    const orgId = callerOf(request).orgId;
    // The versions' list is small: a kept answer is found without reading the product itself.
    const current = (await app.storage.listVersions(orgId, request.params.id))?.at(-1);
    if (!current) throw notFound(`Product ${request.params.id}`);
    const datasets = await app.orgLibraries.current(orgId);
    const now = app.now();
    const validOn = now.toISOString().slice(0, 10);
    const { gwp } = request.query;
    // A version never changes, so its answer depends only on these: the datasets, the GWP set and the day (factor validity).
    const key = `${orgId}|${OrgLibraries.key(datasets)}|${gwp ?? ''}|${validOn}|${request.params.id}|${current.version}|${current.inputHash}`;
    let bytes = results?.get(key);
    if (!bytes) {
      const record = await app.storage.getProduct(orgId, request.params.id, current.version);
      if (!record) throw notFound(`Product ${request.params.id}`);
      const library = await app.orgLibraries.library(orgId, datasets);
      bytes = resultJson(calculateOrProblem(record.product, library, { gwp, referenceYear: now.getUTCFullYear(), validOn }));
      results?.set(key, bytes);
    }
    // Sent as the bytes made once (result-json.ts), like POST /v1/calculate's answer.
    return reply.header(RESULT_VERSION_HEADER, String(current.version)).type('application/json; charset=utf-8').send(bytes as never);
  });

  app.put('/:id', {
    schema: {
      tags, operationId: 'updateProduct', summary: 'Save a new version of a product',
      description: 'Needs If-Match with the ETag of the version edited: 428 without it, 412 (nothing stored) when the product has moved on.',
      params: IdParams, body: Product,
      headers: Type.Object({ 'if-match': Type.String({ description: 'ETag of the version this edit is based on, e.g. "3" (or *). Without it: 428.' }) }),
      response: { 200: withHeaders(ProductRecord, 'etag') },
    },
    config: { access: 'write' },
    // Before the schema check, so a missing If-Match is the 428 that says what to send, not a 400.
    preValidation: async (request) => {
      requireIfMatch(request.headers['if-match']);
    },
  }, async (request, reply) => {
    const caller = callerOf(request);
    const wanted = requireIfMatch(request.headers['if-match']);
    const current = await app.storage.getProduct(caller.orgId, request.params.id);
    if (!current) throw notFound(`Product ${request.params.id}`);
    if (wanted !== '*' && !wanted.includes(current.version)) throw preconditionFailed(current.version);
    const outcome = await app.storage.updateProduct(caller.orgId, request.params.id, current.version, {
      product: request.body, inputHash: inputHash(request.body), createdBy: caller.keyId,
    });
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw notFound(`Product ${request.params.id}`);
      throw preconditionFailed(outcome.current);
    }
    return reply.header('etag', etag(outcome.value.version)).send(outcome.value);
  });

  app.delete('/:id', {
    schema: {
      tags, operationId: 'deleteProduct', summary: 'Delete a product',
      description: 'With If-Match, only if that version is current. Its versions and results stay stored for audit but are no longer served.',
      params: IdParams, response: { 204: Type.Null() },
    },
    config: { access: 'write' },
  }, async (request, reply) => {
    const caller = callerOf(request);
    const wanted = parseIfMatch(request.headers['if-match']);
    let expected: number | undefined;
    if (Array.isArray(wanted)) {
      const current = await app.storage.getProduct(caller.orgId, request.params.id);
      if (!current) throw notFound(`Product ${request.params.id}`);
      if (!wanted.includes(current.version)) throw preconditionFailed(current.version);
      expected = current.version;
    }
    const outcome = await app.storage.deleteProduct(caller.orgId, request.params.id, expected);
    if (!outcome.ok) {
      if (outcome.reason === 'not-found') throw notFound(`Product ${request.params.id}`);
      throw preconditionFailed(outcome.current);
    }
    return reply.code(204).send(null);
  });

  app.get('/:id/versions', {
    schema: { tags, operationId: 'listProductVersions', summary: 'List the versions of a product', params: IdParams, response: { 200: VersionList } },
    config: { access: 'read' },
  }, async (request) => {
    const items = await app.storage.listVersions(callerOf(request).orgId, request.params.id);
    if (!items) throw notFound(`Product ${request.params.id}`);
    return { id: request.params.id, items };
  });

  app.get('/:id/versions/:version', {
    schema: { tags, operationId: 'getProductVersion', summary: 'Get one version of a product', params: VersionParams, response: { 200: withHeaders(ProductRecord, 'etag') } },
    config: { access: 'read', cache: 'immutable' },
    preValidation: versionBeyondStorageIsNotFound,
  }, async (request, reply) => {
    const record = await app.storage.getProduct(callerOf(request).orgId, request.params.id, request.params.version);
    if (!record) throw notFound(`Version ${request.params.version} of product ${request.params.id}`);
    return reply.header('etag', etag(record.version)).send(record);
  });

  app.post('/:id/calculate', {
    schema: {
      tags, operationId: 'calculateProduct', summary: 'Calculate a stored product and store the result',
      description: 'Calculates the current version (or `version`) and stores the result with its provenance: input hash, GWP set, reference year, dataset versions and engine version.',
      params: IdParams,
      querystring: Type.Object({ ...CalculateQuery.properties, version: Type.Optional(VersionNumber), method: Type.Optional(MethodQuery) }),
      response: { 201: withHeaders(StoredResult, 'location') },
    },
    config: { access: 'write', idempotent: true },
  }, async (request, reply) => {
    const caller = callerOf(request);
    const record = await app.storage.getProduct(caller.orgId, request.params.id, request.query.version);
    if (!record) throw notFound(request.query.version ? `Version ${request.query.version} of product ${request.params.id}` : `Product ${request.params.id}`);
    const referenceYear = app.now().getUTCFullYear();
    const lcia = await lciaOf(request.query.method);
    const options = { gwp: request.query.gwp, referenceYear, ...(lcia ? { lcia } : {}) };
    const result = calculateOrProblem(record.product, await app.orgLibraries.library(caller.orgId), options);
    const provenance = provenanceOf(record.inputHash, result, options);
    const stored = await app.storage.saveResult(caller.orgId, { id: randomUUID(), productId: record.id, productVersion: record.version, provenance, result });
    return reply.code(201).header('location', `/v1/results/${stored.id}`).send(stored);
  });

  app.get('/:id/olca', {
    schema: {
      tags, operationId: 'exportProductOlcaPackage', summary: 'A stored product as an openLCA JSON-LD package (zip)',
      description: 'The current version (or `version`) written as `POST /v1/exports/olca` writes it, with the organisation\'s datasets at their current versions: ' +
        'the same bytes for the same product, GWP set and datasets. The ETag is a hash of the zip; `If-None-Match` with it is 304 while nothing it depends on has changed.',
      params: IdParams,
      querystring: Type.Object({ ...CalculateQuery.properties, version: Type.Optional(VersionNumber) }),
      response: { 200: OlcaPackageResponse },
    },
    config: { access: 'read', cache: 'revalidate' },
  }, async (request, reply) => {
    const caller = callerOf(request);
    const record = await app.storage.getProduct(caller.orgId, request.params.id, request.query.version);
    if (!record) throw notFound(request.query.version ? `Version ${request.query.version} of product ${request.params.id}` : `Product ${request.params.id}`);
    return sendOlcaPackage(reply, record.product, await app.orgLibraries.library(caller.orgId), request.query.gwp, '');
  });

  app.get('/:id/results', {
    schema: { tags, operationId: 'listProductResults', summary: 'List the stored results of a product', params: IdParams, response: { 200: ResultList } },
    config: { access: 'read' },
  }, async (request) => {
    const items = await app.storage.listResults(callerOf(request).orgId, request.params.id);
    if (!items) throw notFound(`Product ${request.params.id}`);
    return { items };
  });
};

export default productRoutes;

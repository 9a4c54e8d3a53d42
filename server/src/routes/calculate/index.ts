import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { CalculationResult, Product } from '@greenlca/schema';
import { calculateOrProblem, productShapeProblem } from '../../lib/calculate.js';
import { lciaOf, MethodQuery } from '../../lib/lcia.js';
import { ResultCache } from '../../lib/result-cache.js';
import { resultJson } from '../../lib/result-json.js';
import { parseJsonBody, readJsonBody } from '../../lib/json-body.js';
import { parsedFrom } from '../../lib/storable-text.js';
import { callerOf } from '../../plugins/auth.js';
import { OrgLibraries, type DatasetPin } from '../../org-datasets/library.js';
import { CalculateQuery } from '../../schemas/common.js';
import { ResultSummary, View, viewOf } from '../../schemas/view.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** sha256 of the raw JSON body, for the result cache. */
    bodyHash?: string;
    /** The serialised answer to these exact bytes, found before parsing them. */
    cachedResult?: Buffer;
    /** The organisation's dataset versions when the body was read (part of the cache key, and the library used). */
    orgDatasets?: DatasetPin[];
  }
}

/** Stands in for a body whose answer is cached: those bytes were parsed and validated when first seen. */
const CACHED_STUB = Object.freeze({ schemaVersion: 1, id: 'cached', name: 'cached', functionalUnit: Object.freeze({ amount: 1, unit: 'item' }) });

// The organisation's own dataset versions are part of the key: a new import changes the answer. Supplier
// factors' validity is judged on today (FACTOR_EXPIRED): a cached answer is for one day.
const cacheKey = (orgId: string, datasets: readonly DatasetPin[], gwp: string | undefined, view: string | undefined, method: string | undefined, day: string, hash: string) =>
  `${orgId}|${OrgLibraries.key(datasets)}|${gwp ?? ''}|${view ?? 'full'}|${method ?? ''}|${day}|${hash}`;

export interface CalculateRoutesOptions {
  /** Bytes of serialised results to keep (default 64 MiB); 0 switches the cache off. */
  cacheBytes: number;
}

/**
 * `POST /v1/calculate`: stateless. A product model in, the result out, nothing stored. Needs the
 * `read` scope: it changes nothing, but it spends the server's time, so it is not anonymous.
 * An identical body (byte for byte) from the same organisation in the same year is answered from a
 * bounded cache of serialised results (header `x-greenlca-cache: hit`).
 */
const calculateRoutes: FastifyPluginAsyncTypebox<CalculateRoutesOptions> = async (app, options) => {
  const cache = options.cacheBytes > 0 ? new ResultCache(options.cacheBytes) : undefined;
  // Fastify's own JSON parser (with its prototype-poisoning checks). The text is seen here once: the
  // body is marked as free of escapes for the storable-text check when it is, and hashed for the cache.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const parse = (request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) =>
    parseJsonBody(parseJson, request, body, (error: Error | null, value?: unknown) => {
      if (!error) parsedFrom(value, body);
      done(error, value);
    });
  // In place of the app's JSON parser (app.ts), for this route only: the same strict UTF-8 reading.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, bytes, done) => {
    const body = readJsonBody(request, bytes, done);
    if (body === undefined) return;
    if (!cache) return parse(request, body, done);
    request.bodyHash = createHash('sha256').update(bytes as Buffer).digest('base64');
    // Authentication ran in onRequest, so the caller is known here: a hit skips parsing 20 KiB of JSON.
    const caller = request.caller;
    if (!caller) return parse(request, body, done);
    app.orgLibraries.current(caller.orgId).then((datasets) => {
      request.orgDatasets = datasets;
      const query = request.query as { gwp?: string; view?: string; method?: string };
      const hit = cache.get(cacheKey(caller.orgId, datasets, query.gwp, query.view, query.method, app.now().toISOString().slice(0, 10), request.bodyHash!));
      if (hit) {
        request.cachedResult = hit;
        done(null, CACHED_STUB);
        return;
      }
      parse(request, body, done);
    }, (error: Error) => done(error, undefined));
  });

  app.post('', {
    schema: {
      tags: ['calculate'],
      operationId: 'calculate', summary: 'Calculate a product (stateless)',
      description: 'The body is a product model v1 document; the answer is its cradle-to-grave result with its material, energy and emission inventories (and, with `method`, every impact category), the same as `greenlca calc --format json`. ' +
        'Shape errors are 400 (GLCA_VALIDATION); products that cannot be calculated (unknown factor, unit mismatch …) are 422 (GLCA_INPUT_INVALID), each problem with a JSON pointer.',
      querystring: Type.Object({ ...CalculateQuery.properties, view: View, method: Type.Optional(MethodQuery) }),
      body: Product,
      response: { 200: Type.Union([CalculationResult, ResultSummary]) },
    },
    config: { access: 'read' },
    // A body that fails the schema is checked by the engine too, so the answer lists every problem at once.
    attachValidation: true,
  }, async (request, reply) => {
    const orgId = callerOf(request).orgId;
    const datasets = request.orgDatasets ?? (await app.orgLibraries.current(orgId));
    const library = await app.orgLibraries.library(orgId, datasets);
    if (request.validationError) throw productShapeProblem(request.validationError, request.body, library, request.query.gwp);
    const now = app.now();
    const referenceYear = now.getUTCFullYear();
    const validOn = now.toISOString().slice(0, 10);
    const key = cache && request.bodyHash ? cacheKey(orgId, datasets, request.query.gwp, request.query.view, request.query.method, validOn, request.bodyHash) : undefined;
    const hit = request.cachedResult ?? (key ? cache!.get(key) : undefined);
    if (hit !== undefined) {
      return reply.header('x-greenlca-cache', 'hit').type('application/json; charset=utf-8').send(hit as never);
    }
    const lcia = await lciaOf(request.query.method);
    const result = viewOf(calculateOrProblem(request.body, library, {
      // Validated against Product before the handler runs (a failure is answered above): not checked twice.
      gwp: request.query.gwp, referenceYear, validOn, checked: true, ...(lcia ? { lcia } : {}), ...(request.query.view === 'summary' ? { lines: false as const } : {}),
    }), request.query.view);
    // Encoded once, here: a string reply is measured (Buffer.byteLength) and then encoded again on the
    // socket, two passes over ~230 KiB of text that its Chinese citations make two bytes a character.
    // The citations themselves are encoded once per factor, not per answer (result-json.ts).
    const bytes = resultJson(result);
    if (key) cache!.set(key, bytes);
    if (key) reply.header('x-greenlca-cache', 'miss');
    return reply.type('application/json; charset=utf-8').send(bytes as never);
  });
};

export default calculateRoutes;

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '@readme/openapi-parser';
import { lintFromString, loadConfig } from '@redocly/openapi-core';
import { kettle, testApp, type TestApp } from '../testing/harness.js';
import { testBackends } from '../storage/testing.js';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Operation = {
  operationId?: string; tags?: string[]; security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }>; headers?: Record<string, unknown> }>;
};

/** Every key anywhere in a JSON value. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) { out.add(k); keysOf(v, out); }
  return out;
}

describe('OpenAPI 3.1 document (/docs/json)', () => {
  let t: TestApp;
  let text: string;
  let doc: { openapi: string; servers?: { url: string }[]; paths: Record<string, Record<string, Operation>> };
  let ops: { path: string; method: string; op: Operation }[];
  beforeAll(async () => {
    t = await testApp(testBackends[0]!);
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    text = res.body;
    doc = JSON.parse(text);
    ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  }, 120_000);
  afterAll(async () => t?.close());

  it('is valid OpenAPI 3.1 for @readme/openapi-parser (0 errors)', async () => {
    const result = await validate(JSON.parse(text), { validate: { errors: { colorize: false } } });
    const errors = result.valid ? [] : result.errors.map((e) => e.message);
    expect(errors).toEqual([]);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('passes Redocly recommended-strict with the committed server/redocly.yaml (0 problems)', async () => {
    const config = await loadConfig({ configPath: join(serverDir, 'redocly.yaml') });
    const problems = await lintFromString({ source: text, absoluteRef: join(serverDir, 'openapi.json'), config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`)).toEqual([]);
  });

  it('writes JSON Schema 2020-12: prefixItems for tuples, no draft-07 or 3.0 keywords', () => {
    const keys = keysOf(doc);
    expect(keys.has('prefixItems')).toBe(true); // the pedigree 5-tuple, report cover facts
    expect(keys.has('additionalItems')).toBe(false);
    expect(keys.has('nullable')).toBe(false);
    expect(doc.servers?.length).toBeGreaterThan(0);
  });

  it('names every operation once, tags it, and marks public ones security: []', () => {
    expect(ops.length).toBe(76); // 49 + the five PACT partner and request routes + the five job routes + six PACT client routes + the eight organisation-dataset routes + GET /v1/products/{id}/olca + GET /v1/reports/{id} (a report a job stored) + GET /v1/products/{id}/result
    const ids = ops.map((o) => o.op.operationId);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, op } of ops) expect(op.tags?.length, path).toBeGreaterThan(0);
    const publicOps = ops.filter((o) => /^\/(v1\/(datasets|factors|substances|schemas|specifications)|health|\.well-known)/.test(o.path));
    for (const { path, op } of publicOps) expect(op.security, path).toEqual([]);
    expect(doc.paths['/v1/products']!.post!.security).toEqual([{ apiKey: ['write'] }]);
  });

  it('types the bodies a schema exists for', () => {
    const batch = doc.paths['/v1/batch/calculate']!.post!.requestBody!.content['application/json']!.schema as { properties: { products: { items: { $ref: string } } } };
    expect(batch.properties.products.items.$ref).toBe('#/components/schemas/Product');
    const spec = doc.paths['/v1/specifications/{id}']!.get!.responses['200']!.content!['application/json']!.schema;
    expect(spec.anyOf).toHaveLength(2);
    const view = doc.paths['/v1/calculate']!.post!.parameters!.find((p) => p.name === 'view');
    expect(view?.required).toBe(false);
  });

  it('declares every media type: problem+json errors, reports as JSON/HTML/PDF, CSV imports, the OAuth2 form', () => {
    for (const { path, op } of ops.filter((o) => o.path.startsWith('/v1/'))) {
      expect(Object.keys(op.responses['4XX']?.content ?? {}), path).toEqual(['application/problem+json']);
    }
    const report = doc.paths['/v1/results/{id}/report']!.get!.responses['200']!.content!;
    expect(Object.keys(report)).toEqual(['application/json', 'text/html', 'application/pdf']);
    expect(report['application/pdf']!.schema).toMatchObject({ type: 'string', format: 'binary' });
    expect(Object.keys(doc.paths['/v1/imports/bom']!.post!.requestBody!.content)).toContain('text/csv');
    const token = doc.paths['/auth/token']!.post!;
    expect(Object.keys(token.requestBody!.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(token.security).toEqual([{ clientCredentials: [] }]);
  });

  it('documents the headers: ETag, Location, Link, rate limits, Idempotent-Replayed; If-Match required where its absence is 428', async () => {
    const create = doc.paths['/v1/products']!.post!;
    expect(Object.keys(create.responses['201']!.headers!)).toEqual(expect.arrayContaining(['location', 'etag', 'idempotent-replayed', 'x-ratelimit-limit']));
    expect(Object.keys(doc.paths['/v1/products']!.get!.responses['200']!.headers!)).toContain('link');
    expect(Object.keys(doc.paths['/v1/datasets']!.get!.responses['200']!.headers!)).toEqual(expect.arrayContaining(['etag', 'cache-control']));
    expect(doc.paths['/v1/datasets']!.get!.responses['304']).toBeDefined();
    expect(Object.keys(doc.paths['/v1/keys']!.post!.responses['201']!.headers!)).toContain('location');
    const put = doc.paths['/v1/products/{id}']!.put!;
    expect(put.parameters!.find((p) => p.name === 'if-match')).toMatchObject({ in: 'header', required: true });
    // …and leaving it out is still the 428 that says what to send, not a schema 400.
    const created = await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle());
    expect(created.statusCode).toBe(201);
    const res = await t.call(t.orgA.keys.write, 'PUT', `/v1/products/${created.json().id}`, kettle());
    expect(res.statusCode).toBe(428);
    expect(res.json().code).toBe('GLCA_PRECONDITION_REQUIRED');
  });
});

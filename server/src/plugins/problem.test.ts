import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kettle, testApp, type TestApp } from '../testing/harness.js';
import { testBackends } from '../storage/testing.js';

// Errors Fastify raises itself, before or instead of a route: the same shape as every other error.
describe('framework errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!);
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers a malformed URL as a problem (GLCA_BAD_REQUEST), not Fastify\'s own JSON', async () => {
    for (const url of ['/v1/products/%E0%A4%A', '/v1/products/%ZZ', '/v1/factors/%ZZ/x']) {
      const res = await t.call(t.orgA.keys.read, 'GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      const body = res.json();
      expect(body, url).toMatchObject({ type: 'https://greenlca.org/problems/GLCA_BAD_REQUEST', code: 'GLCA_BAD_REQUEST', status: 400, title: 'The request is malformed' });
      expect(body.detail, url).toMatch(/not a valid url component/);
      expect(body.instance, url).toBe(url);
      expect(body.code).not.toBe('FST_ERR_BAD_URL');
    }
  });

  it('answers a path parameter over the length limit as GLCA_URI_TOO_LONG', async () => {
    const res = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${'a'.repeat(500)}`);
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'GLCA_URI_TOO_LONG', status: 414 });
  });

  it('answers a malformed URL on the PACT paths in PACT\'s and OAuth2\'s own error shapes', async () => {
    const pact = await t.call(undefined, 'GET', '/3/footprints/%ZZ');
    expect(pact.statusCode).toBe(400);
    expect(pact.json()).toEqual({ code: 'BadRequest', message: "'/3/footprints/%ZZ' is not a valid url component" });
    const oauth = await t.call(undefined, 'POST', '/auth/%ZZ', 'grant_type=client_credentials', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(oauth.statusCode).toBe(400);
    expect(oauth.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers a method a path does not take with 405 and Allow, an unknown path with 404', async () => {
    const res = await t.call(t.orgA.keys.read, 'DELETE', '/v1/calculate');
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('POST');
    expect(res.json()).toMatchObject({ code: 'GLCA_METHOD_NOT_ALLOWED', status: 405 });
    const product = await t.call(t.orgA.keys.read, 'PATCH', '/v1/products/0b6d5c8e-0000-4000-8000-000000000000/');
    expect(product.statusCode).toBe(405);
    expect(product.headers.allow).toBe('DELETE, GET, HEAD, PUT');
    const missing = await t.call(t.orgA.keys.read, 'DELETE', '/v1/calculate/more');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('GLCA_NOT_FOUND');
  });

  it('refuses text/plain on a JSON route with 415, and still reads text/plain CSV at the BOM import', async () => {
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', JSON.stringify(kettle()), { 'content-type': 'text/plain' });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'GLCA_UNSUPPORTED_MEDIA_TYPE', status: 415 });
    const bom = await t.call(t.orgA.keys.read, 'POST', '/v1/imports/bom', 'Level,Part Number\n1,A', { 'content-type': 'text/plain' });
    expect(bom.statusCode).toBe(200);
    expect(bom.json().product.components).toEqual([{ id: 'A' }]);
  });
});

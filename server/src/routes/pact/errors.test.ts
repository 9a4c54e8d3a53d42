import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/harness.js';
import { testBackends } from '../../storage/testing.js';

/** Every error on /3/… is PACT's `{ code, message }`, every one on /auth/… OAuth's `{ error, error_description }` (server/ERRORS.md). */
describe('error shapes on the PACT paths', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!);
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers a method /3/footprints does not take with 405, Allow and PACT\'s shape', async () => {
    for (const method of ['POST', 'OPTIONS', 'TRACE', 'DELETE']) {
      const res = await t.call(undefined, method, '/3/footprints');
      expect(res.statusCode, method).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual({ code: 'BadRequest', message: expect.stringContaining('/3/footprints') });
    }
  });

  it('answers no such /3/ route with 404 NotFound', async () => {
    const res = await t.call(undefined, 'GET', '/3/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'NotFound', message: expect.any(String) });
  });

  it('answers unknown routes and methods under /auth/ in OAuth\'s shape', async () => {
    const wrongMethod = await t.call(undefined, 'GET', '/auth/token');
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.json()).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('POST') });
    const missing = await t.call(undefined, 'GET', '/auth/nothing');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
  });

  it('answers a content type or a body size /3/events refuses in PACT\'s shape', async () => {
    const key = t.orgA.keys.read;
    const basic = `Basic ${Buffer.from(`${key.split('_')[1]}:${key}`).toString('base64')}`;
    const issued = await t.call(undefined, 'POST', '/auth/token', 'grant_type=client_credentials',
      { 'content-type': 'application/x-www-form-urlencoded', authorization: basic });
    const bearer = { authorization: `Bearer ${issued.json().access_token}` };
    const text = await t.app.inject({ method: 'POST', url: '/3/events', payload: 'hello', headers: { ...bearer, 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toEqual({ code: 'BadRequest', message: expect.any(String) });
    const token = await t.call(undefined, 'POST', '/auth/token', 'grant_type=x&pad=' + 'a'.repeat(3 * 1024 * 1024), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(token.statusCode).toBe(413);
    expect(token.json()).toEqual({ error: 'invalid_request', error_description: expect.any(String) });
  });
});

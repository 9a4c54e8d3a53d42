import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kettle, testApp, type TestApp } from '../testing/harness.js';
import { testBackends } from '../storage/testing.js';
import { noneMatch } from './caching.js';

describe('noneMatch (RFC 9110 weak comparison)', () => {
  it('matches a listed tag, weak or strong, and *', () => {
    expect(noneMatch('"a", W/"b"', '"b"')).toBe(true);
    expect(noneMatch('W/"a"', '"a"')).toBe(true);
    expect(noneMatch('*', '"x"')).toBe(true);
    expect(noneMatch('"a"', '"b"')).toBe(false);
    expect(noneMatch(undefined, '"b"')).toBe(false);
  });
});

describe('cache headers, 304 and Link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!, { rateLimit: false });
  }, 120_000);
  afterAll(async () => t?.close());

  it('the catalogue is public for an hour; If-None-Match with its ETag is 304 with no body', async () => {
    const first = await t.call(undefined, 'GET', '/v1/datasets');
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=3600');
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await t.call(undefined, 'GET', '/v1/datasets', undefined, { 'if-none-match': `W/"other", ${tag}` });
    expect([again.statusCode, again.body]).toEqual([304, '']);
    expect(again.headers.etag).toBe(tag);
    expect((await t.call(undefined, 'GET', '/v1/datasets', undefined, { 'if-none-match': '"other"' })).statusCode).toBe(200);
    // Another resource has another tag.
    expect((await t.call(undefined, 'GET', '/v1/substances')).headers.etag).not.toBe(tag);
  });

  it('a stored result and a product version are immutable and private', async () => {
    const created = (await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'cache-1' }))).json() as { id: string };
    const stored = (await t.call(t.orgA.keys.write, 'POST', `/v1/products/${created.id}/calculate`)).json() as { id: string };
    for (const url of [`/v1/results/${stored.id}`, `/v1/products/${created.id}/versions/1`]) {
      const res = await t.call(t.orgA.keys.read, 'GET', url);
      expect(res.headers['cache-control'], url).toBe('private, max-age=31536000, immutable');
      expect((await t.call(t.orgA.keys.read, 'GET', url, undefined, { 'if-none-match': res.headers.etag as string })).statusCode).toBe(304);
    }
    // The current version changes: no long-lived caching there, its ETag is the version number.
    const current = await t.call(t.orgA.keys.read, 'GET', `/v1/products/${created.id}`);
    expect(current.headers['cache-control']).toBeUndefined();
    expect(current.headers.etag).toBe('"1"');
    // Errors are never cached.
    expect((await t.call(t.orgA.keys.read, 'GET', '/v1/results/00000000-0000-4000-8000-000000000000')).headers['cache-control']).toBeUndefined();
  });

  it('a product list with more pages links the next one, which follows on', async () => {
    for (let i = 0; i < 3; i++) await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 'paged' }));
    const first = await t.call(t.orgA.keys.read, 'GET', '/v1/products?productId=paged&limit=2');
    const link = first.headers.link as string;
    const next = /^<([^>]+)>; rel="next"$/.exec(link)?.[1];
    expect(next).toBeDefined();
    expect(new URL(next!, 'http://x').searchParams.get('cursor')).toBe(first.json().next);
    const second = await t.call(t.orgA.keys.read, 'GET', next!);
    expect(second.json().items).toHaveLength(1);
    expect(second.headers.link).toBeUndefined();
    const ids = [...first.json().items, ...second.json().items].map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(3);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProductFootprint } from '@greenlca/pact';
import { FIXED_NOW, kettle, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';

announceSkips();

// fossilCarbonContentKgC: the kettle's materials state none, so the owner gives it (PACT_CARBON_CONTENT_UNKNOWN otherwise).
const publish = { company: { name: 'Acme Appliances', ids: ['urn:pact:acme.example:company:1'] }, productIds: ['urn:pact:acme.example:product-id:k17'], fossilCarbonContentKgC: 0.4 };

describe.each(testBackends)('PACT v3 host ($name)', (backend) => {
  let t: TestApp;
  let now = FIXED_NOW();
  beforeAll(async () => {
    if (!backend.skip) t = await testApp(backend, { now: () => now });
  }, 120_000);
  afterAll(async () => t?.close());

  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const token = async (key: string) => {
    const res = await t.app.inject({
      method: 'POST', url: '/auth/token', payload: 'grant_type=client_credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(key.split('_')[1]!, key) },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { access_token: string; token_type: string; expires_in: number };
  };
  const pact = (access: string | undefined, url: string, init: { method?: 'GET' | 'POST'; payload?: unknown; headers?: Record<string, string> } = {}) =>
    t.app.inject({ method: init.method ?? 'GET', url, headers: { ...(access ? { authorization: `Bearer ${access}` } : {}), ...init.headers }, ...(init.payload ? { payload: init.payload as string } : {}) });

  it.skipIf(!!backend.skip)('issues tokens for client credentials and refuses bad ones the OAuth2 way', async () => {
    const ok = await token(t.orgA.keys.read);
    expect(ok).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const wrong = await t.app.inject({
      method: 'POST', url: '/auth/token', payload: 'grant_type=client_credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(t.orgA.keys.read.split('_')[1]!, 'glca_0000000000000000_wrongwrongwrongwrongwrong') },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toBe('invalid_client');
    expect(wrong.headers['www-authenticate']).toMatch(/^Basic /);
    // Bad percent-encoding in the Basic credentials (RFC 6749 §2.3.1) is the client's error, not the server's.
    for (const credentials of ['a%ZZ:b', 'a:%E0%A4%A', 'no-colon']) {
      const bad = await t.app.inject({
        method: 'POST', url: '/auth/token', payload: 'grant_type=client_credentials',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
      });
      expect(bad.statusCode, credentials).toBe(401);
      expect(bad.json(), credentials).toMatchObject({ error: 'invalid_client' });
      expect(bad.headers['www-authenticate'], credentials).toMatch(/^Basic /);
      expect(bad.headers['cache-control']).toBe('no-store');
    }
    // A percent-encoded client id and secret are decoded.
    const [, id] = t.orgA.keys.read.split('_');
    const encoded = await t.app.inject({
      method: 'POST', url: '/auth/token', payload: 'grant_type=client_credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(encodeURIComponent(id!), t.orgA.keys.read.replace(/_/g, '%5F')) },
    });
    expect(encoded.statusCode).toBe(200);
    const discovery = (await t.app.inject({ method: 'GET', url: '/.well-known/openid-configuration' })).json();
    expect(discovery.token_endpoint).toMatch(/\/auth\/token$/);
  });

  it.skipIf(!!backend.skip)('publishes valid v3 footprints, serves them per organisation, and deprecates the previous one', async () => {
    const { id } = (await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ region: 'CN' }))).json();
    const first = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/footprints`, publish);
    expect(first.statusCode).toBe(201);
    const pf1 = first.json().footprint;
    expect(checkProductFootprint(pf1).ok).toBe(true);
    expect(pf1).toMatchObject({ specVersion: expect.stringMatching(/^3\./), status: 'Active', companyName: 'Acme Appliances', productIds: publish.productIds });
    const second = (await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/footprints`, publish)).json().footprint;
    expect(second.precedingPfIds).toEqual([pf1.id]);

    const access = (await token(t.orgA.keys.read)).access_token;
    const one = await pact(access, `/3/footprints/${pf1.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().data).toMatchObject({ id: pf1.id, status: 'Deprecated' });
    const list = (await pact(access, '/3/footprints')).json().data as { id: string; status: string }[];
    expect(list.map((f) => [f.id, f.status])).toEqual([[pf1.id, 'Deprecated'], [second.id, 'Active']]);
    expect((await pact(access, '/3/footprints?status=Active')).json().data.map((f: { id: string }) => f.id)).toEqual([second.id]);
    expect((await pact(access, '/3/footprints?productId=URN:PACT:ACME.EXAMPLE:PRODUCT-ID:K17')).json().data).toHaveLength(2);
    expect((await pact(access, '/3/footprints?productId=urn:other')).json().data).toEqual([]);
    expect((await pact(access, '/3/footprints?status=BogusStatus')).json()).toEqual({ data: [] });
    expect((await pact(access, '/3/footprints?classification=')).json().data).toHaveLength(2);
    // Published without a validity period: valid three years from referencePeriodEnd (the spec's fallback).
    const referenceEnd = pf1.pcf.referencePeriodEnd as string;
    expect((await pact(access, `/3/footprints?validOn=${referenceEnd}`)).json().data).toHaveLength(2);
    expect((await pact(access, `/3/footprints?validBefore=${referenceEnd}`)).json().data).toEqual([]);
    const badDate = await pact(access, '/3/footprints?validOn=yesterday');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json()).toMatchObject({ code: 'BadRequest', message: expect.stringContaining('/validOn') });
    const paged = await pact(access, '/3/footprints?limit=1');
    expect(paged.json().data).toHaveLength(1);
    const link = paged.headers.link as string;
    expect(link).toMatch(/^<http:\/\/localhost(:\d+)?\/3\/footprints\?limit=1&offset=1>; rel="next"$/);
    const next = await pact(access, link.slice(link.indexOf('/3/'), link.indexOf('>')));
    expect(next.json().data[0].id).toBe(second.id);
    expect(next.headers.link).toBeUndefined();

    // Organisation B's token sees none of it.
    const accessB = (await token(t.orgB.keys.read)).access_token;
    expect((await pact(accessB, '/3/footprints')).json()).toEqual({ data: [] });
    const hidden = await pact(accessB, `/3/footprints/${pf1.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ code: 'NotFound' });
  });

  it.skipIf(!!backend.skip)('answers without a valid token in PACT\'s error shape, and expired tokens with TokenExpired', async () => {
    const none = await pact(undefined, '/3/footprints');
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'BadRequest' });
    expect((await pact('not-a-token', '/3/footprints')).json().code).toBe('BadRequest');
    const access = (await token(t.orgA.keys.read)).access_token;
    now = new Date(FIXED_NOW().getTime() - 2 * 3600_000);
    const old = (await token(t.orgA.keys.read)).access_token;
    now = FIXED_NOW();
    const expired = await pact(old, '/3/footprints');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('TokenExpired');
    expect((await pact(access, '/3/footprints')).statusCode).toBe(200);
  });

  it.skipIf(!!backend.skip)('accepts CloudEvents of the PACT types and refuses others', async () => {
    const access = (await token(t.orgA.keys.read)).access_token;
    const event = { type: 'org.wbcsd.pact.ProductFootprint.PublishedEvent.3', specversion: '1.0', id: 'e1', source: '//partner.example/3/events', time: '2026-06-01T00:00:00Z', data: { pfIds: [] } };
    const headers = { 'content-type': 'application/cloudevents+json; charset=UTF-8' };
    const ok = await pact(access, '/3/events', { method: 'POST', payload: JSON.stringify(event), headers });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('');
    const bad = await pact(access, '/3/events', { method: 'POST', payload: JSON.stringify({ ...event, type: 'something.else' }), headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BadRequest');
    const malformed = await pact(access, '/3/events', { method: 'POST', payload: JSON.stringify({ type: event.type }), headers });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('BadRequest');
    // The data of a v3 event is checked against its type (conformance test 40: pfIds must be UUIDs), with the pointer.
    const notUuid = await pact(access, '/3/events', { method: 'POST', payload: JSON.stringify({ ...event, data: { pfIds: ['urn:gtin:4712345060507'] } }), headers });
    expect(notUuid.statusCode).toBe(400);
    expect(notUuid.json().code).toBe('BadRequest');
    expect(notUuid.json().message).toContain('/data/pfIds/0');
    for (const broken of [{ ...event, data: undefined }, { ...event, time: 'yesterday' }, { ...event, data: { pfIds: 'e1' } }]) {
      const res = await pact(access, '/3/events', { method: 'POST', payload: JSON.stringify(broken), headers });
      expect(res.statusCode, JSON.stringify(broken)).toBe(400);
      expect(res.json().code).toBe('BadRequest');
    }
    const rejected = { ...event, type: 'org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3', data: { requestEventId: 'r1', error: { code: 'NotFound', message: 'none' } } };
    // An answer is recorded only from a registered partner, to a request sent to it (client.test.ts has the accepted case).
    const stray = await pact(access, '/3/events', { method: 'POST', payload: JSON.stringify(rejected), headers });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().message).toContain('No PACT partner is registered at https://partner.example');
    const badCode = { ...rejected, data: { requestEventId: 'r1', error: { code: 'Nope', message: 'none' } } };
    expect((await pact(access, '/3/events', { method: 'POST', payload: JSON.stringify(badCode), headers })).json().message).toContain('/data/error/code');
  });
});

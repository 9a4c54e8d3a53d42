import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProductFootprint } from '@greenlca/pact';
import { kettle, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';
import { EVENT_V3 } from './events.js';
import { partnerBaseUrl } from './requests.js';

announceSkips();

/** A partner's PACT host on loopback: issues a token for its client credentials and records the events it gets. */
function fakePartner(credentials = { id: 'greenlca-host', secret: 's3cret:with%odd chars' }) {
  const events: { path: string; auth: string; body: any }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/pact/auth/token') {
        const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString().split(':').map(decodeURIComponent);
        if (id !== credentials.id || secret !== credentials.secret || body !== 'grant_type=client_credentials') return res.writeHead(401).end();
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ access_token: 'partner-token', token_type: 'Bearer' }));
      }
      if (req.url === '/pact/3/events' && req.method === 'POST') {
        events.push({ path: req.url, auth: req.headers.authorization ?? '', body: JSON.parse(body) });
        return res.writeHead(200).end();
      }
      res.writeHead(404).end();
    });
  });
  return {
    events, credentials,
    listen: () => new Promise<string>((done) => server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}/pact`))),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

const until = async <T>(what: () => Promise<T | undefined>, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('partnerBaseUrl', () => {
  it('reads the partner host from an event source', () => {
    expect(partnerBaseUrl('https://pact.example.com/v3/3/events')).toBe('https://pact.example.com/v3');
    expect(partnerBaseUrl('//API.example.com/3/events/')).toBe('https://api.example.com');
    expect(partnerBaseUrl('http://127.0.0.1:8004')).toBe('http://127.0.0.1:8004');
    expect(partnerBaseUrl('/pact/api/v3/events')).toBeUndefined();
    expect(partnerBaseUrl('file:///etc/passwd')).toBeUndefined();
    expect(partnerBaseUrl('https://user:pw@example.com')).toBeUndefined();
  });
});

describe.each(testBackends)('PACT requests: RequestCreatedEvent answered (%s)', (backend) => {
  let t: TestApp;
  const partner = fakePartner();
  let base = '';
  let access = '';
  const kettleId = 'urn:pact:acme.example:product-id:k17';
  // fossilCarbonContentKgC: the kettle's materials state none, so the owner declares it (PACT_CARBON_CONTENT_UNKNOWN otherwise).
  const publish = { company: { name: 'Acme', ids: ['urn:pact:acme.example:company:1'] }, productIds: [kettleId], fossilCarbonContentKgC: 0.4 };
  const headers = { 'content-type': 'application/cloudevents+json; charset=UTF-8' };
  const requestEvent = (id: string, data: Record<string, unknown>, source = base) =>
    ({ type: EVENT_V3.requestCreated, specversion: '1.0', id, source, time: '2026-06-01T00:00:00Z', data });
  const send = (event: unknown) => t.app.inject({ method: 'POST', url: '/3/events', payload: JSON.stringify(event), headers: { ...headers, authorization: `Bearer ${access}` } });
  const requests = async () => (await t.call(t.orgA.keys.read, 'GET', '/v1/pact/requests')).json().items as any[];
  const answerTo = (eventId: string) => until(async () => partner.events.find((e) => e.body.data.requestEventId === eventId));

  beforeAll(async () => {
    if (backend.skip) return;
    t = await testApp(backend, { pact: { outbound: { allowLoopback: true }, delivery: { attempts: 2, delayMs: 50 } } });
    base = await partner.listen();
    const key = t.orgA.keys.read;
    const token = await t.app.inject({
      method: 'POST', url: '/auth/token', payload: 'grant_type=client_credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${key.split('_')[1]}:${key}`).toString('base64')}` },
    });
    access = token.json().access_token;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await partner.close();
  });

  it.skipIf(!!backend.skip)('refuses requests from a host that is not a registered partner, and registers partners (admin)', async () => {
    const refused = await send(requestEvent('r0', { productId: [kettleId] }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'BadRequest', message: expect.stringContaining('No PACT partner is registered') });
    const body = { name: 'Buyer Co', baseUrl: `${base}/3/events`, clientId: partner.credentials.id, clientSecret: partner.credentials.secret };
    expect((await t.call(t.orgA.keys.write, 'POST', '/v1/pact/partners', body)).statusCode).toBe(403);
    const created = await t.call(t.orgA.keys.admin, 'POST', '/v1/pact/partners', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Buyer Co', baseUrl: base, clientId: 'greenlca-host' });
    expect(created.body).not.toContain('s3cret');
    expect((await t.call(t.orgA.keys.admin, 'POST', '/v1/pact/partners', body)).json().code).toBe('GLCA_BAD_REQUEST');
    const bad = await t.call(t.orgA.keys.admin, 'POST', '/v1/pact/partners', { ...body, baseUrl: 'ftp://x' });
    expect(bad.json()).toMatchObject({ code: 'GLCA_VALIDATION', errors: [{ pointer: '/baseUrl' }] });
    expect((await t.call(t.orgB.keys.read, 'GET', '/v1/pact/partners')).json().items).toEqual([]);
  });

  it.skipIf(!!backend.skip)('fulfils a request at once when a footprint matches, with the Active footprint', async () => {
    const { id } = (await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle())).json();
    await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/footprints`, publish);
    const active = (await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/footprints`, publish)).json().footprint;
    expect((await send(requestEvent('r1', { productId: [kettleId.toUpperCase()], comment: 'this year, please' }))).statusCode).toBe(200);
    const answer = await answerTo('r1');
    expect(answer.auth).toBe('Bearer partner-token');
    expect(answer.body).toMatchObject({ type: EVENT_V3.requestFulfilled, specversion: '1.0', data: { requestEventId: 'r1' } });
    expect(answer.body.source).toMatch(/\/3\/events$/);
    expect(answer.body.data.pfs.map((pf: { id: string }) => pf.id)).toEqual([active.id]);
    expect(checkProductFootprint(answer.body.data.pfs[0]).ok).toBe(true);
    const stored = await until(async () => (await requests()).find((r) => r.eventId === 'r1' && r.delivery));
    expect(stored).toMatchObject({ status: 'Fulfilled', delivery: 'delivered', criteria: { comment: 'this year, please' } });
    // The same event again (source + id) is acknowledged and not answered twice.
    expect((await send(requestEvent('r1', { productId: [kettleId] }))).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(partner.events.filter((e) => e.body.data.requestEventId === 'r1')).toHaveLength(1);
  });

  it.skipIf(!!backend.skip)('keeps a request pending until a matching footprint is published; rejects urn:pact:null at once', async () => {
    const later = 'urn:pact:acme.example:product-id:t2000';
    expect((await send(requestEvent('r2', { productId: [later] }))).statusCode).toBe(200);
    expect((await send(requestEvent('r3', { productId: ['urn:pact:null'] }))).statusCode).toBe(200);
    const rejected = await answerTo('r3');
    expect(rejected.body).toMatchObject({ type: EVENT_V3.requestRejected, data: { requestEventId: 'r3', error: { code: 'NotFound' } } });
    await new Promise((r) => setTimeout(r, 200));
    expect((await requests()).find((r) => r.eventId === 'r2')).toMatchObject({ status: 'Pending' });
    expect(partner.events.some((e) => e.body.data.requestEventId === 'r2')).toBe(false);

    const { id } = (await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle({ id: 't2000' }))).json();
    const published = (await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/footprints`, { ...publish, productIds: [later] })).json().footprint;
    const answer = await answerTo('r2');
    expect(answer.body.data.pfs.map((pf: { id: string }) => pf.id)).toEqual([published.id]);
    expect((await t.call(t.orgA.keys.read, 'GET', '/v1/pact/requests?status=Pending')).json().items).toEqual([]);
  });

  it.skipIf(!!backend.skip)('lets the organisation reject a pending request once; a partner that is down is tried again with back-off, then recorded', async () => {
    expect((await send(requestEvent('r4', { productId: ['urn:pact:acme.example:product-id:never'] }))).statusCode).toBe(200);
    const pending = await until(async () => (await requests()).find((r) => r.eventId === 'r4'));
    expect((await t.call(t.orgA.keys.read, 'POST', `/v1/pact/requests/${pending.id}/reject`, {})).statusCode).toBe(403);
    const rejected = await t.call(t.orgA.keys.write, 'POST', `/v1/pact/requests/${pending.id}/reject`, { message: 'Not made any more.' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: 'Rejected', delivery: 'delivered' });
    expect((await answerTo('r4')).body.data.error).toEqual({ code: 'NotFound', message: 'Not made any more.' });
    expect((await t.call(t.orgA.keys.write, 'POST', `/v1/pact/requests/${pending.id}/reject`, {})).json().code).toBe('GLCA_BAD_REQUEST');
    expect((await t.call(t.orgB.keys.write, 'POST', `/v1/pact/requests/${pending.id}/reject`, {})).statusCode).toBe(404);

    // A partner registered at a port nothing listens on: tried again (attempts 2 here), then the failure is shown on the request.
    const down = await t.call(t.orgA.keys.admin, 'POST', '/v1/pact/partners', { name: 'Down', baseUrl: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y' });
    expect(down.statusCode).toBe(201);
    expect((await send(requestEvent('r5', { productId: ['urn:pact:null'] }, 'http://127.0.0.1:9/3/events'))).statusCode).toBe(200);
    // The first attempt fails at once; the second is owed in the database and made by the app's poll.
    const failed = await until(async () => (await requests()).find((r) => r.eventId === 'r5' && r.delivery?.startsWith('not delivered')));
    expect(failed).toMatchObject({ status: 'Rejected', delivery: expect.stringMatching(/^not delivered in 2 attempts: http:\/\/127\.0\.0\.1:9: connect ECONNREFUSED/) });
  });
});

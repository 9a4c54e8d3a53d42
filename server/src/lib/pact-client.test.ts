import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOUND } from './outbound.js';
import { listPartnerFootprints, PartnerTokens, partnerTokens, sendPartnerEvent, type PartnerEndpoint } from './pact-client.js';

const LOOPBACK = { ...DEFAULT_OUTBOUND, allowLoopback: true, timeoutMs: 5_000 };

/** A partner's PACT API on loopback that counts what it is asked and answers as each test sets it. */
function fakePartner() {
  const seen = { tokens: 0, lists: 0, events: 0, refusedTokens: new Set<string>() };
  let issued = 0;
  let eventAnswers: number[] = [];
  let expiresIn: number | undefined = 3600;
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.url === '/auth/token') {
      seen.tokens++;
      return send(200, { access_token: `token-${++issued}`, token_type: 'Bearer', ...(expiresIn !== undefined ? { expires_in: expiresIn } : {}) });
    }
    const token = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (seen.refusedTokens.has(token)) return send(401, { code: 'TokenExpired', message: 'expired' });
    if (req.url?.startsWith('/3/footprints')) {
      seen.lists++;
      return send(200, { data: [] });
    }
    if (req.url === '/3/events') {
      seen.events++;
      req.resume();
      return send(eventAnswers.shift() ?? 200, {});
    }
    return send(404, {});
  };
  const server: Server = createServer(handle);
  return {
    seen, server,
    answerEvents: (statuses: number[]) => { eventAnswers = statuses; },
    tokenLife: (seconds: number | undefined) => { expiresIn = seconds; },
    listen: () => new Promise<string>((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
  };
}

describe('PACT client: partner tokens and event delivery', () => {
  const partner = fakePartner();
  let endpoint: PartnerEndpoint;

  beforeAll(async () => {
    endpoint = { baseUrl: await partner.listen(), clientId: 'buyer', clientSecret: 'secret' };
  });
  afterAll(() => new Promise<void>((ok) => partner.server.close(() => ok())));
  beforeEach(() => {
    partnerTokens.forget(endpoint);
    Object.assign(partner.seen, { tokens: 0, lists: 0, events: 0 });
    partner.tokenLife(3600);
  });

  it('asks for one token for many calls, and for one token when calls ask at once', async () => {
    for (let i = 0; i < 5; i++) await listPartnerFootprints(endpoint, { query: {} }, LOOPBACK);
    await Promise.all(Array.from({ length: 5 }, () => listPartnerFootprints(endpoint, { query: {} }, LOOPBACK)));
    expect(partner.seen).toMatchObject({ tokens: 1, lists: 10 });
  });

  it('asks again when the token is about to expire, when it was refused, and every time when its life is unknown', async () => {
    let now = 1_000_000;
    const tokens = new PartnerTokens(() => now);
    expect(await tokens.get(endpoint, LOOPBACK)).toBe(await tokens.get(endpoint, LOOPBACK));
    expect(partner.seen.tokens).toBe(1);
    now += 3600_000 - 61_000; // a minute and a second before it expires: still used
    await tokens.get(endpoint, LOOPBACK);
    expect(partner.seen.tokens).toBe(1);
    now += 2_000; // within the last minute: a new one
    await tokens.get(endpoint, LOOPBACK);
    expect(partner.seen.tokens).toBe(2);

    // A kept token the partner refuses is renewed once, and the call succeeds.
    await listPartnerFootprints(endpoint, { query: {} }, LOOPBACK);
    const kept = await partnerTokens.get(endpoint, LOOPBACK);
    partner.seen.refusedTokens.add(kept);
    const before = partner.seen.tokens;
    await expect(listPartnerFootprints(endpoint, { query: {} }, LOOPBACK)).resolves.toEqual({ data: [] });
    expect(partner.seen.tokens).toBe(before + 1);

    partner.tokenLife(undefined);
    partnerTokens.forget(endpoint);
    const counted = partner.seen.tokens;
    for (let i = 0; i < 3; i++) await listPartnerFootprints(endpoint, { query: {} }, LOOPBACK);
    expect(partner.seen.tokens).toBe(counted + 3);
  });

  it('delivers an event after a failing first attempt, and gives up at once on an answer that will not change', async () => {
    partner.answerEvents([503, 200]);
    const event = { type: 'org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3', specversion: '1.0', id: 'e-1', source: 'http://host/3/events' };
    expect(await sendPartnerEvent(endpoint, event, LOOPBACK, { attempts: 3, delayMs: 10 })).toBe('delivered');
    expect(partner.seen.events).toBe(2);

    partner.answerEvents([503, 503, 503]);
    expect(await sendPartnerEvent(endpoint, event, LOOPBACK, { attempts: 3, delayMs: 10 })).toMatch(/^not delivered in 3 attempts: .*HTTP 503/);
    expect(partner.seen.events).toBe(5);

    partner.answerEvents([400]);
    expect(await sendPartnerEvent(endpoint, event, LOOPBACK, { attempts: 3, delayMs: 10 })).toMatch(/^not delivered: .*HTTP 400/);
    expect(partner.seen.events).toBe(6);
  });
});

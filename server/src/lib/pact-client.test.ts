import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOUND } from './outbound.js';
import { listPartnerFootprints, PartnerTokens, partnerTokens, type PartnerEndpoint } from './pact-client.js';
import { fakePartner } from '../testing/fake-partner.js';

const LOOPBACK = { ...DEFAULT_OUTBOUND, allowLoopback: true, timeoutMs: 5_000 };

describe('PACT client: partner tokens', () => {
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
});

import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OUTBOUND } from '../lib/outbound.js';
import { SecretBox } from '../lib/secret-box.js';
import { openStorage, type Storage } from '../storage/index.js';
import { announceSkips, testBackends } from '../storage/testing.js';
import { fakePartner } from '../testing/fake-partner.js';
import { makeOrg } from '../testing/harness.js';
import { PactDeliveries } from './pact-delivery.js';

announceSkips();

const LOOPBACK = { ...DEFAULT_OUTBOUND, allowLoopback: true, timeoutMs: 5_000 };
const quiet = { warn() {}, error() {} };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const backend of testBackends) {
  describe.skipIf(backend.skip)(`PACT answers owed in the database (${backend.name})`, () => {
    const partner = fakePartner();
    const secrets = new SecretBox(randomBytes(32));
    let storage: Awaited<ReturnType<(typeof backend)['open']>>;
    let orgId = '';
    let partnerId = '';

    beforeAll(async () => {
      storage = await backend.open();
      orgId = (await makeOrg(storage, 'A')).id;
      const base = await partner.listen();
      partnerId = (await storage.createPactPartner(orgId, { id: randomUUID(), name: 'Buyer', baseUrl: base, clientId: 'buyer', clientSecret: secrets.seal('secret') }))!.id;
    }, 120_000);
    afterAll(async () => {
      await storage?.dispose();
      await new Promise<void>((ok) => partner.server.close(() => ok()));
    });

    /** A partner's request, answered (Rejected) with its delivery owed and held for `leaseMs`. */
    const answered = async (on: Storage, leaseMs: number) => {
      const eventId = randomUUID();
      const { request } = await on.createPactRequest(orgId, { id: randomUUID(), partnerId, eventId, source: 'http://buyer/3/events', criteria: { productId: ['urn:pact:null'] } });
      const event = { type: 'org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3', specversion: '1.0', id: `answer-${eventId}`, source: 'http://host/3/events', data: { requestEventId: eventId } };
      return (await on.answerPactRequest(orgId, request.id, { status: 'Rejected', event }, leaseMs))!;
    };
    const deliveryOf = async (on: Storage, id: string) => (await on.getPactRequest(orgId, id))!.delivery;

    it('owes an answer again after a failure that may pass, delivers it on a later poll, and gives up at once on one that will not pass', async () => {
      // The back-off is kept: a first delay of 500 ms is 375-625 ms with its jitter.
      const patient = new PactDeliveries({ storage, secrets, outbound: LOOPBACK, retry: { attempts: 3, delayMs: 500 }, log: quiet });
      partner.answerEvents([503, 200]);
      const request = await answered(storage, patient.leaseMs);
      const first = await patient.deliver({ orgId, attempt: 1, request });
      expect(first).toMatch(/^not yet delivered: attempt 1 failed \(.*HTTP 503.*\); tried again in about 1 s$/);
      expect(await deliveryOf(storage, request.id)).toBe(first);
      expect(await patient.deliverDue()).toBe(0);
      await pause(700);
      expect(await patient.deliverDue()).toBe(1);
      expect(await deliveryOf(storage, request.id)).toBe('delivered');
      expect(partner.seen.eventIds.filter((id) => id === request.answer!.id)).toHaveLength(1);
      expect(await patient.deliverDue()).toBe(0); // delivered: owed no more

      const deliveries = new PactDeliveries({ storage, secrets, outbound: LOOPBACK, retry: { attempts: 3, delayMs: 10 }, log: quiet });
      partner.answerEvents([503, 503, 503]);
      const down = await answered(storage, deliveries.leaseMs);
      await deliveries.deliver({ orgId, attempt: 1, request: down });
      for (let i = 0; i < 2; i++) {
        await pause(60);
        expect(await deliveries.deliverDue()).toBe(1);
      }
      expect(await deliveryOf(storage, down.id)).toMatch(/^not delivered in 3 attempts: .*HTTP 503/);
      await pause(60);
      expect(await deliveries.deliverDue()).toBe(0);

      partner.answerEvents([400]);
      const refused = await answered(storage, deliveries.leaseMs);
      expect(await deliveries.deliver({ orgId, attempt: 1, request: refused })).toMatch(/^not delivered: .*HTTP 400/);
      await pause(30);
      expect(await deliveries.deliverDue()).toBe(0);
    });

    it('backs off exponentially up to a longest delay, and abandons an answer once it is older than the window', async () => {
      const deliveries = new PactDeliveries({ storage, secrets, outbound: LOOPBACK, retry: { delayMs: 40, maxDelayMs: 80, giveUpAfterMs: 1_500 }, log: quiet });
      partner.answerEvents(Array(100).fill(503));
      const request = await answered(storage, deliveries.leaseMs);
      await deliveries.deliver({ orgId, attempt: 1, request });
      let made = 1;
      let delivery = await deliveryOf(storage, request.id);
      while (delivery?.startsWith('not yet')) {
        await pause(110); // past the longest delay (80 ms + 25 % jitter)
        made += await deliveries.deliverDue();
        delivery = await deliveryOf(storage, request.id);
      }
      // Doubling without the cap would have stopped after 5 attempts (40 + 80 + 160 + 320 + 640 ms).
      expect(made).toBeGreaterThanOrEqual(7);
      expect(delivery).toMatch(/^not delivered in \d+ attempts: .*HTTP 503/);
      expect(Number(/ in (\d+) attempts/.exec(delivery!)![1])).toBe(made);
      expect(Date.now() - Date.parse((await storage.getPactRequest(orgId, request.id))!.answeredAt!)).toBeLessThan(1_500 + 1_000);
      partner.answerEvents([]);
    });

    it('takes over an attempt cut short once its hold runs out, and stops after the last attempt allowed', async () => {
      const deliveries = new PactDeliveries({ storage, secrets, outbound: LOOPBACK, retry: { attempts: 2, delayMs: 10 }, log: quiet });
      // Answered by a process that stopped before its first attempt ended (a 300 ms hold, never recorded).
      const cut = await answered(storage, 300);
      expect(await deliveryOf(storage, cut.id)).toBeUndefined();
      expect(await deliveries.deliverDue()).toBe(0);
      await pause(400);
      partner.answerEvents([200]);
      expect(await deliveries.deliverDue()).toBe(1);
      expect(await deliveryOf(storage, cut.id)).toBe('delivered');

      // Cut short twice (the second by a claim that was never finished): attempt 3 of 2 is not made.
      const twice = await answered(storage, 300);
      await pause(400);
      expect(await storage.claimPactDeliveries(8, 300)).toMatchObject([{ orgId, attempt: 2, request: { id: twice.id } }]);
      await pause(400);
      const events = partner.seen.events;
      expect(await deliveries.deliverDue()).toBe(1);
      expect(partner.seen.events).toBe(events);
      expect(await deliveryOf(storage, twice.id)).toBe('not delivered in 2 attempts: the last attempt did not finish');
    });

    it('hands each owed answer to one of two processes polling at once', async () => {
      const owed = [];
      for (let i = 0; i < 20; i++) owed.push(await answered(storage, 1));
      await pause(20);
      const a = new PactDeliveries({ storage, secrets, outbound: LOOPBACK, retry: { attempts: 3, delayMs: 10 }, log: quiet });
      const b = new PactDeliveries({ storage, secrets, outbound: LOOPBACK, retry: { attempts: 3, delayMs: 10 }, log: quiet });
      const [made1, made2] = await Promise.all([a.deliverDue(), b.deliverDue()]);
      expect(made1 + made2).toBe(20);
      for (const request of owed) {
        expect(partner.seen.eventIds.filter((id) => id === request.answer!.id)).toHaveLength(1);
        expect(await deliveryOf(storage, request.id)).toBe('delivered');
      }
    });

    it('delivers what was owed before a restart, from the reopened database', async () => {
      const before = new PactDeliveries({ storage, secrets, outbound: LOOPBACK, retry: { attempts: 4, delayMs: 10 }, log: quiet });
      partner.answerEvents([503]);
      const owed = await answered(storage, before.leaseMs);
      expect(await before.deliver({ orgId, attempt: 1, request: owed })).toMatch(/^not yet delivered: attempt 1 failed/);
      // The process stops (its database closed) and starts again on the same data.
      await storage.close();
      const restarted = await openStorage(storage.options);
      try {
        const after = new PactDeliveries({ storage: restarted, secrets, outbound: LOOPBACK, retry: { attempts: 4, delayMs: 10 }, log: quiet });
        await pause(30);
        expect(await after.deliverDue()).toBe(1);
        expect(await deliveryOf(restarted, owed.id)).toBe('delivered');
        expect(partner.seen.eventIds.filter((id) => id === owed.answer!.id)).toHaveLength(1);
      } finally {
        await restarted.close();
      }
    });
  });
}

import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PactRequest } from '../../storage/types.js';
import type { RequestCriteria } from './events.js';
import { answerEvent, decide, type Decision } from './requests.js';

/** Pending requests looked at when a footprint is published (oldest first). */
const MAX_PENDING_SCAN = 1000;
/** Footprints a new request is matched against at once. */
const MAX_FOOTPRINTS_SCAN = 10_000;

/**
 * Answers outlive the HTTP request that triggered them (a partner waits for its 200 before we call
 * it back): they run in the background, keyed by the app's storage, and the app waits for them on close.
 */
const inflight = new WeakMap<object, Set<Promise<unknown>>>();

export function inBackground(app: FastifyInstance, task: () => Promise<unknown>): void {
  let tasks = inflight.get(app.storage);
  if (!tasks) inflight.set(app.storage, (tasks = new Set()));
  const running: Promise<unknown> = task().catch((error: unknown) => app.log.error({ err: error }, 'PACT answer failed'))
    .finally(() => tasks.delete(running));
  tasks.add(running);
}

export async function drainBackground(app: FastifyInstance): Promise<void> {
  const tasks = inflight.get(app.storage);
  while (tasks?.size) await Promise.allSettled([...tasks]);
}

/** This host's events endpoint, the `source` of the events it sends. */
export const hostEventsSource = (request: FastifyRequest): string => `${request.protocol}://${request.host}/3/events`;

/**
 * Record the answer to a pending request with its delivery owed, and make the first attempt; later
 * attempts, if a partner fails for a reason that may pass, come from the outbox (jobs/pact-delivery.ts).
 * A request answered meanwhile (by another publication or a rejection) is left as it is.
 */
export async function answerRequest(app: FastifyInstance, orgId: string, request: PactRequest, decision: Decision, source: string): Promise<PactRequest | undefined> {
  const event = answerEvent(decision, request.eventId, { id: randomUUID(), source, now: app.now() });
  const answered = await app.storage.answerPactRequest(orgId, request.id, { status: decision.status, event }, app.pactDeliveries.leaseMs);
  if (!answered) return undefined;
  const delivery = await app.pactDeliveries.deliver({ orgId, attempt: 1, request: answered });
  return { ...answered, delivery };
}

/** A new request: answered at once when published footprints match it (or it can never match). */
export async function answerNewRequest(app: FastifyInstance, orgId: string, request: PactRequest, source: string): Promise<void> {
  const { items } = await app.storage.listFootprints(orgId, { limit: MAX_FOOTPRINTS_SCAN });
  const decision = decide(request.criteria as RequestCriteria, items.map((f) => f.document));
  if (decision) await answerRequest(app, orgId, request, decision, source);
}

/** A footprint was published: fulfil the pending requests it matches. */
export async function answerPendingRequests(app: FastifyInstance, orgId: string, footprint: Record<string, unknown>, source: string): Promise<void> {
  const pending = await app.storage.listPactRequests(orgId, { status: 'Pending', limit: MAX_PENDING_SCAN });
  for (const request of pending) {
    const decision = decide(request.criteria as RequestCriteria, [footprint]);
    if (decision?.status === 'Fulfilled') await answerRequest(app, orgId, request, decision, source);
  }
}

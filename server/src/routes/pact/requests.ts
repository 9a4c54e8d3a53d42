import { EVENT_V3, type RequestCriteria } from './events.js';
import { filterFootprints, type PactQuery } from './filter.js';

/** Footprints sent in one RequestFulfilledEvent at most (the event stays well under a partner's body limit). */
export const MAX_FULFILLED_FOOTPRINTS = 50;

/**
 * The partner base URL an event's `source` names: `https://host/prefix` from `https://host/prefix`,
 * `https://host/prefix/3/events` or the scheme-relative `//host/prefix/3/events` (the spec's examples).
 * Answers go to `<base>/3/events`; undefined when the source is no http(s) URL.
 */
export function partnerBaseUrl(source: string): string | undefined {
  let url: URL;
  try {
    url = new URL(source.startsWith('//') ? `https:${source}` : source);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password) return undefined;
  const path = url.pathname.replace(/\/+$/, '').replace(/\/3\/events$/i, '').replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** A request's criteria as ListFootprints filters; Active footprints only unless it asks for a status. */
export function criteriaQuery(c: RequestCriteria): PactQuery {
  return {
    ...(c.productId ? { productId: c.productId } : {}), ...(c.companyId ? { companyId: c.companyId } : {}),
    ...(c.geography ? { geography: c.geography } : {}), ...(c.classification ? { classification: c.classification } : {}),
    ...(c.validOn ? { validOn: c.validOn } : {}), ...(c.validAfter ? { validAfter: c.validAfter } : {}),
    ...(c.validBefore ? { validBefore: c.validBefore } : {}),
    status: c.status?.length ? c.status : ['Active'],
  };
}

export type Decision =
  | { status: 'Fulfilled'; pfs: Record<string, unknown>[] }
  | { status: 'Rejected'; error: { code: 'NotFound' | 'BadRequest'; message: string } };

/**
 * What to answer a request with, given footprints: the matching ones (fulfilled), a rejection when
 * it can never match (productId urn:pact:null, which names no product: the conformance tests' way
 * of asking for a rejection), or undefined: it waits for a matching footprint to be published or for
 * the organisation to reject it.
 */
export function decide(criteria: RequestCriteria, docs: Record<string, unknown>[]): Decision | undefined {
  if (criteria.productId?.some((id) => id.toLowerCase() === 'urn:pact:null')) {
    return { status: 'Rejected', error: { code: 'NotFound', message: 'urn:pact:null names no product: no footprint can match this request.' } };
  }
  const matching = filterFootprints(docs, criteriaQuery(criteria));
  return matching.length ? { status: 'Fulfilled', pfs: matching.slice(0, MAX_FULFILLED_FOOTPRINTS) } : undefined;
}

/** The CloudEvent answering request `requestEventId`. `source` names this host's events endpoint. */
export function answerEvent(decision: Decision, requestEventId: string, o: { id: string; source: string; now: Date }): Record<string, unknown> {
  const base = { specversion: '1.0', id: o.id, source: o.source, time: o.now.toISOString() };
  return decision.status === 'Fulfilled'
    ? { ...base, type: EVENT_V3.requestFulfilled, data: { requestEventId, pfs: decision.pfs } }
    : { ...base, type: EVENT_V3.requestRejected, data: { requestEventId, error: decision.error } };
}

import { DEFAULT_OUTBOUND, outboundFetch, OutboundError, type OutboundFailure, type OutboundPolicy } from './outbound.js';

/**
 * GreenLCA as a PACT v3 client of a partner's host: a token from `<base>/auth/token` (OAuth2 client
 * credentials, HTTP Basic), then `GET <base>/3/footprints` (filters, paging by Link), `GET
 * <base>/3/footprints/{id}` and `POST <base>/3/events`. Every call goes through outbound.ts (SSRF
 * guard, deadline, byte cap, same-origin redirects only); every failure is a PartnerError with a kind
 * the API maps to a coded problem.
 */

export interface PartnerEndpoint {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

export type PartnerFailure = OutboundFailure | 'auth' | 'refused' | 'bad-answer';

export class PartnerError extends Error {
  constructor(readonly kind: PartnerFailure, message: string, readonly partnerStatus?: number) {
    super(message);
    this.name = 'PartnerError';
  }
}

/** Bytes of a token answer read at most (a few hundred in practice). */
const MAX_TOKEN_BYTES = 64 * 1024;

async function call(url: string, init: Parameters<typeof outboundFetch>[1], policy: OutboundPolicy) {
  try {
    return await outboundFetch(url, init, policy);
  } catch (error) {
    if (error instanceof OutboundError) throw new PartnerError(error.kind, error.message);
    throw error;
  }
}

/** A partner's PACT error `{ code, message }`, shortened, when its answer has one. */
function pactErrorOf(text: string): string {
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown; error?: unknown; error_description?: unknown };
    const code = typeof body.code === 'string' ? body.code : typeof body.error === 'string' ? body.error : undefined;
    const message = typeof body.message === 'string' ? body.message : typeof body.error_description === 'string' ? body.error_description : undefined;
    return code || message ? ` (${[code, message].filter(Boolean).join(': ').slice(0, 300)})` : '';
  } catch {
    return '';
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PartnerError('bad-answer', `${where} answered with something that is not JSON`);
  }
}

/** An access token for the partner's API (client credentials). */
export async function partnerToken(partner: PartnerEndpoint, policy: OutboundPolicy = DEFAULT_OUTBOUND): Promise<string> {
  const where = `${partner.baseUrl}/auth/token`;
  // RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding.
  const basic = Buffer.from(`${encodeURIComponent(partner.clientId)}:${encodeURIComponent(partner.clientSecret)}`).toString('base64');
  const res = await call(where, {
    method: 'POST', body: 'grant_type=client_credentials',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  }, { ...policy, maxBytes: Math.min(policy.maxBytes, MAX_TOKEN_BYTES) });
  if (res.status === 400 || res.status === 401 || res.status === 403) {
    throw new PartnerError('auth', `${where} refused the client credentials: HTTP ${res.status}${pactErrorOf(res.text)}`, res.status);
  }
  if (res.status < 200 || res.status >= 300) throw new PartnerError('refused', `${where} answered HTTP ${res.status}${pactErrorOf(res.text)}`, res.status);
  const body = parseJson(res.text, where) as { access_token?: unknown };
  if (typeof body?.access_token !== 'string' || !body.access_token) throw new PartnerError('bad-answer', `no access_token in the answer of ${where}`);
  return body.access_token;
}

/** GET a partner URL with a fresh token; the JSON body and the next-page Link. */
async function partnerGet(partner: PartnerEndpoint, url: string, policy: OutboundPolicy): Promise<{ json: unknown; next?: string }> {
  const token = await partnerToken(partner, policy);
  const res = await call(url, { method: 'GET', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, policy);
  if (res.status === 401 || res.status === 403) throw new PartnerError('auth', `${url} refused the access token: HTTP ${res.status}${pactErrorOf(res.text)}`, res.status);
  if (res.status < 200 || res.status >= 300) throw new PartnerError('refused', `${url} answered HTTP ${res.status}${pactErrorOf(res.text)}`, res.status);
  const next = nextLink(res.headers.link, res.url);
  return { json: parseJson(res.text, url), ...(next ? { next } : {}) };
}

/** The rel="next" target of a Link header (RFC 8288), resolved against the URL that answered. */
export function nextLink(header: string | string[] | undefined, base: string): string | undefined {
  for (const value of Array.isArray(header) ? header : header ? [header] : []) {
    for (const m of value.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
      if (/;\s*rel\s*=\s*"?([^";,]*\s)?next(\s[^";,]*)?"?/i.test(m[2] ?? '')) {
        try {
          return new URL(m[1]!, base).toString();
        } catch {
          return undefined;
        }
      }
    }
  }
  return undefined;
}

/** Whether `url` is a page of the partner's ListFootprints (a next link may only point there). */
export function isPartnerListUrl(partner: Pick<PartnerEndpoint, 'baseUrl'>, url: string): boolean {
  try {
    const u = new URL(url);
    const base = new URL(partner.baseUrl);
    return u.origin === base.origin && u.pathname === `${base.pathname.replace(/\/+$/, '')}/3/footprints` && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** One page of the partner's footprints: with filters, or the page a previous next link named. */
export async function listPartnerFootprints(
  partner: PartnerEndpoint, page: { query: Record<string, string | string[]> } | { next: string }, policy: OutboundPolicy = DEFAULT_OUTBOUND,
): Promise<{ data: unknown[]; next?: string }> {
  let url: string;
  if ('next' in page) {
    if (!isPartnerListUrl(partner, page.next)) throw new PartnerError('redirect', `the next link ${page.next.slice(0, 200)} is not a page of ${partner.baseUrl}/3/footprints`);
    url = page.next;
  } else {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(page.query)) for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
    url = `${partner.baseUrl}/3/footprints${params.size ? `?${params.toString()}` : ''}`;
  }
  const { json, next } = await partnerGet(partner, url, policy);
  const data = (json as { data?: unknown })?.data;
  if (!Array.isArray(data)) throw new PartnerError('bad-answer', `${url} answered without a "data" list`);
  if (next && !isPartnerListUrl(partner, next)) throw new PartnerError('redirect', `${url} gave a next link to another place (${next.slice(0, 200)}): not followed`);
  return { data, ...(next ? { next } : {}) };
}

/** One footprint of the partner's (GetFootprint). */
export async function getPartnerFootprint(partner: PartnerEndpoint, id: string, policy: OutboundPolicy = DEFAULT_OUTBOUND): Promise<unknown> {
  const url = `${partner.baseUrl}/3/footprints/${encodeURIComponent(id)}`;
  const { json } = await partnerGet(partner, url, policy);
  const data = (json as { data?: unknown })?.data;
  if (data === undefined) throw new PartnerError('bad-answer', `${url} answered without "data"`);
  return data;
}

/** Send an event to the partner's /3/events; throws PartnerError when it does not get there. */
export async function postPartnerEvent(partner: PartnerEndpoint, event: Record<string, unknown>, policy: OutboundPolicy = DEFAULT_OUTBOUND): Promise<void> {
  const token = await partnerToken(partner, policy);
  const url = `${partner.baseUrl}/3/events`;
  const res = await call(url, {
    method: 'POST', body: JSON.stringify(event),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents+json; charset=UTF-8' },
  }, { ...policy, maxBytes: Math.min(policy.maxBytes, MAX_TOKEN_BYTES) });
  if (res.status < 200 || res.status >= 300) {
    throw new PartnerError(res.status === 401 || res.status === 403 ? 'auth' : 'refused', `${url} refused the event: HTTP ${res.status}${pactErrorOf(res.text)}`, res.status);
  }
}

/**
 * Send `event` to the partner. Resolves with 'delivered', or with why not (never throws): the
 * caller records it on the request for the organisation to see.
 */
export async function sendPartnerEvent(partner: PartnerEndpoint, event: Record<string, unknown>, policy: OutboundPolicy = DEFAULT_OUTBOUND): Promise<string> {
  try {
    await postPartnerEvent(partner, event, policy);
    return 'delivered';
  } catch (error) {
    if (error instanceof PartnerError) return `not delivered: ${error.message}`;
    throw error;
  }
}

import { createHash } from 'node:crypto';
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

/** A token is used until this long before it expires (or a tenth of its life, if shorter): a call never starts with one about to end. */
const TOKEN_MARGIN_MS = 60_000;
/** Partners' tokens kept at most (the oldest is forgotten first). */
const MAX_CACHED_TOKENS = 1000;

interface CachedToken { token: Promise<{ token: string; expiresAt: number }> }

/**
 * Partners' access tokens, each kept until shortly before it expires (its `expires_in`), so a job
 * fetching from one partner asks for one token, not one per call. Keyed by the partner's URL and
 * credentials (a changed secret is another entry). A token without `expires_in` is not kept: its
 * life is unknown. Calls that ask at once share one token request.
 */
export class PartnerTokens {
  private readonly cache = new Map<string, CachedToken>();

  constructor(private readonly now: () => number = Date.now) {}

  private keyOf(partner: PartnerEndpoint): string {
    return createHash('sha256').update(`${partner.baseUrl}\n${partner.clientId}\n${partner.clientSecret}`).digest('base64url');
  }

  async get(partner: PartnerEndpoint, policy: OutboundPolicy): Promise<string> {
    const key = this.keyOf(partner);
    const hit = this.cache.get(key);
    if (hit) {
      const got = await hit.token.catch(() => undefined);
      if (got && got.expiresAt > this.now()) return got.token;
      if (this.cache.get(key) === hit) this.cache.delete(key);
    }
    const asked = this.now();
    const token = fetchPartnerToken(partner, policy).then(({ token, expiresIn }) => {
      const life = expiresIn === undefined ? 0 : expiresIn * 1000;
      return { token, expiresAt: asked + life - Math.min(TOKEN_MARGIN_MS, life / 10) };
    });
    const entry = { token };
    this.cache.set(key, entry);
    if (this.cache.size > MAX_CACHED_TOKENS) this.cache.delete(this.cache.keys().next().value!);
    try {
      const got = await token;
      if (got.expiresAt <= this.now() && this.cache.get(key) === entry) this.cache.delete(key);
      return got.token;
    } catch (error) {
      if (this.cache.get(key) === entry) this.cache.delete(key);
      throw error;
    }
  }

  /** Forget the partner's token (it was refused: revoked, or expired early). */
  forget(partner: PartnerEndpoint): void {
    this.cache.delete(this.keyOf(partner));
  }
}

/** The process's partner tokens (every call to a partner goes through them). */
export const partnerTokens = new PartnerTokens();

/** An access token for the partner's API (client credentials), from the cache while it lasts. */
export function partnerToken(partner: PartnerEndpoint, policy: OutboundPolicy = DEFAULT_OUTBOUND): Promise<string> {
  return partnerTokens.get(partner, policy);
}

/** A new access token from the partner's /auth/token, with its life in seconds when the partner says. */
async function fetchPartnerToken(partner: PartnerEndpoint, policy: OutboundPolicy): Promise<{ token: string; expiresIn?: number }> {
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
  const body = parseJson(res.text, where) as { access_token?: unknown; expires_in?: unknown };
  if (typeof body?.access_token !== 'string' || !body.access_token) throw new PartnerError('bad-answer', `no access_token in the answer of ${where}`);
  const expiresIn = typeof body.expires_in === 'number' && Number.isFinite(body.expires_in) && body.expires_in > 0 ? body.expires_in : undefined;
  return { token: body.access_token, ...(expiresIn !== undefined ? { expiresIn } : {}) };
}

/**
 * Call the partner with its token; a token refused (401) is forgotten and the call made once more
 * with a new one (a kept token the partner revoked or let expire early).
 */
async function withToken(partner: PartnerEndpoint, policy: OutboundPolicy, send: (token: string) => ReturnType<typeof call>): ReturnType<typeof call> {
  const res = await send(await partnerToken(partner, policy));
  if (res.status !== 401) return res;
  partnerTokens.forget(partner);
  return send(await partnerToken(partner, policy));
}

/** GET a partner URL with a fresh token; the JSON body and the next-page Link. */
async function partnerGet(partner: PartnerEndpoint, url: string, policy: OutboundPolicy): Promise<{ json: unknown; next?: string }> {
  const res = await withToken(partner, policy, (token) => call(url, { method: 'GET', headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, policy));
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
  const url = `${partner.baseUrl}/3/events`;
  const res = await withToken(partner, policy, (token) => call(url, {
    method: 'POST', body: JSON.stringify(event),
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents+json; charset=UTF-8' },
  }, { ...policy, maxBytes: Math.min(policy.maxBytes, MAX_TOKEN_BYTES) }));
  if (res.status < 200 || res.status >= 300) {
    throw new PartnerError(res.status === 401 || res.status === 403 ? 'auth' : 'refused', `${url} refused the event: HTTP ${res.status}${pactErrorOf(res.text)}`, res.status);
  }
}

/** A failure that may pass (the partner unreachable, slow, overloaded): worth trying again later. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof PartnerError)) return false;
  if (error.kind === 'unreachable' || error.kind === 'timeout') return true;
  return error.kind === 'refused' && error.partnerStatus !== undefined && (error.partnerStatus >= 500 || error.partnerStatus === 429);
}

/**
 * How an answer is delivered again when a partner fails for a reason that may pass: the first delay,
 * doubled after each failure up to `maxDelayMs`, until `attempts` were made or `giveUpAfterMs` has passed
 * since the answer (PACT v3: "retry … using an exponential backoff strategy. It SHOULD abandon sending
 * the event after 72 hours"). The attempts are owed in the database (jobs/pact-delivery.ts).
 */
export interface DeliveryRetry {
  delayMs: number;
  maxDelayMs?: number;
  attempts?: number;
  giveUpAfterMs?: number;
}

/** 2, 4, 8 … s, then hourly, for 72 hours. */
export const DEFAULT_DELIVERY_RETRY: DeliveryRetry = { delayMs: 2_000, maxDelayMs: 3_600_000, giveUpAfterMs: 72 * 3_600_000 };

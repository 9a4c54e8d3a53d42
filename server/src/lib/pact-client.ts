/**
 * Sending a PACT v3 event to a partner's host: a token from `<base>/auth/token` (OAuth2 client
 * credentials, HTTP Basic) and the event to `<base>/3/events`. Bounded: each call times out, and a
 * partner's answer is read up to a cap, so a slow or hostile partner costs at most seconds and bytes.
 */

/** Each HTTP call to a partner gives up after this long. */
export const PARTNER_TIMEOUT_MS = 10_000;
/** Bytes of a partner's answer read at most (a token response is a few hundred). */
const MAX_ANSWER_BYTES = 64 * 1024;

export interface PartnerEndpoint {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

/** The answer's text, or an error once it passes the cap. */
async function boundedText(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await reader.cancel();
      throw new Error(`the answer is over ${MAX_ANSWER_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const why = (error: unknown): string => {
  const e = error as { name?: string; message?: string; cause?: { message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer in ${PARTNER_TIMEOUT_MS / 1000} s`;
  return [e.message, e.cause?.message].filter(Boolean).join(': ') || String(error);
};

/**
 * Send `event` to the partner. Resolves with 'delivered', or with why not (never throws): the
 * caller records it on the request for the organisation to see.
 */
export async function sendPartnerEvent(partner: PartnerEndpoint, event: Record<string, unknown>): Promise<string> {
  let token: string;
  try {
    // RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding.
    const basic = Buffer.from(`${encodeURIComponent(partner.clientId)}:${encodeURIComponent(partner.clientSecret)}`).toString('base64');
    const res = await fetch(`${partner.baseUrl}/auth/token`, {
      method: 'POST', redirect: 'error', signal: AbortSignal.timeout(PARTNER_TIMEOUT_MS),
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: 'grant_type=client_credentials',
    });
    const text = await boundedText(res);
    if (!res.ok) return `token request refused: HTTP ${res.status} from ${partner.baseUrl}/auth/token`;
    const parsed = JSON.parse(text) as { access_token?: unknown };
    if (typeof parsed.access_token !== 'string' || !parsed.access_token) return `no access_token in the answer of ${partner.baseUrl}/auth/token`;
    token = parsed.access_token;
  } catch (error) {
    return `token request failed (${partner.baseUrl}/auth/token): ${why(error)}`;
  }
  try {
    const res = await fetch(`${partner.baseUrl}/3/events`, {
      method: 'POST', redirect: 'error', signal: AbortSignal.timeout(PARTNER_TIMEOUT_MS),
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/cloudevents+json; charset=UTF-8' },
      body: JSON.stringify(event),
    });
    await boundedText(res).catch(() => '');
    return res.ok ? 'delivered' : `event refused: HTTP ${res.status} from ${partner.baseUrl}/3/events`;
  } catch (error) {
    return `event not sent (${partner.baseUrl}/3/events): ${why(error)}`;
  }
}

import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * HTTP calls to hosts an organisation names (a partner's PACT API): hostile territory. Each call
 * resolves the host once, refuses private, loopback, link-local and other non-public addresses (SSRF:
 * the server's own network, cloud metadata at 169.254.169.254) unless the operator allows loopback
 * for tests, connects to the address it checked (no second look-up a DNS rebinding could change),
 * gives up after a deadline, reads at most a byte cap, and follows a redirect only to the same
 * origin (a token never goes to another host). Every failure is an OutboundError with a kind.
 */

export type OutboundFailure = 'address' | 'unreachable' | 'timeout' | 'too-large' | 'redirect';

export class OutboundError extends Error {
  constructor(readonly kind: OutboundFailure, message: string) {
    super(message);
    this.name = 'OutboundError';
  }
}

export interface OutboundPolicy {
  /** Allow loopback addresses (127.0.0.0/8, ::1): two servers on one machine in tests. Never private networks. */
  allowLoopback: boolean;
  /** Whole call, connection to last byte. */
  timeoutMs: number;
  /** Bytes of the answer read at most. */
  maxBytes: number;
}

export const DEFAULT_OUTBOUND: OutboundPolicy = { allowLoopback: false, timeoutMs: 10_000, maxBytes: 4 * 1024 * 1024 };

export interface OutboundRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface OutboundAnswer {
  status: number;
  headers: IncomingMessage['headers'];
  text: string;
  /** The URL that answered (after same-origin redirects). */
  url: string;
}

/** Addresses no outbound call may reach: RFC 6890 special-purpose ranges, one list per family. */
const NOT_PUBLIC_V4 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NOT_PUBLIC_V4.addSubnet(net, bits, 'ipv4');
const NOT_PUBLIC_V6 = new BlockList();
// IPv4-mapped addresses (::ffff:a.b.c.d) are judged as IPv4 below; NAT64 (64:ff9b::/96) could reach any IPv4 address.
for (const [net, bits] of [['::', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  NOT_PUBLIC_V6.addSubnet(net, bits, 'ipv6');
}

/** Why an address may not be called, or undefined when it may. IPv4-mapped IPv6 is judged as IPv4. */
export function refusedAddress(address: string, policy: Pick<OutboundPolicy, 'allowLoopback'>): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  const v6 = isIP(ip) === 6;
  if (v6 ? ip === '::1' : ip.startsWith('127.')) return policy.allowLoopback ? undefined : 'a loopback address';
  if (v6 ? NOT_PUBLIC_V6.check(ip, 'ipv6') : NOT_PUBLIC_V4.check(ip, 'ipv4')) return 'a private, link-local or reserved address';
  return undefined;
}

/** The host's addresses, checked: the first allowed one, or an OutboundError. */
async function resolveChecked(url: URL, policy: OutboundPolicy, deadline: number): Promise<{ address: string; family: 4 | 6 }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    let timer: NodeJS.Timeout | undefined;
    try {
      addresses = await Promise.race([
        lookup(host, { all: true, verbatim: true }),
        new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new OutboundError('timeout', `${host} was not resolved in time`)), Math.max(0, deadline - Date.now())); }),
      ]);
    } catch (error) {
      if (error instanceof OutboundError) throw error;
      throw new OutboundError('unreachable', `${host} does not resolve (${(error as Error).message})`);
    } finally {
      clearTimeout(timer);
    }
  }
  // Every address must be allowed: a name that resolves to a public and a private address is refused.
  for (const a of addresses) {
    const why = refusedAddress(a.address, policy);
    if (why) throw new OutboundError('address', `${host} resolves to ${a.address}, ${why}: calls to it are refused`);
  }
  const first = addresses[0];
  if (!first) throw new OutboundError('unreachable', `${host} has no address`);
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

const MAX_REDIRECTS = 3;

/** One call under the policy; redirects within the same origin are followed (at most 3). */
export async function outboundFetch(target: string, init: OutboundRequest, policy: OutboundPolicy = DEFAULT_OUTBOUND): Promise<OutboundAnswer> {
  const deadline = Date.now() + policy.timeoutMs;
  let url = new URL(target);
  for (let hop = 0; ; hop++) {
    const answer = await once(url, init, policy, deadline);
    if (answer.status < 300 || answer.status >= 400 || answer.status === 304) return answer;
    const location = answer.headers.location;
    if (!location) return answer;
    const next = new URL(location, url);
    if (next.origin !== url.origin) {
      throw new OutboundError('redirect', `${url.origin} redirected to another host (${next.origin}): not followed, credentials stay with the host they are for`);
    }
    if (hop + 1 >= MAX_REDIRECTS) throw new OutboundError('redirect', `more than ${MAX_REDIRECTS} redirects from ${target}`);
    url = next;
  }
}

async function once(url: URL, init: OutboundRequest, policy: OutboundPolicy, deadline: number): Promise<OutboundAnswer> {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundError('address', `${url.protocol} URLs are not called; use https`);
  if (url.username || url.password) throw new OutboundError('address', 'URLs with credentials are not called');
  const { address, family } = await resolveChecked(url, policy, deadline);
  // Connect to the address checked above, whatever a second look-up would say.
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<OutboundAnswer>((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new OutboundError('timeout', `no answer from ${url.origin} in ${policy.timeoutMs / 1000} s`));
    const req = request(url, {
      method: init.method, lookup: pinned, agent: false,
      headers: { ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}), ...init.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let over = false;
      res.on('data', (chunk: Buffer) => {
        if (over) return;
        size += chunk.length;
        if (size > policy.maxBytes) {
          over = true;
          reject(new OutboundError('too-large', `the answer of ${url.origin}${url.pathname} is over ${policy.maxBytes} bytes`));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => !over && resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), url: url.toString() }));
      res.on('error', (error) => reject(error instanceof OutboundError ? error : new OutboundError('unreachable', `${url.origin}: ${error.message}`)));
    });
    const timer = setTimeout(() => req.destroy(new OutboundError('timeout', `no answer from ${url.origin} in ${policy.timeoutMs / 1000} s`)), remaining);
    req.on('close', () => clearTimeout(timer));
    req.on('error', (error) => reject(error instanceof OutboundError ? error : new OutboundError('unreachable', `${url.origin}: ${error.message}`)));
    req.end(init.body);
  });
}

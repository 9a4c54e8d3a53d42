/**
 * Sending one fuzz case. Well-formed requests go through fetch (undici, keep-alive). A raw socket
 * (node:net, `Connection: close`) carries what fetch cannot or would rewrite: malformed HTTP, HEAD (to
 * see every byte after the headers), TRACE, headers fetch refuses, and paths the WHATWG URL parser
 * would normalise (`/../`, `%2e%2e`).
 */
import { connect } from 'node:net';

export interface Case {
  /** Which generator made it (for the summary and reproducers). */
  label: string;
  /** The route template it aims at (`/v1/products/{id}`), or a free text for raw bytes. */
  route: string;
  method: string;
  /** Path and query as sent, byte for byte. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Exact bytes to write (malformed HTTP); method/path/headers then only describe it. */
  raw?: Buffer;
  /** Send over a raw socket even though it is well-formed. */
  forceRaw?: boolean;
  /** The hostile value it carries: once it has taken the server down, --keep-going sends it no more. */
  tag?: string;
  /** The server may close the connection without an answer (bytes that are not HTTP). */
  mayClose?: boolean;
  /** More for the reproducer: how the stored product it calculates was made. */
  note?: string;
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  ms: number;
  /** Bytes that followed the headers on a raw socket, before chunked decoding (HEAD must have none). */
  rawBodyBytes?: number;
}

export type Outcome = { ok: true; answer: Answer } | { ok: false; error: 'timeout' | 'closed' | 'refused' | 'client'; detail: string; ms: number };

const FORBIDDEN = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer']);

/** Does this case need a raw socket? */
export function needsRaw(c: Case, base: string): boolean {
  if (c.raw || c.forceRaw) return true;
  if (['HEAD', 'TRACE', 'CONNECT', 'TRACK'].includes(c.method) || !/^[A-Z]+$/.test(c.method)) return true;
  for (const [k, v] of Object.entries(c.headers)) {
    if (FORBIDDEN.has(k.toLowerCase()) || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k) || /[^\t\x20-\x7e\x80-\xff]/.test(v) || /^[\t ]|[\t ]$/.test(v)) return true;
  }
  try {
    const u = new URL(c.path, base);
    return u.pathname + u.search !== c.path;
  } catch {
    return true;
  }
}

export async function send(c: Case, base: string, timeoutMs: number): Promise<Outcome> {
  return needsRaw(c, base) ? sendRaw(c, base, timeoutMs) : sendFetch(c, base, timeoutMs);
}

async function sendFetch(c: Case, base: string, timeoutMs: number): Promise<Outcome> {
  const started = performance.now();
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const res = await fetch(base + c.path, {
      method: c.method,
      headers: c.headers,
      // A Buffer body: fetch adds no content type of its own.
      body: c.body === undefined ? undefined : new Uint8Array(typeof c.body === 'string' ? Buffer.from(c.body) : c.body),
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = Buffer.from(await res.arrayBuffer());
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    return { ok: true, answer: { status: res.status, headers, body, ms: ms() } };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return { ok: false, error: 'timeout', detail: `no answer in ${timeoutMs} ms`, ms: ms() };
    if (err.cause?.code === 'ECONNREFUSED') return { ok: false, error: 'refused', detail: 'connection refused', ms: ms() };
    if (err.name === 'TypeError' && !err.cause) return { ok: false, error: 'client', detail: err.message, ms: ms() };
    return { ok: false, error: 'closed', detail: `${err.message}: ${err.cause?.code ?? ''} ${err.cause?.message ?? ''}`.trim(), ms: ms() };
  }
}

/** The bytes of a well-formed request (Content-Length set, connection closed after the answer). */
export function requestBytes(c: Case, host: string): Buffer {
  if (c.raw) return c.raw;
  const body = c.body === undefined ? Buffer.alloc(0) : typeof c.body === 'string' ? Buffer.from(c.body) : c.body;
  const names = new Set(Object.keys(c.headers).map((k) => k.toLowerCase()));
  let head = `${c.method} ${c.path} HTTP/1.1\r\n`;
  if (!names.has('host')) head += `Host: ${host}\r\n`;
  if (!names.has('connection')) head += 'Connection: close\r\n';
  for (const [k, v] of Object.entries(c.headers)) head += `${k}: ${v}\r\n`;
  if (!names.has('content-length') && !names.has('transfer-encoding') && (body.length || ['POST', 'PUT', 'PATCH'].includes(c.method))) head += `Content-Length: ${body.length}\r\n`;
  return Buffer.concat([Buffer.from(head + '\r\n', 'utf8'), body]);
}

function sendRaw(c: Case, base: string, timeoutMs: number): Promise<Outcome> {
  const { hostname, port } = new URL(base);
  const started = performance.now();
  const ms = () => Math.round((performance.now() - started) * 10) / 10;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = connect({ host: hostname, port: Number(port) });
    const finish = (o: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(o);
    };
    const timer = setTimeout(() => finish({ ok: false, error: 'timeout', detail: `no answer and no close in ${timeoutMs} ms`, ms: ms() }), timeoutMs);
    socket.on('connect', () => socket.write(requestBytes(c, `${hostname}:${port}`)));
    socket.on('data', (d) => {
      chunks.push(d);
      // A connection the request kept alive: done once a whole answer is in.
      const all = Buffer.concat(chunks);
      if (c.method !== 'HEAD' && complete(all)) finish(parseRaw(all, c.method, ms()));
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED') finish({ ok: false, error: 'refused', detail: 'connection refused', ms: ms() });
      // A reset after the answer arrived: keep the answer.
      else if (chunks.length) finish(parseRaw(Buffer.concat(chunks), c.method, ms()));
      else finish({ ok: false, error: 'closed', detail: `${e.code ?? e.message}`, ms: ms() });
    });
    socket.on('close', () => {
      if (!chunks.length) finish({ ok: false, error: 'closed', detail: 'closed without an answer', ms: ms() });
      else finish(parseRaw(Buffer.concat(chunks), c.method, ms()));
    });
  });
}

/** Interim 1xx answers (100 Continue) skipped. */
function skipInterim(bytes: Buffer): Buffer {
  while (/^HTTP\/1\.[01] 1\d\d/.test(bytes.subarray(0, 12).toString('latin1'))) {
    const end = bytes.indexOf('\r\n\r\n');
    if (end < 0) break;
    bytes = bytes.subarray(end + 4);
  }
  return bytes;
}

/** Has a whole answer (headers and the body they announce) arrived? */
function complete(all: Buffer): boolean {
  const bytes = skipInterim(all);
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0 || !bytes.length) return false;
  const head = bytes.subarray(0, end).toString('latin1');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) return bytes.length - end - 4 >= Number(length[1]);
  if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) return bytes.subarray(-5).toString('latin1') === '0\r\n\r\n';
  return /^HTTP\/1\.[01] (204|304)/.test(head);
}

/** The first answer on a connection: status, headers, body (chunked decoded). */
export function parseRaw(all: Buffer, method: string, ms: number): Outcome {
  const bytes = skipInterim(all);
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return { ok: false, error: 'closed', detail: `an answer without the end of its headers: ${JSON.stringify(bytes.subarray(0, 200).toString('latin1'))}`, ms };
  const lines = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]!);
  if (!m) return { ok: false, error: 'closed', detail: `not an HTTP answer: ${JSON.stringify(lines[0]!.slice(0, 200))}`, ms };
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = bytes.subarray(end + 4);
  const rawBodyBytes = body.length;
  if (method !== 'HEAD' && /chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  else if (method !== 'HEAD' && headers['content-length'] !== undefined) body = body.subarray(0, Number(headers['content-length']));
  return { ok: true, answer: { status: Number(m[1]), headers, body, ms, rawBodyBytes } };
}

function dechunk(data: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) break;
    const size = parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    out.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

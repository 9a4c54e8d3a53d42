import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/harness.js';
import { testBackends } from '../storage/testing.js';
import { readFailedRequest } from './client-error.js';
import { MAX_CONNECTIONS, REQUEST_TIMEOUT_MS } from '../limits.js';

const PORT = 3401;

/** Send raw bytes and read everything the server answers until it closes the connection. */
function exchange(bytes: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(PORT, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head!.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.end(bytes);
  });
}

/** Like exchange, but the body goes in two writes with a pause: the server answers before it has it all. */
function exchangeSlowly(head: string, body: string): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const socket = connect(PORT, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [statusLine] = text.split('\r\n');
      resolve({ status: Number(statusLine!.split(' ')[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(head + body.slice(0, 64 * 1024));
    setTimeout(() => socket.end(body.slice(64 * 1024)), 300);
  });
}

const bigHeader = `x-filler: ${'a'.repeat(20 * 1024)}\r\n`;

describe('readFailedRequest', () => {
  it('reads the method and path of the bytes the parser failed on, if they hold the request line', () => {
    expect(readFailedRequest(Buffer.from('HEAD /3/footprints?x=1 HTTP/1.1\r\nhost: a\r\n'))).toMatchObject({ method: 'HEAD', path: '/3/footprints' });
    expect(readFailedRequest(Buffer.from('aaaa: b\r\n')).method).toBeUndefined();
    // A malformed method is often why the parser failed: the path still tells whose shape to answer in.
    expect(readFailedRequest(Buffer.from('get /auth/token HTTP/1.1\r\n'))).toMatchObject({ method: 'get', path: '/auth/token' });
    expect(readFailedRequest(undefined)).toEqual({ targetBytes: 0, restBytes: 0 });
  });
});

/** Errors Node's HTTP parser raises before routing, over a real socket: the documented shapes, no body to HEAD. */
describe('errors before routing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!);
    await t.app.listen({ port: PORT, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => t?.close());

  it('answers a 20 KiB header with a 431 problem and goes on serving', async () => {
    const res = await exchange(`GET /v1/products HTTP/1.1\r\nhost: x\r\n${bigHeader}\r\n`);
    expect(res.status).toBe(431);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'GLCA_HEADERS_TOO_LARGE', instance: '/v1/products', detail: expect.stringMatching(/16384 bytes/) });
    const health = await exchange('GET /health HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect(health.status).toBe(200);
  });

  it('answers an oversized URL with 414, and a HEAD with no body at all', async () => {
    const url = `/v1/products/${'a'.repeat(20 * 1024)}`;
    const get = await exchange(`GET ${url} HTTP/1.1\r\nhost: x\r\n\r\n`);
    expect(get.status).toBe(414);
    expect(JSON.parse(get.body)).toMatchObject({ code: 'GLCA_URI_TOO_LONG' });
    expect(get.body.length).toBeLessThan(1024);
    const head = await exchange(`HEAD ${url} HTTP/1.1\r\nhost: x\r\n\r\n`);
    expect(head.status).toBe(414);
    expect(head.body).toBe('');
  });

  it('reads and drops a body refused for its size, so a client still writing it gets the 413, not a reset', async () => {
    const body = `{"name":"${'x'.repeat(3 * 1024 * 1024)}"}`;
    for (let i = 0; i < 4; i++) {
      const auth = i % 2 ? `authorization: Bearer ${t.orgA.keys.read}\r\n` : ''; // 413, or 401 before the body is read
      const res = await exchangeSlowly(`POST /v1/calculate HTTP/1.1\r\nhost: x\r\n${auth}content-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`, body);
      expect(res).toMatchObject({ status: i % 2 ? 413 : 401 });
      expect(JSON.parse((res as { body: string }).body)).toMatchObject({ status: i % 2 ? 413 : 401 });
    }
  });

  it('answers malformed HTTP with a 400 problem', async () => {
    const res = await exchange('GET / HTTP/1.1\r\nbad header line\r\n\r\n');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'GLCA_BAD_REQUEST', status: 400 });
  });

  it('answers in PACT\'s shape on /3/ and OAuth\'s on /auth/', async () => {
    const pact = await exchange(`GET /3/footprints HTTP/1.1\r\nhost: x\r\n${bigHeader}\r\n`);
    expect(pact.status).toBe(431);
    expect(JSON.parse(pact.body)).toEqual({ code: 'BadRequest', message: expect.stringMatching(/16384 bytes/) });
    const oauth = await exchange(`POST /auth/token HTTP/1.1\r\nhost: x\r\n${bigHeader}\r\n`);
    expect(oauth.status).toBe(431);
    expect(JSON.parse(oauth.body)).toEqual({ error: 'invalid_request', error_description: expect.stringMatching(/16384 bytes/) });
  });

  it('sends no body to HEAD for a routed error either', async () => {
    const res = await exchange('HEAD /v1/no-such-thing HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n');
    expect(res.status).toBe(404);
    expect(res.body).toBe('');
  });
});

/** A client that trickles its request headers: answered 408 and its socket closed, not held for ever. */
describe('slow request headers', () => {
  let t: TestApp;
  const port = PORT + 1;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!, { headersTimeoutMs: 1_000 });
    await t.app.listen({ port, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => t?.close());

  it('closes a connection whose headers do not end within the headers timeout, while the client goes on sending', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let status = '';
      socket.on('data', (c) => { status ||= String(c).split('\r\n')[0]!; });
      socket.on('error', () => {});
      const tick = setInterval(() => socket.writable && socket.write('x-a: b\r\n'), 100);
      const giveUp = setTimeout(() => { clearInterval(tick); socket.destroy(); resolve('still open'); }, 20_000);
      socket.on('close', () => { clearInterval(tick); clearTimeout(giveUp); resolve(`closed after ${status}`); });
      socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    });
    expect(outcome).toBe('closed after HTTP/1.1 408 Request Timeout');
    expect(t.app.server.maxConnections).toBe(MAX_CONNECTIONS);
    expect(t.app.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
  });
});

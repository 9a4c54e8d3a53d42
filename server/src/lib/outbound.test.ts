import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundFetch, OutboundError, refusedAddress, type OutboundPolicy } from './outbound.js';

const loopback: OutboundPolicy = { allowLoopback: true, timeoutMs: 2_000, maxBytes: 1_000 };

async function failure(p: Promise<unknown>): Promise<OutboundError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof OutboundError) return error;
    throw error;
  }
  throw new Error('expected an OutboundError');
}

describe('outbound calls: SSRF guard', () => {
  it('refuses private, link-local, reserved and (unless allowed) loopback addresses', () => {
    for (const a of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', 'fe80::1', 'fc00::1', '::ffff:10.0.0.1', '::']) {
      expect(refusedAddress(a, { allowLoopback: true }), a).toBeDefined();
    }
    expect(refusedAddress('127.0.0.1', { allowLoopback: false })).toBe('a loopback address');
    expect(refusedAddress('::1', { allowLoopback: false })).toBe('a loopback address');
    expect(refusedAddress('::ffff:127.0.0.1', { allowLoopback: false })).toBe('a loopback address');
    expect(refusedAddress('127.0.0.1', { allowLoopback: true })).toBeUndefined();
    expect(refusedAddress('8.8.8.8', { allowLoopback: false })).toBeUndefined();
    expect(refusedAddress('2001:4860:4860::8888', { allowLoopback: false })).toBeUndefined();
  });

  it('refuses a name that resolves to loopback, and non-http schemes, before connecting', async () => {
    expect((await failure(outboundFetch('http://localhost:9/x', { method: 'GET' }, { ...loopback, allowLoopback: false }))).kind).toBe('address');
    expect((await failure(outboundFetch('http://169.254.169.254/latest/meta-data', { method: 'GET' }, loopback))).kind).toBe('address');
    expect((await failure(outboundFetch('file:///etc/passwd', { method: 'GET' }, loopback))).kind).toBe('address');
  });
});

describe('outbound calls: bounded', () => {
  let server: Server;
  let other: Server;
  let base = '';
  let otherBase = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/big') return res.end('x'.repeat(5_000));
      if (req.url === '/slow') return; // never answers
      if (req.url === '/away') return res.writeHead(302, { location: `${otherBase}/ok` }).end();
      if (req.url === '/here') return res.writeHead(301, { location: '/ok' }).end();
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    other = createServer((_req, res) => res.end('elsewhere'));
    const listen = (s: Server) => new Promise<string>((done) => s.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
    base = await listen(server);
    otherBase = (await listen(other)).replace('127.0.0.1', 'localhost');
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
    await new Promise((done) => other.close(done));
  });

  it('reads an answer under the cap, and stops past it', async () => {
    expect((await outboundFetch(`${base}/ok`, { method: 'GET' }, loopback)).text).toBe('{"ok":true}');
    const big = await failure(outboundFetch(`${base}/big`, { method: 'GET' }, loopback));
    expect(big.kind).toBe('too-large');
    expect(big.message).toContain('over 1000 bytes');
  });

  it('gives up at the deadline', async () => {
    const started = Date.now();
    const slow = await failure(outboundFetch(`${base}/slow`, { method: 'GET' }, { ...loopback, timeoutMs: 300 }));
    expect(slow.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('follows a redirect within the origin only, at most 3', async () => {
    const here = await outboundFetch(`${base}/here`, { method: 'GET' }, loopback);
    expect(here).toMatchObject({ status: 200, url: `${base}/ok` });
    const away = await failure(outboundFetch(`${base}/away`, { method: 'GET' }, loopback));
    expect(away.kind).toBe('redirect');
    expect(away.message).toContain('another host');
    expect((await failure(outboundFetch(`${base}/loop`, { method: 'GET' }, loopback))).message).toContain('more than 3 redirects');
  });
});

/**
 * The fuzz loop: start the server, make the fixtures, then send generated cases one at a time until the
 * request count or the time limit is reached. After every request the child must still be running;
 * every `probeEvery` requests, and after anything odd, GET /health must answer in time. A failure stops
 * the run, or with `keepGoing` is recorded (one reproducer per distinct failure), the hostile value
 * that took the server down is quarantined, and the server is restarted on the same database.
 */
import { writeFileSync } from 'node:fs';
import { check, targetOf, type Violation } from './assertions.js';
import { makeFixtures } from './fixtures.js';
import { generate, type Context } from './generators.js';
import { send, type Case, type Outcome } from './http.js';
import { family, routesFrom, type Route } from './routes.js';
import { ServerUnderTest } from './server.js';
import { Rng } from './values.js';

export interface FuzzOptions {
  requests: number;
  seconds: number;
  seed: number;
  keepGoing: boolean;
  /** PostgreSQL; PGlite when absent. */
  databaseUrl?: string;
  heapMb: number;
  timeoutMs: number;
  probeEvery: number;
  /** Only these generators (names), for debugging. */
  only?: string[];
  /** Write the full report (JSON) here. */
  reportFile?: string;
  log: (line: string) => void;
}

export interface Failure {
  signature: string;
  kind: Violation['kind'] | 'crash' | 'unresponsive';
  count: number;
  firstAt: number;
  reproducer: string;
}

export interface FuzzReport {
  backend: string;
  seed: number;
  requests: number;
  seconds: number;
  startupSeconds: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, number>;
  byGenerator: Record<string, number>;
  p50: number;
  p99: number;
  rssEndMb?: number;
  rssPeakMb?: number;
  restarts: number;
  failures: Failure[];
  /** Requests whose outcome broke a rule (all of them, not only distinct ones). */
  failedRequests: number;
}

const clip = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

/** A readable, copyable account of one case and its answer. */
export function reproducer(c: Case, o: Outcome | undefined, why: string): string {
  const lines = [`  generator: ${c.label}${c.tag ? ` (value ${JSON.stringify(clip(c.tag, 80))})` : ''}`];
  if (c.note) lines.push(`  note: ${c.note}`);
  if (c.raw) lines.push(`  raw bytes (${c.raw.length}): ${clip(JSON.stringify(c.raw.toString('latin1')), 400)}`);
  else {
    lines.push(`  request: ${c.method} ${clip(c.path, 200)}`);
    const headers = Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k, clip(v, 80)]));
    lines.push(`  headers: ${clip(JSON.stringify(headers), 600)}`);
    if (c.body !== undefined) lines.push(`  body (${Buffer.byteLength(c.body)} bytes): ${clip(JSON.stringify(c.body.toString()), 400)}`);
  }
  if (o?.ok) lines.push(`  answer: ${o.answer.status} ${o.answer.headers['content-type'] ?? '(no content-type)'} ${clip(JSON.stringify(o.answer.body.toString('utf8')), 300)}`);
  else if (o) lines.push(`  answer: none (${o.error}: ${o.detail})`);
  lines.push(`  why: ${why}`);
  return lines.join('\n');
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The route a path belongs to (for grouping): the OpenAPI template it matches, or the path with ids masked. */
function routeKey(c: Case, routes: Route[]): string {
  if (c.raw) return '(raw HTTP)';
  if (c.route.includes('{') || routes.some((r) => r.template === c.route)) return c.route;
  const path = targetOf(c).split('?')[0]!;
  for (const r of routes) {
    if (new RegExp(`^${r.template.replace(/\{[^}]+\}/g, '[^/]+')}/?$`).test(path)) return r.template;
  }
  return clip(path.replace(UUID, '{uuid}'), 60);
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function healthy(server: ServerUnderTest, timeoutMs: number): Promise<boolean> {
  if (!server.alive) return false;
  try {
    const res = await fetch(`${server.base}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const { log } = options;
  const server = new ServerUnderTest({ databaseUrl: options.databaseUrl, heapMb: options.heapMb });
  const t0 = performance.now();
  await server.start();
  try {
    const doc = await (await fetch(`${server.base}/docs/json`)).json();
    const routes = routesFrom(doc as Parameters<typeof routesFrom>[0]);
    const fx = await makeFixtures(server.base);
    const startupSeconds = (performance.now() - t0) / 1000;
    log(`fuzz: ${server.backend} server on ${server.base} (pid ${server.child!.pid}, heap cap ${options.heapMb} MiB), ${routes.length} operations from /docs/json, ready in ${startupSeconds.toFixed(1)} s`);

    const rng = new Rng(options.seed);
    const ctx: Context = { rng, routes, fx, quarantine: new Set() };
    const failures = new Map<string, Failure>();
    const byStatus: Record<string, number> = {};
    const byRoute: Record<string, number> = {};
    const byGenerator: Record<string, number> = {};
    const latencies: number[] = [];
    let rssPeak = 0;
    let failedRequests = 0;
    const clientErrors = new Set<string>();
    let sent = 0;
    const start = performance.now();
    const elapsed = () => (performance.now() - start) / 1000;

    const fail = (kind: Failure['kind'], c: Case, o: Outcome | undefined, detail: string, status: string) => {
      // A shape is wrong for a whole family of paths at once (a 431 comes before routing): grouped by
      // status, family and what is wrong; everything else by method and route.
      const signature = kind === 'shape' || kind === 'head-body'
        ? `${kind} ${status} on ${family(targetOf(c))} paths${kind === 'shape' ? ` — ${detail}` : ''}`
        : `${kind} ${status} ${c.raw ? '(raw)' : c.method} ${routeKey(c, routes)}`;
      const f = failures.get(signature);
      if (f) f.count++;
      else {
        failures.set(signature, { signature, kind, count: 1, firstAt: sent, reproducer: reproducer(c, o, detail) });
        log(`\nFAIL #${failures.size} [${signature}] at request ${sent}\n${reproducer(c, o, detail)}`);
      }
    };

    while (sent < options.requests && elapsed() < options.seconds) {
      let c = generate(ctx);
      while (options.only && !options.only.includes(c.label)) c = generate(ctx);
      sent++;
      const o = await send(c, server.base, options.timeoutMs);
      const key = routeKey(c, routes);
      const status = o.ok ? String(o.answer.status) : o.error;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      byRoute[key] = (byRoute[key] ?? 0) + 1;
      byGenerator[c.label] = (byGenerator[c.label] ?? 0) + 1;
      latencies.push(o.ok ? o.answer.ms : o.ms);
      if (o.ok) remember(c, o, fx);

      if (!o.ok && o.error === 'client' && !clientErrors.has(c.label)) {
        clientErrors.add(c.label);
        log(`fuzz: fetch refused to send a ${c.label} case (${o.detail}); not counted as a failure`);
      }
      const violations = check(c, o);
      // Alive after every request; answering /health every few requests and after anything odd (soon
      // after a request that hung: that one already failed).
      let down: Failure['kind'] | undefined;
      const hung = !o.ok && o.error === 'timeout';
      if (!server.alive) down = 'crash';
      else if ((violations.length || !o.ok || sent % options.probeEvery === 0) && !(await healthy(server, hung ? 2000 : options.timeoutMs))) down = server.alive ? 'unresponsive' : 'crash';
      if (down) {
        const how = down === 'crash' ? `the server died after this request (${server.death.split(';')[0]})` : '/health did not answer after this request';
        const also = violations.map((v) => `${v.kind}: ${v.detail}`).join('; ');
        fail(down, c, o, also ? `${how}; ${also}` : how, status);
        if (c.tag) ctx.quarantine.add(c.tag);
      } else for (const v of violations) fail(v.kind, c, o, v.detail, status);
      if (violations.length || down) failedRequests++;
      if (sent % options.probeEvery === 0) rssPeak = Math.max(rssPeak, server.rssMb() ?? 0);
      if ((violations.length || down) && !options.keepGoing) break;
      if (down) {
        log(`fuzz: restarting the server (${down}) after request ${sent}, ${elapsed().toFixed(1)} s`);
        await server.restart();
      }
      if (sent % 1000 === 0) log(`fuzz: ${sent} requests, ${elapsed().toFixed(1)} s, ${failures.size} distinct failures`);
    }

    const seconds = elapsed();
    const sorted = latencies.sort((a, b) => a - b);
    const rssEnd = server.rssMb();
    const report: FuzzReport = {
      backend: server.backend, seed: options.seed, requests: sent, seconds: Math.round(seconds * 10) / 10, startupSeconds: Math.round(startupSeconds * 10) / 10,
      byStatus, byRoute, byGenerator, p50: percentile(sorted, 50), p99: percentile(sorted, 99), rssEndMb: rssEnd, rssPeakMb: Math.max(rssPeak, rssEnd ?? 0) || undefined,
      restarts: server.restarts, failures: [...failures.values()], failedRequests,
    };
    if (options.reportFile) writeFileSync(options.reportFile, JSON.stringify(report, null, 2));
    return report;
  } finally {
    await server.stop();
  }
}

/** Products and keys the fuzzer created: later cases update, delete and calculate them. */
function remember(c: Case, o: Outcome & { ok: true }, fx: Context['fx']): void {
  if (o.answer.status !== 201 || c.method !== 'POST') return;
  const path = c.path.split('?')[0];
  if (path === '/v1/products') {
    const id = o.answer.headers.location?.split('/').pop();
    if (id && fx.created.length < 200) {
      fx.created.push(id);
      fx.createdBodies.set(id, clip(String(c.body ?? ''), 600));
    }
  } else if (path === '/v1/keys') {
    try {
      const id = JSON.parse(o.answer.body.toString()).id;
      if (typeof id === 'string' && fx.createdKeyIds.length < 200) fx.createdKeyIds.push(id);
    } catch {
      // not JSON: the shape check reports it
    }
  }
}

export function summary(r: FuzzReport): string {
  const statuses = Object.entries(r.byStatus).sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}:${n}`).join(' ');
  const routes = Object.entries(r.byRoute).sort(([, a], [, b]) => b - a).map(([k, n]) => `${k} ${n}`).join(', ');
  const gens = Object.entries(r.byGenerator).sort(([, a], [, b]) => b - a).map(([k, n]) => `${k} ${n}`).join(', ');
  return [
    `by route: ${routes}`,
    `by generator: ${gens}`,
    ...r.failures.map((f, i) => `failure ${i + 1}: ${f.signature} (x${f.count}, first at request ${f.firstAt})`),
    `fuzz ${r.backend} seed ${r.seed}: ${r.requests} requests in ${r.seconds} s (+${r.startupSeconds} s start-up); statuses ${statuses}; ` +
      `latency p50 ${r.p50} ms p99 ${r.p99} ms; server RSS ${r.rssEndMb ?? '?'} MiB at the end (peak ${r.rssPeakMb ?? '?'}); restarts ${r.restarts}; ` +
      `${r.failures.length} distinct failures in ${r.failedRequests} requests`,
  ].join('\n');
}

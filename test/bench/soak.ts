/**
 * `pnpm bench -- --only soak [--minutes 10] [--rate 50] [--port 3437] [--sample 5]`: memory soak of the
 * server as `pnpm start` runs it (`node --import tsx server/src/main.ts`, embedded PGlite in a fresh
 * data directory) started as a child on 127.0.0.1. It sends a fixed mix of requests (calculate,
 * products create/read/update/delete, stored calculations and their reports, catalogue, reports) at a
 * bounded rate for a bounded time, samples the child's RSS (VmRSS in /proc/<pid>/status), and prints
 * RSS start/min/max/end, the slope of RSS over the second half (MiB per minute; flat is ~0) and p50/p99
 * latency per kind of request, then a verdict. Loopback only; stops by itself (at most `--minutes`,
 * 60 at most, plus start-up), and never has more than 16 requests in flight.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { product200 } from './api.js';
import type { BenchModule } from './main.js';

const KEY = 'soak-admin-key-0123456789abcdef';
const MAX_IN_FLIGHT = 16;
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

function arg(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** VmRSS of a process in MiB, or undefined once it has gone. */
export function rssMiB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Least-squares slope of y over x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export function percentile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A small stored product (12 inventory lines): stored versions and results stay small on disk. */
function smallProduct(id: string, seed: number): Record<string, unknown> {
  const inventory = Array.from({ length: 12 }, (_, i) => ({
    stage: i % 2 ? 'use' : 'manufacture',
    factor: i % 3 ? 'desnz-2025/electricity-uk' : 'desnz-2025/material-metal-steel-cans-primary',
    amount: i % 3 ? `${1 + ((i + seed) % 9)} kWh * years` : `${(i + seed) % 5 + 1} kg`,
  }));
  return { schemaVersion: 1, id, name: `Soak product ${seed}`, functionalUnit: { amount: 1, unit: 'item' }, parameters: { years: 3 }, inventory };
}

interface Call { method: string; path: string; body?: unknown; headers?: Record<string, string> }
interface Outcome { status: number; json?: unknown; etag?: string | null }

async function waitReady(base: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready`);
    try {
      if ((await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch { /* not yet listening */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server was not ready within ${timeoutMs / 1000} s`);
}

export const bench: BenchModule = {
  description: 'Memory soak: the server as `pnpm start` runs it, a bounded request mix at a bounded rate; RSS over time, p50/p99 latency',
  async run(args) {
    const minutes = Math.min(arg(args, 'minutes', 2), 60);
    const rate = Math.min(arg(args, 'rate', 20), 500);
    const sampleS = arg(args, 'sample', 5);
    const port = arg(args, 'port', 3437);
    if (!Number.isInteger(port) || port < 3430 || port > 3439) throw new Error(`--port must be in 3430–3439, not ${port}`);

    const dataDir = mkdtempSync(join(tmpdir(), 'greenlca-soak-'));
    const base = `http://127.0.0.1:${port}`;
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env, NODE_OPTIONS: '', PORT: String(port), HOST: '127.0.0.1', GREENLCA_DATA_DIR: dataDir, GREENLCA_API_KEY: KEY,
        // The bench's own mix must never meet the per-key limit.
        GREENLCA_RATE_LIMIT: String(Math.ceil(rate * 60 * 4)), LOG_LEVEL: 'warn',
      },
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { if (stderr.length < 64 * 1024) stderr += d.toString(); });
    const pid = child.pid!;
    const samples: { t: number; mib: number }[] = [];
    let sampler: NodeJS.Timeout | undefined;

    try {
      await waitReady(base, child, 240_000);
      const readyS = (performance.now() - t0) / 1000;
      const startMiB = rssMiB(pid)!;
      process.stdout.write(`server pid ${pid} ready in ${readyS.toFixed(1)} s (fresh data directory) at ${startMiB.toFixed(1)} MiB RSS; ` +
        `${minutes} min at ${rate} requests/s, at most ${MAX_IN_FLIGHT} in flight, RSS every ${sampleS} s\n`);

      const send = async (call: Call): Promise<Outcome> => {
        const res = await fetch(`${base}${call.path}`, {
          method: call.method,
          headers: { authorization: `Bearer ${KEY}`, ...(call.body === undefined ? {} : { 'content-type': 'application/json' }), ...call.headers },
          ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        let json: unknown;
        try { json = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined; } catch { /* html, pdf */ }
        return { status: res.status, json, etag: res.headers.get('etag') };
      };

      // Live stored products (id → ETag) and stored results, both bounded: the mix deletes as it creates.
      const live = new Map<string, string>();
      const results: { id: string; product: string }[] = [];
      let serial = 0;
      const pick = <T>(xs: readonly T[]): T => xs[serial % xs.length]!;
      const factorIds = ['desnz-2025/electricity-uk', 'cn-mee/electricity-national-2021', 'desnz-2025/material-metal-steel-cans-primary'];
      const searches = ['electricity', 'steel', '电力', 'freight hgv', 'plastic rigid'];
      // 40 distinct 200-line products: the result cache sees repeats and new bodies.
      const bodies = Array.from({ length: 40 }, (_, i) => product200(i));

      type Kind = { name: string; weight: number; make: () => Promise<Outcome> };
      const kinds: Kind[] = [
        { name: 'POST /v1/calculate (200 lines)', weight: 25, make: () => send({ method: 'POST', path: '/v1/calculate', body: pick(bodies) }) },
        { name: 'POST /v1/calculate?view=summary', weight: 10, make: () => send({ method: 'POST', path: '/v1/calculate?view=summary', body: bodies[(serial * 7) % bodies.length] }) },
        { name: 'products create / update / delete', weight: 12, make: async () => {
          if (live.size < 30 || serial % 3 === 0) {
            const out = await send({ method: 'POST', path: '/v1/products', body: smallProduct(`soak-${serial}`, serial) });
            const id = (out.json as { id?: string } | undefined)?.id;
            if (out.status === 201 && out.etag && id) live.set(id, out.etag);
            return out;
          }
          const [id, tag] = [...live][serial % live.size]!;
          if (serial % 2) {
            const out = await send({ method: 'PUT', path: `/v1/products/${id}`, body: smallProduct(`soak-${serial}`, serial), headers: { 'if-match': tag } });
            if (out.status === 200 && out.etag) live.set(id, out.etag);
            return out;
          }
          live.delete(id);
          // A deleted product's results are no longer served (404): forget them.
          for (let j = results.length - 1; j >= 0; j--) if (results[j]!.product === id) results.splice(j, 1);
          return send({ method: 'DELETE', path: `/v1/products/${id}` });
        } },
        { name: 'products read (get, list, versions)', weight: 12, make: () => {
          const ids = [...live.keys()];
          if (!ids.length || serial % 4 === 0) return send({ method: 'GET', path: '/v1/products?limit=20' });
          const id = ids[serial % ids.length]!;
          return send({ method: 'GET', path: serial % 2 ? `/v1/products/${id}` : `/v1/products/${id}/versions` });
        } },
        { name: 'POST /v1/products/{id}/calculate', weight: 6, make: async () => {
          const ids = [...live.keys()];
          if (!ids.length) return send({ method: 'GET', path: '/v1/products?limit=20' });
          const product = ids[serial % ids.length]!;
          const out = await send({ method: 'POST', path: `/v1/products/${product}/calculate` });
          const id = (out.json as { id?: string } | undefined)?.id;
          if (out.status === 201 && id) {
            results.push({ id, product });
            if (results.length > 100) results.shift();
          }
          return out;
        } },
        { name: 'GET /v1/results/{id}/report (html)', weight: 4, make: () => results.length
          ? send({ method: 'GET', path: `/v1/results/${results[serial % results.length]!.id}/report?format=html&lang=${serial % 2 ? 'en' : 'zh'}` })
          : send({ method: 'GET', path: '/v1/datasets' }) },
        { name: 'catalogue (search, factor, datasets)', weight: 22, make: () => {
          const k = serial % 4;
          if (k === 0) return send({ method: 'GET', path: '/v1/datasets' });
          if (k === 1) return send({ method: 'GET', path: `/v1/factors/${pick(factorIds)}` });
          return send({ method: 'GET', path: `/v1/factors?q=${encodeURIComponent(pick(searches))}&limit=20` });
        } },
        { name: 'POST /v1/reports/cfp (json, html)', weight: 8, make: () =>
          send({ method: 'POST', path: `/v1/reports/cfp?format=${serial % 2 ? 'html' : 'json'}`, body: { product: smallProduct(`report-${serial % 10}`, serial % 10) } }) },
        { name: 'GET /health', weight: 1, make: () => send({ method: 'GET', path: '/health' }) },
      ];
      const wheel = kinds.flatMap((k) => Array.from({ length: k.weight }, () => k));
      // Spread kinds over the wheel deterministically (a fixed shuffle), so every second sees the mix.
      for (let i = wheel.length - 1; i > 0; i--) {
        const j = (i * 7919 + 13) % (i + 1);
        [wheel[i], wheel[j]] = [wheel[j]!, wheel[i]!];
      }

      const latencies = new Map<string, number[]>(kinds.map((k) => [k.name, []]));
      const statuses = new Map<string, Map<number, number>>(kinds.map((k) => [k.name, new Map()]));
      let inFlight = 0;
      let skipped = 0;
      let failures = 0;
      let sent = 0;

      const runStart = performance.now();
      const sample = () => {
        const mib = rssMiB(pid);
        if (mib !== undefined) samples.push({ t: (performance.now() - runStart) / 1000, mib });
      };
      sample();
      sampler = setInterval(sample, sampleS * 1000);

      const durationMs = minutes * 60_000;
      const totalPlanned = Math.round((durationMs / 1000) * rate);
      await new Promise<void>((done) => {
        let i = 0;
        const tick = () => {
          const due = Math.min(totalPlanned, Math.floor(((performance.now() - runStart) / 1000) * rate));
          for (; i < due; i++) {
            if (inFlight >= MAX_IN_FLIGHT) { skipped++; continue; }
            const kind = wheel[i % wheel.length]!;
            serial++;
            inFlight++;
            sent++;
            const t = performance.now();
            kind.make().then(
              (out) => {
                latencies.get(kind.name)!.push(performance.now() - t);
                const s = statuses.get(kind.name)!;
                s.set(out.status, (s.get(out.status) ?? 0) + 1);
                if (out.status >= 500) failures++;
              },
              () => { failures++; },
            ).finally(() => { inFlight--; });
          }
          if (i >= totalPlanned || child.exitCode !== null) {
            const wait = () => (inFlight === 0 ? done() : setTimeout(wait, 50));
            wait();
          } else setTimeout(tick, 5);
        };
        tick();
      });
      clearInterval(sampler);
      sample();
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) during the soak:\n${stderr.slice(-2000)}`);

      const elapsedS = (performance.now() - runStart) / 1000;
      const mibs = samples.map((s) => s.mib);
      const half = samples.filter((s) => s.t >= elapsedS / 2);
      const perMinute = slope(half.map((s) => ({ x: s.t / 60, y: s.mib })));
      const firstHalfMax = Math.max(...samples.filter((s) => s.t < elapsedS / 2).map((s) => s.mib));
      const all = [...latencies.values()].flat().sort((a, b) => a - b);

      process.stdout.write(`\n${sent} requests in ${elapsedS.toFixed(0)} s (${(sent / elapsedS).toFixed(1)}/s), ${skipped} not sent (${MAX_IN_FLIGHT} already in flight), ${failures} 5xx or failed\n\n`);
      process.stdout.write('| requests | count | p50 ms | p99 ms | statuses |\n| --- | --- | --- | --- | --- |\n');
      for (const k of kinds) {
        const l = latencies.get(k.name)!.sort((a, b) => a - b);
        const s = [...statuses.get(k.name)!].sort((a, b) => a[0] - b[0]).map(([code, n]) => `${code}×${n}`).join(' ');
        process.stdout.write(`| ${k.name} | ${l.length} | ${percentile(l, 0.5).toFixed(1)} | ${percentile(l, 0.99).toFixed(1)} | ${s} |\n`);
      }
      process.stdout.write(`| all | ${all.length} | ${percentile(all, 0.5).toFixed(1)} | ${percentile(all, 0.99).toFixed(1)} | |\n\n`);
      process.stdout.write(`RSS (MiB): ready ${startMiB.toFixed(1)}, start of load ${mibs[0]!.toFixed(1)}, min ${Math.min(...mibs).toFixed(1)}, ` +
        `max ${Math.max(...mibs).toFixed(1)}, end ${mibs[mibs.length - 1]!.toFixed(1)}; ${samples.length} samples\n`);
      process.stdout.write(`RSS slope over the second half: ${perMinute >= 0 ? '+' : ''}${perMinute.toFixed(2)} MiB/min ` +
        `(max of the first half ${firstHalfMax.toFixed(1)} MiB)\n`);
      const every = Math.max(1, Math.floor(samples.length / 12));
      process.stdout.write(`RSS over time: ${samples.filter((_, j) => j % every === 0 || j === samples.length - 1).map((s) => `${(s.t / 60).toFixed(1)}m ${s.mib.toFixed(0)}`).join(', ')}\n`);
      // Growth is what is judged: RSS falling back after start-up (a GC returning start-up garbage) is not.
      const flat = perMinute <= 1 && mibs[mibs.length - 1]! <= firstHalfMax * 1.05;
      process.stdout.write(`verdict: RSS ${flat ? 'flat (no growth: second-half slope ≤ 1 MiB/min, end ≤ first-half max + 5 %)' : 'GROWING'}; ${failures === 0 ? 'no' : failures} 5xx/failed requests\n`);
      if (failures) process.exitCode = 1;
    } finally {
      if (sampler) clearInterval(sampler);
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((r) => {
          const force = setTimeout(() => { child.kill('SIGKILL'); r(); }, 10_000);
          child.once('exit', () => { clearTimeout(force); r(); });
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

/**
 * `pnpm bench -- --only soak [--minutes 10] [--rate 20] [--port 3437] [--sample 5] [--mix storing|steady]
 * [--no-gc]`: memory soak of the server as `pnpm start` runs it (`node --import tsx server/src/main.ts`,
 * embedded PGlite in a fresh data directory) started as a child on 127.0.0.1. It sends a fixed mix of
 * requests at a bounded rate for a bounded time, samples the child's RSS (VmRSS in /proc/<pid>/status)
 * and, over an IPC channel, how RSS splits (V8 heap used, external and ArrayBuffers, PGlite's
 * WebAssembly memory), and the size of the data directory (tables and indexes; WAL). It prints
 * start/end and the second-half slope (MiB per minute) of each, p50/p99 latency per kind of request,
 * then a verdict. Loopback only; stops by itself (at most `--minutes`, 60 at most, plus start-up), and
 * never has more than 16 requests in flight.
 *
 * Mixes: `storing` (default) creates, updates and deletes products and stores calculations: the data
 * really stored grows all the time (versions and results are immutable, a delete only marks the
 * product), so RSS may grow with it and is judged per MiB stored. `steady` stores nothing after a
 * seed of 30 products with results: the same reads, calculations and reports, and its writes are
 * conditional writes refused for a stale If-Match (412): the write routes run (body validation, the
 * current version read) but no transaction writes, and the data stays the same size; its RSS must be
 * flat. (No API call can keep the stored data the same size while writing: nothing is ever deleted.)
 *
 * The server runs with --expose-gc and a full GC runs before each sample, so RSS is what is held, not
 * garbage waiting for V8's next major GC: without it RSS is a saw (±20–40 MiB over a minute or two
 * here, heap used flat), and a 3- or 10-minute slope measures where the saw's teeth fall, not growth.
 * `--no-gc` samples RSS as it comes (to watch the saw).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { product200 } from './api.js';
import type { BenchModule } from './main.js';

const KEY = 'soak-admin-key-0123456789abcdef';
const MAX_IN_FLIGHT = 16;
/** RSS is flat when its slope over the second half is at most this (MiB per minute) and it ends ≤ the first half's max + 5 %. */
const FLAT_MIB_PER_MINUTE = 1;
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

/**
 * Resident MiB of the WebAssembly memory of `pid`, found in /proc/<pid>/smaps as the one anonymous
 * read-write mapping exactly `wasmBytes` long (V8 maps a wasm memory on its own, inside a reservation
 * of several GiB); undefined when no single mapping fits. The wasm memory's size (byteLength) only says
 * what was reserved by memory.grow; this says how much of it PostgreSQL has touched.
 */
export function wasmResidentMiB(pid: number, wasmBytes: number): number | undefined {
  let smaps: string;
  try {
    smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return undefined;
  }
  const fits: number[] = [];
  let candidate = false;
  for (const line of smaps.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ (\d+)\s*(\S*)/.exec(line);
    if (head) {
      const size = Number.parseInt(head[2]!, 16) - Number.parseInt(head[1]!, 16);
      candidate = size === wasmBytes && head[3] === 'rw-p' && head[4] === '0' && head[5] === '';
      continue;
    }
    const rss = candidate ? /^Rss:\s+(\d+) kB/.exec(line) : null;
    if (rss) fits.push(Number(rss[1]) / 1024);
  }
  return fits.length === 1 ? fits[0] : undefined;
}

/** Bytes of the files under `dir` (0 when it is gone); a file removed while walking is skipped. */
export function directoryBytes(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) total += directoryBytes(path);
    else {
      try { total += statSync(path).size; } catch { /* removed meanwhile */ }
    }
  }
  return total;
}

/** One sample: seconds since load began, then MiB. */
interface Sample {
  t: number;
  rss: number;
  heapUsed?: number;
  heapTotal?: number;
  external?: number;
  arrayBuffers?: number;
  wasm?: number;
  /** How much of the wasm memory is resident (touched). */
  wasmResident?: number;
  /** Tables, indexes and the rest of the data directory, without the WAL. */
  stored: number;
  wal: number;
}

/** What the server answers over IPC (server/src/main.ts, memoryReport), in bytes. */
interface MemoryReport { type: 'memory'; rss: number; heapTotal: number; heapUsed: number; external: number; arrayBuffers: number; wasm: number | null }

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
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was ready`);
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
    if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`--port must be in 1024–65535, not ${port}`);
    const mixAt = args.indexOf('--mix');
    const mix = mixAt >= 0 ? args[mixAt + 1] : 'storing';
    if (mix !== 'storing' && mix !== 'steady') throw new Error(`--mix must be storing or steady, not ${mix}`);
    const forceGc = !args.includes('--no-gc');

    const dataDir = mkdtempSync(join(tmpdir(), 'greenlca-soak-'));
    const base = `http://127.0.0.1:${port}`;
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(forceGc ? ['--expose-gc'] : []), '--conditions=@greenlca/source', '--import', 'tsx', 'server/src/main.ts'], {
      cwd: repoRoot,
      // The IPC channel carries the server's memory reports (server/src/main.ts).
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: {
        ...process.env, NODE_OPTIONS: '', PORT: String(port), HOST: '127.0.0.1', GREENLCA_DATA_DIR: dataDir, GREENLCA_API_KEY: KEY,
        // The bench's own mix must never meet the per-key limit.
        GREENLCA_RATE_LIMIT: String(Math.ceil(rate * 60 * 4)), LOG_LEVEL: 'warn',
      },
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { if (stderr.length < 64 * 1024) stderr += d.toString(); });
    const pid = child.pid!;
    const samples: Sample[] = [];
    let sampler: NodeJS.Timeout | undefined;
    const MiB = 1024 * 1024;
    /** Ask the server how its memory splits; undefined when it does not answer within 2 s. */
    const askMemory = (): Promise<MemoryReport | undefined> => new Promise((answer) => {
      const timer = setTimeout(() => { child.off('message', onMessage); answer(undefined); }, 2000);
      const onMessage = (m: unknown) => {
        if ((m as { type?: unknown }).type !== 'memory') return;
        clearTimeout(timer);
        child.off('message', onMessage);
        answer(m as MemoryReport);
      };
      child.on('message', onMessage);
      try { child.send({ type: 'memory', gc: forceGc }); } catch { clearTimeout(timer); child.off('message', onMessage); answer(undefined); }
    });

    try {
      try {
        await waitReady(base, child, 240_000);
      } catch (error) {
        throw new Error(`${(error as Error).message}:\n${stderr.slice(-2000)}`);
      }
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

      // Live stored products (id → ETag) and stored results; the storing mix deletes as it creates, so
      // both lists stay bounded (the rows themselves stay stored: versions and results are immutable).
      const live = new Map<string, string>();
      const results: { id: string; product: string }[] = [];
      let serial = 0;
      const pick = <T>(xs: readonly T[]): T => xs[serial % xs.length]!;
      const factorIds = ['desnz-2025/electricity-uk', 'cn-mee/electricity-national-2021', 'desnz-2025/material-metal-steel-cans-primary'];
      const searches = ['electricity', 'steel', '电力', 'freight hgv', 'plastic rigid'];
      // 40 distinct 200-line products: the result cache sees repeats and new bodies.
      const bodies = Array.from({ length: 40 }, (_, i) => product200(i));

      if (mix === 'steady') {
        // The steady mix's data, stored before load starts: 30 products, each with a stored result.
        for (let k = 0; k < 30; k++) {
          const made = await send({ method: 'POST', path: '/v1/products', body: smallProduct(`steady-${k}`, k) });
          const id = (made.json as { id?: string } | undefined)?.id;
          if (made.status !== 201 || !made.etag || !id) throw new Error(`seeding the steady mix: POST /v1/products answered ${made.status}`);
          live.set(id, made.etag);
          const calc = await send({ method: 'POST', path: `/v1/products/${id}/calculate` });
          const rid = (calc.json as { id?: string } | undefined)?.id;
          if (calc.status !== 201 || !rid) throw new Error(`seeding the steady mix: POST /v1/products/{id}/calculate answered ${calc.status}`);
          results.push({ id: rid, product: id });
        }
      }

      type Kind = { name: string; weight: number; make: () => Promise<Outcome> };
      const storingWrites: Kind[] = [
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
      ];
      const steadyWrites: Kind[] = [
        storingWrites[0]!,
        storingWrites[1]!,
        { name: 'products update / delete refused (stale If-Match: 412)', weight: 12, make: () => {
          const [id] = [...live][serial % live.size]!;
          return serial % 2
            ? send({ method: 'PUT', path: `/v1/products/${id}`, body: smallProduct(`steady-${serial}`, serial), headers: { 'if-match': '"999999"' } })
            : send({ method: 'DELETE', path: `/v1/products/${id}`, headers: { 'if-match': '"999999"' } });
        } },
      ];
      const storedCalculation: Kind = mix === 'storing'
        ? { name: 'POST /v1/products/{id}/calculate', weight: 6, make: async () => {
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
        } }
        : { name: 'stored results read (result, product results)', weight: 6, make: () => {
          const r = results[serial % results.length]!;
          return send({ method: 'GET', path: serial % 2 ? `/v1/results/${r.id}` : `/v1/products/${r.product}/results` });
        } };
      const kinds: Kind[] = [
        ...(mix === 'storing' ? storingWrites : steadyWrites),
        { name: 'products read (get, list, versions)', weight: 12, make: () => {
          const ids = [...live.keys()];
          if (!ids.length || serial % 4 === 0) return send({ method: 'GET', path: '/v1/products?limit=20' });
          const id = ids[serial % ids.length]!;
          return send({ method: 'GET', path: serial % 2 ? `/v1/products/${id}` : `/v1/products/${id}/versions` });
        } },
        storedCalculation,
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
      let sampling = false;
      const sample = async () => {
        if (sampling) return; // the previous sample is still waiting for its report
        sampling = true;
        try {
          const report = await askMemory();
          const rss = rssMiB(pid);
          if (rss === undefined) return;
          const mib = (bytes: number | null | undefined) => (typeof bytes === 'number' ? bytes / MiB : undefined);
          const wal = directoryBytes(join(dataDir, 'pg_wal'));
          samples.push({
            t: (performance.now() - runStart) / 1000, rss,
            ...(report ? { heapUsed: mib(report.heapUsed)!, heapTotal: mib(report.heapTotal)!, external: mib(report.external)!, arrayBuffers: mib(report.arrayBuffers)! } : {}),
            ...(report?.wasm != null ? { wasm: mib(report.wasm)! } : {}),
            ...(report?.wasm != null && wasmResidentMiB(pid, report.wasm) !== undefined ? { wasmResident: wasmResidentMiB(pid, report.wasm)! } : {}),
            stored: (directoryBytes(dataDir) - wal) / MiB, wal: wal / MiB,
          });
        } finally {
          sampling = false;
        }
      };
      await sample();
      sampler = setInterval(() => void sample(), sampleS * 1000);

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
          if (i >= totalPlanned || (child.exitCode !== null || child.signalCode !== null)) {
            const wait = () => (inFlight === 0 ? done() : setTimeout(wait, 50));
            wait();
          } else setTimeout(tick, 5);
        };
        tick();
      });
      clearInterval(sampler);
      while (sampling) await new Promise((r) => setTimeout(r, 20));
      await sample();
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) during the soak:\n${stderr.slice(-2000)}`);

      const elapsedS = (performance.now() - runStart) / 1000;
      const rss = samples.map((s) => s.rss);
      const half = samples.filter((s) => s.t >= elapsedS / 2);
      const slopeOf = (pick: (s: Sample) => number | undefined): number | undefined => {
        const points = half.flatMap((s) => { const y = pick(s); return y === undefined ? [] : [{ x: s.t / 60, y }]; });
        return points.length >= 2 ? slope(points) : undefined;
      };
      const perMinute = slopeOf((s) => s.rss)!;
      const firstHalfMax = Math.max(...samples.filter((s) => s.t < elapsedS / 2).map((s) => s.rss));
      const all = [...latencies.values()].flat().sort((a, b) => a - b);

      process.stdout.write(`\n${sent} requests in ${elapsedS.toFixed(0)} s (${(sent / elapsedS).toFixed(1)}/s), ${skipped} not sent (${MAX_IN_FLIGHT} already in flight), ${failures} 5xx or failed\n\n`);
      process.stdout.write('| requests | count | p50 ms | p99 ms | statuses |\n| --- | --- | --- | --- | --- |\n');
      for (const k of kinds) {
        const l = latencies.get(k.name)!.sort((a, b) => a - b);
        const s = [...statuses.get(k.name)!].sort((a, b) => a[0] - b[0]).map(([code, n]) => `${code}×${n}`).join(' ');
        process.stdout.write(`| ${k.name} | ${l.length} | ${percentile(l, 0.5).toFixed(1)} | ${percentile(l, 0.99).toFixed(1)} | ${s} |\n`);
      }
      process.stdout.write(`| all | ${all.length} | ${percentile(all, 0.5).toFixed(1)} | ${percentile(all, 0.99).toFixed(1)} | |\n\n`);
      const first = samples[0]!;
      const last = samples[samples.length - 1]!;
      process.stdout.write(`RSS (MiB): ready ${startMiB.toFixed(1)}, start of load ${first.rss.toFixed(1)}, min ${Math.min(...rss).toFixed(1)}, ` +
        `max ${Math.max(...rss).toFixed(1)}, end ${last.rss.toFixed(1)}; ${samples.length} samples${forceGc ? ', each after a full GC' : ''}\n\n`);
      const signed = (v: number | undefined) => (v === undefined ? '–' : `${v >= 0 ? '+' : ''}${v.toFixed(2)}`);
      const fixed = (v: number | undefined) => (v === undefined ? '–' : v.toFixed(1));
      const parts: [string, (s: Sample) => number | undefined][] = [
        ['RSS', (s) => s.rss], ['V8 heap used', (s) => s.heapUsed], ['V8 heap total (reserved for JS)', (s) => s.heapTotal], ['external (Buffers, …)', (s) => s.external],
        ['of which ArrayBuffers', (s) => s.arrayBuffers], ['PGlite wasm memory (size)', (s) => s.wasm],
        ['PGlite wasm memory (resident)', (s) => s.wasmResident], ['RSS outside the wasm memory', (s) => (s.wasmResident === undefined ? undefined : s.rss - s.wasmResident)],
        ['stored: data directory without WAL', (s) => s.stored], ['stored: WAL (pg_wal)', (s) => s.wal],
      ];
      process.stdout.write('| MiB | start | end | second-half slope MiB/min |\n| --- | --- | --- | --- |\n');
      for (const [name, get] of parts) process.stdout.write(`| ${name} | ${fixed(get(first))} | ${fixed(get(last))} | ${signed(slopeOf(get))} |\n`);
      const grows = samples.flatMap((s, j) => (j && s.wasm !== undefined && samples[j - 1]!.wasm !== undefined && s.wasm > samples[j - 1]!.wasm!
        ? [`${(s.t / 60).toFixed(1)}m ${samples[j - 1]!.wasm!.toFixed(0)}→${s.wasm.toFixed(0)}`] : []));
      process.stdout.write(`\nPGlite wasm memory grew: ${grows.length ? grows.join(', ') : 'never during the load'}\n`);
      const every = Math.max(1, Math.floor(samples.length / 12));
      process.stdout.write(`RSS over time: ${samples.filter((_, j) => j % every === 0 || j === samples.length - 1).map((s) => `${(s.t / 60).toFixed(1)}m ${s.rss.toFixed(0)}`).join(', ')}\n`);
      process.stdout.write(`RSS slope over the second half: ${signed(perMinute)} MiB/min (max of the first half ${firstHalfMax.toFixed(1)} MiB)\n`);
      // Growth is what is judged: RSS falling back after start-up (a GC returning start-up garbage) is not.
      const flat = perMinute <= FLAT_MIB_PER_MINUTE && last.rss <= firstHalfMax * 1.05;
      const storedPerMinute = slopeOf((s) => s.stored) ?? 0;
      const storedMiB = last.stored - first.stored;
      if (mix === 'storing') {
        // Stored data can only be held in memory by PostgreSQL (its buffer pool and caches, inside the
        // wasm memory); JavaScript keeps no stored rows. So growth per stored MiB is judged there.
        const wasmGrowth = last.wasmResident !== undefined && first.wasmResident !== undefined ? last.wasmResident - first.wasmResident : undefined;
        process.stdout.write(`stored data: +${storedMiB.toFixed(1)} MiB over the run (${signed(storedPerMinute)} MiB/min in the second half); ` +
          `RSS ${signed(perMinute)} MiB/min = ${storedPerMinute > 0 ? signed(perMinute / storedPerMinute) : '–'} MiB of RSS per stored MiB; ` +
          `PGlite's resident wasm memory ${wasmGrowth === undefined ? 'unknown' : `${signed(wasmGrowth)} MiB`} ` +
          `(${storedMiB > 0 && wasmGrowth !== undefined ? `${signed(wasmGrowth / storedMiB)} MiB per stored MiB; ` : ''}at most its size, ${fixed(last.wasm)} MiB, which grows only by memory.grow, listed above)\n`);
      }
      process.stdout.write(`verdict (${mix} mix): RSS ${flat ? `flat (no growth: second-half slope ≤ ${FLAT_MIB_PER_MINUTE} MiB/min, end ≤ first-half max + 5 %)` : 'GROWING'}; ` +
        `${failures === 0 ? 'no' : failures} 5xx/failed requests\n`);
      if (mix === 'steady' && storedMiB > 1) process.stdout.write(`warning: the steady mix stored ${storedMiB.toFixed(1)} MiB; it should store nothing\n`);
      if (failures) process.exitCode = 1;
    } finally {
      if (sampler) clearInterval(sampler);
      if (child.exitCode === null && child.signalCode === null) {
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

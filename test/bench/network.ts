/**
 * Network benchmark (issue 18, must-haves 1–3): our matrix LCA against SciPy on Brightway's solve paths,
 * in interleaved pairs in the same run, on the shared synthetic networks (gen_network.py, cached in
 * .networks/).
 *
 * SciPy runs in a helper process kept open for the whole run (scipy_pairs.py, OPENBLAS_NUM_THREADS=1);
 * each pair is one run of ours then one run of SciPy's, so both sides see the same load on this shared
 * machine, and every ratio is the median of the per-pair ratios. Per size:
 *   single   one demand "cold as `network solve` measures it": factorise (structure kept per pattern)
 *            + solve + LCIA, against bw2calc's fastest path here, Jacobi-GMRES from a cold start (SuperLU
 *            spsolve takes 13 s at n = 20,000 on this machine, seconds to minutes more at 50,000; see
 *            ../shared/bench/RESULTS.md and --scipy-ref). Goal ≤ 0.5, h within 1e-9 of a direct solve.
 *   multi    1,000 unit demands (100 at 50,000) by the adjoint method, against SciPy doing the same
 *            method (k adjoint GMRES solves on Aᵀ; --adjoint-paths adds SuperLU on Aᵀ). Goal ≤ 0.5.
 *   mc       200 Monte Carlo runs (50 at 50,000), against warm-started Jacobi-GMRES. Goal ≤ 0.5.
 * Then the growth of the single solve with n on both sides (log-log slope over all sizes run, and over the
 * two largest when three or more ran), goal: ours at or below SciPy GMRES's.
 *
 * Options: --sizes 2000,20000,50000  --pairs N (single-demand pairs, default 9; multi 5, mc 3)
 *   --workloads single,multi,mc (default all three; the scaling line needs single)
 *   --adjoint-paths LIST  --no-exact (skip the SuperLU reference h at n ≤ 20,000)
 *   --scipy-ref (also run shared/bench/scipy_ref.py, cached per network and flags: every bw2calc path)
 */
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { readNetwork, runNetwork } from '../../packages/cli/src/commands/network.js';
import { sharedDir } from '../../datasets/build/lib/paths.js';
import type { BenchModule } from './main.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const cache = join(here, '.networks');
const shared = sharedDir();
const benchDir = join(shared, 'bench');

/** Per size: our workload sizes (matching the SciPy side's) and the scipy_ref.py flags for --scipy-ref. */
const PLANS: Record<number, { flags: string[]; multi: number; mc: number }> = {
  2000: { flags: ['--repeats', '5', '--multi', '1000', '--mc', '200', '--mc-slow', '20', '--skip-superlu-csc'], multi: 1000, mc: 200 },
  20000: { flags: ['--light', '--repeats', '3', '--multi', '1000', '--multi-repeats', '1', '--mc', '200', '--mc-slow', '2', '--skip-superlu-csc'], multi: 1000, mc: 200 },
  50000: { flags: ['--light', '--repeats', '1', '--multi', '100', '--multi-repeats', '1', '--mc', '50', '--mc-slow', '1', '--skip-superlu-csc'], multi: 100, mc: 50 },
};
const GOAL = 0.5;

/** One size's median single-demand times, for the growth lines. */
interface Growth {
  n: number;
  ours: number;
  scipy: number;
}

interface PairRow {
  n: number;
  workload: string;
  oursMs: number;
  scipyMs: number;
  scipyPath: string;
  ratio: number;
  pairs: number;
  hDiff: string;
  note: string;
}

export const bench: BenchModule = {
  description: 'matrix LCA (single demand, 1,000 demands, Monte Carlo) vs SciPy on Brightway’s solve paths, interleaved pairs',
  async run(args) {
    const sizes = option(args, '--sizes', '2000,20000,50000').split(',').map(Number);
    const pairs = Number(option(args, '--pairs', '9'));
    const adjointPaths = option(args, '--adjoint-paths', 'jacobi_gmres_AT').split(',');
    const exact = !args.includes('--no-exact');
    const workloads = new Set(option(args, '--workloads', 'single,multi,mc').split(','));
    const unknown = [...workloads].filter((w) => !['single', 'multi', 'mc'].includes(w));
    if (unknown.length) throw new Error(`unknown workload(s) ${unknown.join(', ')}; choose from single, multi, mc`);
    mkdirSync(cache, { recursive: true });
    const rows: PairRow[] = [];
    const growth: Growth[] = [];
    for (const n of sizes) {
      const plan = PLANS[n];
      if (!plan) throw new Error(`no plan for n = ${n}; sizes are ${Object.keys(PLANS).join(', ')}`);
      const dir = ensureNetwork(n);
      if (args.includes('--scipy-ref')) printScipyRef(n, scipyRefResults(dir, n, plan.flags, args.includes('--fresh-scipy')));
      const network = readNetwork(dir);
      const scipy = await ScipyPairs.start(dir);
      try {
        log(`n = ${n}: warming up`);
        // The first run plans the pattern's structure (kept for every later run) and compiles the code.
        const first = runNetwork(network, { multi: false, mc: 0, seed: 42, repeats: 1, warmup: 1 });
        if (workloads.has('single')) {
          const reference = exact && n <= 20000 ? ((await scipy.request('single superlu_colamd_spsolve_csr')).h as number[]) : undefined;
          // Single demand.
          const single = await interleave(pairs, () => runNetwork(network, { multi: false, mc: 0, seed: 42, repeats: 1, warmup: 0 }), (r) => r.timingsMs.single, () => scipy.request('single jacobi_gmres_cold'));
          const ours = single.lastOurs;
          const hRef = reference ?? (single.lastScipy.h as number[]);
          rows.push({
            ...summary(n, 'one demand', 'jacobi_gmres_cold', single),
            hDiff: `${relDiff(ours.h, hRef).toExponential(1)} vs ${reference ? 'SuperLU' : 'SciPy GMRES (rtol 1e-10)'}`,
            note: `${ours.details.passes} passes, ω ${ours.details.backwardError.toExponential(0)}; first run of the process (plans the pattern) ${first.details.firstRunMs.toFixed(0)} ms`,
          });
          growth.push({ n, ours: median(single.ours), scipy: median(single.scipy) });
        }
        // Many demands by the adjoint method, both sides.
        for (const path of workloads.has('multi') ? adjointPaths : []) {
          const multi = await interleave(Math.max(3, Math.ceil(pairs / 2)), () => runNetwork(network, { multi: true, multiCount: plan.multi, mc: 0, seed: 42, repeats: 1, warmup: 0 }), (r) => r.timingsMs.multi!, () => scipy.request(`adjoint ${path} ${plan.multi}`));
          rows.push({
            ...summary(n, `${plan.multi.toLocaleString('en-US')} demands`, `${path} (same adjoint method)`, multi),
            hDiff: relDiff(multi.lastOurs.details.multi!.hFirst, multi.lastScipy.h_first as number[]).toExponential(1),
            note: `${multi.lastOurs.details.multi!.method}`,
          });
        }
        // Monte Carlo.
        if (!workloads.has('mc')) continue;
        // The CPU-time ratio of each pair as well: on a shared machine it moves less with the load.
        const cpuRatios: number[] = [];
        let oursCpuMs = NaN;
        const mc = await interleave(
          3,
          () => {
            const run = runNetwork(network, { multi: false, mc: plan.mc, seed: 42, repeats: 1, warmup: 0 });
            oursCpuMs = run.details.mc!.cpuMs;
            return run;
          },
          (r) => r.timingsMs.mc!,
          async () => {
            const answer = await scipy.request(`mc ${plan.mc} 1234`);
            cpuRatios.push(oursCpuMs / (answer.cpu_ms as number));
            return answer;
          },
        );
        const oursMc = mc.lastOurs.details.mc!;
        rows.push({
          ...summary(n, `${plan.mc} Monte Carlo runs`, 'gmres_jacobi_warmstart', mc),
          hDiff: `mean h₀ ${((oursMc.h0Mean / (mc.lastScipy.h0_mean as number) - 1) * 100).toFixed(2)}%`,
          note: `${oursMc.passesPerIteration.toFixed(1)} passes/run, ω ≤ ${oursMc.worstBackwardError.toExponential(0)}; CPU-time ratio ${median(cpuRatios).toFixed(3)} (steadier under load)`,
        });
      } finally {
        scipy.close();
      }
    }
    printTable(rows);
    // Over all sizes run, and over the two largest: at 2,000 SciPy's time is mostly fixed Python cost, which no
    // linear-time solver can match in growth; from 20,000 up both sides do the same kind of work.
    const spans: [Growth, Growth][] = [];
    if (growth.length >= 2) spans.push([growth[0]!, growth[growth.length - 1]!]);
    if (growth.length >= 3) spans.push([growth[growth.length - 2]!, growth[growth.length - 1]!]);
    for (const [a, b] of spans) {
      const slope = (x: number, y: number) => Math.log(y / x) / Math.log(b.n / a.n);
      const ours = slope(a.ours, b.ours);
      const theirs = slope(a.scipy, b.scipy);
      process.stdout.write(
        `\nscaling of one demand from n = ${a.n} to ${b.n} (medians): ours n^${ours.toFixed(2)}, SciPy Jacobi-GMRES n^${theirs.toFixed(2)}; ` +
          `goal ours ≤ SciPy's: ${ours <= theirs ? 'met' : 'NOT met'}\n`,
      );
    }
    writeFileSync(join(cache, 'last-network-bench.json'), JSON.stringify({ date: new Date().toISOString(), load: loadavg(), rows, growth }, null, 1));
    process.stdout.write(
      `\nratio = median over interleaved pairs of ours / SciPy (scipy_pairs.py, OPENBLAS_NUM_THREADS=1), goal ≤ ${GOAL}; ` +
        `load average now ${loadavg().map((x) => x.toFixed(1)).join(', ')} (2 cores, shared).\n`,
    );
  },
};

interface Interleaved<T> {
  ours: number[];
  scipy: number[];
  ratios: number[];
  lastOurs: T;
  lastScipy: Record<string, unknown>;
  loads: number[];
}

/** `count` pairs: ours, then SciPy's, one after the other. */
async function interleave<T>(count: number, ours: () => T, ms: (r: T) => number, theirs: () => Promise<Record<string, unknown>>): Promise<Interleaved<T>> {
  const out = { ours: [] as number[], scipy: [] as number[], ratios: [] as number[], loads: [] as number[] } as Interleaved<T>;
  for (let i = 0; i < count; i++) {
    out.lastOurs = ours();
    const a = ms(out.lastOurs);
    out.lastScipy = await theirs();
    const b = out.lastScipy.ms as number;
    out.ours.push(a);
    out.scipy.push(b);
    out.ratios.push(a / b);
    out.loads.push(loadavg()[0]!);
  }
  return out;
}

function summary(n: number, workload: string, scipyPath: string, r: Interleaved<unknown>): Omit<PairRow, 'hDiff' | 'note'> {
  return { n, workload, oursMs: median(r.ours), scipyMs: median(r.scipy), scipyPath, ratio: median(r.ratios), pairs: r.ratios.length };
}

/** The SciPy helper process: one request per line, one JSON answer per line. */
class ScipyPairs {
  private readonly lines: AsyncIterator<string>;
  private constructor(private readonly child: ChildProcessByStdio<Writable, Readable, null>) {
    this.lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  }

  static async start(dir: string): Promise<ScipyPairs> {
    const child = spawn('python3', [join(here, 'scipy_pairs.py'), dir], { env: { ...process.env, OPENBLAS_NUM_THREADS: '1' }, stdio: ['pipe', 'pipe', 'inherit'] });
    const helper = new ScipyPairs(child);
    await helper.next(); // {"ready": true} once the network is loaded
    return helper;
  }

  async request(line: string): Promise<Record<string, unknown>> {
    this.child.stdin.write(line + '\n');
    const answer = await this.next();
    if (typeof answer.error === 'string') throw new Error(`scipy_pairs.py ${line}: ${answer.error}`);
    return answer;
  }

  close(): void {
    this.child.stdin.end('quit\n');
  }

  private async next(): Promise<Record<string, unknown>> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error('scipy_pairs.py exited (is python3 with numpy and scipy installed?)');
    return JSON.parse(value) as Record<string, unknown>;
  }
}

function option(args: readonly string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
}

function log(text: string): void {
  process.stderr.write(`[bench] ${text}\n`);
}

/** Generate the network once (gen_network.py is deterministic; metadata.json marks a complete folder). */
function ensureNetwork(n: number): string {
  const dir = join(cache, `n${n}`);
  if (existsSync(join(dir, 'metadata.json'))) return dir;
  log(`generating n = ${n} network (gen_network.py)…`);
  const r = spawnSync('python3', [join(benchDir, 'gen_network.py'), dir, '--n', String(n)], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`gen_network.py failed for n = ${n} (is python3 with numpy installed?)`);
  return dir;
}

interface Timing { median: number }
interface ScipyRef {
  timings_ms: { single: Record<string, Timing>; mc: Record<string, unknown>; [multi: `multi_${number}`]: Record<string, Timing | number> };
  measuredAt?: string;
  load?: number;
}

/** scipy_ref.py's full run (every bw2calc path), cached per network checksum and flags: minutes at n ≥ 20,000. */
function scipyRefResults(dir: string, n: number, flags: string[], fresh: boolean): ScipyRef | undefined {
  const meta = readFileSync(join(dir, 'metadata.json'), 'utf8');
  const key = createHash('sha256').update(meta).update(flags.join(' ')).digest('hex').slice(0, 12);
  const file = join(cache, `scipy-n${n}-${key}.json`);
  if (!fresh && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as ScipyRef;
  log(`n = ${n}: running scipy_ref.py ${flags.join(' ')} (minutes at n ≥ 20,000)…`);
  const r = spawnSync('python3', [join(benchDir, 'scipy_ref.py'), dir, ...flags, '--json-out', file + '.tmp'], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    log(`scipy_ref.py failed (exit ${r.status})`);
    return undefined;
  }
  const result = JSON.parse(readFileSync(file + '.tmp', 'utf8')) as ScipyRef;
  result.measuredAt = new Date().toISOString();
  result.load = loadavg()[0];
  writeFileSync(file, JSON.stringify(result));
  unlinkSync(file + '.tmp');
  return result;
}

/** Every bw2calc path's median from scipy_ref.py (not paired: for orientation). */
function printScipyRef(n: number, ref: ScipyRef | undefined): void {
  if (!ref) return;
  const t = ref.timings_ms;
  const lines = Object.entries(t.single).map(([k, v]) => `single ${k}: ${v.median.toFixed(1)} ms`);
  for (const [key, value] of Object.entries(t)) {
    if (!key.startsWith('multi_')) continue;
    for (const [k, v] of Object.entries(value as Record<string, Timing | number>)) if (k.endsWith('_total') && typeof v === 'object') lines.push(`${key} ${k}: ${v.median.toFixed(0)} ms`);
  }
  for (const [k, v] of Object.entries(t.mc)) {
    if (typeof v === 'object' && v !== null) lines.push(`mc ${k}: ${(v as { per_iter_median_ms: number }).per_iter_median_ms.toFixed(1)} ms per run`);
  }
  process.stdout.write(`\nscipy_ref.py at n = ${n} (${ref.measuredAt?.slice(0, 16) ?? '?'}, load ${ref.load?.toFixed(1) ?? '?'}):\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function relDiff(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!) / Math.abs(b[i]!)));
}

function printTable(rows: PairRow[]): void {
  const header = ['n', 'workload', 'ours ms', 'SciPy ms', 'SciPy path', 'ratio (median of pairs)', 'goal', 'pairs', 'max rel h diff', 'notes'];
  process.stdout.write(`\n| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |\n`);
  for (const r of rows) {
    const cells = [
      r.n.toLocaleString('en-US'),
      r.workload,
      r.oursMs.toFixed(1),
      r.scipyMs.toFixed(1),
      r.scipyPath,
      r.ratio.toFixed(3),
      `≤ ${GOAL}: ${r.ratio <= GOAL ? 'met' : 'NOT met'}`,
      String(r.pairs),
      r.hDiff,
      r.note,
    ];
    process.stdout.write(`| ${cells.join(' | ')} |\n`);
  }
}

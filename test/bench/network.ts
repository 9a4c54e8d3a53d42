/**
 * Network benchmark: our matrix LCA against SciPy on Brightway's solve paths, same machine, same run.
 *
 * For each size it generates the shared synthetic network (gen_network.py, cached in .networks/),
 * runs shared/bench/scipy_ref.py (all of bw2calc's paths: SuperLU, UMFPACK when libumfpack5 is
 * installed, Jacobi-GMRES, factorised MultiLCA, Monte Carlo), runs ours through the CLI's code path,
 * and prints, per workload, our time, the fastest SciPy path's time, the ratio, and h agreement.
 *
 * SciPy's direct solvers take minutes at n = 50,000 (SuperLU ~1 min per factorisation), so its
 * results are cached per network checksum and flags; --fresh-scipy re-runs them. Options:
 *   --sizes 2000,20000,50000   --fresh-scipy   --no-scipy   --repeats N (single-demand runs, default 7)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readNetwork, runNetwork, type NetworkRun } from '../../packages/cli/src/commands/network.js';
import type { BenchModule } from './main.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const cache = join(here, '.networks');
const shared = process.env.GREENLCA_SHARED_DIR ?? resolve(here, '..', '..', '..', 'shared');
const benchDir = join(shared, 'bench');

/** Per size: SciPy flags (kept to what finishes in reasonable time) and our matching workload. */
const PLANS: Record<number, { flags: string[]; multi: number; mc: number }> = {
  2000: { flags: ['--repeats', '5', '--multi', '1000', '--mc', '200', '--mc-slow', '20', '--skip-superlu-csc'], multi: 1000, mc: 200 },
  20000: { flags: ['--light', '--repeats', '3', '--multi', '1000', '--multi-repeats', '1', '--mc', '200', '--mc-slow', '2', '--skip-superlu-csc'], multi: 1000, mc: 200 },
  50000: { flags: ['--light', '--repeats', '1', '--multi', '100', '--multi-repeats', '1', '--mc', '50', '--mc-slow', '1', '--skip-superlu-csc'], multi: 100, mc: 50 },
};

interface Timing { median: number }
interface ScipyResult {
  timings_ms: {
    single: Record<string, Timing>;
    lcia: Record<string, Timing>;
    mc: Record<string, unknown>;
    [multi: `multi_${number}`]: Record<string, Timing | number>;
  };
  results: { h_base: number[]; multi_h_checksum: { sum_H: number; h_first_demand: number[] } };
  notes: string[];
  /** When it was measured, and the 1-minute load average then (this machine is shared). */
  measuredAt?: string;
  load?: number;
  /** Set when read back from the cache rather than measured in this run. */
  fromCache?: boolean;
}

interface Row {
  n: number;
  workload: string;
  oursMs: number;
  scipyMs?: number;
  scipyPath?: string;
  hDiff?: string;
  note?: string;
}

export const bench: BenchModule = {
  description: 'matrix LCA (single demand, 1,000 demands, Monte Carlo) vs SciPy on Brightway’s solve paths',
  async run(args) {
    const sizes = option(args, '--sizes', '2000,20000,50000').split(',').map(Number);
    const repeats = Number(option(args, '--repeats', '7'));
    const fresh = args.includes('--fresh-scipy');
    const noScipy = args.includes('--no-scipy');
    mkdirSync(cache, { recursive: true });
    const rows: Row[] = [];
    for (const n of sizes) {
      const plan = PLANS[n];
      if (!plan) throw new Error(`no plan for n = ${n}; sizes are ${Object.keys(PLANS).join(', ')}`);
      const dir = ensureNetwork(n);
      const scipy = noScipy ? undefined : scipyResults(dir, n, plan.flags, fresh);
      log(`n = ${n}: ours`);
      const loadBefore = loadavg()[0]!;
      const ours = runNetwork(readNetwork(dir), { multi: true, multiCount: plan.multi, mc: plan.mc, seed: 42, repeats });
      const compared = compare(n, plan, ours, scipy);
      const loads = `load ${loadBefore.toFixed(1)}${scipy?.load !== undefined ? ` (SciPy's run: ${scipy.load.toFixed(1)}${scipy.fromCache ? `, cached ${scipy.measuredAt?.slice(0, 16)}` : ''})` : ''}`;
      for (const row of compared) row.note = `${row.note}; ${loads}`;
      rows.push(...compared);
    }
    printTable(rows);
    writeFileSync(join(cache, 'last-network-bench.json'), JSON.stringify({ date: new Date().toISOString(), rows }, null, 1));
    process.stdout.write(
      '\nratio = ours / fastest SciPy path measured by shared/bench/scipy_ref.py (OPENBLAS_NUM_THREADS=1); "load" is the\n' +
        '1-minute load average of this shared machine when each side ran. Multi: SciPy paths include their LCIA (H = C B S).\n',
    );
  },
};

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

function scipyResults(dir: string, n: number, flags: string[], fresh: boolean): ScipyResult | undefined {
  const meta = readFileSync(join(dir, 'metadata.json'), 'utf8');
  const key = createHash('sha256').update(meta).update(flags.join(' ')).digest('hex').slice(0, 12);
  const file = join(cache, `scipy-n${n}-${key}.json`);
  if (!fresh && existsSync(file)) {
    log(`n = ${n}: SciPy results from cache (${file}; --fresh-scipy re-runs)`);
    return { ...(JSON.parse(readFileSync(file, 'utf8')) as ScipyResult), fromCache: true };
  }
  log(`n = ${n}: running scipy_ref.py ${flags.join(' ')} (minutes at n ≥ 20,000)…`);
  const t0 = Date.now();
  const r = spawnSync('python3', [join(benchDir, 'scipy_ref.py'), dir, ...flags, '--json-out', file + '.tmp'], {
    env: { ...process.env, OPENBLAS_NUM_THREADS: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) {
    log(`scipy_ref.py failed (exit ${r.status}); reporting our timings only`);
    return undefined;
  }
  const result = JSON.parse(readFileSync(file + '.tmp', 'utf8')) as ScipyResult;
  result.measuredAt = new Date().toISOString();
  result.load = loadavg()[0];
  writeFileSync(file, JSON.stringify(result));
  unlinkSync(file + '.tmp');
  log(`n = ${n}: SciPy done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return result;
}

function fastest(entries: [string, number][]): [string, number] | undefined {
  return entries.filter(([, v]) => Number.isFinite(v)).sort((a, b) => a[1] - b[1])[0];
}

function relDiff(a: readonly number[], b: readonly number[]): number {
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!) / Math.abs(b[i]!)));
}

function compare(n: number, plan: { multi: number; mc: number }, ours: NetworkRun, scipy: ScipyResult | undefined): Row[] {
  const single: Row = { n, workload: 'single', oursMs: ours.timingsMs.single };
  const multi: Row = { n, workload: `multi (${plan.multi} demands)`, oursMs: ours.timingsMs.multi! };
  const mc: Row = { n, workload: `mc (${plan.mc} iterations)`, oursMs: ours.timingsMs.mc! };
  const oursMc = ours.details.mc!;
  mc.note = `${oursMc.passesPerIteration.toFixed(1)} passes/it`;
  single.note = `${ours.details.passes} passes, ω ${ours.details.backwardError.toExponential(0)}, cold first run ${ours.details.firstRunMs.toFixed(0)} ms`;
  multi.note = `${ours.details.multi!.method}`;
  if (!scipy) return [single, multi, mc];
  const t = scipy.timings_ms;
  const s = fastest(Object.entries(t.single).map(([k, v]) => [k, v.median]));
  if (s) [single.scipyPath, single.scipyMs] = s;
  single.hDiff = relDiff(ours.h, scipy.results.h_base).toExponential(1);
  // Multi: each path's factor + solves, plus the cheapest LCIA of all supply vectors (its H = C B S).
  const m = t[`multi_${plan.multi}`]!;
  const lcia = Math.min((m.lcia_H_equals_CB_S_all_columns as Timing).median + t.lcia.precompute_CB!.median, (m.lcia_H_equals_C_B_S_all_columns as Timing).median);
  const multiPaths = Object.entries(m)
    .filter(([k, v]) => k.endsWith('_total') && typeof v === 'object' && !k.includes('solves_only'))
    .map(([k, v]) => [k, (v as Timing).median + lcia] as [string, number]);
  const dense = m.bw2calc_multilca_spsolve_csr_dense_rhs as Timing | undefined;
  if (dense) multiPaths.push(['bw2calc_multilca_spsolve_csr_dense_rhs', dense.median + lcia]);
  const mm = fastest(multiPaths);
  if (mm) [multi.scipyPath, multi.scipyMs] = [mm[0] + ' + LCIA', mm[1]];
  multi.hDiff = relDiff(ours.details.multi!.hFirst, scipy.results.multi_h_checksum.h_first_demand).toExponential(1);
  const mcPaths = Object.entries(t.mc)
    .filter(([, v]) => typeof v === 'object' && v !== null)
    .map(([k, v]) => {
      const r = v as { iterations: number; total_ms: number; per_iter_median_ms: number };
      return [k, r.iterations >= plan.mc ? r.total_ms : r.per_iter_median_ms * plan.mc] as [string, number];
    });
  const mcf = fastest(mcPaths);
  if (mcf) [mc.scipyPath, mc.scipyMs] = mcf;
  const gm = t.mc['gmres_jacobi_warmstart_rtol1e-10'] as { h0_mean: number; h0_std: number } | undefined;
  if (gm) mc.hDiff = `mean h₀ ${((oursMc.h0Mean / gm.h0_mean - 1) * 100).toFixed(2)}% (sd ${((gm.h0_std / gm.h0_mean) * 100).toFixed(1)}%)`;
  return [single, multi, mc];
}

function printTable(rows: Row[]): void {
  const header = ['n', 'workload', 'ours ms', 'SciPy fastest ms', 'ratio', 'max rel h diff', 'SciPy fastest path', 'notes'];
  const lines = rows.map((r) => [
    String(r.n),
    r.workload,
    r.oursMs.toFixed(1),
    r.scipyMs === undefined ? '–' : r.scipyMs.toFixed(1),
    r.scipyMs === undefined ? '–' : (r.oursMs / r.scipyMs).toFixed(3),
    r.hDiff ?? '–',
    r.scipyPath ?? '–',
    r.note ?? '',
  ]);
  process.stdout.write(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |\n`);
  for (const l of lines) process.stdout.write(`| ${l.join(' | ')} |\n`);
}

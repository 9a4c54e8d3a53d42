/**
 * `greenlca network solve DIR`: solve a reference network folder (the lcabench-mtx-1 format of
 * shared/bench/) and time the three workloads the benchmark compares with SciPy/Brightway.
 *
 * Files are read and gunzipped here; everything after that is the engine's pure matrix layer.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
// The engine does not export its matrix layer from its package entry yet; until it does, import the
// module directly (same code, same package).
import {
  demandFromIndices,
  entryPositions,
  factoriseTechnosphere,
  fixedPlan,
  LcaMatrixError,
  lci,
  monteCarlo,
  multiLca,
  parseNetwork,
  type Network,
} from '@greenlca/engine/matrix';
import { flagsOfUsage, flagString, parseArgs, UsageError, type Io } from '../io.js';
import type { Command } from './index.js';

export interface NetworkRunOptions {
  /** Time all of demands.json's multi demands. */
  multi: boolean;
  /** Monte Carlo iterations (0: none). */
  mc: number;
  seed: number;
  /** Runs of the single-demand solve; the median is reported. */
  repeats: number;
  /**
   * Untimed runs first, so timings measure compiled code rather than the JIT compiler (default 3 for
   * the single solve; with any warm-up, one untimed multi run and a 5-iteration Monte Carlo run too).
   */
  warmup?: number;
  /** Use only the first this many multi demands (the benchmark matches SciPy's --multi). */
  multiCount?: number;
}

export interface NetworkRun {
  h: number[];
  residual: number;
  timingsMs: { single: number; multi?: number; mc?: number };
  /** For the benchmark: more than the CLI prints. */
  details: {
    singleRunsMs: number[];
    /** The very first (cold, JIT-compiling) run, NaN without warm-up. */
    firstRunMs: number;
    backwardError: number;
    passes: number;
    method: string;
    multi?: { demands: number; hFirst: number[]; sumH: number; method: string; worstBackwardError: number };
    /** cpuMs: the process's CPU time for the timed run (all threads), steadier than wall time on a shared machine. */
    mc?: { iterations: number; h0Mean: number; h0Sd: number; passesPerIteration: number; worstBackwardError: number; cpuMs: number };
  };
}

/** Read a network folder (gzip or plain Matrix Market). */
export function readNetwork(dir: string): Network {
  const text = (base: string): string => {
    for (const name of [`${base}.mtx.gz`, `${base}.mtx`]) {
      const path = join(dir, name);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      return (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1');
    }
    throw new UsageError(`${dir}: no ${base}.mtx.gz or ${base}.mtx`, 1, 'NETWORK_INPUT');
  };
  const demandsPath = join(dir, 'demands.json');
  if (!existsSync(demandsPath)) throw new UsageError(`${dir}: no demands.json`, 1, 'NETWORK_INPUT');
  return parseNetwork({
    technosphere: text('technosphere'),
    biosphere: text('biosphere'),
    characterisation: text('characterization'),
    demands: readFileSync(demandsPath, 'utf8'),
  });
}

/** Solve the base demand (timed `repeats` times), then the optional multi and Monte Carlo workloads. */
export function runNetwork(network: Network, options: NetworkRunOptions): NetworkRun {
  const { system, demands } = network;
  const n = system.technosphere.matrix.rows;
  const f = demandFromIndices(n, demands.base.indices, demands.base.amounts);
  const singleRunsMs: number[] = [];
  let result: ReturnType<typeof lci> | undefined;
  let firstRunMs = NaN;
  const solveBase = () => {
    // Every run factorises from scratch: nothing is cached between runs.
    const t0 = performance.now();
    result = lci(system, factoriseTechnosphere(system.technosphere, { orderFrom: demands.base.indices }), f);
    return performance.now() - t0;
  };
  // Warm-up: at least `warmup` runs and, when warming up at all, 1.5 s (V8 compiles hot code
  // in the background; on a busy machine that takes a while).
  const warmup = options.warmup ?? 3;
  let spent = 0;
  for (let r = 0; r < warmup || (warmup > 0 && spent < 1500 && r < 300); r++) {
    const ms = solveBase();
    if (r === 0) firstRunMs = ms;
    spent += ms;
  }
  for (let r = 0; r < options.repeats; r++) singleRunsMs.push(solveBase());
  if (!result) throw new UsageError('--repeats must be at least 1');
  const run: NetworkRun = {
    h: Array.from(result.scores),
    residual: result.report.residual,
    timingsMs: { single: median(singleRunsMs) },
    details: { singleRunsMs, firstRunMs, backwardError: result.report.backwardError, passes: result.report.iterations, method: result.report.method },
  };
  if (options.multi) {
    const list = demands.multi.slice(0, options.multiCount ?? demands.multi.length);
    if (list.length === 0) throw new UsageError('demands.json has no multi demands', 1, 'NETWORK_INPUT');
    const solveAll = () => multiLca(system, factoriseTechnosphere(system.technosphere), list);
    if ((options.warmup ?? 3) > 0) solveAll(); // untimed: compiles the adjoint path
    const t0 = performance.now();
    const multi = solveAll();
    run.timingsMs.multi = performance.now() - t0;
    let sumH = 0;
    for (const h of multi.scores) for (const v of h) sumH += v;
    run.details.multi = {
      demands: list.length,
      hFirst: Array.from(multi.scores[0]!),
      sumH,
      method: multi.method,
      worstBackwardError: Math.max(...multi.reports.map((r) => r.backwardError)),
    };
  }
  if (options.mc > 0) {
    const sigma = demands.mcSigma;
    if (sigma === undefined) throw new UsageError('demands.json has no "mc" entry with a sigma', 1, 'NETWORK_INPUT');
    const simulate = (iterations: number) => {
      // The file's noise: exp(σ Z) on every off-diagonal entry of A and every entry of B.
      const technosphere = fixedPlan(system.technosphere.matrix).addMultiplicativeNoise(entryPositions(system.technosphere.matrix, 'off-diagonal'), sigma);
      const biosphere = fixedPlan(system.biosphere.matrix).addMultiplicativeNoise(entryPositions(system.biosphere.matrix, 'all'), sigma);
      return monteCarlo(system, { iterations, seed: options.seed, demand: f, technosphere, biosphere, percentiles: [] });
    };
    if ((options.warmup ?? 3) > 0) simulate(Math.min(options.mc, 5)); // untimed: compiles the sampling and refactorising path
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const mc = simulate(options.mc);
    run.timingsMs.mc = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const first = mc.statistics[0]!;
    run.details.mc = {
      iterations: options.mc,
      h0Mean: first.mean,
      h0Sd: first.sd,
      passesPerIteration: mc.solver.passes / options.mc,
      worstBackwardError: mc.solver.worstBackwardError,
      cpuMs: (cpu.user + cpu.system) / 1000,
    };
  }
  return run;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function positiveInteger(flags: Map<string, string | true>, name: string, fallback: number): number {
  const v = flagString(flags, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number ≥ 0, got "${v}"`);
  return n;
}

export const command: Command = {
  summary:
    'Solve a reference network folder (Matrix Market technosphere, biosphere, characterization + demands.json) and print ' +
    '{"h", "residual", "timingsMs"} as JSON. timingsMs.single is the median of R runs (default 5) of factorise + solve + ' +
    'LCIA after W untimed warm-up runs (default 3); --multi also times all multi demands, --mc N a seeded Monte Carlo run.',
  usage: 'greenlca network solve DIR --format json [--multi] [--mc N] [--seed S] [--repeats R] [--warmup W]',
  async run(args: string[], io: Io): Promise<number> {
    const { positionals, flags } = parseArgs(args, flagsOfUsage(command.usage));
    const [sub, dir, ...extra] = positionals;
    if (sub !== 'solve' || !dir || extra.length) throw new UsageError(`usage: ${command.usage}`);
    const format = flagString(flags, 'format') ?? 'json';
    if (format !== 'json') throw new UsageError(`--format must be json, got "${format}"`);
    for (const key of flags.keys()) {
      if (!['format', 'multi', 'mc', 'seed', 'repeats', 'warmup'].includes(key)) throw new UsageError(`unknown option --${key}`);
    }
    const options: NetworkRunOptions = {
      multi: flags.get('multi') === true,
      mc: positiveInteger(flags, 'mc', 0),
      seed: positiveInteger(flags, 'seed', 42),
      repeats: Math.max(1, positiveInteger(flags, 'repeats', 5)),
      warmup: positiveInteger(flags, 'warmup', 3),
    };
    const path = io.path(dir);
    if (!existsSync(path)) throw new UsageError(`no such folder: ${dir}`, 1, 'FILE_NOT_FOUND');
    try {
      const run = runNetwork(readNetwork(path), options);
      io.stdout(JSON.stringify({ h: run.h, residual: run.residual, timingsMs: run.timingsMs }) + '\n');
      return 0;
    } catch (error) {
      if (error instanceof LcaMatrixError) throw new UsageError(`${error.code}: ${error.message}`, 1, 'NETWORK_INPUT');
      throw error;
    }
  },
};

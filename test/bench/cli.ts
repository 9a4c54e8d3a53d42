/**
 * `pnpm bench -- --only cli [--runs 10]` (issue 18, must-have 4): `greenlca calc examples/electric-kettle.json`
 * as a whole process, the prebuilt CLI (packages/cli/bundle, else dist: what an installed package runs), against
 * `node -e 0` (the floor: starting Node.js) in interleaved pairs in the same run. Also, for comparison,
 * the same command on the TypeScript sources through tsx (what `pnpm greenlca` runs in the workspace).
 *
 * Builds first (`pnpm build`: tsc -b, incremental, and the CLI bundle). Every run's
 * output is checked (exit 0, the kettle's total), so a fast wrong answer does not count.
 * Goal: calc ≤ 0.3 s whole process; printed as medians and as the median per-pair ratio to `node -e 0`.
 * Also each command's CPU time (user + system, read from /proc/self/stat: the children's times, on
 * Linux): on a shared machine the wall time follows the load, the CPU time a process needs barely does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { BenchModule } from './main.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'packages/cli/bin/greenlca.mjs');
const KETTLE = 'examples/electric-kettle.json';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Without the workspace's source condition the bin runs dist/; with it, the sources through tsx.
const { NODE_OPTIONS: _sourceCondition, ...prebuiltEnv } = process.env;
const sourceEnv = { ...prebuiltEnv, NODE_OPTIONS: '--conditions=@greenlca/source' };

const TICK_MS = 10; // USER_HZ: the kernel reports child times in 1/100 s

/** CPU time (user + system, ms) of every child this process has waited for, or undefined off Linux. */
function childrenCpuMs(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  // Fields after the ")" that ends the command name: state is field 3, cutime and cstime fields 16 and 17.
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

/** Mean CPU time per run of each kind, summed over the runs (a tick is 10 ms: the mean over many runs is finer). */
class CpuTally {
  readonly total = new Map<string, number>();
  add(kind: string, run: () => void): void {
    const before = childrenCpuMs();
    run();
    const after = childrenCpuMs();
    if (before !== undefined && after !== undefined) this.total.set(kind, (this.total.get(kind) ?? 0) + after - before);
  }
  mean(kind: string, runs: number): number | undefined {
    const t = this.total.get(kind);
    return t === undefined ? undefined : t / runs;
  }
}

function timed(args: string[], env: NodeJS.ProcessEnv): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export const bench: BenchModule = {
  description: 'greenlca calc on the kettle, whole process (prebuilt dist), against node -e 0 in the same run',
  async run(args) {
    const at = args.indexOf('--runs');
    const runs = at >= 0 ? Number(args[at + 1]) : 10;
    for (const [cmd, cmdArgs] of [[join(root, 'node_modules/.bin/tsc'), ['-b', 'tsconfig.build.json']], [process.execPath, ['packages/cli/scripts/bundle.mjs']]] as const) {
      const build = spawnSync(cmd, cmdArgs, { cwd: root, encoding: 'utf8', env: prebuiltEnv });
      if (build.status !== 0) throw new Error(`pnpm build failed:\n${build.stdout}${build.stderr}`);
    }

    const expected = JSON.parse(timed([bin, 'calc', KETTLE, '--format', 'json'], sourceEnv).stdout).total.kgCO2e as number;
    const check = (stdout: string) => {
      const total = JSON.parse(stdout).total.kgCO2e;
      if (total !== expected) throw new Error(`prebuilt calc gave ${total}, the sources ${expected}`);
    };
    const floor: number[] = [];
    const calc: number[] = [];
    const source: number[] = [];
    const ratios: number[] = [];
    timed([bin, 'calc', KETTLE, '--format', 'json'], prebuiltEnv); // warm the file cache once
    const cpu = new CpuTally();
    for (let i = 0; i < runs; i++) {
      let f = 0;
      let c = { ms: 0, stdout: '' };
      cpu.add('floor', () => (f = timed(['-e', '0'], prebuiltEnv).ms));
      cpu.add('calc', () => (c = timed([bin, 'calc', KETTLE, '--format', 'json'], prebuiltEnv)));
      check(c.stdout);
      floor.push(f);
      calc.push(c.ms);
      ratios.push(c.ms / f);
      cpu.add('source', () => source.push(timed([bin, 'calc', KETTLE, '--format', 'json'], sourceEnv).ms));
    }
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    const cpuOf = (kind: string) => cpu.mean(kind, runs);
    const cpuCells = (kind: string) => {
      const t = cpuOf(kind);
      const f = cpuOf('floor');
      return t === undefined || !f ? '— | —' : `${ms(t)} | ${(t / f).toFixed(2)}`;
    };
    process.stdout.write(`| run (${runs} each, interleaved) | whole process, median | fastest | × node -e 0 (median of pairs) | CPU time, mean | CPU × node -e 0 |\n|---|---|---|---|---|---|\n`);
    process.stdout.write(`| node -e 0 | ${ms(median(floor))} | ${ms(Math.min(...floor))} | 1.00 | ${cpuCells('floor')} |\n`);
    process.stdout.write(`| greenlca calc kettle, prebuilt (bundle/) | ${ms(median(calc))} | ${ms(Math.min(...calc))} | ${median(ratios).toFixed(2)} | ${cpuCells('calc')} |\n`);
    process.stdout.write(`| greenlca calc kettle, sources through tsx (pnpm greenlca) | ${ms(median(source))} | ${ms(Math.min(...source))} | ${(median(source) / median(floor)).toFixed(2)} | ${cpuCells('source')} |\n`);
    // The goal is 0.3 s on a quiet machine, where `node -e 0` takes ~0.05 s (issue 18): a ratio of 6 to the floor.
    // On this shared machine the absolute time follows the load; the ratio to the floor in the same run does less.
    const ratio = median(ratios);
    process.stdout.write(
      `\ngoal: prebuilt calc ≤ 300 ms whole process: ${median(calc) <= 300 ? 'met' : 'NOT met'} in absolute terms in this run; ` +
        `ratio to node -e 0 ${ratio.toFixed(2)} (goal ≤ 6, i.e. 0.3 s over a quiet 0.05 s floor): ${ratio <= 6 ? 'met' : 'NOT met'}; ` +
        `CPU time of prebuilt calc ${cpuOf('calc') === undefined ? 'not measured (no /proc)' : `${ms(cpuOf('calc')!)} (≤ 300 ms: ${cpuOf('calc')! <= 300 ? 'met' : 'NOT met'})`}; ` +
        `load average ${loadavg()[0]!.toFixed(1)} (same answer as the sources: ${expected} kg CO2e)\n`,
    );
  },
};

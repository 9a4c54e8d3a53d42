/**
 * `pnpm bench -- --only cli [--runs 10]` (issue 18, must-have 4): `greenlca calc examples/electric-kettle.json`
 * as a whole process, the prebuilt CLI (packages/cli/bundle, else dist: what an installed package runs), against
 * `node -e 0` (the floor: starting Node.js) in interleaved pairs in the same run. Also, for comparison,
 * the same command on the TypeScript sources through tsx (what `pnpm greenlca` runs in the workspace).
 *
 * Builds first (`pnpm build`: tsc -b, incremental, and the CLI bundle). Every run's
 * output is checked (exit 0, the kettle's total), so a fast wrong answer does not count.
 * Goal: calc ≤ 0.3 s whole process; printed as medians and as the median per-pair ratio to `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
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
    for (let i = 0; i < runs; i++) {
      const f = timed(['-e', '0'], prebuiltEnv).ms;
      const c = timed([bin, 'calc', KETTLE, '--format', 'json'], prebuiltEnv);
      check(c.stdout);
      floor.push(f);
      calc.push(c.ms);
      ratios.push(c.ms / f);
      source.push(timed([bin, 'calc', KETTLE, '--format', 'json'], sourceEnv).ms);
    }
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    process.stdout.write(`| run (median of ${runs}, interleaved) | whole process | × node -e 0 |\n|---|---|---|\n`);
    process.stdout.write(`| node -e 0 | ${ms(median(floor))} | 1.00 |\n`);
    process.stdout.write(`| greenlca calc kettle, prebuilt (bundle/) | ${ms(median(calc))} | ${median(ratios).toFixed(2)} |\n`);
    process.stdout.write(`| greenlca calc kettle, sources through tsx (pnpm greenlca) | ${ms(median(source))} | ${(median(source) / median(floor)).toFixed(2)} |\n`);
    // The goal is 0.3 s on a quiet machine, where `node -e 0` takes ~0.05 s (issue 18): a ratio of 6 to the floor.
    // On this shared machine the absolute time follows the load; the ratio to the floor in the same run does less.
    const ratio = median(ratios);
    process.stdout.write(
      `\ngoal: prebuilt calc ≤ 300 ms whole process: ${median(calc) <= 300 ? 'met' : 'NOT met'} in absolute terms in this run; ` +
        `ratio to node -e 0 ${ratio.toFixed(2)} (goal ≤ 6, i.e. 0.3 s over a quiet 0.05 s floor): ${ratio <= 6 ? 'met' : 'NOT met'}; ` +
        `load average ${loadavg()[0]!.toFixed(1)} (same answer as the sources: ${expected} kg CO2e)\n`,
    );
  },
};

/**
 * `pnpm bench [-- --only network,… --sizes 2000,20000 …]`: run the benchmark modules in turn.
 * A module is any `*.ts` file beside this one that exports `bench: BenchModule`; it gets the
 * command-line options. Adding a benchmark means adding a file, nothing else.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export interface BenchModule {
  /** One line for the listing. */
  description: string;
  run(args: readonly string[]): Promise<void>;
}

const modules: Record<string, () => Promise<{ bench: BenchModule }>> = {
  network: () => import('./network.js'),
  web: () => import('./web.js'),
  api: () => import('./api.js'),
  whatif: () => import('./whatif.js'),
  lcia: () => import('./lcia.js'),
  soak: () => import('./soak.js'),
  durability: () => import('./durability.js'),
  cli: () => import('./cli.js'),
  jobs: () => import('./jobs.js'),
  processes: () => import('./processes.js'),
};

async function main(argv: string[]): Promise<number> {
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  const at = args.indexOf('--only');
  const only = at >= 0 ? (args[at + 1] ?? '').split(',').filter(Boolean) : Object.keys(modules);
  const unknown = only.filter((name) => !(name in modules));
  if (unknown.length) {
    process.stderr.write(`bench: unknown module(s) ${unknown.join(', ')}; available: ${Object.keys(modules).join(', ')}\n`);
    return 2;
  }
  const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
  for (const name of only) {
    const { bench } = await modules[name]!();
    if (!bench) continue; // a helper file, not a benchmark
    process.stdout.write(`\n## ${name}: ${bench.description}\n\n`);
    await bench.run(rest);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);

/**
 * `pnpm fuzz [--requests N] [--seconds S] [--seed K] [--keep-going] [--backend pglite|postgres|both]`:
 * a bounded hostile client against the real server (server/src/main.ts in a child process on
 * 127.0.0.1:3420–3429). PostgreSQL runs when DATABASE_URL is set (or --backend postgres). Exits 1 when a
 * rule was broken, after printing a reproducer for each distinct failure.
 */
import { parseArgs } from 'node:util';
import { runFuzz, summary } from './runner.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '5000' },
    seconds: { type: 'string', default: '120' },
    seed: { type: 'string', default: '1' },
    'keep-going': { type: 'boolean', default: false },
    backend: { type: 'string' },
    'heap-mb': { type: 'string', default: '2048' },
    timeout: { type: 'string', default: '10000' },
    'probe-every': { type: 'string', default: '10' },
    only: { type: 'string' },
    report: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  allowPositionals: false,
});

if (values.help) {
  console.log(`pnpm fuzz [options]
  --requests N      stop after N requests (default 5000)
  --seconds S       stop after S seconds of fuzzing (default 120)
  --seed K          the random seed (default 1): the same seed sends the same cases
  --keep-going      record a failure and go on (restarting the server if it died) instead of stopping
  --backend B       pglite, postgres or both (default: both when DATABASE_URL is set, else pglite)
  --heap-mb M       --max-old-space-size of the server child (default 2048)
  --timeout MS      per-request timeout: no answer in time is a hang (default 10000)
  --probe-every K   GET /health after every K requests, and after anything odd (default 10)
  --only a,b        only these generators
  --report FILE     write the full report as JSON (per back end: FILE with .<backend> before the extension)`);
  process.exit(0);
}

const int = (name: string, v: string | undefined): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, not ${JSON.stringify(v)}`);
    process.exit(2);
  }
  return n;
};

const url = process.env.DATABASE_URL;
const backend = values.backend ?? (url ? 'both' : 'pglite');
if (!['pglite', 'postgres', 'both'].includes(backend)) {
  console.error('--backend must be pglite, postgres or both');
  process.exit(2);
}
if (backend !== 'pglite' && !url) {
  console.error('--backend postgres needs DATABASE_URL');
  process.exit(2);
}

// Ctrl-C: exit through process 'exit', which kills the server child.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

let failed = false;
for (const b of backend === 'both' ? ['pglite', 'postgres'] : [backend]) {
  const report = await runFuzz({
    requests: int('requests', values.requests), seconds: int('seconds', values.seconds), seed: int('seed', values.seed),
    keepGoing: values['keep-going']!, databaseUrl: b === 'postgres' ? url : undefined, heapMb: int('heap-mb', values['heap-mb']),
    timeoutMs: int('timeout', values.timeout), probeEvery: Math.max(1, int('probe-every', values['probe-every'])),
    only: values.only?.split(','), reportFile: values.report?.replace(/(\.\w+)?$/, (ext) => `.${b}${ext || '.json'}`),
    log: (line) => console.log(line),
  });
  console.log(`\n${summary(report)}`);
  if (report.failures.length) failed = true;
}
process.exit(failed ? 1 : 0);

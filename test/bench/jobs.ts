/**
 * `pnpm bench -- --only jobs [--products 2000] [--rounds 2]`: products recalculated per second by
 * background jobs with one and with two worker processes (GREENLCA_ROLE=worker, `server/src/main.ts`)
 * on one PostgreSQL database (DATABASE_URL, a fresh schema dropped afterwards). Each run is one
 * recalculation job over every product, timed from the job's creation to its last item (the
 * database's own timestamps); worker start-up is not counted. Runs alternate 1, 2, 2, 1 … workers so
 * that a busy machine slows both alike; prints each run, the medians and their ratio.
 */
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import type { Product } from '@greenlca/schema';
import { Jobs } from '../../server/src/jobs/index.js';
import { inputHash } from '../../server/src/lib/hash.js';
import { bundledCatalogue } from '../../server/src/lib/library.js';
import { openStorage, type Storage } from '../../server/src/storage/index.js';
import { freshPostgresSchema } from '../../server/src/storage/testing.js';
import { kettle } from '../../server/src/testing/harness.js';
import { startServer, stop } from '../api/server.js';
import type { BenchModule } from './main.js';

function arg(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quiet = { debug() {}, warn() {}, error(o: unknown, m: string) { process.stderr.write(`${m} ${JSON.stringify(o)}\n`); } };

export const bench: BenchModule = {
  description: 'Jobs: products recalculated per second with 1 and 2 worker processes on PostgreSQL, and the ratio',
  async run(args) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      process.stdout.write('needs DATABASE_URL (workers share a PostgreSQL database); skipped\n');
      return;
    }
    const products = Math.min(arg(args, 'products', 2_000), 100_000);
    const rounds = Math.min(arg(args, 'rounds', 2), 10);
    const { schema, drop } = freshPostgresSchema();
    const env = { DATABASE_URL: url, GREENLCA_DB_SCHEMA: schema, GREENLCA_WEB_ROOT: '/nonexistent', GREENLCA_JOB_POLL_S: '0.5' };
    let storage: Storage | undefined;
    let jobs: Jobs | undefined;
    try {
      storage = await openStorage({ kind: 'postgres', connectionString: url, schema, max: 8 });
      const orgId = randomUUID();
      await storage.createOrganization({ id: orgId, name: 'bench' });
      for (let i = 0; i < products; i += 8) {
        await Promise.all(Array.from({ length: Math.min(8, products - i) }, (_, j) => {
          const document = kettle({ id: `bench-${i + j}`, parameters: { years: 1 + ((i + j) % 9), boilsPerDay: { value: 2, unit: '1/day' } } });
          return storage!.createProduct(orgId, { id: randomUUID(), product: document as unknown as Product, inputHash: inputHash(document) });
        }));
      }
      jobs = new Jobs({ storage, catalogue: await bundledCatalogue(), now: () => new Date(), log: quiet });
      const chunkSize = (await jobs.open()).options.chunkSize;
      process.stdout.write(`${products} stored products, chunks of ${chunkSize}, each worker 2 chunks at once; ${rounds * 2} runs alternating 1 and 2 workers\n\n`);
      process.stdout.write('| run | workers | seconds | products/s |\n| --- | --- | --- | --- |\n');
      const rates: Record<1 | 2, number[]> = { 1: [], 2: [] };
      const order = Array.from({ length: rounds }, (_, r) => (r % 2 ? [2, 1] : [1, 2]) as (1 | 2)[]).flat();
      for (const [run, workers] of order.entries()) {
        const children: ChildProcess[] = [];
        try {
          const started = await Promise.all(Array.from({ length: workers }, () => startServer({ ...env, GREENLCA_ROLE: 'worker' }, { ready: /GreenLCA worker ready()/ })));
          children.push(...started.map((s) => s.child));
          const id = randomUUID();
          const created = await jobs.create(orgId, { id, kind: 'recalculate', params: {}, limit: 100_000 });
          if (!created.ok) throw new Error('job refused');
          let job = created.job;
          while (!job.finishedAt) {
            await new Promise((r) => setTimeout(r, 100));
            job = (await storage.getJob(orgId, id))!;
          }
          if (job.progress.done !== products) throw new Error(`job ended with ${JSON.stringify(job.progress)}`);
          const seconds = (Date.parse(job.finishedAt) - Date.parse(job.createdAt)) / 1000;
          rates[workers].push(products / seconds);
          process.stdout.write(`| ${run + 1} | ${workers} | ${seconds.toFixed(1)} | ${(products / seconds).toFixed(0)} |\n`);
        } finally {
          await Promise.all(children.map((c) => stop(c)));
        }
      }
      const one = median(rates[1]);
      const two = median(rates[2]);
      process.stdout.write(`\nmedian: 1 worker ${one.toFixed(0)} products/s, 2 workers ${two.toFixed(0)} products/s; ratio 2 / 1 = ${(two / one).toFixed(2)}\n`);
    } finally {
      await jobs?.close();
      await storage?.close();
      await drop();
    }
  },
};

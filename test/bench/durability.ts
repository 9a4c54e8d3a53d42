/**
 * `pnpm bench -- --only durability [--writes 300] [--rounds 3]`: what flushing every commit to the
 * disk costs the embedded store. Two PGlite storages on fresh data directories, one with fsync (the
 * default) and one without (GREENLCA_PGLITE_FSYNC=off), take the same sequential writes (a product
 * created, then a new version of it: two transactions), in alternating rounds so that a busy machine
 * slows both alike. Prints writes per second for each and their ratio, per round and the median.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { Product } from '@greenlca/schema';
import { openStorage, type Storage } from '../../server/src/storage/index.js';
import { freshPgliteDataDir } from '../../server/src/storage/testing.js';
import type { BenchModule } from './main.js';

function arg(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const product = (n: number): Product => ({
  schemaVersion: 1, id: `durability-${n}`, name: `Durability ${n}`, functionalUnit: { amount: 1, unit: 'item' },
  inventory: [{ stage: 'use', factor: 'desnz-2025/electricity-uk', amount: `${n % 9 + 1} kWh` }],
} as unknown as Product);

/** Writes per second of `writes` create-then-update pairs (each write is one transaction). */
async function writesPerSecond(storage: Storage, orgId: string, writes: number): Promise<number> {
  const t = performance.now();
  for (let n = 0; n < writes / 2; n++) {
    const id = randomUUID();
    await storage.createProduct(orgId, { id, product: product(n), inputHash: `h${n}` });
    const updated = await storage.updateProduct(orgId, id, 1, { product: product(n + 1), inputHash: `h${n + 1}` });
    if (!updated.ok) throw new Error(`update refused: ${updated.reason}`);
  }
  return writes / ((performance.now() - t) / 1000);
}

export const bench: BenchModule = {
  description: 'Durability: embedded store write throughput with fsync on (the default) vs off',
  async run(args) {
    const writes = Math.min(arg(args, 'writes', 300), 10_000);
    const rounds = Math.min(arg(args, 'rounds', 3), 20);
    const opened: { fsync: boolean; dataDir: string; storage: Storage; orgId: string }[] = [];
    try {
      for (const fsync of [true, false]) {
        const dataDir = await freshPgliteDataDir();
        const storage = await openStorage({ kind: 'pglite', dataDir, fsync });
        const orgId = randomUUID();
        await storage.createOrganization({ id: orgId, name: `durability ${fsync ? 'on' : 'off'}` });
        opened.push({ fsync, dataDir, storage, orgId });
      }
      process.stdout.write(`${writes} sequential writes per round (create + new version), ${rounds} rounds, alternating\n\n`);
      process.stdout.write('| round | fsync on, writes/s | fsync off, writes/s | on / off |\n| --- | --- | --- | --- |\n');
      const ratios: number[] = [];
      for (let r = 1; r <= rounds; r++) {
        const [on, off] = [opened[0]!, opened[1]!];
        // Alternate which goes first, so neither always meets a warmer or a busier machine.
        const first = r % 2 ? on : off;
        const second = first === on ? off : on;
        const a = await writesPerSecond(first.storage, first.orgId, writes);
        const b = await writesPerSecond(second.storage, second.orgId, writes);
        const onRate = first === on ? a : b;
        const offRate = first === on ? b : a;
        ratios.push(onRate / offRate);
        process.stdout.write(`| ${r} | ${onRate.toFixed(0)} | ${offRate.toFixed(0)} | ${(onRate / offRate).toFixed(2)} |\n`);
      }
      const median = [...ratios].sort((x, y) => x - y)[Math.floor(ratios.length / 2)]!;
      process.stdout.write(`\nmedian: fsync on writes at ${(median * 100).toFixed(0)} % of the rate without it\n`);
    } finally {
      for (const o of opened) {
        await o.storage.close().catch(() => {});
        rmSync(o.dataDir, { recursive: true, force: true });
      }
    }
  },
};

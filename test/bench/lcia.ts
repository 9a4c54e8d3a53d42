/**
 * `pnpm bench -- --only lcia [--sizes 500,5000] [--pairs 15]` (issue 13, item 10): what the material,
 * energy and emission inventories and the impact categories cost on top of a CO2e-only calculation.
 * The peer is the same engine with `inventory: false` (a result as it was before inventories),
 * measured in interleaved pairs in the same run; the figure is the median of the per-pair ratios.
 */
import { bundledFactorDatasets, bundledLcia, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary } from '@greenlca/engine';
import type { BenchModule } from './main.js';
import { benchProduct } from './whatif.js';

const library = createLibrary(bundledFactorDatasets, bundledSubstances);

function opt(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export const bench: BenchModule = {
  description: 'inventories and impact categories against a CO2e-only calculation (interleaved pairs, same run)',
  async run(args) {
    const sizes = (opt(args, 'sizes') ?? '500,5000').split(',').map(Number);
    const pairs = Number(opt(args, 'pairs') ?? 15);
    const lcia = await bundledLcia(['EF 3.1', 'TRACI 2.2', 'AR6']);
    process.stdout.write([
      '| lines | CO2e only (peer) | + inventories | ratio | + inventories, EF 3.1, TRACI 2.2, AR6 (27 categories) | ratio |',
      '| ---: | ---: | ---: | ---: | ---: | ---: |',
      '',
    ].join('\n'));
    for (const n of sizes) {
      const product = benchProduct(n);
      const peer = () => calculate(product, library, { inventory: false });
      const inv = () => calculate(product, library);
      const all = () => calculate(product, library, { lcia });
      peer(); inv(); all(); // warm-up
      const a: number[] = [];
      const b: number[] = [];
      const c: number[] = [];
      const r1: number[] = [];
      const r2: number[] = [];
      for (let k = 0; k < pairs; k++) {
        const tp = time(peer);
        const ti = time(inv);
        const tp2 = time(peer);
        const ta = time(all);
        a.push(tp, tp2); b.push(ti); c.push(ta);
        r1.push(ti / tp); r2.push(ta / tp2);
      }
      process.stdout.write(`| ${n.toLocaleString('en-US')} | ${median(a).toFixed(1)} ms | ${median(b).toFixed(1)} ms | ${median(r1).toFixed(2)} | ${median(c).toFixed(1)} ms | ${median(r2).toFixed(2)} |\n`);
    }
    process.stdout.write(`\nLoad average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(', ')} (2 cores).\n`);
  },
};

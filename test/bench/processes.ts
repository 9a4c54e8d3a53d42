/**
 * `pnpm bench -- --only processes [--sizes 100,500,1000] [--inputs 10] [--repeats 7]` (audit finding 1):
 * one calculate() of a product whose foreground network is N processes × k random inputs, the number
 * MAX_PRODUCT_PROCESSES and MAX_PRODUCT_PROCESS_INPUTS (server/src/limits.ts) are chosen from. Two
 * shapes per size, run interleaved so both see the same load: "iterates" (each process takes 0.999 of
 * its output from the others: the sweeping solver converges) and "dense LU" (2 of each input per unit:
 * iteration stalls and the solver falls back to dense LU, n³, the worst case). Medians of the repeats;
 * the load average is printed with them. Networks are seeded, so every run calculates the same ones.
 */
import { loadavg } from 'node:os';
import { bundledFactorDatasets, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary } from '@greenlca/engine';
import type { Product } from '@greenlca/schema';
import type { BenchModule } from './main.js';

function option(args: readonly string[], name: string, fallback: string): string {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1]! : fallback;
}

/** A small seeded generator (mulberry32): the same networks in every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function network(n: number, inputs: number, gain: number): Product {
  const next = random(n * 1000 + inputs);
  const processes = Array.from({ length: n }, (_, i) => ({
    id: `p${i}`, unit: 'kg',
    inputs: [
      { factor: 'cn-mee/electricity-national-2021', amount: '0.001 kWh' },
      ...Array.from({ length: inputs - 1 }, () => ({ process: `p${Math.floor(next() * n)}`, amount: `${gain / (inputs - 1)} kg` })),
    ],
  }));
  return {
    schemaVersion: 1, id: `net-${n}`, name: 'network', functionalUnit: { amount: 1, unit: 'item' },
    processes, inventory: [{ stage: 'manufacture', factor: 'p0', amount: '1 kg' }],
  } as Product;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const bench: BenchModule = {
  description: 'calculate() of a product with N foreground processes × k random inputs: iterating and dense-LU shapes, interleaved',
  async run(args) {
    const sizes = option(args, '--sizes', '100,500,1000').split(',').map(Number);
    const inputs = Number(option(args, '--inputs', '10'));
    const repeats = Number(option(args, '--repeats', '7'));
    const library = createLibrary(bundledFactorDatasets, bundledSubstances);
    process.stdout.write(`| processes | inputs | iterates ms | dense LU ms | dense / iterates | load |\n| --- | --- | --- | --- | --- | --- |\n`);
    for (const n of sizes) {
      const shapes = [network(n, inputs, 0.999), network(n, inputs, 2 * (inputs - 1))];
      for (const p of shapes) calculate(p, library, { lines: false }); // warm-up
      const times: number[][] = [[], []];
      for (let r = 0; r < repeats; r++) {
        shapes.forEach((p, s) => {
          const t0 = performance.now();
          calculate(p, library, { lines: false });
          times[s]!.push(performance.now() - t0);
        });
      }
      const [iterates, dense] = times.map(median) as [number, number];
      process.stdout.write(`| ${n} | ${n * inputs} | ${iterates.toFixed(0)} | ${dense.toFixed(0)} | ${(dense / iterates).toFixed(1)} | ${loadavg()[0]!.toFixed(2)} |\n`);
    }
  },
};

/**
 * `pnpm bench -- --only whatif [--sizes 500,5000,50000] [--edits 200] [--runs 1000]` (issue #5):
 * recalculation after one edit against a full recalculation, for products of 500, 5,000 and 50,000
 * lines on bundled factors, and a 1,000-run Monte Carlo.
 *
 * Per size:
 *  - engine `calculate()`: the whole pipeline from a parsed product to a cited result (the peer);
 *  - full: `buildModel`, the what-if model compiled from scratch: every amount evaluated, every factor
 *    characterised, every row summed exactly (what each edit would cost without the incremental model);
 *  - GWP switch: every row re-valued with another GWP set and the totals re-summed (no amount is
 *    evaluated again: the widest edit there is);
 *  - incremental: `updateModel` after one edit (an amount typed into one line; a component mass; the
 *    `years` parameter, which 1 line in 6 uses), median and p95 over `--edits` edits; the result is
 *    checked against a fresh build at the end.
 * Targets at 5,000 lines: incremental ≤ 1 ms and full ≤ 20 ms. The figure is incremental / full.
 */
import { bundledFactorDatasets, bundledLcia, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary, parseProduct } from '@greenlca/engine';
import type { InventoryLine, Product } from '@greenlca/schema';
import { buildModel, modelImpacts, modelInventory, modelTotals, monteCarlo, updateModel, type WhatIfModel } from '@greenlca/whatif';
import type { BenchModule } from './main.js';

const library = createLibrary(bundledFactorDatasets, bundledSubstances);

/** `lines` result lines: 90 % inventory lines (1 in 6 uses the `years` parameter), 10 % component materials. */
export function benchProduct(lines: number): Product {
  const grid = 'cn-mee/electricity-footprint-national-2024';
  const materials = [
    'desnz-2025/material-plastics-average-plastic-rigid-primary', 'desnz-2025/material-metal-steel-cans-primary',
    'desnz-2025/material-paper-and-board-board-primary', 'desnz-2025/material-metal-aluminium-cans-and-foil-excl-forming-primary',
  ];
  const freight = 'desnz-2025/freight-hgv-all-diesel-all-hgvs-average-laden-tkm';
  const nComponents = Math.round(lines / 10);
  const inventory: InventoryLine[] = Array.from({ length: lines - nComponents }, (_, i) => {
    switch (i % 6) {
      case 0: return { stage: 'manufacture', factor: grid, amount: `${(i % 50) + 1} kWh` };
      case 1: return { stage: 'packaging', factor: materials[i % materials.length]!, amount: `${(i % 40) + 5} g` };
      case 2: return { stage: 'transport', factor: freight, amount: `${(i % 9) + 1} kg * ${100 + (i % 900)} km` };
      case 3: return { stage: 'use', factor: grid, amount: `${(i % 30) + 1} kWh * years` };
      case 4: return { stage: 'manufacture', factor: 'desnz-2025/electricity-uk', amount: { value: (i % 20) + 1.5, unit: 'kWh' } };
      default: return { stage: 'endOfLife', factor: materials[(i + 1) % materials.length]!, amount: `${(i % 25) + 1} g` };
    }
  });
  const components = Array.from({ length: nComponents }, (_, i) => ({
    id: `part-${i}`, name: `Part ${i}`, quantity: (i % 4) + 1, material: materials[i % materials.length]!, mass: `${10 + (i % 90)} g`,
  }));
  return parseProduct({
    schemaVersion: 1, id: `bench-${lines}`, name: `Benchmark product (${lines} lines)`, functionalUnit: { amount: 1, unit: 'item' },
    region: 'CN', parameters: { years: 5 }, components, inventory,
  });
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function min(xs: number[]): number {
  return Math.min(...xs);
}

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.95 * s.length))]!;
}

const ms = (x: number) => (x < 0.1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(x < 10 ? 2 : 1)} ms`);

function opt(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Edits of one kind, each on the product the previous one left. */
function edits(model: WhatIfModel, count: number, edit: (p: Product, k: number) => Product): { model: WhatIfModel; times: number[] } {
  const times: number[] = [];
  let m = model;
  for (let k = 0; k < count; k++) {
    const next = edit(m.product, k);
    const [u, t] = time(() => updateModel(m, next));
    times.push(t);
    m = u;
  }
  return { model: m, times };
}

function setLine(p: Product, index: number, amount: string): Product {
  const inventory = p.inventory!.slice();
  inventory[index] = { ...inventory[index]!, amount };
  return { ...p, inventory };
}

export const bench: BenchModule = {
  description: 'what-if: full vs incremental recalculation at 500 / 5,000 / 50,000 lines; 1,000-run Monte Carlo',
  async run(args) {
    const sizes = (opt(args, 'sizes') ?? '500,5000,50000').split(',').map(Number);
    const nEdits = Number(opt(args, 'edits') ?? 200);
    const runs = Number(opt(args, 'runs') ?? 1000);
    process.stdout.write([
      'Times are medians (best run in brackets); this machine is shared, so check the load average printed below.',
      '',
      '| lines | engine calculate() | full (buildModel) | GWP switch | incremental: one line, median / p95 | incremental / full | component mass, median | parameter (1 line in 6), median |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      '',
    ].join('\n'));
    for (const n of sizes) {
      const product = benchProduct(n);
      const repeat = n >= 50_000 ? 3 : n >= 5_000 ? 7 : 15;
      calculate(product, library); // warm-up
      buildModel(product, library);
      const engineTimes = Array.from({ length: repeat }, () => time(() => calculate(product, library))[1]);
      const builds = Array.from({ length: repeat }, () => time(() => buildModel(product, library)));
      const fullTimes = builds.map(([, t]) => t);
      const full = median(fullTimes);
      const base = builds[0]![0];
      const switches = Array.from({ length: repeat }, (_, k) => time(() => updateModel(base, { ...product, gwp: k % 2 ? 'AR4' : 'AR5' }))[1]);
      const lineCount = product.inventory!.length;
      // Electricity lines ("<n> kWh"), spread over the product.
      const lineEdits = edits(base, nEdits, (p, k) => setLine(p, 6 * ((k * 97) % Math.floor(lineCount / 6)), `${(k % 17) + 2} kWh`));
      const massEdits = edits(lineEdits.model, Math.min(nEdits, 50), (p, k) => {
        const components = p.components!.slice();
        const i = (k * 37) % components.length;
        components[i] = { ...components[i]!, mass: `${(k % 50) + 5} g` };
        return { ...p, components };
      });
      const paramEdits = edits(massEdits.model, 10, (p, k) => ({ ...p, parameters: { years: 5 + (k % 5) } }));
      // The incremental model must agree with a full rebuild, exactly.
      const check = buildModel(paramEdits.model.product, library);
      if (modelTotals(check).total.kgCO2e !== modelTotals(paramEdits.model).total.kgCO2e) throw new Error(`bench: incremental total differs from a rebuild at ${n} lines`);
      const inc = median(lineEdits.times);
      const both = (xs: number[]) => `${ms(median(xs))} (${ms(min(xs))})`;
      process.stdout.write(`| ${n.toLocaleString('en-US')} | ${both(engineTimes)} | ${both(fullTimes)} | ${both(switches)} | ${ms(inc)} / ${ms(p95(lineEdits.times))} | ${(inc / full).toExponential(1)} | ${ms(median(massEdits.times))} | ${ms(median(paramEdits.times))} |\n`);
    }

    // Issue 13 item 10: the incremental path with the inventories and all 27 categories (EF 3.1,
    // TRACI 2.2, AR6) against the same path with neither, on the same edits in interleaved pairs: each
    // step is an edit and reading the totals (and every category and inventory entry). The figure is
    // the median of per-pair ratios; the goal is ≤ 2.
    const lcia = await bundledLcia(['EF 3.1', 'TRACI 2.2', 'AR6']);
    process.stdout.write([
      '',
      '| lines | incremental, CO2e (peer) | incremental + inventories + 27 categories | ratio (median of pairs, goal ≤ 2) |',
      '| ---: | ---: | ---: | ---: |',
      '',
    ].join('\n'));
    for (const n of sizes) {
      const product = benchProduct(n);
      let plain = buildModel(product, library);
      let withLcia = buildModel(product, library, { lcia, inventory: true });
      const lineCount = product.inventory!.length;
      const a: number[] = [];
      const b: number[] = [];
      const r: number[] = [];
      for (let k = 0; k < nEdits + 20; k++) {
        const line = 6 * ((k * 97) % Math.floor(lineCount / 6));
        const amount = `${(k % 17) + 2} kWh`;
        const [p, tp] = time(() => { const m = updateModel(plain, setLine(plain.product, line, amount)); modelTotals(m); return m; });
        const [l, tl] = time(() => { const m = updateModel(withLcia, setLine(withLcia.product, line, amount)); modelTotals(m); modelImpacts(m); modelInventory(m); return m; });
        plain = p;
        withLcia = l;
        if (k < 20) continue; // warm-up
        a.push(tp); b.push(tl); r.push(tl / tp);
      }
      const check = buildModel(withLcia.product, library, { lcia, inventory: true });
      if (JSON.stringify(modelInventory(check)!.totals) !== JSON.stringify(modelInventory(withLcia)!.totals)) throw new Error(`bench: incremental inventory differs from a rebuild at ${n} lines`);
      process.stdout.write(`| ${n.toLocaleString('en-US')} | ${ms(median(a))} | ${ms(median(b))} | ${median(r).toFixed(2)} ${median(r) <= 2 ? 'met' : 'NOT met'} |\n`);
    }

    // Monte Carlo on the 5,000-line product: every line's amount (pedigree) and every factor uncertain,
    // plus a paired variant.
    const mc = benchProduct(5000);
    const withUncertainty = {
      ...mc,
      scenarios: [{ id: 'rail', name: 'Rail', overrides: { replaceFactor: { from: 'desnz-2025/freight-hgv-all-diesel-all-hgvs-average-laden-tkm', to: 'desnz-2025/freight-rail-freight-train-tkm' } } }],
    } as Product;
    monteCarlo(withUncertainty, library, { runs: 50, seed: 1, defaultDataQuality: [2, 2, 2, 2, 2] }); // warm-up
    const best = <T>(fn: () => T): [T, number] => {
      const a = time(fn);
      const b = time(fn);
      return a[1] <= b[1] ? a : b;
    };
    const [r1, tBase] = best(() => monteCarlo(mc, library, { runs, seed: 1, defaultDataQuality: [2, 2, 2, 2, 2] }));
    const [r2, tPaired] = best(() => monteCarlo(withUncertainty, library, { runs, seed: 1, defaultDataQuality: [2, 2, 2, 2, 2] }));
    const params = { ...mc, uncertainty: { parameters: { years: { distribution: 'uniform', min: 4, max: 7 } } } } as Product;
    const [, tParams] = best(() => monteCarlo(params, library, { runs, seed: 1, defaultDataQuality: [2, 2, 2, 2, 2] }));
    process.stdout.write([
      '',
      `Load average during the run: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(', ')} (2 cores).`,
      '',
      `Monte Carlo (best of two), ${runs.toLocaleString('en-US')} runs, 5,000 lines, ${r1.inputs.length.toLocaleString('en-US')} uncertain inputs (every line amount and factor, pedigree [2,2,2,2,2]):`,
      `| case | time | per run |`,
      `| --- | ---: | ---: |`,
      `| baseline | ${ms(tBase)} | ${ms(tBase / runs)} |`,
      `| baseline + 1 paired variant | ${ms(tPaired)} | ${ms(tPaired / runs)} |`,
      `| + an uncertain parameter used by 750 lines | ${ms(tParams)} | ${ms(tParams / runs)} |`,
      '',
      `mean ${r1.baseline.total.mean.toFixed(2)}, P5 ${r1.baseline.total.p5.toFixed(2)}, P95 ${r1.baseline.total.p95.toFixed(2)} kg CO2e; rail variant lower in ${(100 * r2.variants[0]!.probabilityLower).toFixed(1)} % of runs`,
      '',
    ].join('\n'));
  },
};

/**
 * Browser benchmark (issue #7): the web UI in Debian's headless Chromium against the real server.
 *
 *  1. First render of a stored 1,000-line product (900 inventory lines, 100 components, bundled cited
 *     factors): from navigation start to the total in the DOM, cold page each time (performance marks
 *     `lca:open` and `lca:result-rendered`). Target: under 500 ms (issue 18; 734 ms when it was filed).
 *     The page asks for the product and its server result as it starts (web/src/api/opening.ts), paints
 *     the first parts and rows with the total and the rest when idle.
 *  2. Edit to result: an amount typed into a line of that product, from the `input` event to the new
 *     total in the DOM, and to the next animation frame (the frame that shows it). Target: 16 ms.
 *
 * Options: --no-build (reuse test-artifacts/web-dist when its sources are unchanged), --edits N (default 60), --loads N (default 5),
 * --detail (per load: each request's timing and the page's long tasks), --against DIR (another build of the UI, e.g.
 * `tsx web/build.ts --out DIR` on another checkout, served by a second server: loads alternate between the two,
 * and the median of the per-pair ratios is printed).
 * Run alone: `pnpm tsx test/bench/web.ts`; in the suite: `pnpm bench -- --only web`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_KEY, HAS_CHROMIUM, launchBrowser, REPO, startServer, TEST_WEB_ROOT, type Browser } from '../e2e/harness.js';
import { buildWeb } from '../../web/build.js';
import type { BenchModule } from './main.js';

interface Factor { id: string; unit: string; category: string }

function factorsOf(dataset: string): Factor[] {
  return (JSON.parse(readFileSync(join(REPO, 'datasets', 'factors', `${dataset}.json`), 'utf8')) as { factors: Factor[] }).factors
    .map((f) => ({ ...f, id: `${dataset}/${f.id}` }));
}

/** 900 inventory lines over five stages and 100 components, all on bundled factors. */
export function thousandLineProduct(): Record<string, unknown> {
  const desnz = factorsOf('desnz-2025');
  const materials = desnz.filter((f) => f.category === 'material' && f.unit === 't').slice(0, 20);
  const freight = desnz.find((f) => f.category === 'freight' && f.unit === 't*km');
  const fuel = desnz.find((f) => f.category === 'fuel' && f.unit === 'kWh') ?? desnz.find((f) => f.unit === 'kWh')!;
  if (!freight || materials.length < 5) throw new Error('bench: the bundled DESNZ dataset lacks the factors this product uses');
  const grid = 'cn-mee/electricity-footprint-national-2024';
  const inventory = Array.from({ length: 900 }, (_, i) => {
    switch (i % 6) {
      case 0: return { name: `Assembly power ${i}`, stage: 'manufacture', factor: grid, amount: `${(i % 50) + 1} kWh` };
      case 1: return { name: `Packaging ${i}`, stage: 'packaging', factor: materials[i % materials.length]!.id, amount: `${(i % 40) + 5} g` };
      case 2: return { name: `Freight ${i}`, stage: 'transport', factor: freight.id, amount: `${(i % 9) + 1} kg * ${100 + i} km` };
      case 3: return { name: `Use ${i}`, stage: 'use', factor: grid, amount: `${(i % 30) + 1} kWh * years`, component: `part-${i % 100}` };
      case 4: return { name: `Heat ${i}`, stage: 'manufacture', factor: fuel.id, amount: `${(i % 20) + 1} kWh` };
      default: return { name: `Disposal ${i}`, stage: 'endOfLife', factor: materials[(i + 3) % materials.length]!.id, amount: `${(i % 25) + 1} g` };
    }
  });
  const components = Array.from({ length: 100 }, (_, i) => ({
    id: `part-${i}`, name: `Part ${i}`, quantity: (i % 4) + 1, material: materials[i % materials.length]!.id, mass: `${10 + i} g`,
  }));
  return {
    schemaVersion: 1, id: 'bench-1000', name: 'Benchmark product (1,000 lines)', functionalUnit: { amount: 1, unit: 'item' },
    region: 'CN', gwp: 'AR6', parameters: { years: 5 }, components, inventory,
  };
}

function stats(xs: number[]): { median: number; p95: number; max: number; min: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { median: at(0.5), p95: at(0.95), max: s[s.length - 1]!, min: s[0]! };
}

/** Runs in the page: type amounts into electricity lines and time each edit to its result. */
const EDIT_LOOP = `async (count) => {
  const table = document.querySelector('lca-app').shadowRoot.querySelector('lca-inventory-table').shadowRoot;
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const out = [];
  for (let k = 0; k < count; k++) {
    const line = (k * 6) % 900; // manufacture electricity lines: "<n> kWh"
    const input = table.querySelector('[data-line="' + line + '"] input.amount-input');
    await frame();
    const before = performance.getEntriesByName('lca:result-rendered').length;
    const t0 = performance.now();
    input.value = ((k % 17) + 2) + ' kWh';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    let shown = 0;
    for (;;) {
      const marks = performance.getEntriesByName('lca:result-rendered');
      if (marks.length > before) { shown = marks[marks.length - 1].startTime; break; }
      await new Promise((r) => setTimeout(r, 0));
    }
    const painted = await frame();
    const calcStart = performance.getEntriesByName('lca:calc-start').at(-1).startTime;
    const calcEnd = performance.getEntriesByName('lca:calc-end').at(-1).startTime;
    out.push({ dom: shown - t0, frame: painted - t0, calc: calcEnd - calcStart });
    await new Promise((r) => setTimeout(r, 20));
  }
  return out;
}`;

/** Recorded from the page's start with --detail: every task over 50 ms on the main thread. */
const LONG_TASKS = `(() => {
  window.__longTasks = [];
  try { new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e); }).observe({ type: 'longtask', buffered: true }); } catch {}
})()`;

/** With --detail, per load: each request's start, first byte and end, and the long tasks, in page time (ms). */
const DETAIL = `(() => {
  const out = [];
  const nav = performance.getEntriesByType('navigation')[0];
  out.push('document: start ' + nav.startTime.toFixed(0) + ', request ' + nav.requestStart.toFixed(0) + ', first byte ' + nav.responseStart.toFixed(0) + ', end ' + nav.responseEnd.toFixed(0));
  for (const r of performance.getEntriesByType('resource')) {
    const name = r.name.replace(location.origin, '').replace(/[0-9a-f-]{36}/, '{id}');
    const timing = (r.serverTiming || []).map((s) => s.name + '=' + s.duration.toFixed(1)).join(' ');
    out.push(name + ': start ' + r.startTime.toFixed(0) + ', request ' + r.requestStart.toFixed(0) + ', first byte ' + r.responseStart.toFixed(0) +
      ', end ' + r.responseEnd.toFixed(0) + ', ' + (r.decodedBodySize / 1024).toFixed(0) + ' KiB (' + (r.encodedBodySize / 1024).toFixed(0) + ' on the wire)' + (timing ? ', server ' + timing : ''));
  }
  for (const t of window.__longTasks || []) out.push('long task: ' + t.startTime.toFixed(0) + ' to ' + (t.startTime + t.duration).toFixed(0));
  return out;
})()`;

/** Store the bench product on a server; its id. */
async function storeProduct(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/products`, {
    method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(thousandLineProduct()),
  });
  if (!response.ok) throw new Error(`storing the bench product: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** One cold load (a new context: no cache, no warm JIT) of a product's address, until all its rows are in the DOM. */
async function coldLoad(browser: Browser, url: string, detail: boolean) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((key) => localStorage.setItem('greenlca.apiKey', key), API_KEY);
  if (detail) await context.addInitScript(LONG_TASKS);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('lca:result-rendered').length > 0, undefined, { timeout: 30_000 });
  const t = await page.evaluate(() => {
    const marks = ['lca:result-rendered', 'lca:open', 'lca:start', 'lca:library-loaded', 'lca:server-result']
      .map((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN);
    return {
      rendered: marks[0]!, open: marks[1]!, start: marks[2]!, library: marks[3]!, full: marks[4]!,
      rows: document.querySelector('lca-app')!.shadowRoot!.querySelector('lca-inventory-table')!.shadowRoot!.querySelectorAll('.row').length,
    };
  });
  // The first rows of each stage paint at once; the rest follow while the page is idle.
  await page.waitForFunction(() => document.querySelector('lca-app')!.shadowRoot!.querySelector('lca-inventory-table')!.shadowRoot!
    .querySelectorAll('.row').length === 900, undefined, { timeout: 60_000 });
  const allRows = await page.evaluate(() => performance.now());
  const line = `script ${t.start.toFixed(0)}, product open ${t.open.toFixed(0)}, engine + datasets loaded ${Number.isNaN(t.library) ? 'later (deferred behind the server result)' : t.library.toFixed(0)}, ` +
    `server result ${t.full.toFixed(0)}, total shown ${t.rendered.toFixed(0)} (${t.rows} rows painted), all 900 rows ${allRows.toFixed(0)} ms`;
  return { context, page, t, allRows, line, detail: detail ? ((await page.evaluate(DETAIL)) as string[]) : [] };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

export const bench: BenchModule = {
  description: 'web UI in headless Chromium: first render of a 1,000-line product, edit → result at 1,000 lines',
  async run(args) {
    if (!HAS_CHROMIUM) {
      process.stdout.write('skipped: /usr/bin/chromium is not installed (apt-get install -y chromium)\n');
      return;
    }
    const opt = (name: string, fallback: number) => {
      const i = args.indexOf(name);
      return i >= 0 ? Number(args[i + 1]) : fallback;
    };
    const edits = opt('--edits', 60);
    const loads = opt('--loads', 5);
    const detail = args.includes('--detail');
    await buildWeb(TEST_WEB_ROOT, { force: !args.includes('--no-build') });
    const against = args.includes('--against') ? resolve(args[args.indexOf('--against') + 1] ?? '') : undefined;
    if (against && !existsSync(join(against, 'index.html'))) throw new Error(`--against: no built UI in ${against}`);
    const server = await startServer();
    const other = against ? await startServer(against) : undefined;
    const browser = await launchBrowser();
    try {
      const id = await storeProduct(server.url);
      const otherId = other ? await storeProduct(other.url) : undefined;

      // 1. First render, cold page each time (new context: no cache, no warm JIT). With --against, a
      // load of the other UI follows (or, every other time, precedes) each: pairs in the same moment.
      const firstRender: number[] = [];
      const fromOpen: number[] = [];
      const allRows: number[] = [];
      const phases: string[] = [];
      const otherRender: number[] = [];
      const ratios: number[] = [];
      let page;
      for (let i = 0; i < loads; i++) {
        const first = i % 2 === 1 && other ? 'other' : 'ours';
        let mine: number | undefined;
        let theirs: number | undefined;
        for (const which of first === 'ours' ? ['ours', 'other'] : ['other', 'ours']) {
          if (which === 'other') {
            if (!other) continue;
            const load = await coldLoad(browser, `${other.url}/#/products/${otherId}`, false);
            theirs = load.t.rendered;
            otherRender.push(theirs);
            phases.push(`load ${i + 1} (--against): ${load.line}`);
            await load.context.close();
            continue;
          }
          const load = await coldLoad(browser, `${server.url}/#/products/${id}`, detail);
          mine = load.t.rendered;
          allRows.push(load.allRows);
          phases.push(`load ${i + 1}: ${load.line}`, ...load.detail.map((line) => `  ${line}`));
          firstRender.push(load.t.rendered);
          fromOpen.push(load.t.rendered - load.t.open);
          page = load.page;
          if (i < loads - 1) await load.context.close();
        }
        if (theirs !== undefined) ratios.push(mine! / theirs);
      }

      // 2. Edit → result: type amounts into electricity lines of the loaded product.
      // In-page code is passed as text: tsx would otherwise wrap its named helpers in `__name(…)`.
      const timings = (await page!.evaluate(`(${EDIT_LOOP})(${edits})`)) as { dom: number; frame: number; calc: number }[];

      const fr = stats(firstRender);
      const fo = stats(fromOpen);
      const dom = stats(timings.map((x) => x.dom));
      const frame = stats(timings.map((x) => x.frame));
      const calc = stats(timings.map((x) => x.calc));
      process.stdout.write([
        `product: 900 inventory lines + 100 components (1,000 lines), bundled DESNZ 2025 and China MEE factors`,
        `first render (navigation → total in the DOM), ${loads} cold loads: median ${ms(fr.median)}, max ${ms(fr.max)} (target < 500 ms)`,
        ...(against ? [`  against ${against}, loads in pairs: median ${ms(stats(otherRender).median)}; ours / theirs per pair: median ${stats(ratios).median.toFixed(3)} (${ratios.map((r) => r.toFixed(2)).join(' ')})`] : []),
        `  of which after the product arrived (lca:open → total): median ${ms(fo.median)}`,
        `  all 900 inventory rows in the DOM (rendered in idle chunks after the first frame): median ${ms(stats(allRows).median)}`,
        ...phases.map((p) => `  ${p}`),
        `edit → new total in the DOM, ${edits} edits: median ${ms(dom.median)}, p95 ${ms(dom.p95)}, max ${ms(dom.max)} (target ≤ 16 ms)`,
        `edit → next animation frame (the frame that shows it): median ${ms(frame.median)}, p95 ${ms(frame.p95)}`,
        `  live recalculation alone: median ${ms(calc.median)}, p95 ${ms(calc.p95)}`,
        '',
      ].join('\n'));
    } finally {
      await browser.close();
      await server.stop();
      await other?.stop();
    }
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  bench.run(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`bench web: ${(error as Error).stack}\n`);
    process.exitCode = 1;
  });
}

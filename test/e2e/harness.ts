/**
 * @module e2e harness — start the real server (tsx server/src/main.ts) on a free loopback port with a
 * temporary data directory and a known admin key, and drive Debian's Chromium with playwright-core.
 * A test file calls `useApp()` once in its describe block and opens pages with `app.open()`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
// playwright-core is a dev dependency of @greenlca/web (test/ is not a package of its own), so it is
// resolved from there.
import type * as Playwright from '../../web/node_modules/playwright-core/index.js';

export type Browser = Playwright.Browser;
export type BrowserContext = Playwright.BrowserContext;
export type Page = Playwright.Page;

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const ARTIFACTS = join(REPO, 'test-artifacts', 'e2e');
/** The UI the tests build and serve: never web/dist, which a running `pnpm start` may be serving. */
export const TEST_WEB_ROOT = join(REPO, 'test-artifacts', 'web-dist');
const { chromium } = createRequire(join(REPO, 'web', 'package.json'))('playwright-core') as typeof Playwright;

export const API_KEY = 'glca_e2e0000000000000_e2e-test-admin-key-not-secret';

if (!HAS_CHROMIUM) console.warn(`e2e: skipped, ${CHROMIUM} is not installed (apt-get install -y chromium)`);

/** Is this loopback port free now? */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.on('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free loopback port: any (the system's choice), or one in `GREENLCA_E2E_PORTS` ("3440-3449"), so
 * runs sharing a machine can be kept to a range of their own.
 */
async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.GREENLCA_E2E_PORTS ?? '');
  if (range) {
    for (let port = Number(range[1]); port <= Number(range[2]); port++) if (await isFree(port)) return port;
    throw new Error(`no free port in GREENLCA_E2E_PORTS=${process.env.GREENLCA_E2E_PORTS}`);
  }
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** Start `server/src/main.ts` with tsx and wait until /health answers; `webRoot`: the built UI it serves (default the tests' build). */
export async function startServer(webRoot: string = TEST_WEB_ROOT): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'greenlca-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', GREENLCA_DATA_DIR: dataDir, GREENLCA_API_KEY: API_KEY, GREENLCA_WEB_ROOT: webRoot, LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL; // always the embedded database in the temp dir, never a shared PostgreSQL
  const tsx = join(REPO, 'node_modules', '.bin', 'tsx');
  const child: ChildProcess = spawn(tsx, [join(REPO, 'server', 'src', 'main.ts')], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /health within 90 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/**
 * A page at 1280×800 with the API key already given (as a user who entered it once), or with no key
 * stored (`withKey: false`, a first visit).
 */
export async function openApp(
  browser: Browser, url: string, options: { width?: number; height?: number; locale?: 'zh' | 'en'; withKey?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 800 }, acceptDownloads: true, locale: 'en-GB' });
  await context.addInitScript(([key, locale]) => {
    if (key && !localStorage.getItem('greenlca.apiKey')) localStorage.setItem('greenlca.apiKey', key);
    if (locale && !localStorage.getItem('greenlca.locale')) localStorage.setItem('greenlca.locale', locale);
  }, [options.withKey === false ? '' : API_KEY, options.locale ?? 'en'] as const);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  return { context, page, errors };
}

export type OpenOptions = NonNullable<Parameters<typeof openApp>[2]>;

/** The app under test for one file: a server and a browser started before its tests and stopped after. */
export interface App {
  /** The server's base URL (valid inside tests and hooks). */
  readonly url: string;
  /** A new page on the app (see `openApp`). */
  open(options?: OpenOptions): ReturnType<typeof openApp>;
}

/** Call once inside a `describe`: starts the server and Chromium in its beforeAll, stops both in its afterAll. */
export function useApp(): App {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = () => {
    if (!server || !browser) throw new Error('useApp: the app is started in beforeAll; use it inside tests and hooks');
    return { server, browser };
  };
  return {
    get url() { return started().server.url; },
    open: (options) => openApp(started().browser, started().server.url, options),
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * A factor's published value read from the bundled dataset file (datasets/factors/<dataset>.json), so
 * expected values are worked out from the citation, never copied from the UI.
 */
export function co2e(id: string): { value: number; unit: string; source: string; name: string } {
  const [datasetId, factorId] = id.split('/') as [string, string];
  const dataset = JSON.parse(readFileSync(join(REPO, 'datasets', 'factors', `${datasetId}.json`), 'utf8')) as {
    factors: { id: string; name: { en: string }; co2e?: number; unit: string; source: { source: string } }[];
  };
  const factor = dataset.factors.find((f) => f.id === factorId);
  if (factor?.co2e === undefined) throw new Error(`no co2e for ${id}`);
  return { value: factor.co2e, unit: factor.unit, source: factor.source.source, name: factor.name.en };
}

/** Wait until every chart on the page has drawn its data (ECharts loads lazily). */
export async function chartsDrawn(page: Page): Promise<void> {
  // Passed as text: tsx and vitest may wrap named helpers in `__name(…)`, which the page lacks.
  await page.waitForFunction(`(() => {
    const charts = [];
    function walk(root) {
      for (const el of root.querySelectorAll('*')) {
        if (el.tagName === 'LCA-CHART') charts.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    }
    walk(document);
    return charts.length > 0 && charts.every((c) => c.dataset.drawn === 'true');
  })()`, undefined, { timeout: 15_000 });
  await page.waitForTimeout(100); // one more frame for the canvas
}

/**
 * Wait until the page has loaded the engine and the factor library. Before that, a product opened is
 * calculated by the server, whose 422 for a deliberately broken line the browser logs as a failed request.
 */
export async function engineReady(page: Page): Promise<void> {
  await page.waitForFunction(() => !!(document.querySelector('lca-app') as unknown as { workspace?: { library?: unknown } } | null)?.workspace?.library, null, { timeout: 30_000 });
}

/** The text of the first element `selector` matches, or '' when there is none (yet). */
export async function text(page: Page, selector: string): Promise<string> {
  const l = page.locator(selector).first();
  return (await l.count()) ? ((await l.textContent()) ?? '') : '';
}

/** A kg CO2e figure the page shows, read exactly from its data-kg attribute (not the rounded text). */
export async function kg(page: Page, selector: string): Promise<number> {
  return Number(await page.locator(selector).first().getAttribute('data-kg'));
}

/** The product's total kg CO2e as the results show it. */
export const total = (page: Page): Promise<number> => kg(page, '[data-testid=total]');

/**
 * Import a product through the "Import product JSON" file input (written to test-artifacts as
 * `<name>.json`), and wait until `ready` is on the page.
 */
export async function importProduct(page: Page, product: object, name: string, ready = 'lca-bom-tree'): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.json`);
  writeFileSync(file, JSON.stringify(product));
  await page.locator('input[type=file][accept^=".json"]').setInputFiles(file);
  await expect.poll(() => page.locator(ready).count(), { timeout: 20_000 }).toBe(1);
}

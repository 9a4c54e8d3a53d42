/**
 * Build web/dist with Vite before the browser tests (the server serves it at `/`). Skipped when
 * Chromium is absent, since every test then skips too.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from './harness.js';

export default async function setup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.warn(`e2e: ${CHROMIUM} not found, browser tests are skipped (install it: apt-get install -y chromium)`);
    return;
  }
  if (process.env.GREENLCA_E2E_SKIP_BUILD === '1' && existsSync(fileURLToPath(new URL('../../web/dist/index.html', import.meta.url)))) return;
  const { build } = await import('vite');
  const started = Date.now();
  await build({ configFile: fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
  console.log(`e2e: web UI built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

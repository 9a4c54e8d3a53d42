/**
 * Build the web UI before the browser tests into test-artifacts/web-dist (served by the test servers
 * through GREENLCA_WEB_ROOT), never into web/dist, which a running `pnpm start` may be serving. Skipped
 * when nothing the UI is made from has changed since the last build (web/build.ts), and when Chromium is
 * absent, since every test then skips too.
 */
import { existsSync } from 'node:fs';
import { buildWeb } from '../../web/build.js';
import { CHROMIUM, TEST_WEB_ROOT } from './harness.js';

export default async function setup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.warn(`e2e: ${CHROMIUM} not found, browser tests are skipped (install it: apt-get install -y chromium)`);
    return;
  }
  const started = Date.now();
  const built = await buildWeb(TEST_WEB_ROOT);
  console.log(built ? `e2e: web UI built in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'e2e: web UI up to date');
}

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { sourceResolve } from '../source-condition.js';

// Browser tests: build the web UI once (global setup), then each file starts the real server and drives
// Debian's headless Chromium with playwright-core. Run: pnpm vitest run --config test/e2e/vitest.config.ts
export default defineConfig({
  ...sourceResolve,
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    pool: 'forks',
  },
});

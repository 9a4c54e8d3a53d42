import { defineConfig } from 'vitest/config';
import { sourceResolve } from './test/source-condition.js';

// One runner for the whole workspace: unit tests sit beside their code, cross-package tests in test/.
export default defineConfig({
  ...sourceResolve,
  test: {
    include: ['packages/*/src/**/*.test.ts', 'datasets/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/e2e/**'],
    testTimeout: 30_000,
    pool: 'threads',
  },
});

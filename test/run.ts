/**
 * `pnpm test`: every test in the repository — type check, unit and integration tests (vitest, both
 * storage back ends when DATABASE_URL is set), then the browser tests in headless Chromium — and one
 * closing line "tests: N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const out = join(root, 'test-artifacts');
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;

function run(title: string, cmd: string, args: string[]): number {
  console.log(`\n== ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  return r.status ?? 1;
}

function vitest(title: string, args: string[], report: string): void {
  const file = join(out, report);
  const code = run(title, bin('vitest'), ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
  }
  if (code !== 0) ok = false;
}

if (run('type check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) !== 0) {
  ok = false;
  failed += 1;
}
vitest('unit and integration tests', [], 'vitest.json');
if (existsSync(join(root, 'test/e2e/vitest.config.ts'))) {
  vitest('browser tests (headless Chromium)', ['--config', 'test/e2e/vitest.config.ts'], 'vitest-e2e.json');
}

console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok && failed === 0 ? 0 : 1);

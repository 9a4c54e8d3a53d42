/**
 * WBCSD's PACT conformance runner (MIT, ../shared/vendor/pact/pact-conformance-service): copied out
 * of its read-only folder, installed from the npm registry with `npm ci`, and run as its CLI runs,
 * with the callback listener of its web service (cli-with-callbacks.ts.tmpl).
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedDir } from '../../datasets/build/lib/paths.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Where the runner is: PACT_CONFORMANCE_RUNNER, else the shared folder (GREENLCA_SHARED_DIR, or beside the repository). */
export const runnerSource = resolve(process.env.PACT_CONFORMANCE_RUNNER ?? join(sharedDir(), 'vendor', 'pact', 'pact-conformance-service'));

/** A digest of the runner's files (not node_modules): a changed runner is installed afresh. */
function digest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (name === 'node_modules' || name === '.git') continue;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else hash.update(relative(dir, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  walk(dir);
  return hash.digest('hex').slice(0, 16);
}

/**
 * An installed copy of the runner in the temporary directory, made once per version of the runner
 * and reused by later runs (npm ci takes 10-60 s and needs the npm registry; the copy does not). It
 * is built beside its final name and renamed into place, so a run that dies half-way leaves nothing
 * that a later run would take for installed.
 */
export function installedRunner(): string {
  const dir = join(tmpdir(), `greenlca-pact-runner-${digest(runnerSource)}`);
  const marker = join(dir, '.greenlca-installed');
  if (existsSync(marker)) return dir;
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  execFileSync('cp', ['-r', runnerSource, partial]);
  // The shared folder is read-only, and cp keeps its modes: npm must write node_modules.
  execFileSync('chmod', ['-R', 'u+w', partial]);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: partial, stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
  writeFileSync(join(partial, '.greenlca-installed'), new Date().toISOString());
  try {
    renameSync(partial, dir);
  } catch {
    // Another run installed it meanwhile: use theirs.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(marker)) throw new Error(`could not install the PACT conformance runner in ${dir}`);
  }
  return dir;
}

export interface RunnerOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** PEM certificate the runner trusts (the host's self-signed one). */
  caFile: string;
  /**
   * Where the runner listens for the host's answers to its requests (the events' `source`), on
   * loopback; the host must have it registered as a partner with the runner's callback credentials
   * (CALLBACK_CLIENT below).
   */
  callbackUrl: string;
}

/** The client credentials the runner's callback endpoint accepts (its EventHandler.authenticate). */
export const CALLBACK_CLIENT = { id: 'test_client_id', secret: 'test_client_secret' };

/**
 * Run the conformance tests for PACT V3.0 with the runner's callback listener
 * (cli-with-callbacks.ts.tmpl) and return the output. The exit code is not used: the runner's
 * console storage never records the final status, so its per-test summary is what tells (below).
 */
export async function runV3(dir: string, o: RunnerOptions): Promise<string> {
  const script = join('src', 'scripts', 'greenlca-cli-with-callbacks.ts');
  copyFileSync(join(here, 'cli-with-callbacks.ts.tmpl'), join(dir, script));
  // Its config module throws unless all four are set; the CLI never opens the database.
  const env = {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', PORT: '1', LOG_OUTPUT: 'console',
    DB_CONNECTION_STRING: 'postgres://unused@127.0.0.1:1/unused', CONFORMANCE_API: o.callbackUrl, JWT_SECRET: randomBytes(16).toString('hex'),
    NODE_EXTRA_CA_CERTS: o.caFile, TESTCASE_TIMEOUT: '20000', CALLBACK_WAIT_MS: '30000',
  };
  return new Promise((done, fail) => {
    execFile(join(dir, 'node_modules', '.bin', 'ts-node'), [script, o.baseUrl, o.clientId, o.clientSecret], { cwd: dir, env, timeout: 600_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error) fail(new Error(`the conformance runner failed to run (${error.message}):\n${output}`));
      else done(output);
    });
  });
}

export type Outcome = 'PASS' | 'FAIL' | 'PENDING';

/** The runner's per-test summary: its "Mandatory Tests" section, as printed (colours removed). */
export function summary(output: string): { text: string; mandatory: Map<string, Outcome> } {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const start = plain.lastIndexOf('TEST RESULTS SUMMARY');
  const end = plain.indexOf('TEST RUN COMPLETE', start);
  const text = start < 0 ? plain.slice(-4000) : plain.slice(start, end < 0 ? undefined : end);
  const mandatory = new Map<string, Outcome>();
  const from = text.indexOf('Mandatory Tests:');
  const to = text.indexOf('Non-Mandatory Tests:');
  const section = from < 0 ? '' : text.slice(from, to < 0 ? text.indexOf('STATISTICS') : to);
  for (const line of section.split('\n')) {
    const m = /^([✓✗⧗]) (Test Case [0-9.AB]+):/.exec(line);
    if (m) mandatory.set(m[2]!, m[1] === '✓' ? 'PASS' : m[1] === '✗' ? 'FAIL' : 'PENDING');
  }
  return { text, mandatory };
}

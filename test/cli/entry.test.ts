/** The CLI's entry points beside the commands: --version, `-` for standard input, did-you-mean for commands. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'packages/cli/bin/greenlca.mjs');
const kettle = readFileSync(join(root, 'examples/electric-kettle.json'), 'utf8');

function greenlca(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', input, env: { ...process.env, INIT_CWD: root } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('greenlca entry points', () => {
  it('--version prints the CLI and engine versions from their package.json files', () => {
    const cli = JSON.parse(readFileSync(join(root, 'packages/cli/package.json'), 'utf8')).version;
    const engine = JSON.parse(readFileSync(join(root, 'packages/engine/package.json'), 'utf8')).version;
    const r = greenlca(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`greenlca ${cli} (@greenlca/engine ${engine}, Node.js `)).toBe(true);
  });

  it('calc - reads the product from standard input: the kettle\'s use stage, 347.919825 kg', () => {
    const r = greenlca(['calc', '-', '--format', 'json'], kettle);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).byStage.use.kgCO2e).toBe(347.919825);
  });

  it('calc - with bad JSON on standard input names standard input, line and column', () => {
    const r = greenlca(['calc', '-'], '{\n  "schemaVersion": 1,\n  oops\n}');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('standard input is not valid JSON: unexpected text "oops');
    expect(r.stderr).toContain('line 3, column 3');
  });

  it('a mistyped command gets a did-you-mean (exit 2); a far-off one the list only', () => {
    const typo = greenlca(['calcc', 'x.json']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown command "calcc" (did you mean calc?)');
    const far = greenlca(['zzzzzzzz']);
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/^greenlca: \[UNKNOWN_COMMAND\] unknown command "zzzzzzzz"\. Commands: calc, /);
  });
});

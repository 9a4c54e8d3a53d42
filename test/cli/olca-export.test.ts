import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'packages/cli/bin/greenlca.mjs');

function greenlca(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: root } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('greenlca olca export', () => {
  it('writes a package that greenlca olca calc reads back to greenlca calc\'s climate total', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'greenlca-olca-')), 'kettle.zip');
    const r = greenlca('olca', 'export', 'examples/electric-kettle.json', '--out', out);
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    const method = /--method "([^"]+)"/.exec(r.stdout)![1]!;
    const back = JSON.parse(greenlca('olca', 'calc', out, '--system', 'Electric kettle 1.7 L', '--method', method, '--format', 'json').stdout);
    const calc = JSON.parse(greenlca('calc', 'examples/electric-kettle.json', '--format', 'json').stdout);
    expect(Math.abs(back.impacts[0].amount / calc.total.kgCO2e - 1)).toBeLessThan(1e-9);
    expect(back.cutoffs).toEqual([]);
  }, 180_000); // three CLI processes, each loading the datasets

  it('refuses a bad product with calc\'s coded problems and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenlca-olca-'));
    const r = greenlca('olca', 'export', 'examples/electric-kettle-scenarios.json', '--out', join(dir, 'x.zip'), '--gwp', 'AR7');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--gwp must be AR4, AR5 or AR6');
    const missing = greenlca('olca', 'export', 'no-such.json', '--out', join(dir, 'x.zip'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
  }, 120_000);
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command } from '../../packages/cli/src/commands/datasets.js';
import type { Io } from '../../packages/cli/src/io.js';
import { buildApp, type App } from '../../server/src/app.js';
import { csvText, valueOf, zhTable } from '../../server/src/org-datasets/testing/tables.js';
import { FIXED_NOW, OPERATOR_KEY } from '../../server/src/testing/harness.js';

/** `greenlca datasets` against a listening server (embedded database in memory). */
describe('greenlca datasets', { timeout: 120_000 }, () => {
  let app: App;
  let url: string;
  const dir = mkdtempSync(join(tmpdir(), 'greenlca-datasets-cli-'));
  const saved = process.env.GREENLCA_API_KEY;
  beforeAll(async () => {
    app = await buildApp({ webRoot: false, now: FIXED_NOW, bootstrap: { apiKey: OPERATOR_KEY }, rateLimit: false });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    process.env.GREENLCA_API_KEY = OPERATOR_KEY;
  }, 120_000);
  afterAll(async () => {
    if (saved === undefined) delete process.env.GREENLCA_API_KEY;
    else process.env.GREENLCA_API_KEY = saved;
    await app?.close();
  });

  async function run(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), path: (p) => join(dir, p) };
    const code = await command.run([...args, '--server', url], io);
    return { code, stdout, stderr };
  }
  const meta = ['--id', 'acme', '--name', 'ACME materials', '--publisher', 'ACME', '--licence', 'internal use', '--gwp', 'AR6'];

  it('lists every problem of a file with its row and column, and imports nothing', async () => {
    const rows = zhTable(3);
    rows[2]![3] = '斤两';
    rows[3]![4] = '-1';
    writeFileSync(join(dir, 'broken.csv'), csvText(rows));
    const r = await run('import', 'broken.csv', ...meta);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: row 3, column "单位": [UNKNOWN_UNIT] "斤两" is not a unit');
    expect(r.stderr).toContain('error: row 4, column "排放因子（kgCO2e/单位）": [NEGATIVE_WITHOUT_CREDIT]');
    expect(r.stderr).toContain('2 problem(s) in broken.csv: nothing was imported');
    expect((await run('list')).stdout).toBe('no organisation dataset yet\n');
  });

  it('checks, imports, lists and exports a table with Chinese headers', async () => {
    writeFileSync(join(dir, 'factors.csv'), csvText(zhTable(20)));
    const checked = await run('import', 'factors.csv', ...meta, '--check');
    expect(checked).toMatchObject({ code: 0, stdout: 'factors.csv: 20 factors, no problem (checked, not imported)\n' });
    const imported = await run('import', 'factors.csv', ...meta);
    expect(imported.stdout).toBe('imported acme version 1: 20 factors; products use them as acme/<factor id>\n');
    expect((await run('list')).stdout).toMatch(/acme\s+1\s+ACME materials\s+20\s+internal use/);
    expect((await run('export', 'acme', '--format', 'csv', '--out', 'out.csv')).code).toBe(0);
    const lines = readFileSync(join(dir, 'out.csv'), 'utf8').split('\r\n');
    expect(lines[0]!.startsWith('\uFEFFid,name,name zh,category,unit,co2e')).toBe(true);
    expect(lines[1]).toBe(`m-1,材料1，热轧,材料1，热轧,material,kg,${valueOf(1)},,,,AR6,CN,2023,供应商声明 2024-1,,,internal use,,,,2,,,,`);
  });
});

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, type Io } from '../io.js';
import { command as report } from './report.js';

const root = resolve(import.meta.dirname, '../../../..');
const FILE = 'examples/electric-kettle.json';

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, path: (p) => resolve(root, p) };
  const code = await report.run(args, io);
  return { code, stdout, stderr };
}

describe('greenlca report lca', { timeout: 60_000 }, () => {
  it('report lca FILE --method "EF 3.1" --method TRACI --format json: every category, the method licences and the inventories', async () => {
    const r = await run('lca', FILE, '--method', 'EF 3.1', '--method', 'TRACI 2.2', '--lang', 'en', '--format', 'json');
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    expect(rep.kind).toBe('lca');
    expect(rep.data.impacts.map((m: { method: { id: string } }) => m.method.id)).toEqual(['ef-3.1', 'traci-2.2']);
    expect(rep.data.impacts[0].categories).toHaveLength(18);
    expect(rep.data.impacts[0].method.licences[0].id).toBe('EF-3.1-JRC-ILCD-terms');
    expect(rep.data.impacts[1].method.licences[0].id).toBe('US-PD');
    expect(rep.data.inventory.totals.electricityKWh).toBe(603.5);
    expect(rep.document.title).toBe('Life Cycle Assessment Report');
  });

  it('--kind lca is the same; zh HTML by default; without --method: inventories only, with a note', async () => {
    const r = await run(FILE, '--kind', 'lca');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/no --method given/);
    expect(r.stdout).toContain('<h1>生命周期评价报告</h1>');
    expect(r.stdout).toContain('本报告只有清单');
  });

  it('refuses --method for the CFP report (climate only), unknown methods and a kind given twice differently', async () => {
    await expect(run(FILE, '--method', 'EF 3.1')).rejects.toThrow(/stays climate-only/);
    await expect(run('lca', FILE, '--method', 'ReCiPe')).rejects.toThrow(UsageError);
    await expect(run('lca', FILE, '--kind', 'cfp')).rejects.toThrow(/disagree/);
    // The CFP report is unchanged by default.
    const cfp = await run(FILE, '--format', 'json');
    expect(JSON.parse(cfp.stdout).kind).toBe('cfp');
  });
});

describe('greenlca report cfp: uncertainty and sensitivity', { timeout: 60_000 }, () => {
  it('states the seeded Monte Carlo range of the uncertainties the product gives, and the tornado, the same run to run', async () => {
    const r = await run('cfp', 'examples/electric-kettle-scenarios.json', '--format', 'json', '--lang', 'en', '--runs', '300', '--seed', '5');
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.stdout);
    const u = rep.data.uncertainty;
    expect(u).toMatchObject({ runs: 300, seed: 5 });
    expect(u.uncertainInputs).toBeGreaterThan(0);
    expect(u.p5).toBeLessThan(u.deterministic);
    expect(u.p95).toBeGreaterThan(u.deterministic);
    expect(rep.data.sensitivity.bars[0].rank).toBe(1);
    expect(rep.data.sensitivity.bars.map((b: { swing: number }) => b.swing)).toEqual([...rep.data.sensitivity.bars.map((b: { swing: number }) => b.swing)].sort((a, b) => b - a));
    const again = JSON.parse((await run('cfp', 'examples/electric-kettle-scenarios.json', '--format', 'json', '--lang', 'en', '--runs', '300', '--seed', '5')).stdout);
    expect(again.data.uncertainty).toEqual(u);
    const none = JSON.parse((await run('cfp', FILE, '--format', 'json', '--runs', '0')).stdout);
    expect(none.data.uncertainty).toBeNull();
    await expect(run('cfp', FILE, '--runs', '-1')).rejects.toThrow(/--runs must be a whole number/);
  });
});

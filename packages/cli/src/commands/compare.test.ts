import { resolve } from 'node:path';
import { bundledFactorDatasets, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary } from '@greenlca/engine';
import { describe, expect, it } from 'vitest';
import { UsageError, type Io } from '../io.js';
import { command as compare } from './compare.js';
import { command as sensitivity, rangeFlags } from './sensitivity.js';
import { command as suggest } from './suggest.js';
import { command as uncertainty } from './uncertainty.js';
import type { Command } from './index.js';

const root = resolve(import.meta.dirname, '../../../..');
const FILE = 'examples/electric-kettle-scenarios.json';

async function run(cmd: Command, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, path: (p) => resolve(root, p) };
  const code = await cmd.run(args, io);
  return { code, stdout, stderr };
}

describe('greenlca compare | sensitivity | uncertainty | suggest', () => {
  it('compare --format json: per-stage deltas, a 20 % lighter body saves 20 % of its own lines', async () => {
    const r = await run(compare, FILE, '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const c = JSON.parse(r.stdout);
    expect(c.variants.map((v: { id: string }) => v.id)).toEqual(['light-body', 'recycled-pp', 'rail', 'efficient', 'ar5']);
    const library = createLibrary(bundledFactorDatasets, bundledSubstances);
    const { scenarios: _s, ...product } = (await import(resolve(root, FILE), { with: { type: 'json' } })).default;
    const body = calculate(product, library).lines.filter((l) => l.component === 'body').reduce((s, l) => s + l.kgCO2e, 0);
    expect(c.variants[0].delta.total.kgCO2e).toBeCloseTo(-0.2 * body, 12);
    expect(c.variants[3].delta.byStage.use.percent).toBeCloseTo(-10, 10); // 0.099 instead of 0.11 kWh per boil
  });

  it('prints tables by default', async () => {
    const r = await run(compare, FILE);
    expect(r.stdout).toMatch(/Stage\s+Baseline\s+20 % lighter body\s+Δ %/);
    expect((await run(suggest, FILE)).stdout).toMatch(/Not quantified:/);
  });

  it('sensitivity --format json ranks bars by swing', async () => {
    const r = await run(sensitivity, FILE, '--format', 'json', '--percent', '20');
    const bars = JSON.parse(r.stdout).bars as { swing: number; rank: number }[];
    expect(bars.length).toBeGreaterThan(5);
    expect(bars.map((b) => b.swing)).toEqual([...bars.map((b) => b.swing)].sort((a, b) => b - a));
  });

  it('uncertainty --runs N --seed S is reproducible and pairs the variants', async () => {
    const a = await run(uncertainty, FILE, '--runs', '300', '--seed', '7', '--format', 'json');
    const b = await run(uncertainty, FILE, '--runs', '300', '--seed', '7', '--format', 'json');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const u = JSON.parse(a.stdout);
    expect(u).toMatchObject({ runs: 300, seed: 7 });
    expect(u.variants.find((v: { id: string }) => v.id === 'efficient').probabilityLower).toBe(1);
    expect(u.baseline.total.p5).toBeLessThan(u.baseline.total.median);
  });

  it('suggest --format json ranks what the bundled data can quantify', async () => {
    const s = JSON.parse((await run(suggest, FILE, '--format', 'json')).stdout);
    expect(s.suggestions[0].rank).toBe(1);
    expect(s.suggestions.map((x: { kind: string }) => x.kind)).toContain('material-variant');
    expect(s.notQuantified[0]).toMatchObject({ kind: 'grid', hotspot: { factor: 'cn-mee/electricity-footprint-national-2024' } });
  });

  it('reports input problems on stderr with exit code 1, and bad flags as usage errors', async () => {
    const r = await run(compare, FILE, '--scenario', 'nope', '--format', 'json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no scenario "nope"/);
    await expect(run(uncertainty, FILE, '--runs', '0')).rejects.toThrow(UsageError);
    await expect(run(sensitivity, FILE, '--kinds', 'lines')).rejects.toThrow(/--kinds takes/);
  });

  it('every what-if command refuses flags it does not document, before reading the file', async () => {
    for (const [cmd, typo, meant] of [[compare, '--scenarios', '--scenario'], [sensitivity, '--percnt', '--percent'], [uncertainty, '--sed', '--seed'], [suggest, '--hotspot', '--hotspots']] as const) {
      await expect(run(cmd, 'no/such/file.json', typo, '1')).rejects.toThrow(new RegExp(`unknown flag ${typo} \\(did you mean ${meant}\\?\\)`));
    }
    const e = await run(uncertainty, FILE, '--runs', '5', '--gwp', 'AR5', '--format', 'json', '--scenario', 'rail', '--scenario', 'efficient');
    expect(JSON.parse(e.stdout).variants.map((v: { id: string }) => v.id)).toEqual(['rail', 'efficient']);
  });

  it('--range KEY=MIN:MAX or KEY=P%: numbers, amounts with units, percentages; malformed ones are usage errors', async () => {
    expect(rangeFlags(['parameter:lifetimeYears=4:8', 'component:body=0.4 kg:500 g', 'line:/inventory/3=20%', 'factor:x=-1e-3:.5'])).toEqual({
      'parameter:lifetimeYears': { min: 4, max: 8 },
      'component:body': { min: '0.4 kg', max: '500 g' },
      'line:/inventory/3': { percent: 20 },
      'factor:x': { min: -0.001, max: 0.5 },
    });
    expect(rangeFlags([])).toBeUndefined();
    expect(() => rangeFlags(['line:boiling'])).toThrow(/--range takes KEY=MIN:MAX or KEY=P%/);
    expect(() => rangeFlags(['line:boiling=1:2:3'])).toThrow(/give MIN:MAX or P%/);
    expect(() => rangeFlags(['line:boiling=150%'])).toThrow(/at most 100, not 150/);
    expect(() => rangeFlags(['line:boiling=1:2', 'line:boiling=5%'])).toThrow(/gives "line:boiling" twice/);
    // A component mass in grams: body 0.45 kg, range 0.4 kg to 500 g.
    const r = await run(sensitivity, FILE, '--format', 'json', '--range', 'component:body=0.4 kg:500 g');
    expect(JSON.parse(r.stdout).bars.find((b: { key: string }) => b.key === 'component:body').range).toMatchObject({ low: 0.4, high: 0.5, unit: 'kg', from: 'ranges' });
  });
});

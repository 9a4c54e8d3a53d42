import type { Product } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { WhatIfInputError, type WhatIfIssue } from '../errors.js';
import { whatifLibrary } from '../testing/library.js';
import { kettle } from '../testing/products.js';
import { pedigreeSigma } from './distributions.js';
import { monteCarlo } from './monte-carlo.js';
import { uniforms } from './random.js';

const lib = whatifLibrary();
const one = (line: Record<string, unknown>, extra: Partial<Product> = {}): Product => ({
  schemaVersion: 1, id: 'p', name: 'p', functionalUnit: { amount: 1, unit: 'item' },
  inventory: [{ stage: 'use', factor: 'wf/grid-cn', amount: '100 kWh', ...line } as never], ...extra,
});

describe('seeded random streams', () => {
  it('are reproducible, uniform on [0, 1), and differ by key and by seed', () => {
    const a = uniforms(42, 'line:use', 10_000);
    expect(uniforms(42, 'line:use', 10_000)).toEqual(a);
    expect(uniforms(42, 'line:other', 5)).not.toEqual(a.slice(0, 5));
    expect(uniforms(43, 'line:use', 5)).not.toEqual(a.slice(0, 5));
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
  });
});

describe('Monte Carlo', () => {
  it('uniform(80, 120) kWh × 0.5: sample mean within 0.3 of (40 + 60) / 2, bounds respected, same numbers on a second run', () => {
    const p = one({ uncertainty: { distribution: 'uniform', min: 80, max: 120 } });
    const r = monteCarlo(p, lib, { runs: 10_000, seed: 7 });
    expect(r.baseline.deterministic.kgCO2e).toBe(50);
    expect(Math.abs(r.baseline.total.mean - 50)).toBeLessThan(0.3); // σ/√n = 5.77/100
    expect(r.baseline.total.min).toBeGreaterThanOrEqual(40);
    expect(r.baseline.total.max).toBeLessThan(60);
    expect(r.baseline.total.p5).toBeCloseTo(41, 0); // 40 + 0.05 × 20
    expect(r.baseline.total.p95).toBeCloseTo(59, 0);
    expect(monteCarlo(p, lib, { runs: 10_000, seed: 7 })).toEqual(r);
    expect(monteCarlo(p, lib, { runs: 10_000, seed: 8 }).baseline.total.mean).not.toBe(r.baseline.total.mean);
  });

  it('reads bounds in any unit of the same dimension: uniform("0.08 MWh", "432 MJ")', () => {
    const r = monteCarlo(one({ uncertainty: { distribution: 'uniform', min: '0.08 MWh', max: '432 MJ' } }), lib, { runs: 2000, seed: 1 });
    expect(r.baseline.total.min).toBeGreaterThanOrEqual(40); // 80 kWh × 0.5
    expect(r.baseline.total.max).toBeLessThan(60); // 120 kWh × 0.5
  });

  it('triangular(70, 100, 160): mean (70 + 100 + 160) / 3 = 110 kWh → 55', () => {
    const r = monteCarlo(one({ uncertainty: { distribution: 'triangular', min: 70, max: 160 } }), lib, { runs: 20_000, seed: 3 });
    expect(Math.abs(r.baseline.total.mean - 55)).toBeLessThan(0.25);
  });

  it('normal with cv 0.1: mean 50, sd 5', () => {
    const r = monteCarlo(one({ uncertainty: { distribution: 'normal', cv: 0.1 } }), lib, { runs: 20_000, seed: 3 });
    expect(Math.abs(r.baseline.total.mean - 50)).toBeLessThan(0.1);
    expect(Math.abs(r.baseline.total.sd - 5)).toBeLessThan(0.1);
  });

  it('lognormal on a bundled factor: the stated value is the median, P95 ≈ v × gsd^1.645', () => {
    const p = one({}, { uncertainty: { factors: { 'wf/grid-cn': { distribution: 'lognormal', gsd: 1.5 } } } } as never);
    const r = monteCarlo(p, lib, { runs: 20_000, seed: 11 });
    expect(r.inputs).toEqual([expect.objectContaining({ key: 'factor:wf/grid-cn', specPath: '/uncertainty/factors/wf~1grid-cn' })]);
    expect(Math.abs(r.baseline.total.median / 50 - 1)).toBeLessThan(0.02);
    expect(Math.abs(r.baseline.total.p95 / (50 * 1.5 ** 1.6449) - 1)).toBeLessThan(0.03);
  });

  it('pedigree scores give a documented lognormal: [1,2,1,3,2] → σ² = 0.0006 + 0.0001 + 0.0001 + 0.0006', () => {
    expect(pedigreeSigma([1, 2, 1, 3, 2])).toBeCloseTo(Math.sqrt(0.0014), 15);
    expect(pedigreeSigma([5, 5, 5, 5, 5], 1.05)).toBeCloseTo(Math.sqrt(Math.log(1.05) ** 2 + 0.04 + 0.008 + 0.04 + 0.002 + 0.12), 15);
    const r = monteCarlo(one({ dataQuality: [1, 2, 1, 3, 2] }), lib, { runs: 100, seed: 1 });
    expect(r.inputs[0]!.distribution).toMatchObject({ kind: 'lognormal', sigma: Math.sqrt(0.0014) });
    const d = monteCarlo(one({}), lib, { runs: 100, seed: 1, defaultDataQuality: [1, 1, 1, 1, 1] });
    expect(d.inputs.map((i) => i.key)).toEqual(['line:/inventory/0', 'factor:wf/grid-cn']);
  });

  it('draws parameters through the engine: years uniform(4, 6) → use mean ≈ 273.75', () => {
    const p = { ...kettle(), uncertainty: { parameters: { years: { distribution: 'uniform', min: 4, max: 6 } } } } as Product;
    const r = monteCarlo(p, lib, { runs: 2000, seed: 5 });
    expect(r.baseline.deterministic.kgCO2e).toBe(311.156);
    expect(Math.abs(r.baseline.byStage.use.mean - 304.27)).toBeLessThan(1.5);
    expect(r.baseline.byStage.use.min).toBeGreaterThanOrEqual(547.5 * 0.5 * 0.8 + 30.52 - 1e-9);
    expect(r.baseline.byStage.manufacture.sd).toBeLessThan(1e-9);
  });

  it('pairs draws: rail instead of road is lower in every run, P(variant < baseline) = 1', () => {
    const p = {
      ...kettle(),
      inventory: kettle().inventory!.map((l) => (l.id === 'truck' ? { ...l, uncertainty: { distribution: 'lognormal', gsd: 3 } } : l)),
      uncertainty: { factors: { 'wf/grid-cn': { distribution: 'lognormal', gsd: 1.3 } } },
      scenarios: [
        { id: 'rail', name: 'Rail', overrides: { lines: { truck: { factor: 'wf/freight-rail-freight-train-tkm' } } } },
        { id: 'half', name: 'Half the distance', overrides: { lines: { truck: { scale: 0.5 } } } },
      ],
    } as Product;
    const r = monteCarlo(p, lib, { runs: 1000, seed: 9 });
    const [rail, half] = r.variants;
    expect(rail!.probabilityLower).toBe(1);
    expect(rail!.delta.max).toBeLessThan(0);
    // The variant keeps the line's relative spread: transport is exactly half in every run.
    expect(half!.byStage.transport.mean).toBeCloseTo(r.baseline.byStage.transport.mean / 2, 10);
    expect(half!.byStage.use).toEqual(r.baseline.byStage.use);
    expect(half!.probabilityLower).toBe(1);
  });

  it('a variant that is the same as the baseline is never lower', () => {
    const p = { ...one({ uncertainty: { distribution: 'lognormal', gsd: 2 } }), scenarios: [{ id: 'same', name: 'same', overrides: { region: 'CN' } }] } as Product;
    const r = monteCarlo(p, lib, { runs: 500, seed: 2 });
    expect(r.variants[0]!.probabilityLower).toBe(0);
    expect(r.variants[0]!.delta.max).toBe(0);
  });

  it('warns when nothing is uncertain, and rejects bad runs, seeds and bounds', () => {
    expect(monteCarlo(kettle(), lib, { runs: 10 }).warnings.map((w) => w.code)).toEqual(['NO_UNCERTAINTY']);
    expect(() => monteCarlo(kettle(), lib, { runs: 0 })).toThrow(/runs must be/);
    expect(() => monteCarlo(kettle(), lib, { seed: -1 })).toThrow(/seed must be/);
    expect(() => monteCarlo(one({ uncertainty: { distribution: 'uniform', min: '2 kg', max: 120 } }), lib)).toThrow(/\/inventory\/0\/uncertainty\/min/);
    expect(() => monteCarlo(one({ uncertainty: { distribution: 'gamma' } }), lib)).toThrow(/\/inventory\/0\/uncertainty/);
  });
});

describe('the normal quantile (AS 241)', () => {
  it('matches tabulated values of Φ⁻¹', async () => {
    const { normalQuantile } = await import('./normal.js');
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514729, 14);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 13);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
    expect(normalQuantile(0.9)).toBeCloseTo(-normalQuantile(0.1), 14);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 14);
  });

  it('P(variant lower) strictly between 0 and 1 matches the closed form Φ(ln(a/b) / ln GSD) for one lognormal factor', () => {
    // Baseline: 100 kWh × 0.5 × X, X lognormal (median 1, GSD 2), so a = 50 kg. The variant uses the
    // Shandong grid (0.7, no uncertainty): b = 70 kg in every run. P(b < a X) = P(ln X > ln(b/a))
    // = Φ(ln(a/b) / ln 2) = Φ(−0.48543) = 0.31369; Monte Carlo error √(p(1 − p)/n) = 0.0033 at 20,000 runs.
    const p = one({}, {
      uncertainty: { factors: { 'wf/grid-cn': { distribution: 'lognormal', gsd: 2 } } },
      scenarios: [{ id: 'sd', name: 'Shandong grid', overrides: { lines: { '/inventory/0': { factor: 'wf/grid-cn-sd' } } } }],
    } as never);
    const r = monteCarlo(p, lib, { runs: 20_000, seed: 4 });
    const v = r.variants[0]!;
    expect(v.deterministic.kgCO2e).toBe(70);
    expect(v.total.sd).toBe(0);
    expect(Math.abs(v.probabilityLower - 0.3136868)).toBeLessThan(0.01); // 3 standard errors
    expect(r.baseline.total.median).toBeCloseTo(50, 0);
  });
});

function problems(fn: () => unknown): WhatIfIssue[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof WhatIfInputError) return error.issues;
    throw error;
  }
  throw new Error('expected an input error');
}

describe('bad distribution parameters are input errors, not repaired', () => {
  it('triangular: the mode, or the stated value when no mode is given, must lie in [min, max]', () => {
    const [stated] = problems(() => monteCarlo(one({ uncertainty: { distribution: 'triangular', min: 120, max: 160 } }), lib, { runs: 10 }));
    expect(stated).toMatchObject({ code: 'BAD_DISTRIBUTION', path: '/inventory/0/uncertainty' });
    expect(stated!.message).toBe('the stated value 100 kWh, which is the mode when none is given, is outside [min, max] = [120 kWh, 160 kWh]');
    expect(stated!.hint).toMatch(/bounds that contain the stated value/);
    const [mode] = problems(() => monteCarlo(one({ uncertainty: { distribution: 'triangular', min: 80, mode: '0.2 MWh', max: 160 } }), lib, { runs: 10 }));
    expect(mode).toMatchObject({ code: 'BAD_DISTRIBUTION', path: '/inventory/0/uncertainty/mode', message: 'the mode 200 kWh is outside [min, max] = [80 kWh, 160 kWh]' });
    const [swapped] = problems(() => monteCarlo(one({ uncertainty: { distribution: 'triangular', min: 160, max: 80 } }), lib, { runs: 10 }));
    expect(swapped).toMatchObject({ code: 'BAD_DISTRIBUTION', path: '/inventory/0/uncertainty/min', message: 'min 160 kWh is above max 80 kWh' });
    // On the edge is fine: mode = max.
    expect(monteCarlo(one({ uncertainty: { distribution: 'triangular', min: 50, max: 100 } }), lib, { runs: 10 }).baseline.total.max).toBeLessThanOrEqual(50);
  });

  it('normal: a negative sd is rejected (not made positive), and it needs exactly one of sd and cv', () => {
    const [neg] = problems(() => monteCarlo(one({ uncertainty: { distribution: 'normal', sd: '-5 kWh' } }), lib, { runs: 10 }));
    expect(neg).toMatchObject({ code: 'BAD_DISTRIBUTION', path: '/inventory/0/uncertainty/sd', message: 'the standard deviation -5 kWh is negative' });
    expect(problems(() => monteCarlo(one({ uncertainty: { distribution: 'normal' } }), lib, { runs: 10 }))[0]!.message).toMatch(/needs "sd" or "cv"/);
    expect(problems(() => monteCarlo(one({ uncertainty: { distribution: 'normal', sd: 5, cv: 0.1 } }), lib, { runs: 10 }))[0]!.message).toMatch(/both "sd" and "cv"/);
    const ok = monteCarlo(one({ uncertainty: { distribution: 'normal', sd: 10 } }), lib, { runs: 20_000, seed: 3 });
    expect(ok.inputs[0]!.distribution).toEqual({ kind: 'normal', sd: 0.1 }); // 10 kWh of 100 kWh
  });

  it('uniform: min above max is rejected (not swapped); every bad distribution is reported at once', () => {
    const p = {
      ...kettle(),
      uncertainty: { parameters: { years: { distribution: 'uniform', min: 8, max: 4 }, boilsPerDay: { distribution: 'normal', sd: { value: -1, unit: '1/day' } } } },
    } as Product;
    expect(problems(() => monteCarlo(p, lib, { runs: 10 })).map((i) => [i.code, i.path, i.message])).toEqual([
      ['BAD_DISTRIBUTION', '/uncertainty/parameters/boilsPerDay/sd', 'the standard deviation -1 1/day is negative'],
      ['BAD_DISTRIBUTION', '/uncertainty/parameters/years/min', 'min 8 is above max 4'],
    ]);
  });

  it('a negative value (a credit) keeps its bounds in value terms: uniform(−120, −80) kWh is fine, (−80, −120) is not', () => {
    const credit = one({ amount: '-100 kWh', uncertainty: { distribution: 'uniform', min: '-120 kWh', max: '-80 kWh' } });
    const r = monteCarlo(credit, lib, { runs: 2000, seed: 1 });
    expect(r.baseline.total.min).toBeGreaterThanOrEqual(-60);
    expect(r.baseline.total.max).toBeLessThanOrEqual(-40);
    const bad = one({ amount: '-100 kWh', uncertainty: { distribution: 'uniform', min: '-80 kWh', max: '-120 kWh' } });
    expect(problems(() => monteCarlo(bad, lib, { runs: 10 }))[0]).toMatchObject({ code: 'BAD_DISTRIBUTION', message: 'min -80 kWh is above max -120 kWh' });
  });

  it('an unknown factor id or parameter name in Product.uncertainty is an error with a did-you-mean', () => {
    const p = {
      ...kettle(),
      uncertainty: {
        factors: { 'wf/grid-cm': { distribution: 'lognormal', gsd: 1.2 } },
        parameters: { year: { distribution: 'uniform', min: 4, max: 6 } },
      },
    } as Product;
    const found = problems(() => monteCarlo(p, lib, { runs: 10 }));
    expect(found.map((i) => [i.code, i.path])).toEqual([
      ['UNKNOWN_TARGET', '/uncertainty/parameters/year'],
      ['UNKNOWN_TARGET', '/uncertainty/factors/wf~1grid-cm'],
    ]);
    expect(found[0]!.message).toBe('the product has no parameter "year", so this uncertainty would apply to nothing');
    expect(found[0]!.hint).toBe('did you mean "years"?');
    expect(found[1]!.hint).toMatch(/^did you mean "wf\/grid-cn"/);
    // A bundled factor, or a custom one only a scenario declares, is a known target.
    const ok = {
      ...kettle(),
      uncertainty: { factors: { 'wf/grid-cn-yn': { distribution: 'lognormal', gsd: 1.2 }, 'my/green': { distribution: 'lognormal', gsd: 1.5 } } },
      scenarios: [{ id: 'green', name: 'green', overrides: {
        factors: [{ id: 'my/green', name: 'Green power', unit: 'kWh', co2e: 0.05, source: 'supplier' }],
        lines: { use: { factor: 'my/green' } },
      } }],
    } as unknown as Product;
    const r = monteCarlo(ok, lib, { runs: 200, seed: 1 });
    expect(r.variants[0]!.total.sd).toBeGreaterThan(0); // the scenario's factor is drawn
  });
});

import { calculate } from '@greenlca/engine';
import type { Product } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { compareScenarios } from './compare.js';
import { sensitivity } from './sensitivity.js';
import { suggest } from './suggest/suggest.js';
import { monteCarlo } from './uncertainty/monte-carlo.js';
import { whatifLibrary } from './testing/library.js';

const lib = whatifLibrary();

/**
 * Parameters used only inside foreground processes (g in an exchange, years in a process's electricity):
 * every what-if answer must move with them exactly as calculate() of the changed product does.
 */
const product = (parameters: Record<string, number> = {}): Product => ({
  schemaVersion: 1, id: 'net', name: 'process network', functionalUnit: { amount: 1, unit: 'item' },
  parameters: { g: 0.45, years: 10, ...parameters },
  processes: [
    { id: 'part', unit: 'kg', inputs: [{ factor: 'wf/steel', amount: '1 kg' }, { process: 'sub', amount: 'g * 1 kg' }] },
    { id: 'sub', unit: 'kg', output: '2 kg', inputs: [{ factor: 'wf/grid-cn', amount: 'years * 0.1 kWh' }, { process: 'part', amount: 'g * 0.2 kg' }] },
  ],
  inventory: [{ stage: 'manufacture', factor: 'part', amount: '2 kg' }, { stage: 'use', factor: 'wf/grid-cn', amount: '100 kWh' }],
});
const total = (parameters: Record<string, number>) => calculate(product(parameters), lib).total.kgCO2e;

describe('what-if with parameters used by foreground processes', () => {
  it('the parameters change the calculated total (the premise)', () => {
    expect(total({ g: 0.46 })).not.toBe(total({}));
    expect(total({ years: 12 })).not.toBe(total({}));
  });

  it('compare: a scenario setting g gives calculate() of the product with that g', () => {
    const c = compareScenarios({ ...product(), scenarios: [{ id: 'g46', name: 'g 0.46', overrides: { parameters: { g: 0.46 } } }] }, lib);
    expect(c.baseline.total.kgCO2e).toBe(total({}));
    expect(c.variants[0]!.total.kgCO2e).toBe(total({ g: 0.46 }));
    expect(c.variants[0]!.delta.total.kgCO2e).toBeCloseTo(total({ g: 0.46 }) - total({}), 12);
  });

  it('sensitivity: the bar of g ends at calculate() with g ± 10 %', () => {
    const bar = sensitivity(product(), lib, { kinds: ['parameter'] }).bars.find((b) => b.key === 'parameter:g')!;
    expect(bar.low.kgCO2e).toBe(total({ g: 0.405 }));
    expect(bar.high.kgCO2e).toBe(total({ g: 0.495 }));
    expect(bar.swing).toBeGreaterThan(0);
  });

  it('Monte Carlo: draws of g within 1e-9 of 0.46 give calculate() at g = 0.46', () => {
    const p = { ...product(), uncertainty: { parameters: { g: { distribution: 'uniform' as const, min: 0.46, max: 0.46 + 1e-9 } } } };
    const r = monteCarlo(p, lib, { runs: 50 });
    expect(r.baseline.total.p5).toBeCloseTo(total({ g: 0.46 }), 6);
    expect(r.baseline.total.p95).toBeCloseTo(total({ g: 0.46 }), 6);
    expect(Math.abs(r.baseline.total.mean - total({}))).toBeGreaterThan(1e-3);
  });

  it('suggest: a longer life of a parameter used in a process saves F(L) − F(1.2 L) / 1.2', () => {
    const s = suggest(product(), lib, { lifetimeParameter: 'years', lifetimeExtension: 0.2 }).suggestions.find((x) => x.kind === 'lifetime')!;
    expect(s.saving.kgCO2e).toBeCloseTo(total({}) - total({ years: 12 }) / 1.2, 12);
  });
});

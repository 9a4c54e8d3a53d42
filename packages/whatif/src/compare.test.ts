import { parseProduct } from '@greenlca/engine';
import type { Scenario } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { compareScenarios } from './compare.js';
import { whatifLibrary } from './testing/library.js';
import { kettle } from './testing/products.js';

const lib = whatifLibrary();

const scenarios: Scenario[] = [
  { id: 'light', name: '20 % lighter housing', overrides: { components: { housing: { massScale: 0.8 } } } },
  { id: 'recycled', name: 'Recycled aluminium', overrides: { replaceFactor: { from: 'wf/material-aluminium-primary', to: 'wf/material-aluminium-closed-loop-source' } } },
  { id: 'clean-grid', name: 'Yunnan grid', overrides: { grid: 'wf/grid-cn-yn' } },
  { id: 'rail', name: 'Rail instead of road', overrides: { lines: { truck: { factor: 'wf/freight-rail-freight-train-tkm' } } } },
  { id: 'ar5', name: 'AR5', overrides: { gwp: 'AR5' } },
];

describe('comparing scenarios', () => {
  const c = compareScenarios(parseProduct({ ...kettle(), scenarios }), lib);
  const v = Object.fromEntries(c.variants.map((x) => [x.id, x]));

  it('reports the baseline as stated', () => {
    expect(c.baseline.total.kgCO2e).toBe(311.156);
    expect(c.variants.map((x) => x.id)).toEqual(['light', 'recycled', 'clean-grid', 'rail', 'ar5']);
  });

  it('a 20 % lighter housing saves exactly 20 % of its material line (4.5 → 3.6)', () => {
    expect(v.light!.total.kgCO2e).toBe(310.256);
    expect(v.light!.delta.byStage.manufacture).toEqual({ kgCO2e: -0.9, percent: (-0.9 / 6.484) * 100 });
    expect(v.light!.delta.total.kgCO2e).toBe(-0.9);
    expect(v.light!.delta.total.percent).toBeCloseTo((-0.9 / 311.156) * 100, 12);
    expect(v.light!.delta.byStage.use).toEqual({ kgCO2e: 0, percent: 0 });
  });

  it('closed-loop aluminium: 0.0005 t × (9000 − 1000) = 4 kg saved', () => {
    expect(v.recycled!.byStage.manufacture.kgCO2e).toBe(2.484);
    expect(v.recycled!.delta.total.kgCO2e).toBe(-4);
  });

  it('a cleaner grid: 547.5 kWh × (0.5 − 0.1) = 219 kg saved in use', () => {
    expect(v['clean-grid']!.byStage.use.kgCO2e).toBe(85.27);
    expect(v['clean-grid']!.delta.byStage.use.kgCO2e).toBe(-219);
    expect(v['clean-grid']!.delta.byStage.use.percent).toBeCloseTo(-219 / 304.27 * 100, 12);
  });

  it('rail instead of road: 1.92 t·km × 0.025 instead of × 0.1 is −75 % in transport', () => {
    expect(v.rail!.byStage.transport.kgCO2e).toBe(0.048);
    expect(v.rail!.delta.byStage.transport).toEqual({ kgCO2e: -0.144, percent: -75 });
  });

  it('percent is null against a zero baseline stage', () => {
    expect(c.baseline.byStage.packaging.kgCO2e).toBe(0);
    expect(v.rail!.delta.byStage.packaging).toEqual({ kgCO2e: 0, percent: 0 });
    const moved = compareScenarios(kettle(), lib, { scenarios: [{ id: 'pack', name: 'pack', overrides: { lines: { heat: { stage: 'packaging' } } } }] });
    expect(moved.variants[0]!.delta.byStage.packaging).toEqual({ kgCO2e: 0.7, percent: null });
  });

  it('a scenario with its own GWP set is calculated with it: HFC-134a at AR5 1300 instead of 1526', () => {
    expect(v.ar5!.gwp).toBe('AR5');
    expect(v.ar5!.delta.total.kgCO2e).toBeCloseTo(0.02 * (1300 - 1526), 12);
  });

  it('runs the scenarios asked for, including ones given by the caller', () => {
    const only = compareScenarios(parseProduct({ ...kettle(), scenarios }), lib, { scenarios: ['rail'] });
    expect(only.variants.map((x) => x.id)).toEqual(['rail']);
    expect(() => compareScenarios(kettle(), lib, { scenarios: ['rail'] })).toThrow(/no scenario "rail"/);
  });
});

import { calculate } from '@greenlca/engine';
import type { Product } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { sensitivity } from './sensitivity.js';
import { scaledParameter } from './uncertainty/simulate.js';
import { whatifLibrary } from './testing/library.js';
import { kettle } from './testing/products.js';

const lib = whatifLibrary();

describe('one-at-a-time sensitivity', () => {
  const t = sensitivity(kettle(), lib);
  const bar = (key: string) => t.bars.find((b) => b.key === key)!;

  it('ranks every parameter, line and component by swing (±10 %, hand-computed)', () => {
    expect(t.baseline.kgCO2e).toBe(311.156);
    expect(t.bars.map((b) => [b.key, b.swing])).toEqual([
      ['line:use', 54.75], // 273.75 × 0.2
      ['parameter:boilsPerDay', 54.75],
      ['parameter:years', 54.75],
      ['line:leak', 6.104], // 30.52 × 0.2
      ['component:housing', 0.9], // 4.5 × 0.2
      ['component:body', 0.294], // (1.26 + 0.21) × 0.2
      ['line:heat', 0.14],
      ['line:truck', 0.0384],
      ['component:body/screw', 0.0048],
    ].map(([k, s]) => [k, expect.closeTo(s as number, 12)]));
    expect(t.bars.map((b) => b.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('gives the totals at both ends and the input range', () => {
    expect(bar('line:use')).toMatchObject({
      kind: 'line', path: '/inventory/0',
      range: { low: 492.75, high: 602.25, value: 547.5, unit: 'kWh', from: 'percent', percent: 10 },
      low: { kgCO2e: 283.781, delta: -27.375 },
      high: { kgCO2e: 338.531, delta: 27.375 },
    });
    expect(bar('parameter:years').range).toMatchObject({ low: 4.5, high: 5.5, unit: '' });
    expect(bar('parameter:years').high.delta).toBeCloseTo(27.375, 9);
    expect(bar('parameter:boilsPerDay').range).toMatchObject({ low: 2.7, high: 3.3, unit: '1/day' });
    expect(bar('component:housing')).toMatchObject({ range: { low: 0.45, high: 0.55, unit: 'kg' }, low: { delta: -0.45 }, high: { delta: 0.45 } });
  });

  it('takes given ranges, and min/max of a uniform or triangular uncertainty', () => {
    const p = kettle();
    p.inventory![3] = { ...p.inventory![3]!, uncertainty: { distribution: 'uniform', min: '3 kWh', max: '5 kWh' } } as never;
    const r = sensitivity(p, lib, { ranges: { 'line:truck': { min: 1, max: 3 }, 'parameter:years': { percent: 50 } } });
    const b = (key: string) => r.bars.find((x) => x.key === key)!;
    expect(b('line:truck')).toMatchObject({ range: { low: 1, high: 3, from: 'ranges' }, low: { delta: -0.092 }, high: { delta: 0.108 }, swing: 0.2 });
    expect(b('parameter:years').range).toMatchObject({ low: 2.5, high: 7.5, from: 'ranges', percent: 50 });
    expect(b('parameter:years').swing).toBeCloseTo(273.75, 9);
    expect(b('line:heat')).toMatchObject({ range: { low: 3, high: 5, from: 'uncertainty' }, swing: 0.4 }); // 2 kWh × 0.2
  });

  it('varies factor values when asked, and can keep only the top bars', () => {
    const r = sensitivity(kettle(), lib, { kinds: ['factor'], percent: 20, limit: 2 });
    expect(r.bars.map((b) => [b.key, b.swing])).toEqual([
      ['factor:wf/grid-cn', 109.5], // 547.5 kWh × 0.5 × 0.4
      ['factor:wf/material-aluminium-primary', 1.8],
    ]);
  });

  it('rejects ranges for inputs that do not exist and bad percentages', () => {
    expect(() => sensitivity(kettle(), lib, { ranges: { 'line:ship': { percent: 5 } } })).toThrow(/no input "line:ship"/);
    expect(() => sensitivity(kettle(), lib, { percent: 0 })).toThrow(/percentage/);
    expect(() => sensitivity({ ...kettle(), inventory: [] } as Product, lib, { ranges: { 'parameter:years': { min: '2 kg', max: 3 } } })).toThrow(/another dimension/);
  });

  it('rejects a range with min above max, and a bad distribution it would read as a range (never swapped)', () => {
    expect(() => sensitivity(kettle(), lib, { ranges: { 'parameter:years': { min: 8, max: 4 } } })).toThrow(/the range of "parameter:years" has min 8 above max 4/);
    expect(() => sensitivity(kettle(), lib, { ranges: { 'parameter:years': { percent: 150 } } })).toThrow(/±150 %/);
    const p = { ...kettle(), uncertainty: { parameters: { years: { distribution: 'uniform', min: 8, max: 4 } } } } as Product;
    expect(() => sensitivity(p, lib)).toThrow(/\/uncertainty\/parameters\/years\/min: min 8 is above max 4/);
    const tri = { ...kettle(), uncertainty: { parameters: { years: { distribution: 'triangular', min: 6, max: 9 } } } } as Product;
    expect(() => sensitivity(tri, lib)).toThrow(/the stated value 5, which is the mode when none is given, is outside \[min, max\] = \[6, 9\]/);
    expect(() => sensitivity(tri, lib, { useUncertainty: false })).not.toThrow();
    // Valid bounds still give the range: years uniform(4, 7) → use 547.5 kWh × 0.5 × (7 − 4) / 5 = 164.25.
    const ok = { ...kettle(), uncertainty: { parameters: { years: { distribution: 'uniform', min: 4, max: 7 } } } } as Product;
    expect(sensitivity(ok, lib).bars.find((b) => b.key === 'parameter:years')).toMatchObject({ range: { low: 4, high: 7, from: 'uncertainty' }, swing: expect.closeTo(164.25, 9) });
  });

  it('suggests the key meant by an unknown range, or the kind to add', () => {
    expect(() => sensitivity(kettle(), lib, { ranges: { 'parameter:year': { percent: 5 } } })).toThrow(/did you mean "parameter:years"\?/);
    expect(() => sensitivity(kettle(), lib, { ranges: { 'factor:wf/grid-cn': { percent: 5 } } })).toThrow(/"factor:wf\/grid-cn" is a factor, which is not varied here \(add "factor" to the kinds\)/);
  });
});

/**
 * A bill of `n` components (some with children, some whose mass is a parameter's: "scale", or with
 * `own`, a parameter of their own), and two lines.
 */
function bill(n: number, own = false): Product {
  const materials = ['wf/material-aluminium-primary', 'wf/material-plastics-primary', 'wf/steel', 'wf/material-glass-primary'];
  const components: Product['components'] = Array.from({ length: n }, (_, i) => ({
    id: `c${i}`, name: `Part ${i}`, material: materials[i % 4]!, quantity: 1 + (i % 3),
    mass: i % 5 === 0 ? `${(i % 7) + 1} g * ${own ? `p${i}` : 'scale'}` : `${(i % 13) + 1}.5 g`,
    ...(i % 10 === 0 ? { endOfLife: [{ route: 'landfill', share: 0.5, factor: 'wf/landfill' }] } : {}),
    ...(i % 25 === 0 ? { children: [{ id: 'screw', name: 'Screw', quantity: 4, material: 'wf/steel', mass: '3 g' }] } : {}),
  }));
  return {
    schemaVersion: 1, id: 'bill', name: 'Bill', functionalUnit: { amount: 1, unit: 'item' },
    parameters: { scale: 2, years: 5, ...(own ? Object.fromEntries(components.flatMap((_, i) => (i % 5 === 0 ? [[`p${i}`, `scale * ${1 + (i % 3)}`]] : []))) : {}) }, components,
    inventory: [{ id: 'use', stage: 'use', factor: 'wf/grid-cn', amount: '10 kWh * years' }, { id: 'heat', stage: 'manufacture', factor: 'wf/gas', amount: '2 kWh * scale' }],
  };
}

describe('sensitivity of a large bill of materials', () => {
  it('reads the bill a bounded number of times per input, not once per component per input', () => {
    // Each read of a top-level component is counted: a tornado that copied or searched the bill for
    // each of its n components read it about n² times (5,000 components took half a minute).
    const n = 400;
    const product = bill(n);
    let reads = 0;
    product.components = new Proxy(product.components!, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const t = sensitivity(product, lib);
    expect(t.bars.filter((b) => b.kind === 'component')).toHaveLength(n + n / 25);
    expect(reads).toBeLessThan(20 * n);
  });

  it('visits, for a parameter, only the components that mention it', () => {
    // Each of the n / 5 parameters is used by one component: an edit that looked at every component
    // read the bill about n² / 5 times.
    const n = 400;
    const product = bill(n, true);
    let reads = 0;
    product.components = new Proxy(product.components!, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const t = sensitivity(product, lib, { kinds: ['parameter'] });
    expect(t.bars).toHaveLength(2 + n / 5);
    expect(reads).toBeLessThan(20 * n);
  });

  it('gives each parameter the totals of a full recalculation at both ends of its range', () => {
    const product = bill(60, true);
    const t = sensitivity(product, lib, { kinds: ['parameter'], percent: 30 });
    expect(t.bars).toHaveLength(14);
    for (const b of t.bars) {
      for (const end of ['low', 'high'] as const) {
        // "scale" reaches every pN, and through them the components that use them.
        const copy = structuredClone(product);
        const written = copy.parameters![b.label]!;
        copy.parameters![b.label] = typeof written === 'number' ? b.range[end] : scaledParameter(written, b.range[end] / b.range.value);
        expect(b[end].kgCO2e, `${b.key} ${end}`).toBe(calculate(copy, lib).total.kgCO2e);
      }
    }
  });

  it('gives each component the totals of a full recalculation at both ends of its range', () => {
    const product = bill(60);
    const t = sensitivity(product, lib, { percent: 30 });
    const withMass = (path: string, kg: number): Product => {
      const copy = structuredClone(product);
      const segments = path.split('/').slice(1);
      let c: Record<string, unknown> = copy as unknown as Record<string, unknown>;
      for (const s of segments) c = c[s] as Record<string, unknown>;
      c.mass = { value: kg, unit: 'kg' };
      return copy;
    };
    const components = t.bars.filter((b) => b.kind === 'component');
    expect(components).toHaveLength(63);
    for (const b of components) {
      expect(b.low.kgCO2e).toBe(calculate(withMass(b.path, b.range.low), lib).total.kgCO2e);
      expect(b.high.kgCO2e).toBe(calculate(withMass(b.path, b.range.high), lib).total.kgCO2e);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { context, threePartBom } from '../testing/products.js';
import { recoverabilityRate, recyclabilityRate } from './recovery.js';

describe('recyclability and recoverability rates (GB/T 20862 / ISO 22628 manner)', () => {
  it('gives R_cyc = (4 + 1) / 8 = 0.625 and R_cov = (4 + 1 + 1) / 8 = 0.75 for the three-part BOM, packaging left out', () => {
    const ctx = context({ components: threePartBom });
    const cyc = recyclabilityRate(ctx, {});
    expect(cyc.value).toBe(0.625);
    expect(cyc.bound).toBeUndefined();
    expect(cyc.totals).toEqual({ totalMassKg: 8, reuseKg: 1, recyclingKg: 4, energyRecoveryKg: 1, undeclaredMassKg: 0 });
    expect(recoverabilityRate(ctx, {}).value).toBe(0.75);
  });

  it('counts packaging when asked: (4 + 1 + 0.5) / 8.5', () => {
    const ctx = context({ components: threePartBom });
    expect(recyclabilityRate(ctx, { includePackaging: true }).value).toBeCloseTo(5.5 / 8.5, 12);
  });

  it('multiplies quantities down the tree: 3 boards × 4 screws of 10 g, all recycled, in a 1.88 kg product', () => {
    const ctx = context({
      components: [
        { id: 'board', material: 'tx/abs', mass: '0.5 kg', quantity: 3, endOfLife: [{ route: 'landfill', share: 1 }], children: [
          { id: 'screw', material: 'tx/steel', mass: '10 g', quantity: 4, endOfLife: [{ route: 'recycling', share: 1 }] },
        ] },
        { id: 'base', material: 'tx/steel', mass: '0.26 kg', endOfLife: [{ route: 'recycling', share: 1 }] },
      ],
    });
    // 12 screws × 0.01 kg = 0.12 kg; total 1.5 + 0.12 + 0.26 = 1.88 kg; recycled 0.12 + 0.26 = 0.38 kg
    const r = recyclabilityRate(ctx, {});
    expect(r.value).toBeCloseTo(0.38 / 1.88, 12);
    expect(r.breakdown.find((b) => b.item === 'board/screw')!.values).toEqual({ massKg: 0.12, recyclingKg: 0.12 });
  });

  it('counts undeclared mass as not recovered and says the rate is a lower bound', () => {
    const ctx = context({
      components: [
        { id: 'a', material: 'tx/steel', mass: '3 kg', endOfLife: [{ route: 'recycling', share: 1 }] },
        { id: 'b', material: 'tx/steel', mass: '1 kg' },
        { id: 'c', material: 'tx/abs', mass: '1 kg', endOfLife: [{ route: 'recycling', share: 0.6 }] },
      ],
    });
    const r = recyclabilityRate(ctx, {});
    expect(r.value).toBe(0.72); // (3 + 0.6) / 5
    expect(r.bound).toBe('lower');
    expect(r.totals.undeclaredMassKg).toBe(1.4);
    expect(r.notes[0]!.en).toMatch(/b, c.*lower bound/);
  });

  it('has no value when the BOM has no masses', () => {
    const r = recyclabilityRate(context({ components: [{ id: 'x', name: 'Assembly' }] }), {});
    expect(r.value).toBeNull();
  });
});

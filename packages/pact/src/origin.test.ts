import { describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import type { Product } from '@greenlca/schema';
import { Decimal } from 'decimal.js';
import { CRADLE_TO_GATE, exportProductFootprint } from './export.js';
import { emissionsByOrigin, factorsInWarning, gwpBasesAsPublished } from './origin.js';
import { kettle, testLibrary } from './testing/fixtures.js';

const lib = testLibrary();

/**
 * The kettle (350.649465 kg CO2e, every factor a CO2e-only total) plus, hand-checked:
 *   bio board   2 kg × 0.5, CO2e-only, flagged biogenic            → 1 biogenic
 *   old fuel    2 L × 2.5, CO2e-only in AR4 (used as published)    → 5 not split
 *   UK grid     10 kWh, AR5 gas split re-characterised with AR6:
 *               CO2 0.175 + CH4 0.0008/28×27.9 + N2O 0.0012/265×273 = 0.17703336927 → 1.7703336927 fossil
 *   CH4 leak    0.1 kg × 27.9                                        → 2.79 fossil
 * fossil 4.5603336927, biogenic 1, not split 350.649465 + 5 = 355.649465.
 */
function mixed(): Product {
  const p = kettle();
  p.factors!.push({ id: 'supplier/bio-board', name: 'Bio-based board', unit: 'kg', co2e: 0.5, biogenic: true, source: 'EPD B-1 (test)' });
  p.inventory!.push(
    { name: 'Bio board', stage: 'packaging', factor: 'supplier/bio-board', amount: '2 kg' },
    { name: 'Old fuel', stage: 'manufacture', factor: 'fx/old-fuel', amount: '2 L' },
    { name: 'UK grid', stage: 'manufacture', factor: 'fx/grid-uk', amount: '10 kWh' },
    { name: 'Methane leak', stage: 'manufacture', substance: 'CH4', amount: '0.1 kg' },
  );
  return p;
}

describe('emissions by origin', () => {
  it('counts CO2e-only factors as "not split by origin", not as fossil (the kettle: all of it)', () => {
    const r = calculate(kettle(), lib);
    expect(r.total.fossilKgCO2e).toBe(350.649465); // the engine's total − biogenic
    expect(emissionsByOrigin(r)).toEqual({ fossilKgCO2e: 0, biogenicKgCO2e: 0, notSplitKgCO2e: 350.649465, fossilAndNotSplitKgCO2e: 350.649465 });
  });

  it('splits fossil (named gases), biogenic (flagged) and not split, adding up exactly to the total', () => {
    const r = calculate(mixed(), lib);
    const o = emissionsByOrigin(r);
    expect(o.biogenicKgCO2e).toBe(1);
    expect(o.notSplitKgCO2e).toBe(355.649465);
    expect(o.fossilKgCO2e).toBeCloseTo(4.5603336927, 9);
    expect(o.fossilAndNotSplitKgCO2e).toBe(r.total.fossilKgCO2e);
    expect(new Decimal(o.fossilKgCO2e).plus(o.biogenicKgCO2e).plus(o.notSplitKgCO2e).toNumber()).toBe(r.total.kgCO2e);
  });

  it('works on the stages of a boundary (cradle to gate: 2.37324 + 1 + 5 not split … )', () => {
    const o = emissionsByOrigin(calculate(mixed(), lib), CRADLE_TO_GATE);
    // not split: manufacture 2.07324 + packaging box 0.3 + old fuel 5; the bio board is biogenic.
    expect(o).toMatchObject({ biogenicKgCO2e: 1, notSplitKgCO2e: 7.37324 });
    expect(o.fossilKgCO2e).toBeCloseTo(4.5603336927, 9);
  });
});

describe('GWP sets used as published', () => {
  it('reads the engine’s GWP_BASIS_MISMATCH warnings: the set and the number of factors', () => {
    const r = calculate(mixed(), lib);
    expect(gwpBasesAsPublished(r.warnings)).toEqual([{ basis: 'AR4', count: 1, factors: ['fx/old-fuel'] }]);
    const grouped = { code: 'GWP_BASIS_MISMATCH', message: '3 factors are CO2e in IPCC AR5 with no split by gas, so cannot be re-characterised with AR6; used as published: a/x, a/y, a/z' };
    expect(gwpBasesAsPublished([grouped, ...r.warnings])).toEqual([
      { basis: 'AR4', count: 1, factors: ['fx/old-fuel'] }, { basis: 'AR5', count: 3, factors: ['a/x', 'a/y', 'a/z'] },
    ]);
    expect(factorsInWarning({ code: 'FACTOR_REGION_MISMATCH', message: '19 factors are for region GB, the product is in CN: …' })).toBe(19);
    expect(factorsInWarning(r.warnings.find((w) => w.code === 'FACTOR_REGION_MISMATCH')!)).toBe(1);
  });
});

describe('PACT export of a result with CO2e-only factors', () => {
  it('keeps fossilGhgEmissions = total − biogenic (PACT requires it) and says how much of it is not split by origin', () => {
    const r = calculate(mixed(), lib);
    const { footprint } = exportProductFootprint(r, { created: '2025-06-01T08:00:00Z', product: mixed() });
    // cradle to gate: 2.37324 + 1 bio + 5 fuel + 1.7703336927 + 2.79 = 12.9335736927; less 1 biogenic.
    expect(Number(footprint.pcf.fossilGhgEmissions)).toBeCloseTo(11.9335736927, 9);
    expect(footprint.comment).toContain('fossilGhgEmissions includes 7.37324 kg CO2e from factors given only as CO2e totals');
    expect(footprint.comment).toContain('1 factor given only as CO2e in IPCC AR4 used as published, not re-characterised with AR6.');
    expect(footprint.pcf.ipccCharacterizationFactors).toEqual(['AR4', 'AR6']);
  });
});

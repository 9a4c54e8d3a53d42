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

describe('emissions by origin (the engine\'s split, summed over a boundary)', () => {
  it('counts CO2e-only factors as "not split by origin", not as fossil (the kettle: all of it)', () => {
    const r = calculate(kettle(), lib);
    expect(r.total).toMatchObject({ kgCO2e: 350.649465, fossilKgCO2e: 0, biogenicKgCO2e: 0, notSplitKgCO2e: 350.649465 });
    const o = emissionsByOrigin(r);
    expect([o.fossilKgCO2e.toNumber(), o.biogenicKgCO2e.toNumber(), o.notSplitKgCO2e.toNumber()]).toEqual([0, 0, 350.649465]);
  });

  it('splits fossil (named gases), biogenic (flagged) and not split, adding up exactly to the total', () => {
    const r = calculate(mixed(), lib);
    expect(r.total.biogenicKgCO2e).toBe(1);
    expect(r.total.biogenicDetail).toEqual({ co2EmissionsKgCO2e: 1, co2RemovalsKgCO2e: 0, nonCO2KgCO2e: 0 });
    expect(r.total.notSplitKgCO2e).toBe(355.649465);
    expect(r.total.fossilKgCO2e).toBeCloseTo(4.5603336927, 9);
    expect(new Decimal(r.total.fossilKgCO2e).plus(r.total.biogenicKgCO2e).plus(r.total.notSplitKgCO2e).toNumber()).toBe(r.total.kgCO2e);
    const o = emissionsByOrigin(r);
    expect(o.fossilKgCO2e.toNumber()).toBe(r.total.fossilKgCO2e);
    expect(o.notSplitKgCO2e.toNumber()).toBe(r.total.notSplitKgCO2e);
  });

  it('works on the stages of a boundary (cradle to gate: 4.5603336927 fossil + 1 biogenic + 7.37324 not split)', () => {
    const o = emissionsByOrigin(calculate(mixed(), lib), CRADLE_TO_GATE);
    // not split: manufacture 2.07324 + packaging box 0.3 + old fuel 5; the bio board is biogenic.
    expect(o.biogenicKgCO2e.toNumber()).toBe(1);
    expect(o.notSplitKgCO2e.toNumber()).toBe(7.37324);
    expect(o.fossilKgCO2e.toNumber()).toBeCloseTo(4.5603336927, 9);
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
  it('reports the fossil part only as fossilGhgEmissions and says how much is not split by origin', () => {
    const r = calculate(mixed(), lib);
    const { footprint } = exportProductFootprint(r, { created: '2025-06-01T08:00:00Z', product: mixed(), fossilCarbonContentKgC: 0.4 });
    // cradle to gate: 2.37324 + 1 bio + 5 fuel + UK grid + 2.79, of which fossil UK grid + 2.79; UK grid, exactly:
    // 10 × (0.175 + 0.0008 × 27.9 / 28 + 0.0012 × 273 / 265) = 1.770333692722371967…, so the PCF is
    // 12.933573692722371967… → 15 significant digits "12.9335736927224"
    expect(footprint.pcf.pcfIncludingBiogenicUptake).toBe('12.9335736927224');
    expect(Number(footprint.pcf.fossilGhgEmissions)).toBeCloseTo(4.5603336927, 9);
    expect(footprint.comment).toContain('7.37324 kg CO2e come from factors given only as CO2e totals, of unknown origin');
    expect(footprint.comment).toContain('1 factor given only as CO2e in IPCC AR4 used as published, not re-characterised with AR6.');
    expect(footprint.pcf.ipccCharacterizationFactors).toEqual(['AR4', 'AR6']);
  });
});

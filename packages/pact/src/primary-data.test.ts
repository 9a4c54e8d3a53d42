import { describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import type { Product } from '@greenlca/schema';
import { deriveDataQuality } from './dqi.js';
import { importProductFootprint } from './import.js';
import { kettle, supplierFootprint, testLibrary } from './testing/fixtures.js';

/**
 * The kettle (fixtures.ts, total 350.649465 kg CO2e by hand) with its body on the supplier's PACT
 * footprint (0.42 kg × 1.85 = 0.777, was 0.42 × 1.8 = 0.756) and its base on the product's own custom
 * factor (0.3 kg × 1.8 = 0.54, was 0.3 × 2 = 0.6):
 *   total 350.649465 − 0.756 + 0.777 − 0.6 + 0.54 = 350.610465 (every line positive: Σ|x| = total)
 *   primary 0.777 + 0.54 = 1.317 → share 1.317 ÷ 350.610465; supplier-specific 0.777 ÷ 350.610465
 */
function kettleWithSupplierBody(): Product {
  const { factor } = importProductFootprint(supplierFootprint(), { factorId: 'supplier/pp-h1500' });
  const p = kettle();
  p.factors = [...p.factors!, factor];
  p.components![0]!.material = 'supplier/pp-h1500';
  p.components![1]!.material = 'supplier/pp-resin';
  return p;
}

describe('primary data in the result (engine) and the PACT DQI', () => {
  it('names the lines on supplier-specific and other primary data, and their share of the climate result', () => {
    const r = calculate(kettleWithSupplierBody(), testLibrary());
    expect(r.total.kgCO2e).toBeCloseTo(350.610465, 9);
    const pd = r.primaryData!;
    expect(pd.lines.map((l) => [l.path, l.kind, l.factor, l.supplier])).toEqual([
      ['/components/0', 'supplier', 'supplier/pp-h1500', 'Ningbo Polymer Co.'],
      ['/components/1', 'custom', 'supplier/pp-resin', undefined],
    ]);
    expect(pd.lines[0]!.kgCO2e).toBeCloseTo(0.777, 12);
    expect(pd.lines[0]!.validUntil).toBe('2028-01-01T00:00:00Z');
    expect(pd.lines[0]!.expired).toBe(false);
    expect(pd.kgCO2e).toBeCloseTo(1.317, 12);
    expect(pd.share).toBeCloseTo(1.317 / 350.610465, 14);
    expect(pd.supplierShare).toBeCloseTo(0.777 / 350.610465, 14);
    // Each primary line points at its result line, which names its supplier.
    expect(r.lines[pd.lines[0]!.line]!.source.supplier).toBe('Ningbo Polymer Co.');
    // The PACT primaryDataShare reads the same definition: 1.317 ÷ 350.610465 = 0.3756 % → "0.4".
    expect(deriveDataQuality(r).primaryDataSharePercent).toBe('0.4');
    // Cradle to gate (design, manufacture, packaging: 2.37324 − 0.756 + 0.777 − 0.6 + 0.54 = 2.33424): 1.317 ÷ 2.33424 = 56.42 %.
    expect(deriveDataQuality(r, { stages: ['design', 'manufacture', 'packaging'] }).primaryDataSharePercent).toBe('56.4');
  });

  it('warns when a supplier factor has expired on the day judged (validUntil 2028-01-01)', () => {
    const product = kettleWithSupplierBody();
    const on = (validOn: string) => calculate(product, testLibrary(), { validOn });
    expect(on('2027-12-31').warnings.filter((w) => w.code === 'FACTOR_EXPIRED')).toEqual([]);
    const late = on('2028-01-02');
    const expired = late.warnings.filter((w) => w.code === 'FACTOR_EXPIRED');
    expect(expired).toHaveLength(1);
    expect(expired[0]!.path).toBe('/factors/1');
    expect(expired[0]!.message).toMatch(/supplier\/pp-h1500.*Ningbo Polymer Co\..*2028-01-01.*2028-01-02/);
    expect(late.primaryData!.lines[0]!.expired).toBe(true);
    // Without a day, the product's year (2024) is judged: 1 January 2024 is inside the validity.
    expect(calculate(product, testLibrary()).warnings.filter((w) => w.code === 'FACTOR_EXPIRED')).toEqual([]);
  });

  it('a product on bundled factors only has no primary data', () => {
    const p = kettle();
    p.components![0]!.material = 'fx/steel';
    const pd = calculate(p, testLibrary()).primaryData!;
    expect(pd).toEqual({ share: 0, supplierShare: 0, kgCO2e: 0, lines: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { checkProductFootprint } from './validate.js';
import { CRADLE_TO_GATE, exportProductFootprint, PactExportError } from './export.js';
import { STAGES } from '@greenlca/schema';
import { kettle, testLibrary } from './testing/fixtures.js';

const lib = testLibrary();
const created = '2025-06-01T08:00:00Z';

describe('PACT export', () => {
  const product = kettle();
  const result = calculate(product, lib);

  it('exports a valid cradle-to-gate footprint with exact decimal strings (hand-checked)', () => {
    const { footprint, notes } = exportProductFootprint(result, { created, product });
    expect(checkProductFootprint(footprint).ok).toBe(true);
    const c = footprint.pcf;
    // design 0 + manufacture 2.07324 + packaging 0.3 = 2.37324
    expect(c.pcfExcludingBiogenicUptake).toBe('2.37324');
    expect(c.pcfIncludingBiogenicUptake).toBe('2.37324');
    expect(c.fossilGhgEmissions).toBe('2.37324');
    expect(c.packagingEmissionsIncluded).toBe(true);
    expect(c.packagingGhgEmissions).toBe('0.3');
    expect(c.outboundLogisticsGhgEmissions).toBe('0.192');
    expect(c.declaredUnitOfMeasurement).toBe('piece');
    expect(c.declaredUnitAmount).toBe('1');
    // product mass from the BOM without packaging: 0.42 + 0.3 + 0.012 kg
    expect(c.productMassPerDeclaredUnit).toBe('0.732');
    expect(c.referencePeriodStart).toBe('2024-01-01T00:00:00Z');
    expect(c.referencePeriodEnd).toBe('2025-01-01T00:00:00Z');
    expect(c.geographyCountry).toBe('CN');
    expect(c.ipccCharacterizationFactors).toEqual(['AR6']);
    expect(c.secondaryEmissionFactorSources).toEqual([
      { name: 'fx (test)', version: '0.0.1' }, { name: 'tc (test copy 2025)', version: '0.0.1' },
    ]);
    // primary = custom PP resin 0.756 of 2.37324 → 31.855… % → "31.9"
    expect(c.primaryDataShare).toBe('31.9');
    // tech: (0.756×2 + 1.61724×3) / 2.37324 = 2.681… ; geo: (1.44924×1 + 0.924×4) / 2.37324 = 2.168… ; time all Y1
    expect(c.dqi).toEqual({ technologicalDQR: '2.7', geographicalDQR: '2.2', temporalDQR: '1.0' });
    expect(footprint.comment).toMatch(/Use 347\.919825 kg CO2e/);
    expect(notes.some((n) => n.startsWith('fossilCarbonContent'))).toBe(true);
    expect(footprint.specVersion).toMatch(/^3\./);
  });

  it('pcfExcludingBiogenicUptake and fossilGhgEmissions equal the engine totals for the whole life cycle', () => {
    const { footprint } = exportProductFootprint(result, { created, product, stages: STAGES });
    expect(footprint.pcf.pcfExcludingBiogenicUptake).toBe(String(result.total.kgCO2e));
    expect(footprint.pcf.fossilGhgEmissions).toBe(String(result.total.fossilKgCO2e));
    expect(footprint.pcf.pcfExcludingBiogenicUptake).toBe('350.649465');
  });

  it('derives the same UUID for the same product and result, another for another result', () => {
    const a = exportProductFootprint(result, { created, product }).footprint.id;
    const b = exportProductFootprint(result, { created: '2026-01-01T00:00:00Z', product }).footprint.id;
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const other = calculate({ ...product, inventory: product.inventory!.slice(1) }, lib);
    expect(exportProductFootprint(other, { created, product }).footprint.id).not.toBe(a);
    expect(exportProductFootprint(result, { created, product, version: '2' }).footprint.id).not.toBe(a);
    const given = '0b0e8f1e-2c1a-4d6b-9e3f-5a4b3c2d1e0f';
    expect(exportProductFootprint(result, { created, product, id: given }).footprint.id).toBe(given);
  });

  it('separates fossil and biogenic emissions', () => {
    const wood = {
      ...product,
      factors: [...product.factors!, { id: 'own/beech', unit: 'kg', gases: { CO2: 1.5 }, biogenic: true, source: 'Sawmill measurement 2024' }],
      components: [...product.components!, { id: 'handle', material: 'own/beech', mass: '0.5 kg' }],
    };
    const r = calculate(wood, lib);
    expect(r.total.biogenicKgCO2e).toBe(0.75);
    const { footprint } = exportProductFootprint(r, { created, product: wood, stages: STAGES });
    expect(footprint.pcf.pcfExcludingBiogenicUptake).toBe(String(r.total.kgCO2e));
    expect(footprint.pcf.fossilGhgEmissions).toBe(String(r.total.fossilKgCO2e));
    expect(footprint.pcf.fossilGhgEmissions).toBe('350.649465');
    const gate = exportProductFootprint(r, { created, product: wood });
    expect(gate.footprint.pcf.pcfExcludingBiogenicUptake).toBe('3.12324');
    expect(gate.footprint.pcf.fossilGhgEmissions).toBe('2.37324');
    expect(gate.footprint.comment).toMatch(/includes 0\.75 kg CO2e biogenic CO2/);
  });

  it('scores a CO2-only grid factor as technological DQR 4 and an old factor as temporal DQR 5', () => {
    const p = { ...product, components: [], inventory: [{ stage: 'manufacture' as const, factor: 'tc/grid-co2-cn-2023', amount: '10 kWh' },
      { stage: 'manufacture' as const, factor: 'fx/old-fuel', amount: '1 L' }] };
    const r = calculate(p, lib);
    const { footprint } = exportProductFootprint(r, { created, product: p });
    // grid 5.306 (T4, G1, Y1: 2023 vs 2024) and fuel 2.5 (T3, G4, Y5: 2010 vs 2024) → weights 5.306 / 2.5
    expect(footprint.pcf.dqi).toEqual({ technologicalDQR: '3.7', geographicalDQR: '2.0', temporalDQR: '2.3' });
    expect(footprint.pcf.primaryDataShare).toBe('0.0');
    // the fuel factor is CO2e in AR4 with no gas split, so both sets were used
    expect(footprint.pcf.ipccCharacterizationFactors).toEqual(['AR4', 'AR6']);
    expect(footprint.comment).toMatch(/CO2 only/);
  });

  it('maps units and refuses what PACT cannot express, with a reason', () => {
    const perKg = calculate({ ...product, functionalUnit: { amount: 500, unit: 'g' } }, lib);
    const e = exportProductFootprint(perKg, { created, product });
    expect(e.footprint.pcf.declaredUnitOfMeasurement).toBe('kilogram');
    expect(e.footprint.pcf.declaredUnitAmount).toBe('0.5');
    expect(e.footprint.pcf.productMassPerDeclaredUnit).toBe('0.5');
    const odd = calculate({ ...product, functionalUnit: { amount: 1, unit: 'km' } }, lib);
    expect(() => exportProductFootprint(odd, { created, product })).toThrow(PactExportError);
    const { year: _y, ...noYear } = product;
    expect(() => exportProductFootprint(result, { created, product: noYear })).toThrow(/reference period/);
    expect(CRADLE_TO_GATE).toEqual(['design', 'manufacture', 'packaging']);
  });
});

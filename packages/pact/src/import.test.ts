import { describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { exportProductFootprint } from './export.js';
import { importProductFootprint, importProductFootprints } from './import.js';
import { PactValidationError, type PactIssue } from './validate.js';
import type { Product } from '@greenlca/schema';
import { kettle, supplierFootprint, testLibrary } from './testing/fixtures.js';

function issuesOf(input: unknown): PactIssue[] {
  try {
    importProductFootprints(input);
  } catch (error) {
    if (error instanceof PactValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a PactValidationError');
}

describe('PACT import', () => {
  it('turns a supplier footprint into a custom factor per kg: 18.5 ÷ 10 kg = 1.85', () => {
    const { factor, notes, sourceVersion } = importProductFootprint(supplierFootprint(), { factorId: 'supplier/pp-h1500' });
    expect(sourceVersion).toBe('3');
    expect(factor).toMatchObject({ id: 'supplier/pp-h1500', unit: 'kg', co2e: 1.85, gwp: 'AR6', region: 'CN-ZJ', year: 2024 });
    expect(factor.source).toMatch(/PACT ProductFootprint 3f1c2a9e-8b7d-4c6e-9a5f-1e2d3c4b5a69/);
    expect(factor.source).toMatch(/Ningbo Polymer Co\./);
    expect(notes.join('\n')).toMatch(/18\.5 ÷ 10 = 1\.85/);
  });

  it('used as a component material, gives mass × value: 0.42 kg × 1.85 = 0.777 kg CO2e', () => {
    const { factor } = importProductFootprint(supplierFootprint(), { factorId: 'supplier/pp-h1500' });
    const product = {
      schemaVersion: 1, id: 'p', name: 'Body only', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', year: 2024,
      factors: [factor], components: [{ id: 'body', material: 'supplier/pp-h1500', mass: '0.42 kg' }],
    };
    const r = calculate(product, testLibrary());
    expect(r.total.kgCO2e).toBe(0.777);
    expect(r.lines[0]!.source.citation).toBe(factor.source);
    expect(r.warnings.filter((w) => w.code === 'UNKNOWN_FIELD')).toEqual([]);
  });

  it('round-trips our own export', () => {
    const product = kettle();
    const r = calculate(product, testLibrary());
    const { footprint } = exportProductFootprint(r, { created: '2025-06-01T00:00:00Z', product, fossilCarbonContentKgC: 0.4 });
    const { factor } = importProductFootprint(JSON.parse(JSON.stringify(footprint)));
    expect(factor.unit).toBe('item');
    expect(factor.co2e).toBe(2.37324);
    expect(factor.id).toBe(`pact/${footprint.id}`);
    // every kettle factor is a CO2e total: nothing is split by origin, and the import says so too
    expect(factor.origin).toBeUndefined();
    expect(factor.carbonContent).toEqual({ fossilKgC: 0.4 });
  });

  it('keeps the supplier\'s split through export → import → calculate (15 kg biogenic CO2 stays biogenic)', () => {
    // A crate maker, per crate, by hand (AR6: CH4 27.9, N2O 273):
    //   kiln gas 2 kg fossil CO2 · wood boiler 15 kg biogenic CO2 + 0.01 kg CH4 + 0.001 kg N2O from biomass
    //   (0.279 + 0.273 = 0.552 biogenic non-CO2) · grid 1 kg CO2e total (not split) · timber 2 kg × −1.5 kg CO2 uptake = −3
    //   PCF including uptake 15.552, excluding it 18.552
    const crate: Product = {
      schemaVersion: 1, id: 'crate', name: 'Wooden crate', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', year: 2024, gwp: 'AR6',
      factors: [
        { id: 'own/kiln', unit: 'item', gases: { CO2: 2 }, source: 'meter 2024' },
        { id: 'own/wood-boiler', unit: 'item', gases: { CO2: 15, CH4: 0.01, N2O: 0.001 }, biogenic: true, source: 'meter 2024' },
        { id: 'own/grid', unit: 'item', co2e: 1, source: 'utility bill 2024' },
        { id: 'own/timber', unit: 'kg', gases: { CO2: -1.5 }, biogenic: true, source: 'sawmill 2024' },
      ],
      inventory: [
        { stage: 'manufacture', factor: 'own/kiln', amount: '1 item' },
        { stage: 'manufacture', factor: 'own/wood-boiler', amount: '1 item' },
        { stage: 'manufacture', factor: 'own/grid', amount: '1 item' },
        { stage: 'manufacture', factor: 'own/timber', amount: '2 kg' },
      ],
    };
    const lib = testLibrary();
    const r = calculate(crate, lib);
    expect(r.total.kgCO2e).toBe(15.552);
    expect(r.total).toMatchObject({ fossilKgCO2e: 2, biogenicKgCO2e: 12.552, notSplitKgCO2e: 1 });
    expect(r.total.biogenicDetail).toEqual({ co2EmissionsKgCO2e: 15, co2RemovalsKgCO2e: -3, nonCO2KgCO2e: 0.552 });
    const { footprint } = exportProductFootprint(r, { created: '2025-06-01T00:00:00Z', product: crate, fossilCarbonContentKgC: 0, biogenicCarbonContentKgC: 0.8 });
    expect(footprint.pcf).toMatchObject({
      pcfIncludingBiogenicUptake: '15.552', pcfExcludingBiogenicUptake: '18.552', fossilGhgEmissions: '2',
      biogenicCO2Uptake: '-3', biogenicNonCO2Emissions: '0.552', biogenicCarbonContent: '0.8',
    });
    const sent = JSON.parse(JSON.stringify(footprint));
    const including = importProductFootprint(sent, { basis: 'includingBiogenicUptake', factorId: 'supplier/crate' }).factor;
    expect(including.co2e).toBe(15.552);
    expect(including.origin).toEqual({ fossilKgCO2e: 2, biogenicCO2KgCO2e: 15, biogenicCO2RemovalsKgCO2e: -3, biogenicNonCO2KgCO2e: 0.552 });
    expect(including.carbonContent).toEqual({ fossilKgC: 0, biogenicKgC: 0.8 });
    // validity: 3 years after the reference period's end (2025-01-01)
    expect(including.validUntil).toBe('2028-01-01T00:00:00Z');
    const user: Product = {
      schemaVersion: 1, id: 'pallet', name: 'Pallet of crates', functionalUnit: { amount: 1, unit: 'item' }, gwp: 'AR6',
      factors: [including], inventory: [{ stage: 'manufacture', factor: 'supplier/crate', amount: '2 item' }],
    };
    const downstream = calculate(user, lib);
    expect(downstream.total).toMatchObject({ kgCO2e: 31.104, fossilKgCO2e: 4, biogenicKgCO2e: 25.104, notSplitKgCO2e: 2 });
    expect(downstream.total.biogenicDetail).toEqual({ co2EmissionsKgCO2e: 30, co2RemovalsKgCO2e: -6, nonCO2KgCO2e: 1.104 });
    // The default basis leaves the uptake out of the factor; the emissions keep their origin.
    const excluding = importProductFootprint(sent).factor;
    expect(excluding.co2e).toBe(18.552);
    expect(excluding.origin).toEqual({ fossilKgCO2e: 2, biogenicCO2KgCO2e: 15, biogenicNonCO2KgCO2e: 0.552 });
  });

  it('reads a foreign footprint\'s origin fields; what none holds is not split', () => {
    const pf = supplierFootprint();
    Object.assign(pf.pcf as Record<string, unknown>, { biogenicNonCO2Emissions: '0.1' });
    // 18.5 − 18.2 fossil − 0.1 biogenic non-CO2 = 0.2 not split, per 10 kg
    const { factor, notes } = importProductFootprint(pf, { factorId: 'supplier/pp' });
    expect(factor.origin).toEqual({ fossilKgCO2e: 1.82, biogenicNonCO2KgCO2e: 0.01 });
    expect(notes.some((n) => n.startsWith('0.2 kg CO2e per declared unit of the footprint are in no origin field'))).toBe(true);
    expect(factor.dqi).toEqual({ technologicalDQR: 1.6, geographicalDQR: 1.2, temporalDQR: 1 });
    expect(factor.carbonContent).toEqual({ fossilKgC: 0.85 });
  });

  it('reads API responses and lists, prefixing pointers', () => {
    expect(importProductFootprints({ data: [supplierFootprint(), supplierFootprint()] })).toHaveLength(2);
    expect(importProductFootprints({ data: supplierFootprint() })).toHaveLength(1);
    const bad = supplierFootprint();
    (bad.pcf as Record<string, unknown>).pcfExcludingBiogenicUptake = 18.5;
    expect(issuesOf({ data: [supplierFootprint(), bad] })).toEqual([
      { path: '/data/1/pcf/pcfExcludingBiogenicUptake', message: expect.stringMatching(/string/i), severity: 'error' },
    ]);
  });

  it('rejects malformed footprints with JSON pointers', () => {
    const pf = supplierFootprint();
    delete pf.companyIds;
    pf.id = 'not-a-uuid';
    const pcf = pf.pcf as Record<string, unknown>;
    pcf.declaredUnitOfMeasurement = 'tonne';
    pcf.declaredUnitAmount = '0';
    pcf.dqi = { technologicalDQR: '1', geographicalDQR: '1' };
    const found = issuesOf(pf).map((i) => i.path).sort();
    expect(found).toEqual(['/companyIds', '/id', '/pcf/declaredUnitAmount', '/pcf/declaredUnitOfMeasurement', '/pcf/dqi/temporalDQR']);
    const issues = issuesOf(pf);
    expect(issues.find((i) => i.path === '/companyIds')!.message).toBe('is required');
    expect(issues.find((i) => i.path === '/pcf/declaredUnitOfMeasurement')!.message).toMatch(/"tonne" is not one of: liter, kilogram/);
  });

  it('checks what the schema cannot: DQR range, percentages, period order, packaging flag, status', () => {
    const pf = supplierFootprint();
    const pcf = pf.pcf as Record<string, unknown>;
    pcf.dqi = { technologicalDQR: '7', geographicalDQR: '1', temporalDQR: '0.5' };
    pcf.primaryDataShare = '120';
    pcf.referencePeriodEnd = '2023-01-01T00:00:00Z';
    pcf.packagingEmissionsIncluded = false;
    expect(issuesOf(pf).map((i) => i.path).sort()).toEqual([
      '/pcf/dqi/technologicalDQR', '/pcf/dqi/temporalDQR', '/pcf/packagingGhgEmissions', '/pcf/primaryDataShare', '/pcf/referencePeriodEnd',
    ]);
    const old = { ...supplierFootprint(), status: 'Deprecated' };
    expect(issuesOf(old)).toEqual([{ path: '/status', message: expect.stringMatching(/Deprecated/), severity: 'error' }]);
    expect(importProductFootprint(old, { allowDeprecated: true }).factor.co2e).toBe(1.85);
  });

  it('maps a PACT v2 footprint to v3 first', () => {
    const v2 = {
      id: 'd9be4477-e351-45b3-acd9-e1da05e6f633', specVersion: '2.2.0', version: 1, created: '2024-07-01T00:00:00Z', status: 'Active',
      companyName: 'Old Supplier', companyIds: ['urn:uuid:69585GB6-56T9-6958-E526-6FDGZJHU1326'], productDescription: 'Steel',
      productIds: ['urn:gtin:4712345060507'], productCategoryCpc: '3342', productNameCompany: 'Steel bar',
      pcf: {
        declaredUnit: 'kilogram', unitaryProductAmount: '1', pCfExcludingBiogenic: '1.9', pCfIncludingBiogenic: '1.9',
        fossilGhgEmissions: '1.9', fossilCarbonContent: '0', biogenicCarbonContent: '0', characterizationFactors: 'AR5',
        crossSectoralStandardsUsed: ['GHG Protocol Product standard'], boundaryProcessesDescription: 'cradle to gate',
        referencePeriodStart: '2023-01-01T00:00:00Z', referencePeriodEnd: '2024-01-01T00:00:00Z', exemptedEmissionsPercent: 0,
        exemptedEmissionsDescription: '', packagingEmissionsIncluded: false, primaryDataShare: 12.5,
      },
    };
    const r = importProductFootprint(v2);
    expect(r.sourceVersion).toBe('2');
    expect(r.factor).toMatchObject({ unit: 'kg', co2e: 1.9, gwp: 'AR5' });
    expect(r.footprint.pcf.crossSectoralStandards).toEqual(['GHGP-Product']);
    expect(r.footprint.pcf.primaryDataShare).toBe('12.5');
    expect(r.footprint.productClassifications).toEqual(['urn:pact:productclassification:un-cpc:3342']);
    expect(r.notes.join('\n')).toMatch(/defined differently/);
  });
});

import { describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { exportProductFootprint } from './export.js';
import { importProductFootprint, importProductFootprints } from './import.js';
import { PactValidationError, type PactIssue } from './validate.js';
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
    const { footprint } = exportProductFootprint(r, { created: '2025-06-01T00:00:00Z', product });
    const { factor } = importProductFootprint(JSON.parse(JSON.stringify(footprint)));
    expect(factor.unit).toBe('item');
    expect(factor.co2e).toBe(2.37324);
    expect(factor.id).toBe(`pact/${footprint.id}`);
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

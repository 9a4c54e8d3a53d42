import { describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { checkProductFootprint } from './validate.js';
import { CRADLE_TO_GATE, exportProductFootprint, PactExportError } from './export.js';
import { STAGES } from '@greenlca/schema';
import { kettle, testLibrary } from './testing/fixtures.js';

const lib = testLibrary();
// The fixture kettle's materials state no carbon content: the tests give one, as the data owner would.
const created = '2025-06-01T08:00:00Z';
const assessed = { created, fossilCarbonContentKgC: 0.4 };

describe('PACT export', () => {
  const product = kettle();
  const result = calculate(product, lib);

  it('exports a valid cradle-to-gate footprint with exact decimal strings (hand-checked)', () => {
    const { footprint, notes } = exportProductFootprint(result, { ...assessed, product });
    expect(checkProductFootprint(footprint).ok).toBe(true);
    const c = footprint.pcf;
    // design 0 + manufacture 2.07324 + packaging 0.3 = 2.37324, every factor a CO2e total: not split by origin
    expect(c.pcfExcludingBiogenicUptake).toBe('2.37324');
    expect(c.pcfIncludingBiogenicUptake).toBe('2.37324');
    expect(c.fossilGhgEmissions).toBe('0');
    expect(footprint.extensions?.[0]?.data).toEqual({
      fossilKgCO2e: '0', biogenicCO2EmissionsKgCO2e: '0', biogenicCO2RemovalsKgCO2e: '0', biogenicNonCO2KgCO2e: '0', notSplitKgCO2e: '2.37324',
    });
    // BIO fields: unknown (undefined), not 0, while emissions of unknown origin could hide them
    expect(c.biogenicNonCO2Emissions).toBeUndefined();
    expect(c.biogenicCO2Uptake).toBeUndefined();
    expect(c.biogenicCarbonContent).toBeUndefined();
    expect(c.fossilCarbonContent).toBe('0.4');
    expect(c.ccsTechnologicalCO2CaptureIncluded).toBe(false);
    expect(c.crossSectoralStandards).toEqual(['PACT-3.0']);
    expect(c.exemptedEmissionsPercent).toBe('0');
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
    expect(notes.some((n) => n.startsWith('biogenicCarbonContent: not known'))).toBe(true);
    expect(footprint.specVersion).toMatch(/^3\./);
  });

  it('pcfExcludingBiogenicUptake and fossilGhgEmissions equal the engine totals for the whole life cycle', () => {
    const { footprint } = exportProductFootprint(result, { ...assessed, product, stages: STAGES });
    expect(footprint.pcf.pcfExcludingBiogenicUptake).toBe(String(result.total.kgCO2e));
    expect(footprint.pcf.fossilGhgEmissions).toBe(String(result.total.fossilKgCO2e));
    expect(footprint.pcf.pcfExcludingBiogenicUptake).toBe('350.649465');
    expect(footprint.pcf.fossilGhgEmissions).toBe('0');
    expect(footprint.extensions?.[0]?.data.notSplitKgCO2e).toBe('350.649465');
  });

  it('derives the same UUID for the same product and result, another for another result', () => {
    const a = exportProductFootprint(result, { ...assessed, product }).footprint.id;
    const b = exportProductFootprint(result, { ...assessed, created: '2026-01-01T00:00:00Z', product }).footprint.id;
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const other = calculate({ ...product, inventory: product.inventory!.slice(1) }, lib);
    expect(exportProductFootprint(other, { ...assessed, product }).footprint.id).not.toBe(a);
    expect(exportProductFootprint(result, { ...assessed, product, version: '2' }).footprint.id).not.toBe(a);
    const given = '0b0e8f1e-2c1a-4d6b-9e3f-5a4b3c2d1e0f';
    expect(exportProductFootprint(result, { ...assessed, product, id: given }).footprint.id).toBe(given);
  });

  it('separates fossil and biogenic emissions', () => {
    const wood = {
      ...product,
      factors: [...product.factors!, { id: 'own/beech', unit: 'kg', gases: { CO2: 1.5 }, biogenic: true, source: 'Sawmill measurement 2024' }],
      components: [...product.components!, { id: 'handle', material: 'own/beech', mass: '0.5 kg' }],
    };
    const r = calculate(wood, lib);
    // 0.5 kg × 1.5 kg biogenic CO2 = 0.75, emitted (PACT: in both PCFs, no field of its own)
    expect(r.total.biogenicKgCO2e).toBe(0.75);
    expect(r.total.biogenicDetail).toEqual({ co2EmissionsKgCO2e: 0.75, co2RemovalsKgCO2e: 0, nonCO2KgCO2e: 0 });
    // The handle has no end of life (EOL_NOT_MODELLED): cradle to grave, the owner states the exemption.
    const { footprint } = exportProductFootprint(r, { ...assessed, product: wood, stages: STAGES, exemptedEmissionsPercent: 0.1 });
    expect(footprint.pcf.pcfExcludingBiogenicUptake).toBe(String(r.total.kgCO2e));
    expect(footprint.pcf.pcfExcludingBiogenicUptake).toBe('351.399465');
    expect(footprint.pcf.fossilGhgEmissions).toBe('0');
    const gate = exportProductFootprint(r, { ...assessed, product: wood });
    expect(gate.footprint.pcf.pcfExcludingBiogenicUptake).toBe('3.12324');
    expect(gate.footprint.pcf.fossilGhgEmissions).toBe('0');
    expect(gate.footprint.extensions?.[0]?.data).toMatchObject({ biogenicCO2EmissionsKgCO2e: '0.75', notSplitKgCO2e: '2.37324' });
    expect(gate.footprint.comment).toMatch(/includes 0\.75 kg CO2e biogenic CO2 emissions/);
  });

  it('scores a CO2-only grid factor as technological DQR 4 and an old factor as temporal DQR 5', () => {
    const p = { ...product, components: [], inventory: [{ stage: 'manufacture' as const, factor: 'tc/grid-co2-cn-2023', amount: '10 kWh' },
      { stage: 'manufacture' as const, factor: 'fx/old-fuel', amount: '1 L' }] };
    const r = calculate(p, lib);
    const { footprint } = exportProductFootprint(r, { ...assessed, product: p });
    // grid 5.306 (T4, G1, Y1: 2023 vs 2024) and fuel 2.5 (T3, G4, Y5: 2010 vs 2024) → weights 5.306 / 2.5
    expect(footprint.pcf.dqi).toEqual({ technologicalDQR: '3.7', geographicalDQR: '2.0', temporalDQR: '2.3' });
    expect(footprint.pcf.primaryDataShare).toBe('0.0');
    // the fuel factor is CO2e in AR4 with no gas split, so both sets were used
    expect(footprint.pcf.ipccCharacterizationFactors).toEqual(['AR4', 'AR6']);
    expect(footprint.comment).toMatch(/CO2 only/);
  });

  it('maps units and refuses what PACT cannot express, with a reason', () => {
    const perKg = calculate({ ...product, functionalUnit: { amount: 500, unit: 'g' } }, lib);
    const e = exportProductFootprint(perKg, { ...assessed, product });
    expect(e.footprint.pcf.declaredUnitOfMeasurement).toBe('kilogram');
    expect(e.footprint.pcf.declaredUnitAmount).toBe('0.5');
    expect(e.footprint.pcf.productMassPerDeclaredUnit).toBe('0.5');
    const odd = calculate({ ...product, functionalUnit: { amount: 1, unit: 'km' } }, lib);
    expect(() => exportProductFootprint(odd, { ...assessed, product })).toThrow(PactExportError);
    const { year: _y, ...noYear } = product;
    expect(() => exportProductFootprint(result, { ...assessed, product: noYear })).toThrow(/reference period/);
    expect(CRADLE_TO_GATE).toEqual(['design', 'manufacture', 'packaging']);
  });

  it('computes the carbon content from materials that state it, and never reports an unknown one as 0', () => {
    // Refused: the steel base's factor states no carbon content (PACT requires fossilCarbonContent).
    expect(() => exportProductFootprint(result, { created, product })).toThrow(expect.objectContaining({ code: 'PACT_CARBON_CONTENT_UNKNOWN' }));
    // PP is (C3H6)n: 3 × 12.011 / (3 × 12.011 + 6 × 1.008) = 36.033 / 42.081 = 0.85628… kg C per kg; stated by the supplier
    const pp = { ...product, factors: [{ ...product.factors![0]!, carbonContent: { fossilKgC: 0.856, biogenicKgC: 0 } }], components: [product.components![0]!] };
    const { footprint } = exportProductFootprint(calculate(pp, lib), { created, product: pp });
    // 0.42 kg × 0.856 = 0.35952 kg C
    expect(footprint.pcf.fossilCarbonContent).toBe('0.35952');
    expect(footprint.pcf.biogenicCarbonContent).toBe('0');
  });

  it('asserts no exemption it has not assessed: left-out emissions in the boundary need the owner\'s figure', () => {
    const open = { ...product, components: [{ id: 'lid', material: 'supplier/pp-resin', mass: '0.1 kg', endOfLife: [{ route: 'landfill' as const, share: 1 }] }] };
    const r = calculate(open, lib);
    expect(r.warnings.map((w) => w.code)).toContain('EOL_NO_FACTOR');
    // cradle to gate: end of life is outside, nothing left out → 0 % as assessed from the result
    expect(exportProductFootprint(r, { ...assessed, product: open }).footprint.pcf.exemptedEmissionsPercent).toBe('0');
    expect(() => exportProductFootprint(r, { ...assessed, product: open, stages: STAGES })).toThrow(expect.objectContaining({ code: 'PACT_EXEMPTIONS_NOT_ASSESSED' }));
    const given = exportProductFootprint(r, { ...assessed, product: open, stages: STAGES, exemptedEmissionsPercent: 1.5, exemptedEmissionsDescription: 'Lid landfill, estimated' });
    expect(given.footprint.pcf.exemptedEmissionsPercent).toBe('1.5');
  });

  it('warns with a code about placeholder company and product ids, and claims no ISO 14067 conformity by default', () => {
    const { footprint, issues } = exportProductFootprint(result, { ...assessed, product });
    expect(footprint.companyIds).toEqual(['urn:pact:greenlca.invalid:company-id:unspecified']);
    expect(issues.filter((i) => i.code === 'PACT_PLACEHOLDER_ID').map((i) => i.path)).toEqual(['/companyIds/0', '/productIds/0']);
    expect(footprint.pcf.crossSectoralStandards).not.toContain('ISO14067');
    const real = exportProductFootprint(result, { ...assessed, product, company: { name: 'Acme', ids: ['urn:pact:acme.example:company:1'] } });
    expect(real.issues.filter((i) => i.code === 'PACT_PLACEHOLDER_ID')).toEqual([]);
  });

  it('says fossilGhgEmissions is a lower bound when the boundary is not split by origin, never a bare "0" (audit2 finding 12)', () => {
    // cradle to gate: 2.37324 kg CO2e, all from CO2e-only factors → 100.0 % of unknown origin, fossil named 0
    const { footprint, notes, issues } = exportProductFootprint(result, { ...assessed, product });
    const issue = issues.find((i) => i.code === 'PACT_FOSSIL_LOWER_BOUND')!;
    expect(issue).toMatchObject({ path: '/pcf/fossilGhgEmissions', severity: 'warning' });
    expect(issue.message).toContain('fossilGhgEmissions 0 kg CO2e is a lower bound');
    expect(issue.message).toContain('2.37324 kg CO2e (100.0 % of the PCF)');
    expect(notes.some((n) => n.includes('fossilGhgEmissionsKgCO2e'))).toBe(true);
    expect(footprint.comment).toContain('fossilGhgEmissions (0) is therefore a lower bound');
    // The data owner's assessment replaces it; the extension keeps the engine's split.
    const given = exportProductFootprint(result, { ...assessed, product, fossilGhgEmissionsKgCO2e: 1.9 });
    expect(given.footprint.pcf.fossilGhgEmissions).toBe('1.9');
    expect(given.footprint.extensions?.[0]?.data).toMatchObject({ fossilKgCO2e: '0', notSplitKgCO2e: '2.37324' });
    expect(given.issues.map((i) => i.code)).not.toContain('PACT_FOSSIL_LOWER_BOUND');
    expect(given.notes).toContain('fossilGhgEmissions: 1.9 kg CO2e as assessed by the data owner');
    expect(given.footprint.comment).toContain('fossilGhgEmissions (1.9) is as assessed by the data owner');
    // Never below the fossil gases the factors name: 0.1 + 0.2 kg CO2 emitted directly is 0.3 fossil.
    const p = { ...product, inventory: [{ stage: 'manufacture' as const, substance: 'CO2', amount: '0.1 kg' }, { stage: 'packaging' as const, substance: 'CO2', amount: '0.2 kg' }] };
    expect(() => exportProductFootprint(calculate(p, lib), { ...assessed, product: p, fossilGhgEmissionsKgCO2e: 0.2 }))
      .toThrow(expect.objectContaining({ code: 'PACT_FOSSIL_BELOW_NAMED' }));
    // Nor above the fossil and not-split emissions together: 2.37324 kg here.
    expect(() => exportProductFootprint(result, { ...assessed, product, fossilGhgEmissionsKgCO2e: 2.37325 }))
      .toThrow(expect.objectContaining({ code: 'PACT_FOSSIL_ABOVE_BOUNDARY' }));
    expect(exportProductFootprint(result, { ...assessed, product, fossilGhgEmissionsKgCO2e: 2.37324 }).footprint.pcf.fossilGhgEmissions).toBe('2.37324');
  });

  it('leaves spare parts used later out of productMassPerDeclaredUnit (audit2 finding 12)', () => {
    // 0.732 kg of kettle (as above) + 2 × 50 g spare filters in the use stage, not part of the product delivered
    const p = { ...product, components: [...product.components!, { id: 'spare', stage: 'use' as const, quantity: 2, material: 'fx/steel', mass: '50 g' }] };
    const { footprint, notes } = exportProductFootprint(calculate(p, lib), { ...assessed, product: p });
    expect(footprint.pcf.productMassPerDeclaredUnit).toBe('0.732');
    expect(notes.some((n) => n.startsWith('productMassPerDeclaredUnit: 0.732 kg'))).toBe(true);
  });

  it('prints decimals without binary artefacts: 15 significant digits of the exact decimal', () => {
    // 0.1 + 0.2 as doubles is 0.30000000000000004; the exact decimal sum is 0.3
    const p = { ...product, components: [], inventory: [{ stage: 'manufacture' as const, substance: 'CO2', amount: '0.1 kg' }, { stage: 'packaging' as const, substance: 'CO2', amount: '0.2 kg' }] };
    const { footprint } = exportProductFootprint(calculate(p, lib), { ...assessed, product: p });
    expect(footprint.pcf.pcfIncludingBiogenicUptake).toBe('0.3');
    expect(footprint.pcf.fossilGhgEmissions).toBe('0.3');
    expect(footprint.pcf.biogenicNonCO2Emissions).toBe('0'); // nothing of unknown origin: none applies
    expect(exportProductFootprint(calculate(p, lib), { ...assessed, product: p }).issues.map((i) => i.code)).not.toContain('PACT_FOSSIL_LOWER_BOUND');
  });
});

import type { FactorDataset, Product } from '@greenlca/schema';
import { createLibrary, type FactorLibrary } from '@greenlca/engine';
import { fixtureFactors, fixtureSubstances } from '../../../engine/src/testing/fixture-library.js';

/**
 * Test fixtures shared by the pact and report tests: a small cited dataset and an electric kettle.
 * The China grid values are copies of published national averages (see the citations) used as test
 * data; the fixture steel, box, truck and waste factors are synthetic round numbers from the engine's
 * fixture library.
 */
export const testCnFactors: FactorDataset = {
  id: 'tc',
  version: '0.0.1',
  edition: 'test copy 2025',
  title: { en: 'Test copy of China electricity factors', zh: '中国电力因子（测试副本）' },
  publisher: 'GreenLCA tests',
  licences: [{ id: 'PRC-Art5', name: 'Official government data (PRC Copyright Law art. 5)', attribution: 'MEE / NBS / NEA' }],
  sourceFiles: [],
  builtBy: 'hand',
  factors: [
    {
      id: 'grid-footprint-cn-2024', name: { en: 'Electricity, national average, life-cycle (2024)', zh: '全国电力平均碳足迹因子（2024）' },
      category: 'electricity', unit: 'kWh', co2e: 0.5777, gwpBasis: 'AR6', region: 'CN', year: 2024,
      source: { source: 'MEE, NBS, NEA: 关于发布2024年电力碳足迹因子数据的公告', table: '全国电力平均碳足迹因子', url: 'https://www.mee.gov.cn/xxgk2018/xxgk/xxgk01/202510/t20251024_1130734.html' },
      licence: 'PRC-Art5',
    },
    {
      id: 'grid-co2-cn-2023', name: { en: 'Electricity CO2 emission factor, national average (2023)', zh: '全国电力平均二氧化碳排放因子（2023）' },
      category: 'electricity', unit: 'kWh', gases: { CO2: 0.5306 }, gasesBasis: 'mass', co2Only: true, region: 'CN', year: 2023,
      source: { source: 'MEE, NBS: 关于发布2023年电力二氧化碳排放因子的公告 (公告2025年第47号)', table: '表1 全国电力平均二氧化碳排放因子' },
      licence: 'PRC-Art5',
    },
  ],
};

export function testLibrary(): FactorLibrary {
  return createLibrary([fixtureFactors, testCnFactors], fixtureSubstances);
}

/**
 * An electric kettle, cradle to grave. Hand calculation (kg CO2e):
 *   body 0.42 kg × 1.8 = 0.756 · base 0.3 kg × 2 = 0.6 · screws 6 × 0.002 kg × 2 = 0.024
 *   assembly 1.2 kWh × 0.5777 = 0.69324 → manufacture 2.07324
 *   packaging box 1 × 0.3 = 0.3 · transport 1.6 kg × 1200 km = 1.92 t·km × 0.1 = 0.192
 *   use 0.11 kWh × 3/day × 365 day × 5 = 602.25 kWh × 0.5777 = 347.919825
 *   end of life: body 0.00042 t × 20 = 0.0084, base 0.0003 t × 500 = 0.15, screws 0.000012 t × 500 = 0.006 → 0.1644
 *   total 350.649465; cradle-to-gate (design + manufacture + packaging) 2.37324
 */
export function kettle(): Product {
  return {
    schemaVersion: 1,
    id: 'kettle-k17',
    name: '电热水壶 K17 Electric kettle 1.7 L',
    description: 'Electric kettle, 1.7 L, 2200 W, PP body and steel base',
    functionalUnit: { amount: 1, unit: 'item', description: 'one kettle used for 5 years' },
    region: 'CN',
    year: 2024,
    gwp: 'AR6',
    parameters: { lifetimeYears: 5, boilsPerDay: { value: 3, unit: '1/day' } },
    factors: [
      { id: 'supplier/pp-resin', name: 'PP resin, supplier EPD', unit: 'kg', co2e: 1.8, source: 'Supplier EPD S-P-01234 (test), 2024', region: 'CN', year: 2024 },
    ],
    components: [
      { id: 'body', name: '壶身 Body', quantity: 1, material: 'supplier/pp-resin', mass: '0.42 kg',
        endOfLife: [{ route: 'recycling', share: 1, factor: 'fx/recycling' }] },
      { id: 'base', name: '底座 Base', quantity: 1, material: 'fx/steel', mass: '0.3 kg',
        endOfLife: [{ route: 'landfill', share: 1, factor: 'fx/landfill' }],
        children: [{ id: 'screw', name: '螺钉 Screw', quantity: 6, material: 'fx/steel', mass: '2 g',
          endOfLife: [{ route: 'landfill', share: 1, factor: 'fx/landfill' }] }] },
    ],
    inventory: [
      { name: 'Assembly electricity', stage: 'manufacture', factor: 'tc/grid-footprint-cn-2024', amount: '1.2 kWh' },
      { name: 'Carton box', stage: 'packaging', factor: 'fx/box', amount: '1 item' },
      { name: 'Distribution by truck', stage: 'transport', factor: 'fx/truck', amount: '1.6 kg * 1200 km' },
      { name: 'Electricity in use', stage: 'use', factor: 'tc/grid-footprint-cn-2024', amount: '0.11 kWh * boilsPerDay * 365 day * lifetimeYears' },
    ],
  };
}

/** A supplier's PACT v3 footprint: PP resin, 18.5 kg CO2e per 10 kg, i.e. 1.85 kg CO2e/kg. */
export function supplierFootprint(): Record<string, unknown> {
  return {
    id: '3f1c2a9e-8b7d-4c6e-9a5f-1e2d3c4b5a69',
    specVersion: '3.0.0',
    created: '2025-03-01T00:00:00Z',
    status: 'Active',
    companyName: 'Ningbo Polymer Co.',
    companyIds: ['urn:pact:polymer.example:company-id:91330200'],
    productDescription: 'Polypropylene homopolymer, injection grade, 25 kg bags',
    productIds: ['urn:pact:polymer.example:product-id:PP-H1500'],
    productNameCompany: 'PP H1500',
    pcf: {
      declaredUnitOfMeasurement: 'kilogram',
      declaredUnitAmount: '10',
      productMassPerDeclaredUnit: '10',
      referencePeriodStart: '2024-01-01T00:00:00Z',
      referencePeriodEnd: '2025-01-01T00:00:00Z',
      geographyCountrySubdivision: 'CN-ZJ',
      pcfExcludingBiogenicUptake: '18.5',
      pcfIncludingBiogenicUptake: '18.5',
      fossilCarbonContent: '8.5',
      fossilGhgEmissions: '18.2',
      packagingEmissionsIncluded: true,
      packagingGhgEmissions: '0.2',
      ipccCharacterizationFactors: ['AR6'],
      crossSectoralStandards: ['ISO14067', 'PACT-3.0'],
      exemptedEmissionsPercent: '0.5',
      primaryDataShare: '62.5',
      dqi: { technologicalDQR: '1.6', geographicalDQR: '1.2', temporalDQR: '1.0' },
    },
  };
}

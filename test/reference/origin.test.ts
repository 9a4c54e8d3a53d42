/**
 * Fossil, biogenic and not split by origin (README, "Fossil, biogenic, not split"), hand-worked from the
 * source rows: US EPA GHG Emission Factors Hub 2025, Table 1 "Biomass Fuels - Solid", wood and wood residuals:
 * 93.80 kg CO2, 7.2 g CH4, 3.6 g N2O per mmBtu; UK DESNZ 2025 flat file row 2_104_1043_15_1 (Scope 1 >
 * Bioenergy > Biomass > Wood logs > tonnes): 46.98508 kg CO2e (AR5; CH4 and N2O, biogenic CO2 reported
 * outside of scopes in row 99_104_1043_15_2); IPCC GWP100 AR6 CH4 27.9, N2O 273; AR5 CH4 28, N2O 265.
 */
import { describe, expect, it } from 'vitest';
import { bundledFactorDatasets, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary, Decimal, LcaInputError } from '@greenlca/engine';
import { STAGES, type CalculationResult } from '@greenlca/schema';

const library = createLibrary(bundledFactorDatasets, bundledSubstances);

/** fossil + biogenic + not split, as exact decimals, back to a double: the figure they split. */
function addsUp(x: { kgCO2e: number; fossilKgCO2e: number; biogenicKgCO2e: number; notSplitKgCO2e: number }): void {
  expect(new Decimal(x.fossilKgCO2e).plus(x.biogenicKgCO2e).plus(x.notSplitKgCO2e).toNumber()).toBe(x.kgCO2e);
}
function allAddUp(r: CalculationResult): void {
  addsUp(r.total);
  for (const s of STAGES) addsUp(r.byStage[s]);
  for (const l of r.lines) addsUp(l);
  const d = r.total.biogenicDetail;
  expect(new Decimal(d.co2EmissionsKgCO2e).plus(d.co2RemovalsKgCO2e).plus(d.nonCO2KgCO2e).toNumber()).toBe(r.total.biogenicKgCO2e);
}

const base = { schemaVersion: 1, functionalUnit: { amount: 1, unit: 'item' } };

describe('origin: gases from biomass are biogenic', () => {
  it('a wood-fired boiler (EPA): its CH4 and N2O count biogenic, not fossil (10 mmBtu: 11.8368 kg CO2e)', () => {
    const r = calculate({ ...base, id: 'kiln', name: 'Kiln', gwp: 'AR6',
      inventory: [{ stage: 'manufacture', factor: 'epa-hub-2025/stationary-wood-and-wood-residuals-mmbtu', amount: '10 MMBTU' }] }, library);
    // CH4 10 × 0.0072 × 27.9 = 2.0088; N2O 10 × 0.0036 × 273 = 9.828; → 11.8368 biogenic non-CO2; CO2 938 biogenic
    expect(r.total.biogenicDetail).toEqual({ co2EmissionsKgCO2e: 938, co2RemovalsKgCO2e: 0, nonCO2KgCO2e: 11.8368 });
    expect(r.total.fossilKgCO2e).toBe(0);
    expect(r.total.notSplitKgCO2e).toBe(0);
    expect(r.total.biogenicKgCO2e).toBe(949.8368);
    expect(r.byStage.manufacture).toMatchObject({ fossilKgCO2e: 0, biogenicKgCO2e: 949.8368, notSplitKgCO2e: 0 });
    expect(r.lines[0]).toMatchObject({ fossilKgCO2e: 0, biogenicKgCO2e: 949.8368, notSplitKgCO2e: 0 });
    allAddUp(r);
  });

  it('DESNZ wood logs (CO2e of biomass CH4 and N2O only): biogenic non-CO2, neither fossil nor unknown', () => {
    const r = calculate({ ...base, id: 'stove', name: 'Stove', gwp: 'AR5',
      inventory: [{ stage: 'use', factor: 'desnz-2025/bioenergy-wood-logs-tonnes', amount: '2 t' }] }, library);
    // 2 t × 46.98508 = 93.97016
    expect(r.total).toMatchObject({ kgCO2e: 93.97016, fossilKgCO2e: 0, biogenicKgCO2e: 93.97016, notSplitKgCO2e: 0 });
    expect(r.total.biogenicDetail.nonCO2KgCO2e).toBe(93.97016);
    allAddUp(r);
  });

  it('a custom factor marked biogenic: CO2 biogenic, CH4 and N2O biogenic non-CO2; an F-gas stays fossil', () => {
    const r = calculate({ ...base, id: 'own', name: 'Own boiler', gwp: 'AR6',
      factors: [{ id: 'own/chips', unit: 'kg', gases: { CO2: 1.6, CH4: 0.001, N2O: 0.0001, SF6: 0.000001 }, biogenic: true, source: 'measured' }],
      inventory: [{ stage: 'manufacture', factor: 'own/chips', amount: '100 kg' }] }, library);
    // CO2 160; CH4 0.1 × 27.9 = 2.79; N2O 0.01 × 273 = 2.73; SF6 0.0001 × 25200 = 2.52 (AR6 GWP100 of SF6)
    expect(r.total.biogenicDetail).toEqual({ co2EmissionsKgCO2e: 160, co2RemovalsKgCO2e: 0, nonCO2KgCO2e: 5.52 });
    expect(r.total.fossilKgCO2e).toBe(2.52);
    expect(r.total.kgCO2e).toBe(168.04);
    allAddUp(r);
  });

  it('a CO2e total is not split by origin, never fossil; a mixed product adds up exactly line by line, stage by stage', () => {
    const r = calculate({ ...base, id: 'mix', name: 'Mixed', gwp: 'AR6',
      factors: [
        { id: 'own/resin', unit: 'kg', co2e: 3.2, source: 'EPD' },
        { id: 'own/uptake', unit: 'kg', co2e: -1.4, biogenic: true, source: 'EPD, biogenic carbon' },
      ],
      inventory: [
        { stage: 'manufacture', factor: 'own/resin', amount: '0.42 kg' },
        { stage: 'manufacture', factor: 'own/uptake', amount: '0.3 kg' },
        { stage: 'transport', factor: 'desnz-2025/freight-rail-freight-train-tkm', amount: '1.35 kg * 800 km' },
        { stage: 'use', factor: 'epa-hub-2025/stationary-wood-and-wood-residuals-mmbtu', amount: '0.1 MMBTU' },
        { stage: 'use', substance: 'HFC-134a', amount: '0.02 kg' },
      ] }, library);
    // resin 1.344 not split; uptake −0.42 biogenic CO2 removal; rail 1.08 t·km × (0.02749 + 0.00002 × 27.9/28 + 0.00028 × 273/265) fossil;
    // wood 9.38 biogenic CO2 + 0.118368 non-CO2; HFC-134a 0.02 × 1530 = 30.6 fossil
    expect(r.total.notSplitKgCO2e).toBe(1.344);
    expect(r.total.biogenicDetail).toEqual({ co2EmissionsKgCO2e: 9.38, co2RemovalsKgCO2e: -0.42, nonCO2KgCO2e: 0.118368 });
    const rail = new Decimal('1.08').times(new Decimal('0.02749').plus(new Decimal('0.00002').div(28).times('27.9')).plus(new Decimal('0.00028').div(265).times(273)));
    expect(r.byStage.transport.fossilKgCO2e).toBe(rail.toNumber());
    expect(r.total.fossilKgCO2e).toBe(rail.plus('30.6').toNumber());
    allAddUp(r);
  });

  it('a custom factor may state its co2e\'s parts (an imported footprint); parts beyond co2e are refused (FACTOR_ORIGIN)', () => {
    const product = (origin: Record<string, number>) => ({ ...base, id: 'p', name: 'P', gwp: 'AR6',
      factors: [{ id: 'pact/x', unit: 'kg', co2e: 18.5, origin, source: 'PACT' }],
      inventory: [{ stage: 'manufacture', factor: 'pact/x', amount: '2 kg' }] });
    const r = calculate(product({ fossilKgCO2e: 3, biogenicCO2KgCO2e: 15 }), library);
    // 2 × 3 fossil, 2 × 15 biogenic, 2 × (18.5 − 18) not split
    expect(r.total).toMatchObject({ kgCO2e: 37, fossilKgCO2e: 6, biogenicKgCO2e: 30, notSplitKgCO2e: 1 });
    expect(() => calculate(product({ fossilKgCO2e: 10, biogenicCO2KgCO2e: 15 }), library)).toThrow(LcaInputError);
    try {
      calculate(product({ fossilKgCO2e: 10, biogenicCO2KgCO2e: 15 }), library);
    } catch (error) {
      expect((error as LcaInputError).issues).toEqual([expect.objectContaining({ code: 'FACTOR_ORIGIN', path: '/factors/0/origin' })]);
    }
  });
});

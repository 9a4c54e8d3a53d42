/**
 * Spot checks: values in the bundled files equal the source files. Each expectation names the
 * source row it was read from (read by hand from shared/data-sources with python3).
 */
import type { Factor } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { bundledFactorDatasets, bundledSubstances } from './index.js';

function factor(fullId: string): Factor {
  const [datasetId, id] = fullId.split('/') as [string, string];
  const f = bundledFactorDatasets.find((d) => d.id === datasetId)?.factors.find((x) => x.id === id);
  if (!f) throw new Error(`no factor ${fullId}`);
  return f;
}

function gwp(id: string, set: 'AR4' | 'AR5' | 'AR6'): number | undefined {
  const s = bundledSubstances.substances.find((x) => x.id === id);
  if (!s) throw new Error(`no substance ${id}`);
  return s.gwp100[set]?.value;
}

describe('cn-mee (china_electricity_co2_factors.csv)', () => {
  it('national 2022 average CO2 factor 0.5366 kgCO2/kWh, CO2 only (line 40)', () => {
    const f = factor('cn-mee/electricity-national-2022');
    expect(f.gases).toEqual({ CO2: 0.5366 });
    expect([f.gasesBasis, f.co2Only, f.co2e, f.region, f.year, f.unit]).toEqual(['mass', true, undefined, 'CN', 2022, 'kWh']);
    expect(f.name.zh).toBe('2022年全国电力平均二氧化碳排放因子');
    expect(f.source.url).toContain('mee.gov.cn');
  });

  it('2024 national electricity carbon-footprint factor 0.5777 kgCO2e/kWh, life cycle, no GWP basis stated (line 120)', () => {
    const f = factor('cn-mee/electricity-footprint-national-2024');
    expect([f.co2e, f.co2Only, f.gwpBasis, f.gases, f.year]).toEqual([0.5777, undefined, undefined, undefined, 2024]);
  });

  it('provinces and grids (lines 10, 66, 81, 117, 118)', () => {
    expect(factor('cn-mee/electricity-beijing-2021')).toMatchObject({ gases: { CO2: 0.5688 }, region: 'CN-BJ' });
    expect(factor('cn-mee/electricity-guangdong-2022')).toMatchObject({ gases: { CO2: 0.4403 }, region: 'CN-GD' });
    expect(factor('cn-mee/electricity-grid-east-2023')).toMatchObject({ gases: { CO2: 0.55 }, region: 'CN-GRID-EAST' });
    expect(factor('cn-mee/electricity-fossil-national-2022').gases).toEqual({ CO2: 0.8325 });
    expect(factor('cn-mee/electricity-excl-market-nonfossil-national-2023').gases).toEqual({ CO2: 0.6096 });
    expect(factor('cn-mee/electricity-shaanxi-2023').region).toBe('CN-SN');
    expect(factor('cn-mee/electricity-shanxi-2023').region).toBe('CN-SX');
  });

  it('has all 119 rows', () => {
    expect(bundledFactorDatasets.find((d) => d.id === 'cn-mee')!.factors).toHaveLength(119);
  });
});

describe('ipcc-gwp (globalwarmingpotentials.csv, IPCC_GWP_values.csv)', () => {
  it('CO2 is 1 in every set (LCIAformatter lines 3, 192, 834)', () => {
    expect([gwp('CO2', 'AR4'), gwp('CO2', 'AR5'), gwp('CO2', 'AR6')]).toEqual([1, 1, 1]);
  });

  it('CH4 AR4 25, AR5 28, AR6 27.9 (openclimatedata line 12)', () => {
    expect([gwp('CH4', 'AR4'), gwp('CH4', 'AR5'), gwp('CH4', 'AR6')]).toEqual([25, 28, 27.9]);
  });

  it('N2O AR4 298, AR5 265, AR6 273 (openclimatedata line 13)', () => {
    expect([gwp('N2O', 'AR4'), gwp('N2O', 'AR5'), gwp('N2O', 'AR6')]).toEqual([298, 265, 273]);
  });

  it('SF6, NF3, HFC-134a, HFC-32, PFC-14 (openclimatedata lines 57, 58, 42, 38, 59)', () => {
    expect([gwp('SF6', 'AR4'), gwp('SF6', 'AR5'), gwp('SF6', 'AR6')]).toEqual([22800, 23500, 25200]);
    expect([gwp('NF3', 'AR4'), gwp('NF3', 'AR5'), gwp('NF3', 'AR6')]).toEqual([17200, 16100, 17400]);
    expect([gwp('HFC-134a', 'AR4'), gwp('HFC-134a', 'AR5'), gwp('HFC-134a', 'AR6')]).toEqual([1430, 1300, 1530]);
    expect(gwp('HFC-32', 'AR6')).toBe(771);
    expect(gwp('PFC-14', 'AR6')).toBe(7380);
  });

  it('HFO-1234yf from LCIAformatter only: AR5 1 (line 363), AR6 0.501 (line 1050)', () => {
    expect([gwp('HFO-1234yf', 'AR4'), gwp('HFO-1234yf', 'AR5'), gwp('HFO-1234yf', 'AR6')]).toEqual([undefined, 1, 0.501]);
  });

  it('resolves the common spellings to one substance', () => {
    const byAlias = (name: string) => bundledSubstances.substances.find((s) => s.id === name || s.aliases.includes(name))?.id;
    for (const a of ['HFC134a', 'R-134a', 'R134a', 'CH2FCF3', '811-97-2']) expect(byAlias(a) ?? bundledSubstances.substances.find((s) => s.cas === a)?.id, a).toBe('HFC-134a');
    expect(byAlias('Dinitrogen monoxide')).toBe('N2O');
    expect(byAlias('Nitrous oxide')).toBe('N2O');
    expect(byAlias('Methane')).toBe('CH4');
    expect(byAlias('Carbon dioxide')).toBe('CO2');
    expect(byAlias('CF4')).toBe('PFC-14');
    expect(byAlias('CFC11')).toBe('CFC-11');
    expect(byAlias('HCFC22')).toBe('HCFC-22');
    const n2o = bundledSubstances.substances.find((s) => s.id === 'N2O')!;
    expect(n2o.name.zh).toBe('氧化亚氮');
    expect(bundledSubstances.substances.find((s) => s.id === 'HFC-134a')!.name.zh).toBe('氢氟碳化物 HFC-134a');
  });

  it('computes blends from their components in the same set; AR5 agrees with DESNZ 2025 rows 3_201_2158 (R410A 1924) and 3_201_2122 (R404A 3943)', () => {
    expect(gwp('R-410A', 'AR5')).toBe(1923.5); // 0.5 × 677 + 0.5 × 3170
    expect(gwp('R-410A', 'AR6')).toBe(2255.5); // 0.5 × 771 + 0.5 × 3740
    expect(gwp('R-404A', 'AR5')).toBe(3942.8); // 0.44 × 3170 + 0.52 × 4800 + 0.04 × 1300
    expect(gwp('R-407C', 'AR4')).toBe(1773.85); // 0.23 × 675 + 0.25 × 3500 + 0.52 × 1430
    expect(gwp('R-507A', 'AR6')).toBe(4775); // 0.5 × 3740 + 0.5 × 5810
    expect(gwp('R-454B', 'AR4')).toBeUndefined(); // HFO-1234yf has no AR4 value
  });
});

describe('desnz-2025 (ghg-conversion-factors-2025-flat-format.csv, row = DESNZ ID)', () => {
  it('UK electricity 0.177 kgCO2e/kWh, AR5, with its gas split (7_400_4000_5_1…4)', () => {
    const f = factor('desnz-2025/electricity-uk');
    expect([f.co2e, f.gwpBasis, f.unit, f.region, f.gasesBasis]).toEqual([0.177, 'AR5', 'kWh', 'GB', 'co2e']);
    expect(f.gases).toEqual({ CO2: 0.17489, CH4: 0.0009, N2O: 0.00122 });
    expect(f.source.row).toBe('7_400_4000_5_1');
  });

  it('fuels (1_100_1004_6_1, 1_101_1011_8_1)', () => {
    expect(factor('desnz-2025/fuel-natural-gas-kwh-gross-cv')).toMatchObject({ co2e: 0.18296, unit: 'kWh', gases: { CO2: 0.18259, CH4: 0.00028, N2O: 0.00009 } });
    expect(factor('desnz-2025/fuel-diesel-average-biofuel-blend-litres')).toMatchObject({ co2e: 2.57082, unit: 'L' });
    expect(factor('desnz-2025/fuel-natural-gas-kwh-net-cv').co2e).toBe(0.2027);
  });

  it('freight per tonne.km and per vehicle km (27_304_3140_14_1, 27_315_3151_14_1, 27_320_3235_14_1, 27_304_3140_4_1)', () => {
    expect(factor('desnz-2025/freight-hgv-all-diesel-all-hgvs-average-laden-tkm')).toMatchObject({ co2e: 0.10163, unit: 't*km' });
    expect(factor('desnz-2025/freight-rail-freight-train-tkm')).toMatchObject({ co2e: 0.02779, unit: 't*km' });
    expect(factor('desnz-2025/freight-cargo-ship-container-ship-average-tkm')).toMatchObject({ co2e: 0.01612, unit: 't*km' });
    expect(factor('desnz-2025/freight-hgv-all-diesel-all-hgvs-average-laden-km')).toMatchObject({ co2e: 0.89121, unit: 'km' });
    expect(factor('desnz-2025/wtt-freight-hgv-all-diesel-all-hgvs-average-laden-tkm').co2e).toBe(0.02359);
  });

  it('material use and waste per tonne (19_505_5120, 19_504_5104, 19_501_5056, 20_505_5383, 20_506_5460)', () => {
    expect(factor('desnz-2025/material-plastics-average-plastics-primary')).toMatchObject({ co2e: 3172.49932, unit: 't' });
    expect(factor('desnz-2025/material-metal-aluminium-cans-and-foil-excl-forming-primary').co2e).toBe(9115.90131);
    expect(factor('desnz-2025/material-glass-primary').co2e).toBe(1402.76667);
    expect(factor('desnz-2025/waste-plastics-average-plastics-landfill')).toMatchObject({ co2e: 8.98311, unit: 't', category: 'waste' });
    expect(factor('desnz-2025/waste-paper-and-board-paper-landfill').co2e).toBe(1164.4894);
  });

  it('water supply per m³ (17_404_4005_1_1)', () => {
    expect(factor('desnz-2025/water-supply')).toMatchObject({ co2e: 0.1913, unit: 'm^3', category: 'water' });
  });

  it('leaves empty cells out instead of writing 0 (19_504_5105_15_1 aluminium re-used is empty)', () => {
    const ids = new Set(bundledFactorDatasets.find((d) => d.id === 'desnz-2025')!.factors.map((f) => f.id));
    expect(ids.has('material-metal-aluminium-cans-and-foil-excl-forming-reused')).toBe(false);
  });
});

describe('ember (average-intensities.json, g/kWh ÷ 1000)', () => {
  it('country and aggregate intensities with their own years', () => {
    expect(factor('ember/electricity-cn')).toMatchObject({ co2e: 0.5575, region: 'CN', year: 2024, unit: 'kWh' }); // "CHN" 557.5
    expect(factor('ember/electricity-gb')).toMatchObject({ co2e: 0.21579, region: 'GB' }); // "GBR" 215.79
    expect(factor('ember/electricity-us').co2e).toBe(0.38355); // "USA" 383.55
    expect(factor('ember/electricity-de').co2e).toBe(0.34206); // "DEU" 342.06
    expect(factor('ember/electricity-in').co2e).toBe(0.70896); // "IND" 708.96
    expect(factor('ember/electricity-world')).toMatchObject({ co2e: 0.47294, region: 'GLO' }); // "World" 472.94
    expect(factor('ember/electricity-eu')).toMatchObject({ co2e: 0.21302, region: 'EU' }); // "EU" 213.02
    expect(factor('ember/electricity-af').year).toBe(2023); // "AFG" year 2023
  });
});

describe('epa-hub-2025 (ghg-emission-factors-hub-2025.xlsx)', () => {
  it('Table 8 medium- and heavy-duty truck per short ton-mile: 0.186 kg CO2, 0.0016 g CH4, 0.0054 g N2O (row 425)', () => {
    const f = factor('epa-hub-2025/transport-medium-and-heavy-duty-truck-ton-mile');
    expect([f.unit, f.gasesBasis, f.region]).toEqual(['ton*mi', 'mass', 'US']);
    expect(f.gases).toEqual({ CO2: 0.186, CH4: 0.0000016, N2O: 0.0000054 });
  });

  it('Table 8 rail per short ton-mile and truck per vehicle-mile (rows 426, 422)', () => {
    expect(factor('epa-hub-2025/transport-rail-ton-mile').gases).toEqual({ CO2: 0.021, CH4: 0.0000016, N2O: 0.0000005 });
    expect(factor('epa-hub-2025/transport-medium-and-heavy-duty-truck-vehicle-mile')).toMatchObject({ unit: 'mi', gases: { CO2: 1.298 } });
  });

  it('Table 9 waste: metric t CO2e per short ton × 1000, AR4 as the table notes state (rows 436, 441, 477)', () => {
    expect(factor('epa-hub-2025/waste-aluminum-cans-recycled')).toMatchObject({ co2e: 60, unit: 'ton', gwpBasis: 'AR4' });
    expect(factor('epa-hub-2025/waste-hdpe-combusted').co2e).toBe(2800);
    expect(factor('epa-hub-2025/waste-mixed-msw-landfilled').co2e).toBe(580);
  });

  it('Table 6 eGRID CAMX 436.655 lb CO2/MWh → kg (row 342); Table 1 natural gas 53.06 kg CO2/mmBtu (row 38); Table 7 steam 66.33 (row 410)', () => {
    const camx = factor('epa-hub-2025/electricity-egrid-camx');
    expect(camx.region).toBe('US-CAMX');
    expect(camx.gases!.CO2).toBeCloseTo(436.655 * 0.45359237, 9);
    expect(factor('epa-hub-2025/stationary-natural-gas-mmbtu').gases).toEqual({ CO2: 53.06, CH4: 0.001, N2O: 0.0001 });
    expect(factor('epa-hub-2025/stationary-natural-gas-scf')).toMatchObject({ unit: 'ft^3', gases: { CO2: 0.05444 } });
    expect(factor('epa-hub-2025/steam-and-heat').gases!.CO2).toBe(66.33);
  });
});

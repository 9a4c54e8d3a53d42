/**
 * One elementary flow per substance across methods, and methane by origin (audit 2, findings 2, 3, 4, 7).
 * Hand values are the publishers' factors: TRACI 2.2 xlsx "Substances" (PM2.5 1, PM10 0.2277…, SO2 PM
 * 0.0611…, NOx PM 0.00722…, NH3 PM 0.0666…, CO PM 0.000355…, CH4 climate 25); EF 3.1 ILCD (particles (PM2.5)
 * 0.000238497 disease incidence/kg, methane (fossil) climate change 29.8 and photochemical ozone 0.0101,
 * carbon monoxide (fossil) photochemical ozone 0.0456); IPCC AR6 CH4 27.9, AR5 fossil CH4 30, AR4 CH4 25.
 */
import { describe, expect, it } from 'vitest';
import { bundledFactorDatasets, bundledLcia, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary } from '@greenlca/engine';

const library = createLibrary(bundledFactorDatasets, bundledSubstances);
const lcia = await bundledLcia(['TRACI 2.2', 'EF 3.1']);

const product = (inventory: unknown[], extra: Record<string, unknown> = {}) => ({
  schemaVersion: 1, id: 'p', name: 'P', functionalUnit: { amount: 1, unit: 'item' }, gwp: 'AR6', inventory, ...extra,
});
const run = (p: unknown) => calculate(p, library, { lcia });
const category = (r: ReturnType<typeof run>, method: string, id: string) =>
  r.impacts!.find((m) => m.method.id === method)!.categories.find((c) => c.id === id)!;
const line = (c: { lines: { path: string; value: number }[] }, path: string) => c.lines.find((l) => l.path === path)?.value;

describe('particulate matter: TRACI, EF and USLCI name one PM2.5 flow', () => {
  // The audit's p4: SO2 to urban air, NOx, PM2.5, NH3 to non-urban air, CH4, HFC-134a, phosphate, CO.
  const p4 = product([
    { stage: 'manufacture', substance: 'air/urban/sulfur-dioxide', amount: '2 kg' },
    { stage: 'manufacture', substance: 'air/unspecified/nitrogen-oxides', amount: '3 kg' },
    { stage: 'use', substance: 'air/unspecified/particles-pm2.5', amount: '150 g' },
    { stage: 'use', substance: 'air/non-urban/ammonia', amount: '0.5 kg' },
    { stage: 'use', substance: 'CH4', amount: '1 kg' },
    { stage: 'use', substance: 'HFC-134a', amount: '0.1 kg' },
    { stage: 'endOfLife', substance: 'water/fresh-water/phosphate', amount: '0.2 kg' },
    { stage: 'endOfLife', substance: 'air/unspecified/carbon-monoxide', amount: '4 kg' },
  ]);

  it('TRACI 2.2 counts the PM2.5 emission that EF 3.1 counts (p4: 0.328644444 kg PM2.5 eq)', () => {
    const r = run(p4);
    const pm = category(r, 'traci-2.2', 'particulate-matter');
    const hand = 2 * 0.06111111111111111 + 3 * 0.007222222222222222 + 0.15 * 1 + 0.5 * 0.06666666666666667 + 4 * 0.00035555555555555557;
    expect(pm.total).toBeCloseTo(hand, 15);
    expect(pm.total).toBeCloseTo(0.328644444, 9);
    expect(line(pm, '/inventory/2')).toBeCloseTo(0.15, 15);
    expect(line(category(r, 'ef-3.1', 'particulate-matter'), '/inventory/2')).toBeCloseTo(0.15 * 0.000238497, 18);
  });

  it('the id earlier builds gave TRACI\'s PM2.5 names the one flow (p5: 0.1 kg of air/unspecified/pm2.5)', () => {
    const r = run(product([{ stage: 'use', substance: 'air/unspecified/pm2.5', amount: '0.1 kg' }]));
    expect(r.warnings).toEqual([]);
    expect(category(r, 'ef-3.1', 'particulate-matter').total).toBeCloseTo(0.1 * 0.000238497, 18);
    expect(category(r, 'traci-2.2', 'particulate-matter').total).toBeCloseTo(0.1, 15);
    expect(r.inventory!.emissions.map((e) => e.flow)).toEqual(['air/unspecified/particles-pm2.5']);
  });

  it('a USLCI factor\'s PM2.5 and PM10 count in TRACI too (coal electricity, 100 kWh)', () => {
    const flows = library.factor('uslci-fy17/electricity-bituminous-coal-at-power-plant')!.factor.flows!;
    const pm25 = flows['air/unspecified/particles-pm2.5']!;
    const pm10 = flows['air/unspecified/particles-pm10']!;
    expect(pm25).toBeGreaterThan(0);
    expect(pm10).toBeGreaterThan(0);
    const r = run(product([{ stage: 'use', factor: 'uslci-fy17/electricity-bituminous-coal-at-power-plant', amount: '100 kWh' }]));
    const alone = run(product([
      { stage: 'use', factor: 'uslci-fy17/electricity-bituminous-coal-at-power-plant', amount: '100 kWh' },
      { stage: 'use', substance: 'air/unspecified/particles-pm2.5', amount: `${-100 * pm25} kg` },
      { stage: 'use', substance: 'air/unspecified/particles-pm10', amount: `${-100 * pm10} kg` },
    ]));
    // Taking the factor's own PM2.5 and PM10 back out removes exactly their TRACI factors (1 and 0.2277…).
    const traci = (x: ReturnType<typeof run>) => category(x, 'traci-2.2', 'particulate-matter').total;
    expect(traci(r) - traci(alone)).toBeCloseTo(100 * pm25 * 1 + 100 * pm10 * 0.22777777777777777, 12);
  });
});

describe('methane by origin', () => {
  const fossil = (gwp: string) => run(product([{ stage: 'use', substance: 'air/unspecified/methane-fossil', amount: '1 kg' }], { gwp }));

  it('a fossil-methane emission has a GWP100 in every set: AR6 29.8 (Table 7.15 via EF 3.1), AR5 30, AR4 25', () => {
    expect(fossil('AR6').total.kgCO2e).toBe(29.8);
    expect(fossil('AR5').total.kgCO2e).toBe(30);
    expect(fossil('AR4').total.kgCO2e).toBe(25);
    expect(fossil('AR6').warnings).toEqual([]);
  });

  it('methane of unstated origin keeps CH4 27.9 in AR6', () => {
    const r = run(product([{ stage: 'use', substance: 'CH4', amount: '1 kg' }]));
    expect(r.total.kgCO2e).toBe(27.9);
  });

  it('EF 3.1 characterises CH4 of unstated origin (direct and in a gas split) at methane (fossil), nothing left uncharacterised', () => {
    const r = run(product(
      [
        { stage: 'use', substance: 'CH4', amount: '1 kg' },
        { stage: 'manufacture', factor: 'boiler', amount: '10 MJ' },
      ],
      { factors: [{ id: 'boiler', unit: 'MJ', gases: { CO2: 0.05, CH4: 0.002 }, category: 'fuel' }] },
    ));
    const climate = category(r, 'ef-3.1', 'climate-change');
    expect(line(climate, '/inventory/0')).toBeCloseTo(29.8, 12);
    expect(line(climate, '/inventory/1')).toBeCloseTo(10 * (0.05 + 0.002 * 29.8), 12);
    expect(climate.coverage.uncharacterised).toEqual([]);
    expect(line(category(r, 'ef-3.1', 'photochemical-ozone-formation'), '/inventory/0')).toBeCloseTo(0.0101, 15);
  });
});

describe('carbon monoxide of unstated origin under EF 3.1', () => {
  it('takes carbon monoxide (fossil): photochemical ozone 0.0456 and freshwater ecotoxicity 0.022833 per kg', () => {
    const r = run(product([{ stage: 'endOfLife', substance: 'air/unspecified/carbon-monoxide', amount: '4 kg' }]));
    expect(category(r, 'ef-3.1', 'photochemical-ozone-formation').total).toBeCloseTo(4 * 0.0456, 15);
    expect(category(r, 'ef-3.1', 'ecotoxicity-freshwater-inorganics').total).toBeCloseTo(4 * 0.022833, 15);
  });
});

describe('a greenhouse gas a method cannot characterise', () => {
  // Perfluorotripropylamine: AR6 GWP100 9030 (Table 7.SM.7), no factor in TRACI 2.2.
  const gas = 'Perfluorotripropylamine';

  it('is listed, left out of the category\'s share of the climate result, and makes the coverage poor when material', () => {
    const r = run(product([
      { stage: 'use', substance: 'CO2', amount: '1 kg' },
      { stage: 'use', substance: gas, amount: '1 g' },
    ]));
    expect(r.total.kgCO2e).toBeCloseTo(1 + 0.001 * 9030, 12);
    const c = category(r, 'traci-2.2', 'climate-change');
    expect(c.total).toBe(1);
    expect(c.coverage.uncharacterised).toEqual([{ flow: 'air/unspecified/1-1-2-2-3-3-3-heptafluoro-n-n-bis-heptafluoropropyl-propan-1-amine', kg: 0.001 }]);
    // 1 kg CO2e of 10.03 is carried by the category.
    expect(c.coverage.shareOfClimate).toBeCloseTo(1 / 10.03, 12);
    expect(c.coverage.poor).toBe(true);
  });

  it('is still listed when immaterial, and the coverage is not poor', () => {
    const r = run(product([
      { stage: 'use', substance: 'CO2', amount: '100 kg' },
      { stage: 'use', substance: gas, amount: '1 g' },
    ]));
    const c = category(r, 'traci-2.2', 'climate-change');
    expect(c.coverage.uncharacterised).toEqual([{ flow: 'air/unspecified/1-1-2-2-3-3-3-heptafluoro-n-n-bis-heptafluoropropyl-propan-1-amine', kg: 0.001 }]);
    expect(c.coverage.shareOfClimate).toBeCloseTo(100 / 109.03, 12);
    expect(c.coverage.poor).toBe(false);
  });
});

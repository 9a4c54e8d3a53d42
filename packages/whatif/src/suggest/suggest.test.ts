import { createLibrary } from '@greenlca/engine';
import type { Factor, Product } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../compare.js';
import { whatifFactors, whatifLibrary, whatifSubstances } from '../testing/library.js';
import { kettle } from '../testing/products.js';
import { suggest } from './suggest.js';

const lib = whatifLibrary();

describe('eco-design suggestions', () => {
  const s = suggest(kettle(), lib);

  it('proposes what the data can quantify, ranked by saving (hand-computed)', () => {
    expect(s.baseline.kgCO2e).toBe(311.156);
    expect(s.suggestions.map((x) => [x.kind, x.to?.id ?? null, x.saving.kgCO2e])).toEqual([
      ['grid', 'wf/grid-cn-yn', 219], // 547.5 kWh × (0.5 − 0.1)
      ['lifetime', null, expect.closeTo(37.406 / 6, 12)], // (311.156 − 273.75) × (1 − 1/1.2)
      ['material-variant', 'wf/material-aluminium-closed-loop-source', 4], // 0.0005 t × (9000 − 1000)
      ['material-variant', 'wf/material-plastics-closed-loop-source', 0.63], // 0.00042 t × (3000 − 1500)
      ['mass-reduction', null, 0.45], // 10 % of the housing's 4.5
    ]);
    expect(s.suggestions.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(s.suggestions[0]!.saving.percent).toBeCloseTo(219 / 311.156 * 100, 12);
    expect(s.suggestions[0]!.hotspot).toMatchObject({ path: '/inventory/0', stage: 'use', kgCO2e: 273.75 });
    expect(s.suggestions[4]!.title).toBe('Make Housing 10 % lighter');
  });

  it('says plainly which hotspots it cannot quantify, and why', () => {
    expect(s.notQuantified.map((n) => [n.kind, n.hotspot?.path])).toEqual([
      ['other', '/inventory/2'], // refrigerant leak
      ['other', '/inventory/3'], // natural gas heat
    ]);
    expect(s.notQuantified[0]!.reason).toMatch(/direct emission of HFC-134a/);
    expect(s.notQuantified[1]!.reason).toMatch(/no like-for-like lower-carbon alternative for the fuel factor wf\/gas/);
  });

  it('each suggestion is a scenario that compare reproduces (the lifetime one per year of service)', () => {
    const c = compareScenarios(kettle(), lib, { scenarios: s.suggestions.map((x) => x.scenario) });
    expect(c.variants).toHaveLength(5);
    c.variants.filter((v) => v.id !== 'suggest-lifetime').forEach((v) => {
      expect(-v.delta.total.kgCO2e).toBe(s.suggestions.find((x) => x.scenario.id === v.id)!.saving.kgCO2e);
    });
  });

  it('shifts freight to a lower-carbon mode: road → rail, air → sea/rail/road', () => {
    const r = suggest(kettle(), lib, { hotspots: 10 });
    expect(r.suggestions.find((x) => x.kind === 'transport-mode')).toMatchObject({
      to: { id: 'wf/freight-rail-freight-train-tkm' }, saving: { kgCO2e: expect.closeTo(0.144, 12) }, // 1.92 t·km × (0.1 − 0.025)
    });
    const air: Product = { ...kettle(), components: [], parameters: {}, inventory: [{ stage: 'transport', factor: 'wf/freight-flights-long-haul-tkm', amount: '10 t*km' }] };
    expect(suggest(air, lib).suggestions.map((x) => [x.to?.id, x.saving.kgCO2e])).toEqual([
      ['wf/freight-cargo-ship-container-ship-average-tkm', 9.85], // conservative: the higher "average" ship, 10 × (1 − 0.015)
      ['wf/freight-rail-freight-train-tkm', 9.75],
      ['wf/freight-hgv-average-laden-tkm', 9],
    ]);
    const rail: Product = { ...air, inventory: [{ stage: 'transport', factor: 'wf/freight-rail-freight-train-tkm', amount: '10 t*km' }] };
    expect(suggest(rail, lib).notQuantified[0]!.reason).toMatch(/already rail freight/);
  });

  it('does not compare grids across countries, years or scopes', () => {
    const fr: Product = { ...kettle(), components: [], parameters: {}, inventory: [{ stage: 'use', factor: 'wf/grid-fr', amount: '100 kWh' }] };
    const r = suggest(fr, lib);
    expect(r.suggestions).toEqual([]);
    expect(r.notQuantified.map((n) => n.kind)).toEqual(['grid', 'lifetime']);
    expect(r.notQuantified[0]!.reason).toMatch(/no lower-carbon electricity factor for another region of FR with the same data year \(2023\)/);
    expect(r.notQuantified[1]!.reason).toMatch(/no service-life parameter/);
  });

  it('points to the lowest grid of another year or scope, without counting it as a saving', () => {
    const cn: Product = { ...kettle(), components: [], parameters: {}, inventory: [{ stage: 'use', factor: 'wf/grid-cn-footprint-2024', amount: '100 kWh' }] };
    const r = suggest(cn, lib);
    expect(r.suggestions).toEqual([]);
    expect(r.notQuantified[0]!.reason).toMatch(/same data year \(2024\).*the lowest in the bundled data, wf\/grid-cn-yn at 0.1 kg\/kWh, is another scope for 2023/);
  });

  it('says when a material has no recycled variant in the data', () => {
    const glass: Product = { ...kettle(), parameters: {}, inventory: [], components: [{ id: 'jug', material: 'wf/material-glass-primary', mass: '1 kg' }] };
    const r = suggest(glass, lib);
    expect(r.notQuantified[0]).toMatchObject({ kind: 'material-variant', reason: expect.stringMatching(/no recycled-content or re-used variant of wf\/material-glass-primary/) });
    expect(r.suggestions.map((x) => [x.kind, x.saving.kgCO2e])).toEqual([['mass-reduction', expect.closeTo(0.14, 12)]]);
  });

  it('a mode shift acts on the hotspot line only: one suggestion per road line, each saving its own line', () => {
    // Road 0.1 kg/t·km, rail 0.025: the distribution leg 1.92 t·km saves 0.144, the end-of-life collection
    // 0.5 t·km saves 0.0375; neither saving includes the other line.
    const p: Product = { ...kettle(), inventory: [...kettle().inventory!,
      { name: 'Collection', stage: 'endOfLife', factor: 'wf/freight-hgv-average-laden-tkm', amount: '0.5 t*km' }] };
    const r = suggest(p, lib, { hotspots: 20 });
    const shifts = r.suggestions.filter((x) => x.kind === 'transport-mode');
    expect(shifts.map((x) => [x.title, x.hotspot!.path, x.scenario.overrides, x.saving.kgCO2e])).toEqual([
      ['Ship by rail instead of road (Freight: HGV (all diesel), All HGVs, Average laden, per tonne.km)', '/inventory/1', { lines: { truck: { factor: 'wf/freight-rail-freight-train-tkm' } } }, expect.closeTo(0.144, 12)],
      ['Ship by rail instead of road (Collection)', '/inventory/4', { lines: { '/inventory/4': { factor: 'wf/freight-rail-freight-train-tkm' } } }, expect.closeTo(0.0375, 12)],
    ]);
    expect(shifts[0]!.basis).toMatch(/^only the line "Freight: HGV .*" \(\/inventory\/1\): .*other uses of wf\/freight-hgv-average-laden-tkm unchanged$/);
    // A material change is per component too.
    const material = r.suggestions.find((x) => x.to?.id === 'wf/material-aluminium-closed-loop-source')!;
    expect(material.scenario.overrides).toEqual({ components: { housing: { material: 'wf/material-aluminium-closed-loop-source' } } });
  });

  it('compares and shows candidate factors in the chosen GWP set, as the engine characterises them', () => {
    // Published like DESNZ: CO2e per gas in AR5. Road 0.1 kg CO2 (0.1 in any set); rail 0.02 CO2 +
    // 0.013 kg CO2e of HFC-134a in AR5 (1300), i.e. 1e-5 kg, which is 0.01526 in AR6 (1526): rail is
    // 0.033 in AR5 but 0.03526 in AR6. Saving on 10 t·km in AR6: 10 × (0.1 − 0.03526) = 0.6474.
    const ar5 = (id: string, en: string, co2e: number, gases: Record<string, number>): Factor => ({
      id, name: { en }, category: 'freight', unit: 't*km', co2e, gwpBasis: 'AR5', gases, gasesBasis: 'co2e', region: 'GB', year: 2025,
      source: { source: 'synthetic, AR5 per-gas CO2e' }, licence: 'test',
    });
    const library = createLibrary([{ ...whatifFactors, id: 'ar5', factors: [
      ar5('freight-hgv-average-laden-tkm', 'Freight: HGV, Average laden, per tonne.km', 0.1, { CO2: 0.1 }),
      ar5('freight-rail-freight-train-tkm', 'Freight: Rail, Freight train, per tonne.km', 0.033, { CO2: 0.02, 'HFC-134a': 0.013 }),
    ] }], whatifSubstances);
    const p: Product = { ...kettle(), components: [], parameters: {}, inventory: [{ id: 'ship', stage: 'transport', factor: 'ar5/freight-hgv-average-laden-tkm', amount: '10 t*km' }] };
    const six = suggest(p, library).suggestions[0]!;
    expect(six.to).toMatchObject({ id: 'ar5/freight-rail-freight-train-tkm', kgCO2ePerUnit: expect.closeTo(0.03526, 12) });
    expect(six.from!.kgCO2ePerUnit).toBeCloseTo(0.1, 12);
    expect(six.saving.kgCO2e).toBeCloseTo(0.6474, 12);
    expect(six.basis).toContain('(0.03526 kg CO2e/t*km), both IPCC AR6');
    const five = suggest(p, library, { gwp: 'AR5' }).suggestions[0]!;
    expect(five.to!.kgCO2ePerUnit).toBeCloseTo(0.033, 12);
    expect(five.saving.kgCO2e).toBeCloseTo(0.67, 12); // 10 × (0.1 − 0.033)
  });
});

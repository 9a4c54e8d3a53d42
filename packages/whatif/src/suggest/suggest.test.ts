import type { Product } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../compare.js';
import { whatifLibrary } from '../testing/library.js';
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
});

import { parseProduct } from '@greenlca/engine';
import type { Product, Scenario } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { WhatIfInputError, type WhatIfIssue } from '../errors.js';
import { whatifLibrary } from '../testing/library.js';
import { kettle } from '../testing/products.js';
import { compareScenarios } from '../compare.js';
import { applyScenario, applyScenarioTraced } from './apply.js';

const lib = whatifLibrary();
const s = (overrides: Scenario['overrides'], id = 'v'): Scenario => ({ id, name: id, overrides });

function issues(product: Product, scenario: Scenario): WhatIfIssue[] {
  try {
    applyScenario(product, scenario, lib);
  } catch (error) {
    if (error instanceof WhatIfInputError) return error.issues;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('applying a scenario', () => {
  it('validates as part of the product and is found by id', () => {
    const p = parseProduct({ ...kettle(), scenarios: [s({ components: { housing: { massScale: 0.8 } } }, 'light')] });
    const v = applyScenario(p, 'light', lib);
    expect(v.components![0]!.mass).toBe('0.4 kg');
    expect(v.scenarios).toBeUndefined();
    expect(p.components![0]!.mass).toBe('0.5 kg'); // the base is untouched
  });

  it('copies only the edited path: untouched lines and components keep their identity', () => {
    const p = kettle();
    const v = applyScenario(p, s({ lines: { truck: { factor: 'wf/freight-rail-freight-train-tkm' } } }), lib);
    expect(v.inventory![1]).toEqual({ ...p.inventory![1], factor: 'wf/freight-rail-freight-train-tkm' });
    expect(v.inventory![0]).toBe(p.inventory![0]);
    expect(v.components).toBe(p.components);
    expect(v.parameters).toBe(p.parameters);
  });

  it('applies each kind of override', () => {
    const p = kettle();
    const v = applyScenario(p, s({
      factors: [{ id: 'my/green-power', unit: 'kWh', co2e: 0.02, source: 'PPA certificate' } as never],
      parameters: { years: 7 },
      replaceFactor: { from: 'wf/material-aluminium-primary', to: 'wf/material-aluminium-closed-loop-source' },
      components: { screw: { quantityScale: 0.5 }, '/components/1': { material: 'wf/material-plastics-closed-loop-source' } },
      lines: { '/inventory/3': { scale: 2 }, leak: { remove: true } },
      set: [{ path: '/components/1/endOfLife/0/share', value: 0.5 }],
      gwp: 'AR5',
      region: 'CN-YN',
    }), lib);
    expect(v.factors!.map((f) => f.id)).toEqual(['my/green-power']);
    expect(v.parameters!.years).toBe(7);
    expect(v.components![0]!.material).toBe('wf/material-aluminium-closed-loop-source');
    expect(v.components![1]!.material).toBe('wf/material-plastics-closed-loop-source');
    expect(v.components![1]!.children![0]!.quantity).toBe(3);
    expect(v.components![1]!.endOfLife![0]!.share).toBe(0.5);
    expect(v.inventory!.map((l) => l.id)).toEqual(['use', 'truck', 'heat']);
    expect(v.inventory![2]!.amount).toBe('7 kWh');
    expect([v.gwp, v.region]).toEqual(['AR5', 'CN-YN']);
  });

  it('swaps every bundled electricity factor for the grid factor', () => {
    const p = { ...kettle(), inventory: [...kettle().inventory!, { stage: 'manufacture' as const, factor: 'wf/grid-cn-sd', amount: '2 kWh' }] };
    const v = applyScenario(p, s({ grid: 'wf/grid-cn-yn' }), lib);
    expect(v.inventory!.map((l) => l.factor)).toEqual(['wf/grid-cn-yn', 'wf/freight-hgv-average-laden-tkm', undefined, 'wf/gas', 'wf/grid-cn-yn']);
  });

  it('moves the grid to another region of the same dataset, year and scope', () => {
    const v = applyScenario(kettle(), s({ grid: { region: 'cn-yn' } }), lib);
    expect(v.inventory![0]!.factor).toBe('wf/grid-cn-yn');
    const found = issues(kettle(), s({ grid: { region: 'DE' } }));
    expect(found[0]).toMatchObject({ code: 'UNKNOWN_TARGET', path: '/overrides/grid/region' });
    expect(found[0]!.message).toMatch(/wf has no electricity factor for DE with the data year \(2023\)/);
  });

  it('traces where each variant line comes from', () => {
    const t = applyScenarioTraced(kettle(), s({ lines: { use: { remove: true }, heat: { scale: 2 } } }), lib);
    expect(t.lineOrigins).toEqual([1, 2, 3]);
  });

  it('scales expressions and quantities readably', () => {
    const v = applyScenario(kettle(), s({ lines: { use: { scale: 0.5 } }, components: { housing: { quantityScale: 3 } } }), lib);
    expect(v.inventory![0]!.amount).toBe('(0.1 kWh * boilsPerDay * 365 day * years) * 0.5');
    expect(v.components![0]!.quantity).toBe(3);
  });

  it('rejects a negative line scale like a negative massScale; a credit is a negative amount, stated as such', () => {
    const found = issues(kettle(), s({ lines: { use: { scale: -1 } } }));
    expect(found).toEqual([expect.objectContaining({ code: 'SCENARIO_SCHEMA', path: '/overrides/lines/use/scale', scenario: 'v' })]);
    expect(found[0]!.message).toBe('scale must be 0 or more, not -1');
    expect(found[0]!.hint).toMatch(/"amount": "-2 kWh"/);
    const p = parseProduct({ ...kettle(), scenarios: [s({ lines: { use: { scale: -1 } } }, 'flip')] });
    expect(() => compareScenarios(p, lib)).toThrow(/scenario "flip": \/scenarios\/0\/overrides\/lines\/use\/scale: scale must be 0 or more/);
    // Zero is a scale (the line drops to nothing), and an explicit negative amount is still accepted as a credit.
    expect(applyScenario(kettle(), s({ lines: { heat: { scale: 0 } } }), lib).inventory![3]!.amount).toBe('0 kWh');
    const credit = compareScenarios({ ...kettle(), scenarios: [s({ lines: { heat: { amount: '-3.5 kWh' } } }, 'credit')] }, lib);
    expect(credit.variants[0]!.delta.total.kgCO2e).toBeCloseTo(-1.4, 12); // from +3.5 to −3.5 kWh × 0.2
  });

  it('names every target that does not exist, with the override\'s pointer', () => {
    const found = issues(kettle(), s({
      parameters: { lifetime: 3 },
      replaceFactor: [{ from: 'wf/material-glass-primary', to: 'wf/material-aluminium-closed-loop-source' }, { from: 'wf/freight-hgv-average-laden-tkm', to: 'wf/nope' }],
      components: { lid: { massScale: 0.5 } },
      lines: { ship: { remove: true } },
      set: [{ path: '/components/7/mass', value: '1 kg' }],
    }));
    expect(found.map((i) => [i.code, i.path])).toEqual([
      ['UNKNOWN_TARGET', '/overrides/parameters/lifetime'],
      ['UNKNOWN_TARGET', '/overrides/replaceFactor/0/from'],
      ['UNKNOWN_TARGET', '/overrides/replaceFactor/1/to'],
      ['UNKNOWN_TARGET', '/overrides/components/lid'],
      ['UNKNOWN_TARGET', '/overrides/lines/ship'],
      ['UNKNOWN_TARGET', '/overrides/set/0/path'],
    ]);
    expect(found.every((i) => i.scenario === 'v')).toBe(true);
  });

  it('points into the product\'s scenarios when the scenario is the product\'s own', () => {
    const p = parseProduct({ ...kettle(), scenarios: [s({ components: { housing: { mass: '1 kg', massScale: 2 } } }, 'x')] });
    expect(() => applyScenario(p, 'x', lib)).toThrow(/scenario "x": \/scenarios\/0\/overrides\/components\/housing: give "mass" or "massScale"/);
    expect(() => applyScenario(p, 'y', lib)).toThrow(/no scenario "y"/);
  });

  it('rejects a grid that is not electricity, and a variant that is no longer a valid product', () => {
    expect(issues(kettle(), s({ grid: 'wf/freight-hgv-average-laden-tkm' }))[0]!.message).toMatch(/freight factor, not electricity/);
    const bad = issues(kettle(), s({ set: [{ path: '/inventory/0/stage', value: 'disposal' }] }));
    expect(bad[0]).toMatchObject({ code: 'SCENARIO_INVALID', path: '/inventory/0/stage' });
  });

  it('rejects unknown override kinds instead of ignoring them', () => {
    const found = issues(kettle(), { id: 'v', name: 'v', overrides: { lifetime: 7 } as never });
    expect(found[0]).toMatchObject({ code: 'SCENARIO_SCHEMA' });
  });

  it('counts a recycled-content share with the recycled material, and replaces a part\'s end-of-life routes', () => {
    const p = { ...kettle(), scenarios: [
      s({ components: { housing: { recycledContent: 0.3, recycledMaterial: 'wf/material-aluminium-closed-loop-source' } } }, 'recycled'),
      s({ components: { body: { endOfLife: [] } } }, 'no-eol'),
      s({ components: { housing: { recycledContent: 0.5 } } }, 'declared'),
    ] };
    const v = applyScenario(p, 'recycled', lib);
    // 0.35 kg stays primary, 0.15 kg is the recycled child with the part's end of life.
    expect(v.components![0]).toMatchObject({ mass: '0.35 kg', recycledContent: 0, children: [{ id: 'recycled', material: 'wf/material-aluminium-closed-loop-source', mass: '0.15 kg', recycledContent: 1 }] });
    const c = compareScenarios(p, lib);
    // housing 4.5 → 0.00035 t × 9000 + 0.00015 t × 1000 = 3.15 + 0.15 = 3.3; body landfill 0.21 dropped; a declared share alone changes no CO2e.
    expect(c.variants.map((x) => x.delta.total.kgCO2e)).toEqual([expect.closeTo(-1.2, 12), expect.closeTo(-0.21, 12), 0]);
    expect(applyScenario(p, 'declared', lib).components![0]!.recycledContent).toBe(0.5);
    expect(issues(kettle(), s({ components: { housing: { recycledMaterial: 'wf/material-aluminium-closed-loop-source' } } }))[0]).toMatchObject({ code: 'CONFLICTING_OVERRIDE' });
  });
});

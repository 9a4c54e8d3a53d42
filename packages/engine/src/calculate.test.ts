import { describe, expect, it } from 'vitest';
import { calculate } from './calculate.js';
import { MAX_SUGGESTIONS, type InputIssue } from './errors.js';
import { fixtureLibrary } from './testing/fixture-library.js';
import { rejection } from './testing/rejection.js';
import { Decimal } from './decimal.js';

const lib = fixtureLibrary();
const base = { schemaVersion: 1, id: 'p', name: 'Test product', functionalUnit: { amount: 1, unit: 'item' } };

const issues = (product: unknown): InputIssue[] => rejection(product, lib).issues;

describe('units and expressions', () => {
  it('turns mass × distance into tonne-kilometres: 1.6 kg × 1200 km = 1.92 t·km', () => {
    const r = calculate({ ...base, inventory: [{ stage: 'transport', factor: 'fx/truck', amount: '1.6 kg * 1200 km' }] }, lib);
    expect(r.lines[0]!.amount).toEqual({ value: 1.92, unit: 't*km' });
    expect(r.total.kgCO2e).toBe(0.192); // 1.92 × 0.1
  });

  it('evaluates expressions over parameters with units: 0.11 kWh × 3/day × 365 day × 5 = 602.25 kWh', () => {
    const r = calculate({
      ...base,
      parameters: { boilsPerDay: { value: 3, unit: '1/day' }, lifetimeYears: 5 },
      inventory: [{ stage: 'use', factor: 'fx/grid-lca', amount: '0.11 kWh * boilsPerDay * 365 day * lifetimeYears' }],
    }, lib);
    expect(r.lines[0]!.amount.value).toBe(602.25);
    expect(r.byStage.use.kgCO2e).toBe(301.125); // × 0.5 kg/kWh
  });

  it('lets parameters build on parameters, in any order', () => {
    const r = calculate({
      ...base,
      parameters: { perYear: 'perDay * 365 day', perDay: '2 kWh/day' },
      inventory: [{ stage: 'use', factor: 'fx/grid-lca', amount: 'perYear * 2' }],
    }, lib);
    expect(r.lines[0]!.amount.value).toBe(1460); // 2 kWh/day × 365 day × 2
  });

  it('converts between units of the same dimension: 3.6 MJ = 1 kWh, 500 g = 0.0005 t', () => {
    const r = calculate({
      ...base,
      inventory: [
        { stage: 'use', factor: 'fx/grid-lca', amount: { value: 3.6, unit: 'MJ' } },
        { stage: 'manufacture', factor: 'fx/abs', amount: '500 g' },
      ],
    }, lib);
    expect(r.lines.map((l) => l.amount.value)).toEqual([1, 0.0005]);
    expect(r.total.kgCO2e).toBe(2); // 1 × 0.5 + 0.0005 × 3000
  });

  it('converts US short ton-miles: 1 t × 100 km = 100 t·km = 68.4944 short ton·mi', () => {
    const r = calculate({ ...base, gwp: 'AR5', inventory: [{ stage: 'transport', factor: 'fx/truck-us', amount: '1 t * 100 km' }] }, lib);
    const tonMiles = 100 / (0.90718474 * 1.609344);
    expect(r.lines[0]!.amount.value).toBeCloseTo(tonMiles, 10);
    // per ton-mile: 0.2 CO2 + 0.001 × 28 CH4 + 0.0001 × 265 N2O (AR5) = 0.2545
    expect(r.total.kgCO2e).toBeCloseTo(tonMiles * 0.2545, 10);
  });

  it('rejects an amount whose dimension does not match the factor, naming the line', () => {
    const found = issues({ ...base, inventory: [{ stage: 'use', factor: 'fx/grid-lca', amount: '3 kg' }] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'UNIT_MISMATCH', path: '/inventory/0/amount' });
    expect(found[0]!.message).toMatch(/mass.*energy/);
  });

  it('reports an unknown unit and an undefined parameter with a suggestion', () => {
    const found = issues({
      ...base,
      parameters: { lifetimeYears: 5 },
      inventory: [
        { stage: 'use', factor: 'fx/grid-lca', amount: '3 kWhh' },
        { stage: 'use', factor: 'fx/grid-lca', amount: '3 kWh * lifetimeYear' },
      ],
    });
    expect(found.map((i) => [i.code, i.path])).toEqual([
      ['UNKNOWN_PARAMETER', '/inventory/0/amount'],
      ['UNKNOWN_PARAMETER', '/inventory/1/amount'],
    ]);
    expect(found[1]!.hint).toContain('lifetimeYears');
  });

  it('compares only names up to 64 characters by edit distance: long names are matched by containment alone', () => {
    // A thousand 1,000-character parameter names and twenty wrong references once cost minutes of edit distances.
    const long = (c: string) => 'p'.repeat(100) + c;
    const parameters = Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [long(`q${i}`), 1]));
    const found = issues({ ...base, parameters, inventory: Array.from({ length: 25 }, () => ({ stage: 'use', factor: 'fx/grid-lca', amount: `3 kWh * ${long('x')}` })) });
    expect(found).toHaveLength(25);
    expect(found.every((i) => i.code === 'UNKNOWN_PARAMETER' && !i.hint?.includes('did you mean'))).toBe(true);
    // A short name one letter off is still suggested.
    expect(issues({ ...base, parameters: { lifetimeYears: 5 }, inventory: [{ stage: 'use', factor: 'fx/grid-lca', amount: '3 kWh * lifetimeYear' }] })[0]!.hint).toContain('lifetimeYears');
  });

  it('reports parameters that depend on each other in a circle', () => {
    const found = issues({ ...base, parameters: { a: 'b * 2', b: 'a + 1' }, inventory: [{ stage: 'use', factor: 'fx/grid-lca', amount: '1 kWh' }] });
    expect(found.some((i) => i.code === 'PARAMETER_CYCLE')).toBe(true);
  });
});

describe('numbers past the largest double', () => {
  // fx/steel is 2 kg CO2e per kg, fx/abs 3000 per t: every case below is finite as written, infinite as multiplied.
  const codes = (product: unknown) => issues(product).map((i) => [i.code, i.path]);

  it('a quantity multiplied through the bill of materials: NON_FINITE at the child\'s quantity, never a crash', () => {
    const deep = { ...base, components: [{ id: 'a', quantity: 1e200, children: [{ id: 'b', quantity: 1e200, material: 'fx/steel', mass: '1 kg' }] }] };
    expect(codes(deep)).toEqual([['NON_FINITE', '/components/0/children/0/quantity']]);
  });

  it('a mass times a count, and its end-of-life route: NON_FINITE at each line', () => {
    const heavy = { ...base, components: [{ id: 'a', quantity: 1e200, children: [{ id: 'b', quantity: 1e100, material: 'fx/steel', mass: '1e10 kg', endOfLife: [{ route: 'landfill', share: 1, factor: 'fx/landfill' }] }] }] };
    expect(codes(heavy)).toEqual([['NON_FINITE', '/components/0/children/0'], ['NON_FINITE', '/components/0/children/0/endOfLife/0']]);
  });

  it('an amount times its factor, with or without lines; a sum of finite lines: at the line, or at the product', () => {
    const line = { ...base, inventory: [{ stage: 'manufacture', factor: 'fx/abs', amount: '1e308 kg' }] };
    expect(codes(line)).toEqual([['NON_FINITE', '/inventory/0']]);
    expect(() => calculate(line, lib, { lines: false })).toThrow(expect.objectContaining({ issues: [expect.objectContaining({ code: 'NON_FINITE', path: '/inventory/0' })] }));
    const sum = { ...base, inventory: [{ stage: 'use', substance: 'CO2', amount: '1.5e308 kg' }, { stage: 'use', substance: 'CO2', amount: '1.5e308 kg' }] };
    expect(codes(sum)).toEqual([['NON_FINITE', '']]);
  });
});

describe('bill of materials', () => {
  it('multiplies quantities down the tree: 6 screws of 2 g in 2 bodies = 12 screws = 24 g', () => {
    const r = calculate({
      ...base,
      components: [{
        id: 'body', quantity: 2, material: 'fx/steel', mass: '0.42 kg',
        children: [{ id: 'screw', quantity: 6, material: 'fx/steel', mass: '2 g' }],
      }],
    }, lib);
    const screw = r.lines.find((l) => l.component === 'body/screw')!;
    expect(screw.amount).toEqual({ value: 0.024, unit: 'kg' });
    expect(screw.kgCO2e).toBe(0.048);
    expect(r.byStage.manufacture.kgCO2e).toBe(1.728); // (0.84 + 0.024) kg × 2
    const body = r.byComponent.find((c) => c.component === 'body')!;
    expect(body).toMatchObject({ quantity: 2, massKg: 0.84, totalMassKg: 0.864, kgCO2e: 1.68, totalKgCO2e: 1.728 });
  });

  it('counts a component in the stage it names, and its children with it', () => {
    const r = calculate({
      ...base,
      components: [{ id: 'pack', stage: 'packaging', children: [{ id: 'carton', material: 'fx/box', quantity: 2 }] }],
    }, lib);
    expect(r.byStage.packaging.kgCO2e).toBe(0.6); // 2 items × 0.3
    expect(r.byStage.manufacture.kgCO2e).toBe(0);
  });

  it('models end-of-life routes as shares of the material mass', () => {
    const r = calculate({
      ...base,
      components: [{
        id: 'case', material: 'fx/abs', mass: '2 kg',
        endOfLife: [{ route: 'landfill', share: 0.25, factor: 'fx/landfill' }, { route: 'recycling', share: 0.75, factor: 'fx/recycling' }],
      }],
    }, lib);
    // manufacture 0.002 t × 3000 = 6; landfill 0.0005 t × 500 = 0.25; recycling 0.0015 t × 20 = 0.03
    expect(r.byStage.manufacture.kgCO2e).toBe(6);
    expect(r.byStage.endOfLife.kgCO2e).toBe(0.28);
    expect(r.warnings.map((w) => w.code)).not.toContain('EOL_NOT_MODELLED');
  });

  it('rejects negative and missing masses and a cyclic BOM', () => {
    const found = issues({
      ...base,
      components: [
        { id: 'a', material: 'fx/steel', mass: '-1 kg' },
        { id: 'b', material: 'fx/steel' },
        { id: 'c', children: [{ id: 'd', children: [{ id: 'c', material: 'fx/steel', mass: '1 kg' }] }] },
      ],
    });
    expect(found.map((i) => [i.code, i.path])).toEqual([
      ['NEGATIVE_MASS', '/components/0/mass'],
      ['MISSING_MASS', '/components/1'],
      ['CYCLIC_BOM', '/components/2/children/0/children/0/id'],
    ]);
  });

  it('rejects end-of-life shares above 1', () => {
    const found = issues({
      ...base,
      components: [{ id: 'a', material: 'fx/steel', mass: '1 kg', endOfLife: [{ route: 'landfill', share: 0.8 }, { route: 'recycling', share: 0.3 }] }],
    });
    expect(found[0]).toMatchObject({ code: 'EOL_SHARES', path: '/components/0/endOfLife' });
  });
});

describe('characterisation', () => {
  const emission = (gwp: string) => calculate({ ...base, gwp, inventory: [{ stage: 'use', substance: 'HFC-134a', amount: '0.02 kg' }] }, lib);

  it('characterises a direct emission with each GWP set: 0.02 kg HFC-134a', () => {
    expect(emission('AR4').total.kgCO2e).toBe(28.6); // × 1430
    expect(emission('AR5').total.kgCO2e).toBe(26); // × 1300
    expect(emission('AR6').total.kgCO2e).toBe(30.6); // × 1530
  });

  it('resolves substance aliases (R-134a, methane) and rejects unknown substances', () => {
    const r = calculate({ ...base, inventory: [{ stage: 'use', substance: 'R-134a', amount: '1 g' }, { stage: 'use', substance: 'methane', amount: '1 kg' }] }, lib);
    expect(r.lines.map((l) => l.substance)).toEqual(['HFC-134a', 'CH4']);
    expect(r.total.kgCO2e).toBe(29.43); // 1.53 + 27.9
    const found = issues({ ...base, inventory: [{ stage: 'use', substance: 'HFC-134x', amount: '1 kg' }] });
    expect(found[0]).toMatchObject({ code: 'UNKNOWN_SUBSTANCE', path: '/inventory/0/substance' });
    expect(found[0]!.hint).toContain('HFC-134a');
  });

  it('characterises a custom per-gas factor gas by gas (AR6)', () => {
    const r = calculate({
      ...base,
      factors: [{ id: 'plant/boiler', unit: 'MJ', gases: { CO2: 0.0561, CH4: 1e-6, N2O: 1e-7 }, source: 'measured' }],
      inventory: [{ stage: 'manufacture', factor: 'plant/boiler', amount: '3.5 MJ' }],
    }, lib);
    // 3.5 × (0.0561 + 1e-6 × 27.9 + 1e-7 × 273) = 3.5 × 0.0561552 = 0.1965432
    expect(r.total.kgCO2e).toBe(0.1965432);
    expect(r.byGas.CH4).toEqual({ kg: 3.5e-6, kgCO2e: 9.765e-5 });
    expect(r.byGas.N2O).toEqual({ kg: 3.5e-7, kgCO2e: 9.555e-5 });
  });

  it('keeps a published CO2e total in its own basis and re-characterises its gas split in another', () => {
    const ar5 = calculate({ ...base, gwp: 'AR5', inventory: [{ stage: 'use', factor: 'fx/grid-uk', amount: '100 kWh' }] }, lib);
    expect(ar5.total.kgCO2e).toBe(17.7);
    const ar6 = calculate({ ...base, gwp: 'AR6', inventory: [{ stage: 'use', factor: 'fx/grid-uk', amount: '100 kWh' }] }, lib);
    // CO2 0.175 + CH4 0.0008/28×27.9 + N2O 0.0012/265×273, per kWh, × 100
    const expected = 100 * (0.175 + (0.0008 / 28) * 27.9 + (0.0012 / 265) * 273);
    expect(ar6.total.kgCO2e).toBeCloseTo(expected, 12);
  });

  it('uses a custom CO2e factor as given and warns when its basis differs', () => {
    const r = calculate({
      ...base,
      factors: [{ id: 'x/part', unit: 'kg', co2e: 3.2, gwp: 'AR5', source: 'EPD 123' }],
      inventory: [{ stage: 'manufacture', factor: 'x/part', amount: '2 kg' }],
    }, lib);
    expect(r.total.kgCO2e).toBe(6.4);
    expect(r.warnings.map((w) => w.code)).toContain('GWP_BASIS_MISMATCH');
  });
});

describe('aggregation', () => {
  const everyStage = {
    ...base,
    inventory: [
      { stage: 'design', factor: 'fx/grid-lca', amount: '10 kWh' },
      { stage: 'manufacture', factor: 'fx/steel', amount: '1.5 kg' },
      { stage: 'packaging', factor: 'fx/box', amount: 1 },
      { stage: 'transport', factor: 'fx/truck', amount: '2 kg * 500 km' },
      { stage: 'use', factor: 'fx/grid-lca', amount: '100 kWh' },
      { stage: 'endOfLife', factor: 'fx/landfill', amount: '1.5 kg' },
    ],
  };

  it('reports every stage, with the hand-computed value', () => {
    const r = calculate(everyStage, lib);
    expect(Object.fromEntries(Object.entries(r.byStage).map(([k, v]) => [k, v.kgCO2e]))).toEqual({
      design: 5, manufacture: 3, packaging: 0.3, transport: 0.1, use: 50, endOfLife: 0.75,
    });
    expect(r.total.kgCO2e).toBe(59.15);
  });

  it('makes the total exactly the sum of its shown parts', () => {
    const messy = { ...base, inventory: [1, 2, 3, 4, 5, 6, 7].map((i) => ({ stage: 'use', factor: 'fx/grid-lca', amount: `${0.1 * i} kWh` })) };
    const r = calculate(messy, lib);
    const sum = r.lines.reduce((s, l) => s.plus(l.kgCO2e), new Decimal(0));
    expect(sum.toNumber()).toBe(r.total.kgCO2e);
    expect(r.total.kgCO2e).toBe(1.4); // 2.8 kWh × 0.5
  });

  it('ranks hotspots by size', () => {
    const r = calculate(everyStage, lib);
    expect(r.hotspots.map((h) => h.path)).toEqual(['/inventory/4', '/inventory/0', '/inventory/1', '/inventory/5', '/inventory/2', '/inventory/3']);
    expect(r.hotspots[0]!.share).toBeCloseTo(50 / 59.15, 12);
  });

  it('names the datasets and the GWP set it used', () => {
    const r = calculate(everyStage, lib);
    expect(r.gwp).toBe('AR6');
    expect(r.datasets.map((d) => d.id)).toEqual(['fx', 'gwp-fx']);
    expect(r.lines[0]!.source.citation).toContain('fixture');
  });
});

describe('input errors', () => {
  it('rejects an unknown stage with the list of stages', () => {
    const found = issues({ ...base, inventory: [{ stage: 'usage', factor: 'fx/steel', amount: '1 kg' }] });
    expect(found[0]).toMatchObject({ code: 'UNKNOWN_STAGE', path: '/inventory/0/stage' });
    expect(found[0]!.hint).toContain('endOfLife');
  });

  it('reports every one of 500 unknown factors, with a did-you-mean for the first MAX_SUGGESTIONS only (each search scans every id)', () => {
    const inventory = Array.from({ length: 500 }, (_, i) => ({ stage: 'use', factor: `fx/steal-${i}`, amount: '1 kg' }));
    const found = issues({ ...base, inventory });
    expect(found).toHaveLength(500);
    expect(found[0]!.hint).toMatch(/^did you mean "fx\/steel"/);
    expect(found.slice(MAX_SUGGESTIONS).filter((i) => i.hint?.startsWith('did you mean'))).toEqual([]);
    expect(found[499]!.hint).toMatch(/greenlca factors search/);
  });

  it('rejects an unknown factor with close matches', () => {
    const found = issues({ ...base, inventory: [{ stage: 'use', factor: 'fx/steal', amount: '1 kg' }] });
    expect(found[0]).toMatchObject({ code: 'UNKNOWN_FACTOR', path: '/inventory/0/factor' });
    expect(found[0]!.hint).toContain('fx/steel');
  });

  it('rejects a line with both factor and substance', () => {
    const found = issues({ ...base, inventory: [{ stage: 'use', factor: 'fx/steel', substance: 'CO2', amount: '1 kg' }] });
    expect(found[0]!.code).toBe('FACTOR_OR_SUBSTANCE');
  });

  it('reports every problem at once', () => {
    const found = issues({
      ...base,
      inventory: [
        { stage: 'use', factor: 'fx/nope', amount: '1 kg' },
        { stage: 'use', factor: 'fx/grid-lca', amount: '1 kg' },
      ],
    });
    expect(found.map((i) => i.code)).toEqual(['UNKNOWN_FACTOR', 'UNIT_MISMATCH']);
  });

  it('rejects a document that is not a product', () => {
    const found = issues({ name: 'x' });
    expect(found.map((i) => i.path)).toEqual(expect.arrayContaining(['/schemaVersion', '/id', '/functionalUnit']));
  });
});

describe('warnings', () => {
  it('flags a CO2-only grid factor, a factor from another region, an old factor and missing end of life', () => {
    const r = calculate({
      ...base, region: 'CN', year: 2025,
      inventory: [
        { stage: 'use', factor: 'fx/grid-co2only', amount: '1 kWh' },
        { stage: 'use', factor: 'fx/grid-uk', amount: '1 kWh' },
        { stage: 'use', factor: 'fx/old-fuel', amount: '1 L' },
      ],
      components: [{ id: 'case', material: 'fx/steel', mass: '1 kg' }],
    }, lib);
    const codes = r.warnings.map((w) => `${w.code} ${w.path}`);
    expect(codes).toEqual(expect.arrayContaining([
      'CO2_ONLY_FACTOR /inventory/0',
      'FACTOR_REGION_MISMATCH /inventory/1',
      'FACTOR_YEAR_DISTANT /inventory/2',
      'EOL_NOT_MODELLED /components/0',
    ]));
    expect(codes.some((c) => c.startsWith('FACTOR_REGION_MISMATCH /inventory/0'))).toBe(false);
  });

  it('flags unknown fields with a suggestion instead of dropping them silently', () => {
    const r = calculate({ ...base, compnents: [], inventory: [{ stage: 'use', factor: 'fx/grid-lca', amount: '1 kWh' }] }, lib);
    expect(r.warnings[0]).toMatchObject({ code: 'UNKNOWN_FIELD', path: '/compnents', hint: 'did you mean "components"?' });
  });
});

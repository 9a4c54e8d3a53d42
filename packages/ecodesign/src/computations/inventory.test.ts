import { readFileSync } from 'node:fs';
import { createLibrary } from '@greenlca/engine';
import type { FactorDataset, SubstanceDataset } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate.js';
import type { IndicatorResult, ProductEvaluation } from '../result.js';
import { bundledInventoryIndicatorSets, bundledSpecification } from '../spec/bundled.js';
import { checkInventoryIndicatorSet } from '../spec/inventory-indicators.js';
import type { ProductSpecification } from '../spec/schema.js';

/**
 * A hand-worked product against the shipped factor files: the numbers below are read from
 * datasets/factors/*.json (checked by the first test, so a rebuilt dataset shows up here), and every
 * expected value is worked by hand from them, not by the engine.
 *
 *   body   2 kg   uslci-fy17/steel-stainless-304-flat-rolled-coil, recycledContent 0.25 declared
 *   lid    0.5 kg desnz-2025/material-metal-aluminium-cans-and-foil-excl-forming-closed-loop-source (recycled by its name)
 *   box    0.2 kg desnz-2025/material-paper-and-board-board-primary, packaging stage
 *   use          100 kWh uslci-fy17/electricity-at-grid-us-2010
 *   manufacture   10 kWh desnz-2025/fuel-natural-gas-kwh-gross-cv
 *
 *   energy        100 + 10 = 110 kWh; manufacture only 10 kWh
 *   recycled      (2 × 0.25 + 0.5 × 1) / (2 + 0.5) = 1 / 2.5 = 0.4 = 40 %   (the box is packaging: left out)
 *   material use  2 + 0.5 = 2.5 kg
 *   SO2 to air    2 × 0.0394115 + 100 × 0.00310829 = 0.078823 + 0.310829 = 0.389652 kg, a lower bound: the DESNZ
 *                 lines (lid, box, natural gas) carry greenhouse gases or CO2e only
 *   NOx (as NO2)  2 × (0.0182507 + 5.1258e-6 + 2.26163e-5 × 46.005/30.006) + 100 × 0.0015209
 */
const root = new URL('../../../../datasets/', import.meta.url);
const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));
const uslci = readJson('factors/uslci-fy17.json') as FactorDataset;
const desnz = readJson('factors/desnz-2025.json') as FactorDataset;
const library = createLibrary([uslci, desnz], readJson('substances/ipcc-gwp.json') as SubstanceDataset);

const STEEL_SO2 = 0.0394115;
const STEEL_NOX = 0.0182507;
const STEEL_NO2 = 5.1258e-6;
const STEEL_NO = 2.26163e-5;
const GRID_SO2 = 0.00310829;
const GRID_NOX = 0.0015209;

const product = (extra: Record<string, unknown> = {}) => ({
  schemaVersion: 1, id: 'hand-worked', name: 'Hand-worked product', functionalUnit: { amount: 1, unit: 'item' },
  components: [
    { id: 'body', material: 'uslci-fy17/steel-stainless-304-flat-rolled-coil', mass: '2 kg', recycledContent: 0.25 },
    { id: 'lid', material: 'desnz-2025/material-metal-aluminium-cans-and-foil-excl-forming-closed-loop-source', mass: '0.5 kg' },
    { id: 'box', material: 'desnz-2025/material-paper-and-board-board-primary', mass: '0.2 kg', stage: 'packaging' },
  ],
  inventory: [
    { stage: 'use', factor: 'uslci-fy17/electricity-at-grid-us-2010', amount: '100 kWh' },
    { stage: 'manufacture', factor: 'desnz-2025/fuel-natural-gas-kwh-gross-cv', amount: '10 kWh' },
  ],
  ...extra,
});

const ex = { status: 'example' as const, sources: ['TEST'] };
function spec(): ProductSpecification {
  const computed = (id: string, attribute: 'energy' | 'resource' | 'environment', unit: string, comparator: '<=' | '>=', benchmark: number | null, compute: string, parameters: Record<string, unknown> = {}) => ({
    id, attribute, name: { zh: id, en: id }, unit, comparator, benchmark, basis: null, stage: 'lifeCycle' as const, source: 'computed' as const,
    method: { compute, parameters }, clause: null, provenance: ex,
  });
  return {
    schemaVersion: 1, id: 'hand-worked-spec', kind: 'product', family: 'green-design',
    title: { zh: '手算', en: 'Hand-worked' }, standard: { number: 'T/EXAMPLE 2-2025', year: 2025, title: { zh: '示例', en: 'Example' }, provenance: ex },
    status: 'complete', references: { TEST: { title: 'Made-up benchmarks for tests' } }, provenance: ex,
    requirements: [], requirementsTable: { isComplete: true, clause: null },
    indicators: [
      computed('energy', 'energy', 'kWh', '<=', 120, 'inventoryIndicator', { indicator: 'energy-total' }),
      computed('production-energy', 'energy', 'MJ', '<=', null, 'energyPerUnit', { stages: ['manufacture'] }),
      computed('recycled', 'resource', '%', '>=', 30, 'recycledContentShare'),
      computed('materials', 'resource', 'kg', '<=', null, 'inventoryIndicator', { indicator: 'material-use' }),
      computed('so2', 'environment', 'g', '<=', 300, 'inventoryIndicator', { indicator: 'so2-to-air' }),
      computed('nox', 'environment', 'kg', '<=', null, 'inventoryIndicator', { indicator: 'nox-to-air' }),
      computed('cod', 'environment', 'kg', '<=', 1, 'inventoryIndicator', { indicator: 'cod-to-water' }),
    ],
    indicatorsTable: { isComplete: true, clause: null },
    lcaReport: { isRequired: false, clause: null, provenance: ex },
    verdictRule: { text: { zh: '全部满足', en: 'All met' }, clause: null, provenance: ex },
  };
}

function run(request: Record<string, unknown>): ProductEvaluation {
  const r = evaluate(request, { spec: spec(), library });
  if (r.kind !== 'product') throw new Error('product expected');
  return r;
}
const find = (r: ProductEvaluation, id: string): IndicatorResult => r.indicators.find((i) => i.id === id)!;

describe('indicators from the inventories, worked by hand', () => {
  it('reads its constants from the factor files', () => {
    const flows = (ds: FactorDataset, id: string) => ds.factors.find((f) => f.id === id)!.flows as Record<string, number>;
    const steel = flows(uslci, 'steel-stainless-304-flat-rolled-coil');
    expect([steel['air/unspecified/sulfur-dioxide'], steel['air/unspecified/nitrogen-oxides'], steel['air/unspecified/nitrogen-dioxide'], steel['air/unspecified/nitrogen-monoxide']])
      .toEqual([STEEL_SO2, STEEL_NOX, STEEL_NO2, STEEL_NO]);
    const grid = flows(uslci, 'electricity-at-grid-us-2010');
    expect([grid['air/unspecified/sulfur-dioxide'], grid['air/unspecified/nitrogen-oxides']]).toEqual([GRID_SO2, GRID_NOX]);
    // Neither DESNZ factor carries flows: their SO2 is unknown, which makes the sum a lower bound.
    expect(desnz.factors.find((f) => f.id === 'fuel-natural-gas-kwh-gross-cv')!.flows).toBeUndefined();
    expect(desnz.factors.find((f) => f.id === 'material-metal-aluminium-cans-and-foil-excl-forming-closed-loop-source')!.flows).toBeUndefined();
  });

  it('energy: 100 + 10 = 110 kWh ≤ 120 passes; manufacture 10 kWh = 36 MJ; each traced to its line', () => {
    const r = run({ product: product() });
    const energy = find(r, 'energy');
    expect(energy.value).toMatchObject({ value: 110, origin: 'computed' });
    expect(energy.verdict).toBe('pass');
    expect(energy.computation!.breakdown.map((b) => [b.item, b.values.kWh, b.lines])).toEqual(expect.arrayContaining([
      ['uslci-fy17/electricity-at-grid-us-2010', 100, ['/inventory/0']],
      ['desnz-2025/fuel-natural-gas-kwh-gross-cv', 10, ['/inventory/1']],
    ]));
    expect(find(r, 'production-energy').value.value).toBe(36);
  });

  it('recycled share: (2 × 0.25 + 0.5) / 2.5 = 40 %, from the declaration and from the factor, packaging left out', () => {
    const r = run({ product: product() });
    const rec = find(r, 'recycled');
    expect(rec.value).toMatchObject({ value: 40, origin: 'computed' });
    expect(rec.value.bound).toBeUndefined();
    expect(rec.verdict).toBe('pass');
    expect(rec.computation!.breakdown.map((b) => [b.item, b.values.massKg, b.values.recycledKg, b.lines])).toEqual([
      ['body', 2, 0.5, ['/components/0']],
      ['lid', 0.5, 0.5, ['/components/1']],
    ]);
    expect(find(r, 'materials').value.value).toBe(2.5);
  });

  it('SO2: 0.389652 kg = 389.652 g, a lower bound above ≤ 300 g, so it fails; the lines without flows are named', () => {
    const r = run({ product: product() });
    const so2 = find(r, 'so2');
    expect(so2.value).toMatchObject({ value: 389.652, bound: 'lower', origin: 'computed' });
    expect(so2.verdict).toBe('fail');
    expect(so2.computation!.breakdown).toEqual([
      expect.objectContaining({ item: 'air/unspecified/sulfur-dioxide', values: { kg: 0.389652 }, lines: ['/components/0', '/inventory/0'] }),
    ]);
    expect(so2.computation!.notes[0]!.en).toMatch(/3 line\(s\).*\/components\/1, \/components\/2, \/inventory\/1/);
  });

  it('SO2 is exact when every line has an elementary-flow inventory', () => {
    const r = run({ product: product({ components: [product().components[0]], inventory: [product().inventory[0]] }) });
    expect(find(r, 'so2').value).toEqual({ value: 389.652, display: { zh: '389.652 g', en: '389.652 g' }, origin: 'computed', per: '1 item' });
  });

  it('NOx as NO2 with the NO conversion of the mapping file (46.005/30.006 = 1.53319)', () => {
    const expected = 2 * (STEEL_NOX + STEEL_NO2 + STEEL_NO * 1.53319) + 100 * GRID_NOX;
    const nox = find(run({ product: product() }), 'nox');
    expect(nox.value.value).toBeCloseTo(expected, 12);
    expect(nox.computation!.breakdown.find((b) => b.item === 'air/unspecified/nitrogen-monoxide')!.values).toMatchObject({ factor: 1.53319 });
  });

  it('COD is not computable, says why, and a declared value with evidence is used instead', () => {
    const bare = find(run({ product: product() }), 'cod');
    expect(bare.computed).toMatchObject({ value: null, display: { en: 'not computable' } });
    expect(bare.computed!.notComputable!.en).toMatch(/no COD flow/);
    expect(bare.verdict).toBe('incomplete');
    const declared = find(run({ product: product(), declarations: { indicators: { cod: { value: 0.2, evidence: 'test report W-1' } } } }), 'cod');
    expect(declared.value).toMatchObject({ value: 0.2, origin: 'declared' });
    expect(declared.verdict).toBe('pass');
  });

  it('shows a declared value beside the computed one: 112 kWh agrees with 110 (1.8 %); 200 g of SO2 below the 389.652 g bound disagrees and withholds the verdict', () => {
    const r = run({ product: product(), declarations: { indicators: {
      energy: { value: 112, evidence: 'meter log' }, so2: { value: 0.2, unit: 'kg', evidence: 'stack test' },
    } } });
    expect(find(r, 'energy').comparison).toMatchObject({ agrees: true, difference: 0.0181818181818 });
    const so2 = find(r, 'so2');
    expect(so2.declared).toEqual({ value: 200, display: { zh: '200 g', en: '200 g' }, given: { value: 0.2, unit: 'kg' } });
    expect(so2.comparison).toMatchObject({ agrees: false });
    expect(so2.verdict).toBe('incomplete');
    expect(r.reasons).toContainEqual(expect.objectContaining({ code: 'VALUES_DISAGREE', subject: 'so2' }));
  });
});

describe('the inventory-indicator mapping files', () => {
  it('ships a valid mapping whose every computable indicator names a match rule, and whose gaps say why', () => {
    for (const set of bundledInventoryIndicatorSets()) {
      for (const ind of set.indicators) expect(Boolean(ind.gap) !== Boolean(ind.match), ind.id).toBe(true);
    }
    // The generic framework names only indicators the mapping has (checked on load).
    expect(bundledSpecification('gb-t-32161-2015')).toBeDefined();
  });

  it('refuses a mapping without a match rule or gap, a conversion without its derivation, and unknown sources', () => {
    const bad = structuredClone(bundledInventoryIndicatorSets()[0]!) as unknown as Record<string, any>;
    delete bad.indicators[0].match;
    bad.indicators[7].match.substances[2].factorNote = undefined;
    delete bad.indicators[7].match.substances[2].factorNote;
    bad.indicators[1].provenance.sources = ['P11'];
    const checked = checkInventoryIndicatorSet(bad);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map((i) => [i.code, i.path])).toEqual(expect.arrayContaining([
      ['SPEC_METHOD', '/indicators/0/match'],
      ['SPEC_UNCITED_VALUE', '/indicators/7/match/substances/2/factor'],
      ['SPEC_UNKNOWN_REFERENCE', '/indicators/1/provenance/sources/0'],
    ]));
  });

  it('refuses a specification naming an inventory indicator that does not exist, with a did-you-mean', () => {
    const s = spec();
    s.indicators[4]!.method!.parameters = { indicator: 'so2-to-ari' };
    expect(() => evaluate({ product: product() }, { spec: s as unknown as Record<string, unknown>, library }))
      .toThrow(/no inventory indicator "so2-to-ari" \(did you mean "so2-to-air"\?\)/);
  });
});

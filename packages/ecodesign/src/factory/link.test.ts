import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate.js';
import { EvaluationResult, type FactoryEvaluation, type FactoryItemResult } from '../result.js';

/**
 * GB/T 36132-2018 (bundled): the 产品 items follow from the factory's products' evaluations and
 * footprints, the 温室气体排放 items from its greenhouse-gas inventory, when the request declares none.
 *
 * Inventory, worked by hand:
 *   natural gas  1 000 m³     × 2.1622 kgCO2e/m³  =  2 162.2 kgCO2e  (scope 1)
 *   diesel         200 L      × 2.68   kgCO2e/L   =    536   kgCO2e  (scope 1)   → scope 1 = 2 698.2
 *   electricity 50 000 kWh    × 0.5306 kgCO2/kWh  = 26 530   kgCO2e  (scope 2)
 *   total = 2 698.2 + 26 530 = 29 228.2 kgCO2e
 * (0.5306 is the MEE/NBS 2023 national average; the fuel factors are a test's, cited as such.)
 */
const inventory = {
  period: '2025', standard: 'GB/T 32150-2015',
  lines: [
    { source: 'natural gas, boilers', scope: 1, amount: 1000, unit: 'm3', factor: { kgCO2ePerUnit: 2.1622, source: 'test factor' } },
    { source: 'diesel, forklifts', scope: 1, amount: 200, unit: 'L', factor: { kgCO2ePerUnit: 2.68, source: 'test factor' } },
    { source: 'purchased electricity', scope: 2, amount: 50000, unit: 'kWh', factor: { kgCO2ePerUnit: 0.5306, source: 'MEE/NBS 公告2025年第47号' } },
  ],
  evidence: 'GHG report 2025-07',
};

function run(factory: Record<string, unknown>, declarations?: Record<string, unknown>): FactoryEvaluation {
  const r = evaluate({ factory: { name: 'Works', ...factory }, ...(declarations ? { declarations } : {}) }, { spec: 'gb-t-36132-2018' });
  if (r.kind !== 'factory') throw new Error('factory expected');
  expect(Value.Check(EvaluationResult, r)).toBe(true);
  return r;
}
const item = (r: FactoryEvaluation, id: string): FactoryItemResult => r.dimensions.flatMap((d) => d.items).find((i) => i.id === id)!;

describe('factory items linked to the products and the inventory', () => {
  it('sums the inventory by scope and meets the accounting item with it as evidence; unverified, the verification item is not met', () => {
    const r = run({ ghgInventory: inventory });
    expect(r.subject.ghgInventory).toEqual({ period: '2025', standard: 'GB/T 32150-2015', scope1KgCO2e: 2698.2, scope2KgCO2e: 26530, totalKgCO2e: 29228.2, lines: 3, evidence: 'GHG report 2025-07' });
    expect(item(r, 'ghg-inventory')).toMatchObject({ verdict: 'pass', value: { value: true, origin: 'linked' }, indicator: 'ghg-emissions' });
    expect(item(r, 'ghg-inventory').evidence[0]).toContain('29228.2');
    expect(item(r, 'ghg-verified')).toMatchObject({ verdict: 'fail', value: { value: false, origin: 'linked' } });
    const verified = run({ ghgInventory: { ...inventory, verification: 'CQC verification 2025-118' } });
    expect(item(verified, 'ghg-verified')).toMatchObject({ verdict: 'pass', evidence: ['CQC verification 2025-118'] });
  });

  it('without an inventory or products the linked items are incomplete, saying what to give', () => {
    const r = run({});
    expect(item(r, 'ghg-inventory')).toMatchObject({ verdict: 'incomplete', value: { origin: 'none' } });
    expect(item(r, 'ghg-inventory').reason!.en).toContain('factory.ghgInventory');
    expect(item(r, 'products-footprinted').reason!.en).toContain('factory.products');
  });

  it('reads each product: evaluated, passing, footprinted — with one evidence line per product', () => {
    const products = [
      { id: 'ac-1', name: 'Room AC', evaluation: { spec: 't-cagp-0001-2016', verdict: 'pass', reference: 'SE-2025-01' }, footprint: { kgCO2e: 1234.5, per: '1 unit, 10 years', standard: 'GB/T 24067-2024' } },
      { id: 'ac-2', name: 'Portable AC', evaluation: { spec: 't-cagp-0001-2016', verdict: 'incomplete' } },
    ];
    const r = run({ products });
    expect(item(r, 'products-ecodesign-evaluated')).toMatchObject({ verdict: 'pass', evidence: ['Room AC: t-cagp-0001-2016 pass, SE-2025-01', 'Portable AC: t-cagp-0001-2016 incomplete'] });
    // One evaluation is incomplete: not a pass, and not a fail either.
    expect(item(r, 'products-green-design')).toMatchObject({ verdict: 'incomplete', value: { value: null } });
    // The second product has no footprint: the item is not met; the evidence lists the one that has.
    expect(item(r, 'products-footprinted')).toMatchObject({ verdict: 'fail', evidence: ['Room AC: 1234.5 kgCO2e / 1 unit, 10 years (GB/T 24067-2024)'] });
    const failing = run({ products: [{ ...products[0]!, evaluation: { spec: 't-cagp-0001-2016', verdict: 'fail' } }] });
    expect(item(failing, 'products-green-design').verdict).toBe('fail');
  });

  it('a declaration takes precedence over the link', () => {
    const r = run({}, { indicators: { 'ghg-inventory': { value: true, evidence: 'Inventory held by the group' } } });
    expect(item(r, 'ghg-inventory')).toMatchObject({ verdict: 'pass', value: { origin: 'declared' }, evidence: ['Inventory held by the group'] });
  });

  it('groups items under their second-level indicator: 必选 items decide, an empty one is incomplete', () => {
    const r = run({ ghgInventory: inventory }, { indicators: { lighting: { value: true, evidence: 'Lighting audit' }, 'natural-light': { value: false } } });
    const infra = r.dimensions.find((d) => d.id === 'infrastructure')!;
    expect(infra.indicators!.map((i) => [i.id, i.items.length])).toEqual([['building', 6], ['metering', 1], ['lighting', 2]]);
    // lighting: the 必选 item passes with evidence; the optional natural-light item not met fails nothing.
    expect(infra.indicators!.find((i) => i.id === 'lighting')!.verdict).toBe('pass');
    const ghg = r.dimensions.find((d) => d.id === 'environmental-emissions')!.indicators!.find((i) => i.id === 'ghg-emissions')!;
    expect(ghg.verdict).toBe('pass');
  });
});

/**
 * The model's exact sums (scaled BigInts) where they are hardest: amounts across twenty decades,
 * negative amounts, a factor whose per-unit values have 40 digits, and edits that cancel a row group,
 * a category's stage or an inventory entry to exactly zero. After every edit the totals, the origin
 * split, every category (total and stages) and the inventories equal calculate()'s, the same doubles.
 */
import { bundledFactorDatasets, bundledLcia, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary, parseProduct, type Lcia } from '@greenlca/engine';
import type { InventoryLine, Product } from '@greenlca/schema';
import { buildModel, modelImpacts, modelInventory, modelTotals, updateModel, type WhatIfModel } from '@greenlca/whatif';
import { beforeAll, describe, expect, it } from 'vitest';
import { kgWithFlows } from './edits.js';

const library = createLibrary(bundledFactorDatasets, bundledSubstances);
let lcia: Lcia;
beforeAll(async () => {
  lcia = await bundledLcia(['EF 3.1', 'TRACI 2.2', 'AR6']);
}, 120_000);

const grid = 'cn-mee/electricity-footprint-national-2024';
/** Its category values per unit have 40 digits (0.1761468301886792452830188679245283018868 …). */
const ukGrid = 'desnz-2025/electricity-uk';
const freight = 'desnz-2025/freight-hgv-all-diesel-all-hgvs-average-laden-tkm';

function product(inventory: InventoryLine[]): Product {
  return parseProduct({ schemaVersion: 1, id: 'exact', name: 'Exact sums', functionalUnit: { amount: 1, unit: 'item' }, inventory });
}

function expectEngine(model: WhatIfModel): void {
  const engine = calculate(model.product, library, { lcia });
  const t = modelTotals(model);
  expect(t.total).toEqual({
    kgCO2e: engine.total.kgCO2e, fossilKgCO2e: engine.total.fossilKgCO2e, biogenicKgCO2e: engine.total.biogenicKgCO2e, notSplitKgCO2e: engine.total.notSplitKgCO2e,
  });
  expect(modelImpacts(model)).toEqual(engine.impacts!.map((m) => ({ method: m.method.id, categories: m.categories.map((c) => ({ id: c.id, total: c.total, byStage: c.byStage })) })));
  const inv = modelInventory(model)!;
  const shown = <T extends object>(list: readonly T[]) => list
    .filter((e) => (e as { amount: number }).amount !== 0 || Object.keys((e as { byStage: object }).byStage).length > 0)
    .map((e) => {
      const { byComponent: _c, lines: _l, ...rest } = e as T & { byComponent?: unknown; lines?: unknown };
      return rest;
    });
  const e = engine.inventory!;
  expect({ materials: inv.materials, energy: inv.energy, emissions: inv.emissions, totals: inv.totals })
    .toEqual({ materials: shown(e.materials), energy: shown(e.energy), emissions: shown(e.emissions), totals: e.totals });
}

describe('what-if model: exact sums', () => {
  it('follow calculate() across decades, negative amounts and cancellations to zero', () => {
    const uslci = kgWithFlows[0]!;
    let model = buildModel(product([
      { stage: 'manufacture', factor: grid, amount: '3e9 kWh' },
      { stage: 'use', factor: grid, amount: '1e-12 kWh' },
      { stage: 'use', factor: grid, amount: '-2.5 kWh' },
      { stage: 'manufacture', factor: ukGrid, amount: '0.000123 kWh' },
      { stage: 'transport', factor: freight, amount: '12345678.9 kg * 0.0000001 km' },
    ]), library, { lcia, inventory: true });
    expectEngine(model);
    const lines = () => model.product.inventory!;
    const set = (i: number, amount: string) => {
      const inventory = lines().slice();
      inventory[i] = { ...inventory[i]!, amount };
      return { ...model.product, inventory };
    };
    const steps: (() => Product)[] = [
      // A material with a full flow inventory, then its exact opposite: its categories and entries cancel to zero.
      () => ({ ...model.product, inventory: [...lines(), { stage: 'manufacture', factor: uslci, amount: '7000000.000001 kg' }] }),
      () => ({ ...model.product, inventory: [...lines(), { stage: 'manufacture', factor: uslci, amount: '-7000000.000001 kg' }] }),
      () => set(0, '-3e9 kWh'), // across zero, twenty decades above the use lines
      () => set(1, '0 kWh'),
      () => set(2, '2.5 kWh'), // the use stage back to zero, exactly
      () => set(3, '123456789.123456789 kWh'), // 40-digit per-unit values times an 18-digit amount
      () => set(3, '0.000123 kWh'),
      () => ({ ...model.product, gwp: 'AR5' }), // every sum re-made from the group amounts
      () => ({ ...model.product, inventory: lines().slice(0, 1) }), // rows taken away: most categories back to 0
      () => ({ ...model.product, inventory: [...lines(), { stage: 'manufacture', factor: grid, amount: '3e9 kWh' }] }), // all cancels
    ];
    for (const step of steps) {
      model = updateModel(model, step());
      expectEngine(model);
    }
    // The last edit cancelled everything: every category and total is exactly zero, and no stage is listed.
    expect(modelImpacts(model).flatMap((m) => m.categories).every((c) => c.total === 0 && Object.keys(c.byStage).length === 0)).toBe(true);
    expect(modelTotals(model).total.kgCO2e).toBe(0);
  });

  it('cancel a category stage to exactly zero and list it again when it comes back', () => {
    let model = buildModel(product([{ stage: 'use', factor: ukGrid, amount: '1.5 kWh' }]), library, { lcia, inventory: true });
    const withUse = modelImpacts(model).flatMap((m) => m.categories).filter((c) => c.byStage.use !== undefined);
    expect(withUse.length).toBeGreaterThan(0);
    model = updateModel(model, { ...model.product, inventory: [...model.product.inventory!, { stage: 'use', factor: ukGrid, amount: '-1.5 kWh' }] });
    expectEngine(model);
    expect(modelImpacts(model).flatMap((m) => m.categories).some((c) => c.byStage.use !== undefined)).toBe(false);
    model = updateModel(model, { ...model.product, inventory: model.product.inventory!.slice(0, 1) });
    expectEngine(model);
    expect(modelImpacts(model).flatMap((m) => m.categories).filter((c) => c.byStage.use !== undefined)).toEqual(withUse);
  });
});

/**
 * The what-if model's inventories against a full recalculation: after every edit of a random
 * sequence (line amounts, USLCI materials with full flow inventories, a direct emission, component
 * masses and quantities, end-of-life shares, a parameter, removed lines and components, the GWP
 * set), each material, energy, emission and end-of-life entry's amount, stages and MJ, and the
 * totals, equal `calculate(product, library)`'s inventory exactly (the same doubles).
 */
import { bundledFactorDatasets, bundledLcia, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary, parseProduct, withFlows, type FactorLibrary, type Lcia } from '@greenlca/engine';
import type { Product } from '@greenlca/schema';
import { xoshiro128 } from '@greenlca/sparse';
import { buildModel, modelImpacts, modelInventory, updateModel, type ModelInventory, type WhatIfModel } from '@greenlca/whatif';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { edit, kgWithFlows } from './edits.js';

const library = createLibrary(bundledFactorDatasets, bundledSubstances);
let lcia: Lcia;
beforeAll(async () => {
  lcia = await bundledLcia(['EF 3.1', 'TRACI 2.2', 'AR6']);
}, 120_000);

const kettle = () => parseProduct(JSON.parse(readFileSync(new URL('../../examples/electric-kettle.json', import.meta.url), 'utf8')));

/** Entries without their components and lines, those with nothing left out, keyed so the order of equal keys does not matter. */
function comparable(inv: ModelInventory | NonNullable<ReturnType<typeof calculate>['inventory']>) {
  const strip = <T extends object>(list: readonly T[], key: (e: T) => string) => Object.fromEntries(list
    .filter((e) => (e as { amount: number }).amount !== 0 || Object.keys((e as { byStage: object }).byStage).length > 0)
    .map((e) => {
      const { byComponent: _c, lines: _l, ...rest } = e as T & { byComponent?: unknown; lines?: unknown };
      return [key(e), rest];
    }));
  return {
    materials: strip(inv.materials, (e) => `${e.factor}|${e.class}`),
    endOfLife: strip(inv.endOfLife, (e) => `${e.route}|${e.withFactor}`),
    energy: strip(inv.energy, (e) => `${e.factor}|${e.unit}`),
    emissions: strip(inv.emissions, (e) => `${e.flow ?? e.substance}|${e.origin ?? ''}`),
    totals: inv.totals,
  };
}

function expectEngine(model: WhatIfModel, withLcia: boolean): void {
  const engine = calculate(model.product, model.library, withLcia ? { lcia } : {});
  expect(comparable(modelInventory(model)!)).toEqual(comparable(engine.inventory!));
  if (withLcia) expect(modelImpacts(model).map((m) => m.categories.map((c) => c.total))).toEqual(engine.impacts!.map((m) => m.categories.map((c) => c.total)));
}

describe('what-if model: inventories', () => {
  it('are calculate()\'s for the example kettle, by hand: 0.45 kg PP body; 0.688 kg recycled', () => {
    const model = buildModel(kettle(), library, { inventory: true });
    const inv = modelInventory(model)!;
    expect(inv.materials.find((m) => m.factor === 'desnz-2025/material-plastics-pp-incl-forming-primary')?.amount).toBe(0.45);
    // body 0.45 × 0.3 + plate 0.25 × 0.9 + controls 0.08 × 0.6 + carton 0.35 × 0.8 = 0.135 + 0.225 + 0.048 + 0.28
    expect(inv.endOfLife.find((e) => e.route === 'recycling')?.amount).toBe(0.688);
    expectEngine(model, false);
    expect(modelInventory(buildModel(kettle(), library))).toBeUndefined();
  });

  it('stay equal to a full recalculation after each of 75 random edits (with and without impact methods)', () => {
    for (const seed of [1, 2, 3]) {
      const rng = xoshiro128(seed);
      const next = () => rng.next();
      const withLcia = seed !== 2;
      // Without methods, the flow list comes with the library (direct emissions name elementary flows).
      const lib: FactorLibrary = withLcia ? library : withFlows(library, lcia.index);
      let model = buildModel(kettle(), lib, { inventory: true, ...(withLcia ? { lcia } : {}) });
      for (let k = 0; k < 25; k++) {
        model = updateModel(model, edit(model.product, next, Math.floor(next() * 10)));
        expectEngine(model, withLcia);
      }
    }
  });

  it('move by hand-checkable amounts: 2 kg more of a USLCI material adds 2 kg of it and 2 × its per-kg emissions', () => {
    const base = buildModel(kettle(), library, { inventory: true });
    const id = kgWithFlows[0]!;
    const line = (amount: string): Product => ({ ...base.product, inventory: [...base.product.inventory!, { stage: 'manufacture', factor: id, amount }] });
    const one = updateModel(base, line('1 kg'));
    const three = updateModel(one, line('3 kg'));
    const mass = (m: WhatIfModel) => modelInventory(m)!.materials.find((e) => e.factor === id)?.amount ?? 0;
    expect([mass(base), mass(one), mass(three)]).toEqual([0, 1, 3]);
    const emission = (m: WhatIfModel) => Object.fromEntries(modelInventory(m)!.emissions.map((e) => [`${e.flow ?? e.substance}|${e.origin ?? ''}`, e.amount]));
    const [b, o, t] = [emission(base), emission(one), emission(three)];
    const keys = Object.keys(t).filter((k) => t[k] !== b[k]);
    expect(keys.length).toBeGreaterThan(1);
    for (const k of keys) expect(t[k]! - (o[k] ?? 0)).toBeCloseTo(2 * ((o[k] ?? 0) - (b[k] ?? 0)), 9);
  });
});

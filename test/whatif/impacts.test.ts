/**
 * The what-if model's impact categories against a full recalculation: after every edit of a random
 * sequence (line amounts, a line's factor swapped for a USLCI one with a full flow inventory, a
 * direct emission, component masses, a parameter, a removed line, the GWP set), each category's
 * total and stages equal `calculate(product, library, { lcia })`'s exactly (the same doubles).
 */
import { bundledFactorDatasets, bundledLcia, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary, parseProduct, type Lcia } from '@greenlca/engine';
import type { Product } from '@greenlca/schema';
import { buildModel, modelImpacts, modelTotals, updateModel, type WhatIfModel } from '@greenlca/whatif';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { xoshiro128 } from '@greenlca/sparse';
import { edit, kgWithFlows } from './edits.js';

const library = createLibrary(bundledFactorDatasets, bundledSubstances);
let lcia: Lcia;
beforeAll(async () => {
  lcia = await bundledLcia(['EF 3.1', 'TRACI 2.2', 'AR6']);
}, 120_000); // the flow list and three method files are read and indexed once

const kettle = () => parseProduct(JSON.parse(readFileSync(new URL('../../examples/electric-kettle.json', import.meta.url), 'utf8')));

/** The project's seeded generator (xoshiro128**), so a failure can be reproduced. */
function random(seed: number): () => number {
  const rng = xoshiro128(seed);
  return () => rng.next();
}

/** calculate()'s categories as the model shows them: total and the stages it lists. */
function fromEngine(product: Product) {
  const r = calculate(product, library, { lcia });
  return {
    total: r.total.kgCO2e,
    origin: { fossil: r.total.fossilKgCO2e, biogenic: r.total.biogenicKgCO2e, notSplit: r.total.notSplitKgCO2e },
    impacts: r.impacts!.map((m) => ({ method: m.method.id, categories: m.categories.map((c) => ({ id: c.id, total: c.total, byStage: c.byStage })) })),
  };
}

function expectEngine(model: WhatIfModel): void {
  const engine = fromEngine(model.product);
  const totals = modelTotals(model).total;
  expect(totals.kgCO2e).toBe(engine.total);
  // The engine's origin split follows every edit too (fossil, biogenic, not split by origin).
  expect({ fossil: totals.fossilKgCO2e, biogenic: totals.biogenicKgCO2e, notSplit: totals.notSplitKgCO2e }).toEqual(engine.origin);
  expect(modelImpacts(model)).toEqual(engine.impacts);
}

describe('what-if model: impact categories', () => {
  it('are calculate()\'s categories for the example kettle (27 categories, three methods)', () => {
    const model = buildModel(kettle(), library, { lcia });
    expect(modelImpacts(model).flatMap((m) => m.categories)).toHaveLength(lcia.methods.reduce((n, m) => n + m.categories.length, 0));
    expectEngine(model);
  });

  it('stay equal to a full recalculation after each of 60 random edits', () => {
    for (const seed of [1, 2, 3]) {
      const next = random(seed);
      let model = buildModel(kettle(), library, { lcia });
      for (let k = 0; k < 20; k++) {
        model = updateModel(model, edit(model.product, next, Math.floor(next() * 7)));
        expectEngine(model);
      }
    }
  });

  it('move by hand-checkable amounts: 2 kg more of a USLCI material adds 2 × its per-kg value in every category', () => {
    const base = buildModel(kettle(), library, { lcia });
    const id = kgWithFlows[0]!;
    const withOne = updateModel(base, { ...base.product, inventory: [...(base.product.inventory ?? []), { stage: 'manufacture', factor: id, amount: '1 kg' }] });
    const withThree = updateModel(withOne, { ...withOne.product, inventory: [...withOne.product.inventory!.slice(0, -1), { stage: 'manufacture', factor: id, amount: '3 kg' }] });
    const at = (m: WhatIfModel) => modelImpacts(m).flatMap((x) => x.categories.map((c) => c.total));
    const perKg = at(withOne).map((v, i) => v - at(base)[i]!);
    const twoKg = at(withThree).map((v, i) => v - at(withOne)[i]!);
    expect(perKg.some((v) => v !== 0)).toBe(true);
    twoKg.forEach((v, i) => expect(v).toBeCloseTo(2 * perKg[i]!, 6));
  });
});

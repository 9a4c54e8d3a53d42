import { buildProductContext, type ProductContext } from '../computations/context.js';
import { bundledInventoryIndicators, bundledLimitSets } from '../spec/bundled.js';
import { testLibrary } from './library.js';

/** A product model v1 document around the given parts (test helper). */
export function product(extra: Record<string, unknown>): Record<string, unknown> {
  return { schemaVersion: 1, id: 'test-product', name: 'Test product', functionalUnit: { amount: 1, unit: 'item' }, ...extra };
}

/** Compile a test product against the test library and the bundled limit sets. */
export function context(extra: Record<string, unknown>): ProductContext {
  return buildProductContext(product(extra), testLibrary(), new Map(bundledLimitSets().map((s) => [s.id, s])), bundledInventoryIndicators());
}

/**
 * The three-part BOM of the hand calculations (all masses per functional unit):
 *
 *   frame  steel 4 kg × 1   recycling 1.0                          → recycled 4 kg
 *   panel  ABS   1 kg × 2   reuse 0.5, landfill 0.5                → reused 1 kg
 *   cover  ABS   2 kg × 1   energyRecovery 0.5, landfill 0.5       → energy 1 kg
 *   box    cardboard 0.5 kg, packaging stage, recycling 1.0        → not in the product mass
 *
 *   m_total = 4 + 2 + 2 = 8 kg;  R_cyc = (4 + 1) / 8 = 0.625;  R_cov = (4 + 1 + 1) / 8 = 0.75
 *   packaging ratio = 0.5 / 8 = 0.0625
 */
export const threePartBom = [
  { id: 'frame', material: 'tx/steel', mass: '4 kg', endOfLife: [{ route: 'recycling', share: 1 }] },
  { id: 'panel', material: 'tx/abs', mass: '1 kg', quantity: 2, endOfLife: [{ route: 'reuse', share: 0.5 }, { route: 'landfill', share: 0.5 }] },
  { id: 'cover', material: 'tx/abs', mass: '2 kg', endOfLife: [{ route: 'energyRecovery', share: 0.5 }, { route: 'landfill', share: 0.5 }] },
  { id: 'box', material: 'tx/cardboard', mass: '500 g', stage: 'packaging', endOfLife: [{ route: 'recycling', share: 1 }] },
];

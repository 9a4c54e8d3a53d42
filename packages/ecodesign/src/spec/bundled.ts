import limitsGbT26572 from '@greenlca/datasets/specifications/substance-limits/gb-t-26572-2011.json' with { type: 'json' };
import factory2018 from '@greenlca/datasets/specifications/factory/gb-t-36132-2018.json' with { type: 'json' };
import factory2025 from '@greenlca/datasets/specifications/factory/gb-t-36132-2025.json' with { type: 'json' };
import productGeneric from '@greenlca/datasets/specifications/product/gb-t-32161-2015.json' with { type: 'json' };
import detergents from '@greenlca/datasets/specifications/product/gb-t-32163.1-2015.json' with { type: 'json' };
import roomAirConditioners from '@greenlca/datasets/specifications/product/t-cagp-0001-2016.json' with { type: 'json' };
import inductionCookers from '@greenlca/datasets/specifications/product/t-cagp-0005-2016.json' with { type: 'json' };
import liIonBatteries from '@greenlca/datasets/specifications/product/t-ceeia-280-2017.json' with { type: 'json' };
import template from '@greenlca/datasets/specifications/product/template.json' with { type: 'json' };
import inventoryGbT32161 from '@greenlca/datasets/specifications/inventory-indicators/gb-t-32161-inventory.json' with { type: 'json' };
import { parseInventoryIndicatorSet, type InventoryIndicator, type InventoryIndicatorSet } from './inventory-indicators.js';
import { parseLimitSet, parseSpecification } from './read.js';
import type { Specification, SubstanceLimitSet } from './schema.js';

/**
 * @module The specifications shipped in `datasets/specifications/`, imported as JSON (so this works in
 * the browser too) and checked on first use. Adding one is adding its file here and to the test.
 */

const SPECIFICATION_FILES: readonly unknown[] = [
  productGeneric, template, roomAirConditioners, inductionCookers, detergents, liIonBatteries, factory2025, factory2018,
];
const LIMIT_SET_FILES: readonly unknown[] = [limitsGbT26572];
const INVENTORY_INDICATOR_FILES: readonly unknown[] = [inventoryGbT32161];

let limitSets: readonly SubstanceLimitSet[] | undefined;
let specifications: readonly Specification[] | undefined;
let inventorySets: readonly InventoryIndicatorSet[] | undefined;

/** The bundled mappings from indicators to the inventories (datasets/specifications/inventory-indicators/). */
export function bundledInventoryIndicatorSets(): readonly InventoryIndicatorSet[] {
  inventorySets ??= INVENTORY_INDICATOR_FILES.map((f) => parseInventoryIndicatorSet(f));
  return inventorySets;
}

/** Every bundled inventory indicator by id (ids are unique across the bundled sets; the test keeps them so). */
export function bundledInventoryIndicators(): ReadonlyMap<string, InventoryIndicator> {
  return new Map(bundledInventoryIndicatorSets().flatMap((s) => s.indicators.map((i) => [i.id, i] as const)));
}

/** The bundled restricted-substance limit sets (GB/T 26572). */
export function bundledLimitSets(): readonly SubstanceLimitSet[] {
  limitSets ??= LIMIT_SET_FILES.map((f) => parseLimitSet(f));
  return limitSets;
}

/**
 * The bundled specifications: the GB/T 32161 generic framework, the template, the product
 * specifications whose structure could be cited, and the green-factory editions 2025 (default) and 2018.
 *
 * @example
 * const spec = bundledSpecifications().find((s) => s.id === 't-ceeia-280-2017');
 */
export function bundledSpecifications(): readonly Specification[] {
  const sets = new Map(bundledLimitSets().map((s) => [s.id, s]));
  specifications ??= SPECIFICATION_FILES.map((f) => parseSpecification(f, { limitSets: sets, inventoryIndicators: bundledInventoryIndicators() }));
  return specifications;
}

/** A bundled specification by id, or undefined. */
export function bundledSpecification(id: string): Specification | undefined {
  return bundledSpecifications().find((s) => s.id === id);
}

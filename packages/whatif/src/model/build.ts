import { compileProduct, LcaInputError, withFlows, type FactorLibrary } from '@greenlca/engine';
import type { Product } from '@greenlca/schema';
import { compileLines, nodesFrom } from './compile.js';
import { modelCategories } from './categories.js';
import { emptySums, forEachNode, inventoryTracking, SumsEditor } from './sums.js';
import type { ModelOptions, WhatIfModel } from './types.js';

/**
 * Compile a product for what-if work (see `WhatIfModel`). The product must be valid product model v1
 * (`parseProduct`); its `scenarios` are ignored. Throws the engine's `LcaInputError`, with every
 * problem, when it cannot be calculated.
 *
 * @example
 * const model = buildModel(parseProduct(json), library);
 * modelTotals(model).total.kgCO2e;
 */
export function buildModel(product: Product, library: FactorLibrary, options: ModelOptions = {}): WhatIfModel {
  const gwp = options.gwp ?? product.gwp ?? 'AR6';
  // As calculate(): impact methods bring the flow list, for products that name elementary flows.
  if (options.lcia && !library.flows) library = withFlows(library, options.lcia.index);
  const categories = options.lcia ? modelCategories(options.lcia, library) : undefined;
  try {
    // The bill of materials, parameters and every custom factor in one engine call; the lines after.
    const { inventory: _lines, scenarios: _scenarios, ...rest } = product;
    const compiled = compileProduct(rest as Product, library, { gwp });
    const roots = nodesFrom(product.components ?? [], compiled.components, compiled.rows);
    const componentIds = new Set(compiled.components.map((c) => c.idPath));
    const partial = { library, gwp, resolver: compiled.resolver, componentIds, scope: compiled.scope };
    const indices = (product.inventory ?? []).map((_, i) => i);
    const rows = compileLines(partial, product, indices);
    const lineRows = indices.map((i) => rows.get(i)!);
    const editor = new SumsEditor(emptySums(categories?.list.length ?? 0, options.inventory), categories, inventoryTracking(options, library));
    editor.add(compiled.rows);
    editor.add(lineRows);
    forEachNode(roots, (n) => editor.component(n.instance, n.rows, 1));
    return { product, library, options, gwp, scope: compiled.scope, lineRows, roots, sums: editor.finish(), resolver: compiled.resolver, componentIds };
  } catch (error) {
    // Report every problem at once, as the engine does on the whole product.
    if (error instanceof LcaInputError) compileProduct(product, library, { gwp });
    throw error;
  }
}

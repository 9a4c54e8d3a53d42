import type { FactorLibrary } from '@greenlca/engine';
import type { Product, Scenario } from '@greenlca/schema';
import { inScenario } from './errors.js';
import { buildModel } from './model/build.js';
import type { ModelOptions, WhatIfModel } from './model/types.js';
import { updateModel } from './model/update.js';
import { applyScenarioTraced, scenarioById, scenariosOf } from './scenario/apply.js';

/** A scenario applied and compiled. */
export interface Variant {
  scenario: Scenario;
  product: Product;
  model: WhatIfModel;
  /** For each inventory line of the variant, the index of the base line it comes from (-1: new). */
  lineOrigins: number[];
}

/** Which scenarios to run: the product's own (all, or these ids), or scenarios given by the caller. */
export type ScenarioSelection = readonly (string | Scenario)[] | undefined;

/** Compile each selected scenario from the base model, recompiling only what it changes. */
export function compileVariants(base: WhatIfModel, selection: ScenarioSelection): Variant[] {
  const product = base.product;
  const list = selection ?? scenariosOf(product).map((s) => s.id);
  return list.map((s) => {
    const id = typeof s === 'string' ? s : s.id;
    return inScenario(id, () => {
      const scenario = typeof s === 'string' ? scenarioById(product, s).scenario : s;
      const traced = applyScenarioTraced(product, scenario, base.library);
      // A scenario's own GWP set wins over the caller's.
      const own = scenario.overrides.gwp;
      const model = own && own !== base.gwp
        ? updateModel({ ...base, options: { ...base.options, gwp: own } }, traced.product)
        : updateModel(base, traced.product);
      return { scenario, product: traced.product, model, lineOrigins: traced.lineOrigins };
    });
  });
}

/** The base model of a product (valid product model v1). */
export function baseModel(product: Product, library: FactorLibrary, options: ModelOptions): WhatIfModel {
  return buildModel(product, library, options.gwp ? { gwp: options.gwp } : {});
}

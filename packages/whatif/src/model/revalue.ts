import { compileProduct, type InventoryRow, type ResolvedFactor } from '@greenlca/engine';
import { STAGES, type GwpSet, type Product, type Stage } from '@greenlca/schema';
import { compileLines } from './compile.js';
import { addFixed, FIXED_ZERO, fixedOfDecimal, timesFixed, type Fixed } from './exact.js';
import { modelCategories } from './categories.js';
import { factorKey, type Sums } from './sums.js';
import { StageSums } from './stage-sums.js';
import { CategoriesView } from './impacts-view.js';
import type { NodeState, WhatIfModel } from './types.js';

/**
 * The model under another GWP set, without compiling any amount again: an amount in a factor's unit
 * does not depend on the GWP set, only the factors' values do. Every row gets its factor
 * characterised with the new set, and the totals are the per-factor amount sums (unchanged) times the
 * new values. `product` may differ from the model's in its `gwp` only. Returns undefined when a row's
 * factor cannot be re-characterised (the caller then rebuilds).
 */
export function revalue(model: WhatIfModel, product: Product, gwp: GwpSet): WhatIfModel | undefined {
  const sub: Product = { schemaVersion: 1, id: product.id, name: product.name, functionalUnit: product.functionalUnit };
  if (product.gwp) sub.gwp = product.gwp;
  if (product.parameters) sub.parameters = product.parameters;
  if (product.factors) sub.factors = product.factors;
  if (product.processes) sub.processes = product.processes;
  const resolver = compileProduct(sub, model.library, { gwp }).resolver;
  const swapped = new Map<ResolvedFactor, ResolvedFactor | undefined>();
  const substanceLines: number[] = [];
  const swap = (row: InventoryRow): InventoryRow | undefined => {
    let factor = swapped.get(row.factor);
    if (!swapped.has(row.factor)) {
      factor = resolver.resolve(row.factor.id, row.path);
      swapped.set(row.factor, factor);
    }
    return factor ? { ...row, factor } : undefined;
  };
  const nodes = (list: readonly NodeState[]): NodeState[] | undefined => {
    const out: NodeState[] = [];
    for (const n of list) {
      const rows = n.rows.map(swap);
      const children = nodes(n.children);
      if (rows.some((r) => !r) || !children) return undefined;
      out.push({ ...n, rows: rows as InventoryRow[], children });
    }
    return out;
  };
  const roots = nodes(model.roots);
  if (!roots) return undefined;
  const lineRows: InventoryRow[] = [];
  for (const [i, row] of model.lineRows.entries()) {
    if (row.substance !== undefined) {
      substanceLines.push(i);
      continue;
    }
    const r = swap(row);
    if (!r) return undefined;
    lineRows[i] = r;
  }
  // Direct emissions are characterised by the engine with the new set (few lines).
  let substances: Map<number, InventoryRow>;
  const next = { ...model, product, gwp, resolver, roots, lineRows };
  try {
    substances = compileLines(next, product, substanceLines);
  } catch {
    return undefined;
  }
  for (const [i, row] of substances) lineRows[i] = row;

  // Totals: the same amount sums per factor, times the new values.
  const valueOf = new Map<string, ResolvedFactor>();
  const visit = (rows: readonly InventoryRow[]) => { for (const r of rows) valueOf.set(factorKey(r), r.factor); };
  const walk = (list: readonly NodeState[]) => list.forEach((n) => { visit(n.rows); walk(n.children); });
  walk(roots);
  visit(lineRows);
  const groups = new Map<string, Sums['groups'] extends ReadonlyMap<string, infer G> ? G : never>();
  const zeros = () => Object.fromEntries(STAGES.map((s) => [s, FIXED_ZERO])) as Record<Stage, Fixed>;
  const byStage = zeros();
  let biogenic = FIXED_ZERO;
  let fossil = FIXED_ZERO;
  // Climate change counts factors without greenhouse-gas flows at their CO2e: category sums are redone too.
  const categories = model.options.lcia ? modelCategories(model.options.lcia, model.library) : undefined;
  const categorySums = model.sums.categories.map(zeros);
  for (const [key, group] of model.sums.groups) {
    const factor = valueOf.get(key);
    if (!factor) return undefined;
    const kgPerUnit = fixedOfDecimal(factor.value.kgCO2e);
    const biogenicPerUnit = fixedOfDecimal(factor.value.biogenicKgCO2e);
    const fossilPerUnit = fixedOfDecimal(factor.value.origin.fossil);
    const perCategory = categories && categorySums.length ? categories.perUnit(factor.value) : [];
    groups.set(key, { kgPerUnit, biogenicPerUnit, fossilPerUnit, perCategory, amounts: group.amounts });
    for (const s of STAGES) {
      const amount = group.amounts[s];
      if (amount.m === 0n) continue;
      byStage[s] = addFixed(byStage[s], timesFixed(amount, kgPerUnit), 1);
      biogenic = addFixed(biogenic, timesFixed(amount, biogenicPerUnit), 1);
      fossil = addFixed(fossil, timesFixed(amount, fossilPerUnit), 1);
      for (const [k, perUnit] of perCategory) categorySums[k]![s] = addFixed(categorySums[k]![s], timesFixed(amount, perUnit), 1);
    }
  }
  return { ...next, lineRows, sums: { groups, byStage: StageSums.of(byStage), biogenic, fossil, categories: categorySums.map(StageSums.of), categoriesView: new CategoriesView(), ...(model.sums.inventory ? { inventory: model.sums.inventory } : {}) } };
}

import { calculate, compileProduct, LcaInputError, parseProduct, type CompiledProduct, type FactorLibrary } from '@greenlca/engine';
import type { CalculationResult, Component, Product, Stage } from '@greenlca/schema';
import { EvaluationInputError } from '../errors.js';
import type { Bound } from '../judge.js';
import type { InventoryIndicator } from '../spec/inventory-indicators.js';
import type { SubstanceLimitSet } from '../spec/schema.js';
import type { Text } from '../vocabulary.js';
import type { SubstanceCheck } from './substances.js';

/**
 * @module What computations read: the product as written, as compiled by the engine (quantities
 * multiplied down the tree, masses in kg, factors resolved) and as calculated.
 */

/** One component after the BOM is expanded, joined with the component as written in the product. */
export interface MaterialInstance {
  /** Id path from the root, e.g. "body/screw". */
  idPath: string;
  /** JSON pointer of the component in the product. */
  path: string;
  name: string;
  /** Units per functional unit. */
  quantity: number;
  /** Mass of its own material for one unit, kg. */
  unitMassKg: number;
  /** Mass of its own material for all units, kg (children not included). */
  massKg: number;
  stage: Stage;
  /** In the packaging stage (its own or inherited from its parent). */
  isPackaging: boolean;
  component: Component;
}

export interface ProductContext {
  product: Product;
  library: FactorLibrary;
  compiled: CompiledProduct;
  calculation: CalculationResult;
  /** Components with material of their own (mass > 0), in BOM order. */
  materials: MaterialInstance[];
  limitSets: ReadonlyMap<string, SubstanceLimitSet>;
  /** The mapping from indicators to the inventories (datasets/specifications/inventory-indicators/). */
  inventoryIndicators: ReadonlyMap<string, InventoryIndicator>;
  /** Stage of each compiled line, by JSON pointer (to keep a stage's lines in a trace). */
  rowStage: ReadonlyMap<string, Stage>;
  /** Component of each compiled line that belongs to one, by JSON pointer. */
  rowComponent: ReadonlyMap<string, string | undefined>;
}

/** One row of a computation's breakdown: a component or an inventory line and its numbers. */
export interface BreakdownRow {
  /** Component id path or JSON pointer of the inventory line. */
  item: string;
  label: string;
  stage?: Stage;
  /** Named numbers; each computation documents its keys (massKg, recyclingKg, kWh …). */
  values: Record<string, number>;
  note?: Text;
  /** JSON pointers of the product lines (inventory lines, components, end-of-life routes) it is made of. */
  lines?: string[];
}

/** A computation's answer, in the computation's canonical unit (see CANONICAL_UNIT). */
export interface ComputedValue {
  /** null when the product model does not hold the data to compute it. */
  value: number | boolean | null;
  bound?: Bound;
  breakdown: BreakdownRow[];
  totals: Record<string, number>;
  checks?: SubstanceCheck[];
  /** What is missing or assumed, for the report. */
  notes: Text[];
}

/** Walk a JSON pointer like /components/0/children/2 to the component as written. */
function componentAt(product: Product, path: string): Component {
  let node: unknown = product;
  for (const segment of path.split('/').slice(1)) node = (node as Record<string, unknown>)[segment];
  return node as Component;
}

export function materialInstances(product: Product, compiled: CompiledProduct): MaterialInstance[] {
  return compiled.components
    .filter((c) => c.unitMassKg > 0 && c.quantity > 0)
    .map((c) => ({
      idPath: c.idPath,
      path: c.path,
      name: c.name,
      quantity: c.quantity,
      unitMassKg: c.unitMassKg,
      massKg: c.unitMassKg * c.quantity,
      stage: c.stage,
      isPackaging: c.stage === 'packaging',
      component: componentAt(product, c.path),
    }));
}

/** The materials a mass-based computation counts: the product without its packaging, unless asked. */
export function productMaterials(ctx: ProductContext, includePackaging: boolean | undefined): MaterialInstance[] {
  return ctx.materials.filter((m) => includePackaging || !m.isPackaging);
}

/**
 * Check, compile and calculate a product once for all computations. Engine input problems come back as
 * EvaluationInputError issues under `/product`, with the engine's code in `detail`.
 */
export function buildProductContext(
  input: unknown, library: FactorLibrary, limitSets: ReadonlyMap<string, SubstanceLimitSet>,
  inventoryIndicators: ReadonlyMap<string, InventoryIndicator>,
): ProductContext {
  try {
    const product = parseProduct(input);
    const compiled = compileProduct(product, library);
    const calculation = calculate(product, library);
    return {
      product, library, compiled, calculation, materials: materialInstances(product, compiled), limitSets, inventoryIndicators,
      rowStage: new Map(compiled.rows.map((r) => [r.path, r.stage])),
      rowComponent: new Map(compiled.rows.map((r) => [r.path, r.component])),
    };
  } catch (error) {
    if (error instanceof LcaInputError) {
      throw new EvaluationInputError(error.issues.map((i) => {
        const issue = { code: 'PRODUCT' as const, path: `/product${i.path}`, message: i.message, detail: i.code };
        return i.hint ? { ...issue, hint: i.hint } : issue;
      }));
    }
    throw error;
  }
}

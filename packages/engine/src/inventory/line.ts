import type { EndOfLifeRoute, Stage } from '@greenlca/schema';
import type { ResolvedFactor } from './factors.js';

/** Where a line comes from in the product. */
export type LineKind = 'inventory' | 'emission' | 'material' | 'endOfLife';

/** One row of the compiled inventory: an amount in the factor's unit times a characterised factor. */
export interface InventoryRow {
  /** JSON pointer of what produced the row (an inventory line, a component, an end-of-life route). */
  path: string;
  kind: LineKind;
  stage: Stage;
  label: string;
  /** Component id path ("body/screw") the row belongs to, if any. */
  component?: string;
  /** Amount in the factor's unit (kg for direct emissions). */
  amount: number;
  unit: string;
  factor: ResolvedFactor;
  /** Set for direct emissions. */
  substance?: string;
}

/** A component instance after the BOM is expanded. */
export interface ComponentInstance {
  /** Id path from the root: "body/screw". */
  idPath: string;
  path: string;
  name: string;
  /** Units of this component per functional unit (quantities multiplied down the tree). */
  quantity: number;
  /** Mass of its own material per unit, kg (0 if none). */
  unitMassKg: number;
  material?: string;
  stage: Stage;
  depth: number;
  parent?: string;
  /** Where its material goes at end of life, as the product says (routes with and without a factor). */
  endOfLife?: readonly EndOfLifeRoute[];
}

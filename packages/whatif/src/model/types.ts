import type { CompiledProduct, ComponentInstance, FactorLibrary, InventoryRow, Lcia, Scope } from '@greenlca/engine';
import type { Component, GwpSet, Product } from '@greenlca/schema';
import type { Sums } from './sums.js';

/** One component of the compiled bill of materials, with the rows of its own material and end of life. */
export interface NodeState {
  readonly component: Component;
  readonly instance: ComponentInstance;
  readonly rows: readonly InventoryRow[];
  readonly children: readonly NodeState[];
}

export interface ModelOptions {
  /** GWP set for every calculation of this model; defaults to the product's, then AR6. */
  gwp?: GwpSet;
  /**
   * Impact methods to keep category sums for (as `calculate`'s option): every category's total and
   * stages follow each edit exactly, by difference (see `modelImpacts`).
   */
  lcia?: Lcia;
  /**
   * Keep the material, energy and emission inventories (as `calculate` gives them, less each entry's
   * components and lines): every entry follows each edit exactly, by difference (see `modelInventory`).
   */
  inventory?: boolean;
}

/**
 * A product compiled for what-if work: its rows kept per inventory line and per component, and exact
 * totals kept per factor, so that an edit recompiles only what it touched (see `updateModel`).
 * Immutable: an update returns a new model that shares everything unchanged with the old one.
 */
export interface WhatIfModel {
  readonly product: Product;
  readonly library: FactorLibrary;
  readonly options: ModelOptions;
  readonly gwp: GwpSet;
  /** Parameter values after evaluation. */
  readonly scope: Scope;
  /** Rows of the inventory lines, by line index. */
  readonly lineRows: readonly InventoryRow[];
  /** The bill of materials, compiled. */
  readonly roots: readonly NodeState[];
  readonly sums: Sums;
  /** Resolves factor ids for this model's GWP set and custom factors. */
  readonly resolver: CompiledProduct['resolver'];
  /** Component id paths, for lines attributed to a component. */
  readonly componentIds: ReadonlySet<string>;
}

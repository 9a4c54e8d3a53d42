import type { InventoryRow } from '@greenlca/engine';
import { STAGES, type ParameterValue, type Product, type Stage } from '@greenlca/schema';
import { issue, WhatIfInputError } from '../errors.js';
import type { WhatIfModel } from '../model/types.js';
import { updateModel } from '../model/update.js';
import { modelRows } from '../model/view.js';
import { scaleAmount } from '../scenario/scale.js';
import type { ModelInput } from './inputs.js';

/** Draws of one model: the total and each stage, per run (floats; the exact totals are reported apart). */
export interface Draws {
  total: Float64Array;
  byStage: Record<Stage, Float64Array>;
}

/** A parameter's value multiplied by m, written the way it was written. */
export function scaledParameter(value: ParameterValue, m: number): ParameterValue {
  if (typeof value === 'number') return value * m;
  if (typeof value === 'object') return { value: value.value * m, unit: value.unit };
  return scaleAmount(value, m) as string;
}

/**
 * Run a model `n` times. `multiplierOf(input)` gives an input's multipliers per run, or undefined when it
 * is fixed. Lines, components and factors act on rows linearly (a row's value is amount × factor × the
 * multipliers that reach it); parameters need not act linearly, so each run with uncertain parameters
 * recompiles, through the incremental model, the rows that use them.
 */
export function simulate(model: WhatIfModel, inputs: readonly ModelInput[], multiplierOf: (input: ModelInput) => Float64Array | undefined, n: number): Draws {
  const rows = modelRows(model);
  const index = new Map<InventoryRow, number>(rows.map((r, i) => [r, i]));
  const ONES = new Float64Array(n).fill(1);
  const rowMult: Float64Array[] = rows.map(() => ONES);
  const params: { name: string; m: Float64Array }[] = [];
  for (const input of inputs) {
    const m = multiplierOf(input);
    if (!m) continue;
    if (input.kind === 'parameter') {
      params.push({ name: input.label, m });
      continue;
    }
    for (const row of input.rows) {
      const r = index.get(row)!;
      const cur = rowMult[r]!;
      if (cur === ONES) rowMult[r] = m;
      else {
        const combined = new Float64Array(n);
        for (let j = 0; j < n; j++) combined[j] = cur[j]! * m[j]!;
        rowMult[r] = combined;
      }
    }
  }
  const total = new Float64Array(n);
  const byStage = Object.fromEntries(STAGES.map((s) => [s, new Float64Array(n)])) as Record<Stage, Float64Array>;
  const perUnit = rows.map((r) => r.factor.value.kgCO2e.toNumber());
  if (!params.length) {
    rows.forEach((row, r) => {
      const c = row.amount * perUnit[r]!;
      if (c === 0) return;
      const m = rowMult[r]!;
      const stage = byStage[row.stage];
      for (let j = 0; j < n; j++) {
        const v = c * m[j]!;
        total[j] = total[j]! + v;
        stage[j] = stage[j]! + v;
      }
    });
    return { total, byStage };
  }
  const product = model.product;
  for (let j = 0; j < n; j++) {
    const parameters = { ...product.parameters };
    for (const p of params) parameters[p.name] = scaledParameter(product.parameters![p.name]!, p.m[j]!);
    let drawn: WhatIfModel;
    try {
      drawn = updateModel(model, { ...product, parameters } as Product);
    } catch (error) {
      throw new WhatIfInputError([issue('BAD_BOUND', '/uncertainty/parameters',
        `run ${j + 1} drew parameter values the product rejects (${(error as Error).message.split('\n')[0]})`,
        'use a distribution that stays in range, e.g. lognormal or uniform within valid values')]);
    }
    const drawnRows = modelRows(drawn);
    for (let r = 0; r < drawnRows.length; r++) {
      const row = drawnRows[r]!;
      const v = row.amount * perUnit[r]! * rowMult[r]![j]!;
      total[j] = total[j]! + v;
      const stage = byStage[row.stage];
      stage[j] = stage[j]! + v;
    }
  }
  return { total, byStage };
}

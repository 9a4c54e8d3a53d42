import type { InventoryRow } from '@greenlca/engine';
import { STAGES, type ParameterValue, type Product, type Stage } from '@greenlca/schema';
import { issue, WhatIfInputError } from '../errors.js';
import { factorKey } from '../model/sums.js';
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

function withParameters(product: Product, values: Record<string, ParameterValue>): Product {
  return { ...product, parameters: { ...product.parameters, ...values } };
}

function rejected(j: number, error: unknown): WhatIfInputError {
  return new WhatIfInputError([issue('BAD_BOUND', '/uncertainty/parameters',
    `${j >= 0 ? `run ${j + 1} drew` : 'drawing'} parameter values the product rejects (${(error as Error).message.split('\n')[0]})`,
    'use a distribution that stays in range, e.g. lognormal or uniform within valid values')]);
}

/**
 * How each row's amount depends on each uncertain parameter, if it is a power of it (amounts are
 * products of numbers, units and parameters, so almost always): the row scales as m^e when the
 * parameter is multiplied by m. Found by evaluating the product, through the engine, with the
 * parameter doubled and tripled; undefined if any row is not a power law (then every run is
 * recompiled instead).
 */
function parameterPowers(model: WhatIfModel, rows: InventoryRow[], names: string[]): Map<number, { k: number; e: number }[]> | undefined {
  const out = new Map<number, { k: number; e: number }[]>();
  const product = model.product;
  for (const [k, name] of names.entries()) {
    const at = (m: number) => {
      try {
        return modelRows(updateModel(model, withParameters(product, { [name]: scaledParameter(product.parameters![name]!, m) })));
      } catch (error) {
        throw rejected(-1, error);
      }
    };
    const twice = at(2);
    const thrice = at(3);
    if (twice.length !== rows.length || thrice.length !== rows.length) return undefined;
    for (let r = 0; r < rows.length; r++) {
      // A parameter of a foreground process changes the row's factor, not its amount: not a power law.
      if (twice[r]!.factor !== rows[r]!.factor || thrice[r]!.factor !== rows[r]!.factor) return undefined;
      const a = rows[r]!.amount;
      const a2 = twice[r]!.amount;
      const a3 = thrice[r]!.amount;
      if (a2 === a && a3 === a) continue;
      if (a === 0) return undefined;
      const e = Math.round(Math.log2(a2 / a));
      const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.abs(y);
      if (!close(a2, a * 2 ** e) || !close(a3, a * 3 ** e)) return undefined;
      const list = out.get(r);
      if (list) list.push({ k, e });
      else out.set(r, [{ k, e }]);
    }
  }
  return out;
}

/**
 * Run a model `n` times. `multiplierOf(input)` gives an input's multipliers per run, or undefined when it
 * is fixed. Lines, components and factors act on rows linearly: a row's value is amount × factor × the
 * multipliers that reach it, summed per factor and stage before the factor's own multiplier. A
 * parameter acts through the engine: as a power law found once (see `parameterPowers`), or else by
 * recompiling, each run, the rows that use it.
 */
export function simulate(model: WhatIfModel, inputs: readonly ModelInput[], multiplierOf: (input: ModelInput) => Float64Array | undefined, n: number): Draws {
  const rows = modelRows(model);
  const index = new Map<InventoryRow, number>(rows.map((r, i) => [r, i]));
  const rowMults: Float64Array[][] = rows.map(() => []);
  const factorMult = new Map<string, Float64Array>();
  const params: { name: string; m: Float64Array }[] = [];
  for (const input of inputs) {
    const m = multiplierOf(input);
    if (!m) continue;
    if (input.kind === 'parameter') params.push({ name: input.label, m });
    else if (input.kind === 'factor') factorMult.set(factorKey(input.rows[0]!), m);
    else for (const row of input.rows) rowMults[index.get(row)!]!.push(m);
  }
  const total = new Float64Array(n);
  const byStage = Object.fromEntries(STAGES.map((s) => [s, new Float64Array(n)])) as Record<Stage, Float64Array>;
  const perUnit = rows.map((r) => r.factor.value.kgCO2e.toNumber());
  if (params.length) {
    const powers = parameterPowers(model, rows, params.map((p) => p.name));
    if (!powers) return simulateByRecompiling(model, rows, perUnit, rowMults, factorMult, params, n, { total, byStage });
    const cache = new Map<string, Float64Array>();
    for (const [r, list] of powers) {
      for (const { k, e } of list) {
        let m = cache.get(`${k}^${e}`);
        if (!m) {
          const base = params[k]!.m;
          m = e === 1 ? base : base.map((x) => x ** e);
          cache.set(`${k}^${e}`, m);
        }
        rowMults[r]!.push(m);
      }
    }
  }
  // Rows grouped by factor and stage: the factor's multiplier is applied once per group and run.
  const groups = new Map<string, number[]>();
  rows.forEach((row, r) => {
    const key = `${row.stage}\u0000${factorKey(row)}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  });
  const acc = new Float64Array(n);
  for (const list of groups.values()) {
    const first = rows[list[0]!]!;
    acc.fill(0);
    let fixed = 0;
    for (const r of list) {
      const c = rows[r]!.amount * perUnit[r]!;
      if (c === 0) continue;
      const ms = rowMults[r]!;
      if (ms.length === 0) fixed += c;
      else if (ms.length === 1) {
        const a = ms[0]!;
        for (let j = 0; j < n; j++) acc[j] = acc[j]! + c * a[j]!;
      } else if (ms.length === 2) {
        const a = ms[0]!;
        const b = ms[1]!;
        for (let j = 0; j < n; j++) acc[j] = acc[j]! + c * a[j]! * b[j]!;
      } else {
        for (let j = 0; j < n; j++) {
          let v = c;
          for (const m of ms) v *= m[j]!;
          acc[j] = acc[j]! + v;
        }
      }
    }
    const f = factorMult.get(factorKey(first));
    const stage = byStage[first.stage];
    for (let j = 0; j < n; j++) {
      const v = (acc[j]! + fixed) * (f ? f[j]! : 1);
      total[j] = total[j]! + v;
      stage[j] = stage[j]! + v;
    }
  }
  return { total, byStage };
}

function simulateByRecompiling(
  model: WhatIfModel, rows: InventoryRow[], perUnit: number[], rowMults: Float64Array[][], factorMult: Map<string, Float64Array>,
  params: { name: string; m: Float64Array }[], n: number, out: Draws,
): Draws {
  const product = model.product;
  const rowFactor = rows.map((r) => factorMult.get(factorKey(r)));
  for (let j = 0; j < n; j++) {
    const values: Record<string, ParameterValue> = {};
    for (const p of params) values[p.name] = scaledParameter(product.parameters![p.name]!, p.m[j]!);
    let drawnRows: InventoryRow[];
    try {
      drawnRows = modelRows(updateModel(model, withParameters(product, values)));
    } catch (error) {
      throw rejected(j, error);
    }
    for (let r = 0; r < drawnRows.length; r++) {
      const row = drawnRows[r]!;
      let v = row.amount * (row.factor === rows[r]!.factor ? perUnit[r]! : row.factor.value.kgCO2e.toNumber());
      for (const m of rowMults[r]!) v *= m[j]!;
      const f = rowFactor[r];
      if (f) v *= f[j]!;
      out.total[j] = out.total[j]! + v;
      const stage = out.byStage[row.stage];
      stage[j] = stage[j]! + v;
    }
  }
  return out;
}

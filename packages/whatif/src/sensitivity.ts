import type { ComponentInstance, FactorLibrary, InventoryRow } from '@greenlca/engine';
import type { Component, GwpSet, Product } from '@greenlca/schema';
import { closest, issue, WhatIfInputError, type WhatIfIssue } from './errors.js';
import { Exact, fixedOf, exactOf } from './model/exact.js';
import { compileNode } from './model/compile.js';
import { rowKg } from './model/sums.js';
import type { ModelOptions, NodeState, WhatIfModel } from './model/types.js';
import { updateModel } from './model/update.js';
import { exactTotals } from './model/view.js';
import { samplerOf } from './uncertainty/distributions.js';
import { scaledParameter } from './uncertainty/simulate.js';
import { collectInputs, INPUT_KINDS, unknownTargets, type InputKind, type ModelInput } from './uncertainty/inputs.js';
import { baseModel } from './variants.js';

/** A range for one input: ± percent of its value, or given bounds (a number in its unit, or an amount). */
export interface SensitivityRange {
  percent?: number;
  min?: unknown;
  max?: unknown;
}

export interface SensitivityOptions extends ModelOptions {
  /** Default range: ± this percentage of each value (default 10). */
  percent?: number;
  /** Ranges by input key ("parameter:years", "line:use", "line:/inventory/3", "component:body/screw", "factor:wf/steel"). */
  ranges?: Record<string, SensitivityRange>;
  /** What to vary (default parameters, lines and components; add "factor" for factor values). */
  kinds?: readonly InputKind[];
  /** Use the min and max of a uniform or triangular uncertainty as the range (default true). */
  useUncertainty?: boolean;
  /** Keep only the largest bars. */
  limit?: number;
}

export interface TornadoBar {
  rank: number;
  key: string;
  kind: InputKind;
  label: string;
  path: string;
  /** The input's low and high values, and where the range comes from. */
  range: { low: number; high: number; value: number; unit: string; from: 'percent' | 'ranges' | 'uncertainty'; percent?: number };
  /** The product's total with the input at its low and its high value. */
  low: { kgCO2e: number; delta: number };
  high: { kgCO2e: number; delta: number };
  /** |high − low|: the bar's length. */
  swing: number;
}

export interface SensitivityResult {
  gwp: GwpSet;
  baseline: { kgCO2e: number };
  percent: number;
  bars: TornadoBar[];
}

/**
 * One-at-a-time sensitivity: each parameter, line and component mass (and factor, if asked) is set to
 * the low and the high end of its range while everything else stays as stated, and the total is
 * recalculated exactly. Lines and factors act linearly and are computed from their exact
 * contributions; parameters and masses go through the incremental model. Returns tornado bars ranked by
 * swing.
 *
 * @example
 * const t = sensitivity(product, library, { percent: 20 });
 * t.bars[0]; // the input the footprint is most sensitive to
 */
export function sensitivity(product: Product, library: FactorLibrary, options: SensitivityOptions = {}): SensitivityResult {
  return sensitivityOfModel(baseModel(product, library, options), options);
}

export function sensitivityOfModel(model: WhatIfModel, options: SensitivityOptions = {}): SensitivityResult {
  const percent = options.percent ?? 10;
  if (!(percent > 0 && percent <= 100)) throw new WhatIfInputError([issue('BAD_BOUND', '', `the percentage must be above 0 and at most 100, not ${percent}`)]);
  const kinds = new Set<string>(options.kinds ?? ['parameter', 'line', 'component']);
  for (const k of kinds) {
    if (!(INPUT_KINDS as readonly string[]).includes(k)) throw new WhatIfInputError([issue('BAD_BOUND', '', `unknown input kind "${k}"`, `kinds are ${INPUT_KINDS.join(', ')}`)]);
  }
  const all = collectInputs(model, { checkTargets: false });
  checkUncertainty(model, all, options.useUncertainty ?? true);
  const inputs = all.filter((i) => kinds.has(i.kind));
  const known = new Set(inputs.map((i) => i.key));
  const unknown = Object.keys(options.ranges ?? {}).filter((k) => !known.has(k));
  if (unknown.length) {
    throw new WhatIfInputError(unknown.map((k) => {
      const near = closest(k, known);
      const other = all.find((i) => i.key === k);
      return issue('UNKNOWN_TARGET', '', other ? `"${k}" is a ${other.kind}, which is not varied here` : `no input "${k}" to vary`,
        other ? `add "${other.kind}" to the kinds` : near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?`
          : 'keys look like parameter:years, line:use, component:body/screw, factor:wf/steel');
    }));
  }
  const base = exactTotals(model).total;
  // Looked up once: a search of the bill of materials per component made the tornado quadratic.
  const nodes = nodesByPath(model.roots);
  const bars = inputs.map((input) => {
    const range = rangeOf(input, options, percent);
    const lowTotal = totalWith(model, base, nodes, input, range.low, range.lowExact);
    const highTotal = totalWith(model, base, nodes, input, range.high, range.highExact);
    const bar: Omit<TornadoBar, 'rank'> = {
      key: input.key, kind: input.kind, label: input.label, path: input.path,
      range: { low: range.low, high: range.high, value: input.value, unit: input.unit, from: range.from },
      low: { kgCO2e: lowTotal.toNumber(), delta: lowTotal.minus(base).toNumber() },
      high: { kgCO2e: highTotal.toNumber(), delta: highTotal.minus(base).toNumber() },
      swing: highTotal.minus(lowTotal).abs().toNumber(),
    };
    if (range.from === 'percent' || range.percent !== undefined) bar.range.percent = range.percent ?? percent;
    return bar;
  });
  bars.sort((a, b) => b.swing - a.swing || (a.key < b.key ? -1 : 1));
  const ranked = bars.slice(0, options.limit ?? bars.length).map((b, i) => ({ rank: i + 1, ...b }));
  return { gwp: model.gwp, baseline: { kgCO2e: base.toNumber() }, percent, bars: ranked };
}

interface Range {
  low: number;
  high: number;
  lowExact: Exact;
  highExact: Exact;
  from: TornadoBar['range']['from'];
  percent?: number;
}

function rangeOf(input: ModelInput, options: SensitivityOptions, percent: number): Range {
  const given = options.ranges?.[input.key];
  const v = exactOf(fixedOf(input.value));
  const byPercent = (p: number, from: Range['from']): Range => {
    const lowExact = v.times(new Exact(100).minus(p).div(100));
    const highExact = v.times(new Exact(100).plus(p).div(100));
    const r: Range = { low: lowExact.toNumber(), high: highExact.toNumber(), lowExact, highExact, from };
    if (from === 'ranges') r.percent = p;
    return r;
  };
  const byBounds = (min: unknown, max: unknown, from: Range['from'], path: string): Range => {
    const low = input.bound(min, `${path}/min`);
    const high = input.bound(max, `${path}/max`);
    if (low > high) {
      throw new WhatIfInputError([issue('BAD_BOUND', from === 'ranges' ? '' : `${path}/min`,
        `the range of "${input.key}" has min ${low} above max ${high}${input.unit && input.unit !== 'SI' ? ` ${input.unit}` : ''}`, 'give the lower end first: min ≤ max')]);
    }
    return { low, high, lowExact: exactOf(fixedOf(low)), highExact: exactOf(fixedOf(high)), from };
  };
  if (given) {
    if (given.percent !== undefined) {
      if (!(given.percent > 0 && given.percent <= 100)) {
        throw new WhatIfInputError([issue('BAD_BOUND', '', `the range of "${input.key}" is ±${given.percent} %`, 'give a percentage above 0 and at most 100')]);
      }
      return byPercent(given.percent, 'ranges');
    }
    if (given.min !== undefined && given.max !== undefined) return byBounds(given.min, given.max, 'ranges', `ranges/${input.key}`);
    throw new WhatIfInputError([issue('BAD_BOUND', '', `the range of "${input.key}" needs "percent" or both "min" and "max"`)]);
  }
  const spec = input.spec;
  if ((options.useUncertainty ?? true) && spec && (spec.distribution === 'uniform' || spec.distribution === 'triangular')) {
    return byBounds(spec.min, spec.max, 'uncertainty', input.specPath ?? input.path);
  }
  return byPercent(percent, 'percent');
}

/**
 * `Product.uncertainty` must name existing parameters and factors, and (unless uncertainty is not used)
 * every distribution must be valid: the ones used as ranges, and the others, as Monte Carlo reads them.
 */
function checkUncertainty(model: WhatIfModel, inputs: readonly ModelInput[], distributions: boolean): void {
  const problems: WhatIfIssue[] = unknownTargets(model);
  for (const input of inputs) {
    if (!input.spec || !distributions) continue;
    const path = input.specPath ?? input.path;
    try {
      samplerOf(input.spec, input.value, (b, field) => input.bound(b, `${path}/${field}`), { path, unit: input.unit });
    } catch (error) {
      if (!(error instanceof WhatIfInputError)) throw error;
      problems.push(...error.issues);
    }
  }
  if (problems.length) throw new WhatIfInputError(problems);
}

/** Each component's compiled node and its parent's instance, by JSON pointer. */
type NodesByPath = ReadonlyMap<string, { node: NodeState; parent: ComponentInstance | undefined }>;

function nodesByPath(roots: readonly NodeState[]): NodesByPath {
  const out = new Map<string, { node: NodeState; parent: ComponentInstance | undefined }>();
  const walk = (list: readonly NodeState[], parent: ComponentInstance | undefined) => {
    for (const node of list) {
      out.set(node.instance.path, { node, parent });
      walk(node.children, node.instance);
    }
  };
  walk(roots, undefined);
  return out;
}

function kgOf(rows: readonly InventoryRow[]): Exact {
  return rows.reduce((sum, row) => sum.plus(rowKg(row)), new Exact(0));
}

/** The exact total with one input at value x (`base`: the model's exact total). */
function totalWith(model: WhatIfModel, base: Exact, nodes: NodesByPath, input: ModelInput, x: number, xExact: Exact): Exact {
  const change = () => xExact.minus(exactOf(fixedOf(input.value)));
  switch (input.kind) {
    case 'line': {
      // amount × factor: the line's contribution scales with its amount.
      const row = input.rows[0]!;
      return base.plus(change().times(row.factor.value.kgCO2e.toString()));
    }
    case 'factor': {
      const amounts = input.rows.reduce((s, r) => s.plus(exactOf(fixedOf(r.amount))), new Exact(0));
      return base.plus(amounts.times(change()));
    }
    case 'component': {
      // A mass reaches only the component's own rows (material, end of life): they are compiled again
      // as `updateModel` would, and the total moves by their exact difference. No copy of the product
      // and no pass over the bill of materials, which made a tornado over thousands of components slow.
      const { node, parent } = nodes.get(input.path)!;
      const edited: Component = { ...node.component, mass: { value: x, unit: 'kg' } };
      const fresh = compileNode(model, model.product, edited, input.path, parent, node.children);
      return base.plus(kgOf(fresh.rows)).minus(kgOf(node.rows));
    }
    case 'parameter': {
      const written = model.product.parameters![input.label]!;
      const m = input.value === 0 ? 0 : x / input.value;
      const value = typeof written === 'object' ? { value: x, unit: written.unit }
        : typeof written === 'number' ? x
          : input.unit !== '' && input.unit !== 'SI' ? `${x} ${input.unit}` : scaledParameter(written, m);
      return exactTotals(updateModel(model, { ...model.product, parameters: { ...model.product.parameters, [input.label]: value } })).total;
    }
  }
}

import { convertTo, evaluateAmount, unitSpec, type InventoryRow, type Quantity, type Scope } from '@greenlca/engine';
import { DataQuality, ProductUncertainty, Uncertainty, validate, type ParameterValue, type Product } from '@greenlca/schema';
import { closest, issue, pointer, WhatIfInputError, type WhatIfIssue } from '../errors.js';
import { factorKey } from '../model/sums.js';
import type { NodeState, WhatIfModel } from '../model/types.js';

export type InputKind = 'parameter' | 'line' | 'component' | 'factor';
export const INPUT_KINDS: readonly InputKind[] = ['parameter', 'line', 'component', 'factor'];

/**
 * A value of the product that sensitivity and Monte Carlo vary: an inventory line's amount, a
 * component's mass, a factor's value or a parameter.
 */
export interface ModelInput {
  /** Stable across scenarios: "line:use" (or "line:/inventory/2"), "component:body/screw", "factor:wf/steel", "parameter:years". */
  key: string;
  kind: InputKind;
  label: string;
  /** JSON pointer of the thing in the product. */
  path: string;
  /** The stated value, in `unit`. */
  value: number;
  unit: string;
  /** Its uncertainty, if the product gives one (or a default applies), and where it is written. */
  spec?: Uncertainty;
  specPath?: string;
  /** An absolute bound (number in `unit`, or an amount with a unit) as a number in `unit`. */
  bound(value: unknown, path: string): number;
  /** Rows whose amount or factor is proportional to the value (not used for parameters). */
  rows: InventoryRow[];
}

type Loose = Record<string, unknown>;

/** Read an item's `uncertainty` or `dataQuality` field (checked against the schema). */
function specAt(item: unknown, path: string, fallback: DataQuality | undefined): { spec?: Uncertainty; specPath?: string } {
  const o = (item ?? {}) as Loose;
  if (o.uncertainty !== undefined) {
    const checked = validate(Uncertainty, o.uncertainty);
    if (!checked.ok) throw schemaError(checked.issues, `${path}/uncertainty`);
    return { spec: checked.value, specPath: `${path}/uncertainty` };
  }
  if (o.dataQuality !== undefined) {
    const checked = validate(DataQuality, o.dataQuality);
    if (!checked.ok) throw schemaError(checked.issues, `${path}/dataQuality`);
    return { spec: { distribution: 'pedigree', dataQuality: checked.value as DataQuality }, specPath: `${path}/dataQuality` };
  }
  return fallback ? { spec: { distribution: 'pedigree', dataQuality: fallback } } : {};
}

function schemaError(issues: { path: string; message: string }[], base: string): WhatIfInputError {
  return new WhatIfInputError(issues.map((i) => issue('SCENARIO_SCHEMA', base + i.path, i.message,
    'an uncertainty is { "distribution": "lognormal", "gsd": 1.2 }, normal (sd or cv), triangular, uniform, or "dataQuality": [1,2,1,3,2]')));
}

export function productUncertainty(product: Product): ProductUncertainty {
  const raw = (product as unknown as Loose).uncertainty;
  if (raw === undefined) return {};
  const checked = validate(ProductUncertainty, raw);
  if (!checked.ok) throw schemaError(checked.issues, '/uncertainty');
  return checked.value;
}

function siOf(q: Quantity): { si: number; dims: readonly number[] } {
  return typeof q === 'number' ? { si: q, dims: [] } : q;
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return false;
  return true;
}

function badBound(path: string, message: string, hint: string): WhatIfInputError {
  return new WhatIfInputError([issue('BAD_BOUND', path, message, hint)]);
}

/** A bound for a value in the unit of a factor (lines) or in kg (masses). */
function unitBound(scope: Scope, unit: string) {
  return (b: unknown, path: string): number => {
    if (typeof b === 'number') return b;
    let converted;
    try {
      converted = convertTo(evaluateAmount(b as ParameterValue, scope), unitSpec(unit));
    } catch (error) {
      throw badBound(path, `cannot read the bound ${JSON.stringify(b)}: ${(error as Error).message}`, `give a number in ${unit} or an amount such as "2 ${unit}"`);
    }
    if (!converted.ok) throw badBound(path, `the bound ${JSON.stringify(b)} is not in ${unit}: ${converted.reason}`, `give a number in ${unit} or an amount of the same dimension`);
    return converted.value;
  };
}

/**
 * `Product.uncertainty` names parameters and factors by name and id: each must exist, or the
 * uncertainty would silently not apply. A factor exists if it is bundled, declared under `factors` or
 * `processes`, or added by a scenario's `overrides.factors` (it may be used only by that scenario).
 */
export function unknownTargets(model: WhatIfModel, pu: ProductUncertainty = productUncertainty(model.product)): WhatIfIssue[] {
  const product = model.product;
  const out: WhatIfIssue[] = [];
  const parameters = Object.keys(product.parameters ?? {});
  for (const name of Object.keys(pu.parameters ?? {})) {
    if (parameters.includes(name)) continue;
    const near = closest(name, parameters);
    out.push(issue('UNKNOWN_TARGET', pointer('uncertainty', 'parameters', name), `the product has no parameter "${name}", so this uncertainty would apply to nothing`,
      near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : parameters.length ? `parameters: ${parameters.join(', ')}` : 'declare it under "parameters" first'));
  }
  const declared = new Set<string>([
    ...(product.factors ?? []).map((f) => f.id),
    ...(product.processes ?? []).map((p) => p.id),
    ...(product.scenarios ?? []).flatMap((s) => ((s.overrides.factors ?? []) as { id: string }[]).map((f) => f.id)),
  ]);
  for (const id of Object.keys(pu.factors ?? {})) {
    if (declared.has(id) || model.library.factor(id) !== undefined) continue;
    const used = new Set<string>();
    const rows = (nodes: readonly NodeState[]) => nodes.forEach((n) => { n.rows.forEach((r) => used.add(r.factor.id)); rows(n.children); });
    rows(model.roots);
    model.lineRows.forEach((r) => used.add(r.factor.id));
    let near = closest(id, [...used, ...declared]);
    if (!near.length) near = closest(id, model.library.factorIds());
    out.push(issue('UNKNOWN_TARGET', pointer('uncertainty', 'factors', id), `unknown factor "${id}": neither bundled nor declared in the product, so this uncertainty would apply to nothing`,
      near.length ? `did you mean ${near.map((n) => `"${n}"`).join(', ')}? (or search with: greenlca factors search TEXT)` : 'name a factor the product uses (greenlca factors search TEXT)'));
  }
  return out;
}

/**
 * Every input of a model: lines, components with a mass, factors and parameters, with their
 * uncertainty where the product states one. `lineOrigins` pairs a variant's lines with the base's.
 * Unless `checkTargets` is false (a variant, already checked as its base), a parameter or factor in
 * `Product.uncertainty` that does not exist is an error (`UNKNOWN_TARGET`).
 */
export function collectInputs(
  model: WhatIfModel, options: { lineOrigins?: readonly number[]; defaultDataQuality?: DataQuality; checkTargets?: boolean } = {},
): ModelInput[] {
  const product = model.product;
  const pu = productUncertainty(product);
  if (options.checkTargets ?? true) {
    const unknown = unknownTargets(model, pu);
    if (unknown.length) throw new WhatIfInputError(unknown);
  }
  const out: ModelInput[] = [];
  const dq = options.defaultDataQuality;

  // Parameters: numbers, quantities or expressions; varied through the engine (they need not be linear).
  for (const [name, written] of Object.entries(product.parameters ?? {})) {
    const q = model.scope.get(name);
    if (q === undefined) continue;
    const { si, dims } = siOf(q);
    const specPath = pointer('uncertainty', 'parameters', name);
    const spec = pu.parameters?.[name];
    // Report and read bounds in the unit the parameter is written in ("0.11 kWh" → kWh), else in SI.
    const simple = typeof written === 'string' ? /^\s*([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s+(\S.*?)\s*$/.exec(written) : null;
    const shown = typeof written === 'object' ? written : simple && Number(simple[1]) !== 0 ? { value: Number(simple[1]), unit: simple[2]! } : undefined;
    const unit = shown ? shown.unit : dims.every((d) => d === 0) ? '' : 'SI';
    const scaleTo = shown ? si / shown.value : 1;
    const input: ModelInput = {
      key: `parameter:${name}`, kind: 'parameter', label: name, path: pointer('parameters', name),
      value: shown ? shown.value : si, unit, rows: [],
      bound: (b, path) => {
        if (typeof b === 'number') {
          if (typeof written === 'string' && !shown && dims.some((d) => d !== 0)) {
            throw badBound(path, `parameter "${name}" is an expression with a unit, so a bare number is ambiguous`, 'give the bound with its unit, e.g. "4 1/day"');
          }
          return b;
        }
        let q2;
        try {
          q2 = siOf(evaluateAmount(b as ParameterValue, model.scope));
        } catch (error) {
          throw badBound(path, `cannot read the bound ${JSON.stringify(b)}: ${(error as Error).message}`, 'give a number or an amount with a unit');
        }
        if (!sameDims(q2.dims, dims)) throw badBound(path, `the bound ${JSON.stringify(b)} has another dimension than parameter "${name}"`, 'give it in the parameter\'s unit');
        return q2.si / scaleTo;
      },
    };
    if (spec) Object.assign(input, { spec, specPath });
    out.push(input);
  }

  // Components with a mass: their material and end-of-life rows scale with it (per-item rows do not).
  const walk = (nodes: readonly NodeState[]) => {
    for (const n of nodes) {
      const rows = n.rows.filter((r) => !r.factor.unit.isCount);
      if (n.component.mass !== undefined && rows.length) {
        out.push({
          key: `component:${n.instance.idPath}`, kind: 'component', label: n.instance.name, path: n.instance.path,
          value: n.instance.unitMassKg, unit: 'kg', rows, bound: unitBound(model.scope, 'kg'), ...specAt(n.component, n.instance.path, dq),
        });
      }
      walk(n.children);
    }
  };
  walk(model.roots);

  // Inventory lines.
  const lines = product.inventory ?? [];
  model.lineRows.forEach((row, i) => {
    const line = lines[i]!;
    const origin = options.lineOrigins ? options.lineOrigins[i]! : i;
    const key = line.id !== undefined ? `line:${line.id}` : origin >= 0 ? `line:/inventory/${origin}` : `line:/variant/inventory/${i}`;
    out.push({
      key, kind: 'line', label: row.label, path: row.path, value: row.amount, unit: row.unit, rows: [row],
      bound: unitBound(model.scope, row.unit), ...specAt(line, row.path, dq),
    });
  });

  // Factors, once each, with every row that uses them.
  const byFactor = new Map<string, InventoryRow[]>();
  const all: InventoryRow[] = [];
  const collect = (nodes: readonly NodeState[]) => nodes.forEach((n) => { all.push(...n.rows); collect(n.children); });
  collect(model.roots);
  all.push(...model.lineRows);
  for (const row of all) {
    if (row.substance !== undefined) continue;
    const list = byFactor.get(factorKey(row));
    if (list) list.push(row);
    else byFactor.set(factorKey(row), [row]);
  }
  const customIndex = new Map((product.factors ?? []).map((f, i) => [f.id, i]));
  for (const [id, rows] of byFactor) {
    const f = rows[0]!.factor;
    const ci = customIndex.get(id);
    let found: { spec?: Uncertainty; specPath?: string } = {};
    if (pu.factors?.[id]) found = { spec: pu.factors[id], specPath: pointer('uncertainty', 'factors', id) };
    else if (ci !== undefined) found = specAt(product.factors![ci], pointer('factors', ci), dq);
    else if (dq) found = { spec: { distribution: 'pedigree', dataQuality: dq } };
    out.push({
      key: `factor:${id}`, kind: 'factor', label: f.name, path: ci !== undefined ? pointer('factors', ci) : rows[0]!.path,
      value: f.value.kgCO2e.toNumber(), unit: `kg CO2e/${f.unit.text}`, rows,
      bound: (b, path) => {
        if (typeof b !== 'number') throw badBound(path, `a factor bound is a number of kg CO2e per ${f.unit.text}`, 'give a number');
        return b;
      },
      ...found,
    });
  }
  return out;
}

import { compileProduct, LcaInputError, type ComponentInstance, type InputIssue, type InventoryRow } from '@greenlca/engine';
import type { Component, InventoryLine, ParameterValue, Product } from '@greenlca/schema';
import { fastLineRow } from './fast-line.js';
import type { NodeState, WhatIfModel } from './types.js';

/**
 * The engine calls of the model. Anything recompiled on its own (a component subtree, a batch of
 * lines) is compiled as a small product holding just that part, the parameters and custom factors it
 * needs, and the engine's paths are mapped back to the part's place in the real product.
 */

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/g;
const symbolCache = new Map<string, string[]>();

/** Names an expression mentions (a superset of the parameters it uses). */
export function symbols(value: unknown): string[] {
  if (typeof value !== 'string') return [];
  let s = symbolCache.get(value);
  if (!s) {
    s = [...new Set(value.match(IDENT) ?? [])];
    if (symbolCache.size > 100_000) symbolCache.clear();
    symbolCache.set(value, s);
  }
  return s;
}

/** Parameters needed to evaluate the given values: those they name, and those those name. */
export function neededParameters(parameters: Record<string, ParameterValue> | undefined, values: unknown[]): Record<string, ParameterValue> | undefined {
  if (!parameters) return undefined;
  const out: Record<string, ParameterValue> = {};
  const stack = values.flatMap(symbols);
  while (stack.length) {
    const name = stack.pop()!;
    if (name in out || !Object.hasOwn(parameters, name)) continue;
    out[name] = parameters[name]!;
    stack.push(...symbols(parameters[name]));
  }
  return out;
}

function factorIdsOf(component: Component, ownOnly: boolean, into: Set<string>): void {
  if (component.material) into.add(component.material);
  for (const r of component.endOfLife ?? []) if (r.factor) into.add(r.factor);
  if (!ownOnly) for (const c of component.children ?? []) factorIdsOf(c, false, into);
}

function valuesOf(component: Component, ownOnly: boolean, into: unknown[]): void {
  into.push(component.quantity, component.mass);
  if (!ownOnly) for (const c of component.children ?? []) valuesOf(c, false, into);
}

function subProduct(product: Product, parts: Pick<Product, 'components' | 'inventory'>, factorIds: Set<string>, values: unknown[]): Product {
  const sub: Product = {
    schemaVersion: 1, id: product.id, name: product.name, functionalUnit: product.functionalUnit, ...parts,
  };
  if (product.gwp) sub.gwp = product.gwp;
  if (product.processes?.length) {
    // Foreground processes act as factors and may use any parameter or custom factor: keep them all.
    sub.processes = product.processes;
    if (product.parameters) sub.parameters = product.parameters;
    if (product.factors) sub.factors = product.factors;
    return sub;
  }
  const parameters = neededParameters(product.parameters, values);
  if (parameters) sub.parameters = parameters;
  const factors = (product.factors ?? []).filter((f) => factorIds.has(f.id));
  if (factors.length) sub.factors = factors;
  return sub;
}

/** Rewrite a path that starts with `from` to start with `to`. */
function rebase(path: string, from: string, to: string): string {
  return path === from || path.startsWith(from + '/') ? to + path.slice(from.length) : path;
}

function rethrow(error: unknown, map: (path: string) => string): never {
  if (error instanceof LcaInputError) {
    throw new LcaInputError(error.issues.map((i: InputIssue) => ({ ...i, path: map(i.path) })));
  }
  throw error;
}

/** Build node states from the engine's flat, depth-first instances and rows. */
export function nodesFrom(
  components: Component[], instances: ComponentInstance[], rows: InventoryRow[],
): NodeState[] {
  const rowsByPath = new Map<string, InventoryRow[]>();
  for (const row of rows) {
    const owner = row.kind === 'endOfLife' ? row.path.slice(0, row.path.lastIndexOf('/endOfLife/')) : row.path;
    const list = rowsByPath.get(owner);
    if (list) list.push(row);
    else rowsByPath.set(owner, [row]);
  }
  let next = 0;
  const build = (list: Component[]): NodeState[] => list.map((component) => {
    const instance = instances[next++]!;
    const children = build(component.children ?? []);
    return { component, instance, rows: rowsByPath.get(instance.path) ?? [], children };
  });
  return build(components);
}

/** Compile one component (with its subtree unless `keepChildren` is given) at its real place. */
export function compileNode(
  model: Pick<WhatIfModel, 'product' | 'library' | 'gwp'>, product: Product, component: Component, path: string,
  parent: ComponentInstance | undefined, keepChildren?: readonly NodeState[],
): NodeState {
  const own: Component = keepChildren ? withoutChildren(component) : component;
  const wrapped: Component = parent ? { id: parent.idPath, quantity: parent.quantity, stage: parent.stage, children: [own] } : own;
  const subPath = parent ? '/components/0/children/0' : '/components/0';
  const ids = new Set<string>();
  factorIdsOf(own, false, ids);
  const values: unknown[] = [];
  valuesOf(own, false, values);
  const sub = subProduct(product, { components: [wrapped] }, ids, values);
  let compiled;
  try {
    compiled = compileProduct(sub, model.library, { gwp: model.gwp });
  } catch (error) {
    rethrow(error, (p) => rebase(p, subPath, path));
  }
  const depthShift = parent ? parent.depth + 1 - 1 : 0;
  const instances = compiled.components.slice(parent ? 1 : 0).map((i) => {
    const out: ComponentInstance = { ...i, path: rebase(i.path, subPath, path), depth: i.depth + depthShift };
    return out;
  });
  const rows = compiled.rows.map((r) => ({ ...r, path: rebase(r.path, subPath, path) }));
  const [node] = nodesFrom([own], instances, rows);
  return keepChildren ? { ...node!, component, children: keepChildren } : { ...node!, component };
}

function withoutChildren(component: Component): Component {
  const { children: _children, ...rest } = component;
  return rest;
}

/** Rows for inventory lines (index → row): the fast path where it applies, one engine call for the rest. */
export function compileLines(
  model: Pick<WhatIfModel, 'library' | 'gwp' | 'resolver' | 'componentIds' | 'scope'>, product: Product, indices: readonly number[],
): Map<number, InventoryRow> {
  const lines = product.inventory ?? [];
  const out = new Map<number, InventoryRow>();
  const slow: number[] = [];
  for (const i of indices) {
    const line = lines[i]!;
    let component: string | undefined;
    if (line.component !== undefined) component = resolveComponent(line.component, model.componentIds);
    const factor = line.factor !== undefined ? model.resolver.resolve(line.factor, '') : undefined;
    const row = line.component !== undefined && component === undefined ? undefined : fastLineRow(line, i, factor, component, model.scope);
    if (row) out.set(i, row);
    else slow.push(i);
  }
  if (slow.length) for (const [i, row] of compileSlowLines(model, product, slow)) out.set(i, row);
  return out;
}

function compileSlowLines(
  model: Pick<WhatIfModel, 'library' | 'gwp' | 'componentIds'>, product: Product, indices: number[],
): Map<number, InventoryRow> {
  const lines = product.inventory ?? [];
  const ids = new Set<string>();
  const subLines: InventoryLine[] = indices.map((i) => {
    const line = lines[i]!;
    if (line.factor) ids.add(line.factor);
    if (line.component === undefined) return line;
    const { component: _component, ...rest } = line;
    return rest;
  });
  const sub = subProduct(product, { inventory: subLines }, ids, subLines.map((l) => l.amount));
  const realPath = (p: string) => {
    const m = /^\/inventory\/(\d+)(.*)$/.exec(p);
    return m ? `/inventory/${indices[Number(m[1])]}${m[2]}` : p;
  };
  const issues: InputIssue[] = [];
  // The engine resolves `component` against the whole bill of materials, which the small product lacks.
  indices.forEach((i) => {
    const ref = lines[i]!.component;
    if (ref !== undefined && resolveComponent(ref, model.componentIds) === undefined) {
      issues.push({ code: 'UNKNOWN_COMPONENT', path: `/inventory/${i}/component`, message: `no component "${ref}"`, hint: 'use a component id path such as "body/screw"' });
    }
  });
  let compiled;
  try {
    compiled = compileProduct(sub, model.library, { gwp: model.gwp });
  } catch (error) {
    if (error instanceof LcaInputError) issues.push(...error.issues.map((i) => ({ ...i, path: realPath(i.path) })));
    else throw error;
  }
  if (issues.length || !compiled) throw new LcaInputError(issues);
  const out = new Map<number, InventoryRow>();
  for (const row of compiled.rows) {
    const k = Number(/^\/inventory\/(\d+)$/.exec(row.path)![1]);
    const i = indices[k]!;
    const fixed: InventoryRow = { ...row, path: `/inventory/${i}` };
    const ref = lines[i]!.component;
    if (ref !== undefined) fixed.component = resolveComponent(ref, model.componentIds)!;
    out.set(i, fixed);
  }
  return out;
}

/** The engine's rule: an exact id path, or a unique id-path tail. */
export function resolveComponent(ref: string, ids: ReadonlySet<string>): string | undefined {
  if (ids.has(ref)) return ref;
  let found: string | undefined;
  for (const p of ids) {
    if (p.endsWith('/' + ref)) {
      if (found !== undefined) return undefined;
      found = p;
    }
  }
  return found;
}

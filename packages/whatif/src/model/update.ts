import { compileProduct, LcaInputError, type ComponentInstance, type InventoryRow, type Scope } from '@greenlca/engine';
import type { Component, ForegroundProcess, InventoryLine, ParameterValue, Product } from '@greenlca/schema';
import { buildModel } from './build.js';
import { revalue } from './revalue.js';
import { compileLines, compileNode, neededParameters, symbols } from './compile.js';
import { modelCategories } from './categories.js';
import { forEachNode, inventoryTracking, SumsEditor } from './sums.js';
import type { NodeState, WhatIfModel } from './types.js';

/**
 * The model of `next`, an edited copy of the model's product, recompiling only what changed.
 *
 * Edits are found by object identity, so treat products as immutable and copy only along the edited
 * path (`applyScenario` and the `edit*` helpers do): an unchanged line or component is the same object
 * and is not looked at again. Then:
 * - a changed line is recompiled alone; lines added, removed or moved keep the rows of the others;
 * - a component whose own fields changed (mass, material, end of life) recompiles its own rows; one
 *   whose quantity, stage or id changed recompiles its subtree; children are compared the same way;
 * - a changed parameter recompiles the lines and components whose expressions use it (directly or
 *   through other parameters);
 * - another GWP set re-values every row without compiling any amount again (`revalue`);
 * - changed custom factors or foreground processes rebuild the model, and so does a changed parameter
 *   a process uses: the network is solved by the engine alone (the model keeps its factors, not its inputs).
 * Totals are adjusted by the difference of the recompiled rows, exactly.
 */
export function updateModel(model: WhatIfModel, next: Product): WhatIfModel {
  const prev = model.product;
  if (next === prev) return model;
  if (!sameJson(prev.factors, next.factors) || !sameJson(prev.processes, next.processes)) return buildModel(next, model.library, model.options);
  const gwp = model.options.gwp ?? next.gwp ?? 'AR6';
  if (gwp !== model.gwp || (prev.gwp ?? 'AR6') !== (next.gwp ?? 'AR6')) {
    // Another GWP set: re-value every row (no amount is compiled again), then apply the other edits.
    const gwpOnly: Product = { ...prev };
    if (next.gwp === undefined) delete gwpOnly.gwp;
    else gwpOnly.gwp = next.gwp;
    const revalued = revalue(model, gwpOnly, gwp);
    if (!revalued) return buildModel(next, model.library, model.options);
    return updateModel(revalued, next);
  }
  let scope = model.scope;
  let changed = new Set<string>();
  if (prev.parameters !== next.parameters) {
    const edit = changedParameters(prev.parameters, next.parameters);
    changed = edit.changed;
    if (changed.size && (next.processes ?? []).some((p) => processUses(changed, p))) return buildModel(next, model.library, model.options);
    if (changed.size) scope = evaluateParameters(next, model, changed, edit.sameNames);
  }
  const editor = new SumsEditor(
    model.sums, model.options.lcia ? modelCategories(model.options.lcia, model.library) : undefined, inventoryTracking(model.options, model.library),
  );
  const ctx: Ctx = { model, next, changed, editor, subtrees: false };
  let roots = model.roots;
  let componentIds = model.componentIds;
  if (prev.components !== next.components || changed.size) {
    roots = diffList(ctx, model.roots, prev.components ?? [], next.components ?? [], undefined, '/components');
    // Id paths change only with subtrees replaced, added or removed: an edit of one component's own
    // fields must not cost a walk of the whole bill of materials (a tornado makes one per component).
    if (ctx.subtrees) {
      const ids = new Set<string>();
      const walk = (list: readonly NodeState[]) => list.forEach((n) => { ids.add(n.instance.idPath); walk(n.children); });
      walk(roots);
      if (ids.size !== componentIds.size || [...ids].some((id) => !componentIds.has(id))) componentIds = ids;
    }
  }
  const lineRows = diffLines(ctx, componentIds, scope);
  return { ...model, product: next, scope, roots, componentIds, lineRows, sums: editor.finish() };
}

interface Ctx {
  model: WhatIfModel;
  next: Product;
  changed: ReadonlySet<string>;
  editor: SumsEditor;
  /** Set when a subtree was replaced, added or removed (component id paths may have changed). */
  subtrees: boolean;
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function uses(changed: ReadonlySet<string>, value: unknown): boolean {
  return changed.size > 0 && symbols(value).some((s) => changed.has(s));
}

function processUses(changed: ReadonlySet<string>, process: ForegroundProcess): boolean {
  return uses(changed, process.output) || process.inputs.some((input) => uses(changed, input.amount));
}

/** Parameters whose value changed, and those defined in terms of them; and whether the names are the same. */
function changedParameters(a: Record<string, ParameterValue> | undefined, b: Record<string, ParameterValue> | undefined): { changed: Set<string>; sameNames: boolean } {
  const before = a ?? {};
  const after = b ?? {};
  const changed = new Set<string>();
  const names = Object.keys(after);
  let sameNames = names.length === Object.keys(before).length;
  for (const name of names) {
    const was = before[name];
    if (was === after[name]) continue;
    if (!Object.hasOwn(before, name)) sameNames = false;
    if (!sameJson(was, after[name])) changed.add(name);
  }
  if (!sameNames) for (const name of Object.keys(before)) if (!Object.hasOwn(after, name)) changed.add(name);
  // An unchanged parameter mentions what it mentioned before the edit: follow the model's own index
  // rather than reading every parameter again for each edit (a tornado makes one per parameter).
  const stack = [...changed];
  const mentions = mentionsIn(before);
  while (stack.length) {
    for (const name of mentions.get(stack.pop()!) ?? []) {
      if (!changed.has(name) && Object.hasOwn(after, name)) {
        changed.add(name);
        stack.push(name);
      }
    }
  }
  return { changed, sameNames };
}

/** For each name, the parameters whose value mentions it (computed once per parameters object). */
const mentionsCache = new WeakMap<object, Map<string, string[]>>();
function mentionsIn(parameters: Record<string, ParameterValue>): Map<string, string[]> {
  let out = mentionsCache.get(parameters);
  if (!out) {
    out = new Map();
    for (const [name, value] of Object.entries(parameters)) {
      for (const s of symbols(value)) {
        const list = out.get(s);
        if (list) list.push(name);
        else out.set(s, [name]);
      }
    }
    mentionsCache.set(parameters, out);
  }
  return out;
}

/**
 * The scope after an edit of parameters' values: only the changed ones (and those they need) are
 * evaluated when the names are the same as before, else every one. A problem is always reported by
 * the evaluation of every parameter, as before, so the issues do not depend on the path taken.
 */
function evaluateParameters(product: Product, model: WhatIfModel, changed: ReadonlySet<string>, sameNames: boolean): Scope {
  const evaluate = (parameters: Record<string, ParameterValue> | undefined) => {
    const sub: Product = { schemaVersion: 1, id: product.id, name: product.name, functionalUnit: product.functionalUnit };
    if (parameters) sub.parameters = parameters;
    return compileProduct(sub, model.library, { gwp: model.gwp }).scope;
  };
  if (!sameNames) return evaluate(product.parameters);
  const after = product.parameters ?? {};
  let part: Scope;
  try {
    const needed: Record<string, ParameterValue> = { ...neededParameters(after, [...changed].map((n) => after[n])) };
    for (const name of changed) needed[name] = after[name]!;
    part = evaluate(needed);
  } catch (error) {
    if (error instanceof LcaInputError) return evaluate(product.parameters);
    throw error;
  }
  const scope = new Map(model.scope);
  for (const name of changed) {
    const q = part.get(name);
    if (q === undefined) return evaluate(product.parameters);
    scope.set(name, q);
  }
  return scope;
}

function allRows(node: NodeState, into: InventoryRow[] = []): InventoryRow[] {
  into.push(...node.rows);
  for (const c of node.children) allRows(c, into);
  return into;
}

function replaceSubtree(ctx: Ctx, old: NodeState | undefined, fresh: NodeState): NodeState {
  ctx.subtrees = true;
  if (old) removeSubtree(ctx, old);
  ctx.editor.add(allRows(fresh));
  forEachNode([fresh], (n) => ctx.editor.component(n.instance, n.rows, 1));
  return fresh;
}

function removeSubtree(ctx: Ctx, old: NodeState): void {
  ctx.subtrees = true;
  ctx.editor.remove(allRows(old));
  forEachNode([old], (n) => ctx.editor.component(n.instance, n.rows, -1));
}

function rebase(path: string, from: string, to: string): string {
  return path === from || path.startsWith(from + '/') ? to + path.slice(from.length) : path;
}

/** The same subtree at another index among its siblings. */
function moveNode(node: NodeState, from: string, to: string): NodeState {
  return {
    component: node.component,
    instance: { ...node.instance, path: rebase(node.instance.path, from, to) },
    rows: node.rows.map((r) => ({ ...r, path: rebase(r.path, from, to) })),
    children: node.children.map((c) => moveNode(c, from, to)),
  };
}

function checkSiblingIds(list: readonly Component[], basePath: string): void {
  const seen = new Set<string>();
  list.forEach((c, i) => {
    if (seen.has(c.id)) {
      throw new LcaInputError([{ code: 'DUPLICATE_ID', path: `${basePath}/${i}/id`, message: `two components under the same parent have the id "${c.id}"`,
        hint: 'give siblings distinct ids, or merge them and raise the quantity' }]);
    }
    seen.add(c.id);
  });
}

function diffList(
  ctx: Ctx, states: readonly NodeState[], prevList: readonly Component[], nextList: readonly Component[],
  parent: ComponentInstance | undefined, basePath: string,
): readonly NodeState[] {
  if ((prevList === nextList && !ctx.changed.size) || (!prevList.length && !nextList.length)) return states;
  // An edit in place (the usual one): the same ids in the same order as the model's list, which was
  // checked when it was compiled. Only the components that are other objects are looked at, and their
  // paths built, as a tornado makes one such edit per component of a bill of thousands.
  const edited: number[] = [];
  if (prevList !== nextList && prevList.length === nextList.length) {
    for (let i = 0; i < nextList.length; i++) if (prevList[i] !== nextList[i]) edited.push(i);
  }
  if (prevList.length === nextList.length && edited.every((i) => prevList[i]!.id === nextList[i]!.id)) {
    let out: NodeState[] | undefined;
    // Else only the components whose subtree mentions a changed parameter can change.
    const visit = ctx.changed.size ? withMentions(edited, prevList, ctx.changed) : edited;
    for (const i of visit) {
      const node = prevList[i] !== nextList[i] ? diffNode(ctx, states[i]!, prevList[i]!, nextList[i]!, parent, `${basePath}/${i}`)
        : refresh(ctx, states[i]!, parent);
      if (node !== states[i]) (out ??= states.slice())[i] = node;
    }
    return out ?? states;
  }
  checkSiblingIds(nextList, basePath);
  const byObject = new Map(prevList.map((c, i) => [c, i]));
  const used = new Set<number>();
  let same = prevList.length === nextList.length;
  const out = nextList.map((c, i) => {
    const path = `${basePath}/${i}`;
    const j = byObject.get(c);
    let node: NodeState;
    if (j !== undefined && prevList[j] === c && !used.has(j)) {
      used.add(j);
      node = refresh(ctx, j === i ? states[j]! : moveNode(states[j]!, `${basePath}/${j}`, path), parent, path);
    } else {
      node = replaceSubtree(ctx, undefined, compileNode(ctx.model, ctx.next, c, path, parent));
    }
    if (node !== states[i]) same = false;
    return node;
  });
  states.forEach((s, j) => { if (!used.has(j)) removeSubtree(ctx, s); });
  return same ? states : out;
}

/** `indices`, and those of the components of `list` whose subtree mentions one of `names`, in order. */
function withMentions(indices: readonly number[], list: readonly Component[], names: ReadonlySet<string>): number[] {
  const mentions = mentionsInList(list);
  const out = new Set(indices);
  for (const name of names) for (const i of mentions.get(name) ?? []) out.add(i);
  return [...out].sort((a, b) => a - b);
}

/**
 * For each name, the indices of the components of a list whose quantity or mass, or a descendant's,
 * mentions it (computed once per list): a parameter edit visits those, not every component.
 */
const listMentionsCache = new WeakMap<readonly Component[], Map<string, number[]>>();
function mentionsInList(list: readonly Component[]): Map<string, number[]> {
  let out = listMentionsCache.get(list);
  if (!out) {
    out = new Map();
    const names = new Set<string>();
    const collect = (c: Component) => {
      for (const s of symbols(c.quantity)) names.add(s);
      for (const s of symbols(c.mass)) names.add(s);
      c.children?.forEach(collect);
    };
    for (let i = 0; i < list.length; i++) {
      names.clear();
      collect(list[i]!);
      for (const s of names) {
        const indices = out.get(s);
        if (indices) indices.push(i);
        else out.set(s, [i]);
      }
    }
    listMentionsCache.set(list, out);
  }
  return out;
}

/**
 * The same component object: only changed parameters can touch it. `path` is its place in the product,
 * which its instance already has unless it moved (a path is built only where something is recompiled:
 * a tornado refreshes every component once per parameter).
 */
function refresh(ctx: Ctx, node: NodeState, parent: ComponentInstance | undefined, path = node.instance.path): NodeState {
  if (!ctx.changed.size) return node;
  const c = node.component;
  if (uses(ctx.changed, c.quantity)) return replaceSubtree(ctx, node, compileNode(ctx.model, ctx.next, c, path, parent));
  let out = node;
  if (uses(ctx.changed, c.mass)) out = recompileOwn(ctx, node, c, path, parent);
  if (!c.children?.length) return out;
  const children = diffList(ctx, out.children, c.children, c.children, out.instance, `${path}/children`);
  return children === out.children ? out : { ...out, children };
}

function recompileOwn(ctx: Ctx, node: NodeState, c: Component, path: string, parent: ComponentInstance | undefined): NodeState {
  const fresh = compileNode(ctx.model, ctx.next, c, path, parent, node.children);
  ctx.editor.remove(node.rows);
  ctx.editor.component(node.instance, node.rows, -1);
  ctx.editor.add(fresh.rows);
  ctx.editor.component(fresh.instance, fresh.rows, 1);
  return fresh;
}

function ownEqual(a: Component, b: Component): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('children');
  for (const k of keys) if (!sameJson(a[k], b[k])) return false;
  return true;
}

function diffNode(ctx: Ctx, node: NodeState, prevC: Component, nextC: Component, parent: ComponentInstance | undefined, path: string): NodeState {
  if (prevC === nextC) return refresh(ctx, node, parent, path);
  if (!sameJson(prevC.quantity, nextC.quantity) || prevC.stage !== nextC.stage || prevC.id !== nextC.id || uses(ctx.changed, nextC.quantity)) {
    return replaceSubtree(ctx, node, compileNode(ctx.model, ctx.next, nextC, path, parent));
  }
  let out: NodeState = node;
  if (!ownEqual(prevC, nextC) || uses(ctx.changed, nextC.mass)) out = recompileOwn(ctx, node, nextC, path, parent);
  const children = diffList(ctx, out.children, prevC.children ?? [], nextC.children ?? [], out.instance, `${path}/children`);
  return { ...out, component: nextC, children };
}

function diffLines(ctx: Ctx, componentIds: ReadonlySet<string>, scope: Scope): readonly InventoryRow[] {
  const { model, next, changed } = ctx;
  const prevLines = model.product.inventory ?? [];
  const nextLines = next.inventory ?? [];
  const idsChanged = componentIds !== model.componentIds;
  if (prevLines === nextLines && !changed.size && !idsChanged) return model.lineRows;
  const anyStale = changed.size > 0 || idsChanged;
  const stale = (line: InventoryLine) => anyStale && (uses(changed, line.amount) || (idsChanged && line.component !== undefined));
  const compile: number[] = [];
  const removed: InventoryRow[] = [];
  let rows: InventoryRow[];
  if (prevLines.length === nextLines.length) {
    // The usual edit: lines changed in place. Only identities are compared.
    for (let i = 0; i < nextLines.length; i++) {
      if (prevLines[i] !== nextLines[i] || stale(nextLines[i]!)) compile.push(i);
    }
    if (!compile.length) return model.lineRows;
    rows = model.lineRows.slice();
    for (const i of compile) removed.push(model.lineRows[i]!);
  } else {
    // Lines added, removed or moved: pair them with the old ones by identity.
    rows = new Array<InventoryRow>(nextLines.length);
    const byObject = new Map<InventoryLine, number[]>();
    prevLines.forEach((l, j) => { const list = byObject.get(l); if (list) list.push(j); else byObject.set(l, [j]); });
    const used = new Uint8Array(prevLines.length);
    nextLines.forEach((line, i) => {
      const j = byObject.get(line)?.shift();
      if (j !== undefined && !stale(line)) {
        used[j] = 1;
        const row = model.lineRows[j]!;
        rows[i] = j === i ? row : { ...row, path: `/inventory/${i}` };
      } else compile.push(i);
    });
    model.lineRows.forEach((row, j) => { if (!used[j]) removed.push(row); });
  }
  const lineModel = { library: model.library, gwp: model.gwp, resolver: model.resolver, componentIds, scope };
  const fresh = compileLines(lineModel, next, compile);
  ctx.editor.remove(removed);
  for (const i of compile) {
    rows[i] = fresh.get(i)!;
    ctx.editor.add([rows[i]!]);
  }
  return rows;
}

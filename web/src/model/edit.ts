/**
 * @module model/edit — immutable edits of a product. Each returns a new product that shares every
 * untouched object with the old one, which is what lets the live calculator recalculate only the
 * parts an edit touched.
 */
import type { Component, InventoryLine, Product, Stage } from '@greenlca/schema';

export function setLine(product: Product, index: number, patch: Partial<InventoryLine>): Product {
  const inventory = [...(product.inventory ?? [])];
  const line: InventoryLine = { ...inventory[index]!, ...patch };
  for (const key of Object.keys(patch) as (keyof InventoryLine)[]) if (patch[key] === undefined) delete line[key];
  inventory[index] = line;
  return { ...product, inventory };
}

export function addLine(product: Product, line: InventoryLine): Product {
  return { ...product, inventory: [...(product.inventory ?? []), line] };
}

export function removeLine(product: Product, index: number): Product {
  return { ...product, inventory: (product.inventory ?? []).filter((_, i) => i !== index) };
}

/** A component's place in the tree: indices from the root list down through `children`. */
export type TreePath = number[];

function mapAt(list: Component[], path: TreePath, fn: (c: Component) => Component | undefined): Component[] {
  const [head, ...rest] = path;
  const out: Component[] = [];
  list.forEach((c, i) => {
    if (i !== head) out.push(c);
    else if (!rest.length) {
      const next = fn(c);
      if (next) out.push(next);
    } else out.push({ ...c, children: mapAt(c.children ?? [], rest, fn) });
  });
  return out;
}

export function setComponent(product: Product, path: TreePath, patch: Partial<Component>): Product {
  return {
    ...product,
    components: mapAt(product.components ?? [], path, (c) => {
      const next: Component = { ...c, ...patch };
      for (const key of Object.keys(patch)) if (patch[key] === undefined) delete next[key];
      return next;
    }),
  };
}

export function removeComponent(product: Product, path: TreePath): Product {
  return { ...product, components: mapAt(product.components ?? [], path, () => undefined) };
}

/** A fresh id among siblings: part-1, part-2 … */
export function freshId(siblings: readonly { id: string }[], base = 'part'): string {
  const taken = new Set(siblings.map((s) => s.id));
  for (let n = siblings.length + 1; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Add a component at the root (`parent` empty) or as a child of `parent`. */
export function addComponent(product: Product, parent: TreePath, component?: Partial<Component>): Product {
  const make = (siblings: Component[]): Component => ({ id: freshId(siblings), quantity: 1, ...component });
  if (!parent.length) {
    const list = product.components ?? [];
    return { ...product, components: [...list, make(list)] };
  }
  return {
    ...product,
    components: mapAt(product.components ?? [], parent, (c) => ({ ...c, children: [...(c.children ?? []), make(c.children ?? [])] })),
  };
}

/** Every component's id path ("body/screw"), for attributing lines to components. */
export function componentPaths(components: readonly Component[] | undefined, prefix = ''): string[] {
  const out: string[] = [];
  for (const c of components ?? []) {
    const p = prefix ? `${prefix}/${c.id}` : c.id;
    out.push(p, ...componentPaths(c.children, p));
  }
  return out;
}

export function newProduct(name: string): Product {
  const id = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || `product-${Date.now()}`;
  return { schemaVersion: 1, id, name: name.trim() || id, functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', gwp: 'AR6', components: [], inventory: [] };
}

export function emptyLine(stage: Stage): InventoryLine {
  return { stage, factor: '', amount: '' } as InventoryLine;
}

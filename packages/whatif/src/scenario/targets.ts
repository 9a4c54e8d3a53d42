import type { Component, Product } from '@greenlca/schema';

/** A component of the product with the ways an override may name it. */
export interface ComponentTarget {
  idPath: string;
  /** Path segments from the product root: ['components', 0, 'children', 2]. */
  segments: (string | number)[];
  pointer: string;
  component: Component;
}

/** Every component of the product, parents before children. */
export function componentTargets(product: Product): ComponentTarget[] {
  const out: ComponentTarget[] = [];
  const walk = (list: Component[] | undefined, segments: (string | number)[], parent: string | undefined) => {
    (list ?? []).forEach((component, i) => {
      const segs = [...segments, i];
      const idPath = parent ? `${parent}/${component.id}` : component.id;
      out.push({ idPath, segments: segs, pointer: '/' + segs.join('/'), component });
      walk(component.children, [...segs, 'children'], idPath);
    });
  };
  walk(product.components, ['components'], undefined);
  return out;
}

/**
 * Find a component by JSON pointer, id path, or an id (or id-path tail) that is unique, the same rule
 * the engine uses for `InventoryLine.component`.
 */
export function findComponent(targets: ComponentTarget[], ref: string): ComponentTarget | undefined {
  if (ref.startsWith('/')) return targets.find((t) => t.pointer === ref);
  const exact = targets.find((t) => t.idPath === ref);
  if (exact) return exact;
  const tail = targets.filter((t) => t.idPath.endsWith('/' + ref));
  return tail.length === 1 ? tail[0] : undefined;
}

/** Find an inventory line by JSON pointer (/inventory/3) or by its `id`. */
export function findLine(product: Product, ref: string): number | undefined {
  const lines = product.inventory ?? [];
  const m = /^\/inventory\/(\d+)$/.exec(ref);
  if (m) {
    const index = Number(m[1]);
    return index < lines.length ? index : undefined;
  }
  const matches = lines.flatMap((l, i) => (l.id === ref ? [i] : []));
  return matches.length === 1 ? matches[0] : undefined;
}

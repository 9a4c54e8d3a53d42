import { Component, CustomFactor, EndOfLifeRoute, FunctionalUnit, InventoryLine, Product, SubstanceContent, type Diagnostic } from '@greenlca/schema';
import { closest } from '../errors.js';

const keys = (schema: { properties?: Record<string, unknown> }) => new Set(Object.keys(schema.properties ?? {}));
const PRODUCT = keys(Product);
const COMPONENT = keys(Component as never);
const LINE = keys(InventoryLine);
const FACTOR = keys(CustomFactor);
const FU = keys(FunctionalUnit);
const ROUTE = keys(EndOfLifeRoute);
const CONTENT = keys(SubstanceContent);

/**
 * Fields the model does not define are kept (add fields freely) but flagged: a typo such as
 * "compnents" would otherwise drop data silently.
 */
export function unknownFields(product: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  // A field's pointer is made only for a field found unknown (most documents have none).
  const check = (value: unknown, known: Set<string>, base: string, index = -1) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    for (const key in value) {
      if (!Object.hasOwn(value, key) || known.has(key) || key.startsWith('x-') || key === '$schema') continue;
      const near = closest(key, known, 1);
      const path = index < 0 ? base : `${base}/${index}`;
      const d: Diagnostic = { code: 'UNKNOWN_FIELD', message: `"${key}" is not a field of product model v1 and is ignored`, path: `${path}/${key}` };
      if (near.length) d.hint = `did you mean "${near[0]}"?`;
      else d.hint = 'prefix custom fields with "x-" to mark them as extensions';
      out.push(d);
    }
  };
  const each = (list: unknown, known: Set<string>, path: string, inner?: (v: Record<string, unknown>, base: string, index: number) => void) => {
    if (!Array.isArray(list)) return;
    for (let i = 0; i < list.length; i++) {
      const v: unknown = list[i];
      check(v, known, path, i);
      if (inner && v && typeof v === 'object') inner(v as Record<string, unknown>, path, i);
    }
  };
  const component = (c: Record<string, unknown>, base: string, index: number): void => {
    if (c.endOfLife === undefined && c.substances === undefined && c.children === undefined) return;
    const p = `${base}/${index}`;
    each(c.endOfLife, ROUTE, `${p}/endOfLife`);
    each(c.substances, CONTENT, `${p}/substances`);
    each(c.children, COMPONENT, `${p}/children`, component);
  };
  // Called on documents that failed their schema too (read-product.ts): anything but an object has no fields.
  if (!product || typeof product !== 'object' || Array.isArray(product)) return out;
  check(product, PRODUCT, '');
  const p = product as Record<string, unknown>;
  check(p.functionalUnit, FU, '/functionalUnit');
  each(p.factors, FACTOR, '/factors');
  each(p.inventory, LINE, '/inventory');
  each(p.components, COMPONENT, '/components', component);
  return out;
}

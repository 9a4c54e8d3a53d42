import { EvaluationInputError } from '../errors.js';
import type { ProductSpecification, Specification } from '../spec/schema.js';
import type { CodedReason } from '../codes.js';
import { text } from '../vocabulary.js';

/**
 * @module Is the product in the specification's scope (clause 1 范围)? A declared category decides; else
 * the product's name and description are read against the scopes' names (data in each specification).
 * A product that reads as another specification's category is refused (OUT_OF_SCOPE): evaluating an air
 * conditioner against the lithium-ion battery specification says so instead of producing a verdict. One
 * that reads as nothing stays evaluable, but unconfirmed (SCOPE_UNCONFIRMED keeps the verdict incomplete).
 */

export interface ScopeCheck {
  category: string | null;
  how: 'declared' | 'name' | 'general' | 'unconfirmed';
}

const matches = (haystack: string, names: readonly string[]) => names.some((n) => haystack.includes(n.toLowerCase()));

function productText(product: unknown): string {
  if (typeof product !== 'object' || product === null) return '';
  const p = product as { name?: unknown; description?: unknown };
  return [p.name, p.description].filter((x): x is string => typeof x === 'string').join(' ').toLowerCase();
}

export function checkScope(spec: ProductSpecification, product: unknown, declared: string | undefined, registry: readonly Specification[]): { scope: ScopeCheck; reason?: CodedReason } {
  const scope = spec.productScope;
  if (!scope) return { scope: { category: declared ?? null, how: 'general' } };
  const ids = scope.categories.map((c) => c.id);
  const elsewhere = (has: (c: { id: string; names: string[] }) => boolean) => registry
    .filter((s): s is ProductSpecification => s.kind === 'product' && s.id !== spec.id && s.productScope !== undefined)
    .flatMap((s) => s.productScope!.categories.filter(has).map((c) => ({ spec: s, category: c })));
  if (declared !== undefined) {
    if (ids.includes(declared)) return { scope: { category: declared, how: 'declared' } };
    const other = elsewhere((c) => c.id === declared);
    throw new EvaluationInputError([{
      code: 'OUT_OF_SCOPE', path: '/productCategory',
      message: `product category "${declared}" is not in the scope of ${spec.standard.number} (${ids.join(', ')})`,
      hint: other.length ? `evaluate against ${other.map((o) => `"${o.spec.id}" (${o.spec.standard.number})`).join(', ')}` : `this specification covers ${ids.join(', ')}`,
    }]);
  }
  const haystack = productText(product);
  const own = scope.categories.find((c) => matches(haystack, c.names));
  if (own) return { scope: { category: own.id, how: 'name' } };
  const other = elsewhere((c) => matches(haystack, c.names));
  if (other.length) {
    const o = other[0]!;
    throw new EvaluationInputError([{
      code: 'OUT_OF_SCOPE', path: '/product/name',
      message: `the product reads as ${o.category.name.en} (${o.category.id}), outside the scope of ${spec.standard.number} (${scope.categories.map((c) => c.name.en).join(', ')})`,
      hint: `evaluate against "${o.spec.id}" (${o.spec.standard.number}); if the name misleads, declare "productCategory": "${ids[0]}"`,
    }]);
  }
  return {
    scope: { category: null, how: 'unconfirmed' },
    reason: {
      code: 'SCOPE_UNCONFIRMED', subject: 'productScope',
      text: text(`未确认产品属于${spec.standard.number}的适用范围（${scope.categories.map((c) => c.name.zh).join('、')}）：请申报 productCategory`,
        `the product is not confirmed to be in the scope of ${spec.standard.number} (${scope.categories.map((c) => c.name.en).join(', ')}): declare productCategory`),
    },
  };
}

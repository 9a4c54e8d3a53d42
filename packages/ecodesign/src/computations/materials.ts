import { Type, type Static } from '@sinclair/typebox';
import { round } from '../units.js';
import { text, type Text } from '../vocabulary.js';
import { productMaterials, type BreakdownRow, type ComputedValue, type ProductContext } from './context.js';
import { recycledShareFromInventory } from './inventory.js';

/**
 * @module Mass ratios of the bill of materials.
 *
 *   packaging ratio  = Σ m_i (packaging-stage components) / Σ m_i (all other components)
 *   recycled share   = Σ m_i × recycledContent_i / Σ m_i      (product without packaging by default; from the
 *                      materials inventory, where a factor's own recycled/primary content fills in)
 *   renewable share  = Σ m_i × renewableContent_i / Σ m_i
 *
 * with m_i = own-material mass × quantity per functional unit. A component that does not declare its
 * recycled (renewable) content counts as 0: the share is then a lower bound.
 */

export const PackagingParameters = Type.Object({}, { additionalProperties: false });
export type PackagingParameters = Static<typeof PackagingParameters>;

export const ContentParameters = Type.Object(
  { includePackaging: Type.Optional(Type.Boolean({ description: 'Count packaging components (default false).' })) },
  { additionalProperties: false },
);
export type ContentParameters = Static<typeof ContentParameters>;

export function packagingRatio(ctx: ProductContext, _parameters: PackagingParameters): ComputedValue {
  let packagingKg = 0;
  let productKg = 0;
  const breakdown: BreakdownRow[] = [];
  for (const m of ctx.materials) {
    if (m.isPackaging) packagingKg += m.massKg;
    else productKg += m.massKg;
    breakdown.push({ item: m.idPath, label: m.name, stage: m.stage, values: { [m.isPackaging ? 'packagingKg' : 'productKg']: round(m.massKg) } });
  }
  const totals = { packagingKg: round(packagingKg), productKg: round(productKg) };
  const notes: Text[] = [];
  if (productKg === 0) {
    notes.push(text('产品模型中没有产品本体组件质量', 'the product model has no product (non-packaging) component masses'));
    return { value: null, breakdown, totals, notes };
  }
  if (packagingKg === 0) notes.push(text('物料清单中没有包装阶段的组件', 'no packaging-stage components in the bill of materials'));
  return { value: round(packagingKg / productKg), breakdown, totals, notes };
}

function renewableShare(ctx: ProductContext, parameters: ContentParameters): ComputedValue {
  const field = 'renewableContent';
  let totalKg = 0;
  let contentKg = 0;
  const undeclared: string[] = [];
  const breakdown: BreakdownRow[] = [];
  for (const m of productMaterials(ctx, parameters.includePackaging)) {
    totalKg += m.massKg;
    const share = m.component[field];
    const row: BreakdownRow = { item: m.idPath, label: m.name, stage: m.stage, values: { massKg: round(m.massKg) }, lines: [m.path] };
    if (share === undefined) {
      undeclared.push(m.idPath);
      row.note = text('未声明，按 0 计', 'not declared: counted as 0');
    } else {
      contentKg += m.massKg * share;
      row.values[`${field}Kg`] = round(m.massKg * share);
    }
    breakdown.push(row);
  }
  const totals = { totalMassKg: round(totalKg), [`${field}Kg`]: round(contentKg) };
  const notes: Text[] = [];
  if (totalKg === 0) {
    notes.push(text('产品模型中没有组件质量', 'the product model has no component masses'));
    return { value: null, breakdown, totals, notes };
  }
  const out: ComputedValue = { value: round(contentKg / totalKg), breakdown, totals, notes };
  if (undeclared.length) {
    out.bound = 'lower';
    notes.push(text(
      `${undeclared.length} 个组件未声明可再生材料含量（${undeclared.join('、')}），该值为下限`,
      `renewable content not declared for ${undeclared.length} component(s) (${undeclared.join(', ')}): the share is a lower bound`,
    ));
  }
  return out;
}

/** From the materials inventory: declared recycled contents first, else what each factor says (inventory.ts). */
export function recycledContentShare(ctx: ProductContext, parameters: ContentParameters): ComputedValue {
  return recycledShareFromInventory(ctx, parameters.includePackaging ? ['material', 'packaging'] : ['material']);
}

export function renewableContentShare(ctx: ProductContext, parameters: ContentParameters): ComputedValue {
  return renewableShare(ctx, parameters);
}

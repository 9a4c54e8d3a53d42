import { Type, type Static } from '@sinclair/typebox';
import { round } from '../units.js';
import { text, type Text } from '../vocabulary.js';
import { productMaterials, type BreakdownRow, type ComputedValue, type ProductContext } from './context.js';

/**
 * @module Mass ratios of the bill of materials.
 *
 *   packaging ratio  = Σ m_i (packaging-stage components) / Σ m_i (all other components)
 *   recycled share   = Σ m_i × recycledContent_i / Σ m_i      (product without packaging by default)
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

function contentShare(ctx: ProductContext, parameters: ContentParameters, field: 'recycledContent' | 'renewableContent'): ComputedValue {
  let totalKg = 0;
  let contentKg = 0;
  const undeclared: string[] = [];
  const breakdown: BreakdownRow[] = [];
  for (const m of productMaterials(ctx, parameters.includePackaging)) {
    totalKg += m.massKg;
    const share = m.component[field];
    const row: BreakdownRow = { item: m.idPath, label: m.name, stage: m.stage, values: { massKg: round(m.massKg) } };
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
    const what = field === 'recycledContent' ? ['再生料含量', 'recycled content'] : ['可再生材料含量', 'renewable content'];
    notes.push(text(
      `${undeclared.length} 个组件未声明${what[0]}（${undeclared.join('、')}），该值为下限`,
      `${what[1]} not declared for ${undeclared.length} component(s) (${undeclared.join(', ')}): the share is a lower bound`,
    ));
  }
  return out;
}

export function recycledContentShare(ctx: ProductContext, parameters: ContentParameters): ComputedValue {
  return contentShare(ctx, parameters, 'recycledContent');
}

export function renewableContentShare(ctx: ProductContext, parameters: ContentParameters): ComputedValue {
  return contentShare(ctx, parameters, 'renewableContent');
}

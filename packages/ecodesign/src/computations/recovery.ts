import { Type, type Static } from '@sinclair/typebox';
import { round } from '../units.js';
import { text, type Text } from '../vocabulary.js';
import { productMaterials, type BreakdownRow, type ComputedValue, type ProductContext } from './context.js';

/**
 * @module Recyclability and recoverability rates from the bill of materials, in the manner of
 * GB/T 20862 and ISO 22628 (which define them for vehicles by mass), generalised to any product whose
 * components declare end-of-life routes:
 *
 *   m_i      = unit mass of component i's own material × its quantity per functional unit (kg)
 *   s_i,r    = declared mass share of route r for component i (0…1)
 *   m_total  = Σ m_i over the product without packaging (components in the packaging stage are left out
 *              unless `includePackaging` is true)
 *   R_cyc    = Σ m_i (s_i,reuse + s_i,recycling) / m_total
 *   R_cov    = Σ m_i (s_i,reuse + s_i,recycling + s_i,energyRecovery) / m_total
 *
 * Composting and anaerobic digestion are not counted as recycling (they are listed in the breakdown).
 * A component without routes, or whose shares add up to less than 1, counts its undeclared mass as not
 * recovered: the rate is then a lower bound, and the verdict is given only when the bound settles it.
 */

export const RecoveryParameters = Type.Object(
  { includePackaging: Type.Optional(Type.Boolean({ description: 'Count packaging components in the mass (default false).' })) },
  { additionalProperties: false },
);
export type RecoveryParameters = Static<typeof RecoveryParameters>;

const ROUTES = ['reuse', 'recycling', 'energyRecovery', 'incineration', 'landfill', 'composting', 'anaerobicDigestion'] as const;

/** Mass by route over the product; both rates come from it. */
export function recoveryMasses(ctx: ProductContext, parameters: RecoveryParameters): {
  totalMassKg: number;
  byRoute: Record<(typeof ROUTES)[number], number>;
  undeclaredMassKg: number;
  breakdown: BreakdownRow[];
  undeclared: string[];
} {
  const byRoute = Object.fromEntries(ROUTES.map((r) => [r, 0])) as Record<(typeof ROUTES)[number], number>;
  let totalMassKg = 0;
  let undeclaredMassKg = 0;
  const undeclared: string[] = [];
  const breakdown: BreakdownRow[] = [];
  for (const m of productMaterials(ctx, parameters.includePackaging)) {
    totalMassKg += m.massKg;
    const values: Record<string, number> = { massKg: round(m.massKg) };
    let covered = 0;
    for (const route of m.component.endOfLife ?? []) {
      const kg = m.massKg * route.share;
      byRoute[route.route] += kg;
      values[`${route.route}Kg`] = round((values[`${route.route}Kg`] ?? 0) + kg);
      covered += route.share;
    }
    const missing = Math.max(0, 1 - covered) * m.massKg;
    const row: BreakdownRow = { item: m.idPath, label: m.name, stage: m.stage, values };
    if (round(missing) > 0) {
      undeclaredMassKg += missing;
      values.undeclaredKg = round(missing);
      undeclared.push(m.idPath);
      row.note = covered === 0
        ? text('未声明报废处理路线，按不回收计', 'no end-of-life route declared: counted as not recovered')
        : text(`路线份额合计 ${round(covered)}，其余按不回收计`, `route shares add up to ${round(covered)}: the rest counted as not recovered`);
    }
    breakdown.push(row);
  }
  return { totalMassKg, byRoute, undeclaredMassKg, breakdown, undeclared };
}

function rate(ctx: ProductContext, parameters: RecoveryParameters, withEnergy: boolean): ComputedValue {
  const m = recoveryMasses(ctx, parameters);
  const totals: Record<string, number> = {
    totalMassKg: round(m.totalMassKg),
    reuseKg: round(m.byRoute.reuse),
    recyclingKg: round(m.byRoute.recycling),
    energyRecoveryKg: round(m.byRoute.energyRecovery),
    undeclaredMassKg: round(m.undeclaredMassKg),
  };
  const notes: Text[] = [];
  if (m.totalMassKg === 0) {
    return {
      value: null, breakdown: m.breakdown, totals,
      notes: [text('产品模型中没有组件质量', 'the product model has no component masses')],
    };
  }
  const recovered = m.byRoute.reuse + m.byRoute.recycling + (withEnergy ? m.byRoute.energyRecovery : 0);
  const out: ComputedValue = { value: round(recovered / m.totalMassKg), breakdown: m.breakdown, totals, notes };
  if (m.undeclared.length) {
    out.bound = 'lower';
    notes.push(text(
      `${m.undeclared.length} 个组件的报废处理路线未完全声明（${m.undeclared.join('、')}），该值为下限`,
      `end-of-life routes not fully declared for ${m.undeclared.length} component(s) (${m.undeclared.join(', ')}): the rate is a lower bound`,
    ));
  }
  return out;
}

export function recyclabilityRate(ctx: ProductContext, parameters: RecoveryParameters): ComputedValue {
  return rate(ctx, parameters, false);
}

export function recoverabilityRate(ctx: ProductContext, parameters: RecoveryParameters): ComputedValue {
  return rate(ctx, parameters, true);
}

import { convertTo, evaluateAmount, unitSpec, type InventoryRow } from '@greenlca/engine';
import { STAGES, type Stage } from '@greenlca/schema';
import { Type, type Static } from '@sinclair/typebox';
import { round } from '../units.js';
import { text, type Text } from '../vocabulary.js';
import type { BreakdownRow, ComputedValue, ProductContext } from './context.js';
import { energyFromInventory, scopeOf } from './inventory.js';

/**
 * @module Energy and water consumption per functional unit.
 *
 * Energy: the engine's energy inventory (electricity, fuel and heat: lines on factors of those
 * categories, bundled or custom), summed in kWh (1 kWh = 3.6 MJ by definition); see
 * inventory.ts. Fuel given by mass or volume is not converted (that needs a cited heating value): it
 * is listed, and the total becomes a lower bound.
 * Water: lines whose bundled factor category is water (water supplied), with the amount a volume,
 * summed in m³; the water withdrawn upstream, in elementary flows, is the inventory indicator
 * "water-withdrawal".
 * Energy embodied in materials is not counted: this is the direct consumption of the stages chosen.
 */

export const ResourceParameters = Type.Object(
  {
    stages: Type.Optional(Type.Array(Type.Union(STAGES.map((s) => Type.Literal(s))), {
      minItems: 1, description: 'Life-cycle stages to count (default all).',
    })),
    basis: Type.Optional(Type.Union([Type.Literal('functionalUnit'), Type.Literal('unit')], {
      description: 'functionalUnit: per the whole functional unit (default); unit: per one unit of it (divided by its amount).',
    })),
  },
  { additionalProperties: false },
);
export type ResourceParameters = Static<typeof ResourceParameters>;

const M3 = unitSpec('m^3');

function category(ctx: ProductContext, row: InventoryRow): string | undefined {
  return row.factor.isCustom ? undefined : ctx.library.factor(row.factor.id)?.factor.category;
}

function inUnit(row: InventoryRow, target: typeof M3): number | undefined {
  const converted = convertTo(evaluateAmount({ value: row.amount, unit: row.unit }, new Map()), target);
  return converted.ok ? converted.value : undefined;
}

function sumWaterLines(ctx: ProductContext, parameters: ResourceParameters): ComputedValue {
  const stages = new Set<Stage>(parameters.stages ?? STAGES);
  const target = M3;
  const key = 'm3';
  const breakdown: BreakdownRow[] = [];
  const unconverted: string[] = [];
  const byStage: Record<string, number> = {};
  let total = 0;
  for (const row of ctx.compiled.rows) {
    if (row.kind !== 'inventory' || !stages.has(row.stage)) continue;
    if (category(ctx, row) !== 'water') continue;
    const amount = inUnit(row, target);
    if (amount === undefined) {
      unconverted.push(row.path);
      breakdown.push({
        item: row.path, label: row.label, stage: row.stage, values: { amount: row.amount },
        note: text(`单位 ${row.unit} 无法按可引用的系数换算，未计入`, `given per ${row.unit}: not converted without a cited coefficient, not counted`),
      });
      continue;
    }
    total += amount;
    byStage[row.stage] = (byStage[row.stage] ?? 0) + amount;
    breakdown.push({ item: row.path, label: row.label, stage: row.stage, values: { [key]: round(amount) }, lines: [row.path] });
  }
  const fu = ctx.product.functionalUnit;
  const divisor = parameters.basis === 'unit' ? fu.amount : 1;
  const totals: Record<string, number> = Object.fromEntries(Object.entries(byStage).map(([s, v]) => [s, round(v / divisor)]));
  totals.total = round(total / divisor);
  const notes: Text[] = [];
  const out: ComputedValue = { value: round(total / divisor), breakdown, totals, notes };
  if (unconverted.length) {
    out.bound = 'lower';
    notes.push(text(
      `${unconverted.length} 条清单行未换算（${unconverted.join('、')}），该值为下限`,
      `${unconverted.length} inventory line(s) not converted (${unconverted.join(', ')}): the total is a lower bound`,
    ));
  }
  if (!breakdown.length) {
    // Nothing modelled is not the same as nothing consumed: leave the value to a declaration.
    out.value = null;
    notes.push(text('所选阶段没有水类清单行', 'no water lines in the chosen stages'));
  }
  return out;
}

export function energyPerUnit(ctx: ProductContext, parameters: ResourceParameters): ComputedValue {
  return energyFromInventory(ctx, ['electricity', 'fuel', 'heat'], scopeOf(ctx, parameters.stages, parameters.basis));
}

export function waterPerUnit(ctx: ProductContext, parameters: ResourceParameters): ComputedValue {
  return sumWaterLines(ctx, parameters);
}

import { STAGES, type Stage } from '@greenlca/schema';
import { Type, type Static } from '@sinclair/typebox';
import { round } from '../units.js';
import { text, type Text } from '../vocabulary.js';
import type { BreakdownRow, ComputedValue, ProductContext } from './context.js';

/**
 * @module The product carbon footprint from the same product model (GB/T 24067 / ISO 14067 style):
 * the engine's total in kg CO2e per functional unit, or a partial footprint over chosen stages.
 */

export const CarbonParameters = Type.Object(
  {
    stages: Type.Optional(Type.Array(Type.Union(STAGES.map((s) => Type.Literal(s))), {
      minItems: 1, description: 'Stages to count (default all six: the full footprint; fewer: a partial footprint).',
    })),
    basis: Type.Optional(Type.Union([Type.Literal('functionalUnit'), Type.Literal('unit')], {
      description: 'functionalUnit: per the whole functional unit (default); unit: per one unit of it.',
    })),
  },
  { additionalProperties: false },
);
export type CarbonParameters = Static<typeof CarbonParameters>;

export function carbonFootprint(ctx: ProductContext, parameters: CarbonParameters): ComputedValue {
  const stages: readonly Stage[] = parameters.stages ?? STAGES;
  const divisor = parameters.basis === 'unit' ? ctx.product.functionalUnit.amount : 1;
  const calc = ctx.calculation;
  const breakdown: BreakdownRow[] = stages.map((s) => ({
    item: s, label: s, stage: s, values: { kgCO2e: round(calc.byStage[s].kgCO2e / divisor) },
  }));
  const total = stages.reduce((sum, s) => sum + calc.byStage[s].kgCO2e, 0);
  const notes: Text[] = [];
  if (stages.length < STAGES.length) {
    notes.push(text(`部分碳足迹，仅含阶段：${stages.join('、')}`, `partial carbon footprint: stages ${stages.join(', ')} only`));
  }
  if (calc.warnings.length) {
    notes.push(text(`计算有 ${calc.warnings.length} 条提示，见碳足迹结果`, `the calculation has ${calc.warnings.length} warning(s): see the footprint result`));
  }
  const totals: Record<string, number> = { kgCO2e: round(total / divisor) };
  if (stages.length === STAGES.length) {
    totals.fossilKgCO2e = round(calc.total.fossilKgCO2e / divisor);
    totals.biogenicKgCO2e = round(calc.total.biogenicKgCO2e / divisor);
    totals.notSplitKgCO2e = round(calc.total.notSplitKgCO2e / divisor);
  }
  return { value: round(total / divisor), breakdown, totals, notes };
}

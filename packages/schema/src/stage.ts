import { Type, type Static } from '@sinclair/typebox';

/** The six life-cycle stages of GB/T 32161 and ISO 14067 practice, in report order. */
export const STAGES = ['design', 'manufacture', 'packaging', 'transport', 'use', 'endOfLife'] as const;

export const Stage = Type.Union(
  STAGES.map((s) => Type.Literal(s)),
  { description: 'Life-cycle stage: design, manufacture, packaging, transport, use or endOfLife.' },
);
export type Stage = Static<typeof Stage>;

/** Chinese names used in reports (设计、制造、包装、运输、使用、报废处理). */
export const STAGE_NAMES: Record<Stage, { en: string; zh: string }> = {
  design: { en: 'Design', zh: '设计' },
  manufacture: { en: 'Manufacture', zh: '制造' },
  packaging: { en: 'Packaging', zh: '包装' },
  transport: { en: 'Transport', zh: '运输' },
  use: { en: 'Use', zh: '使用' },
  endOfLife: { en: 'End of life', zh: '报废处理' },
};

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

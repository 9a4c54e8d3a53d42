/**
 * @module vocabulary — the fixed word lists the schemas are made of, as plain data: a page that needs
 * only the stage names or the GWP sets loads these without the schema builder (the package is
 * side-effect free, so a bundler leaves the schemas out).
 */

/** The six life-cycle stages of GB/T 32161 and ISO 14067 practice, in report order. */
export const STAGES = ['design', 'manufacture', 'packaging', 'transport', 'use', 'endOfLife'] as const;

/** Chinese names used in reports (设计、制造、包装、运输、使用、报废处理). */
export const STAGE_NAMES: Record<(typeof STAGES)[number], { en: string; zh: string }> = {
  design: { en: 'Design', zh: '设计' },
  manufacture: { en: 'Manufacture', zh: '制造' },
  packaging: { en: 'Packaging', zh: '包装' },
  transport: { en: 'Transport', zh: '运输' },
  use: { en: 'Use', zh: '使用' },
  endOfLife: { en: 'End of life', zh: '报废处理' },
};

export function isStage(value: unknown): value is (typeof STAGES)[number] {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

/** IPCC assessment reports whose 100-year GWPs the engine can characterise with. */
export const GWP_SETS = ['AR4', 'AR5', 'AR6'] as const;

export const DEFAULT_GWP: (typeof GWP_SETS)[number] = 'AR6';

/** End-of-life routes (GB/T 20862, ISO 22628 vocabulary). */
export const EOL_ROUTES = ['reuse', 'recycling', 'energyRecovery', 'incineration', 'landfill', 'composting', 'anaerobicDigestion'] as const;

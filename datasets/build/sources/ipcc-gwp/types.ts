export const SETS = ['AR4', 'AR5', 'AR6'] as const;
export type Ar = (typeof SETS)[number];

/** One published GWP100 value, before species are merged. */
export interface GwpRow {
  origin: 'openclimatedata' | 'lciaformatter';
  ar: Ar;
  value: number;
  /** 1-based line in the source file. */
  line: number;
  /** openclimatedata species code (HFC134a, CF4 …). */
  code?: string;
  /** LCIAformatter Name, Acronym, Formula and CAS, whitespace-normalised; undefined where "(no data)". */
  name?: string;
  acronym?: string;
  formula?: string;
  cas?: string;
}

import { Type, type Static } from '@sinclair/typebox';
import { GwpSet, STAGES, type CalculationResult, type Diagnostic, type Stage } from '@greenlca/schema';
import { Dec } from './decimal.js';

/**
 * @module The engine's origin split (fossil, biogenic, not split by origin; README "Fossil, biogenic,
 * not split") for the stages of a boundary, and the GWP sets behind a result. A mapping only: the split
 * itself is defined once, in the engine; here the boundary's stages are added up, exactly (decimal).
 * Shared by the PACT export and the CFP report, so both say what `calc --format json` says.
 */
export interface EmissionsByOrigin {
  kgCO2e: Dec;
  fossilKgCO2e: Dec;
  biogenicKgCO2e: Dec;
  /** From factors given only as a CO2e total: origin unknown. */
  notSplitKgCO2e: Dec;
  /** Biogenic CO2 emitted, biogenic CO2 removed (≤ 0), CH4 and N2O from biomass. */
  biogenicCO2EmissionsKgCO2e: Dec;
  biogenicCO2RemovalsKgCO2e: Dec;
  biogenicNonCO2KgCO2e: Dec;
}

/** A result made before results carried the origin split (an old stored result): it must be recalculated. */
export class OriginMissingError extends Error {
  readonly code = 'ORIGIN_MISSING';
  constructor() {
    super('the result carries no fossil / biogenic / not-split-by-origin split (calculated by an older engine): recalculate it');
    this.name = 'OriginMissingError';
  }
}

/** The engine's origin split of a result, or of the sum of some stages (exact decimal sums of the stages' figures). */
export function emissionsByOrigin(result: CalculationResult, stages: readonly Stage[] = STAGES): EmissionsByOrigin {
  const parts = STAGES.every((s) => stages.includes(s)) ? [result.total] : STAGES.filter((s) => stages.includes(s)).map((s) => result.byStage[s]);
  if (parts.some((p) => p.notSplitKgCO2e === undefined || p.biogenicDetail === undefined)) throw new OriginMissingError();
  const sum = (pick: (p: (typeof parts)[number]) => number) => parts.reduce((s, p) => s.plus(pick(p)), new Dec(0));
  return {
    kgCO2e: sum((p) => p.kgCO2e),
    fossilKgCO2e: sum((p) => p.fossilKgCO2e),
    biogenicKgCO2e: sum((p) => p.biogenicKgCO2e),
    notSplitKgCO2e: sum((p) => p.notSplitKgCO2e),
    biogenicCO2EmissionsKgCO2e: sum((p) => p.biogenicDetail.co2EmissionsKgCO2e),
    biogenicCO2RemovalsKgCO2e: sum((p) => p.biogenicDetail.co2RemovalsKgCO2e),
    biogenicNonCO2KgCO2e: sum((p) => p.biogenicDetail.nonCO2KgCO2e),
  };
}

/** A GWP set other than the chosen one, in which some factors were used as published. */
export const GwpBasisAsPublished = Type.Object({
  basis: GwpSet,
  count: Type.Integer({ description: 'How many factors.' }),
  factors: Type.Array(Type.String(), { description: 'Their ids, as the engine\'s GWP_BASIS_MISMATCH warning lists them.' }),
});
export type GwpBasisAsPublished = Static<typeof GwpBasisAsPublished>;

/**
 * The GWP sets of factors used as published, not re-characterised with the chosen set: factors given
 * only as CO2e in another set, with no split by gas (engine warning GWP_BASIS_MISMATCH, one per set).
 */
export function gwpBasesAsPublished(warnings: readonly Diagnostic[]): GwpBasisAsPublished[] {
  const out: GwpBasisAsPublished[] = [];
  for (const w of warnings) {
    if (w.code !== 'GWP_BASIS_MISMATCH') continue;
    const basis = /CO2e in IPCC (AR\d+)/.exec(w.message)?.[1] as GwpSet | undefined;
    if (!basis) continue;
    const one = /^factor "([^"]+)" is/.exec(w.message)?.[1];
    const many = /used as published: (.+)$/.exec(w.message)?.[1];
    const factors = one ? [one] : many ? many.split(', ') : [];
    const count = factorsInWarning(w);
    const entry = out.find((e) => e.basis === basis);
    if (entry) {
      entry.count += count;
      entry.factors.push(...factors);
    } else out.push({ basis, count, factors });
  }
  return out.sort((a, b) => a.basis.localeCompare(b.basis));
}

/** How many factors a grouped factor-fit warning names ("19 factors are …" or `factor "x" is …`). */
export function factorsInWarning(w: Diagnostic): number {
  const n = /^(\d+) factors are/.exec(w.message)?.[1];
  return n ? Number(n) : 1;
}

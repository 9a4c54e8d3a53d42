import { STAGES, type CalculationResult, type Diagnostic, type GwpSet, type ResultLine, type Stage } from '@greenlca/schema';
import { Dec } from './decimal.js';

/**
 * @module What a result can and cannot say about the origin of its emissions and the GWP sets behind
 * them, read from the engine's result without changing its fields. Shared by the PACT export and the
 * CFP report, so both say the same.
 *
 * The engine's `total.fossilKgCO2e` is total − biogenic. A factor published only as a CO2e total (no
 * split by gas, no biogenic flag) cannot be split by origin, so it lands there: that figure is
 * "fossil and not split by origin". Here it is split in two:
 *
 *   biogenic    = the engine's biogenic CO2 (a "CO2 (biogenic)" gas, or a factor flagged biogenic)
 *   not split   = the "CO2e" gas of the result: factors given only as a CO2e total (and a publisher's
 *                 rounding residual of its gas split), less any biogenic part of it
 *   fossil      = total − biogenic − not split: the gases the factors and direct emissions name
 *                 (CO2, CH4, N2O …), less their biogenic CO2
 */
export interface EmissionsByOrigin {
  /** kg CO2e of gases named by the factors and direct emissions, not biogenic. */
  fossilKgCO2e: number;
  biogenicKgCO2e: number;
  /** kg CO2e from factors given only as a CO2e total, so of unknown origin (fossil or biogenic). */
  notSplitKgCO2e: number;
  /** The engine's `fossilKgCO2e` (total − biogenic) = fossil + not split. */
  fossilAndNotSplitKgCO2e: number;
}

const UNSPLIT = 'CO2e';
const BIOGENIC_GAS = 'CO2 (biogenic)';

/**
 * The part of one line's CO2e-only ("CO2e") contribution that is not biogenic. Biogenic CO2 sits in the
 * named CO2 gases (a "CO2 (biogenic)" entry, or the CO2 of a factor flagged biogenic); what they cannot
 * hold is in the CO2e-only part (a CO2e-only factor flagged biogenic, alone or inside a process).
 */
function lineNotSplit(l: ResultLine): Dec {
  const co2e = new Dec(l.byGas[UNSPLIT] ?? 0);
  const biogenic = new Dec(l.biogenicKgCO2e ?? 0);
  if (co2e.isZero() || biogenic.isZero()) return co2e;
  const capacity = new Dec(l.byGas[BIOGENIC_GAS] ?? 0).plus(l.byGas.CO2 ?? 0);
  const inUnsplit = biogenic.abs().lte(capacity.abs()) ? new Dec(0) : biogenic.minus(capacity);
  const rest = co2e.minus(inUnsplit);
  // A CO2e-only biogenic factor: the line's biogenic value is its CO2e to 15 digits, so nothing is left.
  return rest.abs().lte(co2e.abs().times(1e-12)) ? new Dec(0) : rest;
}

/**
 * Fossil, biogenic and not-split-by-origin kg CO2e of a result, or of the lines of some stages. The
 * three add up exactly (decimal) to the total (or the stages' sum). For the whole result the
 * not-split part is the engine's exact "CO2e" gas total, less any biogenic part of it.
 */
export function emissionsByOrigin(result: CalculationResult, stages: readonly Stage[] = STAGES): EmissionsByOrigin {
  const all = STAGES.every((s) => stages.includes(s));
  const lines = result.lines.filter((l) => stages.includes(l.stage));
  const total = all ? new Dec(result.total.kgCO2e) : stages.reduce((s, st) => s.plus(result.byStage[st].kgCO2e), new Dec(0));
  const biogenic = all ? new Dec(result.total.biogenicKgCO2e) : lines.reduce((s, l) => s.plus(l.biogenicKgCO2e ?? 0), new Dec(0));
  let notSplit: Dec;
  if (all) {
    const biogenicInUnsplit = lines.reduce((s, l) => s.plus(l.byGas[UNSPLIT] ?? 0).minus(lineNotSplit(l)), new Dec(0));
    notSplit = new Dec(result.byGas[UNSPLIT]?.kgCO2e ?? 0).minus(biogenicInUnsplit);
  } else notSplit = lines.reduce((s, l) => s.plus(lineNotSplit(l)), new Dec(0));
  const fossil = total.minus(biogenic).minus(notSplit);
  return {
    fossilKgCO2e: fossil.toNumber(),
    biogenicKgCO2e: biogenic.toNumber(),
    notSplitKgCO2e: notSplit.toNumber(),
    fossilAndNotSplitKgCO2e: total.minus(biogenic).toNumber(),
  };
}

/** A GWP set other than the chosen one, in which some factors were used as published. */
export interface GwpBasisAsPublished {
  basis: GwpSet;
  /** How many factors. */
  count: number;
  /** Their ids, as the engine's GWP_BASIS_MISMATCH warning lists them. */
  factors: string[];
}

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

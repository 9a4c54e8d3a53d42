import type { FactorOrigin } from '@greenlca/schema';
import { type Decimal, ZERO } from '../decimal.js';

/**
 * @module The one definition of where emissions come from (README, "Fossil, biogenic, not split"),
 * following the PACT v3 field definitions and ISO 14067:
 *
 * - fossil: the gases a factor names that are not from biomass: fossil CO2 and the CH4, N2O, HFCs, PFCs,
 *   SF6, NF3 … of fuel combustion, processes and leaks (PACT `fossilGhgEmissions`);
 * - biogenic CO2: CO2 from burning or degrading biomass (a "CO2 (biogenic)" gas, or the CO2 of a factor
 *   from biomass); removals (uptake, negative) apart (PACT `biogenicCO2Uptake`);
 * - biogenic non-CO2: CH4 and N2O from biomass, e.g. DESNZ's biomass/wood factors, a factor marked
 *   biogenic (PACT `biogenicNonCO2Emissions`);
 * - not split: a factor given only as a CO2e total, with nothing saying where it comes from. Never
 *   counted as fossil: its origin is unknown.
 *
 * The kinds of every factor add up exactly to its kg CO2e per unit, and so do those of every line,
 * stage and total.
 */
export type OriginKind = 'fossil' | 'biogenicCO2' | 'biogenicCO2Removals' | 'biogenicNonCO2' | 'notSplit';
export const ORIGIN_KINDS: readonly OriginKind[] = ['fossil', 'biogenicCO2', 'biogenicCO2Removals', 'biogenicNonCO2', 'notSplit'];

/** kg CO2e by origin kind (per unit of a factor, or of a line, stage, total). */
export type OriginSplit = Record<OriginKind, Decimal>;

export function zeroSplit(): OriginSplit {
  return { fossil: ZERO, biogenicCO2: ZERO, biogenicCO2Removals: ZERO, biogenicNonCO2: ZERO, notSplit: ZERO };
}

/** The gases that biomass gives off besides CO2 (IPCC 2006 Vol. 2 ch. 2: CH4 and N2O of biomass combustion). */
const BIOMASS_NON_CO2 = new Set(['CH4', 'N2O']);

/**
 * The kind of one gas entry of a factor: `gas` is the engine's key ("CO2 (biogenic)", a substance id,
 * or "CO2e" for what the source gives no gas split for), `kgCO2e` its value (negative CO2 is uptake).
 */
export function kindOfGas(gas: string, kgCO2e: Decimal, origin: FactorOrigin | undefined): OriginKind {
  const co2 = gas === 'CO2 (biogenic)' || (gas === 'CO2' && origin !== undefined);
  if (co2) return kgCO2e.isNegative() ? 'biogenicCO2Removals' : 'biogenicCO2';
  if (gas === 'CO2e') {
    if (origin === 'biogenic-non-CO2') return 'biogenicNonCO2';
    if (origin === 'biogenic') return kgCO2e.isNegative() ? 'biogenicCO2Removals' : 'biogenicCO2';
    return 'notSplit';
  }
  if (origin !== undefined && BIOMASS_NON_CO2.has(gas)) return 'biogenicNonCO2';
  return 'fossil';
}

/** Biogenic: CO2 emitted and removed, and CH4 and N2O from biomass. */
export function biogenicOf(split: OriginSplit): Decimal {
  return split.biogenicCO2.plus(split.biogenicCO2Removals).plus(split.biogenicNonCO2);
}

/**
 * Make the kinds add up exactly to `total`: the largest one becomes total − the others (decimal sums of
 * 40 digits could otherwise differ from the total in the last digit).
 */
export function closeSplit(split: OriginSplit, total: Decimal): OriginSplit {
  let largest: OriginKind = 'notSplit';
  for (const k of ORIGIN_KINDS) if (split[k].abs().gt(split[largest].abs())) largest = k;
  let others = ZERO;
  for (const k of ORIGIN_KINDS) if (k !== largest) others = others.plus(split[k]);
  return { ...split, [largest]: total.minus(others) };
}

/** `a + b × factor`, kind by kind. */
export function addScaled(a: OriginSplit, b: OriginSplit, factor: Decimal): OriginSplit {
  const out = { ...a };
  for (const k of ORIGIN_KINDS) if (!b[k].isZero()) out[k] = a[k].plus(b[k].times(factor));
  return out;
}

/** The only kind a split has, if it has just one non-zero kind (the common case: one factor, one origin). */
export function soleKind(split: OriginSplit): OriginKind | undefined {
  let only: OriginKind | undefined;
  for (const k of ORIGIN_KINDS) {
    if (split[k].isZero()) continue;
    if (only) return undefined;
    only = k;
  }
  return only ?? 'notSplit';
}

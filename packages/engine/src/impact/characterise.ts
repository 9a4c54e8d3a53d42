import type { CustomFactorOrigin, FactorOrigin, GwpSet, Substance } from '@greenlca/schema';
import { Decimal, dec, ZERO } from '../decimal.js';
import { biogenicOf, closeSplit, kindOfGas, zeroSplit, type OriginSplit } from './origin.js';

/** The climate-relevant content of a factor, whether bundled or declared in the product. */
export interface FactorValues {
  co2e?: number;
  /** GWP set the publisher used for `co2e` (and for `gases` when they are CO2e contributions). */
  gwpBasis?: GwpSet;
  gases?: Record<string, number>;
  gasesBasis?: 'mass' | 'co2e';
  /** The gases come from biomass (see FactorOrigin); absent: CO2 fossil unless named biogenic. */
  origin?: FactorOrigin;
  /** Parts of `co2e` by origin as a supplier states them (custom factors); the rest is not split. */
  parts?: CustomFactorOrigin;
}

/** kg CO2e per unit of a factor under one GWP set, split by gas. */
export interface CharacterisedFactor {
  kgCO2e: Decimal;
  /** kg CO2e per unit by gas id; "CO2e" holds what the source does not split by gas. */
  byGas: Map<string, Decimal>;
  /** kg of each gas per unit, where the mass is known. */
  massByGas: Map<string, Decimal>;
  /** Biogenic kg CO2e per unit: origin.biogenicCO2 + biogenicCO2Removals + biogenicNonCO2. */
  biogenicKgCO2e: Decimal;
  /** kg CO2e per unit by origin (impact/origin.ts); the kinds add up exactly to kgCO2e. */
  origin: OriginSplit;
  /** Set when the factor's CO2e was kept in another GWP basis because it has no gas split. */
  basisMismatch?: GwpSet;
  /**
   * Amount of each elementary flow (flow list id) per unit, when the data or the product name the
   * flows: then this is the factor's whole emission profile. Without it, the profile is its kg of
   * each gas (massByGas) as emissions to unspecified air.
   */
  flows?: Map<string, Decimal>;
}

export type CharacteriseProblem =
  | { kind: 'unknown-substance'; gas: string }
  | { kind: 'no-gwp'; gas: string; set: GwpSet };

export type SubstanceLookup = (name: string) => Substance | undefined;

const BIOGENIC_CO2 = new Set(['co2biogenic', 'biogenicco2', 'co2bio', 'carbondioxidebiogenic']);
const UNSPLIT = 'CO2e';

function gwpOf(substance: Substance, set: GwpSet): Decimal | undefined {
  const v = substance.gwp100[set]?.value;
  return v === undefined ? undefined : dec(v);
}

function add(map: Map<string, Decimal>, key: string, value: Decimal): void {
  map.set(key, (map.get(key) ?? ZERO).plus(value));
}

/**
 * Characterise a factor with a GWP set. Per-gas factors are characterised gas by gas; per-gas CO2e
 * contributions published in another basis are converted back to mass first (DESNZ publishes AR5).
 */
export function characteriseFactor(
  values: FactorValues,
  set: GwpSet,
  lookup: SubstanceLookup,
): { ok: true; value: CharacterisedFactor } | { ok: false; problems: CharacteriseProblem[] } {
  const byGas = new Map<string, Decimal>();
  const massByGas = new Map<string, Decimal>();
  const problems: CharacteriseProblem[] = [];
  const gases = values.gases && Object.keys(values.gases).length ? values.gases : undefined;

  if (gases) {
    const asContribution = values.gasesBasis === 'co2e';
    const basis = values.gwpBasis ?? set;
    for (const [gas, raw] of Object.entries(gases)) {
      const isBiogenic = BIOGENIC_CO2.has(gas.toLowerCase().replace(/[\s\-_,()]/g, ''));
      const substance = isBiogenic ? lookup('CO2') : lookup(gas);
      if (!substance) {
        problems.push({ kind: 'unknown-substance', gas });
        continue;
      }
      const key = isBiogenic ? 'CO2 (biogenic)' : substance.id;
      const target = gwpOf(substance, set);
      if (!target) {
        problems.push({ kind: 'no-gwp', gas, set });
        continue;
      }
      let mass: Decimal;
      let part: Decimal;
      if (asContribution) {
        const source = gwpOf(substance, basis);
        if (!source) {
          problems.push({ kind: 'no-gwp', gas, set: basis });
          continue;
        }
        mass = dec(raw).div(source);
        part = basis === set ? dec(raw) : mass.times(target);
      } else {
        mass = dec(raw);
        part = mass.times(target);
      }
      add(byGas, key, part);
      add(massByGas, key, mass);
    }
    if (problems.length) return { ok: false, problems };
    let total = [...byGas.values()].reduce((a, b) => a.plus(b), ZERO);
    // Same basis as published: keep the publisher's total; rounding in its gas split stays visible.
    if (asContribution && values.co2e !== undefined && (values.gwpBasis ?? set) === set) {
      const published = dec(values.co2e);
      const residual = published.minus(total);
      if (!residual.isZero()) add(byGas, UNSPLIT, residual);
      total = published;
    }
    const origin = originOfGases(byGas, total, values.origin);
    return { ok: true, value: { kgCO2e: total, byGas, massByGas, biogenicKgCO2e: biogenicOf(origin), origin } };
  }

  const total = dec(values.co2e ?? 0);
  byGas.set(UNSPLIT, total);
  const origin = values.parts ? originOfParts(values.parts, total) : originOfGases(byGas, total, values.origin);
  const value: CharacterisedFactor = {
    kgCO2e: total,
    byGas,
    massByGas,
    biogenicKgCO2e: biogenicOf(origin),
    origin,
  };
  if (values.gwpBasis && values.gwpBasis !== set) value.basisMismatch = values.gwpBasis;
  return { ok: true, value };
}

/** GWP100 of a substance as a characterised factor per kg (direct emissions). */
export function characteriseSubstance(substance: Substance, set: GwpSet): CharacterisedFactor | undefined {
  const gwp = gwpOf(substance, set);
  if (!gwp) return undefined;
  return {
    kgCO2e: gwp,
    byGas: new Map([[substance.id, gwp]]),
    massByGas: new Map([[substance.id, dec(1)]]),
    biogenicKgCO2e: ZERO,
    origin: { ...zeroSplit(), fossil: gwp },
  };
}

/** A factor's kg CO2e per unit by origin, gas by gas (impact/origin.ts). */
export function originOfGases(byGas: ReadonlyMap<string, Decimal>, total: Decimal, origin: FactorOrigin | undefined): OriginSplit {
  const split = zeroSplit();
  for (const [gas, v] of byGas) {
    const kind = kindOfGas(gas, v, origin);
    split[kind] = split[kind].plus(v);
  }
  return closeSplit(split, total);
}

/** A CO2e total split as its supplier states; what the parts leave is not split by origin. */
function originOfParts(parts: CustomFactorOrigin, total: Decimal): OriginSplit {
  const split = zeroSplit();
  split.fossil = dec(parts.fossilKgCO2e ?? 0);
  split.biogenicCO2 = dec(parts.biogenicCO2KgCO2e ?? 0);
  split.biogenicCO2Removals = dec(parts.biogenicCO2RemovalsKgCO2e ?? 0);
  split.biogenicNonCO2 = dec(parts.biogenicNonCO2KgCO2e ?? 0);
  split.notSplit = total.minus(split.fossil).minus(split.biogenicCO2).minus(split.biogenicCO2Removals).minus(split.biogenicNonCO2);
  return split;
}

/**
 * A characterised factor's gases as emissions: kg of each per unit, by substance, CO2 split by origin
 * (a "CO2 (biogenic)" entry, or all of its CO2 when the factor is biogenic). The one reading of gas
 * splits that the inventories, the flow profiles and custom factors' flows share.
 */
export function gasEmissions(value: CharacterisedFactor): { substance: string; origin?: 'fossil' | 'biogenic'; kg: Decimal }[] {
  const key = gasKeys(value);
  return [...value.massByGas].map(([gas, kg]) => {
    if (key(gas) === BIOGENIC_CO2_KEY) return { substance: 'CO2', origin: 'biogenic', kg };
    return gas === 'CO2' ? { substance: 'CO2', origin: 'fossil', kg } : { substance: gas, kg };
  });
}

/** The key of biogenic CO2 wherever gases are listed (byGas, a factor's gases). */
export const BIOGENIC_CO2_KEY = 'CO2 (biogenic)';

/**
 * The key each of a factor's gases is listed under (result byGas, foreground processes): a factor from
 * biomass names its CO2 "CO2", and then all of it is biogenic, so it must not be added to fossil CO2.
 */
export function gasKeys(value: CharacterisedFactor): (gas: string) => string {
  if (!value.byGas.has('CO2') || value.massByGas.has(BIOGENIC_CO2_KEY)) return asNamed;
  const { biogenicCO2, biogenicCO2Removals } = value.origin;
  return biogenicCO2.isZero() && biogenicCO2Removals.isZero() ? asNamed : co2Biogenic;
}
const asNamed = (gas: string): string => gas;
const co2Biogenic = (gas: string): string => (gas === 'CO2' ? BIOGENIC_CO2_KEY : gas);

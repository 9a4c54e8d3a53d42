/**
 * @module quantity — GreenLCA units onto openLCA's reference unit groups and flow properties
 * (`data/olca-reference-units.json`, read from the USLCI package, standard UUIDs). An amount is written
 * in the group's unit of the same size when there is one (kWh stays kWh), else converted to the group's
 * reference unit (mi → m, short ton → kg), so openLCA never has to know a unit we invented.
 */
import { unitSpec, type UnitSpec } from '@greenlca/engine';
import { olcaId } from './ids.js';
import reference from '../../data/olca-reference-units.json' with { type: 'json' };

export interface ReferenceUnit {
  id: string;
  name: string;
  mathjs?: string;
  /** Size in the group's reference unit. */
  factor: number;
}

export interface ReferenceGroup {
  id: string;
  name: string;
  property: { id: string; name: string };
  units: ReferenceUnit[];
}

export const REFERENCE_GROUPS: readonly ReferenceGroup[] = reference.groups;

/** Where an amount in one of our units goes: the group, the unit written, and the factor to it. */
export interface OlcaQuantity {
  group: ReferenceGroup;
  unit: ReferenceUnit;
  /** An amount in our unit times this is the amount in `unit` (exactly 1 when the unit is the same). */
  factor: number;
}

const specs = new Map<string, UnitSpec>();
function specOf(text: string): UnitSpec {
  let s = specs.get(text);
  if (!s) specs.set(text, (s = unitSpec(text)));
  return s;
}

/** Same size within this relative tolerance counts as the same unit (1 kWh = 3.6 MJ in doubles). */
const SAME = 1e-12;

/** The openLCA quantity of a GreenLCA unit text (`kWh`, `t*km`, `item`, `mi` …); undefined when no group fits. */
export function olcaQuantity(text: string): OlcaQuantity | undefined {
  let ours: UnitSpec;
  try {
    ours = specOf(text);
  } catch {
    return undefined;
  }
  if (ours.hasOffset) return undefined;
  for (const group of REFERENCE_GROUPS) {
    const ref = group.units[0]!;
    if (!ref.mathjs || !sameBase(ours.dims, specOf(ref.mathjs).dims)) continue;
    for (const u of group.units) {
      if (u.mathjs && Math.abs(ours.si / specOf(u.mathjs).si - 1) <= SAME) return { group, unit: u, factor: 1 };
    }
    return { group, unit: ref, factor: ours.si / specOf(ref.mathjs).si };
  }
  return undefined;
}

/** The quantity of a flow-list unit (kg, MJ, m3, kBq: always a group's reference unit). */
export function referenceQuantity(unitName: string): OlcaQuantity | undefined {
  for (const group of REFERENCE_GROUPS) {
    const ref = group.units[0]!;
    if (ref.name === unitName) return { group, unit: ref, factor: 1 };
  }
  return undefined;
}

export const ITEMS: OlcaQuantity = referenceQuantity('Item(s)')!;

/**
 * A unit no reference group has (a custom factor per `m^2*day`, a functional unit of "pair"): a group
 * of its own with that one unit, ids from its text. openLCA users make such groups too; nothing is
 * converted, so no number changes.
 */
export function ownQuantity(text: string): OlcaQuantity {
  const unit: ReferenceUnit = { id: olcaId('unit', text), name: text, factor: 1 };
  const group: ReferenceGroup = {
    id: olcaId('unit-group', text), name: `Units of ${text}`, property: { id: olcaId('flow-property', text), name: `Quantity in ${text}` }, units: [unit],
  };
  return { group, unit, factor: 1 };
}

/** Same base dimensions (mathjs's equalBase: powers equal to 1e-12). */
function sameBase(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (Math.abs((a[i] ?? 0) - (b[i] ?? 0)) > 1e-12) return false;
  return true;
}

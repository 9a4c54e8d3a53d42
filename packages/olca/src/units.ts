/**
 * @module units — amounts to the flow's reference unit, through unit groups and flow properties.
 *
 * openLCA's rule: an amount `a` in unit `u` of flow property `p` is, in the reference unit of the flow's
 * reference property, `a · u.conversionFactor / f_p`, where `f_p` is the flow's `FlowPropertyFactor` of
 * `p` (amount of `p` per one unit of the reference property). Missing unit or property: the flow's
 * reference property and that property's reference unit.
 */
import type { Flow, OlcaPackage, Unit } from './model.js';

export interface UnitProblem {
  message: string;
}

export type Conversion = { ok: true; factor: number } | { ok: false; problem: UnitProblem };

export interface UnitIndex {
  /** Multiply an amount in (unit, property) of `flow` by `factor` to get it in the flow's reference unit. */
  toReference(flow: Flow, unitId: string | undefined, propertyId: string | undefined, unitName?: string): Conversion;
  /** Name of the reference unit of the flow's reference property (`kg`, `MJ`, `t*km` …). */
  referenceUnitName(flow: Flow): string | undefined;
  unit(unitId: string): { unit: Unit; groupId: string } | undefined;
}

export function unitIndex(pkg: OlcaPackage): UnitIndex {
  const units = new Map<string, { unit: Unit; groupId: string }>();
  for (const g of pkg.unitGroups.values()) for (const u of g.units) units.set(u.id, { unit: u, groupId: g.id });

  const refProperty = (flow: Flow) => flow.properties.find((p) => p.isRef) ?? (flow.properties.length === 1 ? flow.properties[0] : undefined);

  const groupOf = (propertyId: string) => {
    const prop = pkg.flowProperties.get(propertyId);
    return prop?.unitGroupId ? pkg.unitGroups.get(prop.unitGroupId) : undefined;
  };

  return {
    unit: (id) => units.get(id),
    referenceUnitName(flow) {
      const ref = refProperty(flow);
      return ref ? groupOf(ref.propertyId)?.refUnit?.name : undefined;
    },
    toReference(flow, unitId, propertyId, unitName) {
      const ref = refProperty(flow);
      if (!ref) return { ok: false, problem: { message: `flow "${flow.name}" has no reference flow property` } };
      const pid = propertyId ?? ref.propertyId;
      const pf = flow.properties.find((p) => p.propertyId === pid);
      if (!pf) {
        const name = pkg.flowProperties.get(pid)?.name ?? pid;
        return { ok: false, problem: { message: `flow "${flow.name}" has no flow property "${name}"; add a flow property factor for it` } };
      }
      if (pf.factor === 0) return { ok: false, problem: { message: `flow "${flow.name}" has a conversion factor of 0 for its flow property ${pid}` } };
      // The factor of the reference property itself is 1 by definition, whatever the file says.
      const propertyFactor = pf.isRef ? 1 : pf.factor;
      const group = groupOf(pid);
      let unitFactor: number | undefined;
      if (unitId) {
        const hit = units.get(unitId);
        if (hit) {
          if (group && hit.groupId !== group.id) {
            return { ok: false, problem: { message: `unit "${hit.unit.name}" is not a unit of flow property "${pkg.flowProperties.get(pid)?.name ?? pid}"` } };
          }
          unitFactor = hit.unit.factor;
        }
      }
      if (unitFactor === undefined && unitName && group) {
        // A reference whose id is not in the package: resolve by name or synonym within the property's group.
        const u = group.units.find((x) => x.name === unitName || x.synonyms.includes(unitName));
        if (u) unitFactor = u.factor;
      }
      if (unitFactor === undefined) {
        if (unitId || unitName) return { ok: false, problem: { message: `unit ${unitName ? `"${unitName}"` : unitId} is not in the package` } };
        unitFactor = 1; // no unit given: the reference unit
      }
      return { ok: true, factor: unitFactor / propertyFactor };
    },
  };
}

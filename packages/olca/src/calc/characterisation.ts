/**
 * @module characterisation — impact categories of a package's LCIA method as factors per elementary flow
 * (per reference unit), turned into the engine's characterisation factors; the matrix C itself is the
 * engine's (`buildCharacterisation`, against B's rows: factors of flows the system lacks drop out).
 */
import { buildCharacterisation, type Biosphere, type Characterisation, type CharacterisationFactor } from '@greenlca/engine/matrix';
import type { OlcaPackage } from '../model.js';
import { unitIndex } from '../units.js';
import type { EnviFlow } from './matrices.js';

/** One impact category, ready for the matrix: factor per reference unit of each flow. */
export interface ImpactSpec {
  id: string;
  name: string;
  refUnit: string;
  /** Characterisation factor per reference unit of the flow, by flow id. */
  factors: Map<string, number>;
}

export interface ImpactProblem {
  categoryId: string;
  flowId: string;
  message: string;
}

/** The categories of an LCIA method in the package, with factors converted to reference units. */
export function impactsFromPackage(pkg: OlcaPackage, methodId: string): { impacts: ImpactSpec[]; problems: ImpactProblem[] } {
  const method = pkg.impactMethods.get(methodId);
  if (!method) throw new Error(`LCIA method ${methodId} is not in the package`);
  const units = unitIndex(pkg);
  const problems: ImpactProblem[] = [];
  const impacts: ImpactSpec[] = [];
  for (const cid of method.categoryIds) {
    const cat = pkg.impactCategories.get(cid);
    if (!cat) continue;
    const factors = new Map<string, number>();
    for (const f of cat.factors) {
      const flow = pkg.flows.get(f.flowId);
      if (!flow) {
        problems.push({ categoryId: cid, flowId: f.flowId, message: `impact category "${cat.name}": flow ${f.flowId} is not in the package` });
        continue;
      }
      const c = units.toReference(flow, f.unitId, f.propertyId);
      if (!c.ok) {
        problems.push({ categoryId: cid, flowId: f.flowId, message: `impact category "${cat.name}", flow "${flow.name}": ${c.problem.message}` });
        continue;
      }
      // A factor per (unit, property) is, per reference unit, the value divided by the amount conversion.
      factors.set(f.flowId, (factors.get(f.flowId) ?? 0) + f.value / c.factor);
    }
    impacts.push({ id: cat.id, name: cat.name, refUnit: cat.refUnit, factors });
  }
  return { impacts, problems };
}

/**
 * C for a package method: one row per impact category, one column per row of B. A factor applies to an
 * amount in the flow's direction in B; a flow that B keeps as an input but the factor reads as an output
 * (or the reverse) never arises here, because package factors are per flow, whatever its direction.
 */
export function packageCharacterisation(biosphere: Biosphere, enviFlows: readonly EnviFlow[], impacts: readonly ImpactSpec[]): Characterisation {
  const factors: CharacterisationFactor[] = [];
  impacts.forEach((impact) => {
    for (const f of enviFlows) {
      const v = impact.factors.get(f.flowId);
      if (v !== undefined && v !== 0) factors.push({ category: impact.id, flow: f.flowId, factor: v });
    }
  });
  return buildCharacterisation(biosphere.flows, factors, impacts.map((i) => ({ id: i.id, name: i.name })));
}

/**
 * @module characterisation — impact categories as factors per elementary flow (per reference unit),
 * and the characterisation matrix C over a system's elementary flows (built against B's row index, as
 * bw2calc builds it against the biosphere mapper: factors of flows the system lacks drop out).
 */
import type { OlcaPackage } from '../model.js';
import { unitIndex } from '../units.js';
import { CooBuilder, type CooMatrix, type EnviFlow } from './matrices.js';

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

/** C: one row per impact category, one column per row of B. */
export function buildCharacterisation(enviFlows: readonly EnviFlow[], impacts: readonly ImpactSpec[]): CooMatrix {
  const C = new CooBuilder();
  impacts.forEach((impact, k) => {
    enviFlows.forEach((f, i) => {
      const v = impact.factors.get(f.flowId);
      if (v !== undefined && v !== 0) C.add(k, i, v);
    });
  });
  return C.build(impacts.length, enviFlows.length);
}

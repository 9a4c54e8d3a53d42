/**
 * @module @greenlca/olca — openLCA JSON-LD (olca-schema v1 and v2) packages: read (bytes in, model out),
 * link providers, build the matrices, calculate with any solver, characterise with an LCIA method from
 * the package or with IPCC GWP100 through a reviewable flow mapping. Pure: no file system, runs in the
 * browser.
 */
export type {
  AllocationFactor, AllocationType, Exchange, Flow, FlowProperty, FlowPropertyFactor, FlowType, ImpactCategory,
  ImpactFactor, ImpactMethod, OlcaPackage, Process, ProcessLink, ProductSystem, ReadWarning, Unit, UnitGroup, VersionSource,
} from './model.js';
export { readPackage } from './read/package.js';
export { PACKAGE_LIMITS, PackageTooLargeError, type PackageLimits } from './read/zip.js';
export { unitIndex, type UnitIndex } from './units.js';
export { processAllocation, type ProcessAllocation, type AppliedAllocation } from './calc/allocation.js';
export {
  linkDatabase, linkFromProcess, linkProductSystem, needsProvider, techKey,
  type AmbiguousLink, type CutOff, type CutOffReason, type Link, type LinkedSystem, type LinkOptions, type LinkRule,
  type ProviderLinking, type TechFlow, type UnallocatedCoProduct,
} from './calc/link.js';
export { buildMatrices, referenceAmount, type CooMatrix, type EnviFlow, type SystemMatrices, type MatrixProblem } from './calc/matrices.js';
export { buildCharacterisation, impactsFromPackage, type ImpactSpec, type ImpactProblem } from './calc/characterisation.js';
export { characterisedInterventions, diagonal, multiply, solveDemand, type Factorisation, type LinearSolver, type LciaVectors } from './calc/algebra.js';
export { sparseSolver } from './calc/sparse-solver.js';
export { calculateDatabase, type DatabaseResults, type ProductResult } from './calc/database.js';
export {
  calculateLinked, calculateProcess, calculateProductSystem, linkStatistics, referenceDemand,
  type CalculateOptions, type ContributionRow, type CutOffRow, type ImpactRow, type InventoryRow, type LinkStatistics,
  type OlcaResult, type ScalingRow,
} from './calc/calculate.js';
export {
  compartmentOf, defaultGwpMapping, matchFlows, normaliseCas, normaliseFlowName,
  type Compartment, type FlowMatch, type GhgLikeFlow, type GwpMapping, type MappingOutcome, type MappingRule, type Origin, type ReportKey,
} from './gwp/mapping.js';
export {
  GWP_IMPACT_ID, gwpMethod, massImpactId, reportImpactId, substanceResolver,
  type GwpMethod, type GwpMethodOptions, type MappedFlow, type UnresolvedMapping,
} from './gwp/method.js';

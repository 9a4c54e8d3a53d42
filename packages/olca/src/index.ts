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
export { processAllocation, type ProcessAllocation, type AppliedAllocation, type DefaultAllocation, type MultiOutputRule } from './calc/allocation.js';
export {
  linkDatabase, linkFromProcess, linkProductSystem, needsProvider, techKey,
  type AmbiguousLink, type CutOff, type CutOffReason, type Link, type LinkedSystem, type LinkOptions, type LinkRule,
  type ProviderLinking, type TechFlow, type UnallocatedCoProduct,
} from './calc/link.js';
export { buildMatrices, referenceAmount, type EnviFlow, type SystemMatrices, type MatrixProblem } from './calc/matrices.js';
export { packageCharacterisation, impactsFromPackage, type ImpactSpec, type ImpactProblem } from './calc/characterisation.js';
export { calculateDatabase, type DatabaseResults, type ProductResult } from './calc/database.js';
export { packageFactors, slugOf, OLCA_UNITS, type PackageFactors, type PackageFactorOptions } from './calc/factors.js';
export {
  calculateLinked, calculateProcess, calculateProductSystem, factorise, flowInventory, linkStatistics, referenceDemand, CUT_OFF_WARNING_SHARE,
  type CalculateOptions, type ContributionRow, type CutOffRow, type FlowInventory, type ImpactRow, type InventoryRow, type LinkStatistics,
  type MethodInput, type OlcaResult, type ResultWarning, type ScalingRow,
} from './calc/calculate.js';
export {
  mapPackageFlows, parseMappingCsv, type FlowMapping, type FlowMappingRule, type MappedElementaryFlow, type MappingFileRow, type UnmappedFlow,
} from './lcia/flow-mapping.js';
export {
  compartmentOf, defaultGwpMapping, matchFlows, normaliseCas, normaliseFlowName,
  type Compartment, type FlowMatch, type GhgLikeFlow, type GwpMapping, type MappingOutcome, type MappingRule, type Origin, type ReportKey,
} from './gwp/mapping.js';
export {
  GWP_IMPACT_ID, gwpMethod, massImpactId, reportImpactId, substanceResolver,
  type GwpMethod, type GwpMethodOptions, type MappedFlow, type UnresolvedMapping,
} from './gwp/method.js';
export { productPackage, writeProductPackage, type ProductExportOptions, type ProductPackage } from './write/product.js';
export { zipJson } from './write/zip.js';
export { elementaryFlowId, olcaId } from './write/ids.js';

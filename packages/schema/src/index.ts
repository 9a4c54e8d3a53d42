export { STAGES, Stage, STAGE_NAMES, isStage } from './stage.js';
export { GWP_SETS, GwpSet, DEFAULT_GWP } from './gwp.js';
export { Amount, QuantityObject, ParameterValue } from './amount.js';
export {
  Product, Component, InventoryLine, CustomFactor, CustomFactorOrigin, FunctionalUnit, EndOfLifeRoute, EndOfLifeRouteName, EOL_ROUTES,
  SubstanceContent,
} from './product.js';
export {
  Licence, Citation, Factor, FactorOrigin, FactorDataset, FactorCategory, FACTOR_CATEGORIES, Substance, SubstanceDataset, GwpValue,
} from './dataset.js';
export { Inventory, MaterialEntry, EndOfLifeEntry, EnergyEntry, EmissionEntry, ENERGY_KINDS } from './inventory.js';
export { ImpactAssessment, CategoryResult, POOR_COVERAGE } from './impacts.js';
export { Diagnostic, LineSource, ResultLine, CalculationResult, LINE_KINDS, OriginTotals, BiogenicDetail, PrimaryData, PRIMARY_DATA_KINDS, type PrimaryDataKind } from './result.js';
export {
  Scenario, ScenarioOverrides, ComponentOverride, LineOverride, FactorReplacement, PointerSet,
} from './scenario.js';
export { Uncertainty, ProductUncertainty, DataQuality, UncertaintyFields } from './uncertainty.js';
export { ForegroundProcess, ProcessExchange } from './process.js';
export { validate, type ValidationIssue } from './validate.js';
export { productJsonSchema } from './json-schema.js';
export { MAX_COMPONENT_DEPTH, nestingIssue, type NestingLimits } from './depth.js';
export {
  COMPARTMENTS, Compartment, FLOW_VARIANTS, FlowVariant, SubCompartment, ElementaryFlow, ElementaryFlowList,
} from './flow.js';
export { CharacterisationFactor, ImpactCategory, ImpactMethod, MethodFallback } from './method.js';

/**
 * @module @greenlca/engine — pure life-cycle calculations (no I/O): the same code runs in Node and in
 * the browser. Give it a product (product model v1) and a factor library; get a cited result.
 */
export { calculate, parseProduct, type CalculateOptions } from './calculate.js';
export { readProduct, type ReadOptions, type ReadProduct } from './read-product.js';
export { compileProduct, type CompiledProduct, type CompileOptions } from './inventory/compile.js';
export type { InventoryRow, ComponentInstance, LineKind } from './inventory/line.js';
export type { ResolvedFactor } from './inventory/factors.js';
export { createLibrary, substanceKey, withDatasets, withFlows, type FactorLibrary, type LibraryFactor } from './library/library.js';
export { needsElementaryFlows, isFlowId, climateOf } from './inventory/flows.js';
export { searchFactors, type FactorQuery, type FactorHit, type UnitFit } from './library/search.js';
export {
  normaliseQuery, parseQuery, type SearchVocabulary, type SynonymGroup, type RankRule, type BilingualText,
} from './library/vocabulary.js';
export { normaliseRegion, regionContains, regionFit, regionMap, countryOf, type RegionFit, type RegionGroup, type RegionMap } from './library/region.js';
export { LcaInputError, ISSUE_CODES, closest, type InputIssue, type IssueCode } from './errors.js';
export { WARNING_CODES, type WarningCode } from './result/warnings.js';
export { characteriseFactor, characteriseSubstance, type CharacterisedFactor, type FactorValues } from './impact/characterise.js';
export {
  prepareMethod, indexFlows, ghgFlowOf, findMethod, type PreparedMethod, type PreparedCategory, type FlowIndex, type CategoryFactor,
} from './impact/method.js';
export { impactsOf, flowProfile, categoryPerUnit, type Lcia } from './result/impacts.js';
export { inventoryOf, inventoryShares, type InventoryShare } from './result/inventory.js';
export { unitSpec, type UnitSpec } from './quantity/unit.js';
export { UNIT_ALIASES, canonicalUnit, readForeignUnit } from './quantity/unit-aliases.js';
export { sameDimensions } from './quantity/measure.js';
export { evaluateAmount, type Quantity, type Scope } from './quantity/expression.js';
export { convertTo } from './quantity/convert.js';
export { Decimal, dec, num } from './decimal.js';
export { ExactSum, fixedOf, fixedOfText, addFixed, timesFixed, numberOfFixed, decimalOf, FIXED_ZERO, type Fixed } from './exact-sum.js';
export { ENGINE } from './version.js';

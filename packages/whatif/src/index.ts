/**
 * @module @greenlca/whatif — "what if" answers for product designers, pure (no I/O; runs in the browser
 * too): scenarios compared side by side, one-at-a-time sensitivity (tornado), Monte Carlo uncertainty with
 * paired draws, and eco-design suggestions quantified with the bundled factors. Built on an incremental
 * model that recompiles only what an edit touched.
 */

// Scenarios
export { applyScenario, applyScenarioTraced, scenarioById, scenariosOf, BASELINE } from './scenario/apply.js';
export { compareScenarios, compareModels, type Comparison, type CompareOptions, type VariantComparison, type Delta, type Footprint } from './compare.js';
export type { ScenarioSelection } from './variants.js';

// Sensitivity
export { sensitivity, sensitivityOfModel, type SensitivityOptions, type SensitivityRange, type SensitivityResult, type TornadoBar } from './sensitivity.js';

// Uncertainty
export {
  monteCarlo, type MonteCarloOptions, type UncertaintyResult, type UncertaintyFootprint, type UncertaintyVariant, type UncertainInput,
} from './uncertainty/monte-carlo.js';
export { pedigreeSigma, PEDIGREE_VARIANCES, DEFAULT_BASIC_VARIANCE, type Sampler } from './uncertainty/distributions.js';
export type { Stats } from './uncertainty/stats.js';
export type { InputKind } from './uncertainty/inputs.js';

// The analyses of a carbon-footprint report (uncertainty and sensitivity together)
export { reportAnalyses, type ReportAnalysesOptions } from './report-analyses.js';

// Eco-design suggestions
export {
  suggest, suggestForModel, type SuggestOptions, type SuggestResult, type Suggestion, type SuggestionKind, type NotQuantified, type Hotspot, type FactorRef,
} from './suggest/suggest.js';

// The incremental model
export { buildModel } from './model/build.js';
export { updateModel } from './model/update.js';
export { modelTotals, modelRows, rankedLines, modelImpacts, modelInventory, type ModelTotals, type ModelLine, type ModelCategory } from './model/view.js';
export type { ModelInventory } from './model/inventory.js';
export type { WhatIfModel, ModelOptions, NodeState } from './model/types.js';

// Errors
export { WhatIfInputError, WHATIF_ISSUE_CODES, type WhatIfIssue, type WhatIfIssueCode } from './errors.js';

// Schemas of the answers (for API documents)
export { ComparisonSchema, SensitivityResultSchema, UncertaintyResultSchema, SuggestResultSchema } from './schemas.js';

/**
 * @module @greenlca/whatif — "what if" answers for product designers, pure (no I/O; runs in the browser
 * too): scenarios compared side by side, one-at-a-time sensitivity (tornado), Monte Carlo uncertainty with
 * paired draws, and eco-design suggestions quantified with the bundled factors. Built on an incremental
 * model that recompiles only what an edit touched.
 */
export { buildModel } from './model/build.js';
export { updateModel } from './model/update.js';
export { modelTotals, modelRows, rankedLines, type ModelTotals, type ModelLine } from './model/view.js';
export type { WhatIfModel, ModelOptions, NodeState } from './model/types.js';
export { applyScenario, scenarioById, scenariosOf, BASELINE } from './scenario/apply.js';
export { WhatIfInputError, WHATIF_ISSUE_CODES, type WhatIfIssue, type WhatIfIssueCode } from './errors.js';

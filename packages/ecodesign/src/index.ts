/**
 * @module @greenlca/ecodesign — GB/T 32161 green-design product evaluation and GB/T 36132 green-factory
 * evaluation. Pure (no I/O): specifications are data files, passed in or bundled.
 */
export { evaluate, resolveSpecification, type EvaluateOptions } from './evaluate.js';
export { bundledSpecifications, bundledSpecification, bundledLimitSets } from './spec/bundled.js';
export { parseSpecification, parseLimitSet, checkSpecification, type ReadOptions } from './spec/read.js';
export {
  ProductSpecification, FactorySpecification, SubstanceLimitSet, SubstanceLimit, Indicator, Requirement, FactoryItem,
  FactoryDimension, Standard, Provenance, Reference, Clause, Table, ComputedMethod, type Specification,
} from './spec/schema.js';
export {
  EvaluationRequest, Declarations, RequirementDeclaration, IndicatorDeclaration, FactorySubject, ScoringSettings,
} from './request.js';
export {
  EvaluationResult, ProductEvaluation, FactoryEvaluation, IndicatorResult, RequirementResult, FactoryItemResult,
  FactoryDimensionResult, ComputationResult, GapSchema, Reason,
} from './result.js';
export { COMPUTATIONS, type Computation } from './computations/index.js';
export type { ComputedValue, ProductContext, MaterialInstance, BreakdownRow } from './computations/context.js';
export type { SubstanceCheck } from './computations/substances.js';
export { judge, gapTo, type Gap, type Judgement, type Bound } from './judge.js';
export { EvaluationInputError, EVALUATION_ISSUE_CODES, type EvaluationIssue, type EvaluationIssueCode } from './errors.js';
export { REASON_CODES, DIAGNOSTIC_CODES, type ReasonCode, type DiagnosticCode } from './codes.js';
export {
  Text, ATTRIBUTES, ATTRIBUTE_NAMES, SPEC_STAGES, SPEC_STAGE_NAMES, COMPARATORS, VERDICTS, VERDICT_NAMES, TO_BE_ENTERED,
  PROVENANCE_STATUSES, type Attribute, type SpecStage, type Comparator, type Verdict, type ProvenanceStatus,
} from './vocabulary.js';

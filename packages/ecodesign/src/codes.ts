import type { Diagnostic } from '@greenlca/schema';
import type { Reason } from './result.js';

/**
 * @module The codes of an evaluation result: why a verdict is not a pass (`reasons`), and notes on the
 * input (`diagnostics`). Stable: reports and the UI key on them; ERRORS.md documents each one.
 */

export const REASON_CODES = {
  REQUIREMENT_NOT_MET: 'A basic requirement is declared not met: the verdict fails.',
  REQUIREMENT_UNPROVEN: 'A basic requirement is not declared, or declared met without evidence.',
  INDICATOR_FAILS: 'An indicator does not meet its benchmark (the gap says by how much).',
  VALUE_MISSING: 'An indicator has no value: the product model lacks the data and none is declared.',
  BENCHMARK_MISSING: 'An indicator’s 基准值 could not be cited: to be entered from the standard.',
  VALUE_IS_BOUND: 'The value is a bound (some data undeclared) that does not settle the verdict.',
  EVIDENCE_MISSING: 'A declared value that would pass has no evidence.',
  VALUES_DISAGREE: 'The declared and the computed value differ beyond the tolerance and would give different verdicts: neither is used until they are reconciled.',
  LCA_REPORT_MISSING: 'The LCA report is declared not to exist: the verdict fails.',
  LCA_REPORT_UNPROVEN: 'The LCA report is not declared, or declared without a reference.',
  TABLE_NOT_ENTERED: 'A table of the standard (requirements, indicators, a factory dimension) is not fully entered.',
  WEIGHT_MISSING: 'A factory dimension has no weight: to be entered from the standard or the scoring settings.',
  REQUIRED_ITEM_NOT_MET: 'A 必选 (required) factory item is not met: the verdict fails.',
  ITEM_NOT_SCORED: 'A factory item cannot be scored: its value, 基准值, 引领值 or weight is missing.',
  PASS_SCORE_MISSING: 'No pass mark: the standard gives none; set scoring.passScore from the applicable rules.',
  SCORE_BELOW_PASS: 'The factory score is below the pass mark.',
  SCOPE_UNCONFIRMED: 'Nothing says the product is in the specification\'s scope: no category declared, and its name matches none of the scope\'s.',
} as const;
export type ReasonCode = keyof typeof REASON_CODES;

export const DIAGNOSTIC_CODES = {
  UNKNOWN_DECLARATION: 'A declaration or weight names an id the specification does not have; it is ignored.',
  VALUES_DIFFER: 'The declared and the computed value differ beyond the tolerance; both give the same verdict, which stands.',
  DECLARED_BENCHMARK_IGNORED: 'A benchmark is declared for an indicator whose specification gives one; the specification’s is used.',
  UNIT_BASIS: 'An indicator is per a unit (kWh/台) that is not visibly the product’s functional unit.',
  WEIGHTS_UNVERIFIED: 'Some weights used are not verified in the standard text.',
} as const;
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export type CodedReason = Reason & { code: ReasonCode };
export type CodedDiagnostic = Diagnostic & { code: DiagnosticCode };

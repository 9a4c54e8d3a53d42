/**
 * @module Input problems of an evaluation: a specification file or an evaluation request that cannot be
 * used. Each issue names what is wrong, where (JSON pointer) and how to fix it. Codes are stable.
 */
import { closest } from '@greenlca/engine';
export const EVALUATION_ISSUE_CODES = {
  SPEC_SCHEMA: 'The specification file does not have the shape of the specification format.',
  SPEC_KIND: 'The specification has no known `kind` (product, factory or substance-limits).',
  SPEC_DUPLICATE_ID: 'Two requirements, indicators, dimensions or items of a specification share an id.',
  SPEC_UNKNOWN_REFERENCE: 'A provenance cites a source key that is not in the file’s `references`.',
  SPEC_UNCITED_VALUE: 'A benchmark, leading value or weight is given without a source.',
  SPEC_BENCHMARK_TYPE: 'A benchmark does not suit its comparator (a number for <=, <, >=, >; a text for conforms).',
  SPEC_UNKNOWN_COMPUTATION: 'A computed indicator names a computation GreenLCA does not have.',
  SPEC_METHOD: 'A computed indicator without a method, or a declared one with a method, or bad method parameters.',
  SPEC_UNIT: 'An indicator unit that does not suit its computation.',
  SPEC_DIRECTION: 'A factory item whose 引领值 is not on the better side of its 基准值.',
  SPEC_SECOND_LEVEL: 'A factory item names no second-level indicator (二级指标) of its dimension, or one its dimension does not have.',
  UNKNOWN_SPEC: 'The evaluation names a specification id that is not bundled or passed in.',
  UNKNOWN_LIMIT_SET: 'A computed indicator names a restricted-substance limit set that is not available.',
  REQUEST_SCHEMA: 'The evaluation request does not have the shape of an evaluation request.',
  NO_SPEC: 'The evaluation names no specification.',
  NO_PRODUCT: 'A product specification is evaluated without a product.',
  OUT_OF_SCOPE: 'The product is outside the specification\'s product scope: its declared category, or the category its name reads as, is another specification\'s.',
  NO_LIBRARY: 'Computed indicators need a factor library to compile the product.',
  PRODUCT: 'The product cannot be calculated (the engine’s issue code is kept in `detail`).',
  DECLARED_UNIT: 'A declared value’s unit cannot be converted to the indicator’s unit.',
  DECLARED_VALUE: 'A declared value has the wrong type for its indicator (a number or true/false).',
  DECLARED_DIRECTION: 'A factory item whose 基准值/引领值, declared or part declared, do not put the 引领值 strictly on the better side of the 基准值.',
} as const;

export type EvaluationIssueCode = keyof typeof EVALUATION_ISSUE_CODES;

export interface EvaluationIssue {
  code: EvaluationIssueCode;
  /** JSON pointer into the specification or the request. */
  path: string;
  message: string;
  hint?: string;
  /** The engine's code for PRODUCT issues. */
  detail?: string;
}

/** Thrown when a specification or a request cannot be evaluated; carries every problem found. */
export class EvaluationInputError extends Error {
  readonly code = 'ECODESIGN_INPUT_INVALID';
  constructor(readonly issues: EvaluationIssue[]) {
    super(issues.map((i) => `${i.path || '/'}: ${i.message}${i.hint ? ` (${i.hint})` : ''}`).join('\n'));
    this.name = 'EvaluationInputError';
  }
}

/** Collects issues so one pass reports all of them. */
export class IssueList {
  readonly issues: EvaluationIssue[] = [];
  add(code: EvaluationIssueCode, path: string, message: string, hint?: string): void {
    this.issues.push(hint === undefined ? { code, path, message } : { code, path, message, hint });
  }
  throwIfAny(): void {
    if (this.issues.length) throw new EvaluationInputError(this.issues);
  }
}

/**
 * A schema message that says what is wrong: the shared validator describes a missing property whose
 * schema is a union (`"year": number | null`) as "has the wrong form (…)"; when the property is absent
 * from the document it is "is required (…)".
 */
export function schemaMessage(document: unknown, path: string, message: string): string {
  if (!message.startsWith('has the wrong form') || !path) return message;
  const segments = path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const key = segments.pop()!;
  let parent: unknown = document;
  for (const s of segments) {
    if (typeof parent !== 'object' || parent === null) return message;
    parent = (parent as Record<string, unknown>)[s];
  }
  if (typeof parent !== 'object' || parent === null || Array.isArray(parent) || key in parent) return message;
  return message.replace(/^has the wrong form/, 'is required');
}

/** JSON pointer from segments (RFC 6901 escaping). */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Up to three known names close to `name`, for "did you mean" hints (the engine's one rule). */
export function nearest(name: string, known: Iterable<string>): string[] {
  return closest(name, known);
}

import { closest, LcaInputError, type InputIssue } from '@greenlca/engine';

/**
 * Problems with what-if input: a scenario, an uncertainty or a range that cannot be applied. Each names
 * what is wrong, where (JSON pointer into the product, e.g. `/scenarios/1/overrides/lines/frame`) and how
 * to fix it. Codes are stable.
 */
export const WHATIF_ISSUE_CODES = {
  SCENARIO_SCHEMA: 'A scenario, uncertainty or range does not have the documented shape.',
  UNKNOWN_SCENARIO: 'A scenario id that the product does not declare.',
  DUPLICATE_SCENARIO: 'Two scenarios with the same id (or one named "baseline").',
  UNKNOWN_TARGET: 'An override or an uncertainty names a component, line, parameter, factor or pointer that does not exist.',
  CONFLICTING_OVERRIDE: 'An override gives both a value and a scale for the same thing.',
  SCENARIO_INVALID: 'The product with the scenario applied is not a valid product.',
  BAD_BOUND: 'An uncertainty bound or sensitivity range that cannot be read in the unit of its value, or whose min is above its max.',
  BAD_DISTRIBUTION: 'A distribution whose parameters contradict each other or the stated value: min above max, a triangular mode (or the stated value) outside [min, max], a negative sd, normal without sd or cv.',
  BAD_RUNS: 'A Monte Carlo run count or seed out of range.',
} as const;
export type WhatIfIssueCode = keyof typeof WHATIF_ISSUE_CODES;

export interface WhatIfIssue {
  code: WhatIfIssueCode | InputIssue['code'];
  /** JSON pointer into the product. */
  path: string;
  message: string;
  hint?: string;
  /** The scenario the problem belongs to, if any. */
  scenario?: string;
}

/** Thrown when a what-if question cannot be answered; carries every problem found. */
export class WhatIfInputError extends Error {
  readonly code = 'WHATIF_INPUT_INVALID';
  constructor(readonly issues: WhatIfIssue[]) {
    super(issues.map((i) => `${i.scenario ? `scenario "${i.scenario}": ` : ''}${i.path || '/'}: ${i.message}${i.hint ? ` (${i.hint})` : ''}`).join('\n'));
    this.name = 'WhatIfInputError';
  }
}

export function issue(code: WhatIfIssueCode, path: string, message: string, hint?: string): WhatIfIssue {
  return hint === undefined ? { code, path, message } : { code, path, message, hint };
}

/** Run `fn`; an engine input error becomes a what-if error tagged with the scenario it came from. */
export function inScenario<T>(scenario: string | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (scenario === undefined) throw error;
    if (error instanceof LcaInputError) {
      throw new WhatIfInputError(error.issues.map((i) => ({ ...i, scenario })));
    }
    if (error instanceof WhatIfInputError) {
      throw new WhatIfInputError(error.issues.map((i) => (i.scenario ? i : { ...i, scenario })));
    }
    throw error;
  }
}

/** Up to `max` candidates close to `target`, closest first: for "did you mean" (the engine's rule). */
export { closest };

/** RFC 6901 pointer from segments. */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** RFC 6901 pointer to segments. */
export function segmentsOf(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`"${path}" is not a JSON pointer`);
  return path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

import { LcaInputError, type InputIssue } from '@greenlca/engine';

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

/** Up to `max` candidates close to `target` (edit distance, or one containing the other), closest first: for "did you mean". */
export function closest(target: string, candidates: Iterable<string>, max = 3): string[] {
  const t = target.toLowerCase();
  const scored: [number, string][] = [];
  for (const c of new Set(candidates)) {
    const l = c.toLowerCase();
    const d = editDistance(t, l);
    if (d <= Math.max(2, Math.floor(t.length / 3)) || (t.length > 2 && (l.includes(t) || t.includes(l)))) scored.push([d, c]);
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).slice(0, max).map(([, c]) => c);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 12) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

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

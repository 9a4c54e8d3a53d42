import type { Diagnostic } from '@greenlca/schema';

/**
 * Input problems the engine reports: each names what is wrong, where (JSON pointer into the product)
 * and how to fix it. Codes are stable: the API, CLI and UI key on them (see ERRORS.md).
 */
export const ISSUE_CODES = {
  SCHEMA: 'The document does not have the shape of product model v1.',
  UNKNOWN_STAGE: 'A stage that is not one of the six life-cycle stages.',
  UNKNOWN_FACTOR: 'A factor id that is neither bundled nor declared in `factors`.',
  UNKNOWN_SUBSTANCE: 'A substance (gas) with no IPCC GWP100 entry.',
  NO_GWP_IN_SET: 'The substance has no GWP100 in the chosen IPCC report.',
  UNIT_MISMATCH: "An amount whose dimension does not match the factor's unit.",
  BAD_UNIT: 'A unit the unit system does not know.',
  AMBIGUOUS_UNIT: 'A unit name that means different sizes in different countries ("ton": tonne, short or long ton; "gallon": US or imperial).',
  BAD_EXPRESSION: 'An amount or parameter expression that cannot be evaluated.',
  EXPRESSION_NOT_ALLOWED: 'An expression uses something outside the amount language (a function, matrix, string, range, assignment …).',
  EXPRESSION_TOO_LARGE: 'An expression or the parameters go over the limits on length, terms, nesting, unit powers or count.',
  UNKNOWN_PARAMETER: 'An expression names a parameter that is not defined.',
  PARAMETER_CYCLE: 'Parameters that depend on each other in a circle.',
  NEGATIVE_MASS: 'A component mass below zero.',
  MISSING_MASS: 'A component with a material but no mass.',
  NEGATIVE_QUANTITY: 'A component quantity below zero.',
  NON_FINITE: 'An amount that, multiplied through the bill of materials, is beyond the largest number.',
  CYCLIC_BOM: 'A component that contains itself.',
  DUPLICATE_ID: 'Two things with the same id where ids must be unique.',
  FACTOR_OR_SUBSTANCE: 'An inventory line must name exactly one of `factor` and `substance`.',
  FACTOR_VALUE: 'A custom factor must give exactly one of `co2e` and `gases`.',
  FACTOR_ORIGIN: "A custom factor's `origin` parts do not split its `co2e` (no `co2e`, with `biogenic`, or more than `co2e`).",
  EOL_SHARES: 'End-of-life route shares of a component add up to more than 1.',
  UNKNOWN_COMPONENT: 'An inventory line attributed to a component id that does not exist.',
  EMPTY_PRODUCT: 'A product with no components, inventory lines or processes: nothing to calculate.',
  SINGULAR_NETWORK: 'Foreground processes whose network has no unique solution.',
} as const;

export type IssueCode = keyof typeof ISSUE_CODES;

export interface InputIssue {
  code: IssueCode;
  /** JSON pointer into the product, e.g. `/inventory/3/amount`. */
  path: string;
  message: string;
  /** How to fix it. */
  hint?: string;
}

/**
 * Thrown when a product cannot be calculated; carries every problem found, not just the first, and the
 * warnings found on the way (unknown fields), which a result would have carried.
 */
export class LcaInputError extends Error {
  readonly code = 'LCA_INPUT_INVALID';
  constructor(readonly issues: InputIssue[], readonly warnings: Diagnostic[] = []) {
    super(issues.map((i) => `${i.path || '/'}: ${i.message}${i.hint ? ` (${i.hint})` : ''}`).join('\n'));
    this.name = 'LcaInputError';
  }
}

/** Did-you-mean searches per run (see IssueLog.nearest). */
export const MAX_SUGGESTIONS = 20;

/** Collects issues while a product is compiled, so one run reports all of them. */
export class IssueLog {
  readonly issues: InputIssue[] = [];
  add(code: IssueCode, path: string, message: string, hint?: string): void {
    this.issues.push(hint === undefined ? { code, path, message } : { code, path, message, hint });
  }
  private suggestionsLeft = MAX_SUGGESTIONS;
  /**
   * Did-you-mean candidates, for the first MAX_SUGGESTIONS problems of a run only: each search scans
   * every candidate (27,000 flows, 1,800 factors), so a product of thousands of wrong names must not
   * cost thousands of scans. Later problems get the general hint.
   */
  nearest(target: string, candidates: () => Iterable<string>): string[] {
    if (this.suggestionsLeft <= 0) return [];
    this.suggestionsLeft--;
    return closest(target, candidates());
  }
  throwIfAny(): void {
    if (this.issues.length) throw new LcaInputError(this.issues);
  }
}

/** JSON pointer segment escaping (RFC 6901). */
export function pointer(...segments: (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    out += '/' + (typeof s === 'number' || !/[~/]/.test(s) ? s : s.replace(/~/g, '~0').replace(/\//g, '~1'));
  }
  return out;
}

/**
 * Names longer than this are matched by containment only, not by edit distance: a did-you-mean over a
 * client's thousand 1,000-character parameter names must not cost minutes of one thread.
 */
const MAX_EDIT_CHARS = 64;

/** Closest candidates by edit distance, for "did you mean" hints. */
export function closest(target: string, candidates: Iterable<string>, max = 3): string[] {
  const t = target.toLowerCase();
  const limit = Math.max(2, Math.floor(t.length / 3));
  const scored: [number, string][] = [];
  for (const c of new Set(candidates)) {
    const l = c.toLowerCase();
    const d = editDistance(t, l, limit);
    if (d <= limit) scored.push([d, c]);
    // A one- or two-letter target is "contained" in almost everything: only its edit distance counts.
    else if (t.length > 2 && (l.includes(t) || t.includes(l))) scored.push([editDistance(t, l, 12), c]);
  }
  return scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).slice(0, max).map(([, c]) => c);
}

/** Levenshtein distance, or 99 as soon as it is sure to be above `limit` (or a name is too long to compare). */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit || a.length > MAX_EDIT_CHARS || b.length > MAX_EDIT_CHARS) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j]! < best) best = cur[j]!;
    }
    // Every later row is at least this row's minimum.
    if (best > limit) return 99;
    prev = cur;
  }
  return prev[b.length]!;
}

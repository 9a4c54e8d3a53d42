import { formatNumber, formatQuantity, round, splitUnit } from './units.js';
import type { Comparator, Text } from './vocabulary.js';

/**
 * @module Comparing a value with its benchmark, and saying what it takes to pass: "needs ≤ 0.1 %, is
 * 0.15 %: reduce by 0.05 points" (需降低 0.05 个百分点).
 */

/** What a failing value must change by to pass. */
export interface Gap {
  /** Size of the change, in `unit` (percentage points when the unit is %). */
  amount: number;
  unit: string;
  direction: 'reduce' | 'increase';
  /** True for < and >: the value must move past the benchmark, not only reach it. */
  isStrict: boolean;
  text: Text;
}

/**
 * When data are missing a computation can still give a bound: `lower` means the true value is at least
 * the one given (e.g. recyclability counting undeclared parts as not recycled), `upper` at most.
 */
export type Bound = 'lower' | 'upper';

export type Judgement =
  | { verdict: 'pass'; gap: null }
  | { verdict: 'fail'; gap: Gap }
  | { verdict: 'incomplete'; gap: Gap | null; reason: 'bound' };

const SYMBOL: Record<Exclude<Comparator, 'conforms'>, string> = { '<=': '≤', '<': '<', '>=': '≥', '>': '>' };

export function comparatorSymbol(c: Comparator): string {
  return c === 'conforms' ? '' : SYMBOL[c];
}

function meets(value: number, comparator: Exclude<Comparator, 'conforms'>, benchmark: number): boolean {
  // Compare rounded values so 0.1 + 0.2 meets ≤ 0.3.
  const v = round(value);
  const b = round(benchmark);
  switch (comparator) {
    case '<=': return v <= b;
    case '<': return v < b;
    case '>=': return v >= b;
    case '>': return v > b;
  }
}

/** The change that takes `value` to `benchmark`, in words. */
export function gapTo(value: number, comparator: Exclude<Comparator, 'conforms'>, benchmark: number, unit: string): Gap {
  const direction = comparator === '<=' || comparator === '<' ? 'reduce' : 'increase';
  const amount = round(Math.abs(value - benchmark));
  const isStrict = comparator === '<' || comparator === '>';
  const { numerator } = splitUnit(unit);
  const isPercent = numerator === '%';
  const need = `${SYMBOL[comparator]} ${formatQuantity(benchmark, unit)}`;
  const is = formatQuantity(value, unit);
  const size = isPercent ? `${formatNumber(amount)}` : formatQuantity(amount, unit);
  const en = isStrict
    ? `needs ${need}, is ${is}: ${direction} by more than ${size}${isPercent ? ' points' : ''}`
    : `needs ${need}, is ${is}: ${direction} by ${size}${isPercent ? ' points' : ''}`;
  const verb = direction === 'reduce' ? '降低' : '提高';
  const zhSize = isPercent ? `${formatNumber(amount)} 个百分点` : size;
  const zh = `要求 ${need}，实际 ${is}：需${verb}${isStrict ? '超过 ' : ' '}${zhSize}`;
  return { amount, unit: isPercent ? 'percentage points' : unit, direction, isStrict, text: { zh, en } };
}

/**
 * Judge a numeric value against its benchmark. With a bound, a verdict is given only when the bound
 * already settles it (a lower bound that meets a ≥ benchmark passes); otherwise the verdict is
 * incomplete and the gap says how far the bound is.
 */
export function judge(value: number, comparator: Exclude<Comparator, 'conforms'>, benchmark: number, unit: string, bound?: Bound): Judgement {
  const ok = meets(value, comparator, benchmark);
  const higherIsBetter = comparator === '>=' || comparator === '>';
  if (bound) {
    // A lower bound proves a pass for ≥/> and a fail for ≤/<; an upper bound the reverse.
    const settles = (bound === 'lower') === higherIsBetter ? ok : !ok;
    if (!settles) return { verdict: 'incomplete', gap: ok ? null : gapTo(value, comparator, benchmark, unit), reason: 'bound' };
  }
  return ok ? { verdict: 'pass', gap: null } : { verdict: 'fail', gap: gapTo(value, comparator, benchmark, unit) };
}

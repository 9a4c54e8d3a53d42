import { comparatorSymbol } from './judge.js';
import { formatQuantity } from './units.js';
import { TO_BE_ENTERED, VERDICT_NAMES, text, type Comparator, type Text, type Verdict } from './vocabulary.js';

/** @module How values, benchmarks and verdicts read in a report, in both languages. */

export const NOT_AVAILABLE: Text = text('未提供', 'not available');

/** A computed indicator the product model cannot compute (the reason is given beside it). */
export const NOT_COMPUTABLE: Text = text('不可计算', 'not computable');

export function verdictName(v: Verdict): Text {
  return VERDICT_NAMES[v];
}

export function displayValue(value: number | boolean | null, unit: string, bound?: 'lower' | 'upper'): Text {
  if (value === null) return NOT_AVAILABLE;
  if (typeof value === 'boolean') return value ? text('符合', 'conforms') : text('不符合', 'does not conform');
  const prefix = bound === 'lower' ? '≥ ' : bound === 'upper' ? '≤ ' : '';
  const s = prefix + formatQuantity(value, unit);
  return { zh: s, en: s };
}

export function displayBenchmark(value: number | Text | null, comparator: Comparator, unit: string): Text {
  if (value === null) return TO_BE_ENTERED;
  if (typeof value === 'number') {
    const s = `${comparatorSymbol(comparator)} ${formatQuantity(value, unit)}`.trim();
    return { zh: s, en: s };
  }
  return value;
}

export function displayNumber(value: number | null, unit: string | undefined): Text {
  if (value === null) return TO_BE_ENTERED;
  const s = formatQuantity(value, unit ?? '');
  return { zh: s, en: s };
}

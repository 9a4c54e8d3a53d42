/** @module issues — find the engine's input issues for one field (by JSON pointer) and word them. */
import type { InputIssue } from '@greenlca/engine';
import { codeText, locale as current } from '../i18n/i18n.js';

/** Issues located exactly at `path` or inside it. */
export function issuesAt(issues: readonly InputIssue[] | undefined, path: string): InputIssue[] {
  if (!issues?.length) return [];
  return issues.filter((i) => i.path === path || i.path.startsWith(path + '/'));
}

/**
 * One line of text for a field: the message and the hint, in the page language where the code has a
 * translation (the engine's own words, with the specifics, are then in the field's title).
 */
export function describe(issues: readonly InputIssue[]): string {
  return issues.map((i) => {
    const { message, hint } = codeText(i);
    return hint ? `${message} — ${hint}` : message;
  }).join(current() === 'zh' ? '；' : '; ');
}

/** The engine's own words for the issues (the specifics: which unit, which factor). */
export function original(issues: readonly InputIssue[]): string {
  return issues.map((i) => (i.hint ? `${i.message} — ${i.hint}` : i.message)).join('; ');
}

/** An amount as the user types it: `{ value, unit }` and bare numbers shown as text. */
export function amountText(amount: unknown): string {
  if (amount === undefined || amount === null) return '';
  if (typeof amount === 'object') {
    const q = amount as { value?: unknown; unit?: unknown };
    return `${String(q.value ?? '')} ${String(q.unit ?? '')}`.trim();
  }
  return String(amount);
}

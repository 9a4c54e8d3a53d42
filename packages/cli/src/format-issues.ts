import type { Diagnostic } from '@greenlca/schema';
import type { InputIssue } from '@greenlca/engine';

/**
 * Input problems as lines a person can act on: where, what, how to fix; then the warnings found on the
 * way (unknown fields), which a failed run would otherwise never show.
 */
export function formatIssues(file: string, issues: InputIssue[], warnings: readonly Diagnostic[] = []): string {
  const lines = [`${file}: ${issues.length === 1 ? '1 problem' : `${issues.length} problems`}, nothing calculated`];
  for (const issue of issues) {
    lines.push(`  ${issue.path || '/'}  [${issue.code}]  ${issue.message}`);
    if (issue.hint) lines.push(`      fix: ${issue.hint}`);
  }
  if (warnings.length) lines.push(`and ${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}:`);
  for (const w of warnings) {
    lines.push(`  ${w.path || '/'}  [${w.code}]  ${w.message}`);
    if (w.hint) lines.push(`      fix: ${w.hint}`);
  }
  return lines.join('\n') + '\n';
}

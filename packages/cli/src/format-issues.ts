import type { InputIssue } from '@greenlca/engine';

/** Input problems as lines a person can act on: where, what, how to fix. */
export function formatIssues(file: string, issues: InputIssue[]): string {
  const lines = [`${file}: ${issues.length === 1 ? '1 problem' : `${issues.length} problems`}, nothing calculated`];
  for (const issue of issues) {
    lines.push(`  ${issue.path || '/'}  [${issue.code}]  ${issue.message}`);
    if (issue.hint) lines.push(`      fix: ${issue.hint}`);
  }
  return lines.join('\n') + '\n';
}

import type { CodedDiagnostic, CodedReason } from './codes.js';
import { nearest } from './errors.js';
import { verdictName } from './present.js';
import type { Declarations } from './request.js';
import type { RequirementResult } from './result.js';
import type { Requirement, Table } from './spec/schema.js';
import { text, type Text, type Verdict } from './vocabulary.js';

/**
 * @module Basic requirements (基本要求): gates declared met or not. A requirement passes only when
 * declared met with evidence; declared not met it fails; undeclared, or met without evidence, it is
 * incomplete.
 */

export function evaluateRequirements(requirements: Requirement[], declarations: Declarations | undefined, isVeto: boolean): RequirementResult[] {
  return requirements.map((r) => {
    const d = declarations?.requirements?.[r.id];
    let verdict: Verdict;
    let reason: Text | undefined;
    if (!d) {
      verdict = 'incomplete';
      reason = text('未声明是否满足', 'not declared met or not met');
    } else if (!d.met) {
      verdict = 'fail';
      reason = text('声明不满足', 'declared not met');
    } else if (!d.evidence) {
      verdict = 'incomplete';
      reason = text('声明满足但未提供证据', 'declared met without evidence');
    } else verdict = 'pass';
    const out: RequirementResult = {
      id: r.id, name: r.name, clause: r.clause, basis: r.basis ?? null, isVeto,
      declared: d ? (d.evidence ? { met: d.met, evidence: d.evidence } : { met: d.met }) : null,
      verdict, verdictName: verdictName(verdict), provenance: r.provenance,
    };
    if (r.description) out.description = r.description;
    if (reason) out.reason = reason;
    return out;
  });
}

export function requirementReasons(results: RequirementResult[]): CodedReason[] {
  return results
    .filter((r) => r.verdict !== 'pass')
    .map((r) => ({
      code: r.verdict === 'fail' ? 'REQUIREMENT_NOT_MET' : 'REQUIREMENT_UNPROVEN',
      subject: r.id,
      text: text(`基本要求“${r.name.zh}”：${r.reason!.zh}`, `basic requirement "${r.name.en}": ${r.reason!.en}`),
    }));
}

export function tableReason(table: Table, name: Text, subject: string): CodedReason | undefined {
  if (table.isComplete) return undefined;
  const clause = table.clause ? `（${table.clause}）` : '';
  const clauseEn = table.clause ? ` (clause ${table.clause})` : '';
  return {
    code: 'TABLE_NOT_ENTERED', subject,
    text: text(`标准的${name.zh}${clause}尚未完整录入，待按标准录入`, `the standard’s ${name.en}${clauseEn}: not fully entered, to be entered from the standard`),
  };
}

/** Declarations naming ids the specification does not have: probably a typo. */
export function unknownDeclarations(declared: Record<string, unknown> | undefined, known: string[], what: string, path: string): CodedDiagnostic[] {
  return Object.keys(declared ?? {})
    .filter((id) => !known.includes(id))
    .map((id) => {
      const near = nearest(id, known);
      const d: CodedDiagnostic = { code: 'UNKNOWN_DECLARATION', path: `${path}/${id}`, message: `the specification has no ${what} "${id}": the declaration is ignored` };
      if (near.length) d.hint = `did you mean ${near.map((n) => `"${n}"`).join(', ')}?`;
      return d;
    });
}

export function worst(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail';
  if (verdicts.includes('incomplete')) return 'incomplete';
  return 'pass';
}

export function count(verdicts: Verdict[]): { total: number; pass: number; fail: number; incomplete: number } {
  return {
    total: verdicts.length,
    pass: verdicts.filter((v) => v === 'pass').length,
    fail: verdicts.filter((v) => v === 'fail').length,
    incomplete: verdicts.filter((v) => v === 'incomplete').length,
  };
}

import type { EvaluationResult } from './result.js';
import type { Specification, Table } from './spec/schema.js';
import { TO_BE_ENTERED, VERDICT_NAMES, type Text } from './vocabulary.js';

/** @module The parts every evaluation result shares: what specification, which labels, who made it. */

export const GENERATOR = { name: '@greenlca/ecodesign', version: '0.1.0' } as const;

export function specificationSummary(spec: Specification, tables: (Table & { name: Text })[]): EvaluationResult['specification'] {
  const out: EvaluationResult['specification'] = {
    id: spec.id, kind: spec.kind, title: spec.title, standard: spec.standard, status: spec.status,
    references: spec.references, provenance: spec.provenance, notes: spec.notes ?? [], tables,
  };
  if (spec.kind === 'product') out.family = spec.family;
  if (spec.scope) out.scope = spec.scope;
  return out;
}

export function resultLabels(): EvaluationResult['labels'] {
  return { toBeEntered: TO_BE_ENTERED, verdicts: { ...VERDICT_NAMES } };
}

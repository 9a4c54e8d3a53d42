import { Type, type Static } from '@sinclair/typebox';
import { EvaluationInputError } from '../errors.js';
import { gapTo, type Gap } from '../judge.js';
import type { SubstanceLimit, SubstanceLimitSet } from '../spec/schema.js';
import { round } from '../units.js';
import { text, type Text, type Verdict } from '../vocabulary.js';
import { productMaterials, type BreakdownRow, type ComputedValue, type ProductContext } from './context.js';

/**
 * @module Restricted-substance conformity from declared contents, per homogeneous material: each
 * component's own material is one homogeneous material, and its `substances` list declares the mass
 * fractions found in it. Contents that name the same restricted substance (PBDE congeners declared
 * one by one under aliases of PBDE, say) are added up before they are compared with the limit.
 *
 * A component with an own mass and no `substances` list is undeclared: conformity cannot be shown for
 * it. An empty list declares that it contains none of the restricted substances.
 */

export const SubstanceParameters = Type.Object(
  {
    limitSet: Type.Optional(Type.String({ minLength: 1, description: 'Limit set id (default gb-t-26572-2011).' })),
    includePackaging: Type.Optional(Type.Boolean({ description: 'Check packaging components too (default false).' })),
  },
  { additionalProperties: false },
);
export type SubstanceParameters = Static<typeof SubstanceParameters>;

export const DEFAULT_LIMIT_SET = 'gb-t-26572-2011';

/** One restricted substance found in one homogeneous material, against its limit. */
export interface SubstanceCheck {
  /** Component id path. */
  component: string;
  label: string;
  /** Limit id, e.g. "Cd". */
  substance: string;
  substanceName: Text;
  /** Names as declared in the product (aliases resolved to `substance`). */
  declaredAs: string[];
  /** Summed mass fraction in the homogeneous material (0.0002 = 0.02 %). */
  massFraction: number;
  maxMassFraction: number;
  verdict: Exclude<Verdict, 'incomplete'>;
  gap: Gap | null;
  evidence: string[];
}

/** Substance names compare without case, spaces, dashes, dots and brackets: "Cr(VI)" = "cr vi" = "CrVI". */
export function substanceKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s\-_.,()（）[\]]/g, '');
}

/** Index a limit set by every name of every substance. */
export function limitIndex(set: SubstanceLimitSet): Map<string, SubstanceLimit> {
  const index = new Map<string, SubstanceLimit>();
  for (const limit of set.limits) {
    for (const name of [limit.id, limit.name.en, limit.name.zh, ...limit.aliases, ...(limit.cas ? [limit.cas] : [])]) {
      index.set(substanceKey(name), limit);
    }
  }
  return index;
}

export function restrictedSubstances(ctx: ProductContext, parameters: SubstanceParameters): ComputedValue {
  const setId = parameters.limitSet ?? DEFAULT_LIMIT_SET;
  const set = ctx.limitSets.get(setId);
  if (!set) {
    // Specifications read with parseSpecification are checked for this; a hand-built one may not be.
    throw new EvaluationInputError([{ code: 'UNKNOWN_LIMIT_SET', path: '/spec', message: `no restricted-substance limit set "${setId}"`,
      hint: `available: ${[...ctx.limitSets.keys()].join(', ') || 'none'}` }]);
  }
  const index = limitIndex(set);
  const checks: SubstanceCheck[] = [];
  const breakdown: BreakdownRow[] = [];
  const undeclared: string[] = [];
  const unrestricted = new Set<string>();
  for (const m of productMaterials(ctx, parameters.includePackaging)) {
    const declared = m.component.substances;
    if (!declared) {
      undeclared.push(m.idPath);
      breakdown.push({
        item: m.idPath, label: m.name, stage: m.stage, values: { massKg: round(m.massKg) },
        note: text('未声明有害物质含量', 'no substance contents declared'),
      });
      continue;
    }
    const found = new Map<string, { limit: SubstanceLimit; fraction: number; names: string[]; evidence: string[] }>();
    for (const content of declared) {
      const limit = index.get(substanceKey(content.substance));
      if (!limit) {
        unrestricted.add(content.substance);
        continue;
      }
      const entry = found.get(limit.id) ?? { limit, fraction: 0, names: [], evidence: [] };
      entry.fraction += content.massFraction;
      entry.names.push(content.substance);
      if (content.evidence) entry.evidence.push(content.evidence);
      found.set(limit.id, entry);
    }
    const values: Record<string, number> = { massKg: round(m.massKg) };
    for (const { limit, fraction, names, evidence } of found.values()) {
      const massFraction = round(fraction);
      values[limit.id] = massFraction;
      const exceeds = massFraction > round(limit.maxMassFraction);
      checks.push({
        component: m.idPath, label: m.name, substance: limit.id, substanceName: limit.name, declaredAs: names,
        massFraction, maxMassFraction: limit.maxMassFraction,
        verdict: exceeds ? 'fail' : 'pass',
        // Percent of the homogeneous material's mass, as GB/T 26572 states its limits.
        gap: exceeds ? gapTo(round(massFraction * 100), '<=', round(limit.maxMassFraction * 100), '%') : null,
        evidence,
      });
    }
    breakdown.push({ item: m.idPath, label: m.name, stage: m.stage, values });
  }
  const failed = checks.filter((c) => c.verdict === 'fail');
  const notes: Text[] = [];
  if (undeclared.length) {
    notes.push(text(
      `${undeclared.length} 个均质材料未声明有害物质含量：${undeclared.join('、')}`,
      `${undeclared.length} homogeneous material(s) without declared substance contents: ${undeclared.join(', ')}`,
    ));
  }
  if (unrestricted.size) {
    notes.push(text(
      `以下声明物质不在 ${set.standard.number} 限用物质之列：${[...unrestricted].join('、')}`,
      `declared substances not restricted by ${set.standard.number}: ${[...unrestricted].join(', ')}`,
    ));
  }
  const withoutEvidence = checks.filter((c) => c.evidence.length === 0).length;
  if (withoutEvidence) {
    notes.push(text(`${withoutEvidence} 项声明含量未附检测证据`, `${withoutEvidence} declared content(s) have no test evidence`));
  }
  const value = failed.length ? false : undeclared.length ? null : true;
  return {
    value,
    breakdown,
    totals: { materials: breakdown.length, undeclared: undeclared.length, checks: checks.length, exceedances: failed.length },
    checks,
    notes,
   
  };
}

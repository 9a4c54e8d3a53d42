import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';

/**
 * @module Shared vocabulary of the evaluation: bilingual text, the four (five) indicator attributes, the
 * life-cycle stages a specification names (所属阶段), comparators and verdicts, each with its Chinese and
 * English name so reports never hard-code a label.
 */

/** Text in Chinese and English. Specifications and results carry both. */
export const Text = Type.Object(
  {
    zh: Type.String({ minLength: 1, description: 'Chinese (as the standard words it where known).' }),
    en: Type.String({ minLength: 1, description: 'English.' }),
  },
  { additionalProperties: false },
);
export type Text = Static<typeof Text>;

export function text(zh: string, en: string): Text {
  return { zh, en };
}

/** A union of string literals whose static type is the literal union. */
export function literals<T extends string>(values: readonly T[], description: string): TUnion<TLiteral<T>[]> {
  return Type.Union(values.map((v) => Type.Literal(v)), { description });
}

/**
 * First-level attributes (一级指标). GB/T 32161 family: 资源/能源/环境/产品属性 (notes §1.6, [V] P12).
 * The GB/T 33761 green-product family replaces 产品属性 by 品质属性 (notes §1.1, [V] P10).
 */
export const ATTRIBUTES = ['resource', 'energy', 'environment', 'product', 'quality'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];
export const AttributeSchema = literals(ATTRIBUTES, 'First-level attribute: resource, energy, environment, product or quality.');
export const ATTRIBUTE_NAMES: Record<Attribute, Text> = {
  resource: text('资源属性', 'Resource attribute'),
  energy: text('能源属性', 'Energy attribute'),
  environment: text('环境属性', 'Environmental attribute'),
  product: text('产品属性', 'Product attribute'),
  quality: text('品质属性', 'Quality attribute'),
};

/**
 * Life-cycle stage an indicator belongs to (所属阶段). Wording varies by specification (notes §1.6,
 * [B]); an indicator may give its own `stageName` to use the standard's exact words.
 */
export const SPEC_STAGES = ['rawMaterials', 'production', 'distribution', 'use', 'endOfLife', 'lifeCycle'] as const;
export type SpecStage = (typeof SPEC_STAGES)[number];
export const SpecStageSchema = literals(SPEC_STAGES, 'Stage: rawMaterials, production, distribution, use, endOfLife or lifeCycle.');
export const SPEC_STAGE_NAMES: Record<SpecStage, Text> = {
  rawMaterials: text('原材料获取', 'Raw material acquisition'),
  production: text('产品生产', 'Production'),
  distribution: text('运输', 'Distribution'),
  use: text('产品使用', 'Use'),
  endOfLife: text('报废处理', 'End of life'), // as the product's stage (STAGE_NAMES) and GB/T 32161 name it
  lifeCycle: text('全生命周期', 'Whole life cycle'),
};

/** How a value is compared with its benchmark. `conforms`: a qualitative requirement, met or not. */
export const COMPARATORS = ['<=', '<', '>=', '>', 'conforms'] as const;
export type Comparator = (typeof COMPARATORS)[number];
export const ComparatorSchema = literals(COMPARATORS, 'Comparator: <=, <, >=, > or conforms (qualitative).');

/** A verdict. `incomplete`: evidence, a value or a benchmark is missing, so neither pass nor fail can be said. */
export const VERDICTS = ['pass', 'fail', 'incomplete'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VerdictSchema = literals(VERDICTS, 'pass, fail, or incomplete (missing evidence, value or benchmark).');
export const VERDICT_NAMES: Record<Verdict, Text> = {
  pass: text('符合', 'Pass'),
  fail: text('不符合', 'Fail'),
  incomplete: text('不完整（缺少证据、数值或基准值）', 'Incomplete (evidence, value or benchmark missing)'),
};

/** Shown wherever a benchmark, clause or weight could not be cited. */
export const TO_BE_ENTERED: Text = text('待按标准录入', 'to be entered from the standard');

/**
 * How far a fact is established, in the legend of shared/standards/notes.md: `verified` [V] read in a
 * primary text or a faithful copy; `second-hand` [S] from a paraphrase or implementation; `believed` [B]
 * background knowledge, not verified; `template` placeholder in the template specification; `example`
 * a made-up value in tests and examples, never in a shipped specification.
 */
export const PROVENANCE_STATUSES = ['verified', 'second-hand', 'believed', 'template', 'example'] as const;
export type ProvenanceStatus = (typeof PROVENANCE_STATUSES)[number];
export const ProvenanceStatusSchema = literals(PROVENANCE_STATUSES, 'verified [V], second-hand [S], believed [B], template or example.');

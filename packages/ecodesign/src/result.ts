import { Diagnostic, Stage } from '@greenlca/schema';
import { Type, type Static } from '@sinclair/typebox';
import { Clause, Provenance, Reference, Standard } from './spec/schema.js';
import {
  AttributeSchema, ComparatorSchema, ProvenanceStatusSchema, SpecStageSchema, Text, VerdictSchema, literals,
} from './vocabulary.js';

/**
 * @module The evaluation result: self-describing, so reports (the GB/T 32161 自评价报告, the green-factory
 * report) are built from it alone. Every requirement and indicator carries its names in Chinese and
 * English, clause, value, unit, benchmark, verdict, gap to pass, evidence and provenance; the result
 * says whether it is complete and why not.
 */

/** What a failing value must change by to pass. */
export const GapSchema = Type.Object({
  amount: Type.Number(),
  unit: Type.String({ description: '"percentage points" when the indicator unit is %.' }),
  direction: literals(['reduce', 'increase'] as const, 'reduce or increase'),
  isStrict: Type.Boolean({ description: 'For < and >: the value must move past the benchmark.' }),
  text: Text,
});

/** Why a verdict is not a pass, or what is missing. */
export const Reason = Type.Object({
  code: Type.String({ description: 'Stable code, e.g. REQUIREMENT_NOT_MET, BENCHMARK_MISSING.' }),
  text: Text,
  /** Requirement, indicator or item id it is about. */
  subject: Type.Optional(Type.String()),
});
export type Reason = Static<typeof Reason>;

export const SpecificationSummary = Type.Object({
  id: Type.String(),
  kind: literals(['product', 'factory'] as const, 'product or factory'),
  family: Type.Optional(Type.String()),
  title: Text,
  standard: Standard,
  status: Type.String({ description: 'template, skeleton, partial or complete.' }),
  scope: Type.Optional(Text),
  references: Type.Record(Type.String(), Reference),
  provenance: Provenance,
  notes: Type.Array(Text),
  tables: Type.Array(Type.Object({ name: Text, isComplete: Type.Boolean(), clause: Clause, note: Type.Optional(Text) })),
});

export const RequirementResult = Type.Object({
  id: Type.String(),
  name: Text,
  description: Type.Optional(Text),
  clause: Clause,
  basis: Type.Union([Text, Type.Null()]),
  isVeto: Type.Boolean({ description: 'Green factory: failing it fails the evaluation whatever the score (一票否决). False for product basic requirements (基本要求), which must all be met like the indicators.' }),
  declared: Type.Union([Type.Object({ met: Type.Boolean(), evidence: Type.Optional(Type.String()) }), Type.Null()]),
  verdict: VerdictSchema,
  verdictName: Text,
  reason: Type.Optional(Text),
  provenance: Provenance,
});
export type RequirementResult = Static<typeof RequirementResult>;

const BreakdownRowSchema = Type.Object({
  item: Type.String(), label: Type.String(), stage: Type.Optional(Stage),
  values: Type.Record(Type.String(), Type.Number()), note: Type.Optional(Text),
  lines: Type.Optional(Type.Array(Type.String(), { description: 'JSON pointers of the product lines it comes from (inventory lines, components, end-of-life routes).' })),
});

export const SubstanceCheckSchema = Type.Object({
  component: Type.String(), label: Type.String(), substance: Type.String(), substanceName: Text,
  declaredAs: Type.Array(Type.String()), massFraction: Type.Number(), maxMassFraction: Type.Number(),
  verdict: literals(['pass', 'fail'] as const, 'pass or fail'), gap: Type.Union([GapSchema, Type.Null()]), evidence: Type.Array(Type.String()),
});

/** How a computed value was obtained, with its breakdown by component or line. */
export const ComputationResult = Type.Object({
  id: Type.String(),
  name: Text,
  formula: Text,
  parameters: Type.Record(Type.String(), Type.Unknown()),
  /** Canonical value before conversion to the indicator unit (fraction, kg CO2e, kWh, m³, or conformity). */
  value: Type.Union([Type.Number(), Type.Boolean(), Type.Null()]),
  unit: Type.String(),
  breakdown: Type.Array(BreakdownRowSchema),
  totals: Type.Record(Type.String(), Type.Number()),
  checks: Type.Optional(Type.Array(SubstanceCheckSchema)),
  notes: Type.Array(Text),
});

const Origin = literals(['spec', 'declared', 'none'] as const, 'spec, declared (with source) or none');

export const IndicatorResult = Type.Object({
  id: Type.String(),
  attribute: AttributeSchema,
  attributeName: Text,
  name: Text,
  description: Type.Optional(Text),
  unit: Type.String(),
  stage: SpecStageSchema,
  stageName: Text,
  source: literals(['computed', 'declared'] as const, 'computed or declared'),
  clause: Clause,
  basis: Type.Union([Text, Type.Null()]),
  comparator: ComparatorSchema,
  benchmark: Type.Object({
    value: Type.Union([Type.Number(), Text, Type.Null()]),
    display: Text,
    origin: Origin,
    source: Type.Optional(Type.String({ description: 'For a declared benchmark: where it was read.' })),
    status: Type.Optional(ProvenanceStatusSchema),
  }),
  value: Type.Object({
    value: Type.Union([Type.Number(), Type.Boolean(), Type.Null()]),
    display: Text,
    origin: literals(['computed', 'declared', 'none'] as const, 'computed, declared or none'),
    bound: Type.Optional(literals(['lower', 'upper'] as const, 'the true value is at least (lower) or at most (upper) this')),
    per: Type.Optional(Type.String({ description: 'What the value is per, e.g. the functional unit.' })),
  }),
  computed: Type.Optional(Type.Object({
    value: Type.Union([Type.Number(), Type.Boolean(), Type.Null()], { description: 'In the indicator’s unit; null when the model cannot compute it.' }),
    display: Text,
    bound: Type.Optional(literals(['lower', 'upper'] as const, 'the true value is at least (lower) or at most (upper) this')),
    notComputable: Type.Optional(Text),
  }, { description: 'What the product model gives, for a computed indicator (also when a value is declared).' })),
  declared: Type.Optional(Type.Object({
    value: Type.Union([Type.Number(), Type.Boolean()], { description: 'In the indicator’s unit (converted exactly from `given`).' }),
    display: Text,
    given: Type.Optional(Type.Object({ value: Type.Number(), unit: Type.String() })),
  }, { description: 'The value declared with evidence, shown beside the computed one.' })),
  comparison: Type.Optional(Type.Object({
    tolerance: Type.Number({ description: 'Relative tolerance: |declared − computed| / |computed| beyond it is a disagreement.' }),
    toleranceOrigin: literals(['spec', 'default'] as const, 'the specification’s method.tolerance, or the default 5 %'),
    difference: Type.Union([Type.Number(), Type.Null()], { description: 'Relative difference (declared − computed) / computed; null when the computed value is 0 or the values are not numbers.' }),
    agrees: Type.Boolean(),
    text: Text,
  }, { description: 'Declared against computed, when both exist.' })),
  evidence: Type.Array(Type.String()),
  verdict: VerdictSchema,
  verdictName: Text,
  gap: Type.Union([GapSchema, Type.Null()]),
  reason: Type.Optional(Text),
  computation: Type.Optional(ComputationResult),
  provenance: Provenance,
});
export type IndicatorResult = Static<typeof IndicatorResult>;

const Common = {
  schemaVersion: Type.Literal(1),
  specification: SpecificationSummary,
  verdict: VerdictSchema,
  verdictName: Text,
  isComplete: Type.Boolean({ description: 'False when any evidence, value, benchmark, weight or table is missing.' }),
  reasons: Type.Array(Reason, { description: 'Why the verdict is not a pass, and everything missing.' }),
  requirements: Type.Array(RequirementResult),
  summary: Type.Object({
    requirements: Type.Object({ total: Type.Integer(), pass: Type.Integer(), fail: Type.Integer(), incomplete: Type.Integer() }),
    indicators: Type.Object({ total: Type.Integer(), pass: Type.Integer(), fail: Type.Integer(), incomplete: Type.Integer() }),
  }),
  diagnostics: Type.Array(Diagnostic),
  labels: Type.Object({ toBeEntered: Text, verdicts: Type.Record(Type.String(), Text) }),
  generator: Type.Object({ name: Type.String(), version: Type.String() }),
};

/** GB/T 32161-family evaluation of a product. */
export const ProductEvaluation = Type.Object(
  {
    kind: Type.Literal('product'),
    ...Common,
    subject: Type.Object({
      id: Type.String(), name: Type.String(),
      functionalUnit: Type.Object({ amount: Type.Number(), unit: Type.String(), description: Type.Optional(Type.String()) }),
    }),
    indicators: Type.Array(IndicatorResult),
    scope: Type.Optional(Type.Object({
      category: Type.Union([Type.String(), Type.Null()]),
      how: literals(['declared', 'name', 'general', 'unconfirmed'] as const, 'declared in the request, read from the product name, a general rule (no scope), or unconfirmed'),
    }, { description: 'How the product was found to be in the specification\'s scope.' })),
    lcaReport: Type.Object({
      isRequired: Type.Boolean(),
      clause: Clause,
      method: Type.Optional(Text),
      declared: Type.Union([Type.Object({ exists: Type.Boolean(), reference: Type.Optional(Type.String()) }), Type.Null()]),
      verdict: VerdictSchema,
      verdictName: Text,
      reason: Type.Optional(Text),
    }),
    verdictRule: Type.Object({ text: Text, clause: Clause, provenance: Provenance }),
    carbonFootprint: Type.Object({
      kgCO2e: Type.Number(),
      fossilKgCO2e: Type.Number(),
      biogenicKgCO2e: Type.Number(),
      notSplitKgCO2e: Type.Number({ description: 'From factors given only as a CO2e total: origin unknown (the engine\'s split).' }),
      byStage: Type.Record(Type.String(), Type.Number()),
      gwp: Type.String(),
      warnings: Type.Integer(),
    }, { description: 'Summary of the engine’s calculation of the same product (per functional unit).' }),
  },
  { $id: 'ProductEvaluation' },
);
export type ProductEvaluation = Static<typeof ProductEvaluation>;

const Weight = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()]),
  origin: literals(['spec', 'request', 'none'] as const, 'spec, request or none'),
  status: Type.Optional(ProvenanceStatusSchema),
  isVerified: Type.Boolean(),
});

export const FactoryItemResult = Type.Object({
  id: Type.String(),
  /** The second-level indicator (二级指标) it belongs to, where the specification lists them. */
  indicator: Type.Optional(Type.String()),
  name: Text,
  description: Type.Optional(Text),
  kind: literals(['quantitative', 'qualitative'] as const, 'quantitative or qualitative'),
  direction: Type.Optional(literals(['higher', 'lower'] as const, 'higher or lower is better')),
  unit: Type.Optional(Type.String()),
  level: Type.Union([literals(['required', 'optional'] as const, '必选 or 可选'), Type.Null()]),
  clause: Clause,
  valueRule: Type.Optional(Text),
  benchmark: Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), display: Text, origin: Origin, source: Type.Optional(Type.String()) }),
  leading: Type.Object({ value: Type.Union([Type.Number(), Type.Null()]), display: Text, origin: Origin, source: Type.Optional(Type.String()) }),
  value: Type.Object({
    value: Type.Union([Type.Number(), Type.Boolean(), Type.Null()]), display: Text,
    origin: literals(['declared', 'linked', 'none'] as const, 'declared, linked (from the factory\'s products or inventory) or none'),
  }),
  /** Where the value comes from when not declared: the factory's products or its greenhouse-gas inventory. */
  link: Type.Optional(Type.Object({ kind: Type.String(), basis: Text })),
  evidence: Type.Array(Type.String()),
  weight: Weight,
  /** Points this item is worth: dimension weight × item weight / Σ item weights of the dimension. */
  points: Type.Union([Type.Number(), Type.Null()]),
  /** Share of its points earned, 0…1 (linear between 基准值 and 引领值). */
  fraction: Type.Union([Type.Number(), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  verdict: VerdictSchema,
  verdictName: Text,
  gap: Type.Union([GapSchema, Type.Null()]),
  gapToLeading: Type.Union([GapSchema, Type.Null()]),
  reason: Type.Optional(Text),
  provenance: Provenance,
});
export type FactoryItemResult = Static<typeof FactoryItemResult>;

/** A second-level indicator (二级指标) with the verdict of its items (incomplete when none is entered). */
export const FactoryIndicatorResult = Type.Object({
  id: Type.String(),
  name: Text,
  clause: Clause,
  items: Type.Array(Type.String()),
  verdict: VerdictSchema,
  verdictName: Text,
  provenance: Provenance,
});
export type FactoryIndicatorResult = Static<typeof FactoryIndicatorResult>;

export const FactoryDimensionResult = Type.Object({
  id: Type.String(),
  name: Text,
  weight: Weight,
  score: Type.Union([Type.Number(), Type.Null()]),
  indicators: Type.Optional(Type.Array(FactoryIndicatorResult)),
  items: Type.Array(FactoryItemResult),
  itemsTable: Type.Object({ isComplete: Type.Boolean(), clause: Clause, note: Type.Optional(Text) }),
});
export type FactoryDimensionResult = Static<typeof FactoryDimensionResult>;

/** GB/T 36132 evaluation of a factory. */
export const FactoryEvaluation = Type.Object(
  {
    kind: Type.Literal('factory'),
    ...Common,
    subject: Type.Object({
      name: Type.String(), id: Type.Optional(Type.String()), sector: Type.Optional(Type.String()), period: Type.Optional(Type.String()),
      products: Type.Optional(Type.Array(Type.Unknown({ description: 'The products as given in the request (factory.products).' }))),
      ghgInventory: Type.Optional(Type.Object({
        period: Type.String(), standard: Type.String(), scope1KgCO2e: Type.Number(), scope2KgCO2e: Type.Number(), totalKgCO2e: Type.Number(),
        lines: Type.Integer(), verification: Type.Optional(Type.String()), evidence: Type.Optional(Type.String()),
      }, { description: 'The factory inventory summed by scope (lines: activity × cited factor).' })),
    }),
    dimensions: Type.Array(FactoryDimensionResult),
    score: Type.Object({
      value: Type.Union([Type.Number(), Type.Null()], { description: 'Null while any weight, value or benchmark is missing.' }),
      /** Points earned by the items that could be scored, a lower bound while the score is incomplete. */
      partial: Type.Number(),
      max: Type.Union([Type.Number(), Type.Null()]),
      passScore: Type.Union([Type.Number(), Type.Null()]),
      passScoreOrigin: literals(['spec', 'request', 'none'] as const, 'spec, request or none'),
      weightsVerified: Type.Boolean({ description: 'True only when every weight used is verified in the standard.' }),
      rule: Text,
      clause: Clause,
      settingsSource: Type.Optional(Type.String()),
    }),
  },
  { $id: 'FactoryEvaluation' },
);
export type FactoryEvaluation = Static<typeof FactoryEvaluation>;

export const EvaluationResult = Type.Union([ProductEvaluation, FactoryEvaluation], { $id: 'EvaluationResult' });
export type EvaluationResult = Static<typeof EvaluationResult>;

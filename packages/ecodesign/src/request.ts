import { Type, type Static } from '@sinclair/typebox';

/**
 * @module The evaluation request: what is evaluated (a product, or a factory), against which
 * specification, and the declarations that the product model cannot hold: basic requirements met or
 * not with their evidence, declared indicator values with evidence, and the LCA report.
 *
 * Declarations live here, not in the product model, because their ids belong to one specification: a
 * product is evaluated against several specifications with different requirement and indicator ids.
 */

const Evidence = Type.String({ minLength: 1, description: 'What proves it: report number, certificate, document reference.' });

/** A basic requirement declared met or not. */
export const RequirementDeclaration = Type.Object(
  { met: Type.Boolean(), evidence: Type.Optional(Evidence) },
  { additionalProperties: false },
);
export type RequirementDeclaration = Static<typeof RequirementDeclaration>;

/**
 * A declared indicator: its value with evidence, and, where the specification could not cite a
 * benchmark (基准值, for a factory also 引领值), the value the evaluator read in the standard with its
 * source. A declared benchmark never replaces one the specification gives.
 */
export const IndicatorDeclaration = Type.Object(
  {
    value: Type.Optional(Type.Union([Type.Number(), Type.Boolean()], { description: 'A number in the indicator’s unit, or true/false for a qualitative one.' })),
    unit: Type.Optional(Type.String({ description: 'Unit of `value` when it differs from the indicator’s (converted exactly, e.g. MJ → kWh, % → 1).' })),
    evidence: Type.Optional(Evidence),
    benchmark: Type.Optional(
      Type.Object(
        {
          value: Type.Optional(Type.Union([Type.Number(), Type.Object({ zh: Type.String(), en: Type.String() })])),
          leading: Type.Optional(Type.Number({ description: 'Factory items: 引领值.' })),
          source: Type.String({ minLength: 1, description: 'Standard and clause or table the value was read from.' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type IndicatorDeclaration = Static<typeof IndicatorDeclaration>;

export const Declarations = Type.Object(
  {
    requirements: Type.Optional(Type.Record(Type.String(), RequirementDeclaration)),
    indicators: Type.Optional(Type.Record(Type.String(), IndicatorDeclaration)),
    lcaReport: Type.Optional(
      Type.Object(
        { exists: Type.Boolean(), reference: Type.Optional(Evidence) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Declarations = Static<typeof Declarations>;

/**
 * A product the factory makes, with what is known of it: its GB/T 32161-family evaluation (verdict and
 * specification, e.g. from `evaluate`) and its carbon footprint (e.g. from a CFP calculation). The
 * factory's 产品 items (生态设计, 碳足迹) follow from these (see `link` in the specification).
 */
export const FactoryProduct = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    evaluation: Type.Optional(Type.Object(
      {
        spec: Type.String({ minLength: 1, description: 'Specification evaluated against, e.g. t-cagp-0001-2016.' }),
        verdict: Type.Union([Type.Literal('pass'), Type.Literal('fail'), Type.Literal('incomplete')]),
        reference: Type.Optional(Evidence),
      },
      { additionalProperties: false },
    )),
    footprint: Type.Optional(Type.Object(
      {
        kgCO2e: Type.Number(),
        per: Type.String({ minLength: 1, description: 'The functional or declared unit, e.g. "1 unit over 10 years".' }),
        standard: Type.Optional(Type.String({ description: 'e.g. ISO 14067:2018, GB/T 24067-2024.' })),
        reference: Type.Optional(Evidence),
      },
      { additionalProperties: false },
    )),
  },
  { additionalProperties: false },
);
export type FactoryProduct = Static<typeof FactoryProduct>;

/** One emission source of the factory's greenhouse-gas inventory: activity × cited factor. */
export const GhgInventoryLine = Type.Object(
  {
    source: Type.String({ minLength: 1, description: 'What emits: "natural gas, boilers", "purchased electricity".' }),
    scope: Type.Union([Type.Literal(1), Type.Literal(2)], { description: '1 direct, 2 purchased energy (GB/T 32150 / ISO 14064-1).' }),
    amount: Type.Number({ minimum: 0 }),
    unit: Type.String({ minLength: 1 }),
    factor: Type.Object(
      {
        kgCO2ePerUnit: Type.Number({ minimum: 0 }),
        source: Type.String({ minLength: 1, description: 'Publisher and document of the factor, e.g. MEE/NBS 公告2025年第47号.' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type GhgInventoryLine = Static<typeof GhgInventoryLine>;

/** The factory's organisational greenhouse-gas inventory (温室气体排放 核算), for the 环境排放 items. */
export const GhgInventory = Type.Object(
  {
    period: Type.String({ minLength: 1, description: 'Reporting period, e.g. 2025.' }),
    standard: Type.String({ minLength: 1, description: 'Accounting standard, e.g. GB/T 32150-2015 or ISO 14064-1:2018.' }),
    lines: Type.Array(GhgInventoryLine, { minItems: 1, maxItems: 10000 }),
    verification: Type.Optional(Type.String({ minLength: 1, description: 'Third-party verification statement: verifier and report number.' })),
    evidence: Type.Optional(Evidence),
  },
  { additionalProperties: false },
);
export type GhgInventory = Static<typeof GhgInventory>;

/** The factory evaluated (GB/T 36132): who it is, the products it makes, its inventory; other data are declarations. */
export const FactorySubject = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    id: Type.Optional(Type.String()),
    sector: Type.Optional(Type.String({ description: 'Industry, e.g. GB/T 4754 class.' })),
    period: Type.Optional(Type.String({ description: 'Reporting period, e.g. 2025.' })),
    products: Type.Optional(Type.Array(FactoryProduct, { maxItems: 1000 })),
    ghgInventory: Type.Optional(GhgInventory),
  },
  { additionalProperties: false },
);
export type FactorySubject = Static<typeof FactorySubject>;

/** Scoring settings of a factory evaluation: weights and pass mark, overriding the specification’s. */
export const ScoringSettings = Type.Object(
  {
    weights: Type.Optional(Type.Record(Type.String(), Type.Number({ minimum: 0 }), {
      description: 'Weight by dimension id or item id (item weights are relative within their dimension).',
    })),
    passScore: Type.Optional(Type.Number({ minimum: 0, description: 'Pass mark, e.g. from the local rules.' })),
    source: Type.Optional(Type.String({ description: 'Where these settings come from (local rules, sector standard …).' })),
  },
  { additionalProperties: false },
);
export type ScoringSettings = Static<typeof ScoringSettings>;

export const EvaluationRequest = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    schemaVersion: Type.Optional(Type.Literal(1)),
    spec: Type.Optional(Type.Union([Type.String({ minLength: 1 }), Type.Record(Type.String(), Type.Unknown())], {
      description: 'Bundled specification id, or a specification document.',
    })),
    // Checked by the engine, not this schema; documented (OpenAPI `x-checked-as`) as the Product it must be.
    product: Type.Optional(Type.Unknown({ description: 'Product model v1 (checked by the engine).', 'x-checked-as': 'Product' })),
    productCategory: Type.Optional(Type.String({
      minLength: 1,
      description: 'The product\'s category in the specification\'s scope (productScope.categories[].id, e.g. lithium-ion-battery); else the product\'s name and description are matched against the scopes.',
    })),
    factory: Type.Optional(FactorySubject),
    declarations: Type.Optional(Declarations),
    scoring: Type.Optional(ScoringSettings),
  },
  { additionalProperties: false, $id: 'EvaluationRequest' },
);
export type EvaluationRequest = Static<typeof EvaluationRequest>;

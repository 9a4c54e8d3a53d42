import { Type, type Static } from '@sinclair/typebox';
import {
  AttributeSchema, ComparatorSchema, ProvenanceStatusSchema, SpecStageSchema, Text, literals,
} from '../vocabulary.js';

/**
 * @module The specification file format: one JSON file per product-category specification (GB/T 32161
 * family), per green-factory standard edition (GB/T 36132), and per restricted-substance limit set, in
 * `datasets/specifications/`. A new specification is a data file plus its test, never code.
 *
 * Rule of the format: a value that cannot be cited is `null` and shows as "to be entered from the
 * standard" (待按标准录入); the verdict is then "incomplete". Every value that is given names its sources.
 */

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]*$', description: 'Stable id: lower case, digits, dots, dashes.' });

/** A source a specification cites, keyed in its `references` (keys follow shared/standards/notes.md: P6, F5, R1 …). */
export const Reference = Type.Object(
  {
    title: Type.String({ minLength: 1 }),
    url: Type.Optional(Type.String()),
    locator: Type.Optional(Type.String({ description: 'Where in the source: clause, page, table, search id.' })),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Reference = Static<typeof Reference>;

/** How far a fact or value is established, and from which of the file's references. */
export const Provenance = Type.Object(
  {
    status: ProvenanceStatusSchema,
    sources: Type.Array(Type.String({ minLength: 1 }), { description: 'Keys of `references` in this file.' }),
    note: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type Provenance = Static<typeof Provenance>;

/** A clause or table reference ("4", "5.2", "表 2", "附录A"); null when it could not be read. */
export const Clause = Type.Union([Type.String({ minLength: 1 }), Type.Null()], {
  description: 'Clause or table in the standard, e.g. "5.2"; null when not verified (shown as "to be entered from the standard").',
});
export type Clause = Static<typeof Clause>;

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

/** The standard a specification encodes. */
export const Standard = Type.Object(
  {
    number: Type.String({ minLength: 1, description: 'Full designation with year, e.g. "T/CAGP 0001-2016".' }),
    year: Type.Union([Type.Integer({ minimum: 1949, maximum: 2100 }), Type.Null()], { description: 'Year of the edition; null only in the template.' }),
    title: Text,
    alsoPublishedAs: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    issued: Type.Optional(Type.String({ pattern: DATE })),
    effective: Type.Optional(Type.String({ pattern: DATE })),
    publishers: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    framework: Type.Optional(Type.String({ description: 'The general rule it is written to, e.g. "GB/T 32161-2015".' })),
    replaces: Type.Optional(Type.String()),
    replacedBy: Type.Optional(Type.String()),
    provenance: Provenance,
  },
  { additionalProperties: false },
);
export type Standard = Static<typeof Standard>;

/** A basic requirement (基本要求): a gate that must be met, declared with evidence. */
export const Requirement = Type.Object(
  {
    id: Id,
    name: Text,
    description: Type.Optional(Text),
    clause: Clause,
    basis: Type.Optional(Type.Union([Text, Type.Null()], { description: 'Evidence expected (判定依据), null if not known.' })),
    provenance: Provenance,
  },
  { additionalProperties: false },
);
export type Requirement = Static<typeof Requirement>;

/** Whether a table of the standard is fully entered in this file. */
export const Table = Type.Object(
  {
    isComplete: Type.Boolean({ description: 'True only when every row of the standard’s table is in this file.' }),
    clause: Clause,
    note: Type.Optional(Text),
  },
  { additionalProperties: false },
);
export type Table = Static<typeof Table>;

/** For a computed indicator: which GreenLCA computation gives its value, with its parameters. */
export const ComputedMethod = Type.Object(
  {
    compute: Type.String({ minLength: 1, description: 'Computation id, e.g. recyclabilityRate (see COMPUTATIONS).' }),
    parameters: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    tolerance: Type.Optional(Type.Number({
      minimum: 0, maximum: 1,
      description: 'Relative tolerance for a declared value against the computed one (default 0.05): beyond it the two are flagged as disagreeing.',
    })),
  },
  { additionalProperties: false },
);
export type ComputedMethod = Static<typeof ComputedMethod>;

/** An evaluation indicator (评价指标) of a product specification. */
export const Indicator = Type.Object(
  {
    id: Id,
    attribute: AttributeSchema,
    name: Text,
    description: Type.Optional(Text),
    unit: Type.String({ description: 'Unit of value and benchmark: "%", "kgCO2e", "kWh", "m³" (or "m^3"), … ("" for qualitative).' }),
    comparator: ComparatorSchema,
    benchmark: Type.Union([Type.Number(), Text, Type.Null()], {
      description: '基准值: a number for <=, <, >=, >; a text requirement for conforms; null when not cited.',
    }),
    basis: Type.Union([Text, Type.Null()], { description: '判定依据: the evidence that proves the value; null when not read.' }),
    stage: SpecStageSchema,
    stageName: Type.Optional(Text),
    source: literals(['computed', 'declared'] as const, 'computed from the product model, or declared with evidence'),
    method: Type.Optional(ComputedMethod),
    clause: Clause,
    provenance: Provenance,
  },
  { additionalProperties: false },
);
export type Indicator = Static<typeof Indicator>;

const Meta = {
  $schema: Type.Optional(Type.String()),
  schemaVersion: Type.Literal(1),
  id: Id,
  title: Text,
  standard: Standard,
  status: literals(['template', 'skeleton', 'partial', 'complete'] as const,
    'template: a form to copy; skeleton: structure only; partial: some values entered; complete: every table entered'),
  scope: Type.Optional(Text),
  references: Type.Record(Type.String({ minLength: 1 }), Reference),
  provenance: Provenance,
  notes: Type.Optional(Type.Array(Text)),
};

/**
 * The products a specification applies to (its clause 1 范围): categories with the names that identify
 * them in a product's name or description. A general rule (GB/T 32161 itself) has none and applies to all.
 */
export const ProductScope = Type.Object(
  {
    categories: Type.Array(Type.Object(
      {
        id: Id,
        name: Text,
        names: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'Names that identify the category in a product name or description (case ignored).' }),
      },
      { additionalProperties: false },
    ), { minItems: 1 }),
    provenance: Provenance,
  },
  { additionalProperties: false },
);
export type ProductScope = Static<typeof ProductScope>;

/** A GB/T 32161-family product specification (绿色设计产品评价技术规范 / 生态设计产品评价规范). */
export const ProductSpecification = Type.Object(
  {
    ...Meta,
    kind: Type.Literal('product'),
    family: literals(['green-design', 'green-product'] as const,
      'green-design: GB/T 32161 eco-design family; green-product: GB/T 33761 family (do not mix them)'),
    productScope: Type.Optional(ProductScope),
    requirements: Type.Array(Requirement),
    requirementsTable: Table,
    indicators: Type.Array(Indicator),
    indicatorsTable: Table,
    lcaReport: Type.Object(
      { isRequired: Type.Boolean(), clause: Clause, method: Type.Optional(Text), provenance: Provenance },
      { additionalProperties: false },
    ),
    verdictRule: Type.Object({ text: Text, clause: Clause, provenance: Provenance }, { additionalProperties: false }),
  },
  { additionalProperties: false, $id: 'ProductSpecification' },
);
export type ProductSpecification = Static<typeof ProductSpecification>;

/**
 * Where a factory item's value comes from when the request declares none: the factory's own data in
 * the request (`factory.products`, `factory.ghgInventory`) rather than a bare declaration.
 *   productEvaluations      every product the factory makes has a GB/T 32161-family evaluation
 *   productEvaluationsPass  … and every one of them passes
 *   productFootprints       every product has a carbon footprint (ISO 14067 / GB/T 24067)
 *   ghgInventory            the factory has a greenhouse-gas inventory (lines, each with a cited factor)
 *   ghgInventoryVerified    … verified by a third party
 */
export const FACTORY_LINKS = ['productEvaluations', 'productEvaluationsPass', 'productFootprints', 'ghgInventory', 'ghgInventoryVerified'] as const;
export type FactoryLink = (typeof FACTORY_LINKS)[number];

/** A second-level indicator (二级指标) of a green-factory dimension: a heading that groups items. */
export const FactoryIndicator = Type.Object(
  {
    id: Id,
    name: Text,
    description: Type.Optional(Text),
    clause: Clause,
    provenance: Provenance,
  },
  { additionalProperties: false },
);
export type FactoryIndicator = Static<typeof FactoryIndicator>;

/** A scored item of a green-factory standard (the 必选/可选 requirements under a 二级指标, or a 三级指标). */
export const FactoryItem = Type.Object(
  {
    id: Id,
    indicator: Type.Optional(Type.String({ description: 'Id of the second-level indicator (二级指标) of its dimension it belongs to.' })),
    name: Text,
    description: Type.Optional(Text),
    kind: literals(['quantitative', 'qualitative'] as const, 'quantitative (定量) or qualitative (定性)'),
    direction: Type.Optional(literals(['higher', 'lower'] as const, 'higher is better (正向) or lower is better (逆向)')),
    unit: Type.Optional(Type.String()),
    benchmark: Type.Union([Type.Number(), Type.Null()], { description: '基准值: score 0 at or below it; null when not cited.' }),
    leading: Type.Union([Type.Number(), Type.Null()], { description: '引领值: full score at or beyond it; null when not cited.' }),
    valueRule: Type.Optional(Text),
    weight: Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description: 'Weight within its dimension; null when not cited.' }),
    weightProvenance: Type.Optional(Provenance),
    level: Type.Optional(Type.Union([literals(['required', 'optional'] as const, '必选 or 可选'), Type.Null()])),
    link: Type.Optional(literals(FACTORY_LINKS, 'derived from the factory\'s products or greenhouse-gas inventory when not declared')),
    clause: Clause,
    provenance: Provenance,
  },
  { additionalProperties: false },
);
export type FactoryItem = Static<typeof FactoryItem>;

/** A first-level dimension (一级指标) of a green-factory standard, with its weight and items. */
export const FactoryDimension = Type.Object(
  {
    id: Id,
    name: Text,
    weight: Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description: 'Points of the dimension out of the total.' }),
    weightProvenance: Provenance,
    indicators: Type.Optional(Type.Array(FactoryIndicator, { description: 'Second-level indicators (二级指标); every item then names one.' })),
    items: Type.Array(FactoryItem),
    itemsTable: Table,
  },
  { additionalProperties: false },
);
export type FactoryDimension = Static<typeof FactoryDimension>;

/** A green-factory standard edition (GB/T 36132-2025, or -2018 as the legacy option). */
export const FactorySpecification = Type.Object(
  {
    ...Meta,
    kind: Type.Literal('factory'),
    requirements: Type.Array(Requirement, { description: 'Basic requirements: each one vetoes (一票否决).' }),
    requirementsTable: Table,
    dimensions: Type.Array(FactoryDimension),
    scoring: Type.Object(
      {
        text: Text,
        clause: Clause,
        passScore: Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description: 'Pass mark; null when the standard gives none.' }),
        passScoreNote: Type.Optional(Text),
        provenance: Provenance,
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, $id: 'FactorySpecification' },
);
export type FactorySpecification = Static<typeof FactorySpecification>;

export type Specification = ProductSpecification | FactorySpecification;

/** A restricted substance with its limit in homogeneous material. */
export const SubstanceLimit = Type.Object(
  {
    id: Type.String({ minLength: 1, description: 'Short id: Pb, Hg, Cd, Cr(VI), PBB, PBDE.' }),
    name: Text,
    aliases: Type.Array(Type.String({ minLength: 1 }), { description: 'Other spellings that name it (Cr6+, 六价铬 …).' }),
    cas: Type.Optional(Type.String()),
    maxMassFraction: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Limit as a mass fraction (0.001 = 0.1 %).' }),
    provenance: Provenance,
  },
  { additionalProperties: false },
);
export type SubstanceLimit = Static<typeof SubstanceLimit>;

/** A restricted-substance limit set, e.g. the GB/T 26572 limits, referenced by computed indicators. */
export const SubstanceLimitSet = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    schemaVersion: Type.Literal(1),
    id: Id,
    kind: Type.Literal('substance-limits'),
    title: Text,
    standard: Standard,
    basis: Text,
    references: Type.Record(Type.String({ minLength: 1 }), Reference),
    limits: Type.Array(SubstanceLimit, { minItems: 1 }),
  },
  { additionalProperties: false, $id: 'SubstanceLimitSet' },
);
export type SubstanceLimitSet = Static<typeof SubstanceLimitSet>;

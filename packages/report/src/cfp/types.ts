import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { CalculationResult, Diagnostic, GwpSet, OriginTotals, PrimaryData, ResultLine, Stage, type Product } from '@greenlca/schema';
import { DataQuality, GwpBasisAsPublished } from '@greenlca/pact';
import { Lang, ReportDocument } from '../document.js';

/**
 * @module The CFP report's data model and options: what the builders in this folder produce and read.
 * The data model is declared once, as TypeBox schemas (the API documents and checks the JSON report
 * with them); its TypeScript types are derived (Static).
 */

const n = (description?: string) => Type.Number(description ? { description } : {});
const Result = CalculationResult.properties;

/** A cut-off criterion: the largest share of the footprint one left-out input, and all of them together, may have. */
export const CutOffCriterion = Type.Object({
  perInput: n('0.01 = 1 %'),
  total: n(),
  source: Type.Optional(Type.String({ description: 'Where it comes from: the PCR or product-specific standard and clause.' })),
});
export type CutOffCriterion = Static<typeof CutOffCriterion>;

/** Recycling allocation: cut-off (recycled content), 50:50, or the circular footprint formula. */
export const RecyclingMethod = Type.Union([Type.Literal('cut-off'), Type.Literal('50:50'), Type.Literal('CFF')]);
export type RecyclingMethod = Static<typeof RecyclingMethod>;

/** A process left out of the system: why, and where known, an estimate of the kg CO2e it would add. */
export const Exclusion = Type.Object({
  process: Type.String(),
  reason: Type.String(),
  estimatedKgCO2e: Type.Optional(n()),
});
export type Exclusion = Static<typeof Exclusion>;

const text = (description: string) => Type.Optional(Type.String({ description }));

/** What the practitioner states about the study; everything has an honest default. Fields beyond these are kept as sent. */
export const StudyInfo = Type.Object({
  company: Type.Optional(Type.String()),
  practitioner: Type.Optional(Type.String()),
  commissioner: Type.Optional(Type.String()),
  goal: Type.Optional(Type.String()),
  intendedApplication: Type.Optional(Type.String()),
  audience: Type.Optional(Type.String()),
  referencePeriod: text('e.g. "2024-01-01 to 2024-12-31"; default the product\'s year.'),
  pcr: text('Product category rules or product-specific CFP standard followed, if any.'),
  referenceFlow: text('Reference flow in words (default: the functional unit\'s amount of the product, with its bill-of-materials mass).'),
  allocation: Type.Optional(Type.String()),
  recyclingMethod: Type.Optional(Type.Union([...RecyclingMethod.anyOf], { description: 'The recycling allocation method the study states; the calculation applies cut-off (see data.allocation).' })),
  cutOff: Type.Optional(Type.String()),
  cutOffCriterion: Type.Optional(Type.Object({ ...CutOffCriterion.properties }, { description: 'The cut-off criterion (default GreenLCA\'s: 1 % per input, 5 % in total, of the footprint).' })),
  exclusions: Type.Optional(Type.Array(Type.String(), { description: 'Processes known to be left out, with a reason each.' })),
  excluded: Type.Optional(Type.Array(Exclusion, { description: 'Processes left out, with a reason and, where known, an estimate of what each would add.' })),
  valueChoices: Type.Optional(Type.Array(Type.String(), { description: 'Value choices made in the study, besides those the report states itself (ISO 14067 reports value choices).' })),
  limitations: Type.Optional(Type.Array(Type.String(), { description: 'Limitations to add to the generated ones.' })),
  review: text('Critical review or verification statement, if one was done.'),
  comparative: Type.Optional(Type.Boolean({ description: 'Comparative assertion intended? Default no.' })),
}, { additionalProperties: true, description: 'Study information (@greenlca/report StudyInfo).' });
export type StudyInfo = Static<typeof StudyInfo>;

/** One bar of a one-at-a-time sensitivity (@greenlca/whatif `sensitivity`), as far as the report reads it. */
export const SensitivityBar = Type.Object({
  rank: Type.Integer(), key: Type.String(), label: Type.String(),
  kind: Type.Optional(Type.String({ description: 'What the input is (@greenlca/whatif: parameter, line, component or factor).' })),
  path: Type.Optional(Type.String({ description: 'JSON pointer of the input in the product.' })),
  range: Type.Object({ low: n(), high: n(), value: n(), unit: Type.String(), from: Type.String(), percent: Type.Optional(n()) }),
  low: Type.Object({ kgCO2e: n(), delta: n() }),
  high: Type.Object({ kgCO2e: n(), delta: n() }),
  swing: n(),
});
export type SensitivityBar = Static<typeof SensitivityBar>;

/**
 * A Monte Carlo result (@greenlca/whatif `monteCarlo`), as far as the report reads it; the caller runs
 * it (the report builder is pure and has no factor library).
 */
export interface CfpUncertaintyInput {
  runs: number;
  seed: number;
  inputs: { key: string; label: string }[];
  baseline: { deterministic: { kgCO2e: number }; total: { mean: number; sd: number; median: number; p5: number; p95: number; min: number; max: number } };
  warnings: { code: string; message: string }[];
}

/** One-at-a-time sensitivity (@greenlca/whatif `sensitivity`), as far as the report reads it. */
export interface CfpSensitivityInput {
  percent: number;
  baseline: { kgCO2e: number };
  bars: SensitivityBar[];
}

export interface CfpReportOptions {
  lang: Lang;
  /** Monte Carlo ranges of the footprint for the uncertainty section (none: the section says so). */
  uncertainty?: CfpUncertaintyInput;
  /** Tornado bars for the sensitivity section (none: the section says so). */
  sensitivity?: CfpSensitivityInput;
  /** The product document, for region, year, description and parameters. */
  product?: Product;
  study?: StudyInfo;
  /** When the report was generated (ISO date-time). The builder never reads the clock. */
  generatedAt?: string;
  /** Reference year for data-quality scoring (default the product's year). */
  referenceYear?: number;
}

export const StudyType = Type.Union([Type.Literal('cradle-to-grave'), Type.Literal('cradle-to-gate'), Type.Literal('partial')]);
export type StudyType = Static<typeof StudyType>;

/** One reference of the citation list: a source with every factor taken from it. */
export const Citation = Type.Object({
  n: Type.Integer(),
  citation: Type.String(),
  dataset: Type.Optional(Type.String()),
  datasetVersion: Type.Optional(Type.String()),
  licence: Type.Optional(Type.String()),
  region: Type.Optional(Type.String()),
  year: Type.Optional(Type.Integer()),
  url: Type.Optional(Type.String()),
  factors: Type.Array(Type.String()),
  primary: Type.Boolean({ description: 'Custom (product- or supplier-specific) data rather than a bundled dataset.' }),
});
export type Citation = Static<typeof Citation>;

export const CfpLine = Type.Object({
  n: Type.Integer(),
  path: Type.String(),
  stage: Stage,
  kind: ResultLine.properties.kind,
  label: Type.String(),
  factor: Type.Optional(Type.String()),
  substance: Type.Optional(Type.String()),
  component: Type.Optional(Type.String()),
  amount: Type.Object({ value: n(), unit: Type.String() }),
  factorKgCO2ePerUnit: n(),
  kgCO2e: n(),
  fossilKgCO2e: n('The engine\'s origin split of the line (fossil + biogenic + not split = kgCO2e).'),
  biogenicKgCO2e: n(),
  notSplitKgCO2e: n(),
  share: n(),
  ref: Type.Integer({ description: 'Number of the citation in `citations`.' }),
});
export type CfpLine = Static<typeof CfpLine>;

/** The life-cycle stages of ISO 14067 / GB/T 24067 [B: stage names not checked against the text]. */
export const IsoStage = Type.Union([Type.Literal('rawMaterial'), Type.Literal('production'), Type.Literal('distribution'), Type.Literal('use'), Type.Literal('endOfLife')]);
export type IsoStage = Static<typeof IsoStage>;

/** The reference flow: how much product fulfils the functional unit. */
export const ReferenceFlow = Type.Object({
  text: Type.String(),
  stated: Type.Boolean({ description: 'True when the study states it; false when derived from the functional unit and the bill of materials.' }),
  bomMassKg: Type.Union([n(), Type.Null()], { description: 'Mass of the product per functional unit from the bill of materials (Σ top-level components), null without one.' }),
});
export type ReferenceFlow = Static<typeof ReferenceFlow>;

/** One ISO 14067 stage with the GreenLCA stages and line kinds mapped to it, and its share. */
export const BoundaryStage = Type.Object({
  stage: IsoStage,
  ours: Type.Array(Type.Object({
    stage: Stage,
    kinds: Type.Union([Type.Literal('all'), Type.Literal('material'), Type.Literal('non-material')]),
  }), { description: 'The GreenLCA stages (and line kinds) it covers.' }),
  kgCO2e: n(),
  share: n(),
  lines: Type.Integer(),
  included: Type.Boolean(),
});
export type BoundaryStage = Static<typeof BoundaryStage>;

export const CutOffApplied = Type.Object({
  criterion: Type.Object({ ...CutOffCriterion.properties, origin: Type.Union([Type.Literal('study'), Type.Literal('default')]) }),
  belowThreshold: Type.Object({ lines: Type.Array(Type.Integer()), kgCO2e: n(), share: n() }, {
    description: 'Modelled lines whose share is below the per-input threshold: kept in the footprint (GreenLCA drops no modelled line).',
  }),
  excluded: Type.Array(Exclusion),
  excludedShare: Type.Union([n(), Type.Null()], { description: 'Share of (footprint + estimates) the exclusions are estimated at; null when an exclusion has no estimate.' }),
  meetsCriterion: Type.Union([Type.Boolean(), Type.Null()], { description: 'Whether the exclusions meet the criterion; null when they cannot be judged (no estimate).' }),
});
export type CutOffApplied = Static<typeof CutOffApplied>;

export const AllocationApplied = Type.Object({
  multiOutput: Type.Union([Type.String(), Type.Null()], { description: 'Multi-output allocation as stated, or null (none in the foreground; secondary data carry their publishers\').' }),
  recycling: Type.Object({
    applied: Type.Literal('cut-off', { description: 'What the calculation does: end-of-life recycling carries collection and processing, no avoided-burden credit.' }),
    stated: Type.Union([...RecyclingMethod.anyOf, Type.Null()]),
    creditLines: Type.Array(Type.Integer(), { description: 'Line numbers with a negative amount (credits), which a cut-off approach does not give.' }),
    consistent: Type.Boolean(),
  }),
});
export type AllocationApplied = Static<typeof AllocationApplied>;

export const UncertaintySummary = Type.Object({
  runs: Type.Integer(),
  seed: Type.Integer(),
  uncertainInputs: Type.Integer({ description: 'Number of inputs with an uncertainty (0: the ranges collapse to the point value).' }),
  deterministic: n(),
  mean: n(),
  median: n(),
  sd: n(),
  p5: n(),
  p95: n(),
  relative: Type.Object({ p5: n(), p95: n() }, { description: 'p5 and p95 relative to the point value (−0.12 = 12 % below).' }),
  warnings: Type.Array(Type.String()),
});
export type UncertaintySummary = Static<typeof UncertaintySummary>;

export const SensitivitySummary = Type.Object({
  percent: n(),
  baseline: n(),
  bars: Type.Array(SensitivityBar),
});
export type SensitivitySummary = Static<typeof SensitivitySummary>;

/** The product a report is of: the result's identity and functional unit, with the product document's description, region and year. */
export const ReportProduct = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  functionalUnit: Result.product.properties.functionalUnit,
  region: Type.Optional(Type.String()),
  year: Type.Optional(Type.Integer()),
});

/** An engine warning with the report's explanation of it, where it has one. */
export const ExplainedWarning = Type.Object({ ...Diagnostic.properties, explanation: Type.Optional(Type.String()) });

export const CfpReportData = Type.Object({
  product: ReportProduct,
  study: Type.Object({
    type: StudyType,
    cfpKind: Type.Union([Type.Literal('CFP'), Type.Literal('partial CFP')], { description: 'CFP (full life cycle, per functional unit) or partial CFP (per declared unit).' }),
    unitKind: Type.Union([Type.Literal('functional unit'), Type.Literal('declared unit')]),
    stagesIncluded: Type.Array(Stage),
    stagesExcluded: Type.Array(Stage),
    info: StudyInfo,
  }),
  gwp: Type.Object({
    set: GwpSet,
    metric: Type.Literal('GWP100'),
    publication: Type.Object({ publisher: Type.String(), citation: Type.String(), url: Type.String() }, { description: 'The IPCC report and table the GWP values are cited from.' }),
    dataset: Type.Optional(Type.Object({ id: Type.String(), version: Type.String(), edition: Type.String() })),
    asPublished: Type.Array(GwpBasisAsPublished, { description: 'Other GWP sets in which factors given only as CO2e were used as published (GWP_BASIS_MISMATCH).' }),
  }),
  total: Type.Object({ ...OriginTotals.properties }, { description: 'The engine\'s totals unchanged, with its origin split (fossil, biogenic, not split by origin).' }),
  origin: Type.Pick(OriginTotals, ['fossilKgCO2e', 'biogenicKgCO2e', 'notSplitKgCO2e', 'biogenicDetail'], {
    description: 'The engine\'s origin split of the total, as `calc --format json` and the PACT export give it.',
  }),
  byStage: Type.Array(Type.Object({ stage: Stage, kgCO2e: n(), share: n(), lines: Type.Integer(), included: Type.Boolean() })),
  byGas: Type.Array(Type.Object({ gas: Type.String(), kg: Type.Optional(n()), kgCO2e: n(), share: n() })),
  byComponent: Result.byComponent,
  hotspots: Result.hotspots,
  lines: Type.Array(CfpLine),
  citations: Type.Array(Citation),
  datasets: Result.datasets,
  dataQuality: DataQuality,
  primaryData: Type.Optional(Type.Object({ ...PrimaryData.properties }, {
    description: 'The engine\'s primary data (lines on supplier-specific, custom or direct data, and their share); absent for results stored before it.',
  })),
  warnings: Type.Array(ExplainedWarning),
  limitations: Type.Array(Type.String()),
  referenceFlow: Type.Object({ ...ReferenceFlow.properties }, { description: 'ISO 14067 / GB/T 24067 clauses the report states, from the result and the study.' }),
  boundaryMap: Type.Array(BoundaryStage),
  cutOff: CutOffApplied,
  allocation: AllocationApplied,
  uncertainty: Type.Union([UncertaintySummary, Type.Null()]),
  sensitivity: Type.Union([SensitivitySummary, Type.Null()]),
  valueChoices: Type.Array(Type.String()),
  engine: Result.engine,
  rounded: Type.Boolean({ description: 'True when a displayed kg CO2e value was rounded (to CFP_DIGITS significant digits).' }),
}, { description: 'The figures of a carbon-footprint report (ISO 14067 / GB/T 24067).' });
export type CfpReportData = Static<typeof CfpReportData>;

/** What every report is besides its figures: its kind, language, generator and the document the HTML and PDF are rendered from. */
export const reportOf = <K extends string, D extends TSchema>(kind: K, data: D, description: string) => Type.Object({
  schemaVersion: Type.Literal(1),
  kind: Type.Literal(kind),
  lang: Lang,
  // No `format`: the packages' validators register none; the builder echoes what its caller gives.
  generatedAt: Type.Optional(Type.String({ description: 'When the report was generated (ISO 8601 date-time, as the caller gave it).' })),
  generator: Type.Object({ name: Type.String(), version: Type.String() }),
  data,
  document: ReportDocument,
}, { description });

export const CfpReport = reportOf('cfp', CfpReportData, 'A carbon-footprint report (ISO 14067 / GB/T 24067): its data model and its document.');
export type CfpReport = Static<typeof CfpReport>;

import type { CalculationResult, Diagnostic, Product, ResultLine, Stage } from '@greenlca/schema';
import type { DataQuality, GwpBasisAsPublished } from '@greenlca/pact';
import type { Lang, ReportDocument } from '../document.js';

/** @module The CFP report's data model and options: what the builders in this folder produce and read. */

/** What the practitioner states about the study; everything has an honest default. */
export interface StudyInfo {
  company?: string;
  practitioner?: string;
  commissioner?: string;
  goal?: string;
  intendedApplication?: string;
  audience?: string;
  /** e.g. "2024-01-01 to 2024-12-31"; default the product's year. */
  referencePeriod?: string;
  /** Product category rules or product-specific CFP standard followed, if any. */
  pcr?: string;
  /** Reference flow in words (default: the functional unit's amount of the product, with its bill-of-materials mass). */
  referenceFlow?: string;
  allocation?: string;
  /** The recycling allocation method the study states; the calculation applies cut-off (see data.allocation). */
  recyclingMethod?: RecyclingMethod;
  cutOff?: string;
  /** The cut-off criterion (default GreenLCA's: 1 % per input, 5 % in total, of the footprint). */
  cutOffCriterion?: CutOffCriterion;
  /** Processes known to be left out, with a reason each. */
  exclusions?: string[];
  /** Processes left out, with a reason and, where known, an estimate of what each would add. */
  excluded?: Exclusion[];
  /** Value choices made in the study, besides those the report states itself (ISO 14067 reports value choices). */
  valueChoices?: string[];
  /** Limitations to add to the generated ones. */
  limitations?: string[];
  /** Critical review or verification statement, if one was done. */
  review?: string;
  /** Comparative assertion intended? Default no. */
  comparative?: boolean;
}

/** A process left out of the system: why, and where known, an estimate of the kg CO2e it would add. */
export interface Exclusion {
  process: string;
  reason: string;
  estimatedKgCO2e?: number;
}

/** A cut-off criterion: the largest share of the footprint one left-out input, and all of them together, may have. */
export interface CutOffCriterion {
  /** 0.01 = 1 % */
  perInput: number;
  total: number;
  /** Where it comes from: the PCR or product-specific standard and clause. */
  source?: string;
}

/** Recycling allocation: cut-off (recycled content), 50:50, or the circular footprint formula. */
export type RecyclingMethod = 'cut-off' | '50:50' | 'CFF';

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
  bars: {
    rank: number; key: string; label: string;
    range: { low: number; high: number; value: number; unit: string; from: string; percent?: number };
    low: { kgCO2e: number; delta: number };
    high: { kgCO2e: number; delta: number };
    swing: number;
  }[];
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

export type StudyType = 'cradle-to-grave' | 'cradle-to-gate' | 'partial';

/** One reference of the citation list: a source with every factor taken from it. */
export interface Citation {
  n: number;
  citation: string;
  dataset?: string;
  datasetVersion?: string;
  licence?: string;
  region?: string;
  year?: number;
  url?: string;
  factors: string[];
  /** Custom (product- or supplier-specific) data rather than a bundled dataset. */
  primary: boolean;
}

export interface CfpLine {
  n: number;
  path: string;
  stage: Stage;
  kind: ResultLine['kind'];
  label: string;
  factor?: string;
  substance?: string;
  component?: string;
  amount: { value: number; unit: string };
  factorKgCO2ePerUnit: number;
  kgCO2e: number;
  /** The engine's origin split of the line (fossil + biogenic + not split = kgCO2e). */
  fossilKgCO2e: number;
  biogenicKgCO2e: number;
  notSplitKgCO2e: number;
  share: number;
  /** Number of the citation in `citations`. */
  ref: number;
}

export interface CfpReportData {
  product: { id: string; name: string; description?: string; functionalUnit: CalculationResult['product']['functionalUnit']; region?: string; year?: number };
  study: {
    type: StudyType;
    /** CFP (full life cycle, per functional unit) or partial CFP (per declared unit). */
    cfpKind: 'CFP' | 'partial CFP';
    unitKind: 'functional unit' | 'declared unit';
    stagesIncluded: Stage[];
    stagesExcluded: Stage[];
    info: StudyInfo;
  };
  gwp: {
    set: CalculationResult['gwp'];
    metric: 'GWP100';
    /** The IPCC report and table the GWP values are cited from. */
    publication: { publisher: string; citation: string; url: string };
    dataset?: { id: string; version: string; edition: string };
    /** Other GWP sets in which factors given only as CO2e were used as published (GWP_BASIS_MISMATCH). */
    asPublished: GwpBasisAsPublished[];
  };
  /** The engine's totals unchanged, with its origin split (fossil, biogenic, not split by origin). */
  total: CalculationResult['total'];
  /** The engine's origin split of the total, as `calc --format json` and the PACT export give it. */
  origin: Pick<CalculationResult['total'], 'fossilKgCO2e' | 'biogenicKgCO2e' | 'notSplitKgCO2e' | 'biogenicDetail'>;
  byStage: { stage: Stage; kgCO2e: number; share: number; lines: number; included: boolean }[];
  byGas: { gas: string; kg?: number; kgCO2e: number; share: number }[];
  byComponent: CalculationResult['byComponent'];
  hotspots: CalculationResult['hotspots'];
  lines: CfpLine[];
  citations: Citation[];
  datasets: CalculationResult['datasets'];
  dataQuality: DataQuality;
  /** The engine's primary data (lines on supplier-specific, custom or direct data, and their share); absent for results stored before it. */
  primaryData?: CalculationResult['primaryData'];
  warnings: (Diagnostic & { explanation?: string })[];
  limitations: string[];
  /** ISO 14067 / GB/T 24067 clauses the report states, from the result and the study. */
  referenceFlow: ReferenceFlow;
  boundaryMap: BoundaryStage[];
  cutOff: CutOffApplied;
  allocation: AllocationApplied;
  uncertainty: UncertaintySummary | null;
  sensitivity: SensitivitySummary | null;
  valueChoices: string[];
  engine: CalculationResult['engine'];
  /** True when a displayed kg CO2e value was rounded (to CFP_DIGITS significant digits). */
  rounded: boolean;
}

export interface CfpReport {
  schemaVersion: 1;
  kind: 'cfp';
  lang: Lang;
  generatedAt?: string;
  generator: { name: string; version: string };
  data: CfpReportData;
  document: ReportDocument;
}

/** The reference flow: how much product fulfils the functional unit. */
export interface ReferenceFlow {
  text: string;
  /** True when the study states it; false when derived from the functional unit and the bill of materials. */
  stated: boolean;
  /** Mass of the product per functional unit from the bill of materials (Σ top-level components), null without one. */
  bomMassKg: number | null;
}

/** The life-cycle stages of ISO 14067 / GB/T 24067 [B: stage names not checked against the text]. */
export type IsoStage = 'rawMaterial' | 'production' | 'distribution' | 'use' | 'endOfLife';

/** One ISO 14067 stage with the GreenLCA stages and line kinds mapped to it, and its share. */
export interface BoundaryStage {
  stage: IsoStage;
  /** The GreenLCA stages (and line kinds) it covers. */
  ours: { stage: Stage; kinds: 'all' | 'material' | 'non-material' }[];
  kgCO2e: number;
  share: number;
  lines: number;
  included: boolean;
}

export interface CutOffApplied {
  criterion: CutOffCriterion & { origin: 'study' | 'default' };
  /** Modelled lines whose share is below the per-input threshold: kept in the footprint (GreenLCA drops no modelled line). */
  belowThreshold: { lines: number[]; kgCO2e: number; share: number };
  excluded: Exclusion[];
  /** Share of (footprint + estimates) the exclusions are estimated at; null when an exclusion has no estimate. */
  excludedShare: number | null;
  /** Whether the exclusions meet the criterion; null when they cannot be judged (no estimate). */
  meetsCriterion: boolean | null;
}

export interface AllocationApplied {
  /** Multi-output allocation as stated, or null (none in the foreground; secondary data carry their publishers'). */
  multiOutput: string | null;
  recycling: {
    /** What the calculation does: end-of-life recycling carries collection and processing, no avoided-burden credit. */
    applied: 'cut-off';
    stated: RecyclingMethod | null;
    /** Line numbers with a negative amount (credits), which a cut-off approach does not give. */
    creditLines: number[];
    consistent: boolean;
  };
}

export interface UncertaintySummary {
  runs: number;
  seed: number;
  /** Number of inputs with an uncertainty (0: the ranges collapse to the point value). */
  uncertainInputs: number;
  deterministic: number;
  mean: number;
  median: number;
  sd: number;
  p5: number;
  p95: number;
  /** p5 and p95 relative to the point value (−0.12 = 12 % below). */
  relative: { p5: number; p95: number };
  warnings: string[];
}

export interface SensitivitySummary {
  percent: number;
  baseline: number;
  bars: CfpSensitivityInput['bars'];
}

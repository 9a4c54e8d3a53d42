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
  allocation?: string;
  cutOff?: string;
  /** Processes known to be left out, with a reason each. */
  exclusions?: string[];
  /** Limitations to add to the generated ones. */
  limitations?: string[];
  /** Critical review or verification statement, if one was done. */
  review?: string;
  /** Comparative assertion intended? Default no. */
  comparative?: boolean;
}

export interface CfpReportOptions {
  lang: Lang;
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
  warnings: (Diagnostic & { explanation?: string })[];
  limitations: string[];
  engine: CalculationResult['engine'];
  /** True when a displayed kg CO2e value was rounded to 6 decimals. */
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

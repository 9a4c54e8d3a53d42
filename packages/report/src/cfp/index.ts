import type { CalculationResult } from '@greenlca/schema';
import { REPORT_GENERATOR } from '../version.js';
import { cfpReportData } from './data.js';
import { cfpDocument } from './document.js';
import type { CfpReport, CfpReportOptions } from './types.js';

/**
 * @module The product carbon-footprint report (ISO 14067 / GB/T 24067 / GHG Protocol, climate only):
 * `data.ts` builds the figures from the result, `limitations.ts` the stated limitations, `labels.ts` the
 * stage and study-type names, `document.ts` the printed sections.
 */

export { citeLines, cfpReportData } from './data.js';
export { CfpLine, CfpReport, CfpReportData, type CfpReportOptions, Citation, StudyInfo, StudyType } from './types.js';

/** Build the CFP report: data model plus the document the renderers print. */
export function buildCfpReport(result: CalculationResult, options: CfpReportOptions): CfpReport {
  const lang = options.lang;
  const data = cfpReportData(result, options);
  const report: CfpReport = {
    schemaVersion: 1, kind: 'cfp', lang,
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    generator: { ...REPORT_GENERATOR },
    data,
    document: cfpDocument(data, lang, options.generatedAt),
  };
  return report;
}

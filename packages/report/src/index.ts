/**
 * @module @greenlca/report — product carbon-footprint (ISO 14067 / GB/T 24067 / GHG Protocol, climate only),
 * LCA (ISO 14040/14044: inventories and every impact category) and GB/T 32161 self-evaluation reports. A report is a pure JSON data model built from a calculation
 * result (and an eco-design evaluation), then rendered: HTML here (pure), PDF in `@greenlca/report/pdf`.
 */
export {
  ReportDocument, Section, Block, TableBlock, Column, Lang, blocks, findTable,
} from './document.js';
export {
  buildCfpReport, cfpReportData, citeLines, CfpReport, CfpReportData, type CfpReportOptions, CfpLine, Citation, StudyInfo, StudyType,
} from './cfp/index.js';
export {
  buildLcaReport, lcaReportData, lineRanges, LcaReport, LcaReportData, type LcaReportOptions, type LcaStudyInfo, type LcaMethodInfo,
  type LcaDatasetInfo, LcaCategory, LcaImpacts, LcaDatasetSource, LcaMethodSource,
} from './lca.js';
export { buildEcodesignReport, EcodesignReport, EcodesignReportData, type EcodesignReportOptions } from './ecodesign.js';
export { Report } from './report.js';
export { renderHtml, escapeHtml } from './html.js';
export { formatKg, formatCo2e, formatAmount, formatPercent, formatSignificant, LCA_DIGITS, CFP_DIGITS, isRounded, sumDecimal, KG_DECIMALS } from './format.js';
export { WARNING_EXPLANATIONS, stageName } from './i18n.js';
export { REPORT_GENERATOR } from './version.js';

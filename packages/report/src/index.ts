/**
 * @module @greenlca/report — product carbon-footprint (ISO 14067 / GB/T 24067 / GHG Protocol, climate only),
 * LCA (ISO 14040/14044: inventories and every impact category) and GB/T 32161 self-evaluation reports. A report is a pure JSON data model built from a calculation
 * result (and an eco-design evaluation), then rendered: HTML here (pure), PDF in `@greenlca/report/pdf`.
 */
export {
  ReportDocument, Section, Block, TableBlock, Column, Lang, blocks, findTable,
} from './document.js';
export { buildCfpReport, cfpReportData, citeLines, type CfpReport, type CfpReportData, type CfpReportOptions, type CfpLine, type Citation, type StudyInfo, type StudyType } from './cfp/index.js';
export {
  buildLcaReport, lcaReportData, lineRanges, type LcaReport, type LcaReportData, type LcaReportOptions, type LcaStudyInfo, type LcaMethodInfo,
  type LcaDatasetInfo, type LcaCategory, type LcaImpacts, type LcaDatasetSource, type LcaMethodSource,
} from './lca.js';
export { buildEcodesignReport, type EcodesignReport, type EcodesignReportOptions } from './ecodesign.js';
export { renderHtml, escapeHtml } from './html.js';
export { formatKg, formatCo2e, formatAmount, formatPercent, formatSignificant, LCA_DIGITS, CFP_DIGITS, isRounded, sumDecimal, KG_DECIMALS } from './format.js';
export { WARNING_EXPLANATIONS, stageName } from './i18n.js';
export { REPORT_GENERATOR } from './version.js';

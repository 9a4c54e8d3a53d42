import type { Lang, Section } from './document.js';
import { formatDate } from './format.js';
import { REPORT_GENERATOR } from './version.js';

/**
 * @module The "General information" section (1) every study report opens with: the product, the reference
 * period, who made and commissioned the study, when, with which tool, and the standards the report follows.
 * The CFP and LCA reports differ only in the period, the standards and the closing rows.
 */

type Row = [string, string];

export interface GeneralInfo {
  product: { name: string; id: string; description?: string; region?: string };
  /** Who the study is by and for; rows appear only when stated. */
  parties: { company?: string; commissioner?: string; practitioner?: string };
  /** The reference period (CFP) or reference year (LCA) row, already labelled. */
  period: Row;
  /** When the report was generated (ISO date-time); the builder never reads the clock. */
  generatedAt: string | undefined;
  engine: { name: string; version: string };
  /** The standards whose reporting structure the report follows. */
  standards: string;
  /** Rows after the standards: PCR, critical review or verification. */
  closing: Row[];
}

export function generalSection(g: GeneralInfo, lang: Lang): Section {
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const stated = (label: string, value: string | undefined): Row[] => (value ? [[label, value]] : []);
  return {
    id: 'general', number: '1', heading: L('基本信息', 'General information'),
    blocks: [{
      type: 'fields', rows: [
        [L('产品名称', 'Product'), g.product.name],
        [L('产品编号', 'Product id'), g.product.id],
        ...stated(L('产品描述', 'Description'), g.product.description),
        [L('生产地区', 'Region'), g.product.region ?? L('未说明', 'not stated')],
        g.period,
        ...stated(L('企业名称', 'Company'), g.parties.company),
        ...stated(L('委托方', 'Commissioned by'), g.parties.commissioner),
        ...stated(L('编制方', 'Prepared by'), g.parties.practitioner),
        [L('报告日期', 'Report date'), formatDate(g.generatedAt, lang)],
        [L('计算工具', 'Calculation tool'), `GreenLCA ${g.engine.name} ${g.engine.version} · ${REPORT_GENERATOR.name} ${REPORT_GENERATOR.version}`],
        [L('参考标准（报告结构）', 'Standards (report structure)'), g.standards],
        ...g.closing,
      ],
    }],
  };
}


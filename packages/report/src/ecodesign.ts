import { Type, type Static } from '@sinclair/typebox';
import { CalculationResult, Stage, STAGES } from '@greenlca/schema';
import { EvaluationResult, type FactoryEvaluation, type ProductEvaluation } from '@greenlca/ecodesign';
import { reportOf } from './cfp/types.js';
import type { Block, Lang, ReportDocument, Section, TableBlock } from './document.js';
import { formatDate, formatKg, formatPercent, formatUnit, isRounded } from './format.js';
import { stageName } from './i18n.js';
import { REPORT_GENERATOR } from './version.js';

/**
 * The GB/T 32161 self-evaluation report (自评价报告) built from an eco-design evaluation result, with
 * the LCA summary from the calculation result of the same product; and the green-factory (GB/T 36132)
 * self-evaluation report from a factory evaluation. The layout follows the MIIT self-evaluation template
 * as far as notes.md §1.9 could establish it ([B]): basic information, basis, basic requirements,
 * indicators, LCA, conclusion.
 */

type Verdict = 'pass' | 'fail' | 'incomplete';
type Text = { zh: string; en: string };

export interface EcodesignReportOptions {
  lang: Lang;
  /** The engine's result for the same product, for the LCA summary (product evaluations). */
  result?: CalculationResult;
  company?: string;
  generatedAt?: string;
}

const Result = CalculationResult.properties;

/** The figures of a self-evaluation report: the evaluation, with the LCA summary of the same product. */
export const EcodesignReportData = Type.Object({
  evaluation: EvaluationResult,
  lca: Type.Optional(Type.Object({
    total: Result.total,
    byStage: Type.Array(Type.Object({ stage: Stage, kgCO2e: Type.Number(), share: Type.Number() })),
    gwp: Result.gwp,
    datasets: Result.datasets,
    engine: Result.engine,
    hotspots: Result.hotspots,
    warnings: Type.Integer({ description: 'How many warnings the calculation gave.' }),
  }, { description: 'LCA summary: the calculation result\'s totals (present for product evaluations given a result).' })),
  company: Type.Optional(Type.String()),
}, { description: 'The figures of a GB/T 32161 (or green-factory) self-evaluation report.' });
export type EcodesignReportData = Static<typeof EcodesignReportData>;

export const EcodesignReport = reportOf('ecodesign', EcodesignReportData, 'A GB/T 32161 self-evaluation report: its data model and its document.');
export type EcodesignReport = Static<typeof EcodesignReport>;

const tone = (v: Verdict): 'pass' | 'fail' | 'warn' => (v === 'pass' ? 'pass' : v === 'fail' ? 'fail' : 'warn');
const level = (v: Verdict): 'pass' | 'fail' | 'warning' => (v === 'pass' ? 'pass' : v === 'fail' ? 'fail' : 'warning');

const STATUS: Record<string, Text> = {
  template: { zh: '模板（数值待按标准录入）', en: 'template (values to be entered from the standard)' },
  skeleton: { zh: '框架（结构已引证，基准值待录入）', en: 'skeleton (structure cited, benchmarks to be entered)' },
  partial: { zh: '部分录入', en: 'partly entered' },
  complete: { zh: '完整录入', en: 'completely entered' },
};

const WEIGHT_STATUS: Record<string, Text> = {
  'second-hand': { zh: '二手来源 [S]', en: 'second-hand [S]' },
  believed: { zh: '未核实 [B]', en: 'believed [B]' },
  template: { zh: '模板', en: 'template' },
  example: { zh: '示例', en: 'example' },
};

const PROVENANCE: Record<string, Text> = {
  verified: { zh: '已核实 [V]', en: 'verified [V]' },
  'second-hand': { zh: '二手来源 [S]', en: 'second-hand [S]' },
  believed: { zh: '未核实 [B]', en: 'believed, not verified [B]' },
  template: { zh: '模板', en: 'template' },
  example: { zh: '示例', en: 'example' },
};

export function buildEcodesignReport(evaluation: EvaluationResult, options: EcodesignReportOptions): EcodesignReport {
  const lang = options.lang;
  const data: EcodesignReport['data'] = { evaluation };
  if (options.company) data.company = options.company;
  if (evaluation.kind === 'product' && options.result) {
    const r = options.result;
    const total = r.total.kgCO2e;
    data.lca = {
      total: r.total,
      byStage: STAGES.map((s) => ({ stage: s, kgCO2e: r.byStage[s].kgCO2e, share: total === 0 ? 0 : r.byStage[s].kgCO2e / total })),
      gwp: r.gwp, datasets: r.datasets, engine: r.engine, hotspots: r.hotspots, warnings: r.warnings.length,
    };
  }
  const document = evaluation.kind === 'product'
    ? productDocument(evaluation, data, lang, options.generatedAt)
    : factoryDocument(evaluation, data, lang, options.generatedAt);
  return {
    schemaVersion: 1, kind: 'ecodesign', lang, ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    generator: { ...REPORT_GENERATOR }, data, document,
  };
}

function common(e: EvaluationResult, lang: Lang) {
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const t = (x: Text | null | undefined, fallback = '—') => (x ? x[lang] : fallback);
  const toBeEntered = e.labels.toBeEntered[lang];
  const clause = (c: string | null) => c ?? toBeEntered;
  return { L, t, clause, toBeEntered };
}

function basisSection(e: EvaluationResult, lang: Lang, number: string): Section {
  const { L, t } = common(e, lang);
  const s = e.specification;
  const std = s.standard;
  const refs = Object.entries(s.references);
  const blocks: Block[] = [
    {
      type: 'fields', rows: [
        [L('评价标准', 'Standard'), `${std.number} ${std.title[lang]}`],
        ...(std.issued ? [[L('发布 / 实施', 'Issued / effective'), `${std.issued} / ${std.effective ?? '—'}`] as [string, string]] : []),
        ...(std.publishers?.length ? [[L('发布机构', 'Issued by'), std.publishers.join('; ')] as [string, string]] : []),
        [L('评价规范（GreenLCA）', 'Specification (GreenLCA)'), `${s.id}: ${s.title[lang]}`],
        [L('规范录入状态', 'Specification status'), STATUS[s.status]?.[lang] ?? s.status],
        [L('来源可靠性', 'Provenance'), `${PROVENANCE[s.provenance.status]?.[lang] ?? s.provenance.status}${s.provenance.note ? ` — ${s.provenance.note}` : ''}`],
        ...(s.scope ? [[L('适用范围', 'Scope'), s.scope[lang]] as [string, string]] : []),
        ...(e.kind === 'product' ? [[L('判定规则', 'Verdict rule'), `${t(e.verdictRule.text)}${e.verdictRule.clause ? ` (${e.verdictRule.clause})` : ''}`] as [string, string]] : []),
      ],
    },
  ];
  if (s.tables.some((tb) => !tb.isComplete)) {
    blocks.push({
      type: 'notice', level: 'warning',
      text: L('以下标准表格尚未完整录入，相关结论只能为“不完整”：', 'These tables of the standard are not fully entered, so the related verdicts can only be "incomplete": ')
        + s.tables.filter((tb) => !tb.isComplete).map((tb) => `${tb.name[lang]}${tb.note ? `（${tb.note[lang]}）` : ''}`).join(lang === 'zh' ? '；' : '; '),
    });
  }
  if (s.notes.length) blocks.push({ type: 'list', items: s.notes.map((n) => n[lang]) });
  if (refs.length) {
    blocks.push({
      type: 'table', id: 'spec-references', caption: L('规范引用的资料', 'Sources cited by the specification'),
      columns: [{ label: L('编号', 'Key'), width: 0.6 }, { label: L('资料', 'Source'), width: 3 }, { label: L('位置 / 网址', 'Locator / URL'), width: 2.4 }],
      rows: refs.map(([k, r]) => [k, `${r.title}${r.note ? `\n${r.note}` : ''}`, [r.locator, r.url].filter(Boolean).join('\n') || '—']),
    });
  }
  return { id: 'basis', number, heading: L('评价依据', 'Basis of the evaluation'), blocks };
}

function requirementsSection(e: EvaluationResult, lang: Lang, number: string): Section {
  const { L, t, clause } = common(e, lang);
  const rows = e.requirements;
  const table: TableBlock = {
    type: 'table', id: 'requirements',
    columns: [
      { label: '#', align: 'right', width: 0.35 }, { label: L('基本要求', 'Requirement'), width: 3 }, { label: L('条款', 'Clause'), width: 0.8 },
      { label: L('申报情况与证据', 'Declared, evidence'), width: 2 }, { label: L('结论', 'Verdict'), align: 'center', width: 0.9 },
    ],
    rows: rows.map((r, i) => [
      String(i + 1),
      `${r.name[lang]}${r.isVeto ? L('（一票否决）', ' (veto)') : ''}${r.basis ? `\n${L('判定依据', 'Basis')}: ${t(r.basis)}` : ''}`,
      clause(r.clause),
      r.declared ? `${r.declared.met ? L('满足', 'met') : L('不满足', 'not met')}${r.declared.evidence ? `\n${r.declared.evidence}` : ''}` : L('未申报', 'not declared'),
      `${r.verdictName[lang]}${r.reason ? `\n${r.reason[lang]}` : ''}`,
    ]),
    tones: rows.map((r) => tone(r.verdict)),
  };
  const s = e.summary.requirements;
  return {
    id: 'requirements', number, heading: L('基本要求符合性', 'Basic requirements'),
    blocks: [
      { type: 'paragraph', text: L(`共 ${s.total} 项：符合 ${s.pass} 项，不符合 ${s.fail} 项，不完整 ${s.incomplete} 项。基本要求须全部满足。`, `${s.total} requirements: ${s.pass} pass, ${s.fail} fail, ${s.incomplete} incomplete. All basic requirements must be met.`) },
      table,
    ],
  };
}

function indicatorsSection(e: ProductEvaluation, lang: Lang, number: string): Section {
  const { L, clause } = common(e, lang);
  const s = e.summary.indicators;
  const table: TableBlock = {
    type: 'table', id: 'indicators',
    columns: [
      { label: L('一级指标', 'Attribute'), width: 1.2 }, { label: L('二级指标', 'Indicator'), width: 1.5 }, { label: L('单位', 'Unit'), width: 0.7 },
      { label: L('基准值', 'Benchmark'), width: 1.3 }, { label: L('实际值', 'Value'), align: 'right', width: 1.05 }, { label: L('结论', 'Verdict'), align: 'center', width: 1.0 },
      { label: L('差距 / 说明', 'Gap / note'), width: 1.65 }, { label: L('所属阶段', 'Stage'), width: 1.0 },
    ],
    rows: e.indicators.map((i) => [
      i.attributeName[lang].replace(/\s+attribute$/i, ''), `${i.name[lang]}${i.clause ? ` (${clause(i.clause)})` : ''}`, i.unit ? formatUnit(i.unit) : '—',
      `${i.benchmark.display[lang]}${i.benchmark.origin === 'declared' ? L('（申报）', ' (declared)') : ''}`,
      `${i.value.display[lang]}${i.value.origin === 'declared' ? L('（申报）', ' (declared)') : ''}`,
      i.verdictName[lang].replace(/（.*|\s\(.*/, ''),
      i.gap ? i.gap.text[lang] : i.reason ? i.reason[lang] : '',
      i.stageName[lang],
    ]),
    tones: e.indicators.map((i) => tone(i.verdict)),
    note: L('“申报”：由企业申报并附证据的数值或从标准中读取的基准值；其余实际值由 GreenLCA 按产品模型计算。',
      '"declared": a value declared by the company with evidence, or a benchmark read from the standard; other values are computed by GreenLCA from the product model.'),
  };
  const sources = computedSourcesTable(e, lang);
  const methods = e.indicators.filter((i) => i.computation).map((i) =>
    `${i.name[lang]}: ${i.computation!.formula[lang]}${i.evidence.length ? ` — ${L('证据', 'evidence')}: ${i.evidence.join('; ')}` : ''}`);
  const declaredEvidence = e.indicators.filter((i) => !i.computation && i.evidence.length).map((i) => `${i.name[lang]}: ${i.evidence.join('; ')}`);
  return {
    id: 'indicators', number, heading: L('评价指标符合性', 'Indicator requirements'),
    blocks: [
      { type: 'paragraph', text: L(`共 ${s.total} 项：符合 ${s.pass} 项，不符合 ${s.fail} 项，不完整 ${s.incomplete} 项。`, `${s.total} indicators: ${s.pass} pass, ${s.fail} fail, ${s.incomplete} incomplete.`) },
      table,
      ...(sources ? [sources] : []),
      ...(methods.length || declaredEvidence.length ? [{ type: 'paragraph' as const, text: L('计算方法与证据：', 'Methods and evidence:') }, { type: 'list' as const, items: [...methods, ...declaredEvidence] }] : []),
    ],
  };
}

/** Inventory rows (and their lines) shown per computed indicator; the JSON result has them all. */
const SOURCES_SHOWN = 5;

/**
 * The computed indicators with the product lines they come from, the declared value beside the
 * computed one and whether they agree, or why the model cannot compute the indicator.
 */
function computedSourcesTable(e: ProductEvaluation, lang: Lang): TableBlock | undefined {
  const { L } = common(e, lang);
  const rows = e.indicators.filter((i) => i.computed);
  if (!rows.length) return undefined;
  const trace = (i: ProductEvaluation['indicators'][number]): string => {
    if (i.computed!.value === null) return i.computed!.notComputable?.[lang] ?? '—';
    const b = i.computation?.breakdown ?? [];
    const shown = b.slice(0, SOURCES_SHOWN).map((r) => {
      const values = Object.entries(r.values).map(([k, v]) => `${k} ${formatKg(v)}`).join(', ');
      const lines = r.lines?.length ? ` ← ${r.lines.slice(0, SOURCES_SHOWN).join(', ')}${r.lines.length > SOURCES_SHOWN ? ` (+${r.lines.length - SOURCES_SHOWN})` : ''}` : '';
      return `${r.label}: ${values}${lines}`;
    });
    if (b.length > SOURCES_SHOWN) shown.push(L(`另 ${b.length - SOURCES_SHOWN} 项见 JSON 结果`, `${b.length - SOURCES_SHOWN} more in the JSON result`));
    const bound = i.computed!.bound ? (i.computation?.notes ?? []).map((n) => n[lang]) : [];
    return [...shown, ...bound].join('\n') || '—';
  };
  return {
    type: 'table', id: 'indicator-sources', caption: L('由产品模型计算的指标及其来源清单行', 'Indicators computed from the product model, with their source lines'),
    columns: [
      { label: L('指标', 'Indicator'), width: 1.4 }, { label: L('计算值', 'Computed'), align: 'right', width: 0.9 },
      { label: L('申报值', 'Declared'), align: 'right', width: 0.9 }, { label: L('一致性', 'Agreement'), width: 1.3 },
      { label: L('来源（清单条目 ← 产品行）', 'Sources (inventory entry ← product lines)'), width: 3.5 },
    ],
    rows: rows.map((i) => [
      i.name[lang], i.computed!.display[lang], i.declared ? i.declared.display[lang] : '—',
      i.comparison ? i.comparison.text[lang] : '—', trace(i),
    ]),
    tones: rows.map((i) => (i.comparison && !i.comparison.agrees ? 'warn' : i.computed!.value === null ? 'warn' : 'neutral')),
    note: L('计算值与申报值相差超过容差（默认 5 %，或规范给出的容差）时标出；结论不同时该指标判为“不完整”，直至核对一致。',
      'A difference between the computed and the declared value beyond the tolerance (5 % by default, or the specification\'s) is flagged; where they would give different verdicts the indicator is "incomplete" until they are reconciled.'),
  };
}

function lcaSection(e: ProductEvaluation, data: EcodesignReport['data'], lang: Lang, number: string): Section {
  const { L } = common(e, lang);
  const fu = e.subject.functionalUnit;
  const lca = data.lca;
  const cf = e.carbonFootprint;
  const total = lca ? lca.total.kgCO2e : cf.kgCO2e;
  const stages = lca ? lca.byStage : STAGES.map((s) => ({ stage: s, kgCO2e: cf.byStage[s] ?? 0, share: cf.kgCO2e === 0 ? 0 : (cf.byStage[s] ?? 0) / cf.kgCO2e }));
  const blocks: Block[] = [
    {
      type: 'fields', rows: [
        [L('功能单位', 'Functional unit'), `${fu.amount} ${formatUnit(fu.unit)}${fu.description ? ` (${fu.description})` : ''}`],
        [L('系统边界', 'System boundary'), stages.filter((s) => s.kgCO2e !== 0).map((s) => stageName(s.stage, lang)).join(lang === 'zh' ? '、' : ', ') || '—'],
        [L('影响类别', 'Impact category'), L(`气候变化，IPCC ${lca?.gwp ?? cf.gwp} GWP100`, `Climate change, IPCC ${lca?.gwp ?? cf.gwp} GWP100`)],
        [L('产品碳足迹', 'Carbon footprint'), `${formatKg(total)} kg CO2e`],
        // The engine's origin split: fossil, biogenic, not split by origin (CO2e-only factors).
        [L('化石 / 生物源 / 未区分来源', 'Fossil / biogenic / not split by origin'),
          `${formatKg(lca ? lca.total.fossilKgCO2e : cf.fossilKgCO2e)} / ${formatKg(lca ? lca.total.biogenicKgCO2e : cf.biogenicKgCO2e)} / ${formatKg(lca ? lca.total.notSplitKgCO2e : cf.notSplitKgCO2e)} kg CO2e`],
        ...(lca ? [
          [L('数据集', 'Datasets'), lca.datasets.map((d) => `${d.id} ${d.version} (${d.edition})`).join('; ')] as [string, string],
          [L('计算工具', 'Calculation tool'), `${lca.engine.name} ${lca.engine.version}`] as [string, string],
        ] : []),
        [L('计算警告', 'Calculation warnings'), String(lca ? lca.warnings : cf.warnings)],
        [L('生命周期评价报告', 'LCA report'), `${e.lcaReport.verdictName[lang]}${e.lcaReport.declared?.reference ? ` — ${e.lcaReport.declared.reference}` : ''}${e.lcaReport.reason ? ` (${e.lcaReport.reason[lang]})` : ''}`],
        ...(e.lcaReport.method ? [[L('方法', 'Method'), e.lcaReport.method[lang]] as [string, string]] : []),
      ],
    },
    {
      type: 'table', id: 'lca-by-stage', caption: L('各生命周期阶段的碳足迹', 'Carbon footprint by life-cycle stage'),
      columns: [{ label: L('阶段', 'Stage'), width: 2 }, { label: 'kg CO2e', align: 'right' }, { label: L('占比', 'Share'), align: 'right' }],
      rows: stages.map((s) => [stageName(s.stage, lang), formatKg(s.kgCO2e), formatPercent(s.share)]),
      footer: [[L('合计', 'Total'), formatKg(total), formatPercent(total === 0 ? 0 : 1)]],
      ...([total, ...stages.map((x) => x.kgCO2e)].some(isRounded)
        ? { note: L('数值保留 6 位小数，合计按未修约值计算。', 'Values are shown to 6 decimals; the total is the sum of unrounded values.') } : {}),
    },
  ];
  if (lca?.hotspots.length) {
    blocks.push({
      type: 'table', id: 'lca-hotspots', caption: L('主要贡献（前 5 项）', 'Largest contributors (top 5)'),
      columns: [{ label: '#', align: 'right', width: 0.4 }, { label: L('清单项', 'Line'), width: 3 }, { label: L('阶段', 'Stage') }, { label: 'kg CO2e', align: 'right' }, { label: L('占比', 'Share'), align: 'right' }],
      rows: lca.hotspots.slice(0, 5).map((h) => [String(h.rank), h.label, stageName(h.stage, lang), formatKg(h.kgCO2e), formatPercent(h.share)]),
    });
  }
  blocks.push({ type: 'paragraph', text: L('完整的清单、因子引用、数据质量和局限性见产品碳足迹报告（greenlca report --kind cfp）。', 'The full inventory, factor citations, data quality and limitations are in the product carbon-footprint report (greenlca report --kind cfp).') });
  return { id: 'lca', number, heading: L('产品生命周期评价', 'Life-cycle assessment'), blocks };
}

function conclusionSection(e: EvaluationResult, lang: Lang, number: string, subject: string): Section {
  const { L } = common(e, lang);
  const v = e.verdict as Verdict;
  const spec = e.specification.standard.number;
  const verdictText = e.verdictName[lang];
  const blocks: Block[] = [
    {
      type: 'notice', level: level(v),
      text: L(`依据 ${spec}，${subject}的自评价结论为：${verdictText}。`, `Against ${spec}, the self-evaluation verdict for ${subject} is: ${verdictText}.`),
    },
    {
      type: 'paragraph',
      text: v === 'pass'
        ? L('基本要求、评价指标要求和生命周期评价报告要求均已满足。', 'The basic requirements, the indicator requirements and the LCA report requirement are all met.')
        : v === 'fail'
          ? L('存在不满足的要求（见下列原因）；整改后应重新评价。', 'Some requirements are not met (reasons below); evaluate again after improvement.')
          : L('由于缺少证据、数值或基准值，尚不能判定符合或不符合；补齐下列内容后重新评价。', 'Evidence, values or benchmarks are missing, so neither pass nor fail can be said; complete the items below and evaluate again.'),
    },
  ];
  if (e.reasons.length) blocks.push({ type: 'list', items: e.reasons.map((r) => r.text[lang]) });
  blocks.push({
    type: 'paragraph',
    text: e.isComplete ? L('评价数据完整。', 'The evaluation data are complete.') : L('评价数据不完整：以上结论在补齐数据后可能改变。', 'The evaluation data are incomplete: the verdict may change once they are completed.'),
  });
  return { id: 'conclusion', number, heading: L('评价结论', 'Conclusion'), blocks };
}

function notesSection(e: EvaluationResult, lang: Lang, number: string): Section {
  const { L } = common(e, lang);
  const items = [
    L('本报告为企业自评价，不替代第三方评价或认证。', 'This is a self-evaluation; it does not replace a third-party evaluation or certification.'),
    L('规范中标注为 [B] 或“待按标准录入”的内容未经官方文本核实；基准值只有在引自标准（或申报并注明出处）时才用于判定。',
      'Content marked [B] or "to be entered from the standard" has not been checked against the official text; benchmarks are used for verdicts only when cited from the standard (or declared with their source).'),
    ...e.diagnostics.map((d) => `${d.code}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`),
  ];
  return { id: 'notes', number, heading: L('说明与局限', 'Notes and limitations'), blocks: [{ type: 'list', items }] };
}

function summaryBlocks(e: EvaluationResult, lang: Lang, extra: { label: string; value: string; unit?: string }[]): Block[] {
  const { L } = common(e, lang);
  const r = e.summary.requirements;
  const i = e.summary.indicators;
  return [
    {
      type: 'figures', items: [
        { label: L('自评价结论', 'Verdict'), value: e.verdictName[lang].replace(/（.*|\s\(.*/, ''), emphasis: true, tone: tone(e.verdict as Verdict) },
        { label: L('基本要求符合', 'Requirements met'), value: `${r.pass} / ${r.total}` },
        ...(e.kind === 'product' ? [{ label: L('评价指标符合', 'Indicators met'), value: `${i.pass} / ${i.total}` }] : []),
        ...extra,
      ],
    },
  ];
}

function productDocument(e: ProductEvaluation, data: EcodesignReport['data'], lang: Lang, generatedAt: string | undefined): ReportDocument {
  const { L } = common(e, lang);
  const fu = e.subject.functionalUnit;
  const total = data.lca ? data.lca.total.kgCO2e : e.carbonFootprint.kgCO2e;
  const summary: Section = {
    id: 'summary', number: '', heading: L('摘要', 'Summary'),
    blocks: [
      ...summaryBlocks(e, lang, [{ label: L('产品碳足迹', 'Carbon footprint'), value: formatKg(total), unit: 'kg CO2e' }]),
      { type: 'notice', level: level(e.verdict as Verdict), text: L(`自评价结论：${e.verdictName.zh}（${e.specification.standard.number}）`, `Verdict: ${e.verdictName.en} (${e.specification.standard.number})`) },
    ],
  };
  const general: Section = {
    id: 'general', number: '1', heading: L('基本信息', 'General information'),
    blocks: [{
      type: 'fields', rows: [
        ...(data.company ? [[L('企业名称', 'Company'), data.company] as [string, string]] : []),
        [L('产品名称', 'Product'), e.subject.name],
        [L('产品编号 / 型号', 'Product id / model'), e.subject.id],
        [L('功能单位', 'Functional unit'), `${fu.amount} ${formatUnit(fu.unit)}${fu.description ? ` (${fu.description})` : ''}`],
        [L('评价标准', 'Standard'), `${e.specification.standard.number} ${e.specification.standard.title[lang]}`],
        [L('评价日期', 'Date'), formatDate(generatedAt, lang)],
        [L('评价工具', 'Tool'), `${e.generator.name} ${e.generator.version}; ${REPORT_GENERATOR.name} ${REPORT_GENERATOR.version}`],
      ],
    }],
  };
  return {
    lang,
    title: L('绿色设计产品自评价报告', 'Eco-design Product Self-evaluation Report'),
    subtitle: `${e.subject.name} · ${e.specification.standard.number}`,
    meta: [
      [L('产品', 'Product'), `${e.subject.name} (${e.subject.id})`],
      [L('评价标准', 'Standard'), `${e.specification.standard.number} ${e.specification.standard.title[lang]}`],
      [L('自评价结论', 'Verdict'), e.verdictName[lang]],
      [L('报告日期', 'Date'), formatDate(generatedAt, lang)],
    ],
    sections: [
      summary, general, basisSection(e, lang, '2'), requirementsSection(e, lang, '3'), indicatorsSection(e, lang, '4'),
      lcaSection(e, data, lang, '5'), conclusionSection(e, lang, '6', L(`“${e.subject.name}”`, `"${e.subject.name}"`)), notesSection(e, lang, '7'),
    ],
    footer: L(`${e.subject.name} · 绿色设计产品自评价报告 · GreenLCA`, `${e.subject.name} · Eco-design self-evaluation report · GreenLCA`),
  };
}

function factoryDocument(e: FactoryEvaluation, _data: EcodesignReport['data'], lang: Lang, generatedAt: string | undefined): ReportDocument {
  const { L, clause } = common(e, lang);
  const score = e.score;
  const num = (x: number | null) => (x === null ? '—' : String(Math.round(x * 100) / 100));
  const illustrative = e.dimensions.filter((d) => d.weight.value !== null && !d.weight.isVerified);
  const weightLabel = (d: FactoryEvaluation['dimensions'][number]) => (d.weight.value === null ? ''
    : d.weight.isVerified ? L(`（权重 ${num(d.weight.value)}）`, ` (weight ${num(d.weight.value)})`)
      : L(`（权重 ${num(d.weight.value)}，示意值，${d.weight.origin === 'request' ? '评分设置给出' : WEIGHT_STATUS[d.weight.status ?? 'believed']?.zh ?? '未核实'}）`,
        ` (weight ${num(d.weight.value)}, illustrative: ${d.weight.origin === 'request' ? 'from the scoring settings' : WEIGHT_STATUS[d.weight.status ?? 'believed']?.en ?? 'not verified'})`));
  const limitSource = (x: FactoryEvaluation['dimensions'][number]['items'][number]['benchmark'], item: FactoryEvaluation['dimensions'][number]['items'][number]) =>
    x.origin === 'declared' ? L(`申报：${x.source}`, `declared: ${x.source}`)
      : x.origin === 'spec' ? `${PROVENANCE[item.provenance.status]?.[lang] ?? item.provenance.status} ${item.provenance.sources.join(', ')}`
        : x.display[lang];
  const summary: Section = {
    id: 'summary', number: '', heading: L('摘要', 'Summary'),
    blocks: [
      ...summaryBlocks(e, lang, [{
        label: score.weightsVerified ? L('得分', 'Score') : L('得分（示意权重）', 'Score (illustrative weights)'),
        value: score.value === null ? `≥ ${num(score.partial)}` : num(score.value), unit: score.max !== null ? `/ ${num(score.max)}` : '',
      }]),
      { type: 'notice', level: level(e.verdict as Verdict), text: L(`自评价结论：${e.verdictName.zh}（${e.specification.standard.number}）`, `Verdict: ${e.verdictName.en} (${e.specification.standard.number})`) },
      ...(score.weightsVerified ? [] : [{
        type: 'notice' as const, level: 'warning' as const,
        text: L(`权重为示意值：${illustrative.map((d) => `${d.name.zh} ${num(d.weight.value)}`).join('、')} 未经标准文本核实（来源见 4.x 各节），得分仅供参考，不能作为评价结论的依据。`,
          `Illustrative weights: ${illustrative.map((d) => `${d.name.en} ${num(d.weight.value)}`).join(', ')} are not verified in the standard's text (sources in 4.x); the score is for orientation only, not a basis for the verdict.`),
      }]),
    ],
  };
  const general: Section = {
    id: 'general', number: '1', heading: L('基本信息', 'General information'),
    blocks: [{
      type: 'fields', rows: [
        [L('工厂名称', 'Factory'), e.subject.name],
        ...(e.subject.id ? [[L('统一社会信用代码 / 编号', 'Id'), e.subject.id] as [string, string]] : []),
        ...(e.subject.sector ? [[L('所属行业', 'Sector'), e.subject.sector] as [string, string]] : []),
        ...(e.subject.period ? [[L('评价期', 'Period'), e.subject.period] as [string, string]] : []),
        [L('评价标准', 'Standard'), `${e.specification.standard.number} ${e.specification.standard.title[lang]}`],
        [L('评价日期', 'Date'), formatDate(generatedAt, lang)],
        [L('评价工具', 'Tool'), `${e.generator.name} ${e.generator.version}; ${REPORT_GENERATOR.name} ${REPORT_GENERATOR.version}`],
      ],
    }],
  };
  const dims: Section = {
    id: 'dimensions', number: '4', heading: L('评价指标与得分', 'Indicators and score'),
    blocks: [{
      type: 'fields', rows: [
        [L('得分', 'Score'), score.value === null ? L(`不完整（已得分项合计 ${num(score.partial)}）`, `incomplete (items scored so far: ${num(score.partial)})`) : num(score.value)],
        [L('满分', 'Maximum'), num(score.max)],
        [L('合格分数线', 'Pass mark'), `${num(score.passScore)}${score.passScoreOrigin !== 'none' ? ` (${score.passScoreOrigin})` : ''}`],
        [L('权重已核实', 'Weights verified'), score.weightsVerified ? L('是', 'yes') : L('否', 'no')],
        [L('评分规则', 'Scoring rule'), `${score.rule[lang]}${score.clause ? ` (${clause(score.clause)})` : ''}`],
        ...(score.settingsSource ? [[L('评分设置来源', 'Settings from'), score.settingsSource] as [string, string]] : []),
      ],
    }],
    subsections: e.dimensions.map((d, n) => ({
      id: `dimension-${d.id}`, number: `4.${n + 1}`, heading: `${d.name[lang]}${weightLabel(d)}`,
      blocks: [{
        type: 'table' as const, id: `items-${d.id}`,
        columns: [
          { label: L('指标', 'Item'), width: 2.2 }, { label: L('类型', 'Level'), width: 0.7 }, { label: L('基准值', 'Benchmark'), width: 1 },
          { label: L('引领值', 'Leading'), width: 1 }, { label: L('实际值', 'Value'), align: 'right' as const, width: 1 },
          { label: L('分值', 'Points'), align: 'right' as const, width: 0.6 }, { label: L('得分', 'Score'), align: 'right' as const, width: 0.6 },
          { label: L('结论', 'Verdict'), align: 'center' as const, width: 0.8 },
        ],
        rows: d.items.map((i) => [
          `${i.name[lang]}${i.unit ? ` (${formatUnit(i.unit)})` : ''}${i.gap ? `\n${i.gap.text[lang]}` : i.reason ? `\n${i.reason[lang]}` : ''}`,
          i.level === 'required' ? L('必选', 'required') : i.level === 'optional' ? L('可选', 'optional') : '—',
          i.benchmark.display[lang], i.leading.display[lang], i.value.display[lang], num(i.points), num(i.score),
          i.verdictName[lang].replace(/（.*|\s\(.*/, ''),
        ]),
        tones: d.items.map((i) => tone(i.verdict as Verdict)),
        ...(d.itemsTable.isComplete ? {} : { note: L('本维度的指标表尚未完整录入。', 'This dimension\'s item table is not fully entered.') }),
      }, {
        // Where each item stands: its second-level indicator, the source of its 基准值/引领值, how established it is, and its evidence.
        type: 'table' as const, id: `evidence-${d.id}`, caption: L('依据与证据', 'Sources and evidence'),
        columns: [
          { label: L('指标', 'Item'), width: 1.8 }, { label: L('二级指标', 'Second-level indicator'), width: 1 },
          { label: L('基准值 / 引领值来源', 'Source of 基准值 / 引领值'), width: 1.5 }, { label: L('条目来源', 'Item source'), width: 1 },
          { label: L('证据', 'Evidence'), width: 2.2 },
        ],
        rows: d.items.map((i) => [
          i.name[lang],
          d.indicators?.find((x) => x.id === i.indicator)?.name[lang] ?? '—',
          i.kind === 'qualitative' ? L('定性条目（无基准值）', 'qualitative (no 基准值)') : `${limitSource(i.benchmark, i)} / ${limitSource(i.leading, i)}`,
          `${PROVENANCE[i.provenance.status]?.[lang] ?? i.provenance.status} ${i.provenance.sources.join(', ')}`,
          [i.link ? i.link.basis[lang] : '', ...i.evidence].filter(Boolean).join('\n') || L('未提供', 'none given'),
        ]),
        tones: d.items.map((i) => (i.evidence.length ? 'neutral' : 'warn')),
      }, ...(d.indicators ? [{
        type: 'table' as const, id: `second-level-${d.id}`, caption: L('二级指标', 'Second-level indicators'),
        columns: [{ label: L('二级指标', 'Second-level indicator'), width: 2 }, { label: L('条目数', 'Items'), align: 'right' as const, width: 0.6 }, { label: L('结论', 'Verdict'), align: 'center' as const, width: 0.9 }],
        rows: d.indicators.map((x) => [x.name[lang], String(x.items.length), x.verdictName[lang].replace(/（.*|\s\(.*/, '')]),
        tones: d.indicators.map((x) => tone(x.verdict as Verdict)),
      }] : [])],
    })),
  };
  return {
    lang,
    title: L('绿色工厂自评价报告', 'Green Factory Self-evaluation Report'),
    subtitle: `${e.subject.name} · ${e.specification.standard.number}`,
    meta: [
      [L('工厂', 'Factory'), e.subject.name],
      [L('评价标准', 'Standard'), `${e.specification.standard.number} ${e.specification.standard.title[lang]}`],
      [L('自评价结论', 'Verdict'), e.verdictName[lang]],
      [L('报告日期', 'Date'), formatDate(generatedAt, lang)],
    ],
    sections: [
      summary, general, basisSection(e, lang, '2'), requirementsSection(e, lang, '3'), dims,
      conclusionSection(e, lang, '5', L(`“${e.subject.name}”`, `"${e.subject.name}"`)), notesSection(e, lang, '6'),
    ],
    footer: L(`${e.subject.name} · 绿色工厂自评价报告 · GreenLCA`, `${e.subject.name} · Green factory self-evaluation report · GreenLCA`),
  };
}

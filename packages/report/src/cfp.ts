import { STAGES, type CalculationResult, type Diagnostic, type LineSource, type Product, type ResultLine, type Stage } from '@greenlca/schema';
import {
  DATA_QUALITY_RULES, deriveDataQuality, factorsInWarning, gwpBasesAsPublished, type DataQuality, type GwpBasisAsPublished,
} from '@greenlca/pact';
import { Decimal } from 'decimal.js';
import type { Lang, ReportDocument, Section } from './document.js';
import { formatAmount, formatDate, formatKg, formatPercent, formatUnit, isRounded } from './format.js';
import { DATA_KIND, LINE_KIND, stageName, WARNING_EXPLANATIONS, type Bi } from './i18n.js';
import { REPORT_GENERATOR } from './version.js';
import { primaryDataBlocks } from './cfp-primary.js';

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
  /** The engine's primary data (lines on supplier-specific, custom or direct data, and their share); absent for results stored before it. */
  primaryData?: CalculationResult['primaryData'];
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

const share = (part: number, whole: number): number => (whole === 0 ? 0 : new Decimal(part).div(whole).toNumber());

function citationKey(s: LineSource): string {
  return JSON.stringify([s.citation, s.dataset ?? '', s.datasetVersion ?? '', s.licence ?? '', s.region ?? '', s.year ?? '', s.url ?? '']);
}

function studyType(included: Stage[]): StudyType {
  const has = (s: Stage) => included.includes(s);
  if (has('manufacture') && has('use') && has('endOfLife')) return 'cradle-to-grave';
  if (!has('use') && !has('endOfLife')) return 'cradle-to-gate';
  return 'partial';
}

/**
 * Number the result's lines (1 …) and group their sources into numbered citations, in line order:
 * the CFP and LCA reports cite every figure as line n → [ref].
 */
export function citeLines(result: CalculationResult): { lines: CfpLine[]; citations: Citation[] } {
  const citations: Citation[] = [];
  const byKey = new Map<string, Citation>();
  const lines: CfpLine[] = result.lines.map((l, i) => {
    const key = citationKey(l.source);
    let c = byKey.get(key);
    if (!c) {
      c = { n: citations.length + 1, citation: l.source.citation, factors: [], primary: !l.source.dataset };
      for (const k of ['dataset', 'datasetVersion', 'licence', 'region', 'url'] as const) if (l.source[k] !== undefined) c[k] = l.source[k];
      if (l.source.year !== undefined) c.year = l.source.year;
      citations.push(c);
      byKey.set(key, c);
    }
    const id = l.factor ?? l.substance ?? '';
    if (id && !c.factors.includes(id)) c.factors.push(id);
    const line: CfpLine = {
      n: i + 1, path: l.path, stage: l.stage, kind: l.kind, label: l.label, amount: l.amount,
      factorKgCO2ePerUnit: l.factorValue.kgCO2e, kgCO2e: l.kgCO2e,
      fossilKgCO2e: l.fossilKgCO2e, biogenicKgCO2e: l.biogenicKgCO2e, notSplitKgCO2e: l.notSplitKgCO2e, share: l.share, ref: c.n,
    };
    if (l.factor) line.factor = l.factor;
    if (l.substance) line.substance = l.substance;
    if (l.component) line.component = l.component;
    return line;
  });
  return { lines, citations };
}

/** Build the report's data: every figure comes from the result, every line from a cited factor. */
export function cfpReportData(result: CalculationResult, options: Omit<CfpReportOptions, 'lang'> & { lang: Lang }): CfpReportData {
  const lang = options.lang;
  const product = options.product;
  const info = options.study ?? {};
  const counts = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  for (const l of result.lines) counts.set(l.stage, counts.get(l.stage)! + 1);
  const included = STAGES.filter((s) => counts.get(s)! > 0);
  const excluded = STAGES.filter((s) => counts.get(s) === 0);
  const type = studyType(included);

  const { lines, citations } = citeLines(result);

  const total = result.total.kgCO2e;
  const region = product?.region;
  const year = options.referenceYear ?? product?.year;
  const dataQuality = deriveDataQuality(result, { ...(region ? { productRegion: region } : {}), ...(year !== undefined ? { referenceYear: year } : {}) });
  const gwpDataset = result.datasets.find((d) => !result.lines.some((l) => l.source.dataset === d.id));

  const warnings = result.warnings.map((w) => {
    const e = WARNING_EXPLANATIONS[w.code];
    return e ? { ...w, explanation: e[lang] } : { ...w };
  });

  const { fossilKgCO2e, biogenicKgCO2e, notSplitKgCO2e, biogenicDetail } = result.total;
  const origin = { fossilKgCO2e, biogenicKgCO2e, notSplitKgCO2e, biogenicDetail };
  const displayed = [total, origin.fossilKgCO2e, origin.biogenicKgCO2e, origin.notSplitKgCO2e, ...STAGES.map((s) => result.byStage[s].kgCO2e), ...result.lines.map((l) => l.kgCO2e)];
  const data: CfpReportData = {
    product: {
      id: result.product.id, name: result.product.name, functionalUnit: result.product.functionalUnit,
      ...(product?.description ? { description: product.description } : {}),
      ...(region ? { region } : {}),
      ...(product?.year !== undefined ? { year: product.year } : {}),
    },
    study: {
      type, cfpKind: type === 'cradle-to-grave' ? 'CFP' : 'partial CFP', unitKind: type === 'cradle-to-grave' ? 'functional unit' : 'declared unit',
      stagesIncluded: included, stagesExcluded: excluded, info,
    },
    gwp: { set: result.gwp, metric: 'GWP100', ...(gwpDataset ? { dataset: gwpDataset } : {}), asPublished: gwpBasesAsPublished(result.warnings) },
    total: result.total,
    origin,
    byStage: STAGES.map((s) => ({ stage: s, kgCO2e: result.byStage[s].kgCO2e, share: share(result.byStage[s].kgCO2e, total), lines: counts.get(s)!, included: counts.get(s)! > 0 })),
    byGas: Object.entries(result.byGas).map(([gas, v]) => ({ gas, ...(v.kg !== undefined ? { kg: v.kg } : {}), kgCO2e: v.kgCO2e, share: share(v.kgCO2e, total) })),
    byComponent: result.byComponent,
    hotspots: result.hotspots,
    lines,
    citations,
    datasets: result.datasets,
    dataQuality,
    ...(result.primaryData ? { primaryData: result.primaryData } : {}),
    warnings,
    limitations: [],
    engine: result.engine,
    rounded: displayed.some(isRounded),
  };
  data.limitations = limitations(data, result, lang);
  return data;
}

type Counted = 'factor' | 'component' | 'line';
const COUNTED_WARNINGS: [string, Counted][] = [
  ['CO2_ONLY_FACTOR', 'factor'], ['EOL_NOT_MODELLED', 'component'], ['UNCITED_CUSTOM_FACTOR', 'factor'], ['NEGATIVE_AMOUNT', 'line'],
  ['FACTOR_REGION_MISMATCH', 'factor'], ['FACTOR_YEAR_DISTANT', 'factor'],
];
const COUNT_NOUNS: Record<Counted, Bi> = { factor: { zh: '个因子', en: 'factor' }, component: { zh: '个部件', en: 'component' }, line: { zh: '行清单', en: 'line' } };

/** The factors of lines with a part not split by origin (factors given only as a CO2e total). */
function unsplitFactors(result: CalculationResult): number {
  const ids = new Set<string>();
  for (const l of result.lines) if (l.notSplitKgCO2e !== 0) ids.add(l.factor ?? l.substance ?? l.path);
  return ids.size;
}

function limitations(d: CfpReportData, result: CalculationResult, lang: Lang): string[] {
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const unsplit = { factors: d.origin.notSplitKgCO2e === 0 ? 0 : unsplitFactors(result) };
  const out: string[] = [
    L('本报告只评价气候变化一个影响类别（GWP100），不反映其他环境、社会或经济影响（GB/T 24067-2024 范围）。',
      'Only the climate-change impact category (GWP100) is assessed; other environmental, social and economic impacts are not (scope of GB/T 24067-2024 and ISO 14067).'),
    L(`特征化因子为 IPCC ${d.gwp.set} 的 100 年全球变暖潜势；未报告 GWP20、GTP 等其他指标。${d.gwp.asPublished.map((b) => `${b.count} 个因子仅以 IPCC ${b.basis} 的 CO2e 给出且未分气体，按发布值使用，未按 ${d.gwp.set} 重新表征（见第 6 章）。`).join('')}`,
      `Characterisation uses IPCC ${d.gwp.set} 100-year GWPs; other metrics (GWP20, GTP) are not reported.${d.gwp.asPublished.map((b) => ` ${b.count} factor${b.count > 1 ? 's' : ''} given only as CO2e in IPCC ${b.basis}, with no split by gas, ${b.count > 1 ? 'are' : 'is'} used as published, not re-characterised with ${d.gwp.set} (see section 6).`).join('')}`),
    L(`生物源排放（生物源 CO2，以及生物质燃烧或降解产生的 CH4 和 N2O）仅在因子标明来自生物质时单独列出；以 CO2e 总量给出的因子无法拆分化石与生物源${unsplit.factors ? `：本报告中 ${unsplit.factors} 个这样的因子共 ${formatKg(d.origin.notSplitKgCO2e)} kg CO2e（${formatPercent(share(d.origin.notSplitKgCO2e, d.total.kgCO2e))}），列为“未区分来源”（见 7.1），不计入化石来源` : ''}。生物源 CO2 吸收仅在因子以负的生物源 CO2 给出时计入；碳储存、直接/间接土地利用变化（dLUC/iLUC）和航空运输排放未单独量化。`,
      `Biogenic emissions (biogenic CO2, and CH4 and N2O from burning or degrading biomass) are separated only where a factor says it comes from biomass; factors given as CO2e totals cannot be split into fossil and biogenic${unsplit.factors ? `: here ${unsplit.factors} such factor${unsplit.factors > 1 ? 's' : ''} give ${formatKg(d.origin.notSplitKgCO2e)} kg CO2e (${formatPercent(share(d.origin.notSplitKgCO2e, d.total.kgCO2e))}), shown as "not split by origin" (see 7.1), not as fossil` : ''}. Biogenic CO2 uptake counts only where a factor gives it as negative biogenic CO2; carbon storage, direct and indirect land-use change (dLUC/iLUC) and aircraft emissions are not quantified separately.`),
    L('未进行不确定性分析和敏感性分析；结果为点估计值。', 'No uncertainty or sensitivity analysis was carried out; results are point estimates.'),
    L('使用阶段和报废阶段的数据为情景假设（使用次数、寿命、处理路径），实际排放会随用户行为和地区变化。',
      'Use and end-of-life data are scenarios (use pattern, lifetime, treatment routes); actual emissions vary with users and regions.'),
    L('碳抵消不计入本碳足迹。', 'Offsets are not included in the footprint.'),
    L('本报告按 ISO 14067:2018、GB/T 24067-2024 和 GHG Protocol 产品标准的报告内容组织，但条款层面的符合性未经官方文本核对，也未经第三方鉴定性评审或核查，不构成符合性声明。',
      'The report is organised after the reporting content of ISO 14067:2018, GB/T 24067-2024 and the GHG Protocol Product Standard, but clause-level conformity has not been checked against the official texts and the study has not been critically reviewed or verified: it is not a claim of conformity.'),
  ];
  if (!d.study.info.comparative) {
    out.push(L('结果不宜用于与其他产品的比较性声明，除非采用相同的产品类别规则、功能单位和系统边界。',
      'Results are not suited to comparative assertions unless the same product rules, functional unit and boundary are used.'));
  }
  if (d.study.stagesExcluded.length) {
    out.push(L(`以下阶段没有数据、不在系统边界内：${d.study.stagesExcluded.map((s) => stageName(s, 'zh')).join('、')}。`,
      `These stages have no data and are outside the boundary: ${d.study.stagesExcluded.map((s) => stageName(s, 'en')).join(', ')}.`));
  }
  const secondaryShare = d.dataQuality.primaryDataSharePercent !== undefined ? new Decimal(100).minus(d.dataQuality.primaryDataSharePercent).toFixed(1) : undefined;
  if (secondaryShare !== undefined && new Decimal(secondaryShare).gt(0)) {
    out.push(L(`碳足迹的 ${secondaryShare} % 来自二手数据（内置数据集），其代表性见第 4 章。`,
      `${secondaryShare} % of the footprint rests on secondary data (bundled datasets); see section 4 for their representativeness.`));
  }
  // Counted in what they are about: factor-fit warnings are grouped (one warning names 19 factors).
  for (const [code, what] of COUNTED_WARNINGS) {
    const found = result.warnings.filter((w) => w.code === code);
    const n = found.reduce((sum, w) => sum + (what === 'factor' ? factorsInWarning(w) : 1), 0);
    if (n) out.push(`${WARNING_EXPLANATIONS[code]![lang]}${L(`（涉及 ${n} ${COUNT_NOUNS[what].zh}，见第 9 章）`, ` (${n} ${COUNT_NOUNS[what].en}${n > 1 ? 's' : ''}, see section 9)`)}`);
  }
  out.push(...(d.study.info.limitations ?? []));
  return out;
}

const TYPE_NAMES: Record<StudyType, Bi> = {
  'cradle-to-grave': { zh: '从摇篮到坟墓（产品碳足迹）', en: 'cradle to grave (carbon footprint of a product, CFP)' },
  'cradle-to-gate': { zh: '从摇篮到大门（产品部分碳足迹）', en: 'cradle to gate (partial CFP)' },
  partial: { zh: '选定阶段（产品部分碳足迹）', en: 'selected stages (partial CFP)' },
};

const STAGE_SCOPE: Record<Stage, Bi> = {
  design: { zh: '研发设计活动（样机、试验等）', en: 'design and development activities (prototypes, testing)' },
  manufacture: { zh: '原材料获取与预处理、零部件和产品生产（部件材料计入本阶段）', en: 'raw material acquisition and pre-processing, production of parts and the product (component materials count here)' },
  packaging: { zh: '包装材料的生产', en: 'production of packaging materials' },
  transport: { zh: '产品分销运输', en: 'distribution of the product' },
  use: { zh: '产品使用（能耗、耗材、排放）', en: 'use of the product (energy, consumables, emissions)' },
  endOfLife: { zh: '废弃产品的收集与处理（回收、焚烧、填埋等）', en: 'collection and treatment of the discarded product (recycling, incineration, landfill …)' },
};

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

function cfpDocument(d: CfpReportData, lang: Lang, generatedAt: string | undefined): ReportDocument {
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const fu = d.product.functionalUnit;
  const unitText = `${formatAmount(fu.amount)} ${formatUnit(fu.unit)}${fu.description ? ` (${fu.description})` : ''}`;
  const perUnit = L(`kg CO2e / ${d.study.unitKind === 'functional unit' ? '功能单位' : '声明单位'}`, `kg CO2e per ${d.study.unitKind}`);
  const info = d.study.info;
  const year = d.product.year;
  const stageList = (stages: Stage[]) => stages.map((s) => stageName(s, lang)).join(lang === 'zh' ? '、' : ', ') || '—';

  // "; 17 factors as published in IPCC AR5 CO2e" — the other bases, with the number of factors.
  const asPublishedText = (l: Lang) => d.gwp.asPublished.map((b) => (l === 'zh'
    ? `（另有 ${b.count} 个因子按 IPCC ${b.basis} 的 CO2e 发布值使用）`
    : ` (${b.count} factor${b.count > 1 ? 's' : ''} used as published in IPCC ${b.basis} CO2e)`)).join('');
  const summary: Section = {
    id: 'summary', number: '', heading: L('摘要', 'Summary'),
    blocks: [
      {
        type: 'figures', items: [
          { label: L('产品碳足迹', 'Product carbon footprint'), value: formatKg(d.total.kgCO2e), unit: perUnit, emphasis: true },
          { label: L('化石来源', 'Fossil'), value: formatKg(d.origin.fossilKgCO2e), unit: 'kg CO2e' },
          { label: L('生物源', 'Biogenic'), value: formatKg(d.origin.biogenicKgCO2e), unit: 'kg CO2e' },
          { label: L('未区分来源', 'Not split by origin'), value: formatKg(d.origin.notSplitKgCO2e), unit: 'kg CO2e' },
        ],
      },
      {
        type: 'paragraph',
        text: L(
          `${d.product.name}：${d.study.cfpKind === 'CFP' ? '产品碳足迹' : '产品部分碳足迹'}为 ${formatKg(d.total.kgCO2e)} kg CO2e，${d.study.unitKind === 'functional unit' ? '功能单位' : '声明单位'}为 ${unitText}。系统边界：${TYPE_NAMES[d.study.type].zh}，包括${stageList(d.study.stagesIncluded)}。GWP：IPCC ${d.gwp.set} GWP100${asPublishedText('zh')}。`,
          `${d.product.name}: ${d.study.cfpKind === 'CFP' ? 'carbon footprint' : 'partial carbon footprint'} ${formatKg(d.total.kgCO2e)} kg CO2e per ${d.study.unitKind} of ${unitText}. Boundary: ${TYPE_NAMES[d.study.type].en}, covering ${stageList(d.study.stagesIncluded)}. GWP: IPCC ${d.gwp.set} GWP100${asPublishedText('en')}.`),
      },
      ...(d.hotspots[0] ? [{
        type: 'paragraph' as const,
        text: L(`最大贡献项：${d.hotspots[0].label}（${stageName(d.hotspots[0].stage, 'zh')}），${formatKg(d.hotspots[0].kgCO2e)} kg CO2e，占 ${formatPercent(d.hotspots[0].share)}。`,
          `Largest contributor: ${d.hotspots[0].label} (${stageName(d.hotspots[0].stage, 'en')}), ${formatKg(d.hotspots[0].kgCO2e)} kg CO2e, ${formatPercent(d.hotspots[0].share)}.`),
      }] : []),
      ...(d.warnings.length ? [{ type: 'notice' as const, level: 'warning' as const, text: L(`计算返回 ${d.warnings.length} 条警告，见第 9 章。`, `The calculation returned ${d.warnings.length} warning${d.warnings.length > 1 ? 's' : ''}; see section 9.`) }] : []),
    ],
  };

  const general: Section = {
    id: 'general', number: '1', heading: L('基本信息', 'General information'),
    blocks: [{
      type: 'fields', rows: [
        [L('产品名称', 'Product'), d.product.name],
        [L('产品编号', 'Product id'), d.product.id],
        ...(d.product.description ? [[L('产品描述', 'Description'), d.product.description] as [string, string]] : []),
        [L('生产地区', 'Region'), d.product.region ?? L('未说明', 'not stated')],
        ...(info.company ? [[L('企业名称', 'Company'), info.company] as [string, string]] : []),
        ...(info.commissioner ? [[L('委托方', 'Commissioned by'), info.commissioner] as [string, string]] : []),
        ...(info.practitioner ? [[L('编制方', 'Prepared by'), info.practitioner] as [string, string]] : []),
        [L('数据基准期', 'Reference period'), info.referencePeriod ?? (year !== undefined ? L(`${year}年`, String(year)) : L('未说明', 'not stated'))],
        [L('报告日期', 'Report date'), formatDate(generatedAt, lang)],
        [L('计算工具', 'Calculation tool'), `GreenLCA ${d.engine.name} ${d.engine.version}`],
        [L('参考标准（报告结构）', 'Standards (report structure)'), 'ISO 14067:2018; GB/T 24067-2024; GHG Protocol Product Life Cycle Accounting and Reporting Standard (2011)'],
        ...(info.pcr ? [[L('产品类别规则', 'Product category rules'), info.pcr] as [string, string]] : []),
        [L('鉴定性评审/核查', 'Critical review / verification'), info.review ?? L('未进行', 'none')],
      ],
    }],
  };

  const goal: Section = {
    id: 'goal', number: '2', heading: L('目的与范围', 'Goal and scope'),
    blocks: [{
      type: 'fields', rows: [
        [L('研究目的', 'Goal'), info.goal ?? L('量化产品在生命周期内的温室气体排放，识别减排重点，支持绿色设计（GB/T 32161）评价与改进。', 'Quantify the life-cycle greenhouse-gas emissions of the product, find where to reduce them, and support eco-design evaluation (GB/T 32161) and improvement.')],
        [L('预期用途', 'Intended application'), info.intendedApplication ?? L('企业内部改进与绿色设计产品自评价。', 'Internal improvement and eco-design self-evaluation.')],
        [L('目标受众', 'Audience'), info.audience ?? L('企业管理和设计人员；评价机构。', 'Company management and designers; evaluators.')],
        [L('比较性声明', 'Comparative assertion'), info.comparative ? L('是', 'yes') : L('否', 'no')],
        [L('研究类型', 'Type of study'), TYPE_NAMES[d.study.type][lang]],
        [d.study.unitKind === 'functional unit' ? L('功能单位', 'Functional unit') : L('声明单位', 'Declared unit'), unitText],
        [L('结果单位', 'Unit of results'), perUnit],
      ],
    }],
  };

  const boundary: Section = {
    id: 'boundary', number: '3', heading: L('系统边界', 'System boundary'),
    blocks: [
      { type: 'paragraph', text: L(`系统边界为${TYPE_NAMES[d.study.type].zh}。纳入边界的阶段为有清单数据的阶段；无数据的阶段列为排除。`, `The boundary is ${TYPE_NAMES[d.study.type].en}. Stages with inventory data are inside the boundary; stages without data are listed as excluded.`) },
      {
        type: 'table', id: 'boundary', columns: [
          { label: L('生命周期阶段', 'Life-cycle stage'), width: 1.2 }, { label: L('覆盖内容', 'What it covers'), width: 3 },
          { label: L('清单行数', 'Lines'), align: 'right', width: 0.6 }, { label: L('是否纳入', 'Included'), align: 'center', width: 0.8 },
        ],
        rows: d.byStage.map((s) => [stageName(s.stage, lang), STAGE_SCOPE[s.stage][lang], String(s.lines), s.included ? L('纳入', 'yes') : L('排除（无数据）', 'no (no data)')]),
        tones: d.byStage.map((s) => (s.included ? 'neutral' : 'warn')),
      },
      ...(info.exclusions?.length ? [{ type: 'list' as const, items: info.exclusions }] : []),
    ],
  };

  const dq = d.dataQuality;
  const dqRows = (['technological', 'geographical', 'temporal'] as const).flatMap((dim) => DATA_QUALITY_RULES[dim].map((r) => [r.id, String(r.score), r[lang]]));
  const sources: Section = {
    id: 'data', number: '4', heading: L('数据来源与数据质量', 'Data sources and data quality'),
    blocks: [
      {
        type: 'table', id: 'datasets', caption: L('使用的数据集', 'Datasets used'), columns: [
          { label: L('数据集', 'Dataset'), width: 1.2 }, { label: L('版本', 'Version'), width: 0.7 }, { label: L('发布版次', 'Edition'), width: 2 },
          { label: L('引用的清单行', 'Lines'), align: 'right', width: 0.7 },
        ],
        rows: d.datasets.map((ds) => {
          const n = d.lines.filter((l) => d.citations[l.ref - 1]!.dataset === ds.id).length;
          return [ds.id, ds.version, ds.edition, n ? String(n) : L('GWP 值', 'GWP values')];
        }),
      },
      {
        type: 'fields', rows: [
          [L('初级数据占比', 'Primary data share'), dq.primaryDataSharePercent !== undefined ? `${dq.primaryDataSharePercent} %` : '—'],
          [L('技术代表性 DQR', 'Technological DQR'), dq.technologicalDQR ?? '—'],
          [L('地理代表性 DQR', 'Geographical DQR'), dq.geographicalDQR ?? '—'],
          [L('时间代表性 DQR', 'Temporal DQR'), dq.temporalDQR ?? '—'],
          [L('因子数据年份', 'Factor data years'), dq.factorYears ? `${dq.factorYears.min}–${dq.factorYears.max}` : '—'],
          [L('因子地区', 'Factor regions'), dq.factorRegions.join(', ') || '—'],
          [L('基准年', 'Reference year'), dq.referenceYear !== undefined ? String(dq.referenceYear) : L('未给出', 'not given')],
        ],
      },
      ...primaryDataBlocks(d.primaryData, d.lines, lang),
      { type: 'paragraph', text: DATA_QUALITY_RULES.weighting[lang] + L(' 评分 1 为最好，5 为最差。', ' 1 is best, 5 worst.') },
      {
        type: 'table', id: 'dq-rules', caption: L('数据质量评分规则', 'Data-quality scoring rules'),
        columns: [{ label: L('规则', 'Rule'), width: 0.5 }, { label: L('分值', 'Score'), align: 'right', width: 0.5 }, { label: L('说明', 'Meaning'), width: 5 }],
        rows: dqRows,
      },
      {
        type: 'table', id: 'dq-lines', caption: L('各清单行的数据质量', 'Data quality by line'),
        columns: [
          { label: '#', align: 'right', width: 0.4 }, { label: L('清单项', 'Line'), width: 2.6 }, { label: L('数据类型', 'Data type'), width: 1.6 },
          { label: L('技术', 'Tech.'), align: 'center', width: 0.6 }, { label: L('地理', 'Geo.'), align: 'center', width: 0.6 }, { label: L('时间', 'Time'), align: 'center', width: 0.6 },
        ],
        rows: dq.lines.map((q) => {
          const n = d.lines.find((l) => l.path === q.path)?.n ?? 0;
          return [String(n), q.label, DATA_KIND[q.kind]![lang], `${q.technological} (${q.rules.technological})`, `${q.geographical} (${q.rules.geographical})`, `${q.temporal} (${q.rules.temporal})`];
        }),
      },
    ],
  };

  const allocation: Section = {
    id: 'allocation', number: '5', heading: L('分配与取舍准则', 'Allocation and cut-off'),
    blocks: [{
      type: 'fields', rows: [
        [L('分配', 'Allocation'), info.allocation ?? L('本计算未对前景数据进行分配。二手数据因子沿用其发布者的分配方法。存在多产出过程时，应按 ISO 14044 的分配层级（避免分配 → 物理关系 → 其他关系）处理并在此说明。', 'No allocation is applied to foreground data. Secondary factors carry their publishers\' allocation. Where multi-output processes exist, the ISO 14044 hierarchy (avoid → physical relationship → other relationship) applies and must be stated here.')],
        [L('取舍准则', 'Cut-off'), info.cutOff ?? L('计算中未使用取舍准则：所有建模的清单行和部件材料均已计入。未建模的过程未量化，其影响未评估。', 'No cut-off was applied in the calculation: every modelled inventory line and component material is included. Processes that were not modelled are not quantified and their effect is not assessed.')],
        [L('已知排除', 'Known exclusions'), info.exclusions?.length ? info.exclusions.join('; ') : L('未说明', 'none stated')],
      ],
    }],
  };

  const gases = d.byGas.map((g) => g.gas).filter((g) => g !== 'CO2e');
  const unsplit = d.byGas.find((g) => g.gas === 'CO2e');
  const gwp: Section = {
    id: 'gwp', number: '6', heading: L('温室气体与全球变暖潜势', 'Greenhouse gases and GWP'),
    blocks: [{
      type: 'fields', rows: [
        [L('GWP 版本（所选）', 'GWP set (chosen)'), `IPCC ${d.gwp.set}, GWP100`],
        [L('按发布值使用的其他 GWP 版本', 'Other GWP sets, used as published'), d.gwp.asPublished.length
          ? d.gwp.asPublished.map((b) => L(
            `IPCC ${b.basis}：${b.count} 个因子仅以 CO2e 给出且未分气体，无法按 ${d.gwp.set} 重新表征，按发布值使用（GWP_BASIS_MISMATCH，见第 9 章）`,
            `IPCC ${b.basis}: ${b.count} factor${b.count > 1 ? 's' : ''} given only as CO2e with no split by gas, so not re-characterised with ${d.gwp.set}; used as published (GWP_BASIS_MISMATCH, see section 9)`)).join('\n')
          : L(`无：全部因子按 ${d.gwp.set} 表征或以 ${d.gwp.set} 发布`, `none: every factor is characterised with, or published in, ${d.gwp.set}`)],
        [L('GWP 数据集', 'GWP dataset'), d.gwp.dataset ? `${d.gwp.dataset.id} ${d.gwp.dataset.version} (${d.gwp.dataset.edition})` : '—'],
        [L('分气体计算的温室气体', 'Gases characterised individually'), gases.join(', ') || '—'],
        [L('未分气体部分', 'Not split by gas'), unsplit
          ? L(`${formatKg(unsplit.kgCO2e)} kg CO2e（${formatPercent(unsplit.share)}）来自仅给出 CO2e 的因子（见 7.3）`, `${formatKg(unsplit.kgCO2e)} kg CO2e (${formatPercent(unsplit.share)}) from factors that give CO2e only (see 7.3)`)
          : L('无', 'none')],
      ],
    }],
  };

  const total = d.total.kgCO2e;
  const results: Section = {
    id: 'results', number: '7', heading: L('结果', 'Results'), blocks: [],
    subsections: [
      {
        id: 'results-total', number: '7.1', heading: L('产品碳足迹', 'Carbon footprint'),
        blocks: [{
          type: 'table', id: 'totals', columns: [{ label: L('项目', 'Item'), width: 2.5 }, { label: 'kg CO2e', align: 'right' }, { label: L('占比', 'Share'), align: 'right' }],
          rows: [
            [L('化石来源温室气体排放（因子分气体给出）', 'Fossil GHG emissions (gases named by the factors)'), formatKg(d.origin.fossilKgCO2e), formatPercent(share(d.origin.fossilKgCO2e, total))],
            [L('生物源温室气体排放', 'Biogenic GHG emissions'), formatKg(d.origin.biogenicKgCO2e), formatPercent(share(d.origin.biogenicKgCO2e, total))],
            [L('未区分来源（因子仅给出 CO2e 总量）', 'Not split by origin (factors give a CO2e total only)'), formatKg(d.origin.notSplitKgCO2e), formatPercent(share(d.origin.notSplitKgCO2e, total))],
          ],
          footer: [[L(`产品碳足迹（${perUnit}）`, `Carbon footprint (${perUnit})`), formatKg(total), formatPercent(total === 0 ? 0 : 1)]],
          note: L(
            '仅给出 CO2e 总量的因子无法拆分化石与生物源，单列为“未区分来源”，不计入化石来源；这三个数与计算结果（fossilKgCO2e、biogenicKgCO2e、notSplitKgCO2e）和 PACT 导出相同。dLUC、iLUC 和航空排放未单独量化（见第 10 章）。',
            'Factors that give only a CO2e total cannot be split into fossil and biogenic, so they are shown as "not split by origin", not as fossil; the three figures are the calculation result\'s (fossilKgCO2e, biogenicKgCO2e, notSplitKgCO2e) and the PACT export\'s. dLUC, iLUC and aircraft emissions are not quantified separately (see section 10).'),
        }],
      },
      {
        id: 'results-stage', number: '7.2', heading: L('按生命周期阶段', 'By life-cycle stage'),
        blocks: [
          {
            type: 'table', id: 'by-stage', columns: [{ label: L('阶段', 'Stage'), width: 2 }, { label: 'kg CO2e', align: 'right' }, { label: L('占比', 'Share'), align: 'right' }],
            rows: d.byStage.map((s) => [stageName(s.stage, lang), formatKg(s.kgCO2e), formatPercent(s.share)]),
            footer: [[L('合计', 'Total'), formatKg(total), formatPercent(total === 0 ? 0 : 1)]],
            ...(d.rounded ? { note: L('数值保留 6 位小数，合计按未修约值计算。', 'Values are shown to 6 decimals; the total is the sum of unrounded values.') } : {}),
          },
          { type: 'bars', caption: L('各阶段 kg CO2e', 'kg CO2e by stage'), items: d.byStage.map((s) => ({ label: stageName(s.stage, lang), value: s.kgCO2e, text: `${formatKg(s.kgCO2e)} (${formatPercent(s.share)})` })) },
        ],
      },
      {
        id: 'results-gas', number: '7.3', heading: L('按温室气体', 'By greenhouse gas'),
        blocks: [{
          type: 'table', id: 'by-gas', columns: [{ label: L('气体', 'Gas'), width: 2 }, { label: L('排放量 kg', 'Mass kg'), align: 'right' }, { label: 'kg CO2e', align: 'right' }, { label: L('占比', 'Share'), align: 'right' }],
          rows: d.byGas.map((g) => [g.gas === 'CO2e' ? L('未分气体（因子仅给出 CO2e）', 'not split (factor gives CO2e only)') : g.gas, g.kg !== undefined ? formatAmount(g.kg) : '—', formatKg(g.kgCO2e), formatPercent(g.share)]),
          footer: [[L('合计', 'Total'), '', formatKg(total), formatPercent(total === 0 ? 0 : 1)]],
        }],
      },
      ...(d.byComponent.length ? [{
        id: 'results-component', number: '7.4', heading: L('按部件（物料清单）', 'By component (bill of materials)'),
        blocks: [{
          type: 'table' as const, id: 'by-component', columns: [
            { label: L('部件', 'Component'), width: 2.2 }, { label: L('数量', 'Qty'), align: 'right' as const, width: 0.6 },
            { label: L('材料质量 kg', 'Own mass kg'), align: 'right' as const }, { label: L('自身 kg CO2e', 'Own kg CO2e'), align: 'right' as const },
            { label: L('含子部件 kg CO2e', 'With children kg CO2e'), align: 'right' as const },
          ],
          rows: d.byComponent.map((c) => [`${'  '.repeat(c.component.split('/').length - 1)}${c.name} (${c.component})`, formatAmount(c.quantity), formatAmount(c.massKg), formatKg(c.kgCO2e), formatKg(c.totalKgCO2e)]),
          note: L('部件排放包括其材料、报废处理和归属于该部件的清单行。', 'Component emissions include its material, end-of-life treatment and lines attributed to it.'),
        }],
      }] : []),
      {
        id: 'results-hotspots', number: d.byComponent.length ? '7.5' : '7.4', heading: L('热点', 'Hotspots'),
        blocks: [{
          type: 'table', id: 'hotspots', columns: [
            { label: '#', align: 'right', width: 0.4 }, { label: L('清单项', 'Line'), width: 3 }, { label: L('阶段', 'Stage') },
            { label: 'kg CO2e', align: 'right' }, { label: L('占比', 'Share'), align: 'right' },
          ],
          rows: d.hotspots.map((h) => [String(h.rank), h.label, stageName(h.stage, lang), formatKg(h.kgCO2e), formatPercent(h.share)]),
        }],
      },
    ],
  };

  const inventory: Section = {
    id: 'inventory', number: '8', heading: L('清单与排放因子', 'Inventory and emission factors'),
    blocks: [
      { type: 'paragraph', text: L('每一行结果 = 活动量 × 因子值；[n] 为第 11 章参考文献编号。', 'Each line result = amount × factor value; [n] is the reference number in section 11.') },
      {
        type: 'table', id: 'lines', columns: [
          { label: '#', align: 'right', width: 0.35 }, { label: L('阶段', 'Stage'), width: 1.05 }, { label: L('清单项', 'Line'), width: 2.0 },
          { label: L('因子', 'Factor'), width: 1.8 }, { label: L('活动量', 'Amount'), align: 'right', width: 1.1 },
          { label: L('因子值 kg CO2e/单位', 'Factor kg CO2e/unit'), align: 'right', width: 1.05 }, { label: 'kg CO2e', align: 'right', width: 1 },
          { label: L('来源', 'Ref.'), align: 'center', width: 0.5 },
        ],
        rows: d.lines.map((l) => [
          String(l.n), stageName(l.stage, lang), `${l.label}${l.kind !== 'inventory' ? ` · ${LINE_KIND[l.kind]![lang]}` : ''}`,
          l.factor ?? l.substance ?? '', `${formatAmount(l.amount.value)} ${formatUnit(l.amount.unit)}`, formatAmount(l.factorKgCO2ePerUnit), formatKg(l.kgCO2e), `[${l.ref}]`,
        ]),
        footer: [['', L('合计', 'Total'), '', '', '', '', formatKg(total), '']],
      },
    ],
  };

  const warnings: Section = {
    id: 'warnings', number: '9', heading: L('警告', 'Warnings'),
    blocks: d.warnings.length
      ? [{
        type: 'table', id: 'warnings', columns: [{ label: L('代码', 'Code'), width: 1.75 }, { label: L('位置', 'Where'), width: 1.1 }, { label: L('说明', 'What it means'), width: 4 }],
        rows: d.warnings.map((w) => [w.code, w.path ?? '', [w.explanation, w.message, w.hint ? `${L('建议', 'Fix')}: ${w.hint}` : ''].filter(Boolean).join('\n')]),
        tones: d.warnings.map(() => 'warn' as const),
      }]
      : [{ type: 'paragraph', text: L('计算未返回警告。', 'The calculation returned no warnings.') }],
  };

  const limits: Section = {
    id: 'limitations', number: '10', heading: L('局限性与解释', 'Limitations and interpretation'),
    blocks: [{ type: 'list', items: d.limitations }],
  };

  const refs: Section = {
    id: 'references', number: '11', heading: L('参考文献（因子来源）', 'References (factor sources)'),
    blocks: [{
      type: 'table', id: 'citations', columns: [
        { label: '[n]', align: 'right', width: 0.4 }, { label: L('来源', 'Source'), width: 3.2 }, { label: L('数据集 / 版本', 'Dataset / version'), width: 1.2 },
        { label: L('地区 / 年份', 'Region / year'), width: 0.9 }, { label: L('许可', 'Licence'), width: 0.8 }, { label: L('使用的因子', 'Factors used'), width: 1.8 },
      ],
      rows: d.citations.map((c) => [
        `[${c.n}]`, `${c.citation}${c.url ? `\n${c.url}` : ''}`,
        c.dataset ? `${c.dataset} ${c.datasetVersion ?? ''}`.trim() : L('自定义（初级数据）', 'custom (primary data)'),
        [c.region, c.year].filter((x) => x !== undefined).join(' / ') || '—', c.licence ?? '—', c.factors.join(', '),
      ]),
    }],
  };

  return {
    lang,
    title: L('产品碳足迹报告', 'Product Carbon Footprint Report'),
    subtitle: d.product.name,
    meta: [
      [L('产品', 'Product'), `${d.product.name} (${d.product.id})`],
      [L('产品碳足迹', 'Carbon footprint'), `${formatKg(d.total.kgCO2e)} ${perUnit}`],
      [L('报告日期', 'Date'), formatDate(generatedAt, lang)],
      [L('计算工具', 'Tool'), `${d.engine.name} ${d.engine.version} · ${REPORT_GENERATOR.name} ${REPORT_GENERATOR.version}`],
    ],
    sections: [summary, general, goal, boundary, sources, allocation, gwp, results, inventory, warnings, limits, refs],
    footer: L(`${d.product.name} · 产品碳足迹报告 · GreenLCA`, `${d.product.name} · Product carbon footprint report · GreenLCA`),
  };
}

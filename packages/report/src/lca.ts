import {
  STAGES, type CalculationResult, type FactorDataset, type ImpactMethod, type Inventory, type Licence, type Product, type Stage,
} from '@greenlca/schema';
import { Decimal } from 'decimal.js';
import { citeLines, type CfpLine, type Citation } from './cfp/index.js';
import type { Block, Lang, ReportDocument, Section, TableBlock } from './document.js';
import { formatAmount, formatDate, formatKg, formatPercent, formatSignificant, formatUnit, LCA_DIGITS } from './format.js';
import { bi, LINE_KIND, stageName, WARNING_EXPLANATIONS, type Bi } from './i18n.js';
import { generalSection } from './general.js';
import { REPORT_GENERATOR } from './version.js';
import type { LcaCategory, LcaDatasetSource, LcaImpacts, LcaMethodSource, LcaReport, LcaReportData } from './lca-data.js';

export { LcaCategory, LcaDatasetSource, LcaImpacts, LcaMethodSource, LcaReport, LcaReportData } from './lca-data.js';

/**
 * The LCA report (ISO 14040/14044 structure): material, energy and emission inventories and every
 * category of each impact method in the result. The CFP report (cfp.ts) stays climate-only, as
 * ISO 14067 asks; this one is where the other categories are reported.
 *
 * Every figure is the result's, printed to LCA_DIGITS significant digits (formatSignificant; the
 * report's JSON keeps the exact values), and traced to numbered lines, each with its factor and a
 * numbered citation. A category left incomplete says so: lines without a factor for it are gaps,
 * never zeros.
 */

/** What the report reads of a method file (datasets/methods/<id>.json): an ImpactMethod fits. */
export type LcaMethodInfo = Pick<ImpactMethod, 'id' | 'name' | 'version' | 'edition' | 'publisher' | 'licences'> & {
  notes?: string[];
  missingCategories?: ImpactMethod['missingCategories'];
  categories?: { id: string; name: { en: string; zh?: string } }[];
};

/** What the report reads of a factor dataset: a FactorDataset or a SubstanceDataset (the GWP values) fits. */
export type LcaDatasetInfo = Pick<FactorDataset, 'id' | 'version' | 'edition' | 'title' | 'licences'> & { publisher?: string };

export interface LcaStudyInfo {
  company?: string;
  practitioner?: string;
  commissioner?: string;
  goal?: string;
  intendedApplication?: string;
  audience?: string;
  /** Critical review statement, if one was done. */
  review?: string;
  /** Limitations to add to the generated ones. */
  limitations?: string[];
}

export interface LcaReportOptions {
  lang: Lang;
  /** The product document, for its description, region and year. */
  product?: Product;
  /** The method files of the result's methods: edition, publisher, licences and attribution. */
  methods?: readonly LcaMethodInfo[];
  /** The factor datasets (bundled ones): titles, publishers, licences with attribution. */
  datasets?: readonly LcaDatasetInfo[];
  study?: LcaStudyInfo;
  /** When the report was generated (ISO date-time). The builder never reads the clock. */
  generatedAt?: string;
  /** Contributing lines shown per category (default 5). */
  topLines?: number;
}

const EMPTY_INVENTORY: Inventory = {
  materials: [], endOfLife: [], energy: [], emissions: [],
  totals: { materialKg: 0, packagingKg: 0, electricityKWh: 0, finalEnergyMJ: 0 },
  coverage: { emissionsKnownKgCO2e: 0, emissionsUnknownKgCO2e: 0, linesWithoutEmissions: [], energyWithoutMJ: [] },
};

const share = (part: number, whole: number): number => (whole === 0 ? 0 : new Decimal(part).div(whole).toNumber());
const num = formatSignificant;

/** Build the report's data from a result (with `inventory`, and `impacts` for the methods to report). */
export function lcaReportData(result: CalculationResult, options: LcaReportOptions): LcaReportData {
  const lang = options.lang;
  const product = options.product;
  const { lines, citations } = citeLines(result);
  const lineNo = new Map(lines.map((l) => [l.path, l]));
  const counts = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  for (const l of result.lines) counts.set(l.stage, counts.get(l.stage)! + 1);
  const inventory = result.inventory ?? EMPTY_INVENTORY;
  const top = options.topLines ?? 5;

  const datasets: LcaDatasetSource[] = result.datasets.map((d) => {
    const info = options.datasets?.find((x) => x.id === d.id);
    const used = lines.filter((l) => citations[l.ref - 1]!.dataset === d.id);
    const ids = [...new Set(used.map((l) => citations[l.ref - 1]!.licence).filter((x): x is string => !!x))];
    const licences = ids.map((id) => info?.licences.find((x) => x.id === id) ?? { id });
    const out: LcaDatasetSource = { id: d.id, version: d.version, edition: d.edition, licences, lines: used.map((l) => l.n) };
    if (info) {
      out.title = lang === 'zh' ? info.title.zh ?? info.title.en : info.title.en;
      if (info.publisher) out.publisher = info.publisher;
      // A dataset used for values other than line factors (the GWP set) lists all its licences.
      if (!used.length) out.licences = info.licences;
    }
    return out;
  });

  const impacts: LcaImpacts[] = (result.impacts ?? []).map((m) => {
    const info = options.methods?.find((x) => x.id === m.method.id);
    const method: LcaMethodSource = { ...m.method };
    if (info) Object.assign(method, { edition: info.edition, publisher: info.publisher, licences: info.licences });
    const categories = m.categories.map((c): LcaCategory => {
      const zh = c.name.zh ?? info?.categories?.find((x) => x.id === c.id)?.name.zh;
      const missing = new Set(c.coverage.missing);
      const byStage = STAGES.map((stage) => {
        const inStage = result.lines.filter((l) => l.stage === stage);
        const left = inStage.filter((l) => missing.has(l.path)).length;
        const row: LcaCategory['byStage'][number] = { stage, counted: inStage.length - left, missing: left };
        if (row.counted > 0) row.value = c.byStage[stage] ?? 0;
        return row;
      });
      const whole = c.lines.reduce((acc, l) => acc.plus(Math.abs(l.value)), new Decimal(0));
      const ranked = [...c.lines].filter((l) => l.value !== 0).sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, top);
      return {
        id: c.id,
        name: lang === 'zh' ? zh ?? c.name.en : c.name.en,
        nameEn: c.name.en,
        translated: lang === 'en' || zh !== undefined,
        unit: c.unit,
        total: c.total,
        byStage,
        top: ranked.map((l) => {
          const line = lineNo.get(l.path);
          return { n: line?.n ?? 0, path: l.path, value: l.value, share: whole.isZero() ? 0 : new Decimal(Math.abs(l.value)).div(whole).toNumber(), ref: line?.ref ?? 0 };
        }),
        coverage: c.coverage,
        missingLines: c.coverage.missing.map((p) => lineNo.get(p)?.n ?? 0),
        countedLines: result.lines.length - c.coverage.missing.length,
        gap: c.coverage.lines === 0 && result.lines.length > 0,
        source: c.source,
      };
    });
    const missingCategories = m.missingCategories.map((x) => {
      const unit = info?.missingCategories?.find((y) => y.id === x.id)?.unit;
      return unit ? { ...x, unit } : { ...x };
    });
    return { method, categories, missingCategories, unmappedSubstances: m.unmappedSubstances };
  });

  const warnings = result.warnings.map((w) => {
    const e = WARNING_EXPLANATIONS[w.code];
    return e ? { ...w, explanation: e[lang] } : { ...w };
  });

  const data: LcaReportData = {
    product: {
      id: result.product.id, name: result.product.name, functionalUnit: result.product.functionalUnit,
      ...(product?.description ? { description: product.description } : {}),
      ...(product?.region ? { region: product.region } : {}),
      ...(product?.year !== undefined ? { year: product.year } : {}),
    },
    referenceFlow: {
      amount: result.product.functionalUnit.amount, unit: result.product.functionalUnit.unit,
      materialKg: inventory.totals.materialKg, packagingKg: inventory.totals.packagingKg, components: result.byComponent.length,
    },
    boundary: STAGES.map((s) => ({ stage: s, lines: counts.get(s)!, included: counts.get(s)! > 0 })),
    climate: { gwp: result.gwp, total: result.total },
    datasets,
    lines,
    citations,
    inventory,
    impacts,
    warnings,
    limitations: [],
    engine: result.engine,
    digits: LCA_DIGITS,
  };
  data.limitations = limitations(data, options, lang);
  return data;
}

/** "1–3, 5, 7–9": line numbers, runs joined. */
export function lineRanges(ns: readonly number[]): string {
  const sorted = [...new Set(ns)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i]! + 1) i++;
    out.push(start === sorted[i] ? `${start}` : `${start}–${sorted[i]}`);
  }
  return out.join(', ');
}

function limitations(d: LcaReportData, options: LcaReportOptions, lang: Lang): string[] {
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const out: string[] = [
    L('影响评价结果是相对表达，不预测类别终点的实际影响、是否超过阈值、安全裕度或风险（ISO 14044）。未进行归一化、加权或单一评分。',
      'Impact assessment results are relative expressions: they do not predict effects on category endpoints, the exceeding of thresholds, safety margins or risks (ISO 14044). No normalisation, weighting or single score is computed.'),
  ];
  for (const m of d.impacts) {
    const poor = m.categories.filter((c) => c.coverage.poor);
    if (poor.length) {
      out.push(L(
        `${m.method.name}：${poor.length} 个类别覆盖不足（POOR，计入的清单行不到产品气候结果的 ${formatPercent(0.8, 0)}）：${poor.map((c) => c.name).join('、')}。只给出 CO2e 总量的因子（如 DESNZ、EPA、生态环境部因子）不含基本流，对这些类别是缺口而不是零，其结果只是下限。`,
        `${m.method.name}: ${poor.length} categor${poor.length > 1 ? 'ies have' : 'y has'} poor coverage (POOR: the lines counted carry less than ${formatPercent(0.8, 0)} of the product's climate result): ${poor.map((c) => c.name).join(', ')}. Factors that give a CO2e total only (e.g. DESNZ, EPA, MEE) carry no elementary flows: for these categories they are gaps, not zeros, and the results are lower bounds.`));
    }
    if (m.missingCategories.length) {
      out.push(L(`${m.method.name}：${m.missingCategories.length} 个类别不在随附的方法文件中，未评价（缺口，不是零）：${m.missingCategories.map((x) => x.nameZh ?? x.name).join('、')}。`,
        `${m.method.name}: ${m.missingCategories.length} categor${m.missingCategories.length > 1 ? 'ies are' : 'y is'} not in the bundled method files and not assessed (gaps, not zeros): ${m.missingCategories.map((x) => x.name).join(', ')}.`));
    }
    if (m.unmappedSubstances.length) {
      out.push(L(`${m.method.name}：清单中的以下物质没有对应的基本流，未表征：${m.unmappedSubstances.join('、')}。`,
        `${m.method.name}: these substances of the inventory have no elementary flow and are not characterised: ${m.unmappedSubstances.join(', ')}.`));
    }
    const unchar = m.categories.flatMap((c) => c.coverage.uncharacterised ?? []);
    if (unchar.length) {
      out.push(L(`${m.method.name}：以下温室气体基本流在该方法中没有特征化因子，未计入气候变化结果（未推测）：${unchar.map((u) => `${u.flow} ${num(u.kg)} kg`).join('、')}。`,
        `${m.method.name}: these greenhouse-gas flows have no factor in the method and are left out of climate change (not guessed): ${unchar.map((u) => `${u.flow} ${num(u.kg)} kg`).join(', ')}.`));
    }
    if (m.method.id === 'ef-3.1') {
      out.push(L('所用 EF 3.1 为 JRC ILCD 方法数据集的格式转换版本，不是官方或推荐的 EF 数据集；毒性类别仅有 _inorganics 子指标，不是汇总的 EF 毒性类别。',
        'The EF 3.1 used is a format conversion of the JRC ILCD method data sets, not an official or recommended EF data set; the toxicity categories present are _inorganics sub-indicators only, not the aggregated EF toxicity categories.'));
    }
    if (!m.method.licences) {
      out.push(L(`${m.method.name}：未提供方法文件，报告中缺少该方法的版次和许可信息。`, `${m.method.name}: the method file was not given, so its edition and licence are missing from this report.`));
    }
  }
  if (!d.impacts.length) {
    out.push(L('计算结果不含影响评价（未选择方法）：本报告只有清单。', 'The result has no impact assessment (no method chosen): this report gives the inventories only.'));
  }
  const climate = d.impacts.flatMap((m) => m.categories.filter((c) => c.id === 'climate-change').map((c) => ({ m, c })));
  if (climate.length) {
    out.push(L(
      `各方法的气候变化结果按该方法的特征化因子计算，只给出 CO2e 总量的清单行按其因子自身的 CO2e（IPCC ${d.climate.gwp}）代用，因此与产品碳足迹（${formatKg(d.climate.total.kgCO2e)} kg CO2e，IPCC ${d.climate.gwp}）可能不同：${climate.map(({ m, c }) => `${m.method.name} ${num(c.total)} ${c.unit}`).join('；')}。`,
      `Each method's climate change is computed with that method's factors, lines that give a CO2e total only taking the factor's own CO2e (IPCC ${d.climate.gwp}) as a proxy, so it can differ from the carbon footprint (${formatKg(d.climate.total.kgCO2e)} kg CO2e, IPCC ${d.climate.gwp}): ${climate.map(({ m, c }) => `${m.method.name} ${num(c.total)} ${c.unit}`).join('; ')}.`));
  }
  const cov = d.inventory.coverage;
  if (cov.linesWithoutEmissions.length) {
    const n = cov.linesWithoutEmissions.map((p) => d.lines.find((l) => l.path === p)?.n ?? 0);
    out.push(L(
      `排放清单不完整：${cov.linesWithoutEmissions.length} 行清单（第 ${lineRanges(n)} 行，共 ${num(cov.emissionsUnknownKgCO2e)} kg CO2e，占 ${formatPercent(share(cov.emissionsUnknownKgCO2e, cov.emissionsKnownKgCO2e + cov.emissionsUnknownKgCO2e))}）的因子只给出 CO2e 总量，其排放物质未知，不在排放清单中。`,
      `The emission inventory is incomplete: ${cov.linesWithoutEmissions.length} line${cov.linesWithoutEmissions.length > 1 ? 's' : ''} (lines ${lineRanges(n)}, ${num(cov.emissionsUnknownKgCO2e)} kg CO2e, ${formatPercent(share(cov.emissionsUnknownKgCO2e, cov.emissionsKnownKgCO2e + cov.emissionsUnknownKgCO2e))}) have factors that give a CO2e total only: their substances are unknown and not in the emission inventory.`));
  }
  if (cov.energyWithoutMJ.length) {
    const n = cov.energyWithoutMJ.map((p) => d.lines.find((l) => l.path === p)?.n ?? 0);
    out.push(L(`第 ${lineRanges(n)} 行能源的活动量不是能量单位且数据未给出热值，未计入最终能源 MJ（缺口）。`,
      `Energy on lines ${lineRanges(n)} is not in an energy unit and the data give no heating value: it is not in the final energy MJ (a gap).`));
  }
  out.push(
    L('未计算一次能源（累计能源需求）：因子数据不含一次能源。', 'Primary energy (cumulative energy demand) is not computed: the factor data do not carry it.'),
    L('未进行不确定性分析和敏感性分析；结果为点估计值。', 'No uncertainty or sensitivity analysis was carried out; results are point estimates.'),
    L('使用阶段和报废阶段的数据为情景假设，实际情况会随用户行为和地区变化。', 'Use and end-of-life data are scenarios; actual conditions vary with users and regions.'),
    L('本报告按 ISO 14040/14044 的报告内容组织，未经第三方鉴定性评审，不构成符合性声明，也不宜用于公开的比较性声明。',
      'The report follows the reporting content of ISO 14040/14044 but has not been critically reviewed: it is not a claim of conformity and not suited to comparative assertions disclosed to the public.'),
  );
  if (d.boundary.some((b) => !b.included)) {
    const ex = d.boundary.filter((b) => !b.included).map((b) => stageName(b.stage, lang));
    out.push(L(`以下阶段没有数据、不在系统边界内：${ex.join('、')}。`, `These stages have no data and are outside the boundary: ${ex.join(', ')}.`));
  }
  const codes = [...new Set(d.warnings.map((w) => w.code))];
  for (const code of codes) {
    const e = WARNING_EXPLANATIONS[code];
    if (e) out.push(`${e[lang]}${L('（见第 8 章）', ' (see section 8)')}`);
  }
  out.push(...(options.study?.limitations ?? []));
  return out;
}

const STAGE_SCOPE: Record<Stage, Bi> = {
  design: bi('研发设计活动（样机、试验等）', 'design and development activities (prototypes, testing)'),
  manufacture: bi('原材料获取与预处理、零部件和产品生产（部件材料计入本阶段）', 'raw material acquisition and pre-processing, production of parts and the product (component materials count here)'),
  packaging: bi('包装材料的生产', 'production of packaging materials'),
  transport: bi('产品分销运输', 'distribution of the product'),
  use: bi('产品使用（能耗、耗材、排放）', 'use of the product (energy, consumables, emissions)'),
  endOfLife: bi('废弃产品的收集与处理（回收、焚烧、填埋等）', 'collection and treatment of the discarded product (recycling, incineration, landfill …)'),
};

const CONTENT: Record<string, Bi> = {
  primary: bi('原生', 'primary'),
  recycled: bi('再生', 'recycled'),
  reused: bi('再利用', 'reused'),
};

const ROUTE: Record<string, Bi> = {
  reuse: bi('再使用', 'reuse'),
  recycling: bi('回收利用', 'recycling'),
  energyRecovery: bi('能量回收', 'energy recovery'),
  incineration: bi('焚烧', 'incineration'),
  landfill: bi('填埋', 'landfill'),
  composting: bi('堆肥', 'composting'),
  anaerobicDigestion: bi('厌氧消化', 'anaerobic digestion'),
  unspecified: bi('未指定去向（无处理路径的质量）', 'unrouted (mass no route covers)'),
};

const ENERGY_KIND: Record<string, Bi> = { electricity: bi('电力', 'electricity'), fuel: bi('燃料', 'fuel'), heat: bi('热力', 'heat') };
const COMPARTMENT: Record<string, Bi> = { air: bi('大气', 'air'), water: bi('水体', 'water'), soil: bi('土壤', 'soil'), resource: bi('资源', 'resource') };
const ORIGIN: Record<string, Bi> = { fossil: bi('化石', 'fossil'), biogenic: bi('生物源', 'biogenic') };

/** Build the LCA report: data model plus the document the renderers print. */
export function buildLcaReport(result: CalculationResult, options: LcaReportOptions): LcaReport {
  const data = lcaReportData(result, options);
  return {
    schemaVersion: 1, kind: 'lca', lang: options.lang,
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    generator: { ...REPORT_GENERATOR },
    data,
    document: lcaDocument(data, options),
  };
}

function lcaDocument(d: LcaReportData, options: LcaReportOptions): ReportDocument {
  const lang = options.lang;
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const info = options.study ?? {};
  const inv = d.inventory;
  const fu = d.product.functionalUnit;
  const unitText = `${formatAmount(fu.amount)} ${formatUnit(fu.unit)}${fu.description ? ` (${fu.description})` : ''}`;
  const sep = L('、', ', ');
  const byStageText = (byStage: Record<string, number>) =>
    STAGES.filter((s) => byStage[s] !== undefined).map((s) => `${stageName(s, lang)} ${num(byStage[s]!)}`).join(L('；', '; ')) || '—';
  const linesOf = (paths: readonly string[]) => lineRanges(paths.map((p) => d.lines.find((l) => l.path === p)?.n ?? 0));
  const included = d.boundary.filter((b) => b.included).map((b) => stageName(b.stage, lang)).join(sep) || '—';
  const roundingNote = L(`数值保留 ${d.digits} 位有效数字（JSON 输出保留精确值），合计按未修约值计算。`, `Values are shown to ${d.digits} significant digits (the JSON output keeps exact values); totals are sums of unrounded values.`);
  /** A category figure: the number, "+ gap" when lines were left out, "gap" alone when none was counted. Never a bare zero for a gap. */
  const value = (x: number | undefined, missing: number) => (x === undefined ? L('缺口', 'gap') : missing ? `${num(x)} ${L('+ 缺口', '+ gap')}` : num(x));
  const poorCount = d.impacts.reduce((n, m) => n + m.categories.filter((c) => c.coverage.poor).length, 0);
  const gapCount = d.impacts.reduce((n, m) => n + m.missingCategories.length, 0);

  // Section numbers: 1 general, 2 goal and scope, 3 boundary, 4 data sources, 5 inventory, 6 impacts, 7 lines, 8 warnings, 9 limitations, 10 references.
  const summary: Section = {
    id: 'summary', number: '', heading: L('摘要', 'Summary'),
    blocks: [
      {
        type: 'figures', items: [
          { label: L('材料', 'Materials'), value: num(inv.totals.materialKg), unit: 'kg' },
          { label: L('包装', 'Packaging'), value: num(inv.totals.packagingKg), unit: 'kg' },
          { label: L('电力', 'Electricity'), value: num(inv.totals.electricityKWh), unit: 'kWh' },
          { label: L('最终能源', 'Final energy'), value: num(inv.totals.finalEnergyMJ), unit: 'MJ' },
          { label: L('产品碳足迹', 'Carbon footprint'), value: num(d.climate.total.kgCO2e), unit: `kg CO2e (${d.climate.gwp})`, emphasis: true },
        ],
      },
      {
        type: 'paragraph',
        text: L(
          `${d.product.name}：功能单位为 ${unitText}。系统边界包括${included}。本报告给出材料、能源和排放清单，以及${d.impacts.length ? d.impacts.map((m) => `${m.method.name}（${m.categories.length} 个类别）`).join('、') : '（无影响评价方法）'}的全部影响类别。`,
          `${d.product.name}: functional unit ${unitText}. The boundary covers ${included}. This report gives the material, energy and emission inventories and every impact category of ${d.impacts.length ? d.impacts.map((m) => `${m.method.name} (${m.categories.length} categories)`).join(', ') : '(no impact method)'}.`),
      },
      ...(poorCount ? [{
        type: 'notice' as const, level: 'warning' as const,
        text: L(`${poorCount} 个类别覆盖不足（POOR）：其结果只计入部分清单行，其余为缺口而不是零（见第 6 章）。`,
          `${poorCount} categor${poorCount > 1 ? 'ies have' : 'y has'} POOR coverage: the results count only part of the lines, the rest is a gap, not zero (see section 6).`),
      }] : []),
      ...(gapCount ? [{
        type: 'notice' as const, level: 'warning' as const,
        text: L(`${gapCount} 个方法类别不在随附的方法文件中，未评价（缺口，见第 6 章）。`, `${gapCount} method categor${gapCount > 1 ? 'ies are' : 'y is'} not in the bundled method files and not assessed (gaps, see section 6).`),
      }] : []),
      ...(d.warnings.length ? [{ type: 'notice' as const, level: 'warning' as const, text: L(`计算返回 ${d.warnings.length} 条警告，见第 8 章。`, `The calculation returned ${d.warnings.length} warning${d.warnings.length > 1 ? 's' : ''}; see section 8.`) }] : []),
    ],
  };

  const general = generalSection({
    product: d.product, parties: info, engine: d.engine, generatedAt: options.generatedAt,
    period: [L('数据基准年', 'Reference year'), d.product.year !== undefined ? L(`${d.product.year}年`, String(d.product.year)) : L('未说明', 'not stated')],
    standards: 'ISO 14040:2006; ISO 14044:2006; GB/T 24040-2008; GB/T 24044-2008',
    closing: [[L('鉴定性评审', 'Critical review'), info.review ?? L('未进行', 'none')]],
  }, lang);

  const rf = d.referenceFlow;
  const goal: Section = {
    id: 'goal', number: '2', heading: L('目的与范围', 'Goal and scope'),
    blocks: [{
      type: 'fields', rows: [
        [L('研究目的', 'Goal'), info.goal ?? L('量化产品生命周期的材料、能源和排放清单及各环境影响类别，识别改进重点，支持绿色设计（GB/T 32161）。', 'Quantify the life-cycle material, energy and emission inventories and every environmental impact category of the product, find where to improve, and support eco-design (GB/T 32161).')],
        [L('预期用途', 'Intended application'), info.intendedApplication ?? L('企业内部改进与绿色设计。', 'Internal improvement and eco-design.')],
        [L('目标受众', 'Audience'), info.audience ?? L('企业管理和设计人员。', 'Company management and designers.')],
        [L('功能单位', 'Functional unit'), unitText],
        [L('基准流', 'Reference flow'), L(
          `每功能单位 ${formatAmount(rf.amount)} ${formatUnit(rf.unit)} 产品：材料 ${num(rf.materialKg)} kg（${rf.components} 个部件条目），包装 ${num(rf.packagingKg)} kg`,
          `${formatAmount(rf.amount)} ${formatUnit(rf.unit)} of product per functional unit: ${num(rf.materialKg)} kg of material (${rf.components} component entries), ${num(rf.packagingKg)} kg of packaging`)],
        [L('结果单位', 'Unit of results'), L('每功能单位', 'per functional unit')],
        [L('影响评价方法', 'Impact methods'), d.impacts.map((m) => `${m.method.name} (${m.method.id} ${m.method.version})`).join(L('；', '; ')) || L('无', 'none')],
      ],
    }],
  };

  const boundary: Section = {
    id: 'boundary', number: '3', heading: L('系统边界', 'System boundary'),
    blocks: [
      { type: 'paragraph', text: L('系统边界按六个生命周期阶段划分；有清单数据的阶段纳入边界，无数据的阶段列为排除。', 'The boundary is divided into six life-cycle stages; stages with inventory data are inside it, stages without data are listed as excluded.') },
      {
        type: 'table', id: 'boundary', columns: [
          { label: L('生命周期阶段', 'Life-cycle stage'), width: 1.2 }, { label: L('覆盖内容', 'What it covers'), width: 3 },
          { label: L('清单行数', 'Lines'), align: 'right', width: 0.6 }, { label: L('是否纳入', 'Included'), align: 'center', width: 0.8 },
        ],
        rows: d.boundary.map((b) => [stageName(b.stage, lang), STAGE_SCOPE[b.stage][lang], String(b.lines), b.included ? L('纳入', 'yes') : L('排除（无数据）', 'no (no data)')]),
        tones: d.boundary.map((b) => (b.included ? 'neutral' : 'warn')),
      },
    ],
  };

  const licenceText = (l: Licence | { id: string }) => ('name' in l ? `${l.id}: ${l.name}${l.url ? ` (${l.url})` : ''}` : l.id);
  const methodBlocks: Block[] = d.impacts.map((m): Block => ({
    type: 'fields', rows: [
      [L('方法', 'Method'), `${m.method.name} (${m.method.id}, ${L('文件版本', 'file version')} ${m.method.version})`],
      [L('发布版次', 'Edition'), m.method.edition ?? L('未提供（无方法文件）', 'not given (no method file)')],
      [L('发布者', 'Publisher'), m.method.publisher ?? '—'],
      [L('许可', 'Licence'), m.method.licences?.map(licenceText).join('\n') ?? L('未提供（无方法文件）', 'not given (no method file)')],
      [L('署名（原文）', 'Attribution (verbatim)'), m.method.licences?.map((l) => l.attribution).join('\n\n') ?? '—'],
    ],
  }));
  const sources: Section = {
    id: 'data', number: '4', heading: L('数据来源', 'Data sources'), blocks: [],
    subsections: [
      {
        id: 'data-datasets', number: '4.1', heading: L('因子数据集', 'Factor datasets'),
        blocks: [{
          type: 'table', id: 'datasets', columns: [
            { label: L('数据集', 'Dataset'), width: 1.6 }, { label: L('版本 / 版次', 'Version / edition'), width: 1.6 },
            { label: L('许可与署名', 'Licence and attribution'), width: 3 }, { label: L('引用的清单行', 'Lines'), align: 'right', width: 0.8 },
          ],
          rows: d.datasets.map((s) => [
            [s.id, s.title, s.publisher].filter(Boolean).join('\n'), `${s.version}\n${s.edition}`,
            s.licences.map((l) => ('attribution' in l ? `${licenceText(l)}\n${l.attribution}` : l.id)).join('\n') || '—',
            s.lines.length ? lineRanges(s.lines) : L('GWP 值', 'GWP values'),
          ]),
          note: L('清单行编号见第 7 章，来源编号见第 10 章。', 'Line numbers refer to section 7, source numbers to section 10.'),
        }],
      },
      {
        id: 'data-methods', number: '4.2', heading: L('影响评价方法', 'Impact assessment methods'),
        blocks: methodBlocks.length ? methodBlocks : [{ type: 'paragraph', text: L('未选择影响评价方法。', 'No impact method was chosen.') }],
      },
    ],
  };

  // 5 Inventory
  const materials = inv.materials.filter((m) => m.class === 'material');
  const packaging = inv.materials.filter((m) => m.class === 'packaging');
  const materialTable = (id: string, rows: typeof inv.materials, total: number): TableBlock => ({
    type: 'table', id, columns: [
      { label: L('材料（因子）', 'Material (factor)'), width: 3 }, { label: L('来源类型', 'Content'), width: 0.8 },
      { label: 'kg', align: 'right', width: 0.8 }, { label: L('部件', 'Components'), width: 1.4 }, { label: L('清单行', 'Lines'), width: 0.8 },
    ],
    rows: rows.map((m) => [`${m.name}\n${m.factor}`, m.content ? CONTENT[m.content]![lang] : L('未说明', 'not stated'), num(m.amount), Object.keys(m.byComponent).join(sep) || '—', linesOf(m.lines)]),
    footer: [[L('合计', 'Total'), '', num(total), '', '']],
  });
  const contentRows = (['primary', 'recycled', 'reused', undefined] as const).map((c) => {
    const kg = inv.materials.filter((m) => m.class === 'material' && m.content === c).reduce((a, m) => a.plus(m.amount), new Decimal(0)).toNumber();
    const pk = inv.materials.filter((m) => m.class === 'packaging' && m.content === c).reduce((a, m) => a.plus(m.amount), new Decimal(0)).toNumber();
    return { c, kg, pk };
  }).filter((r) => r.kg !== 0 || r.pk !== 0);
  const eolTotal = inv.endOfLife.reduce((a, e) => a.plus(e.amount), new Decimal(0)).toNumber();
  const unrouted = inv.endOfLife.find((e) => e.route === 'unspecified');
  const electricity = inv.energy.filter((e) => e.kind === 'electricity');
  const otherEnergy = inv.energy.filter((e) => e.kind !== 'electricity');
  const energyRow = (e: (typeof inv.energy)[number]) => [
    `${e.carrier}\n${e.factor}`, ENERGY_KIND[e.kind]![lang], e.region ?? '—', `${num(e.amount)} ${formatUnit(e.unit)}`,
    e.finalMJ === undefined ? L('缺口（无热值）', 'gap (no heating value)') : num(e.finalMJ),
    e.basis ? (e.basis.startsWith('net') ? L('低位热值', 'net CV') : e.basis.startsWith('gross') ? L('高位热值', 'gross CV') : e.basis) : '—',
    byStageText(e.byStage), linesOf(e.lines),
  ];
  const energyColumns = [
    { label: L('能源（因子）', 'Carrier (factor)'), width: 2.4 }, { label: L('类型', 'Kind'), width: 0.8 }, { label: L('地区', 'Region'), width: 0.55 },
    { label: L('数量', 'Amount'), align: 'right' as const, width: 0.9 }, { label: L('最终能源 MJ', 'Final MJ'), align: 'right' as const, width: 0.9 },
    { label: L('热值基准', 'CV basis'), width: 0.6 }, { label: L('按阶段', 'By stage'), width: 1.3 }, { label: L('清单行', 'Lines'), width: 0.6 },
  ];
  const inventorySection: Section = {
    id: 'inventory', number: '5', heading: L('生命周期清单', 'Life-cycle inventory'),
    blocks: [{ type: 'paragraph', text: L(`清单数值为每功能单位，由引擎对各清单行精确求和；${roundingNote}`, `Inventory values are per functional unit, exact sums of the lines by the engine. ${roundingNote}`) }],
    subsections: [
      {
        id: 'inventory-materials', number: '5.1', heading: L('材料清单', 'Materials'),
        blocks: [
          materials.length
            ? { ...materialTable('materials', materials, inv.totals.materialKg), caption: L('产品材料（不含包装）', 'Product materials (packaging apart)') }
            : { type: 'paragraph', text: L('没有材料清单行。', 'No material lines.') },
          packaging.length
            ? { ...materialTable('packaging', packaging, inv.totals.packagingKg), caption: L('包装材料', 'Packaging') }
            : { type: 'paragraph', text: L('没有包装材料。', 'No packaging material.') },
          ...(contentRows.length ? [{
            type: 'table' as const, id: 'material-content', caption: L('原生、再生与再利用材料', 'Primary, recycled and reused material'),
            columns: [{ label: L('来源类型', 'Content'), width: 2 }, { label: L('材料 kg', 'Material kg'), align: 'right' as const }, { label: L('包装 kg', 'Packaging kg'), align: 'right' as const }],
            rows: contentRows.map((r) => [r.c ? CONTENT[r.c]![lang] : L('未说明（因子未注明）', 'not stated (the factor does not say)'), num(r.kg), num(r.pk)]),
            footer: [[L('合计', 'Total'), num(inv.totals.materialKg), num(inv.totals.packagingKg)]],
            note: L('来源类型取自因子的名称或编号（如 DESNZ 的 primary / closed-loop source / re-used）。', 'Content is taken from the factor\'s name or id (e.g. DESNZ primary / closed-loop source / re-used).'),
          }] : []),
        ],
      },
      {
        id: 'inventory-eol', number: '5.2', heading: L('报废去向', 'End of life by route'),
        blocks: inv.endOfLife.length ? [{
          type: 'table', id: 'end-of-life', columns: [
            { label: L('处理路径', 'Route'), width: 2 }, { label: L('处理因子', 'Treatment factor'), width: 1 },
            { label: 'kg', align: 'right', width: 0.8 }, { label: L('部件', 'Components'), width: 2 }, { label: L('清单行', 'Lines'), width: 1 },
          ],
          rows: inv.endOfLife.map((e) => [ROUTE[e.route]?.[lang] ?? e.route, e.withFactor ? L('有', 'yes') : L('无（计质量，不表征）', 'none (mass counted, not characterised)'), num(e.amount), Object.keys(e.byComponent).join(sep) || '—', e.lines.length ? linesOf(e.lines) : '—']),
          tones: inv.endOfLife.map((e) => (e.route === 'unspecified' || !e.withFactor ? 'warn' : 'neutral')),
          footer: [[L('合计', 'Total'), '', num(eolTotal), '', '']],
          note: unrouted
            ? L(`${num(unrouted.amount)} kg 材料没有报废处理路径（未指定去向），报废阶段不完整。`, `${num(unrouted.amount)} kg of material has no end-of-life route (unrouted): the end-of-life stage is incomplete.`)
            : L('全部部件材料质量都有报废处理路径。', 'All component material mass has an end-of-life route.'),
        }] : [{ type: 'paragraph', text: L('没有报废处理数据。', 'No end-of-life data.') }],
      },
      {
        id: 'inventory-energy', number: '5.3', heading: L('能源清单', 'Energy'),
        blocks: inv.energy.length ? [
          ...(electricity.length ? [{ type: 'table' as const, id: 'electricity', caption: L('电力（按电网）', 'Electricity by grid'), columns: energyColumns, rows: electricity.map(energyRow), footer: [[L('电力合计', 'Electricity total'), '', '', `${num(inv.totals.electricityKWh)} kWh`, '', '', '', '']] }] : []),
          ...(otherEnergy.length ? [{ type: 'table' as const, id: 'fuels', caption: L('燃料与热力', 'Fuels and heat'), columns: energyColumns, rows: otherEnergy.map(energyRow) }] : []),
          {
            type: 'fields', rows: [
              [L('最终能源合计', 'Final energy total'), `${num(inv.totals.finalEnergyMJ)} MJ`],
              [L('换算方法', 'How derived'), L('活动量为能量单位（kWh、MJ 等）时按单位换算为 MJ（1 kWh = 3.6 MJ）；以升、千克等计量且数据未给出热值的燃料不换算。', 'Amounts in an energy unit (kWh, MJ …) are converted to MJ by their unit (1 kWh = 3.6 MJ); fuels counted in litres, kilograms … with no heating value in the data are not converted.')],
              [L('无热值的能源', 'Energy without a heating value'), inv.coverage.energyWithoutMJ.length ? L(`第 ${linesOf(inv.coverage.energyWithoutMJ)} 行：未计入最终能源（缺口）`, `lines ${linesOf(inv.coverage.energyWithoutMJ)}: not in the final energy (a gap)`) : L('无', 'none')],
              [L('一次能源', 'Primary energy'), L('未计算（因子数据不含累计能源需求）', 'not computed (the factor data carry no cumulative energy demand)')],
            ],
          },
        ] : [{ type: 'paragraph', text: L('没有能源清单行。', 'No energy lines.') }],
      },
      {
        id: 'inventory-emissions', number: '5.4', heading: L('排放清单', 'Emissions'),
        blocks: [
          inv.emissions.length ? {
            type: 'table', id: 'emissions', columns: [
              { label: L('物质', 'Substance'), width: 2 }, { label: L('去向', 'To'), width: 0.7 }, { label: L('来源', 'Origin'), width: 0.7 },
              { label: L('数量', 'Amount'), align: 'right', width: 1 }, { label: L('按阶段', 'By stage'), width: 2.2 }, { label: L('清单行', 'Lines'), width: 0.8 },
            ],
            rows: inv.emissions.map((e) => [
              `${e.substance}${e.flow ? `\n${e.flow}` : ''}`, COMPARTMENT[e.compartment]![lang], e.origin ? ORIGIN[e.origin]![lang] : '—',
              `${num(e.amount)} ${formatUnit(e.unit)}`, byStageText(e.byStage), linesOf(e.lines),
            ]),
          } : { type: 'paragraph', text: L('排放清单为空：没有清单行给出分物质的排放。', 'The emission inventory is empty: no line gives emissions substance by substance.') },
          inv.coverage.linesWithoutEmissions.length
            ? {
              type: 'notice', level: 'warning', text: L(
                `排放清单只含因子分物质给出的排放（${num(inv.coverage.emissionsKnownKgCO2e)} kg CO2e）。第 ${linesOf(inv.coverage.linesWithoutEmissions)} 行（${num(inv.coverage.emissionsUnknownKgCO2e)} kg CO2e）的因子只给出 CO2e 总量，其排放物质未知：这是缺口，不是零。`,
                `The emission inventory holds the emissions the factors give substance by substance (${num(inv.coverage.emissionsKnownKgCO2e)} kg CO2e). Lines ${linesOf(inv.coverage.linesWithoutEmissions)} (${num(inv.coverage.emissionsUnknownKgCO2e)} kg CO2e) have factors that give a CO2e total only, so their substances are unknown: a gap, not zero.`),
            }
            : { type: 'paragraph', text: L('所有清单行的排放均按物质给出。', 'Every line gives its emissions substance by substance.') },
        ],
      },
    ],
  };

  // 6 Impact assessment
  const impactSubs: Section[] = d.impacts.map((m, mi) => {
    const base = `6.${mi + 1}`;
    const untranslated = m.categories.some((c) => !c.translated);
    const mark = (c: LcaCategory) => (c.translated ? c.name : `${c.name} *`);
    const untranslatedNote = L('* 方法文件未给出该类别的中文名称，保留英文原名。', '');
    const statusText = (c: LcaCategory) => (c.gap
      ? L('缺口：没有清单行可计算该类别', 'gap: no line can be counted for this category')
      : c.coverage.poor ? L('覆盖不足（POOR）', 'POOR coverage') : L('覆盖充分', 'adequate'));
    const proxyLines = (c: LcaCategory) => (c.coverage.proxyShareOfClimate ? Math.max(0, c.countedLines - c.coverage.lines) : 0);
    const countedText = (c: LcaCategory) => `${c.coverage.lines} / ${c.coverage.of}${proxyLines(c) ? L(`（另 ${proxyLines(c)} 行代用）`, ` (+${proxyLines(c)} proxy)`) : ''}`;
    const coverageText = (c: LcaCategory) => `${formatPercent(c.coverage.shareOfClimate)}${c.coverage.proxyShareOfClimate ? L(` + 代用 ${formatPercent(c.coverage.proxyShareOfClimate)}`, ` + proxy ${formatPercent(c.coverage.proxyShareOfClimate)}`) : ''}`;
    const overview: TableBlock = {
      type: 'table', id: `impacts-${m.method.id}`, caption: L(`${m.method.name} 各影响类别结果（每功能单位）`, `${m.method.name}: every category (per functional unit)`),
      columns: [
        { label: L('影响类别', 'Category'), width: 2.6 }, { label: L('结果', 'Result'), align: 'right', width: 1 }, { label: L('单位', 'Unit'), width: 1.1 },
        { label: L('计入行数', 'Lines counted'), align: 'right', width: 0.7 }, { label: L('覆盖（占气候结果）', 'Coverage (of climate)'), align: 'right', width: 1.1 },
        { label: L('状态', 'Status'), width: 1.2 },
      ],
      rows: [
        ...m.categories.map((c) => [mark(c), value(c.gap ? undefined : c.total, c.missingLines.length), c.unit, countedText(c), coverageText(c), statusText(c)]),
        ...m.missingCategories.map((x) => [x.name, L('缺口', 'gap'), x.unit ?? '—', '—', '—', L('未评价：不在方法文件中', 'not assessed: not in the method files')]),
      ],
      tones: [
        ...m.categories.map((c) => (c.gap || c.coverage.poor ? 'warn' as const : 'neutral' as const)),
        ...m.missingCategories.map(() => 'fail' as const),
      ],
      note: [
        L('覆盖 = 计入该类别的清单行（其因子给出基本流）占产品气候结果（|kg CO2e|）的份额；低于 80 % 标为 POOR，其结果只是下限，未计入的行是缺口而不是零。“代用”为只给出 CO2e 总量的行按其因子自身的 CO2e 计入气候变化的份额。',
          'Coverage = share of the product\'s climate result (|kg CO2e|) carried by the lines counted for the category (their factor gives elementary flows); below 80 % it is flagged POOR and the result is a lower bound: the lines left out are gaps, not zeros. "Proxy" is the share of lines that give a CO2e total only, counted in climate change at their factor\'s own CO2e.'),
        roundingNote,
        untranslated ? untranslatedNote : '',
      ].filter(Boolean).join(' '),
    };
    const catSections: Section[] = m.categories.map((c, ci) => {
      const blocksOf: Block[] = [
        {
          type: 'fields', rows: [
            [L('结果', 'Result'), c.gap ? L('缺口（没有清单行可计算，不是零）', 'gap (no line can be counted; not zero)') : `${num(c.total)} ${c.unit}${c.missingLines.length ? L(' + 缺口（不完整，是下限）', ' + gap (incomplete: a lower bound)') : ''}`],
            [L('覆盖', 'Coverage'), L(
              `按基本流计入 ${c.coverage.lines} / ${c.coverage.of} 行，占气候结果 ${formatPercent(c.coverage.shareOfClimate)}${proxyLines(c) ? `；另 ${proxyLines(c)} 行（${formatPercent(c.coverage.proxyShareOfClimate!)}）按因子自身 CO2e 代用` : ''}`,
              `${c.coverage.lines} of ${c.coverage.of} lines counted through elementary flows, ${formatPercent(c.coverage.shareOfClimate)} of the climate result${proxyLines(c) ? `; ${proxyLines(c)} more lines (${formatPercent(c.coverage.proxyShareOfClimate!)}) at their factor's own CO2e as a proxy` : ''}`)],
            [L('未计入的清单行（缺口）', 'Lines left out (gaps)'), c.missingLines.length ? L(`第 ${lineRanges(c.missingLines)} 行（因子只给出 CO2e 总量）`, `lines ${lineRanges(c.missingLines)} (their factor gives a CO2e total only)`) : L('无', 'none')],
            ...(c.coverage.uncharacterised?.length ? [[L('未表征的温室气体', 'Uncharacterised greenhouse gases'),
              L(`${c.coverage.uncharacterised.map((u) => `${u.flow} ${num(u.kg)} kg`).join('、')}：方法中没有该基本流的因子，未计入（未推测）`,
                `${c.coverage.uncharacterised.map((u) => `${u.flow} ${num(u.kg)} kg`).join(', ')}: the method has no factor for the flow, left out (not guessed)`)] as [string, string]] : []),
            [L('特征化因子来源', 'Characterisation factors'), c.source],
          ],
        },
      ];
      if (c.coverage.poor || c.gap) {
        blocksOf.push({
          type: 'notice', level: 'warning', text: L(
            `覆盖不足（POOR）：该类别只计入占气候结果 ${formatPercent(c.coverage.shareOfClimate)} 的清单行，${c.missingLines.length} 行未计入；结果是下限，不是完整结果。`,
            `POOR coverage: this category counts only lines carrying ${formatPercent(c.coverage.shareOfClimate)} of the climate result; ${c.missingLines.length} line${c.missingLines.length === 1 ? ' is' : 's are'} left out; the result is a lower bound, not a complete result.`),
        });
      }
      blocksOf.push({
        type: 'table', id: `stages-${m.method.id}-${c.id}`, caption: L('按生命周期阶段', 'By life-cycle stage'),
        columns: [
          { label: L('阶段', 'Stage'), width: 1.4 }, { label: c.unit, align: 'right', width: 1.2 },
          { label: L('计入行数', 'Lines counted'), align: 'right', width: 0.8 }, { label: L('未计入行数（缺口）', 'Lines left out (gap)'), align: 'right', width: 1 },
        ],
        rows: c.byStage.map((s) => [
          stageName(s.stage, lang),
          s.value !== undefined ? value(s.value, s.missing) : s.missing ? L('缺口', 'gap') : '—',
          String(s.counted), String(s.missing),
        ]),
        tones: c.byStage.map((s) => (s.missing ? 'warn' : 'neutral')),
        footer: [[L('合计', 'Total'), value(c.gap ? undefined : c.total, c.missingLines.length), String(c.countedLines), String(c.missingLines.length)]],
        note: L('“—”表示该阶段没有清单行；“缺口”表示该阶段的清单行都没有该类别的因子；“+ 缺口”表示数值只含计入的行，其余行未计入。', '"—": the stage has no lines; "gap": none of the stage\'s lines has a factor for the category; "+ gap": the value counts some lines only, the others are left out.'),
      });
      blocksOf.push(c.top.length ? {
        type: 'table', id: `top-${m.method.id}-${c.id}`, caption: L('主要贡献清单行', 'Top contributing lines'),
        columns: [
          { label: '#', align: 'right', width: 0.35 }, { label: L('清单项', 'Line'), width: 2.6 }, { label: L('因子', 'Factor'), width: 2 },
          { label: c.unit, align: 'right', width: 1 }, { label: L('占比', 'Share'), align: 'right', width: 0.7 }, { label: L('来源', 'Ref.'), align: 'center', width: 0.5 },
        ],
        rows: c.top.map((t) => {
          const line = d.lines[t.n - 1];
          return [String(t.n), line?.label ?? t.path, line?.factor ?? line?.substance ?? '', num(t.value), formatPercent(t.share), `[${t.ref}]`];
        }),
        note: L('占比为该行绝对值占各行绝对值之和的份额；清单行见第 7 章，来源见第 10 章。', 'Share of the sum of absolute line values; lines in section 7, sources in section 10.'),
      } : { type: 'paragraph', text: L('没有清单行对该类别有非零贡献。', 'No line contributes a non-zero value to this category.') });
      return { id: `impact-${m.method.id}-${c.id}`, number: `${base}.${ci + 1}`, heading: c.translated ? c.name : `${c.name}${L('（英文原名）', '')}`, blocks: blocksOf };
    });
    const unchar = m.categories.flatMap((c) => (c.coverage.uncharacterised ?? []).map((u) => ({ c, u })));
    const gaps: Section = {
      id: `impact-${m.method.id}-gaps`, number: `${base}.${m.categories.length + 1}`, heading: L('缺口', 'Gaps'),
      blocks: [
        m.missingCategories.length ? {
          type: 'table', id: `missing-${m.method.id}`, caption: L('未评价的类别（不在方法文件中）', 'Categories not assessed (not in the method files)'),
          columns: [{ label: L('类别', 'Category'), width: 2 }, { label: L('单位', 'Unit'), width: 0.8 }, { label: L('原因（原文）', 'Reason'), width: 4 }],
          rows: m.missingCategories.map((x) => [x.name, x.unit ?? '—', x.reason]),
          tones: m.missingCategories.map(() => 'fail' as const),
          note: L('这些类别的结果是缺口，不是零。', 'Results for these categories are gaps, not zeros.'),
        } : { type: 'paragraph', text: L('方法文件包含该方法的全部类别。', 'The method file holds every category of the method.') },
        {
          type: 'fields', rows: [
            [L('未映射的物质', 'Unmapped substances'), m.unmappedSubstances.length ? L(`${m.unmappedSubstances.join('、')}：没有对应的基本流，未表征`, `${m.unmappedSubstances.join(', ')}: no elementary flow, not characterised`) : L('无', 'none')],
            [L('未表征的温室气体', 'Uncharacterised greenhouse gases'), unchar.length
              ? unchar.map(({ c, u }) => `${mark(c)}: ${u.flow} ${num(u.kg)} kg`).join('\n')
              : L('无', 'none')],
          ],
        },
      ],
    };
    return {
      id: `impact-${m.method.id}`, number: base, heading: L(`${m.method.name} 方法结果`, `${m.method.name} results`),
      blocks: [overview],
      subsections: [...catSections, gaps],
    };
  });
  const impactsSection: Section = {
    id: 'impacts', number: '6', heading: L('生命周期影响评价', 'Life-cycle impact assessment'),
    blocks: [{
      type: 'paragraph', text: d.impacts.length
        ? L('每个方法的全部类别：结果、单位、按阶段、主要贡献清单行和覆盖。只给出 CO2e 总量的因子不含基本流，对非气候类别是缺口。', 'Every category of each method: result, unit, by stage, top contributing lines and coverage. Factors that give a CO2e total only carry no elementary flows and are gaps for the non-climate categories.')
        : L('计算结果不含影响评价：计算时未选择方法（--method）。', 'The result has no impact assessment: no method was chosen when calculating (--method).'),
    }],
    subsections: impactSubs,
  };

  const linesSection: Section = {
    id: 'lines', number: '7', heading: L('清单行与因子', 'Lines and factors'),
    blocks: [
      { type: 'paragraph', text: L('各章引用的清单行编号；每行的活动量、因子与来源（[n] 为第 10 章参考文献编号）。kg CO2e 为该行的气候结果（产品碳足迹）。', 'The line numbers cited in every section: each line\'s amount, factor and source ([n] is the reference number in section 10). kg CO2e is the line\'s climate result (the carbon footprint).') },
      {
        type: 'table', id: 'lines', columns: [
          { label: '#', align: 'right', width: 0.35 }, { label: L('阶段', 'Stage'), width: 0.9 }, { label: L('清单项', 'Line'), width: 2.2 },
          { label: L('因子', 'Factor'), width: 2 }, { label: L('活动量', 'Amount'), align: 'right', width: 1.1 }, { label: 'kg CO2e', align: 'right', width: 0.9 },
          { label: L('来源', 'Ref.'), align: 'center', width: 0.5 },
        ],
        rows: d.lines.map((l) => [
          String(l.n), stageName(l.stage, lang), `${l.label}${l.kind !== 'inventory' ? ` · ${LINE_KIND[l.kind]![lang]}` : ''}`,
          l.factor ?? l.substance ?? '', `${formatAmount(l.amount.value)} ${formatUnit(l.amount.unit)}`, num(l.kgCO2e), `[${l.ref}]`,
        ]),
        footer: [['', L('合计', 'Total'), '', '', '', num(d.climate.total.kgCO2e), '']],
      },
    ],
  };

  const warnings: Section = {
    id: 'warnings', number: '8', heading: L('警告', 'Warnings'),
    blocks: d.warnings.length
      ? [{
        type: 'table', id: 'warnings', columns: [{ label: L('代码', 'Code'), width: 1.75 }, { label: L('位置', 'Where'), width: 1.1 }, { label: L('说明', 'What it means'), width: 4 }],
        rows: d.warnings.map((w) => [w.code, w.path ?? '', [w.explanation, w.message, w.hint ? `${L('建议', 'Fix')}: ${w.hint}` : ''].filter(Boolean).join('\n')]),
        tones: d.warnings.map(() => 'warn' as const),
      }]
      : [{ type: 'paragraph', text: L('计算未返回警告。', 'The calculation returned no warnings.') }],
  };

  const limits: Section = { id: 'limitations', number: '9', heading: L('局限性与解释', 'Limitations and interpretation'), blocks: [{ type: 'list', items: d.limitations }] };

  const refs: Section = {
    id: 'references', number: '10', heading: L('参考文献', 'References'),
    blocks: [
      {
        type: 'table', id: 'citations', caption: L('因子来源', 'Factor sources'), columns: [
          { label: '[n]', align: 'right', width: 0.4 }, { label: L('来源', 'Source'), width: 3.2 }, { label: L('数据集 / 版本', 'Dataset / version'), width: 1.2 },
          { label: L('地区 / 年份', 'Region / year'), width: 0.9 }, { label: L('许可', 'Licence'), width: 0.8 }, { label: L('使用的因子', 'Factors used'), width: 1.8 },
        ],
        rows: d.citations.map((c) => [
          `[${c.n}]`, `${c.citation}${c.url ? `\n${c.url}` : ''}`,
          c.dataset ? `${c.dataset} ${c.datasetVersion ?? ''}`.trim() : L('自定义（初级数据）', 'custom (primary data)'),
          [c.region, c.year].filter((x) => x !== undefined).join(' / ') || '—', c.licence ?? '—', c.factors.join(', '),
        ]),
      },
      ...(d.impacts.length ? [{
        type: 'table' as const, id: 'method-sources', caption: L('特征化因子来源', 'Characterisation factor sources'),
        columns: [{ label: L('方法', 'Method'), width: 0.8 }, { label: L('类别', 'Category'), width: 1.6 }, { label: L('来源', 'Source'), width: 4 }],
        rows: d.impacts.flatMap((m) => m.categories.map((c) => [m.method.name, c.translated ? c.name : `${c.name} *`, c.source])),
        ...(d.impacts.some((m) => m.categories.some((c) => !c.translated)) ? { note: L('* 方法文件未给出该类别的中文名称，保留英文原名。', '') } : {}),
      }] : []),
    ],
  };

  return {
    lang,
    title: L('生命周期评价报告', 'Life Cycle Assessment Report'),
    subtitle: d.product.name,
    meta: [
      [L('产品', 'Product'), `${d.product.name} (${d.product.id})`],
      [L('功能单位', 'Functional unit'), unitText],
      [L('影响评价方法', 'Impact methods'), d.impacts.map((m) => m.method.name).join(L('、', ', ')) || L('无', 'none')],
      [L('报告日期', 'Date'), formatDate(options.generatedAt, lang)],
      [L('计算工具', 'Tool'), `${d.engine.name} ${d.engine.version} · ${REPORT_GENERATOR.name} ${REPORT_GENERATOR.version}`],
    ],
    sections: [summary, general, goal, boundary, sources, inventorySection, impactsSection, linesSection, warnings, limits, refs],
    footer: L(`${d.product.name} · 生命周期评价报告 · GreenLCA`, `${d.product.name} · Life cycle assessment report · GreenLCA`),
  };
}

import type { CalculationResult } from '@greenlca/schema';
import { factorsInWarning } from '@greenlca/pact';
import { Decimal } from 'decimal.js';
import type { Lang } from '../document.js';
import { formatCo2e, formatPercent, share } from '../format.js';
import { stageName, WARNING_EXPLANATIONS, type Bi } from '../i18n.js';
import type { CfpReportData } from './types.js';

/** @module The limitations a CFP report states, generated from what the data shows (ISO 14067 interpretation). */

type Counted = 'factor' | 'component' | 'line';
const COUNTED_WARNINGS: [string, Counted][] = [
  ['CO2_ONLY_FACTOR', 'factor'], ['EOL_NOT_MODELLED', 'component'], ['UNCITED_CUSTOM_FACTOR', 'factor'], ['NEGATIVE_AMOUNT', 'line'], ['NEGATIVE_FACTOR', 'factor'], ['EOL_NOT_TREATMENT', 'line'],
  ['FACTOR_REGION_MISMATCH', 'factor'], ['FACTOR_YEAR_DISTANT', 'factor'],
];
const COUNT_NOUNS: Record<Counted, Bi> = { factor: { zh: '个因子', en: 'factor' }, component: { zh: '个部件', en: 'component' }, line: { zh: '行清单', en: 'line' } };

/** The factors of lines with a part not split by origin (factors given only as a CO2e total). */
function unsplitFactors(result: CalculationResult): number {
  const ids = new Set<string>();
  for (const l of result.lines) if (l.notSplitKgCO2e !== 0) ids.add(l.factor ?? l.substance ?? l.path);
  return ids.size;
}

export function limitations(d: CfpReportData, result: CalculationResult, lang: Lang): string[] {
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const unsplit = { factors: d.origin.notSplitKgCO2e === 0 ? 0 : unsplitFactors(result) };
  const out: string[] = [
    L('本报告只评价气候变化一个影响类别（GWP100），不反映其他环境、社会或经济影响（GB/T 24067-2024 范围）。',
      'Only the climate-change impact category (GWP100) is assessed; other environmental, social and economic impacts are not (scope of GB/T 24067-2024 and ISO 14067).'),
    L(`特征化因子为 IPCC ${d.gwp.set} 的 100 年全球变暖潜势；未报告 GWP20、GTP 等其他指标。${d.gwp.asPublished.map((b) => `${b.count} 个因子仅以 IPCC ${b.basis} 的 CO2e 给出且未分气体，按发布值使用，未按 ${d.gwp.set} 重新表征（见第 6 章）。`).join('')}`,
      `Characterisation uses IPCC ${d.gwp.set} 100-year GWPs; other metrics (GWP20, GTP) are not reported.${d.gwp.asPublished.map((b) => ` ${b.count} factor${b.count > 1 ? 's' : ''} given only as CO2e in IPCC ${b.basis}, with no split by gas, ${b.count > 1 ? 'are' : 'is'} used as published, not re-characterised with ${d.gwp.set} (see section 6).`).join('')}`),
    L(`生物源排放（生物源 CO2，以及生物质燃烧或降解产生的 CH4 和 N2O）仅在因子标明来自生物质时单独列出；以 CO2e 总量给出的因子无法拆分化石与生物源${unsplit.factors ? `：本报告中 ${unsplit.factors} 个这样的因子共 ${formatCo2e(d.origin.notSplitKgCO2e)} kg CO2e（${formatPercent(share(d.origin.notSplitKgCO2e, d.total.kgCO2e))}），列为“未区分来源”（见 7.1），不计入化石来源` : ''}。生物源 CO2 吸收仅在因子以负的生物源 CO2 给出时计入；碳储存、直接/间接土地利用变化（dLUC/iLUC）和航空运输排放未单独量化。`,
      `Biogenic emissions (biogenic CO2, and CH4 and N2O from burning or degrading biomass) are separated only where a factor says it comes from biomass; factors given as CO2e totals cannot be split into fossil and biogenic${unsplit.factors ? `: here ${unsplit.factors} such factor${unsplit.factors > 1 ? 's' : ''} give ${formatCo2e(d.origin.notSplitKgCO2e)} kg CO2e (${formatPercent(share(d.origin.notSplitKgCO2e, d.total.kgCO2e))}), shown as "not split by origin" (see 7.1), not as fossil` : ''}. Biogenic CO2 uptake counts only where a factor gives it as negative biogenic CO2; carbon storage, direct and indirect land-use change (dLUC/iLUC) and aircraft emissions are not quantified separately.`),
    L('使用阶段和报废阶段的数据为情景假设（使用次数、寿命、处理路径），实际排放会随用户行为和地区变化。',
      'Use and end-of-life data are scenarios (use pattern, lifetime, treatment routes); actual emissions vary with users and regions.'),
    L('碳抵消不计入本碳足迹。', 'Offsets are not included in the footprint.'),
    L('本报告按 ISO 14067:2018、GB/T 24067-2024 和 GHG Protocol 产品标准的报告内容组织，但条款层面的符合性未经官方文本核对，也未经第三方鉴定性评审或核查，不构成符合性声明。',
      'The report is organised after the reporting content of ISO 14067:2018, GB/T 24067-2024 and the GHG Protocol Product Standard, but clause-level conformity has not been checked against the official texts and the study has not been critically reviewed or verified: it is not a claim of conformity.'),
  ];
  if (!d.uncertainty && !d.sensitivity) {
    out.push(L('未进行不确定性分析和敏感性分析；结果为点估计值。', 'No uncertainty or sensitivity analysis was carried out; results are point estimates.'));
  } else if (!d.uncertainty || d.uncertainty.uncertainInputs === 0) {
    out.push(L('产品模型中没有输入给出不确定性，蒙特卡罗范围无法量化（见第 8 章）；敏感性分析只反映所设定的变化范围。',
      'No input of the product model carries an uncertainty, so Monte Carlo ranges are not quantified (see section 8); the sensitivity analysis reflects the ranges set only.'));
  }
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
    if (n) out.push(`${WARNING_EXPLANATIONS[code]![lang]}${L(`（涉及 ${n} ${COUNT_NOUNS[what].zh}，见第 10 章）`, ` (${n} ${COUNT_NOUNS[what].en}${n > 1 ? 's' : ''}, see section 10)`)}`);
  }
  out.push(...(d.study.info.limitations ?? []));
  return out;
}

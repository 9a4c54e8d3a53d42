import type { CalculationResult, Stage } from '@greenlca/schema';
import { Decimal } from 'decimal.js';
import type { Lang } from '../document.js';
import { formatPercent, formatSignificant, formatUnit, share } from '../format.js';
import type {
  AllocationApplied, BoundaryStage, CfpLine, CfpReportOptions, CutOffApplied, CutOffCriterion, IsoStage, ReferenceFlow,
  SensitivitySummary, StudyInfo, UncertaintySummary,
} from './types.js';

/**
 * @module The ISO 14067 / GB/T 24067 clauses a CFP report states besides its results, each derived
 * from the calculation result and the study: reference flow, the system boundary mapped onto ISO 14067's
 * stages, the cut-off criterion and what it excludes, the allocation and recycling method, the
 * uncertainty and sensitivity summaries, and the value choices.
 */

const sum = (xs: number[]): number => xs.reduce((acc, x) => acc.plus(x), new Decimal(0)).toNumber();

/** The reference flow: the study's words, else the functional unit's amount of the product with its BOM mass. */
export function referenceFlow(result: CalculationResult, info: StudyInfo, lang: Lang): ReferenceFlow {
  const top = result.byComponent.filter((c) => !c.component.includes('/'));
  const bomMassKg = top.length ? sum(top.map((c) => c.totalMassKg)) : null;
  if (info.referenceFlow) return { text: info.referenceFlow, stated: true, bomMassKg };
  const fu = result.product.functionalUnit;
  const amount = `${formatSignificant(fu.amount)} ${formatUnit(fu.unit)}`;
  const mass = bomMassKg === null ? '' : lang === 'zh' ? `（按物料清单，质量 ${formatSignificant(bomMassKg)} kg）` : ` (bill-of-materials mass ${formatSignificant(bomMassKg)} kg)`;
  const text = lang === 'zh' ? `${amount} ${result.product.name}${mass}，及其使用阶段所需的能源和耗材` : `${amount} of ${result.product.name}${mass}, with the energy and consumables its use needs`;
  return { text, stated: false, bomMassKg };
}

/**
 * ISO 14067's life-cycle stages and where GreenLCA's stages fall in them: component materials (line
 * kind "material", counted in our 制造 stage) and packaging materials are raw-material acquisition;
 * the rest of 制造 and 设计 is production; 运输 is distribution.
 */
export const ISO_STAGE_MAP: { stage: IsoStage; ours: BoundaryStage['ours'] }[] = [
  { stage: 'rawMaterial', ours: [{ stage: 'manufacture', kinds: 'material' }, { stage: 'packaging', kinds: 'all' }] },
  { stage: 'production', ours: [{ stage: 'design', kinds: 'all' }, { stage: 'manufacture', kinds: 'non-material' }] },
  { stage: 'distribution', ours: [{ stage: 'transport', kinds: 'all' }] },
  { stage: 'use', ours: [{ stage: 'use', kinds: 'all' }] },
  { stage: 'endOfLife', ours: [{ stage: 'endOfLife', kinds: 'all' }] },
];

const inPart = (l: CfpLine, part: BoundaryStage['ours'][number]): boolean =>
  l.stage === part.stage && (part.kinds === 'all' || (part.kinds === 'material') === (l.kind === 'material'));

export function boundaryMap(lines: CfpLine[], total: number): BoundaryStage[] {
  return ISO_STAGE_MAP.map(({ stage, ours }) => {
    const mine = lines.filter((l) => ours.some((p) => inPart(l, p)));
    const kg = sum(mine.map((l) => l.kgCO2e));
    return { stage, ours, kgCO2e: kg, share: share(kg, total), lines: mine.length, included: mine.length > 0 };
  });
}

/** GreenLCA's default criterion, used when the study states none: a value choice, said so in the report. */
export const DEFAULT_CUT_OFF: CutOffCriterion = { perInput: 0.01, total: 0.05 };

/**
 * The cut-off criterion applied: modelled lines below the per-input threshold are listed with their
 * share (all of them stay in the footprint); processes the study left out are the exclusions, and
 * their estimated share of (footprint + estimates) is checked against the criterion.
 */
export function cutOffApplied(lines: CfpLine[], total: number, info: StudyInfo): CutOffApplied {
  const criterion = info.cutOffCriterion ? { ...info.cutOffCriterion, origin: 'study' as const } : { ...DEFAULT_CUT_OFF, origin: 'default' as const };
  const below = lines.filter((l) => Math.abs(l.share) < criterion.perInput);
  const excluded = info.excluded ?? [];
  const estimates = excluded.map((e) => e.estimatedKgCO2e);
  let excludedShare: number | null = 0;
  let meetsCriterion: boolean | null = true;
  if (excluded.length) {
    if (estimates.some((e) => e === undefined)) {
      excludedShare = null;
      meetsCriterion = null;
    } else {
      const whole = new Decimal(total).plus(sum(estimates as number[]));
      const shareOf = (x: number) => (whole.isZero() ? 0 : new Decimal(x).div(whole).toNumber());
      excludedShare = shareOf(sum(estimates as number[]));
      meetsCriterion = excludedShare <= criterion.total && (estimates as number[]).every((e) => shareOf(e) < criterion.perInput);
    }
  }
  return {
    criterion,
    belowThreshold: { lines: below.map((l) => l.n), kgCO2e: sum(below.map((l) => l.kgCO2e)), share: share(sum(below.map((l) => l.kgCO2e)), total) },
    excluded, excludedShare, meetsCriterion,
  };
}

/**
 * The allocation applied. Recycling follows the cut-off (recycled-content) approach throughout: a
 * material's factor is that of the material as bought (virgin or recycled), end-of-life recycling
 * carries its collection and processing, and no avoided-burden credit is given. A negative line is
 * such a credit, so it breaks the consistency; so does a study stating another method.
 */
export function allocationApplied(lines: CfpLine[], info: StudyInfo): AllocationApplied {
  const creditLines = lines.filter((l) => l.amount.value < 0 || l.kgCO2e < 0).map((l) => l.n);
  const stated = info.recyclingMethod ?? null;
  return {
    multiOutput: info.allocation ?? null,
    recycling: { applied: 'cut-off', stated, creditLines, consistent: creditLines.length === 0 && (stated === null || stated === 'cut-off') },
  };
}

export function uncertaintySummary(u: CfpReportOptions['uncertainty']): UncertaintySummary | null {
  if (!u) return null;
  const det = u.baseline.deterministic.kgCO2e;
  const t = u.baseline.total;
  const rel = (x: number) => (det === 0 ? 0 : new Decimal(x).div(det).minus(1).toNumber());
  return {
    runs: u.runs, seed: u.seed, uncertainInputs: u.inputs.length, deterministic: det,
    mean: t.mean, median: t.median, sd: t.sd, p5: t.p5, p95: t.p95, relative: { p5: rel(t.p5), p95: rel(t.p95) },
    warnings: u.warnings.map((w) => w.code),
  };
}

/** The ten largest tornado bars. */
export function sensitivitySummary(s: CfpReportOptions['sensitivity']): SensitivitySummary | null {
  if (!s) return null;
  return { percent: s.percent, baseline: s.baseline.kgCO2e, bars: s.bars.slice(0, 10) };
}

const GWP_CHOICE: Record<Lang, (set: string) => string> = {
  zh: (set) => `特征化采用 IPCC ${set} 的 100 年全球变暖潜势（GWP100）；选择 100 年时间尺度是价值选择。`,
  en: (set) => `Characterisation with IPCC ${set} 100-year global warming potentials (GWP100); the 100-year horizon is a value choice.`,
};

/** The value choices the study rests on (ISO 14067 asks them reported): those the report makes, then the study's own. */
export function valueChoices(d: { gwp: { set: string }; cutOff: CutOffApplied; allocation: AllocationApplied }, info: StudyInfo, stagesExcluded: Stage[], lang: Lang): string[] {
  const L = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const c = d.cutOff.criterion;
  const out = [
    GWP_CHOICE[lang](d.gwp.set),
    c.origin === 'default'
      ? L(`取舍准则采用 GreenLCA 默认值：单项投入不超过碳足迹的 ${formatPercent(c.perInput, 0)}，合计不超过 ${formatPercent(c.total, 0)}（产品碳足迹规则中常用的准则；未采用特定产品类别规则）。`,
        `Cut-off criterion: GreenLCA's default, at most ${formatPercent(c.perInput, 0)} of the footprint per input and ${formatPercent(c.total, 0)} in total (a criterion common in product footprint rules; no specific PCR applied).`)
      : L(`取舍准则：单项投入不超过 ${formatPercent(c.perInput, 1)}，合计不超过 ${formatPercent(c.total, 1)}${c.source ? `（依据 ${c.source}）` : ''}。`,
        `Cut-off criterion: at most ${formatPercent(c.perInput, 1)} per input and ${formatPercent(c.total, 1)} in total${c.source ? ` (from ${c.source})` : ''}.`),
    L('回收分配采用截断法（再生含量法）：再生材料承担回收处理过程，报废回收不给予避免负荷抵扣。', 'Recycling allocation by the cut-off (recycled-content) approach: recycled material carries its recycling process; end-of-life recycling earns no avoided-burden credit.'),
    L('使用阶段和报废阶段采用情景假设（使用方式、寿命、处理路径）。', 'Use and end-of-life stages follow stated scenarios (use pattern, lifetime, treatment routes).'),
    L('二手数据的因子由编制者在产品模型中选定；地区或年份与产品不一致的代用数据在第 10 章列出。', 'Secondary data: the practitioner chooses each factor in the product model; factors of another region or year (proxies) are listed in section 10.'),
  ];
  if (stagesExcluded.length) out.push(L('系统边界只包括有数据的阶段（见第 3 章）。', 'The boundary covers the stages with data only (see section 3).'));
  return [...out, ...(info.valueChoices ?? [])];
}

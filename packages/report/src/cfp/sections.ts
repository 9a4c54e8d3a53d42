import type { Lang, Section } from '../document.js';
import { formatCo2e, formatPercent, formatSignificant, formatUnit } from '../format.js';
import { stageName } from '../i18n.js';
import { ISO_STAGE_NAMES, STAGE_SCOPE, TYPE_NAMES } from './labels.js';
import type { CfpReportData } from './types.js';

/**
 * @module The CFP report sections for the ISO 14067 / GB/T 24067 clauses beyond the results: the system
 * boundary as a process-flow figure (ISO 14067's stages, with ours mapped onto them), allocation,
 * cut-off and value choices, and uncertainty and sensitivity.
 */

type L = (zh: string, en: string) => string;
const langOf = (lang: Lang): L => (zh, en) => (lang === 'zh' ? zh : en);

const KIND_NOTE = { all: { zh: '', en: '' }, material: { zh: '（部件材料）', en: ' (component materials)' }, 'non-material': { zh: '（部件材料以外）', en: ' (other than component materials)' } };

export function boundarySection(d: CfpReportData, lang: Lang, exclusions: string[] | undefined): Section {
  const L = langOf(lang);
  const ours = (b: CfpReportData['boundaryMap'][number]) => b.ours.map((o) => `${stageName(o.stage, lang)}${KIND_NOTE[o.kinds][lang]}`).join(lang === 'zh' ? '、' : ', ');
  return {
    id: 'boundary', number: '3', heading: L('系统边界', 'System boundary'),
    blocks: [
      { type: 'paragraph', text: L(`系统边界为${TYPE_NAMES[d.study.type].zh}。纳入边界的阶段为有清单数据的阶段；无数据的阶段列为排除。`, `The boundary is ${TYPE_NAMES[d.study.type].en}. Stages with inventory data are inside the boundary; stages without data are listed as excluded.`) },
      {
        type: 'flow', caption: L('图 1 产品系统流程图（ISO 14067 生命周期阶段；虚线框为边界外）', 'Figure 1 Product system process flow (ISO 14067 life-cycle stages; dashed: outside the boundary)'),
        steps: d.boundaryMap.map((b) => ({
          label: ISO_STAGE_NAMES[b.stage][lang],
          detail: b.included
            ? `${ours(b)}\n${formatCo2e(b.kgCO2e)} kg CO2e (${formatPercent(b.share)})`
            : `${ours(b)}\n${L('排除（无数据）', 'excluded (no data)')}`,
          included: b.included,
        })),
        note: L('GreenLCA 的“制造”阶段包括部件材料的获取（按 ISO 14067 属于原材料获取）；包装材料的生产也计为原材料获取。阶段名称按 ISO 14067 的生命周期阶段，未与官方文本逐字核对。',
          'GreenLCA\'s manufacture stage holds the component materials, which ISO 14067 counts as raw-material acquisition; packaging materials count there too. Stage names follow ISO 14067\'s life-cycle stages, not checked word for word against the official text.'),
      },
      {
        type: 'table', id: 'boundary-map', caption: L('ISO 14067 阶段与 GreenLCA 阶段的对应', 'ISO 14067 stages and the GreenLCA stages mapped to them'), columns: [
          { label: L('ISO 14067 阶段', 'ISO 14067 stage'), width: 1.4 }, { label: L('GreenLCA 阶段', 'GreenLCA stages'), width: 2.2 },
          { label: L('清单行数', 'Lines'), align: 'right', width: 0.6 }, { label: 'kg CO2e', align: 'right', width: 0.9 }, { label: L('占比', 'Share'), align: 'right', width: 0.7 },
        ],
        rows: d.boundaryMap.map((b) => [ISO_STAGE_NAMES[b.stage][lang], ours(b), String(b.lines), formatCo2e(b.kgCO2e), formatPercent(b.share)]),
        tones: d.boundaryMap.map((b) => (b.included ? 'neutral' : 'warn')),
      },
      {
        type: 'table', id: 'boundary', caption: L('GreenLCA 阶段覆盖内容', 'What each GreenLCA stage covers'), columns: [
          { label: L('生命周期阶段', 'Life-cycle stage'), width: 1.2 }, { label: L('覆盖内容', 'What it covers'), width: 3 },
          { label: L('清单行数', 'Lines'), align: 'right', width: 0.6 }, { label: L('是否纳入', 'Included'), align: 'center', width: 0.8 },
        ],
        rows: d.byStage.map((s) => [stageName(s.stage, lang), STAGE_SCOPE[s.stage][lang], String(s.lines), s.included ? L('纳入', 'yes') : L('排除（无数据）', 'no (no data)')]),
        tones: d.byStage.map((s) => (s.included ? 'neutral' : 'warn')),
      },
      ...(exclusions?.length ? [{ type: 'list' as const, items: exclusions }] : []),
    ],
  };
}

const RECYCLING_NAMES = {
  'cut-off': { zh: '截断法（再生含量法）', en: 'cut-off (recycled content)' },
  '50:50': { zh: '50:50 法', en: '50:50' },
  CFF: { zh: '循环足迹公式（CFF）', en: 'circular footprint formula (CFF)' },
};

export function methodSection(d: CfpReportData, lang: Lang): Section {
  const L = langOf(lang);
  const a = d.allocation;
  const c = d.cutOff;
  const rec = a.recycling;
  const recyclingText = [
    L(`采用的方法：${RECYCLING_NAMES['cut-off'].zh}。材料按购入状态（原生或再生）取因子；报废回收只计收集和处理过程，不给予避免负荷抵扣。`,
      `Method applied: ${RECYCLING_NAMES['cut-off'].en}. Materials take the factor of the material as bought (virgin or recycled); end-of-life recycling carries its collection and processing, with no avoided-burden credit.`),
    rec.stated && rec.stated !== 'cut-off'
      ? L(`研究声明的方法为${RECYCLING_NAMES[rec.stated].zh}，与计算采用的截断法不一致：结果按截断法计算。`, `The study states ${RECYCLING_NAMES[rec.stated].en}, which differs from the cut-off approach the calculation applies: the results follow cut-off.`)
      : '',
    rec.creditLines.length
      ? L(`第 ${rec.creditLines.join('、')} 行为负值（抵扣），与截断法不一致，应移出碳足迹单独报告。`, `Line${rec.creditLines.length > 1 ? 's' : ''} ${rec.creditLines.join(', ')} ${rec.creditLines.length > 1 ? 'are' : 'is'} negative (a credit), which the cut-off approach does not give: move ${rec.creditLines.length > 1 ? 'them' : 'it'} out of the footprint and report apart.`)
      : L('一致性检查：无负值（抵扣）清单行，全部清单行按同一方法处理。', 'Consistency check: no negative (credit) line; every line follows the same method.'),
  ].filter(Boolean).join('\n');

  const crit = c.criterion;
  const below = c.belowThreshold;
  const excludedShare = c.excludedShare;
  return {
    id: 'allocation', number: '5', heading: L('分配、取舍准则与价值选择', 'Allocation, cut-off and value choices'), blocks: [],
    subsections: [
      {
        id: 'allocation-rules', number: '5.1', heading: L('分配与回收', 'Allocation and recycling'),
        blocks: [{
          type: 'fields', rows: [
            [L('多产出过程的分配', 'Multi-output allocation'), a.multiOutput ?? L('前景数据未进行分配。二手数据因子沿用其发布者的分配方法。存在多产出过程时，按 ISO 14044 的分配层级（避免分配 → 物理关系 → 其他关系）处理并在此说明。', 'No allocation is applied to foreground data. Secondary factors carry their publishers\' allocation. Where multi-output processes exist, the ISO 14044 hierarchy (avoid → physical relationship → other relationship) applies and is stated here.')],
            [L('回收分配', 'Recycling allocation'), recyclingText],
            [L('一致性', 'Consistency'), rec.consistent ? L('一致', 'consistent') : L('不一致（见上）', 'not consistent (see above)')],
          ],
        }, ...(rec.consistent ? [] : [{ type: 'notice' as const, level: 'warning' as const, text: L('回收分配方法未一致应用，见 5.1。', 'The recycling allocation is not applied consistently; see 5.1.') }])],
      },
      {
        id: 'cut-off', number: '5.2', heading: L('取舍准则', 'Cut-off criterion'),
        blocks: [
          {
            type: 'fields', rows: [
              [L('准则', 'Criterion'), `${L('单项投入', 'per input')} < ${formatPercent(crit.perInput, 1)}; ${L('合计', 'in total')} ≤ ${formatPercent(crit.total, 1)} ${L('（按温室气体排放贡献）', '(of the GHG emissions)')}`],
              [L('准则来源', 'Source of the criterion'), crit.origin === 'study' ? (crit.source ?? L('研究声明', 'stated by the study')) : L('GreenLCA 默认值（未采用特定产品类别规则；价值选择，见 5.3）', 'GreenLCA default (no specific PCR; a value choice, see 5.3)')],
              [L('低于单项阈值的已建模清单行', 'Modelled lines below the per-input threshold'), below.lines.length
                ? L(`${below.lines.length} 行（第 ${below.lines.join('、')} 行），共 ${formatCo2e(below.kgCO2e)} kg CO2e（${formatPercent(below.share)}）：全部保留在碳足迹中`, `${below.lines.length} line${below.lines.length > 1 ? 's' : ''} (${below.lines.join(', ')}), ${formatCo2e(below.kgCO2e)} kg CO2e (${formatPercent(below.share)}): all kept in the footprint`)
                : L('无', 'none')],
              [L('排除的过程', 'Processes excluded'), c.excluded.length
                ? c.excluded.map((e) => `${e.process}: ${e.reason}${e.estimatedKgCO2e !== undefined ? L(`（估计 ${formatCo2e(e.estimatedKgCO2e)} kg CO2e）`, ` (estimated ${formatCo2e(e.estimatedKgCO2e)} kg CO2e)`) : L('（未估算）', ' (not estimated)')}`).join('\n')
                : L('无：全部已建模的清单行均计入', 'none: every modelled line is included')],
              [L('排除部分占比', 'Excluded share'), excludedShare === null ? L('无法计算：有排除的过程未给出估算值', 'cannot be computed: an excluded process has no estimate') : formatPercent(excludedShare, 2)],
              [L('是否满足准则', 'Criterion met'), c.meetsCriterion === null ? L('无法判断（缺少估算值）', 'cannot be judged (estimates missing)') : c.meetsCriterion ? L('满足', 'yes') : L('不满足', 'no')],
            ],
          },
          ...(c.meetsCriterion === false ? [{ type: 'notice' as const, level: 'warning' as const, text: L('排除的过程超过取舍准则：应将其纳入模型。', 'The excluded processes exceed the cut-off criterion: model them.') }] : []),
          { type: 'paragraph', text: L('未建模的过程只能在研究中列为排除并估算其贡献；GreenLCA 不会从已建模的清单中删除任何行。', 'Processes not modelled can only be listed as exclusions with an estimate of their contribution; GreenLCA never drops a modelled line.') },
        ],
      },
      {
        id: 'value-choices', number: '5.3', heading: L('价值选择', 'Value choices'),
        blocks: [{ type: 'list', items: d.valueChoices }],
      },
    ],
  };
}

export function analysesSection(d: CfpReportData, lang: Lang): Section {
  const L = langOf(lang);
  const u = d.uncertainty;
  const s = d.sensitivity;
  const uncertainty: Section = {
    id: 'uncertainty', number: '8.1', heading: L('不确定性（蒙特卡罗）', 'Uncertainty (Monte Carlo)'),
    blocks: !u
      ? [{ type: 'paragraph', text: L('未进行不确定性分析：结果为点估计值。', 'No uncertainty analysis was carried out: results are point estimates.') }]
      : [
        {
          type: 'fields', rows: [
            [L('方法', 'Method'), L(`蒙特卡罗模拟，${u.runs} 次，随机种子 ${u.seed}（可复现）；GreenLCA what-if 引擎`, `Monte Carlo simulation, ${u.runs} runs, seed ${u.seed} (reproducible); GreenLCA what-if engine`)],
            [L('带不确定性的输入', 'Inputs with an uncertainty'), String(u.uncertainInputs)],
            [L('点估计值', 'Point value'), `${formatCo2e(u.deterministic)} kg CO2e`],
            [L('均值 / 中位数', 'Mean / median'), `${formatCo2e(u.mean)} / ${formatCo2e(u.median)} kg CO2e`],
            [L('90 % 区间（P5–P95）', '90 % range (P5–P95)'), `${formatCo2e(u.p5)} – ${formatCo2e(u.p95)} kg CO2e (${formatSignedPercent(u.relative.p5)} / ${formatSignedPercent(u.relative.p95)})`],
          ],
        },
        ...(u.uncertainInputs === 0 ? [{ type: 'notice' as const, level: 'warning' as const, text: L('产品模型中没有输入给出不确定性（NO_UNCERTAINTY），区间退化为点估计值；请为清单行、部件或因子给出不确定性或数据质量评分。', 'No input of the product model carries an uncertainty (NO_UNCERTAINTY): the range collapses to the point value; give lines, components or factors an uncertainty or pedigree scores.') }] : []),
      ],
  };
  const sensitivity: Section = {
    id: 'sensitivity', number: '8.2', heading: L('敏感性（龙卷风图）', 'Sensitivity (tornado)'),
    blocks: !s || !s.bars.length
      ? [{ type: 'paragraph', text: L('未进行敏感性分析。', 'No sensitivity analysis was carried out.') }]
      : [
        { type: 'paragraph', text: L(`逐一改变每个输入（默认 ±${formatSignificant(s.percent)} %，或其给定的不确定性范围），其余输入保持不变，重新计算碳足迹（基准 ${formatCo2e(s.baseline)} kg CO2e）。按影响幅度排序，列出前 ${s.bars.length} 项。`,
          `Each input is set, one at a time, to the low and high end of its range (±${formatSignificant(s.percent)} % by default, or its stated uncertainty range) with the others as stated, and the footprint recalculated (baseline ${formatCo2e(s.baseline)} kg CO2e). The ${s.bars.length} largest swings, ranked.`) },
        {
          type: 'table', id: 'tornado', columns: [
            { label: '#', align: 'right', width: 0.35 }, { label: L('输入', 'Input'), width: 2.4 }, { label: L('变化范围', 'Range'), width: 1.8 },
            { label: L('低值时 kg CO2e', 'At low kg CO2e'), align: 'right', width: 1 }, { label: L('高值时 kg CO2e', 'At high kg CO2e'), align: 'right', width: 1 },
            { label: L('摆幅', 'Swing'), align: 'right', width: 0.8 },
          ],
          rows: s.bars.map((b) => [String(b.rank), b.label, `${formatSignificant(b.range.low)} – ${formatSignificant(b.range.high)} ${formatUnit(b.range.unit)}`,
            formatCo2e(b.low.kgCO2e), formatCo2e(b.high.kgCO2e), formatCo2e(b.swing)]),
        },
        { type: 'bars', caption: L('摆幅 kg CO2e', 'Swing, kg CO2e'), items: s.bars.map((b) => ({ label: `#${b.rank}`, value: b.swing, text: `${formatCo2e(b.swing)} (${formatPercent(s.baseline === 0 ? 0 : b.swing / s.baseline)})` })) },
      ],
  };
  return { id: 'analyses', number: '8', heading: L('不确定性与敏感性分析', 'Uncertainty and sensitivity'), blocks: [], subsections: [uncertainty, sensitivity] };
}

function formatSignedPercent(x: number): string {
  const p = formatPercent(x);
  return x > 0 ? `+${p}` : p;
}

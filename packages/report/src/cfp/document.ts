import type { Stage } from '@greenlca/schema';
import { DATA_QUALITY_RULES } from '@greenlca/pact';
import type { Lang, ReportDocument, Section } from '../document.js';
import { formatAmount, formatCo2e, formatDate, formatPercent, formatUnit, share } from '../format.js';
import { DATA_KIND, LINE_KIND, stageName, WARNING_FIXES } from '../i18n.js';
import { REPORT_GENERATOR } from '../version.js';
import { generalSection } from '../general.js';
import { TYPE_NAMES } from './labels.js';
import { primaryDataBlocks } from './primary.js';
import { publisherCitation } from './publishers.js';
import { analysesSection, boundarySection, methodSection } from './sections.js';
import type { CfpReportData } from './types.js';

/** @module The CFP report's document: the numbered sections the HTML and PDF renderers print. */

export function cfpDocument(d: CfpReportData, lang: Lang, generatedAt: string | undefined): ReportDocument {
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
          { label: L('产品碳足迹', 'Product carbon footprint'), value: formatCo2e(d.total.kgCO2e), unit: perUnit, emphasis: true },
          { label: L('化石来源', 'Fossil'), value: formatCo2e(d.origin.fossilKgCO2e), unit: 'kg CO2e' },
          { label: L('生物源', 'Biogenic'), value: formatCo2e(d.origin.biogenicKgCO2e), unit: 'kg CO2e' },
          { label: L('未区分来源', 'Not split by origin'), value: formatCo2e(d.origin.notSplitKgCO2e), unit: 'kg CO2e' },
        ],
      },
      {
        type: 'paragraph',
        text: L(
          `${d.product.name}：${d.study.cfpKind === 'CFP' ? '产品碳足迹' : '产品部分碳足迹'}为 ${formatCo2e(d.total.kgCO2e)} kg CO2e，${d.study.unitKind === 'functional unit' ? '功能单位' : '声明单位'}为 ${unitText}。系统边界：${TYPE_NAMES[d.study.type].zh}，包括${stageList(d.study.stagesIncluded)}。GWP：IPCC ${d.gwp.set} GWP100${asPublishedText('zh')}。`,
          `${d.product.name}: ${d.study.cfpKind === 'CFP' ? 'carbon footprint' : 'partial carbon footprint'} ${formatCo2e(d.total.kgCO2e)} kg CO2e per ${d.study.unitKind} of ${unitText}. Boundary: ${TYPE_NAMES[d.study.type].en}, covering ${stageList(d.study.stagesIncluded)}. GWP: IPCC ${d.gwp.set} GWP100${asPublishedText('en')}.`),
      },
      ...(d.hotspots[0] ? [{
        type: 'paragraph' as const,
        text: L(`最大贡献项：${d.hotspots[0].label}（${stageName(d.hotspots[0].stage, 'zh')}），${formatCo2e(d.hotspots[0].kgCO2e)} kg CO2e，占 ${formatPercent(d.hotspots[0].share)}。`,
          `Largest contributor: ${d.hotspots[0].label} (${stageName(d.hotspots[0].stage, 'en')}), ${formatCo2e(d.hotspots[0].kgCO2e)} kg CO2e, ${formatPercent(d.hotspots[0].share)}.`),
      }] : []),
      ...(d.warnings.length ? [{ type: 'notice' as const, level: 'warning' as const, text: L(`计算返回 ${d.warnings.length} 条警告，见第 10 章。`, `The calculation returned ${d.warnings.length} warning${d.warnings.length > 1 ? 's' : ''}; see section 10.`) }] : []),
    ],
  };

  const general = generalSection({
    product: d.product, parties: info, engine: d.engine, generatedAt,
    period: [L('数据基准期', 'Reference period'), info.referencePeriod ?? (year !== undefined ? L(`${year}年`, String(year)) : L('未说明', 'not stated'))],
    standards: 'ISO 14067:2018; GB/T 24067-2024; GHG Protocol Product Life Cycle Accounting and Reporting Standard (2011)',
    closing: [
      ...(info.pcr ? [[L('产品类别规则', 'Product category rules'), info.pcr] as [string, string]] : []),
      [L('鉴定性评审/核查', 'Critical review / verification'), info.review ?? L('未进行', 'none')],
    ],
  }, lang);

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
        [L('基准流', 'Reference flow'), d.referenceFlow.text],
        [L('结果单位', 'Unit of results'), perUnit],
      ],
    }],
  };

  const boundary = boundarySection(d, lang, info.exclusions);

  const dq = d.dataQuality;
  const dqRows = (['technological', 'geographical', 'temporal'] as const).flatMap((dim) => DATA_QUALITY_RULES[dim].map((r) => [r.id, String(r.score), r[lang]]));
  const sources: Section = {
    id: 'data', number: '4', heading: L('数据来源与数据质量', 'Data sources and data quality'),
    blocks: [
      {
        type: 'table', id: 'datasets', caption: L('使用的数据（按发布者）', 'Data used, by publisher'), columns: [
          { label: L('发布者', 'Publisher'), width: 2 }, { label: L('发布版次', 'Edition'), width: 2 },
          { label: L('数据集版本', 'Dataset version'), width: 0.8 },
          { label: L('引用的清单行', 'Lines'), align: 'right', width: 0.7 },
        ],
        rows: d.datasets.map((ds) => {
          const citing = d.lines.filter((l) => d.citations[l.ref - 1]!.dataset === ds.id);
          // The GWP values (of every gas, and of directly emitted substances) are cited as their IPCC report.
          if (citing.every((l) => l.substance !== undefined)) {
            const gwp = d.gwp.publication;
            return [gwp.publisher, gwp.citation, d.gwp.set, citing.length ? `${L('GWP 值', 'GWP values')}; ${citing.length}` : L('GWP 值', 'GWP values')];
          }
          // The version pins the data a result was calculated on (an organisation's own datasets change by version).
          return [ds.publisher ?? L('未注明', 'not stated'), ds.edition, ds.version, String(citing.length)];
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

  const allocation = methodSection(d, lang);

  const gases = d.byGas.map((g) => g.gas).filter((g) => g !== 'CO2e');
  const unsplit = d.byGas.find((g) => g.gas === 'CO2e');
  const gwp: Section = {
    id: 'gwp', number: '6', heading: L('温室气体与全球变暖潜势', 'Greenhouse gases and GWP'),
    blocks: [{
      type: 'fields', rows: [
        [L('GWP 版本（所选）', 'GWP set (chosen)'), `IPCC ${d.gwp.set}, GWP100`],
        [L('按发布值使用的其他 GWP 版本', 'Other GWP sets, used as published'), d.gwp.asPublished.length
          ? d.gwp.asPublished.map((b) => L(
            `IPCC ${b.basis}：${b.count} 个因子仅以 CO2e 给出且未分气体，无法按 ${d.gwp.set} 重新表征，按发布值使用（GWP_BASIS_MISMATCH，见第 10 章）`,
            `IPCC ${b.basis}: ${b.count} factor${b.count > 1 ? 's' : ''} given only as CO2e with no split by gas, so not re-characterised with ${d.gwp.set}; used as published (GWP_BASIS_MISMATCH, see section 10)`)).join('\n')
          : L(`无：全部因子按 ${d.gwp.set} 表征或以 ${d.gwp.set} 发布`, `none: every factor is characterised with, or published in, ${d.gwp.set}`)],
        [L('GWP 值的来源', 'Source of the GWP values'), `${d.gwp.publication.citation}\n${d.gwp.publication.url}`],
        [L('分气体计算的温室气体', 'Gases characterised individually'), gases.join(', ') || '—'],
        [L('未分气体部分', 'Not split by gas'), unsplit
          ? L(`${formatCo2e(unsplit.kgCO2e)} kg CO2e（${formatPercent(unsplit.share)}）来自仅给出 CO2e 的因子（见 7.3）`, `${formatCo2e(unsplit.kgCO2e)} kg CO2e (${formatPercent(unsplit.share)}) from factors that give CO2e only (see 7.3)`)
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
            [L('化石来源温室气体排放（因子分气体给出）', 'Fossil GHG emissions (gases named by the factors)'), formatCo2e(d.origin.fossilKgCO2e), formatPercent(share(d.origin.fossilKgCO2e, total))],
            [L('生物源温室气体排放', 'Biogenic GHG emissions'), formatCo2e(d.origin.biogenicKgCO2e), formatPercent(share(d.origin.biogenicKgCO2e, total))],
            [L('未区分来源（因子仅给出 CO2e 总量）', 'Not split by origin (factors give a CO2e total only)'), formatCo2e(d.origin.notSplitKgCO2e), formatPercent(share(d.origin.notSplitKgCO2e, total))],
          ],
          footer: [[L(`产品碳足迹（${perUnit}）`, `Carbon footprint (${perUnit})`), formatCo2e(total), formatPercent(total === 0 ? 0 : 1)]],
          note: L(
            '仅给出 CO2e 总量的因子无法拆分化石与生物源，单列为“未区分来源”，不计入化石来源；这三个数与计算结果（fossilKgCO2e、biogenicKgCO2e、notSplitKgCO2e）和 PACT 导出相同。dLUC、iLUC 和航空排放未单独量化（见第 11 章）。',
            'Factors that give only a CO2e total cannot be split into fossil and biogenic, so they are shown as "not split by origin", not as fossil; the three figures are the calculation result\'s (fossilKgCO2e, biogenicKgCO2e, notSplitKgCO2e) and the PACT export\'s. dLUC, iLUC and aircraft emissions are not quantified separately (see section 11).'),
        }],
      },
      {
        id: 'results-stage', number: '7.2', heading: L('按生命周期阶段', 'By life-cycle stage'),
        blocks: [
          {
            type: 'table', id: 'by-stage', columns: [{ label: L('阶段', 'Stage'), width: 2 }, { label: 'kg CO2e', align: 'right' }, { label: L('占比', 'Share'), align: 'right' }],
            rows: d.byStage.map((s) => [stageName(s.stage, lang), formatCo2e(s.kgCO2e), formatPercent(s.share)]),
            footer: [[L('合计', 'Total'), formatCo2e(total), formatPercent(total === 0 ? 0 : 1)]],
            ...(d.rounded ? { note: L('数值保留 4 位有效数字，合计按未修约值计算；精确值见 JSON 输出。', 'Values are shown to 4 significant digits; the total is the sum of unrounded values; the JSON output keeps the exact values.') } : {}),
          },
          { type: 'bars', caption: L('各阶段 kg CO2e', 'kg CO2e by stage'), items: d.byStage.map((s) => ({ label: stageName(s.stage, lang), value: s.kgCO2e, text: `${formatCo2e(s.kgCO2e)} (${formatPercent(s.share)})` })) },
        ],
      },
      {
        id: 'results-gas', number: '7.3', heading: L('按温室气体', 'By greenhouse gas'),
        blocks: [{
          type: 'table', id: 'by-gas', columns: [{ label: L('气体', 'Gas'), width: 2 }, { label: L('排放量 kg', 'Mass kg'), align: 'right' }, { label: 'kg CO2e', align: 'right' }, { label: L('占比', 'Share'), align: 'right' }],
          rows: d.byGas.map((g) => [g.gas === 'CO2e' ? L('未分气体（因子仅给出 CO2e）', 'not split (factor gives CO2e only)') : g.gas, g.kg !== undefined ? formatAmount(g.kg) : '—', formatCo2e(g.kgCO2e), formatPercent(g.share)]),
          footer: [[L('合计', 'Total'), '', formatCo2e(total), formatPercent(total === 0 ? 0 : 1)]],
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
          rows: d.byComponent.map((c) => [`${'  '.repeat(c.component.split('/').length - 1)}${c.name} (${c.component})`, formatAmount(c.quantity), formatAmount(c.massKg), formatCo2e(c.kgCO2e), formatCo2e(c.totalKgCO2e)]),
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
          rows: d.hotspots.map((h) => [String(h.rank), h.label, stageName(h.stage, lang), formatCo2e(h.kgCO2e), formatPercent(h.share)]),
        }],
      },
    ],
  };

  const inventory: Section = {
    id: 'inventory', number: '9', heading: L('清单与排放因子', 'Inventory and emission factors'),
    blocks: [
      { type: 'paragraph', text: L('每一行结果 = 活动量 × 因子值；[n] 为第 12 章参考文献编号。', 'Each line result = amount × factor value; [n] is the reference number in section 12.') },
      {
        type: 'table', id: 'lines', columns: [
          { label: '#', align: 'right', width: 0.35 }, { label: L('阶段', 'Stage'), width: 1.05 }, { label: L('清单项', 'Line'), width: 3.0 },
          { label: L('活动量', 'Amount'), align: 'right', width: 1.1 },
          { label: L('因子值 kg CO2e/单位', 'Factor kg CO2e/unit'), align: 'right', width: 1.05 }, { label: 'kg CO2e', align: 'right', width: 1 },
          { label: L('来源', 'Ref.'), align: 'center', width: 0.5 },
        ],
        rows: d.lines.map((l) => [
          String(l.n), stageName(l.stage, lang), `${l.label}${l.substance ? ` (${l.substance})` : ''}${l.kind !== 'inventory' ? ` · ${LINE_KIND[l.kind]![lang]}` : ''}`,
          `${formatAmount(l.amount.value)} ${formatUnit(l.amount.unit)}`, formatAmount(l.factorKgCO2ePerUnit), formatCo2e(l.kgCO2e), `[${l.ref}]`,
        ]),
        footer: [['', L('合计', 'Total'), '', '', '', formatCo2e(total), '']],
        note: L('因子值按发布值列出；kg CO2e 保留 4 位有效数字，合计按未修约值计算，精确值见 JSON 输出。', 'Factor values as published; kg CO2e to 4 significant digits, the total from unrounded values; the JSON output keeps the exact values.'),
      },
    ],
  };

  const warnings: Section = {
    id: 'warnings', number: '10', heading: L('警告', 'Warnings'),
    blocks: d.warnings.length
      ? [{
        type: 'table', id: 'warnings', columns: [{ label: L('代码', 'Code'), width: 1.75 }, { label: L('位置', 'Where'), width: 1.1 }, { label: L('说明', 'What it means'), width: 4 }],
        // The Chinese report explains each code in Chinese with its fix; the engine's English message stays in the JSON.
        rows: d.warnings.map((w) => [w.code, w.path ?? '', lang === 'zh'
          ? [w.explanation ?? L('（该代码暂无中文说明，见 JSON 输出中的原文）', ''), WARNING_FIXES[w.code] ? `处理建议：${WARNING_FIXES[w.code]!.zh}` : ''].filter(Boolean).join('\n')
          : [w.explanation, w.message, w.hint ? `Fix: ${w.hint}` : ''].filter(Boolean).join('\n')]),
        tones: d.warnings.map(() => 'warn' as const),
      }]
      : [{ type: 'paragraph', text: L('计算未返回警告。', 'The calculation returned no warnings.') }],
  };

  const limits: Section = {
    id: 'limitations', number: '11', heading: L('局限性与解释', 'Limitations and interpretation'),
    blocks: [{ type: 'list', items: d.limitations }],
  };

  const refs: Section = {
    id: 'references', number: '12', heading: L('参考文献（因子来源）', 'References (factor sources)'),
    blocks: [{
      type: 'table', id: 'citations', columns: [
        { label: '[n]', align: 'right', width: 0.4 }, { label: L('来源（发布者）', 'Source (publisher)'), width: 4.4 },
        { label: L('数据类型', 'Data'), width: 1 }, { label: L('地区 / 年份', 'Region / year'), width: 0.9 }, { label: L('许可', 'Licence'), width: 0.8 },
        { label: L('引用的清单行', 'Lines'), width: 0.8 },
      ],
      rows: d.citations.map((c) => {
        const cited = publisherCitation(c);
        return [
          `[${c.n}]`, `${cited.citation}${cited.url ? `\n${cited.url}` : ''}`,
          c.primary ? L('初级数据', 'primary') : L('二手数据', 'secondary'),
          [c.region, c.year].filter((x) => x !== undefined).join(' / ') || '—', c.licence ?? '—',
          d.lines.filter((l) => l.ref === c.n).map((l) => l.n).join(', '),
        ];
      }),
      note: L('来源按发布者的文件引用；数据集内部编号和因子编号见 JSON 输出。', 'Sources are cited as their publishers issue them; the dataset and factor ids are in the JSON output.'),
    }],
  };

  return {
    lang,
    title: L('产品碳足迹报告', 'Product Carbon Footprint Report'),
    subtitle: d.product.name,
    meta: [
      [L('产品', 'Product'), `${d.product.name} (${d.product.id})`],
      [L('产品碳足迹', 'Carbon footprint'), `${formatCo2e(d.total.kgCO2e)} ${perUnit}`],
      [L('报告日期', 'Date'), formatDate(generatedAt, lang)],
      [L('计算工具', 'Tool'), `${d.engine.name} ${d.engine.version} · ${REPORT_GENERATOR.name} ${REPORT_GENERATOR.version}`],
    ],
    sections: [summary, general, goal, boundary, sources, allocation, gwp, results, analysesSection(d, lang), inventory, warnings, limits, refs],
    footer: L(`${d.product.name} · 产品碳足迹报告 · GreenLCA`, `${d.product.name} · Product carbon footprint report · GreenLCA`),
  };
}


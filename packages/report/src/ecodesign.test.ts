import { describe, expect, it } from 'vitest';
import { evaluate, type FactoryEvaluation, type ProductEvaluation } from '@greenlca/ecodesign';
import { calculate } from '@greenlca/engine';
import { validate } from '@greenlca/schema';
import { Decimal } from 'decimal.js';
import { testLibrary } from '../../ecodesign/src/testing/library.js';
import { product, threePartBom } from '../../ecodesign/src/testing/products.js';
import { exampleFactorySpec, exampleProductSpec } from '../../ecodesign/src/testing/specs.js';
import { findTable, ReportDocument, blocks } from './document.js';
import { buildEcodesignReport, EcodesignReport } from './ecodesign.js';
import { sumDecimal } from './format.js';
import { renderHtml } from './html.js';

const library = testLibrary();

/** The eco-design package's example: R_cyc = 62.5 %, 20 kWh manufacture energy, CF 29.1 kg CO2e (hand-checked there). */
function request(): Record<string, any> {
  return {
    product: product({
      components: structuredClone(threePartBom).map((c) => ({ ...c, substances: [] })),
      inventory: [{ stage: 'manufacture', factor: 'tx/grid', amount: '10 kWh' }, { stage: 'manufacture', factor: 'tx/steam', amount: '36 MJ' }],
    }),
    declarations: {
      requirements: { ems: { met: true, evidence: 'ISO 14001 certificate 123' }, 'no-accident': { met: true, evidence: 'EPB letter 2025-04' } },
      indicators: { noise: { value: 48, evidence: 'Test report N-7' } },
      lcaReport: { exists: true, reference: 'LCA report 2025-01' },
    },
  };
}

function evaluateProduct(req: Record<string, any>, spec = exampleProductSpec()): ProductEvaluation {
  const e = evaluate(req, { spec, library });
  if (e.kind !== 'product') throw new Error('product expected');
  return e;
}

describe('GB/T 32161 self-evaluation report', () => {
  it('lists the computed indicators with their source lines, the declared value beside them and the agreement', () => {
    const req = request();
    // 20 kWh computed (10 kWh grid + 36 MJ steam); 21 kWh declared: +5 %, at the default 5 % tolerance.
    req.declarations.indicators.energy = { value: 21, evidence: 'meter log' };
    const r = buildEcodesignReport(evaluateProduct(req), { lang: 'en' });
    const sources = findTable(r.document, 'indicator-sources')!;
    const energy = sources.rows.find((row) => row[0] === 'Production energy')!;
    expect(energy.slice(1, 4)).toEqual(['20 kWh', '21 kWh', 'declared 21 kWh, computed 20 kWh (+5 %): within the 5 % tolerance']);
    expect(energy[4]).toContain('grid: kWh 10 ← /inventory/0');
    expect(energy[4]).toContain('steam: kWh 10 ← /inventory/1');
    // The restricted-substance check is computed from the declared substance lists of each part.
    expect(sources.rows.map((row) => row[0])).toEqual(['Recyclability rate', 'Restricted substances', 'Production energy']);
    expect(validate(ReportDocument, r.document).ok).toBe(true);
  });

  it('reports a pass with the indicator table, values, benchmarks and verdicts (R_cyc 62.5 % ≥ 60 %)', () => {
    const req = request();
    const e = evaluateProduct(req);
    const result = calculate(req.product, library);
    const r = buildEcodesignReport(e, { lang: 'zh', result, generatedAt: '2025-06-01T00:00:00Z', company: '示例电器有限公司' });
    expect(r.document.title).toBe('绿色设计产品自评价报告');
    const ind = findTable(r.document, 'indicators')!;
    expect(ind.rows.map((row) => [row[1], row[3], row[4], row[5]])).toEqual([
      ['可再利用率 (4.2)', '≥ 60 %', '62.5 %', '符合'],
      [expect.stringContaining('有害物质'), expect.any(String), expect.any(String), '符合'],
      [expect.stringContaining('能耗'), '≤ 25 kWh', '20 kWh', '符合'],
      [expect.stringContaining('噪声'), expect.any(String), '48 dB(A)（申报）', '符合'],
    ]);
    expect(ind.tones).toEqual(['pass', 'pass', 'pass', 'pass']);
    expect(findTable(r.document, 'requirements')!.rows.map((row) => row[4])).toEqual(['符合', '符合']);
    const conclusion = r.document.sections.find((s) => s.id === 'conclusion')!;
    expect(conclusion.blocks[0]).toMatchObject({ type: 'notice', level: 'pass', text: expect.stringContaining('自评价结论为：符合') });
    // LCA summary: the engine's total, and the stage rows add up to it
    expect(r.data.lca!.total.kgCO2e).toBe(29.1);
    const stages = findTable(r.document, 'lca-by-stage')!;
    expect(sumDecimal(stages.rows.map((row) => row[1]!)).eq(new Decimal(stages.footer![0]![1]!))).toBe(true);
    expect(stages.footer![0]![1]).toBe('29.1');
    expect(JSON.stringify(r.document)).toContain('示例电器有限公司');
    expect(validate(ReportDocument, r.document).ok).toBe(true);
  });

  it('reports a fail with the gap: needs ≥ 70 %, is 62.5 %, increase by 7.5 points', () => {
    const spec = exampleProductSpec();
    spec.indicators[0]!.benchmark = 70;
    const e = evaluateProduct(request(), spec);
    expect(e.verdict).toBe('fail');
    const r = buildEcodesignReport(e, { lang: 'en' });
    const row = findTable(r.document, 'indicators')!.rows[0]!;
    expect(row[3]).toBe('≥ 70 %');
    expect(row[4]).toBe('62.5 %');
    expect(row[5]).toBe('Fail');
    expect(row[6]).toMatch(/7\.5/);
    expect(findTable(r.document, 'indicators')!.tones![0]).toBe('fail');
    const conclusion = r.document.sections.find((s) => s.id === 'conclusion')!;
    expect(conclusion.blocks[0]).toMatchObject({ level: 'fail' });
    expect(JSON.stringify(conclusion)).toMatch(/7\.5/);
    // no result given: the LCA summary falls back to the evaluation's own carbon footprint
    expect(findTable(r.document, 'lca-by-stage')!.footer![0]![1]).toBe('29.1');
  });

  it('says "incomplete" and lists what is missing when a requirement is not declared', () => {
    const req = request();
    delete req.declarations.requirements.ems;
    const r = buildEcodesignReport(evaluateProduct(req), { lang: 'zh' });
    expect(r.data.evaluation.verdict).toBe('incomplete');
    expect(findTable(r.document, 'requirements')!.tones).toEqual(['warn', 'pass']);
    const figures = [...blocks(r.document)].find((b) => b.block.type === 'figures')!.block;
    expect(figures.type === 'figures' && figures.items[0]!.value).toBe('不完整');
    // Never styled like a pass: the verdict box is amber, in the document and the HTML.
    expect(figures.type === 'figures' && figures.items[0]!.tone).toBe('warn');
    expect(renderHtml(r.document)).toMatch(/<div class="figure emphasis warn"><div class="label">自评价结论<\/div><div class="value">不完整<\/div>/);
    const passed = [...blocks(buildEcodesignReport(evaluateProduct(request()), { lang: 'zh' }).document)].find((b) => b.block.type === 'figures')!.block;
    expect(passed.type === 'figures' && passed.items[0]!.tone).toBe('pass');
  });
});

describe('wording of the self-evaluation reports', () => {
  it('labels basic requirements 一票否决 (veto) in a green-factory report only; a product’s are plain 基本要求', () => {
    const productRows = findTable(buildEcodesignReport(evaluateProduct(request()), { lang: 'zh' }).document, 'requirements')!.rows;
    expect(productRows.map((row) => row[1])).toEqual(['环境管理体系', '近三年无重大事故']);
    const en = findTable(buildEcodesignReport(evaluateProduct(request()), { lang: 'en' }).document, 'requirements')!;
    expect(JSON.stringify(en)).not.toMatch(/veto/i);
    const factory = evaluate({ factory: { name: 'Works' } }, { spec: exampleFactorySpec() });
    expect(findTable(buildEcodesignReport(factory, { lang: 'zh' }).document, 'requirements')!.rows[0]![1]).toBe('排污许可（一票否决）');
  });

  it('is an EcodesignReport as JSON: a product report with its LCA summary, and a green-factory report', () => {
    const req = request();
    const withLca = buildEcodesignReport(evaluateProduct(req), { lang: 'zh', result: calculate(req.product, library), company: '示例电器有限公司' });
    const factory = buildEcodesignReport(evaluate({ factory: { name: 'Works' } }, { spec: exampleFactorySpec() }), { lang: 'en', generatedAt: '2025-06-01T00:00:00Z' });
    expect(withLca.data.lca).toBeDefined();
    expect(factory.data.evaluation.kind).toBe('factory');
    for (const r of [withLca, factory]) {
      const checked = validate(EcodesignReport, JSON.parse(JSON.stringify(r)));
      expect(checked.ok ? [] : checked.issues).toEqual([]);
    }
  });

  it('prints a unit written m^3 as m³, in the unit column and in values', () => {
    const spec = exampleProductSpec();
    spec.indicators[3]!.unit = 'm^3'; // the declared indicator (48, benchmark ≤ 50)
    const row = findTable(buildEcodesignReport(evaluateProduct(request(), spec), { lang: 'zh' }).document, 'indicators')!.rows[3]!;
    expect([row[2], row[3], row[4]]).toEqual(['m³', '≤ 50 m³', '48 m³（申报）']);
  });
});

describe('green-factory self-evaluation report', () => {
  it('shows items with 基准值, 引领值, points and score (65 of 100, pass mark 60, hand-checked in ecodesign)', () => {
    const e = evaluate({
      factory: { name: 'Example Works', period: '2025' },
      declarations: {
        requirements: { permit: { met: true, evidence: 'Permit 9133' } },
        indicators: {
          renewables: { value: 20, evidence: 'Energy balance 2025' }, intensity: { value: 80, evidence: 'Energy audit 2025' },
          'green-design': { value: true, evidence: 'Case study A' }, 'footprint-share': { value: 25, evidence: 'CFP reports list' },
        },
      },
    }, { spec: exampleFactorySpec() }) as FactoryEvaluation;
    const r = buildEcodesignReport(e, { lang: 'zh', generatedAt: '2025-06-01T00:00:00Z' });
    expect(r.document.title).toBe('绿色工厂自评价报告');
    const score = r.document.sections.find((s) => s.id === 'dimensions')!.blocks[0]!;
    expect(score.type === 'fields' && score.rows[0]).toEqual(['得分', '65']);
    const energy = r.document.sections.find((s) => s.id === 'dimensions')!.subsections![0]!.blocks[0]!;
    expect(energy.type === 'table' && energy.rows.map((row) => [row[4], row[5], row[6]])).toEqual([['20 %', '30', '15'], ['80 kgce/t', '10', '5']]);
  });
});

describe('green-factory report: sources, evidence and illustrative weights on its face', () => {
  // GB/T 36132-2025 as bundled: dimension weights 30/30/16/16/8 are second-hand (R2, labelled illustrative);
  // the platform item's 引领值 8 is cited [S R1], its 基准值 is not: declared here with its source.
  const e = evaluate({
    factory: { name: 'Works', ghgInventory: { period: '2025', standard: 'GB/T 32150-2015', lines: [{ source: 'grid', scope: 2, amount: 1000, unit: 'kWh', factor: { kgCO2ePerUnit: 0.5306, source: 'MEE/NBS 公告2025年第47号' } }] } },
    declarations: {
      indicators: {
        'energy-carbon-platform-functions': { value: 6, evidence: 'Platform acceptance report P-3', benchmark: { value: 4, source: '某行业绿色工厂评价细则 表 2' } },
      },
    },
  }, { spec: 'gb-t-36132-2025' }) as FactoryEvaluation;
  const zh = buildEcodesignReport(e, { lang: 'zh' });

  it('shows where each 基准值/引领值 comes from and each item\'s evidence', () => {
    const t = findTable(zh.document, 'evidence-energy-low-carbon')!;
    const row = t.rows.find((r) => r[0] === e.dimensions[0]!.items.find((i) => i.id === 'energy-carbon-platform-functions')!.name.zh)!;
    expect(row[2]).toBe('申报：某行业绿色工厂评价细则 表 2 / 二手来源 [S] R1');
    expect(row[3]).toBe('二手来源 [S] R1');
    expect(row[4]).toBe('Platform acceptance report P-3');
    // An item with nothing declared says so, and is marked.
    expect(t.rows[0]![4]).toBe('未提供');
    expect(t.tones![0]).toBe('warn');
  });

  it('labels the weights illustrative on the face of the report: score, notice and each dimension', () => {
    const figures = [...blocks(zh.document)].find((b) => b.block.type === 'figures')!.block;
    expect(figures.type === 'figures' && figures.items.map((i) => i.label)).toContain('得分（示意权重）');
    expect(JSON.stringify(zh.document.sections[0])).toContain('权重为示意值：能源低碳化 30、资源高效化 30、生产洁净化 16、产品绿色化 16、用地集约化 8 未经标准文本核实');
    const dims = zh.document.sections.find((s) => s.id === 'dimensions')!.subsections!;
    expect(dims[0]!.heading).toBe('能源低碳化（权重 30，示意值，二手来源 [S]）');
  });
});

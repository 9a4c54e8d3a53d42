import { describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { validate, STAGES } from '@greenlca/schema';
import { Decimal } from 'decimal.js';
import { kettle, testLibrary } from '../../pact/src/testing/fixtures.js';
import { buildCfpReport } from './cfp.js';
import { findTable, ReportDocument, blocks } from './document.js';
import { sumDecimal } from './format.js';

const lib = testLibrary();
const product = kettle();
const result = calculate(product, lib);
const generatedAt = '2025-06-01T08:00:00Z';

describe('CFP report data model', () => {
  const zh = buildCfpReport(result, { lang: 'zh', product, generatedAt });
  const en = buildCfpReport(result, { lang: 'en', product, generatedAt });

  it('carries the engine totals to the last digit (hand-checked: 350.649465 kg CO2e)', () => {
    expect(zh.data.total).toEqual(result.total);
    expect(zh.data.total.kgCO2e).toBe(350.649465);
    const figures = [...blocks(zh.document)].find((b) => b.block.type === 'figures')!.block;
    expect(figures.type === 'figures' && figures.items[0]!.value).toBe('350.649465');
    expect(JSON.parse(JSON.stringify(zh)).data.total.kgCO2e).toBe(result.total.kgCO2e);
  });

  it('has a by-stage table whose rows add up to the total, exactly', () => {
    const t = findTable(zh.document, 'by-stage')!;
    expect(t.rows.map((r) => r[0])).toEqual(['设计', '制造', '包装', '运输', '使用', '报废处理']);
    expect(t.rows.map((r) => r[1])).toEqual(['0', '2.07324', '0.3', '0.192', '347.919825', '0.1644']);
    expect(sumDecimal(t.rows.map((r) => r[1]!)).eq(new Decimal(t.footer![0]![1]!))).toBe(true);
    expect(t.footer![0]![1]).toBe('350.649465');
    expect(sumDecimal(zh.data.byStage.map((s) => s.kgCO2e)).eq(result.total.kgCO2e)).toBe(true);
    expect(zh.data.byStage.map((s) => s.stage)).toEqual([...STAGES]);
  });

  it('traces every line to a factor and a numbered citation', () => {
    expect(zh.data.lines).toHaveLength(result.lines.length);
    const lines = findTable(zh.document, 'lines')!;
    expect(lines.rows).toHaveLength(result.lines.length);
    expect(sumDecimal(lines.rows.map((r) => r[6]!)).toFixed()).toBe('350.649465');
    for (const l of zh.data.lines) {
      const c = zh.data.citations[l.ref - 1]!;
      expect(c.n).toBe(l.ref);
      expect(c.factors).toContain(l.factor);
      // amount × factor value = line result
      expect(new Decimal(l.amount.value).times(l.factorKgCO2ePerUnit).toNumber()).toBeCloseTo(l.kgCO2e, 12);
    }
    expect(zh.data.citations.map((c) => [c.citation, c.primary])).toEqual([
      ['Supplier EPD S-P-01234 (test), 2024', true],
      ['GreenLCA unit-test fixture (synthetic value)', false],
      ['MEE, NBS, NEA: 关于发布2024年电力碳足迹因子数据的公告, 全国电力平均碳足迹因子', false],
    ]);
    const refs = findTable(zh.document, 'citations')!;
    expect(refs.rows[2]![1]).toContain('https://www.mee.gov.cn/');
    expect(refs.rows[2]![2]).toBe('tc 0.0.1');
  });

  it('states the GWP set, datasets, engine version, fossil and biogenic, boundary and limitations', () => {
    expect(zh.data.gwp).toEqual({ set: 'AR6', metric: 'GWP100', dataset: { id: 'gwp-fx', version: '0.0.1', edition: 'test' } });
    expect(zh.data.datasets.map((d) => d.id)).toEqual(['fx', 'gwp-fx', 'tc']);
    expect(zh.data.engine).toEqual(result.engine);
    expect(zh.data.study).toMatchObject({ type: 'cradle-to-grave', cfpKind: 'CFP', unitKind: 'functional unit', stagesExcluded: ['design'] });
    const totals = findTable(zh.document, 'totals')!;
    expect(totals.rows.map((r) => r[1])).toEqual(['350.649465', '0']);
    expect(zh.data.limitations.join('\n')).toMatch(/气候变化/);
    expect(en.data.limitations.join('\n')).toMatch(/not a claim of conformity/);
    expect(zh.document.sections.map((s) => s.heading)).toEqual([
      '摘要', '基本信息', '目的与范围', '系统边界', '数据来源与数据质量', '分配与取舍准则', '温室气体与全球变暖潜势', '结果', '清单与排放因子', '警告', '局限性与解释', '参考文献（因子来源）',
    ]);
    expect(en.document.title).toBe('Product Carbon Footprint Report');
    expect(zh.document.title).toBe('产品碳足迹报告');
  });

  it('computes the data-quality summary the same way as the PACT export (hand-checked)', () => {
    // primary: PP resin 0.756 of 350.649465 → 0.2156 % → "0.2"
    expect(zh.data.dataQuality.primaryDataSharePercent).toBe('0.2');
    expect(zh.data.dataQuality.temporalDQR).toBe('1.0');
    expect(findTable(zh.document, 'dq-lines')!.rows[0]).toEqual(['1', '壶身 Body: PP resin, supplier EPD', '自定义因子（初级）', '2 (T2)', '1 (G1)', '1 (Y1)']);
  });

  it('reports warnings honestly: a CO2-only grid factor shows in warnings and limitations', () => {
    const p = { ...product, inventory: [{ stage: 'manufacture' as const, factor: 'tc/grid-co2-cn-2023', amount: '10 kWh' }] };
    const r = calculate(p, lib);
    const rep = buildCfpReport(r, { lang: 'zh', product: p, generatedAt });
    expect(rep.data.warnings.map((w) => w.code)).toContain('CO2_ONLY_FACTOR');
    const w = findTable(rep.document, 'warnings')!;
    expect(w.rows.find((row) => row[0] === 'CO2_ONLY_FACTOR')![2]).toMatch(/电力碳足迹因子/);
    expect(rep.data.limitations.some((l) => l.includes('仅含二氧化碳'))).toBe(true);
    expect(rep.data.study).toMatchObject({ type: 'partial', cfpKind: 'partial CFP', unitKind: 'declared unit' });
  });

  it('calls a product without use and end of life a cradle-to-gate partial CFP per declared unit', () => {
    const p = { ...product, components: [], inventory: product.inventory!.slice(0, 2) };
    const rep = buildCfpReport(calculate(p, lib), { lang: 'en', product: p });
    expect(rep.data.study.type).toBe('cradle-to-gate');
    expect(findTable(rep.document, 'boundary')!.rows.filter((r) => r[3] === 'no (no data)').map((r) => r[0])).toEqual(['Design', 'Transport', 'Use', 'End of life']);
    expect(JSON.stringify(rep.document)).toContain('Declared unit');
  });

  it('produces a document that matches its JSON schema', () => {
    expect(validate(ReportDocument, JSON.parse(JSON.stringify(zh.document))).ok).toBe(true);
    expect(validate(ReportDocument, en.document).ok).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { validate, STAGES } from '@greenlca/schema';
import { Decimal } from 'decimal.js';
import { kettle, testLibrary } from '../../pact/src/testing/fixtures.js';
import { buildCfpReport, CfpReport } from './cfp/index.js';
import { findTable, ReportDocument, blocks } from './document.js';
import { sumDecimal } from './format.js';

const lib = testLibrary();
const product = kettle();
const result = calculate(product, lib);
const generatedAt = '2025-06-01T08:00:00Z';

describe('CFP report data model', () => {
  const zh = buildCfpReport(result, { lang: 'zh', product, generatedAt });
  const en = buildCfpReport(result, { lang: 'en', product, generatedAt });

  it('keeps the engine totals to the last digit in the JSON and prints them to 4 significant digits (hand-checked: 350.649465 kg CO2e)', () => {
    expect(zh.data.total).toEqual(result.total);
    expect(zh.data.total.kgCO2e).toBe(350.649465);
    const figures = [...blocks(zh.document)].find((b) => b.block.type === 'figures')!.block;
    expect(figures.type === 'figures' && figures.items[0]!.value).toBe('350.6');
    expect(JSON.parse(JSON.stringify(zh)).data.total.kgCO2e).toBe(result.total.kgCO2e);
  });

  it('has a by-stage table rounded to 4 significant digits, whose exact values (JSON) add up to the total', () => {
    const t = findTable(zh.document, 'by-stage')!;
    expect(t.rows.map((r) => r[0])).toEqual(['设计', '制造', '包装', '运输', '使用', '报废处理']);
    // exact 0, 2.07324, 0.3, 0.192, 347.919825, 0.1644
    expect(t.rows.map((r) => r[1])).toEqual(['0', '2.073', '0.3', '0.192', '347.9', '0.1644']);
    expect(t.footer![0]![1]).toBe('350.6');
    expect(t.note).toContain('4 位有效数字');
    expect(sumDecimal(zh.data.byStage.map((s) => s.kgCO2e)).eq(result.total.kgCO2e)).toBe(true);
    expect(zh.data.byStage.map((s) => s.stage)).toEqual([...STAGES]);
  });

  it('traces every line to a factor and a numbered citation', () => {
    expect(zh.data.lines).toHaveLength(result.lines.length);
    const lines = findTable(zh.document, 'lines')!;
    expect(lines.rows).toHaveLength(result.lines.length);
    expect(sumDecimal(zh.data.lines.map((l) => l.kgCO2e)).toFixed()).toBe('350.649465');
    for (const [i, row] of lines.rows.entries()) expect(row[5]).toBe(new Decimal(zh.data.lines[i]!.kgCO2e).toSignificantDigits(4, Decimal.ROUND_HALF_EVEN).toFixed());
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
    // Cited by publisher: no dataset or factor id in print (they stay in the JSON).
    expect(refs.rows.map((r) => r[2])).toEqual(['初级数据', '二手数据', '二手数据']);
    expect(JSON.stringify(refs.rows)).not.toContain('tc/');
  });

  it('states the GWP set, datasets, engine version, fossil and biogenic, boundary and limitations', () => {
    expect(zh.data.gwp).toMatchObject({ set: 'AR6', metric: 'GWP100', dataset: { id: 'gwp-fx', version: '0.0.1', edition: 'test' }, asPublished: [] });
    expect(zh.data.gwp.publication).toMatchObject({ publisher: 'IPCC', url: 'https://www.ipcc.ch/report/ar6/wg1/' });
    expect(zh.data.datasets.map((d) => d.id)).toEqual(['fx', 'gwp-fx', 'tc']);
    expect(zh.data.engine).toEqual(result.engine);
    expect(zh.data.study).toMatchObject({ type: 'cradle-to-grave', cfpKind: 'CFP', unitKind: 'functional unit', stagesExcluded: ['design'] });
    const totals = findTable(zh.document, 'totals')!;
    // Every kettle factor is a CO2e total: none of it is fossil by gas, all of it is not split by origin.
    expect(totals.rows.map((r) => [r[1], r[2]])).toEqual([['0', '0.0 %'], ['0', '0.0 %'], ['350.6', '100.0 %']]);
    expect(zh.data.total).toEqual(result.total); // the engine's numbers unchanged
    expect(zh.data.origin).toEqual({
      fossilKgCO2e: 0, biogenicKgCO2e: 0, notSplitKgCO2e: 350.649465, biogenicDetail: { co2EmissionsKgCO2e: 0, co2RemovalsKgCO2e: 0, nonCO2KgCO2e: 0 },
    });
    expect(zh.data.limitations.join('\n')).toMatch(/气候变化/);
    expect(en.data.limitations.join('\n')).toMatch(/not a claim of conformity/);
    expect(zh.document.sections.map((s) => s.heading)).toEqual([
      '摘要', '基本信息', '目的与范围', '系统边界', '数据来源与数据质量', '分配、取舍准则与价值选择', '温室气体与全球变暖潜势', '结果', '不确定性与敏感性分析',
      '清单与排放因子', '警告', '局限性与解释', '参考文献（因子来源）',
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

  it('states a credit from a negative factor in the warnings and the limitations, in both languages', () => {
    const p = { ...product, factors: [...(product.factors ?? []), { id: 'x/credit', unit: 'kg', co2e: -1.5, source: 'test' }],
      inventory: [...product.inventory!, { stage: 'endOfLife' as const, factor: 'x/credit', amount: '2 kg' }] };
    const r = calculate(p, lib);
    for (const lang of ['zh', 'en'] as const) {
      const rep = buildCfpReport(r, { lang, product: p, generatedAt });
      expect(findTable(rep.document, 'warnings')!.rows.some((row) => row[0] === 'NEGATIVE_FACTOR')).toBe(true);
      expect(rep.data.limitations).toContain(lang === 'zh'
        ? '存在因子为负值的清单行（抵扣或净清除），已从碳足迹总量中扣减；ISO 14067 和 GB/T 24067 要求避免排放与碳足迹分开报告，清除与排放分开报告。（涉及 1 个因子，见第 10 章）'
        : 'A line is negative because of its factor (a credit or a net removal) and is netted into the total; ISO 14067 and GB/T 24067 report avoided emissions apart from the footprint and removals apart from emissions. (1 factor, see section 10)');
    }
  });

  it('calls a product without use and end of life a cradle-to-gate partial CFP per declared unit', () => {
    const p = { ...product, components: [], inventory: product.inventory!.slice(0, 2) };
    const rep = buildCfpReport(calculate(p, lib), { lang: 'en', product: p });
    expect(rep.data.study.type).toBe('cradle-to-gate');
    expect(findTable(rep.document, 'boundary')!.rows.filter((r) => r[3] === 'no (no data)').map((r) => r[0])).toEqual(['Design', 'Transport', 'Use', 'End of life']);
    expect(JSON.stringify(rep.document)).toContain('Declared unit');
  });

  it('produces a document that matches its JSON schema, and a report that is a CfpReport', () => {
    expect(validate(ReportDocument, JSON.parse(JSON.stringify(zh.document))).ok).toBe(true);
    expect(validate(ReportDocument, en.document).ok).toBe(true);
    for (const report of [zh, en]) {
      const checked = validate(CfpReport, JSON.parse(JSON.stringify(report)));
      expect(checked.ok ? [] : checked.issues).toEqual([]);
    }
  });
});

/**
 * The kettle plus lines of known origin (hand-checked in pact/src/origin.test.ts):
 *   bio board 2 kg × 0.5, CO2e-only, flagged biogenic → 1 biogenic
 *   old fuel 2 L × 2.5, CO2e-only in AR4 (GWP_BASIS_MISMATCH: used as published) → 5 not split
 *   UK grid 10 kWh, gas split → 1.7703336927 fossil · CH4 leak 0.1 kg × 27.9 → 2.79 fossil
 *   a GB part 1 kg × 1 (custom, CO2e-only, region GB like the UK grid) → 1 not split
 * total 350.649465 + 1 + 5 + 1.7703336927 + 2.79 + 1 = 362.2097986927; fossil 4.560334 (6 dp),
 * biogenic 1, not split 350.649465 + 5 + 1 = 356.649465 (98.5 %).
 */
describe('CFP report: origin of emissions and GWP sets, said the same in HTML/PDF/JSON, zh and en', () => {
  const p = kettle();
  p.factors!.push(
    { id: 'supplier/bio-board', name: 'Bio-based board', unit: 'kg', co2e: 0.5, biogenic: true, source: 'EPD B-1 (test)' },
    { id: 'supplier/gb-part', name: 'Part made in GB', unit: 'kg', co2e: 1, source: 'EPD G-1 (test)', region: 'GB', year: 2024 },
  );
  p.inventory!.push(
    { name: 'Bio board', stage: 'packaging', factor: 'supplier/bio-board', amount: '2 kg' },
    { name: 'Old fuel', stage: 'manufacture', factor: 'fx/old-fuel', amount: '2 L' },
    { name: 'UK grid', stage: 'manufacture', factor: 'fx/grid-uk', amount: '10 kWh' },
    { name: 'Methane leak', stage: 'manufacture', substance: 'CH4', amount: '0.1 kg' },
    { name: 'GB part', stage: 'manufacture', factor: 'supplier/gb-part', amount: '1 kg' },
  );
  const r = calculate(p, lib);
  const zh = buildCfpReport(r, { lang: 'zh', product: p, generatedAt });
  const en = buildCfpReport(r, { lang: 'en', product: p, generatedAt });

  it('shows fossil, biogenic and not split by origin, adding up to the total, in the figures and the totals table', () => {
    // The engine's own split, the same in the report: CO2e-only factors are not split, not fossil.
    expect(r.total.fossilKgCO2e).toBeCloseTo(4.5603336927, 9);
    expect(r.total.notSplitKgCO2e).toBe(356.649465);
    expect(zh.data.origin.notSplitKgCO2e).toBe(356.649465);
    expect(zh.data.origin.biogenicKgCO2e).toBe(1);
    expect(zh.data.origin.fossilKgCO2e).toBeCloseTo(4.5603336927, 9);
    const totals = findTable(en.document, 'totals')!;
    expect(totals.rows).toEqual([
      ['Fossil GHG emissions (gases named by the factors)', '4.56', '1.3 %'],
      ['Biogenic GHG emissions', '1', '0.3 %'],
      ['Not split by origin (factors give a CO2e total only)', '356.6', '98.5 %'],
    ]);
    expect(totals.footer![0]![1]).toBe('362.2'); // 362.2097986927 to 4 significant digits
    expect(findTable(zh.document, 'totals')!.rows.map((row) => row[0])).toEqual(['化石来源温室气体排放（因子分气体给出）', '生物源温室气体排放', '未区分来源（因子仅给出 CO2e 总量）']);
    const figures = (doc: typeof zh.document) => {
      const b = [...blocks(doc)].find((x) => x.block.type === 'figures')!.block;
      return b.type === 'figures' ? b.items.map((i) => [i.label, i.value]) : [];
    };
    expect(figures(en.document).slice(1)).toEqual([['Fossil', '4.56'], ['Biogenic', '1'], ['Not split by origin', '356.6']]);
    expect(figures(zh.document).slice(1).map((f) => f[0])).toEqual(['化石来源', '生物源', '未区分来源']);
    // JSON: the data model carries both, the engine's fields unchanged.
    const json = JSON.parse(JSON.stringify(en));
    expect(json.data.total).toEqual(r.total);
    expect(json.data.origin.notSplitKgCO2e).toBe(356.649465);
  });

  it('says in the limitations how much is not split by origin, from how many factors', () => {
    // kettle: supplier PP resin, fx steel, recycling, landfill, box, truck, China grid; plus old fuel and the GB part = 9 factors.
    expect(en.data.limitations.join('\n')).toContain('here 9 such factors give 356.6 kg CO2e (98.5 %), shown as "not split by origin" (see 7.1), not as fossil');
    expect(zh.data.limitations.join('\n')).toContain('本报告中 9 个这样的因子共 356.6 kg CO2e（98.5 %），列为“未区分来源”');
  });

  it('names the chosen GWP set and the other sets used as published, with the number of factors', () => {
    expect(en.data.gwp).toMatchObject({ set: 'AR6', asPublished: [{ basis: 'AR4', count: 1, factors: ['fx/old-fuel'] }] });
    const gwp = (rep: typeof en) => {
      const b = rep.document.sections.find((x) => x.id === 'gwp')!.blocks[0]!;
      return b.type === 'fields' ? b.rows.slice(0, 2) : [];
    };
    expect(gwp(en)).toEqual([
      ['GWP set (chosen)', 'IPCC AR6, GWP100'],
      ['Other GWP sets, used as published', 'IPCC AR4: 1 factor given only as CO2e with no split by gas, so not re-characterised with AR6; used as published (GWP_BASIS_MISMATCH, see section 10)'],
    ]);
    expect(gwp(zh)[1]![1]).toBe('IPCC AR4：1 个因子仅以 CO2e 给出且未分气体，无法按 AR6 重新表征，按发布值使用（GWP_BASIS_MISMATCH，见第 10 章）');
    expect(JSON.stringify(en.document.sections[0])).toContain('GWP: IPCC AR6 GWP100 (1 factor used as published in IPCC AR4 CO2e).');
    expect(en.data.limitations[1]).toBe('Characterisation uses IPCC AR6 100-year GWPs; other metrics (GWP20, GTP) are not reported. 1 factor given only as CO2e in IPCC AR4, with no split by gas, is used as published, not re-characterised with AR6 (see section 6).');
    // Without other sets the report says so.
    const plain = buildCfpReport(result, { lang: 'en', product, generatedAt }).document.sections.find((x) => x.id === 'gwp')!.blocks[0]!;
    expect(plain.type === 'fields' && plain.rows[1]).toEqual(['Other GWP sets, used as published', 'none: every factor is characterised with, or published in, AR6']);
  });

  it('counts grouped warnings in factors, not cases ("2 factors", not "1 case")', () => {
    const region = r.warnings.find((w) => w.code === 'FACTOR_REGION_MISMATCH' && w.message.includes('GB'))!;
    expect(region.message).toMatch(/^2 factors are for region GB/);
    expect(en.data.limitations).toContain('The factor is for another region than the product: a geographical proxy. (2 factors, see section 10)');
    expect(zh.data.limitations).toContain('因子所属地区与产品地区不一致，属于地理代用数据。（涉及 2 个因子，见第 10 章）');
  });
});

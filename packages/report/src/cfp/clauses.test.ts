import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calculate, createLibrary } from '@greenlca/engine';
import { bundledFactorDatasets, bundledSubstances } from '@greenlca/datasets';
import type { Product } from '@greenlca/schema';
import { kettle, testLibrary } from '../../../pact/src/testing/fixtures.js';
import { blocks, findTable, type ReportDocument } from '../document.js';
import { renderHtml } from '../html.js';
import { buildCfpReport } from './index.js';
import { publisherCitation } from './publishers.js';
import type { CfpSensitivityInput, CfpUncertaintyInput } from './types.js';

/**
 * The ISO 14067 / GB/T 24067 clauses of the CFP report, on the test kettle. Its lines, worked by hand:
 *   1 body PP 0.42 kg × 1.8 = 0.756 (material)      2 body recycling 0.0084 (end of life)
 *   3 base steel 0.3 kg × 2 = 0.6 (material)        4 base landfill 0.15 (end of life)
 *   5 screws steel 0.012 kg × 2 = 0.024 (material)  6 screws landfill 0.006 (end of life)
 *   7 assembly 1.2 kWh × 0.5777 = 0.69324           8 carton 0.3 (packaging)
 *   9 truck 1.92 t·km × 0.1 = 0.192 (transport)    10 use 602.25 kWh × 0.5777 = 347.919825
 *   total 350.649465
 * ISO 14067 stages: raw material = 0.756 + 0.6 + 0.024 + 0.3 = 1.68; production = 0.69324;
 * distribution = 0.192; use = 347.919825; end of life = 0.0084 + 0.15 + 0.006 = 0.1644.
 */
const lib = testLibrary();
const product = kettle();
const result = calculate(product, lib);

const text = (doc: ReportDocument) => JSON.stringify(doc);
const fields = (doc: ReportDocument, id: string) => {
  for (const { section, block } of blocks(doc)) if (section.id === id && block.type === 'fields') return Object.fromEntries(block.rows);
  throw new Error(`no fields in ${id}`);
};

describe('CFP report clauses (ISO 14067 / GB/T 24067)', () => {
  it('states the reference flow: the functional unit of the product with its bill-of-materials mass (0.42 + 0.3 + 6 × 0.002 = 0.732 kg)', () => {
    const en = buildCfpReport(result, { lang: 'en', product });
    expect(en.data.referenceFlow).toEqual({ stated: false, bomMassKg: 0.732, text: `1 item of ${product.name} (bill-of-materials mass 0.732 kg), with the energy and consumables its use needs` });
    expect(fields(en.document, 'goal')['Reference flow']).toBe(en.data.referenceFlow.text);
    const stated = buildCfpReport(result, { lang: 'zh', product, study: { referenceFlow: '1 台电热水壶及 5 年使用所需电力' } });
    expect(fields(stated.document, 'goal')['基准流']).toBe('1 台电热水壶及 5 年使用所需电力');
  });

  it('maps our stages onto ISO 14067\'s, component materials as raw-material acquisition, and draws the process flow', () => {
    const zh = buildCfpReport(result, { lang: 'zh', product });
    expect(zh.data.boundaryMap.map((b) => [b.stage, b.kgCO2e, b.lines, b.included])).toEqual([
      ['rawMaterial', 1.68, 4, true], ['production', 0.69324, 1, true], ['distribution', 0.192, 1, true], ['use', 347.919825, 1, true], ['endOfLife', 0.1644, 3, true],
    ]);
    const flow = [...blocks(zh.document)].find((b) => b.block.type === 'flow')!.block;
    if (flow.type !== 'flow') throw new Error('flow expected');
    expect(flow.steps.map((s) => s.label)).toEqual(['原材料获取和预处理', '生产', '分销', '使用', '寿命末期']);
    expect(flow.steps[0]!.detail).toBe('制造（部件材料）、包装\n1.68 kg CO2e (0.5 %)');
    expect(renderHtml(zh.document)).toMatch(/<figure class="flow">.*原材料获取和预处理.*→.*寿命末期/s);
    // A cradle-to-gate product: use and end of life drawn dashed, as excluded.
    const gate = { ...product, components: [], inventory: product.inventory!.slice(0, 2) } as Product;
    const g = buildCfpReport(calculate(gate, lib), { lang: 'en', product: gate });
    expect(g.data.boundaryMap.filter((b) => !b.included).map((b) => b.stage)).toEqual(['distribution', 'use', 'endOfLife']);
  });

  it('applies the cut-off criterion: lines under 1 % are listed and kept; estimated exclusions give the excluded share', () => {
    const en = buildCfpReport(result, { lang: 'en', product });
    // Lines 1–9 are each under 1 % of 350.649465: together 350.649465 − 347.919825 = 2.72964 (0.78 %).
    expect(en.data.cutOff).toMatchObject({ criterion: { perInput: 0.01, total: 0.05, origin: 'default' }, belowThreshold: { lines: [1, 2, 3, 4, 5, 6, 7, 8, 9], kgCO2e: 2.72964 }, excludedShare: 0, meetsCriterion: true });
    expect(fields(en.document, 'cut-off')['Modelled lines below the per-input threshold']).toBe('9 lines (1, 2, 3, 4, 5, 6, 7, 8, 9), 2.73 kg CO2e (0.8 %): all kept in the footprint');
    // Two exclusions estimated at 2 and 5 kg: 7 / (350.649465 + 7) = 1.957 %; 5 / 357.649465 = 1.40 % ≥ 1 % per input → not met.
    const excluded = [{ process: 'Factory lighting', reason: 'not metered', estimatedKgCO2e: 2 }, { process: 'Inbound freight', reason: 'no supplier data', estimatedKgCO2e: 5 }];
    const over = buildCfpReport(result, { lang: 'en', product, study: { excluded } });
    expect(over.data.cutOff.excludedShare).toBeCloseTo(7 / 357.649465, 12);
    expect(over.data.cutOff.meetsCriterion).toBe(false);
    expect(fields(over.document, 'cut-off')['Excluded share']).toBe('1.96 %');
    expect(text(over.document)).toContain('The excluded processes exceed the cut-off criterion');
    // 2 kg alone: 2 / 352.649465 = 0.567 % → met.
    expect(buildCfpReport(result, { lang: 'en', product, study: { excluded: [excluded[0]!] } }).data.cutOff.meetsCriterion).toBe(true);
    // No estimate: the share cannot be computed, and the report says so rather than guess.
    const unknown = buildCfpReport(result, { lang: 'zh', product, study: { excluded: [{ process: '厂区照明', reason: '未计量' }] } });
    expect(unknown.data.cutOff).toMatchObject({ excludedShare: null, meetsCriterion: null });
    expect(fields(unknown.document, 'cut-off')['排除部分占比']).toBe('无法计算：有排除的过程未给出估算值');
    // A PCR's criterion replaces the default, with its source.
    const pcr = buildCfpReport(result, { lang: 'en', product, study: { cutOffCriterion: { perInput: 0.001, total: 0.01, source: 'PCR X §4.3' } } });
    // under 0.1 % of 350.649465 (0.3506): 0.0084, 0.15, 0.024, 0.006, 0.3, 0.192
    expect(pcr.data.cutOff.belowThreshold.lines).toEqual([2, 4, 5, 6, 8, 9]);
    expect(fields(pcr.document, 'cut-off')['Source of the criterion']).toBe('PCR X §4.3');
  });

  it('names the recycling method applied (cut-off) and flags a stated other method or a credit line as inconsistent', () => {
    const en = buildCfpReport(result, { lang: 'en', product });
    expect(en.data.allocation.recycling).toEqual({ applied: 'cut-off', stated: null, creditLines: [], consistent: true });
    const cff = buildCfpReport(result, { lang: 'en', product, study: { recyclingMethod: 'CFF' } });
    expect(cff.data.allocation.recycling.consistent).toBe(false);
    expect(fields(cff.document, 'allocation-rules')['Recycling allocation']).toContain('The study states circular footprint formula (CFF), which differs from the cut-off approach');
    const credit = { ...product, inventory: [...product.inventory!, { name: 'Avoided steel', stage: 'endOfLife' as const, factor: 'fx/steel', amount: '-0.1 kg' }] } as Product;
    const c = buildCfpReport(calculate(credit, lib), { lang: 'zh', product: credit });
    expect(c.data.allocation.recycling).toMatchObject({ consistent: false, creditLines: [11] });
    expect(fields(c.document, 'allocation-rules')['回收分配']).toContain('第 11 行为负值（抵扣），与截断法不一致');
  });

  it('reports the Monte Carlo range and the tornado it is given, and says when there is none', () => {
    const uncertainty: CfpUncertaintyInput = {
      runs: 1000, seed: 7, inputs: [{ key: 'line:/inventory/4', label: 'Electricity in use' }], warnings: [],
      baseline: { deterministic: { kgCO2e: 200 }, total: { mean: 201, sd: 9, median: 199.5, p5: 180, p95: 230, min: 170, max: 250 } },
    };
    const sensitivity: CfpSensitivityInput = {
      percent: 10, baseline: { kgCO2e: 200 },
      bars: Array.from({ length: 12 }, (_, i) => ({
        rank: i + 1, key: `line:${i}`, label: `Input ${i + 1}`, range: { low: 9, high: 11, value: 10, unit: 'kWh', from: 'percent', percent: 10 },
        low: { kgCO2e: 200 - (12 - i), delta: -(12 - i) }, high: { kgCO2e: 200 + (12 - i), delta: 12 - i }, swing: 2 * (12 - i),
      })),
    };
    const en = buildCfpReport(result, { lang: 'en', product, uncertainty, sensitivity });
    // p5 180 is 10 % below 200, p95 230 is 15 % above.
    expect(en.data.uncertainty).toMatchObject({ runs: 1000, seed: 7, uncertainInputs: 1, p5: 180, p95: 230, relative: { p5: -0.1, p95: 0.15 } });
    expect(fields(en.document, 'uncertainty')['90 % range (P5–P95)']).toBe('180 – 230 kg CO2e (-10.0 % / +15.0 %)');
    const tornado = findTable(en.document, 'tornado')!;
    expect(tornado.rows).toHaveLength(10); // the ten largest
    expect(tornado.rows[0]).toEqual(['1', 'Input 1', '9 – 11 kWh', '188', '212', '24']);
    expect(en.data.limitations.join('\n')).not.toContain('No uncertainty or sensitivity analysis');
    const none = buildCfpReport(result, { lang: 'zh', product });
    expect(none.data.uncertainty).toBeNull();
    expect(text(none.document)).toContain('未进行不确定性分析：结果为点估计值。');
    expect(none.data.limitations).toContain('未进行不确定性分析和敏感性分析；结果为点估计值。');
    // Ranges that collapse (no input carries an uncertainty) are said to, not shown as certainty.
    const flat = buildCfpReport(result, { lang: 'en', product, uncertainty: { ...uncertainty, inputs: [], warnings: [{ code: 'NO_UNCERTAINTY', message: '' }] }, sensitivity });
    expect(text(flat.document)).toContain('No input of the product model carries an uncertainty (NO_UNCERTAINTY)');
  });

  it('lists the value choices: GWP horizon, cut-off, recycling, scenarios, data choice, and the study\'s own', () => {
    const zh = buildCfpReport(result, { lang: 'zh', product, study: { valueChoices: ['使用寿命按 5 年计。'] } });
    // five the report makes, the boundary (design has no data), and the study's own
    expect(zh.data.valueChoices).toHaveLength(7);
    expect(zh.data.valueChoices[5]).toBe('系统边界只包括有数据的阶段（见第 3 章）。');
    expect(zh.data.valueChoices[0]).toContain('IPCC AR6 的 100 年全球变暖潜势');
    expect(zh.data.valueChoices[1]).toContain('GreenLCA 默认值：单项投入不超过碳足迹的 1 %，合计不超过 5 %');
    expect(zh.data.valueChoices.at(-1)).toBe('使用寿命按 5 年计。');
  });

  it('writes the Chinese warnings in Chinese, each code explained with its fix; the English message stays in the JSON', () => {
    const p = { ...product, inventory: [{ stage: 'manufacture' as const, factor: 'tc/grid-co2-cn-2023', amount: '10 kWh' }] } as Product;
    const r = calculate(p, lib);
    const zh = buildCfpReport(r, { lang: 'zh', product: p });
    const rows = findTable(zh.document, 'warnings')!.rows;
    for (const [code, , said] of rows) {
      expect(said, code).not.toMatch(/[A-Za-z]{4,} [A-Za-z]{4,}/); // no English sentence
      expect(said, code).toMatch(/处理建议：/);
    }
    expect(zh.data.warnings.find((w) => w.code === 'CO2_ONLY_FACTOR')!.message).toMatch(/counts CO2 only/);
  });

  it('cites sources by their publishers: the IPCC report for GWP values, never the copy they were read from, and no internal ids', () => {
    const library = createLibrary(bundledFactorDatasets, bundledSubstances);
    const p = JSON.parse(readFileSync(new URL('../../../../examples/electric-kettle.json', import.meta.url), 'utf8')) as Product;
    p.inventory = [...(p.inventory ?? []), { name: 'Refrigerant leak', stage: 'use', substance: 'HFC-134a', amount: '0.001 kg' }];
    const en = buildCfpReport(calculate(p, library), { lang: 'en', product: p });
    const refs = findTable(en.document, 'citations')!;
    const printed = JSON.stringify(refs.rows);
    expect(printed).not.toMatch(/github\.com|LCIAformatter|openclimatedata/);
    expect(printed).toContain('IPCC (2021), Climate Change 2021: The Physical Science Basis, Working Group I contribution to the Sixth Assessment Report, Chapter 7 Supplementary Material, Table 7.SM.7 (GWP100)\\nhttps://www.ipcc.ch/report/ar6/wg1/');
    expect(printed).not.toMatch(/desnz-2025\/|cn-mee\//);
    // The data used, by publisher (the datasets' own publisher field); the GWP values by their IPCC report.
    const datasets = findTable(en.document, 'datasets')!.rows.map((r) => r[0]);
    expect(datasets).toEqual(expect.arrayContaining(['UK Department for Energy Security and Net Zero (DESNZ)', 'IPCC']));
    expect(JSON.stringify(findTable(en.document, 'datasets')!.rows)).not.toMatch(/openclimatedata|LCIAformatter/);
    // The JSON keeps the engine's citation as it is, for tracing.
    expect(en.data.citations.some((c) => c.citation.includes('via openclimatedata'))).toBe(true);
    expect(publisherCitation({ citation: 'UK DESNZ conversion factors 2025', url: 'https://www.gov.uk/x' })).toEqual({ citation: 'UK DESNZ conversion factors 2025', url: 'https://www.gov.uk/x' });
  });
});

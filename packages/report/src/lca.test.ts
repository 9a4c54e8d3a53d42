import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledFactorDatasets, bundledLcia, bundledSubstances, methods } from '@greenlca/datasets';
import { calculate, createLibrary } from '@greenlca/engine';
import { STAGES, validate, type CalculationResult, type Product } from '@greenlca/schema';
import { buildCfpReport } from './cfp/index.js';
import { blocks, findTable, ReportDocument, type Section, type TableBlock } from './document.js';
import { formatSignificant } from './format.js';
import { renderHtml } from './html.js';
import { buildLcaReport, lineRanges, LcaReport } from './lca.js';
import { reportToPdf } from './pdf/index.js';

/**
 * The LCA report against results computed here through the engine: every printed figure is the
 * result's after formatSignificant (4 significant digits), gaps read as gaps, POOR coverage is flagged,
 * the zh report is Chinese throughout, and the PDF renders (page 1 to PNG with pdftoppm).
 */

const root = join(import.meta.dirname, '../../..');
const artifacts = join(root, 'test-artifacts/reports');
const library = createLibrary(bundledFactorDatasets, bundledSubstances);
const datasets = [...bundledFactorDatasets, bundledSubstances];
const generatedAt = '2025-06-01T08:00:00Z';

/** Hand-worked (test/reference/impacts.test.ts): SO2 to urban air 0.1 kg → EF acidification 0.1 × 1.31 = 0.131 mol H+ eq. */
const hand = {
  schemaVersion: 1, id: 'hand-lca', name: 'Hand-worked LCA', functionalUnit: { amount: 1, unit: 'item' }, gwp: 'AR5',
  factors: [
    { id: 'boiler', unit: 'MJ', gases: { CO2: 0.05, 'CH4-fossil': 0.0001, N2O: 0.00001 }, category: 'fuel', source: 'hand (test)' },
    { id: 'wood', unit: 'kg', gases: { CO2: 1.8 }, biogenic: true, category: 'fuel', source: 'hand (test)' },
    { id: 'part', unit: 'kg', co2e: 3, category: 'material', source: 'hand (test)' },
    { id: 'wastewater', unit: 'm^3', flows: { 'water/fresh-water/phosphate': 0.002 }, category: 'waste', source: 'hand (test)' },
  ],
  inventory: [
    { stage: 'manufacture', factor: 'boiler', amount: '100 MJ' },
    { stage: 'manufacture', factor: 'wood', amount: '2 kg' },
    { stage: 'use', substance: 'CH4', amount: '0.01 kg' },
    { stage: 'manufacture', factor: 'part', amount: '0.5 kg' },
    { stage: 'manufacture', substance: 'air/urban/sulfur-dioxide', amount: '0.1 kg' },
    { stage: 'use', factor: 'wastewater', amount: '5 m^3' },
  ],
} as unknown as Product;

const kettle = JSON.parse(readFileSync(join(root, 'examples/electric-kettle.json'), 'utf8')) as Product;

describe('LCA report', async () => {
  const lcia = await bundledLcia(['EF 3.1', 'TRACI 2.2']);
  const methodFiles = await Promise.all(['ef-3.1', 'traci-2.2'].map((id) => methods.get(id)));
  const build = (result: CalculationResult, product: Product, lang: 'zh' | 'en') =>
    buildLcaReport(result, { lang, product, generatedAt, methods: methodFiles, datasets });
  const handResult = calculate(hand, library, { lcia });
  const kettleResult = calculate(kettle, library, { lcia, referenceYear: 2025 });
  const handZh = build(handResult, hand, 'zh');
  const handEn = build(handResult, hand, 'en');
  const kettleZh = build(kettleResult, kettle, 'zh');
  const kettleEn = build(kettleResult, kettle, 'en');

  const table = (rep: LcaReport, id: string): TableBlock => {
    const t = findTable(rep.document, id);
    expect(t, id).toBeDefined();
    return t!;
  };
  /** A category figure's number: the cell up to " + gap" / " + 缺口". */
  const figure = (cell: string) => cell.split(' + ')[0];

  it('prints every category total, stage value and top line as the result\'s value to 4 significant digits', () => {
    for (const rep of [handZh, handEn, kettleZh, kettleEn]) {
      const result = rep === handZh || rep === handEn ? handResult : kettleResult;
      for (const m of result.impacts!) {
        const overview = table(rep, `impacts-${m.method.id}`);
        m.categories.forEach((c, i) => {
          const row = overview.rows[i]!;
          expect(row[2]).toBe(c.unit);
          if (c.coverage.lines > 0) expect(figure(row[1]!), `${m.method.id}/${c.id}`).toBe(formatSignificant(c.total));
          const stages = table(rep, `stages-${m.method.id}-${c.id}`);
          STAGES.forEach((s, k) => {
            if (c.byStage[s] !== undefined) expect(figure(stages.rows[k]![1]!), `${c.id} ${s}`).toBe(formatSignificant(c.byStage[s]!));
          });
          const top = findTable(rep.document, `top-${m.method.id}-${c.id}`);
          const nonZero = c.lines.filter((l) => l.value !== 0);
          expect(top?.rows.length ?? 0).toBe(Math.min(5, nonZero.length));
          top?.rows.forEach((r, k) => {
            const line = nonZero[k]!; // the engine lists them largest first
            expect(r[3]).toBe(formatSignificant(line.value));
            expect(result.lines[Number(r[0]) - 1]!.path).toBe(line.path);
          });
        });
        // The JSON keeps the exact values.
        const data = rep.data.impacts.find((x) => x.method.id === m.method.id)!;
        expect(data.categories.map((c) => c.total)).toEqual(m.categories.map((c) => c.total));
      }
    }
    // Independent of the engine's own figures: EF 3.1 acidification = 0.1 kg SO2 × 1.31 mol H+ eq/kg.
    expect(table(handEn, 'impacts-ef-3.1').rows.find((r) => r[0] === 'Acidification')!.slice(1, 3)).toEqual(['0.131 + gap', 'mol H+ eq']); // the CO2e-only part (line 4) is a gap
    // Freshwater eutrophication: 5 m3 × 0.002 kg phosphate × 0.33 kg P eq/kg = 0.0033, on line 6 only.
    expect(table(handEn, 'top-ef-3.1-eutrophication-freshwater').rows).toEqual([['6', 'wastewater', 'wastewater', '0.0033', '100.0 %', '[1]']]);
  });

  it('prints the inventories as the result\'s: materials, packaging apart, end of life with the unrouted mass, energy, emissions', () => {
    const inv = kettleResult.inventory!;
    const materials = table(kettleEn, 'materials');
    expect(materials.rows.map((r) => r[2])).toEqual(inv.materials.filter((m) => m.class === 'material').map((m) => formatSignificant(m.amount)));
    expect(materials.footer![0]![2]).toBe(formatSignificant(inv.totals.materialKg));
    expect(table(kettleEn, 'packaging').rows.map((r) => r[2])).toEqual(inv.materials.filter((m) => m.class === 'packaging').map((m) => formatSignificant(m.amount)));
    expect(table(kettleEn, 'packaging').footer![0]![2]).toBe(formatSignificant(inv.totals.packagingKg));
    expect(table(kettleZh, 'materials').rows.map((r) => r[1])).toEqual(['原生', '原生', '原生', '原生']);
    expect(table(kettleEn, 'end-of-life').rows.map((r) => [r[0], r[2]])).toEqual(inv.endOfLife.map((e) => [e.route === 'energyRecovery' ? 'energy recovery' : e.route, formatSignificant(e.amount)]));
    const electricity = table(kettleEn, 'electricity');
    expect(electricity.rows.map((r) => [r[3], r[4]])).toEqual(inv.energy.map((e) => [`${formatSignificant(e.amount)} kWh`, formatSignificant(e.finalMJ!)]));
    expect(table(kettleEn, 'emissions').rows.map((r) => [r[0], r[1], r[3]])).toEqual(inv.emissions.map((e) => [e.substance, e.compartment, `${formatSignificant(e.amount)} kg`]));
    // Emissions by flow and compartment from the product's own flows.
    expect(table(handZh, 'emissions').rows.some((r) => r[0]!.includes('air/urban/sulfur-dioxide') && r[1] === '大气' && r[3] === '0.1 kg')).toBe(true);

    // A component with half its mass routed: the rest shows as unrouted mass, flagged.
    const p = structuredClone(kettle);
    p.components![3]!.endOfLife![0]!.share = 0.5;
    const r = calculate(p, library, { referenceYear: 2025 });
    const rep = buildLcaReport(r, { lang: 'zh', product: p });
    const eol = table(rep, 'end-of-life');
    const unrouted = eol.rows.findIndex((row) => row[0] === '未指定去向（无处理路径的质量）');
    expect(eol.rows[unrouted]![2]).toBe('0.06');
    expect(eol.tones![unrouted]).toBe('warn');
    expect(eol.note).toBe('0.06 kg 材料没有报废处理路径（未指定去向），报废阶段不完整。');
    // No method: inventories only, said so.
    expect(rep.data.limitations.join('\n')).toContain('本报告只有清单');
  });

  it('flags POOR coverage in the overview, the category section and the summary', () => {
    const overview = table(kettleZh, 'impacts-ef-3.1');
    const i = kettleResult.impacts![0]!.categories.findIndex((c) => c.id === 'acidification');
    expect(kettleResult.impacts![0]!.categories[i]!.coverage.poor).toBe(true);
    expect(overview.rows[i]![5]).toBe('覆盖不足（POOR）');
    expect(overview.rows[i]![1]).toBe('0 + 缺口');
    expect(overview.tones![i]).toBe('warn');
    const section = kettleZh.document.sections.find((s) => s.id === 'impacts')!.subsections![0]!.subsections!.find((s) => s.id === 'impact-ef-3.1-acidification')!;
    expect(section.blocks[0]!.type === 'fields' && section.blocks[0]!.rows[0]).toEqual(['结果', '0 mol H+ eq + 缺口（不完整，是下限）']);
    expect(section.blocks.some((b) => b.type === 'notice' && b.text.startsWith('覆盖不足（POOR）：该类别只计入占气候结果 0.1 % 的清单行，20 行未计入'))).toBe(true);
    const enOverview = table(kettleEn, 'impacts-ef-3.1');
    expect(enOverview.rows[i]![5]).toBe('POOR coverage');
    expect(JSON.stringify(kettleEn.document.sections[0])).toMatch(/categories have POOR coverage/);
    // Adequate coverage is not flagged: climate change counts every line (3 through flows, 20 by proxy).
    const climate = kettleResult.impacts![0]!.categories.findIndex((c) => c.id === 'climate-change');
    expect(enOverview.rows[climate]!.slice(3)).toEqual(['3 / 23 (+20 proxy)', '0.1 % + proxy 99.9 %', 'adequate']);
    // The hand product: TRACI acidification counts every line that has flows; the CO2e-only part is its one gap.
    const handAcid = handResult.impacts![1]!.categories.find((c) => c.id === 'acidification')!;
    expect(handAcid.coverage.poor).toBe(false);
    expect(table(handEn, 'impacts-traci-2.2').rows.find((r) => r[0] === 'Acidification')![5]).toBe('adequate');
  });

  it('writes gaps as gaps: missing categories, stages whose lines have no factor, uncharacterised gases, unmapped substances', () => {
    const ef = kettleResult.impacts!.find((m) => m.method.id === 'ef-3.1')!;
    expect(ef.missingCategories.map((x) => x.id)).toContain('human-toxicity-cancer');
    for (const rep of [kettleZh, kettleEn]) {
      const overview = table(rep, 'impacts-ef-3.1');
      const row = overview.rows.find((r) => r[0] === 'Human toxicity, cancer')!;
      expect(row.slice(1, 3)).toEqual([rep.lang === 'zh' ? '缺口' : 'gap', 'CTUh']);
      expect(overview.tones![overview.rows.indexOf(row)]).toBe('fail');
      const missing = table(rep, 'missing-ef-3.1');
      expect(missing.rows.map((r) => r[0])).toEqual(ef.missingCategories.map((x) => x.name));
      expect(missing.rows[0]![2]).toContain('absent from the snapshot');
    }
    // TRACI's removed categories.
    expect(table(kettleEn, 'missing-traci-2.2').rows.map((r) => r[0])).toEqual(['Eutrophication', 'Fossil fuel depletion']);
    // A stage whose every line is left out is a gap, not 0; a stage with no lines is "—".
    const stages = table(kettleZh, 'stages-ef-3.1-acidification');
    expect(stages.rows.map((r) => r[1])).toEqual(['缺口', '缺口', '缺口', '0', '缺口', '0 + 缺口']);
    const handStages = table(handEn, 'stages-ef-3.1-acidification');
    expect(handStages.rows.map((r) => r[1])).toEqual(['—', '0.131 + gap', '—', '—', '0', '—']);
    // No figure anywhere reads a bare 0 for a category whose lines were all left out.
    for (const m of kettleZh.data.impacts) for (const c of m.categories) if (c.gap) expect(table(kettleZh, `impacts-${m.method.id}`).rows[m.categories.indexOf(c)]![1]).toBe('缺口');
    // Methane of unstated origin now has EF 3.1's fossil-methane factor (datasets/mappings/manual/ef-3.1.csv): no longer a gap.
    const gaps = kettleEn.document.sections.find((s) => s.id === 'impacts')!.subsections![0]!.subsections!.find((s) => s.id === 'impact-ef-3.1-gaps')!;
    expect(JSON.stringify(gaps)).not.toContain('air/unspecified/methane');
    expect(ef.categories.find((c) => c.id === 'climate-change')!.coverage.uncharacterised).toEqual([]);
    expect(kettleEn.data.limitations.join('\n')).toMatch(/Lines 1–19, 22|lines 1–19, 22/);
  });

  it('names the data sources: datasets with licences, methods with edition, licence and attribution verbatim', () => {
    const sources = JSON.stringify(kettleZh.document.sections.find((s) => s.id === 'data'));
    expect(sources).toContain('OGL-UK-3.0');
    expect(sources).toContain('Contains public sector information licensed under the Open Government Licence v3.0');
    expect(sources).toContain(methodFiles[0]!.edition);
    expect(sources).toContain(JSON.stringify(methodFiles[0]!.licences[0]!.attribution).slice(1, -1));
    expect(sources).toContain('US-PD');
    expect(sources).toContain('Bare, J. (2011) TRACI 2.0');
    expect(kettleZh.data.datasets.find((d) => d.id === 'ipcc-gwp')!.licences.map((l) => l.id)).toEqual(bundledSubstances.licences.map((l) => l.id));
    // Every line cites a numbered source carrying its factor.
    const lines = table(kettleEn, 'lines');
    expect(lines.rows).toHaveLength(kettleResult.lines.length);
    for (const l of kettleEn.data.lines) expect(kettleEn.data.citations[l.ref - 1]!.factors).toContain(l.factor ?? l.substance);
  });

  it('is Chinese throughout in zh: every heading, caption, column and field label (category names without a zh name are marked)', async () => {
    // Every bundled category has a Chinese name (method data, mappings/manual/category-names-zh.csv).
    const english = new Set(kettleZh.data.impacts.flatMap((m) => m.categories.filter((c) => !c.translated).map((c) => c.nameEn)));
    expect([...english]).toEqual([]);
    const cjk = /[\u4e00-\u9fff]/;
    const allowed = new Set(['#', '[n]', 'kg', 'kg CO2e', ...kettleZh.data.impacts.flatMap((m) => m.categories.map((c) => c.unit))]);
    const bad: string[] = [];
    const walk = (s: Section) => {
      const marked = /^(.*)（英文原名）$/.exec(s.heading);
      if (marked ? !english.has(marked[1]!) : !cjk.test(s.heading)) bad.push(`heading ${s.heading}`);
      for (const b of s.blocks) {
        if (b.type === 'table') {
          for (const c of b.columns) if (!cjk.test(c.label) && !allowed.has(c.label)) bad.push(`column ${c.label}`);
          if (b.caption && !cjk.test(b.caption)) bad.push(`caption ${b.caption}`);
          if (b.note && !cjk.test(b.note)) bad.push(`note ${b.note}`);
        }
        if (b.type === 'fields') for (const [label] of b.rows) if (!cjk.test(label)) bad.push(`field ${label}`);
        if ((b.type === 'paragraph' || b.type === 'notice') && !cjk.test(b.text)) bad.push(`text ${b.text}`);
        if (b.type === 'figures') for (const f of b.items) if (!cjk.test(f.label)) bad.push(`figure ${f.label}`);
      }
      for (const sub of s.subsections ?? []) walk(sub);
    };
    for (const rep of [kettleZh, handZh]) rep.document.sections.forEach(walk);
    expect(bad).toEqual([]);
    for (const item of kettleZh.data.limitations) expect(item).toMatch(cjk);
    expect(kettleZh.document.sections.map((s) => s.heading)).toEqual([
      '摘要', '基本信息', '目的与范围', '系统边界', '数据来源', '生命周期清单', '生命周期影响评价', '清单行与因子', '警告', '局限性与解释', '参考文献',
    ]);
    expect(kettleZh.document.title).toBe('生命周期评价报告');
    expect(table(kettleZh, 'impacts-ef-3.1').note ?? '').not.toContain('保留英文原名');
    expect(kettleZh.data.impacts.find((m) => m.method.id === 'ef-3.1')!.categories.find((c) => c.id === 'acidification')!.name).toBe('酸化');
    // A zh name from the method file is used.
    const ar6 = buildLcaReport(calculate(kettle, library, { lcia: await bundledLcia(['AR6']), referenceYear: 2025 }), { lang: 'zh', product: kettle });
    expect(table(ar6, 'impacts-ipcc-ar6').rows[0]![0]).toBe('气候变化，100年全球增温潜势（IPCC AR6）');
  });

  it('is a valid document; the HTML renders it; the CFP report stays climate-only', () => {
    expect(validate(ReportDocument, JSON.parse(JSON.stringify(kettleZh.document))).ok).toBe(true);
    expect(validate(ReportDocument, handEn.document).ok).toBe(true);
    for (const report of [kettleZh, handEn]) {
      const checked = validate(LcaReport, JSON.parse(JSON.stringify(report)));
      expect(checked.ok ? [] : checked.issues).toEqual([]);
    }
    const html = renderHtml(kettleZh.document);
    expect(html).toContain('<h1>生命周期评价报告</h1>');
    expect(html).toContain('覆盖不足（POOR）');
    const cfp = JSON.stringify(buildCfpReport(kettleResult, { lang: 'en', product: kettle, generatedAt }));
    expect(cfp).not.toMatch(/Acidification|Eutrophication|EF 3\.1/);
    expect(kettleZh.document.sections.map((s) => s.number)).toEqual(['', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect([...blocks(kettleZh.document)].length).toBeGreaterThan(50);
  });

  it('renders a Chinese PDF; page 1 as PNG (test-artifacts/reports/lca-kettle-zh-1.png)', { timeout: 120_000 }, async () => {
    mkdirSync(artifacts, { recursive: true });
    const pdf = join(artifacts, 'lca-kettle-zh.pdf');
    writeFileSync(pdf, await reportToPdf(kettleZh));
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const png = spawnSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, join(artifacts, 'lca-kettle-zh-1')], { encoding: 'utf8' });
    expect(png.error, 'pdftoppm (Debian poppler-utils)').toBeUndefined();
    expect(png.status).toBe(0);
    expect(statSync(join(artifacts, 'lca-kettle-zh-1.png')).size).toBeGreaterThan(20_000);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('生命周期评价报告');
    expect(text).toContain('覆盖不足（POOR）');
    expect(text).toMatch(/Human toxicity, cancer\s+缺口\s+CTUh/);
  });

  it('lineRanges joins runs', () => {
    expect(lineRanges([5, 1, 2, 3, 7, 8, 10])).toBe('1–3, 5, 7–8, 10');
    expect(lineRanges([])).toBe('');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { calculate, createLibrary, Decimal } from '@greenlca/engine';
import { bundledFactorDatasets, bundledSubstances } from '@greenlca/datasets';
import { STAGES, type CalculationResult } from '@greenlca/schema';
import { checkProductFootprint } from '../../packages/pact/src/index.js';
import { formatCo2e, formatKg } from '../../packages/report/src/index.js';

/**
 * The `greenlca report` and `greenlca pact` commands end to end: PDFs are rendered to PNG with
 * pdftoppm (Debian poppler-utils) and their text read with pdftotext; PNGs stay in
 * test-artifacts/reports/ (ignored by git) for people to look at.
 */

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'packages/cli/bin/greenlca.mjs');
const artifacts = join(root, 'test-artifacts/reports');
const kettleFile = 'examples/electric-kettle.json';

function greenlca(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: root, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tool(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd} is not installed (Debian package poppler-utils): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

function pageCount(pdf: string): number {
  return Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [pdf]))![1]);
}

/** Share of dark pixels on a page, from a grey-scale render (PGM, P5). */
function inkShare(pdf: string, page: number): number {
  const base = join(artifacts, `ink-${process.pid}`);
  tool('pdftoppm', ['-gray', '-r', '30', '-f', String(page), '-l', String(page), '-singlefile', pdf, base]);
  const pgm = readFileSync(`${base}.pgm`);
  rmSync(`${base}.pgm`);
  // Header: "P5\n<w> <h>\n<max>\n", then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  let dark = 0;
  for (let i = 0; i < w * h; i++) if (pixels[i]! < 160) dark++;
  return dark / (w * h);
}

/** Render every page to PNG for a person to look at; returns the files. */
function toPng(pdf: string, name: string): string[] {
  for (const f of readdirSync(artifacts)) if (f.startsWith(`${name}-`) && f.endsWith('.png')) rmSync(join(artifacts, f));
  tool('pdftoppm', ['-png', '-r', '60', pdf, join(artifacts, name)]);
  return readdirSync(artifacts).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'));
}

let kettle: CalculationResult;

beforeAll(() => {
  mkdirSync(artifacts, { recursive: true });
  const library = createLibrary(bundledFactorDatasets, bundledSubstances);
  kettle = calculate(JSON.parse(readFileSync(join(root, kettleFile), 'utf8')), library, { referenceYear: new Date().getUTCFullYear() });
});

describe('greenlca report --kind cfp', { timeout: 120_000 }, () => {
  it('writes a Chinese PDF whose pages render, are not blank, and whose text has the headings and the total', () => {
    const pdf = join(artifacts, 'kettle-cfp-zh.pdf');
    const r = greenlca(['report', kettleFile, '--kind', 'cfp', '--format', 'pdf', '--lang', 'zh', '--out', pdf]);
    expect(r.stderr).toContain('wrote');
    expect(r.code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(toPng(pdf, 'kettle-cfp-zh')).toHaveLength(pages);
    for (let p = 1; p <= pages; p++) expect(inkShare(pdf, p), `page ${p} looks blank`).toBeGreaterThan(0.002);
    // The Chinese font is embedded as a subset.
    expect(tool('pdffonts', [pdf])).toMatch(/[A-Z]{6}\+NotoSans\S*CJK\S*\s.*\byes\s+yes\b/);
    const text = tool('pdftotext', ['-layout', pdf, '-']);
    for (const heading of ['产品碳足迹报告', '产品碳足迹', '目的与范围', '基准流', '系统边界', '原材料获取和预处理', '寿命末期', '数据来源与数据质量',
      '分配、取舍准则与价值选择', '取舍准则', '价值选择', '按生命周期阶段', '不确定性与敏感性分析', '龙卷风图', '局限性与解释', '参考文献']) {
      expect(text).toContain(heading);
    }
    // Printed to 4 significant digits (the JSON below keeps every digit).
    expect(text).toContain(formatCo2e(kettle.total.kgCO2e));
    // Sources by publisher: no GitHub copy of the GWP values, no internal factor id.
    expect(text).not.toMatch(/github\.com|desnz-2025\//);
    expect(text).toContain(`第 1 页 / 共 ${pages} 页`);
    expect(text).toContain('IPCC AR6');
    expect(text).toContain(kettle.engine.version);
  });

  it('writes the English report as HTML and the JSON whose totals are the engine\'s to the last digit', () => {
    const html = greenlca(['report', kettleFile, '--format', 'html', '--lang', 'en']);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('<h1>Product Carbon Footprint Report</h1>');
    expect(html.stdout).toContain(formatCo2e(kettle.total.kgCO2e));
    const out = join(artifacts, 'kettle-cfp-en.json');
    const json = greenlca(['report', kettleFile, '--lang', 'en', '--out', out]);
    expect(json.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.kind).toBe('cfp');
    expect(report.data.total).toEqual(kettle.total);
    expect(report.data.byStage.map((s: { kgCO2e: number }) => s.kgCO2e)).toEqual(STAGES.map((s) => kettle.byStage[s].kgCO2e));
    expect(report.data.lines).toHaveLength(kettle.lines.length);
    expect(report.data.citations.length).toBeGreaterThan(1);
    for (const line of report.data.lines) expect(report.data.citations[line.ref - 1].factors).toContain(line.factor ?? line.substance);
  });

  it('says which font to install when none can be found', () => {
    const r = greenlca(['report', kettleFile, '--out', join(artifacts, 'no-font.pdf')], { GREENLCA_CJK_FONT: '/nonexistent/font.ttc' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('fonts-noto-cjk');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('greenlca report --kind ecodesign', { timeout: 120_000 }, () => {
  it('writes the Chinese self-evaluation PDF with the requirement and indicator tables, the LCA summary and the conclusion', () => {
    const pdf = join(artifacts, 'kettle-ecodesign-zh.pdf');
    const r = greenlca(['report', 'examples/electric-kettle-evaluation.json', '--kind', 'ecodesign', '--lang', 'zh', '--out', pdf]);
    expect(r.stderr).toContain('wrote');
    expect(r.code).toBe(0);
    const pages = pageCount(pdf);
    expect(toPng(pdf, 'kettle-ecodesign-zh')).toHaveLength(pages);
    for (let p = 1; p <= pages; p++) expect(inkShare(pdf, p), `page ${p} looks blank`).toBeGreaterThan(0.002);
    const text = tool('pdftotext', ['-layout', pdf, '-']);
    for (const heading of ['绿色设计产品自评价报告', '基本要求符合性', '评价指标符合性', '产品生命周期评价', '评价结论', 'GB/T 32161-2015']) expect(text).toContain(heading);
    expect(text).toContain(formatKg(kettle.total.kgCO2e));
  });

  it('writes the English JSON with the evaluation and the engine\'s LCA totals', () => {
    const r = greenlca(['report', 'examples/electric-kettle-evaluation.json', '--kind', 'ecodesign', '--lang', 'en', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.data.evaluation.kind).toBe('product');
    expect(report.data.lca.total).toEqual(kettle.total);
    expect(report.document.title).toBe('Eco-design Product Self-evaluation Report');
  });

  it('writes the GB/T 36132-2018 factory report: second-level indicators, the evidence each item rests on, the source of a declared 基准值, weights labelled illustrative, incomplete not green', () => {
    const pdf = join(artifacts, 'factory-2018-zh.pdf');
    const r = greenlca(['report', 'examples/green-factory-2018-evaluation.json', '--kind', 'ecodesign', '--lang', 'zh', '--out', pdf]);
    expect(r.code).toBe(0);
    const pages = pageCount(pdf);
    expect(toPng(pdf, 'factory-2018-zh')).toHaveLength(pages);
    const text = tool('pdftotext', ['-layout', pdf, '-']);
    for (const s of ['绿色工厂自评价报告', '依据与证据', '二级指标', '温室气体排放', '有害物质限制使用', '原料无害化', '得分（示意权重）', '权重为示意值']) expect(text, s).toContain(s);
    // The 产品 and 温室气体排放 items rest on the factory's products and inventory:
    // 120 000 m³ × 2.16 + 8 500 000 kWh × 0.5306 = 259 200 + 4 510 100 = 4 769 300 kgCO2e.
    expect(text).toContain('由工厂温室气体清单得出');
    expect(text.replace(/\s+/g, '')).toContain('GB/T32150-2015,2025:4769300kgCO2e');
    expect(text.replace(/\s+/g, '')).toContain('CFPreportCFP-2025-07');
    expect(text.replace(/\s+/g, '')).toContain('申报：examplelocalrule,table3(illustrative)');
    // The verdict is incomplete, and its box is amber (the emphasised figure is not green).
    expect(text).toContain('不完整');
  });
});

describe('greenlca pact', { timeout: 120_000 }, () => {
  it('exports a cradle-to-gate ProductFootprint that validates, with exact decimal strings', () => {
    // The kettle's materials (bundled DESNZ factors) state no carbon content: refused, not a false 0.
    const unknown = greenlca(['pact', 'export', kettleFile, '--company', 'Demo Kettle Co.', '--company-id', 'urn:pact:kettle.example:company-id:1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('PACT_CARBON_CONTENT_UNKNOWN');
    const r = greenlca(['pact', 'export', kettleFile, '--company', 'Demo Kettle Co.', '--company-id', 'urn:pact:kettle.example:company-id:1',
      '--product-id', 'urn:pact:kettle.example:product-id:k17', '--fossil-carbon-content', '0.43']);
    expect(r.code).toBe(0);
    const pf = JSON.parse(r.stdout);
    expect(checkProductFootprint(pf).ok).toBe(true);
    // exact decimal sums of the engine's figures, to 15 significant digits
    const gate = ['design', 'manufacture', 'packaging'] as const;
    const expected = gate.reduce((s, st) => s.plus(kettle.byStage[st].kgCO2e), new Decimal(0));
    expect(pf.pcf.pcfExcludingBiogenicUptake).toBe(expected.toSignificantDigits(15).toFixed());
    expect(pf.pcf.packagingGhgEmissions).toBe(new Decimal(kettle.byStage.packaging.kgCO2e).toSignificantDigits(15).toFixed());
    // transport 0.19473560563342318 as a double; "0.194735605633423" in PACT
    expect(pf.pcf.outboundLogisticsGhgEmissions).toBe('0.194735605633423');
    expect(pf.pcf.fossilCarbonContent).toBe('0.43');
    expect(pf.pcf.ccsTechnologicalCO2CaptureIncluded).toBe(false);
    expect(pf.pcf.crossSectoralStandards).not.toContain('ISO14067');
    expect(pf.companyName).toBe('Demo Kettle Co.');
    expect(r.stderr).not.toContain('PACT_PLACEHOLDER_ID');
  });

  it('exports the whole life cycle: pcfExcludingBiogenicUptake and fossilGhgEmissions equal the engine totals', () => {
    const out = join(artifacts, 'kettle.pact.json');
    const r = greenlca(['pact', 'export', kettleFile, '--boundary', 'cradle-to-grave', '--fossil-carbon-content', '0.43', '--out', out]);
    expect(r.code).toBe(0);
    const pf = JSON.parse(readFileSync(out, 'utf8'));
    expect(checkProductFootprint(pf).ok).toBe(true);
    expect(pf.pcf.pcfExcludingBiogenicUptake).toBe(new Decimal(kettle.total.kgCO2e).toSignificantDigits(15).toFixed());
    expect(pf.pcf.fossilGhgEmissions).toBe(new Decimal(kettle.total.fossilKgCO2e).toSignificantDigits(15).toFixed());
    expect(r.stderr).toContain('companyName/companyIds');
    expect(r.stderr).toContain('warning: PACT_PLACEHOLDER_ID /companyIds/0');
  });

  it('tells the kettle\'s origin split the same way in calc --format json, the CFP report and the PACT export', () => {
    const calc = JSON.parse(greenlca(['calc', kettleFile, '--format', 'json']).stdout) as CalculationResult;
    const cfp = JSON.parse(greenlca(['report', kettleFile, '--kind', 'cfp', '--format', 'json', '--lang', 'en']).stdout);
    const r = greenlca(['pact', 'export', kettleFile, '--boundary', 'cradle-to-grave', '--fossil-carbon-content', '0.43']);
    expect(r.code).toBe(0);
    const pf = JSON.parse(r.stdout);
    // By hand from the DESNZ 2025 flat file: the only factors with a gas split are the freight ones, kg CO2e (AR5) of
    // CO2 / CH4 / N2O per t·km: HGV average laden rows 27_304_3140_14_2..4 = 0.10012 / 0.00002 / 0.00149, rail freight
    // rows 27_315_3151_14_2..4 = 0.02749 / 0.00002 / 0.00028; with AR6 (CH4 27.9 for 28, N2O 273 for 265) per t·km
    // HGV 0.10012 + 0.00002 × 27.9/28 + 0.00149 × 273/265 and rail likewise; HGV 1.35 kg × 1200 km + 0.9 kg × 50 km
    // = 1.665 t·km, rail 1.35 kg × 800 km = 1.08 t·km → fossil 0.19931097657008087. Every other factor (DESNZ material
    // and waste, MEE's 2024 electricity footprint) is a CO2e total: not split. Nothing comes from biomass.
    const hgv = new Decimal('0.10012').plus(new Decimal('0.00002').div(28).times('27.9')).plus(new Decimal('0.00149').div(265).times(273));
    const rail = new Decimal('0.02749').plus(new Decimal('0.00002').div(28).times('27.9')).plus(new Decimal('0.00028').div(265).times(273));
    const fossilByHand = hgv.times('1.665').plus(rail.times('1.08'));
    expect(calc.total.fossilKgCO2e).toBeCloseTo(fossilByHand.toNumber(), 15);
    expect(calc.total.fossilKgCO2e).toBe(0.19931097657008087);
    expect(calc.total.biogenicKgCO2e).toBe(0);
    expect(calc.total.notSplitKgCO2e).toBeCloseTo(new Decimal(calc.total.kgCO2e).minus(fossilByHand).toNumber(), 10);
    // the three add up exactly to the total
    expect(new Decimal(calc.total.fossilKgCO2e).plus(calc.total.biogenicKgCO2e).plus(calc.total.notSplitKgCO2e).toNumber()).toBe(calc.total.kgCO2e);
    // the CFP report: the same numbers
    expect(cfp.data.origin).toEqual({
      fossilKgCO2e: calc.total.fossilKgCO2e, biogenicKgCO2e: 0, notSplitKgCO2e: calc.total.notSplitKgCO2e, biogenicDetail: calc.total.biogenicDetail,
    });
    // PACT: fossilGhgEmissions is the fossil part; the origin extension carries all three
    const d15 = (x: number) => new Decimal(x).toSignificantDigits(15).toFixed();
    expect(pf.pcf.fossilGhgEmissions).toBe(d15(calc.total.fossilKgCO2e));
    expect(pf.pcf.pcfIncludingBiogenicUptake).toBe(d15(calc.total.kgCO2e));
    expect(pf.extensions[0].data).toMatchObject({
      fossilKgCO2e: d15(calc.total.fossilKgCO2e), notSplitKgCO2e: d15(calc.total.notSplitKgCO2e),
      biogenicCO2EmissionsKgCO2e: '0', biogenicCO2RemovalsKgCO2e: '0', biogenicNonCO2KgCO2e: '0',
    });
    expect(pf.pcf.biogenicNonCO2Emissions).toBeUndefined(); // unknown: 351.89 kg CO2e are of unknown origin
  });

  it('imports a supplier footprint as a factor that gives mass × value as a component material (0.45 kg × 1.85 = 0.8325)', () => {
    const dir = join(artifacts, 'pact-import');
    mkdirSync(dir, { recursive: true });
    const pcfFile = join(dir, 'supplier.json');
    writeFileSync(pcfFile, JSON.stringify({
      data: [{
        id: '3f1c2a9e-8b7d-4c6e-9a5f-1e2d3c4b5a69', specVersion: '3.0.0', created: '2025-03-01T00:00:00Z', status: 'Active',
        companyName: 'Ningbo Polymer Co.', companyIds: ['urn:pact:polymer.example:company-id:91330200'],
        productDescription: 'PP homopolymer', productIds: ['urn:pact:polymer.example:product-id:PP-H1500'], productNameCompany: 'PP H1500',
        pcf: {
          declaredUnitOfMeasurement: 'kilogram', declaredUnitAmount: '10', productMassPerDeclaredUnit: '10',
          referencePeriodStart: '2024-01-01T00:00:00Z', referencePeriodEnd: '2025-01-01T00:00:00Z', geographyCountry: 'CN',
          pcfExcludingBiogenicUptake: '18.5', pcfIncludingBiogenicUptake: '18.5', fossilCarbonContent: '8.5', fossilGhgEmissions: '18.2',
          ipccCharacterizationFactors: ['AR6'], crossSectoralStandards: ['ISO14067'], exemptedEmissionsPercent: '0',
        },
      }],
    }));
    const productFile = join(dir, 'body.json');
    writeFileSync(productFile, JSON.stringify({
      schemaVersion: 1, id: 'body', name: 'Kettle body', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', year: 2025,
      components: [{ id: 'body', material: 'supplier/pp-h1500', mass: '0.45 kg' }],
    }));
    const merged = join(dir, 'body-with-factor.json');
    const r = greenlca(['pact', 'import', pcfFile, '--id', 'supplier/pp-h1500', '--into', productFile, '--out', merged]);
    expect(r.stderr).toContain('18.5 ÷ 10 = 1.85');
    expect(r.code).toBe(0);
    const calc = greenlca(['calc', merged, '--format', 'json']);
    expect(calc.code).toBe(0);
    expect(JSON.parse(calc.stdout).total.kgCO2e).toBe(0.8325);
  });

  it('rejects a malformed footprint with JSON pointers and exit code 1', () => {
    const file = join(artifacts, 'bad-pcf.json');
    writeFileSync(file, JSON.stringify({ id: 'x', specVersion: '3.0.0', pcf: { declaredUnitAmount: 10 } }));
    const r = greenlca(['pact', 'import', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    for (const path of ['/id', '/companyName', '/pcf/declaredUnitAmount', '/pcf/pcfExcludingBiogenicUptake']) expect(r.stderr).toContain(path);
  });
});

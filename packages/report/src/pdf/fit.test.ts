import { describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { kettle, testLibrary } from '../../../pact/src/testing/fixtures.js';
import { buildCfpReport } from '../cfp/index.js';
import { blocks, type ReportDocument } from '../document.js';
import { renderHtml } from '../html.js';
import { breakRuns, cutText, ELLIPSIS, fitForPdf, PDF_MAX_RUN, PDF_TEXT_LIMITS } from './fit.js';
import { renderPdf } from './render.js';

const graphemes = (s: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);
/** Every text the PDF would place. */
function texts(d: ReportDocument): string[] {
  const out = [d.title, d.subtitle ?? '', d.footer, ...d.meta.flat()];
  const walk = (s: ReportDocument['sections'][number]): void => { out.push(s.heading); s.subsections?.forEach(walk); };
  d.sections.forEach(walk);
  for (const { block } of blocks(d)) out.push(...JSON.stringify(block).match(/"(?:[^"\\]|\\.)*"/g)!.map((q) => JSON.parse(q) as string));
  return out;
}

describe('texts fit for the PDF', () => {
  it('cuts a text past its limit at a grapheme boundary, with an ellipsis, and leaves a short one alone', () => {
    expect(cutText('short', 10)).toEqual({ text: 'short', cut: false });
    const comb = 'e\u0301'.repeat(3000);
    const c = cutText(comb, 101);
    expect(c.cut).toBe(true);
    expect(c.text.length).toBeLessThanOrEqual(101);
    expect(c.text.endsWith(ELLIPSIS)).toBe(true);
    // No accent cut from its letter, no half surrogate pair.
    expect(graphemes(c.text.slice(0, -1)).every((g) => g === 'e\u0301')).toBe(true);
    expect(cutText('😀'.repeat(100), 52).text).toBe(`${'😀'.repeat(25)}${ELLIPSIS}`);
  });

  it('breaks runs without a break opportunity into lines and leaves words, URLs and Chinese alone', () => {
    const run = 'x'.repeat(PDF_MAX_RUN * 3 + 7);
    expect(breakRuns(run).split('\n').map((l) => l.length)).toEqual([PDF_MAX_RUN, PDF_MAX_RUN, PDF_MAX_RUN, 7]);
    expect(breakRuns(`a ${run} b`).replace(/\n/g, '')).toBe(`a ${run} b`);
    const comb = breakRuns('e\u0301'.repeat(200));
    expect(comb.split('\n').every((l) => l.length <= PDF_MAX_RUN && graphemes(l).every((g) => g === 'e\u0301'))).toBe(true);
    const ordinary = 'https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2025 产品碳足迹'.repeat(3) + ' 碳'.repeat(100);
    expect(breakRuns(ordinary)).toBe(ordinary);
  });

  const lib = testLibrary();
  const product = { ...kettle(), name: 'e\u0301'.repeat(3000) };
  const report = buildCfpReport(calculate(product, lib), { lang: 'en', product, generatedAt: '2025-06-01T08:00:00Z' });

  it('cuts every text of a report to its limit, says so on the cover, and the HTML keeps the full name', () => {
    const { document, shortened } = fitForPdf(report.document);
    expect(shortened).toBeGreaterThan(0);
    const longest = Math.max(...Object.values(PDF_TEXT_LIMITS));
    for (const t of texts(document)) expect(t.replace(/\n/g, '').length).toBeLessThanOrEqual(longest);
    expect(document.subtitle!.replace(/\n/g, '').length).toBeLessThanOrEqual(PDF_TEXT_LIMITS.title);
    expect(document.subtitle!.endsWith(ELLIPSIS)).toBe(true);
    expect(document.footer.length).toBeLessThanOrEqual(PDF_TEXT_LIMITS.running + Math.ceil(PDF_TEXT_LIMITS.running / PDF_MAX_RUN));
    expect(document.meta.at(-1)).toEqual(['Note', `${shortened} texts are too long for this PDF and shortened (ending in "${ELLIPSIS}"); the HTML and JSON reports give them in full.`]);
    // The document is not changed in place, and the HTML has the name whole.
    expect(report.document.subtitle).toBe(product.name);
    expect(renderHtml(report.document)).toContain(product.name);
    const zh = fitForPdf({ ...report.document, lang: 'zh' }).document;
    expect(zh.meta.at(-1)![1]).toContain('HTML 与 JSON 格式的报告给出全文');
  });

  it('adds nothing to a report whose texts fit', () => {
    const plain = buildCfpReport(calculate(kettle(), lib), { lang: 'en', product: kettle(), generatedAt: '2025-06-01T08:00:00Z' });
    const { document, shortened } = fitForPdf(plain.document);
    expect(shortened).toBe(0);
    expect(document).toEqual(plain.document);
  });

  it('renders the PDF of a 220,000-character name in a few pages', async () => {
    const long = { ...kettle(), name: 'abcdefghij '.repeat(20_000) };
    const r = buildCfpReport(calculate(long, lib), { lang: 'en', product: long, generatedAt: '2025-06-01T08:00:00Z' });
    const pdf = Buffer.from(await renderPdf(r.document));
    const plain = Buffer.from(await renderPdf(buildCfpReport(calculate(kettle(), lib), { lang: 'en', product: kettle(), generatedAt: '2025-06-01T08:00:00Z' }).document));
    const pages = (b: Buffer) => b.toString('latin1').match(/\/Type \/Page\b/g)!.length;
    // Was 19.5 MB over hundreds of pages: the cut name (5,000 characters in the summary) adds a page or two.
    expect(pages(pdf)).toBeLessThanOrEqual(pages(plain) + 2);
    expect(pdf.length).toBeLessThan(plain.length * 2);
  }, 60_000);
});

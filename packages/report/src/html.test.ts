import { describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { kettle, testLibrary } from '../../pact/src/testing/fixtures.js';
import { buildCfpReport } from './cfp/index.js';
import { escapeHtml, renderHtml } from './html.js';

describe('HTML renderer', () => {
  it('escapes everything that comes from the product', () => {
    const p = { ...kettle(), name: 'Kettle <script>alert("x")</script> & co', description: "it's \"new\"" };
    const html = renderHtml(buildCfpReport(calculate(p, testLibrary()), { lang: 'en', product: p }).document);
    expect(html).not.toContain('<script>');
    expect(html).toContain('Kettle &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).toContain('it&#39;s &quot;new&quot;');
    expect(escapeHtml('<a href="x">')).toBe('&lt;a href=&quot;x&quot;&gt;');
  });

  it('writes a complete Chinese page with print CSS, the total and the stage table', () => {
    const p = kettle();
    const html = renderHtml(buildCfpReport(calculate(p, testLibrary()), { lang: 'zh', product: p, generatedAt: '2025-06-01T00:00:00Z' }).document);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('<h1>产品碳足迹报告</h1>');
    expect(html).toContain('350.6');
    expect(html).toMatch(/<table id="t-by-stage">.*<td>使用<\/td><td class="r">347\.9<\/td>/s);
    expect(html).toContain('2025年6月1日');
    expect(html).not.toMatch(/<script|https?:\/\/[^"]*\.(css|js)"/);
  });
});

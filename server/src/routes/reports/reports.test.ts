import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calculate } from '@greenlca/engine';
import { evaluate } from '@greenlca/ecodesign';
import { reportAnalyses } from '@greenlca/whatif';
import type { Product } from '@greenlca/schema';
import { findCjkFont } from '@greenlca/report/pdf';
import { kettle, testApp, type TestApp } from '../../testing/harness.js';
import { testBackends } from '../../storage/testing.js';

const hasCjkFont = (() => {
  try {
    findCjkFont();
    return true;
  } catch {
    return false;
  }
})();

// Evaluations and reports are stateless, except the report of a stored result (isolation.test.ts covers it per organisation).
describe('evaluations and reports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!);
  }, 120_000);
  afterAll(async () => t?.close());

  it('evaluates against a bundled specification exactly as @greenlca/ecodesign does', async () => {
    const request = { spec: 'gb-t-32161-2015', product: kettle() };
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/evaluations', request);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(JSON.parse(JSON.stringify(evaluate(request, { library: t.app.catalogue.library }))));
    const specs = (await t.call(undefined, 'GET', '/v1/specifications')).json().items.map((s: { id: string }) => s.id);
    expect(specs).toContain('gb-t-32161-2015');
    expect((await t.call(undefined, 'GET', '/v1/specifications/gb-t-32161-2015')).json().id).toBe('gb-t-32161-2015');
    // A product outside the specification's scope is a coded problem, not a verdict.
    const outOfScope = await t.call(t.orgA.keys.read, 'POST', '/v1/evaluations', { spec: 't-ceeia-280-2017', product: kettle({ name: 'Room air conditioner 3.5 kW' }) });
    expect(outOfScope.statusCode).toBe(422);
    expect(outOfScope.json().errors[0]).toMatchObject({ code: 'OUT_OF_SCOPE', pointer: '/product/name' });
    const unknown = await t.call(t.orgA.keys.read, 'POST', '/v1/evaluations', { spec: 'no-such-spec', product: kettle() });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors.length).toBeGreaterThan(0);
  });

  it('builds a carbon-footprint report whose total is the engine\'s, in JSON and HTML', async () => {
    const json = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp?lang=en', { product: kettle(), study: { company: 'Acme' } });
    expect(json.statusCode).toBe(200);
    const report = json.json();
    expect(report).toMatchObject({ kind: 'cfp', lang: 'en', generatedAt: '2026-06-01T00:00:00.000Z' });
    expect(JSON.stringify(report.data)).toContain(String(calculate(kettle(), t.app.catalogue.library, { referenceYear: 2026 }).total.kgCO2e).slice(0, 6));
    const html = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp?format=html&lang=zh', { product: kettle() });
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body).toContain('Electric kettle 1.7 L');
    expect(html.body).toMatch(/<html lang="zh-CN">/);
    const bad = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp', { product: kettle({ inventory: [{ stage: 'use', factor: 'x/y', amount: '1 kWh' }] }) });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].pointer).toBe('/product/inventory/0/factor');
  });

  it('states the uncertainty and sensitivity of the product with the numbers of @greenlca/whatif, seeded and bounded', async () => {
    const product = kettle();
    const body = { product, analyses: { runs: 200, seed: 7, percent: 20 } };
    const report = (await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp?lang=en', body)).json();
    const expected = reportAnalyses(product as Product, t.app.catalogue.library, { runs: 200, seed: 7, percent: 20 });
    expect(report.data.uncertainty).toMatchObject({ runs: 200, seed: 7, p5: expected.uncertainty!.baseline.total.p5, p95: expected.uncertainty!.baseline.total.p95 });
    expect(report.data.sensitivity.bars).toEqual(JSON.parse(JSON.stringify(expected.sensitivity.bars.slice(0, 10))));
    expect(report.data.sensitivity.percent).toBe(20);
    const none = (await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp?lang=en', { product, analyses: { runs: 0 } })).json();
    expect(none.data.uncertainty).toBeNull();
    const tooMany = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp', { product, analyses: { runs: 30_000 } });
    expect(tooMany.statusCode).toBe(400);
  });

  it.skipIf(!hasCjkFont)('renders a PDF with the CJK font of the machine', async () => {
    const pdf = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp?format=pdf', { product: kettle() });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it.skipIf(!hasCjkFont)('renders the PDF of a 3,000-grapheme name (the audit\'s 28 s) with the name cut and the cut said, the HTML whole', async () => {
    const product = kettle({ name: 'e\u0301'.repeat(3_000) });
    const pdf = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp?format=pdf&lang=en', { product });
    expect(pdf.statusCode).toBe(200);
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf.rawPayload }).toString();
    expect(text).toContain('too long for this PDF and shortened');
    expect(text.normalize('NFC')).not.toContain('\u00e9'.repeat(200));
    const html = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp?format=html&lang=en', { product });
    expect(html.body).toContain(product.name);
  });

  it('reports a stored result from what was stored', async () => {
    const { id } = (await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle())).json();
    const stored = (await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/calculate`)).json();
    const report = (await t.call(t.orgA.keys.read, 'GET', `/v1/results/${stored.id}/report?lang=en`)).json();
    expect(report.generatedAt).toBe(stored.createdAt);
    expect(report.kind).toBe('cfp');
    expect((await t.call(t.orgB.keys.read, 'GET', `/v1/results/${stored.id}/report`)).statusCode).toBe(404);
  });

  it('builds the GB/T 32161 self-evaluation report', async () => {
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/ecodesign?lang=zh', { request: { spec: 'gb-t-32161-2015', product: kettle() }, company: '某电器公司' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'ecodesign', lang: 'zh' });
  });
});

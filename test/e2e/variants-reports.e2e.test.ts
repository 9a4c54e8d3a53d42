/**
 * Language switch (remembered), an imported product compared in two variants with deltas, the two
 * reports downloaded, the PLM CSV import, and the layout at tablet width.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCo2e } from '../../packages/report/src/format.js';
import { ARTIFACTS, chartsDrawn, co2e, HAS_CHROMIUM, importProduct, kg, screenshot, text, total, useApp, type Page } from './harness.js';

const GRID = 'cn-mee/electricity-footprint-national-2024';
const STEEL = 'desnz-2025/material-metal-steel-cans-primary';

const heater = {
  schemaVersion: 1, id: 'e2e-heater', name: 'E2E heater', functionalUnit: { amount: 1, unit: 'item', description: 'one heater, 5 years' },
  region: 'CN', gwp: 'AR6', parameters: { useKWh: 10 },
  components: [{ id: 'case', name: 'Case', material: STEEL, mass: '0.5 kg' }],
  inventory: [{ stage: 'use', factor: GRID, amount: 'useKWh * 1 kWh' }],
};

/** The accessible descriptions of every chart on the page (ECharts writes them on the chart's box). */
async function chartDescriptions(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    function walk(root) {
      for (const el of root.querySelectorAll('*')) {
        if (el.tagName === 'LCA-CHART') out.push(el.shadowRoot.querySelector('div').getAttribute('aria-label') || '');
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    }
    walk(document);
    return out;
  })()`);
}

describe.skipIf(!HAS_CHROMIUM)('variants, reports, language, import, tablet', () => {
  const app = useApp();
  const grid = co2e(GRID);
  const steel = co2e(STEEL);
  const steelKg = (0.5 / 1000) * steel.value; // 0.5 kg of steel, factor per tonne

  it('switches to Chinese and remembers it after a reload', async () => {
    const { page, errors } = await app.open();
    await importProduct(page, heater, 'e2e-heater', 'lca-inventory-table');
    await expect.poll(() => total(page)).toBeGreaterThan(0);
    await page.locator('lca-language-switch button[data-locale=zh]').click();
    await expect.poll(() => text(page, 'nav [data-view=products]')).toBe('产品');
    expect(await text(page, 'lca-inventory-table section[data-stage=use] h3')).toContain('使用');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await screenshot(page, '10-editor-zh');
    await page.reload();
    await expect.poll(() => text(page, 'nav [data-view=products]')).toBe('产品');
    expect(await page.evaluate(() => localStorage.getItem('greenlca.locale'))).toBe('zh');
    await page.locator('lca-language-switch button[data-locale=en]').click();
    await expect.poll(() => text(page, 'nav [data-view=products]')).toBe('Products');
    expect(errors).toEqual([]);
  });

  it('is in the page language from the start: <html lang> and the charts\' descriptions, with numbers (no NaN)', async () => {
    const { page, errors } = await app.open();
    // Set as the app's code loads, before it renders any text (index.html says zh-CN).
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await importProduct(page, heater, 'e2e-heater', 'lca-inventory-table');
    await chartsDrawn(page);
    const han = /[\u4e00-\u9fff]/;
    let described = await chartDescriptions(page);
    expect(described).toHaveLength(3); // by stage, by gas, Sankey
    for (const d of described) {
      expect(d).not.toMatch(/NaN/);
      expect(d).not.toMatch(han);
    }
    const flow = described.find((d) => d.includes('flows from life-cycle stage'));
    const fmt = (x: number) => new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 4 }).format(x);
    expect(flow).toContain(`Use → (product level) ${fmt(10 * grid.value)} kg CO₂e`);

    await page.locator('nav [data-view=whatif]').click();
    await chartsDrawn(page);
    described = await chartDescriptions(page);
    const swing = described.find((d) => d.includes('largest swing first'));
    expect(swing).toContain('useKWh');
    expect(swing).not.toMatch(/NaN/);

    // Switched to Chinese, the charts are made again in Chinese.
    await page.locator('lca-language-switch button[data-locale=zh]').click();
    await expect.poll(async () => (await chartDescriptions(page)).every((d) => han.test(d))).toBe(true);
    expect((await chartDescriptions(page)).join(' ')).not.toMatch(/NaN/);
    expect(errors).toEqual([]);
  });

  it('compares two variants side by side with deltas worked out from the factor', async () => {
    const { page, errors } = await app.open();
    await importProduct(page, heater, 'e2e-heater', 'lca-inventory-table');
    const baseline = steelKg + 10 * grid.value; // 10 kWh × 0.5777 + steel
    await expect.poll(() => total(page)).toBeCloseTo(baseline, 9);

    await page.locator('nav [data-view=whatif]').click();
    await page.locator('button[data-action=add-variant]').click();
    await page.getByLabel('Value of useKWh').fill('20');
    await page.locator('button[data-action=add-variant]').click();
    await page.getByLabel('Value of useKWh').fill('5');

    const cell = (variant: string, row = 'total') => `[data-testid=compare] tr[data-row=${row}] td[data-variant="${variant}"]`;
    await expect.poll(() => kg(page, cell('variant-1'))).toBeCloseTo(steelKg + 20 * grid.value, 9);
    await expect.poll(() => kg(page, cell('variant-2'))).toBeCloseTo(steelKg + 5 * grid.value, 9);
    expect(await kg(page, cell('baseline'))).toBeCloseTo(baseline, 9);
    expect(await kg(page, cell('variant-1', 'use'))).toBeCloseTo(20 * grid.value, 9);
    expect(await kg(page, cell('variant-2', 'manufacture'))).toBeCloseTo(steelKg, 9);
    // Deltas against the baseline: +10 kWh and −5 kWh of grid electricity.
    const fmt = (x: number) => new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 4 }).format(x);
    expect(await text(page, `${cell('variant-1')} .delta`)).toContain(`+${fmt(10 * grid.value)}`);
    expect(await text(page, `${cell('variant-2')} .delta`)).toContain(fmt(-5 * grid.value));
    // A number of the comparison opens the variant's lines behind it, each with its factor and citation.
    await page.locator(`${cell('variant-1', 'use')} button.link`).click();
    await expect.poll(() => page.locator('[data-testid=trace-lines] tbody tr').count()).toBe(1);
    expect(Number(await page.locator('[data-testid=trace-sum]').getAttribute('data-kg'))).toBeCloseTo(20 * grid.value, 9);
    await page.locator('[data-testid=trace-lines] button.link').click();
    await expect.poll(() => text(page, '[data-testid=trace-formula]')).toContain('20 kWh');
    expect(await text(page, '[data-testid=trace-source]')).toContain(grid.source);
    await page.locator('lca-trace-dialog').getByRole('button', { name: 'Close' }).click();
    // Uncertainty: 1,000 paired Monte Carlo draws; the stated totals are the exact ones above.
    await page.locator('button[data-action=monte-carlo]').click();
    await expect.poll(() => page.locator('[data-testid=uncertainty] tbody tr').count()).toBe(3);
    // The heater states no uncertainty: the engine's warning is shown, and no made-up range or chance.
    expect(await text(page, '[data-testid=uncertainty-warnings]')).toContain('NO_UNCERTAINTY');
    expect(await text(page, '[data-testid=uncertainty-warnings]')).toContain('No input has an uncertainty');
    expect(await text(page, '[data-testid=uncertainty] tbody tr:nth-child(2) td:nth-child(4)')).toBe('—');
    expect(await text(page, '[data-testid=uncertainty] tbody tr:nth-child(2) td:nth-child(5)')).toBe('—');
    expect(await text(page, '[data-testid=uncertainty-meta]')).toContain('0 uncertain inputs');
    // Default data-quality scores for the inputs without one: now the totals spread.
    await page.locator('input[data-action=apply-dq]').check();
    await page.locator('button[data-action=monte-carlo]').click();
    await expect.poll(() => page.locator('[data-testid=uncertainty-warnings]').count()).toBe(0);
    const meta = await text(page, '[data-testid=uncertainty-meta]');
    const [, inputs, defaulted] = /(\d+) uncertain inputs \((\d+) with the default scores\)/.exec(meta)!;
    expect(Number(inputs)).toBeGreaterThan(0);
    expect(defaulted).toBe(inputs);
    const [p5, p95] = (await text(page, '[data-testid=uncertainty] tbody tr:nth-child(1) td:nth-child(4)')).split(' – ').map((x) => Number(x.replace(/,/g, '')));
    expect(p5).toBeLessThan(baseline);
    expect(p95).toBeGreaterThan(baseline);
    await chartsDrawn(page);
    await screenshot(page, '11-variants');
    expect(errors).toEqual([]);
  });

  it('downloads the carbon-footprint and self-evaluation reports', async () => {
    const { page, errors } = await app.open();
    await importProduct(page, heater, 'e2e-heater', 'lca-inventory-table');
    await page.locator('nav [data-view=evaluation]').click();
    const cfpButton = page.locator('button[data-action=cfp-report]');
    await expect.poll(() => cfpButton.isEnabled(), { timeout: 15_000 }).toBe(true);
    const [cfp] = await Promise.all([page.waitForEvent('download'), cfpButton.click()]);
    expect(cfp.suggestedFilename()).toBe('e2e-heater-cfp-en.html');
    const cfpPath = join(ARTIFACTS, cfp.suggestedFilename());
    await cfp.saveAs(cfpPath);
    const cfpHtml = readFileSync(cfpPath, 'utf8');
    expect(cfpHtml).toContain('E2E heater');
    expect(cfpHtml).toContain(grid.source.replace(/&/g, '&amp;')); // the citation, HTML-escaped
    // The summary prints kg CO2e to 4 significant digits: 0.0005 t × 2,863.90131 + 10 kWh × 0.5777 = 7.208950655 → 7.209.
    expect(cfpHtml).toContain(`>${formatCo2e(steelKg + 10 * grid.value)}<`);

    await expect.poll(() => page.locator('[data-testid=verdict]').count()).toBe(1);
    await screenshot(page, '12-evaluation');
    const [eco] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-action=ecodesign-report]').click()]);
    const ecoPath = join(ARTIFACTS, eco.suggestedFilename());
    await eco.saveAs(ecoPath);
    expect(readFileSync(ecoPath, 'utf8')).toContain('E2E heater');

    // The PDF comes from the server (POST /v1/reports/cfp?format=pdf).
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.locator('button[data-action=cfp-pdf]').click()]);
    const pdfPath = join(ARTIFACTS, pdf.suggestedFilename());
    await pdf.saveAs(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The report as a reader sees it.
    const reader = await page.context().newPage();
    await reader.goto(`file://${cfpPath}`);
    await screenshot(reader, '13-cfp-report');
    expect(errors).toEqual([]);
  });

  it('imports a PLM bill of materials (CSV) through the API', async () => {
    const { page, errors } = await app.open();
    const csv = ['level,part number,name,quantity,material,mass,unit', `1,KB-100,Body,1,${STEEL},0.5,kg`, `2,SC-1,Screw,6,${STEEL},2,g`].join('\n');
    const file = join(ARTIFACTS, 'e2e-bom.csv');
    writeFileSync(file, csv);
    await page.locator('input[type=file][accept^=".csv"]').setInputFiles(file);
    // The import is reviewed first (what was read, materials to map), then opened.
    await page.locator('[data-testid=bom-open]').click();
    await expect.poll(() => page.locator('lca-bom-tree').count()).toBe(1);
    // 0.5 kg body + 6 × 2 g screws = 0.512 kg of steel = 0.000512 t × the factor per tonne.
    await expect.poll(() => total(page)).toBeCloseTo(0.000512 * steel.value, 9);
    await chartsDrawn(page);
    await screenshot(page, '14-csv-import');
    expect(errors).toEqual([]);
  });

  it('fits a tablet (820 px wide) without sideways scrolling', async () => {
    const { page, errors } = await app.open({ width: 820, height: 1180 });
    await importProduct(page, heater, 'e2e-heater', 'lca-inventory-table');
    await expect.poll(() => total(page)).toBeCloseTo(steelKg + 10 * grid.value, 9);
    await chartsDrawn(page);
    await screenshot(page, '15-tablet');
    await page.screenshot({ path: join(ARTIFACTS, '16-tablet-full.png'), fullPage: true });
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(820);

    // What-if, with a variant, its comparison chart and the uncertainty table.
    await page.locator('nav [data-view=whatif]').click();
    await page.locator('button[data-action=add-variant]').click();
    await page.getByLabel('Value of useKWh').fill('20');
    await page.locator('button[data-action=monte-carlo]').click();
    await expect.poll(() => page.locator('[data-testid=uncertainty] tbody tr').count()).toBe(2);
    await chartsDrawn(page);
    await page.screenshot({ path: join(ARTIFACTS, '17-tablet-whatif-full.png'), fullPage: true });
    expect(await width()).toBeLessThanOrEqual(820);

    // Evaluation against every bundled specification (their titles are long), in both languages.
    await page.locator('nav [data-view=evaluation]').click();
    await expect.poll(() => page.locator('[data-testid=verdict]').count(), { timeout: 15_000 }).toBe(1);
    const specs = await page.locator('[data-testid=spec] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(specs.length).toBeGreaterThan(1);
    for (const spec of specs) {
      await page.locator('[data-testid=spec]').selectOption(spec);
      await page.waitForTimeout(100);
      expect({ spec, width: await width() }).toEqual({ spec, width: 820 });
    }
    await page.locator('[data-testid=spec]').selectOption(specs[0]!);
    await page.screenshot({ path: join(ARTIFACTS, '18-tablet-evaluation-full.png'), fullPage: true });
    await page.locator('lca-language-switch button[data-locale=zh]').click();
    await expect.poll(() => text(page, 'nav [data-view=products]')).toBe('产品');
    expect(await width()).toBeLessThanOrEqual(820);
    expect(errors).toEqual([]);
  });
});

/**
 * Impact methods and inventories in the browser: the kettle with EF 3.1 (loaded in the worker while the
 * page stays usable), a category chosen, its numbers checked against the engine's own result for the
 * same product (calculated here, in Node), its coverage flag, its missing lines traced; the emissions
 * inventory traced to its lines and their citations; the views at 1280 px, on a tablet and in Chinese.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { calculate, createLibrary, withFlows } from '@greenlca/engine';
import { bundledFactorDatasets, bundledFlowIndex, bundledLcia, bundledSubstances } from '@greenlca/datasets';
import type { CalculationResult, CategoryResult, Product } from '@greenlca/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, chartsDrawn, HAS_CHROMIUM, importProduct, REPO, screenshot, text, useApp, type Page } from './harness.js';

const kettle = JSON.parse(readFileSync(join(REPO, 'examples', 'electric-kettle.json'), 'utf8')) as Product;

/** Choose EF 3.1: the page says it is loading (the worker loads the method), then that it is ready. */
async function chooseEf(page: Page): Promise<void> {
  await page.locator('[data-testid=method]').selectOption('ef-3.1');
  await expect.poll(() => page.locator('[data-testid=method-status]').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
}

const close = (page: Page) => page.locator('lca-trace-dialog').getByRole('button', { name: 'Close', exact: true }).click();

const value = async (page: Page, selector: string, attr = 'data-value') => Number(await page.locator(selector).first().getAttribute(attr));

describe.skipIf(!HAS_CHROMIUM)('impact methods and inventories', () => {
  const app = useApp();
  let expected: CalculationResult;
  /** The same after an edit: the design stage's electricity at 10 kWh instead of 0.05 kWh. */
  let edited: CalculationResult;
  const editedKettle = { ...kettle, inventory: kettle.inventory!.map((l, i) => (i === 0 ? { ...l, amount: '10 kWh' } : l)) } as Product;
  const category = (id: string): CategoryResult => expected.impacts![0]!.categories.find((c) => c.id === id)!;

  beforeAll(async () => {
    // The engine's own answer for the same product and method, worked out here (not copied from the UI).
    const library = createLibrary(bundledFactorDatasets, bundledSubstances);
    const lcia = await bundledLcia(['EF 3.1']);
    expected = calculate(kettle, library, { lcia });
    edited = calculate(editedKettle, library, { lcia });
  });

  it('EF 3.1 for the kettle: a category\'s numbers are the engine\'s, poor coverage flagged, gaps listed, emissions traced', async () => {
    const { page, errors } = await app.open();
    await importProduct(page, kettle, 'e2e-kettle', '[data-testid=total]');
    await expect.poll(() => value(page, '[data-testid=total]', 'data-kg'), { timeout: 20_000 }).toBeCloseTo(expected.total.kgCO2e, 9);

    // The method loads in the worker: the page shows it is loading and answers meanwhile.
    await page.locator('[data-testid=method]').selectOption('ef-3.1');
    expect(await page.locator('[data-testid=method-status]').getAttribute('data-state')).toBe('loading');
    await screenshot(page, '19-method-loading');
    const started = Date.now();
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect.poll(() => page.locator('[data-testid=method-status]').getAttribute('data-state'), { timeout: 60_000 }).toBe('ready');
    expect(await text(page, '[data-testid=method-status]')).toContain(`EF 3.1: ${expected.impacts![0]!.categories.length} categories`);

    // Categories the bundled data lack are gaps, listed, and cannot be chosen (never shown as 0).
    const missing = expected.impacts![0]!.missingCategories;
    expect(missing.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=missing-categories] li').count()).toBe(missing.length);
    expect(await page.locator('[data-testid=category] option[disabled]').count()).toBe(missing.length);

    // Climate change, fossil: only the lines with a gas split count; most of the kettle is left out.
    const fossil = category('climate-change-fossil');
    expect(fossil.coverage.poor).toBe(true);
    await page.locator('[data-testid=category]').selectOption('climate-change-fossil');
    await expect.poll(() => value(page, '[data-testid=category-total]')).toBeCloseTo(fossil.total, 12);
    expect(await page.locator('[data-testid=category-total]').getAttribute('data-unit')).toBe(fossil.unit);
    expect(await page.locator('[data-testid=coverage]').getAttribute('data-poor')).toBe('true');
    expect(await text(page, '[data-testid=poor-flag]')).toBe('POOR COVERAGE');
    expect(Number(await page.locator('[data-testid=coverage]').getAttribute('data-share'))).toBeCloseTo(fossil.coverage.shareOfClimate, 12);
    // By stage, the engine's values; the transport stage's number opens its lines, adding up to it.
    await page.locator('[data-testid=category-stages] tr[data-stage=transport] button').click();
    await expect.poll(() => value(page, '[data-testid=trace-sum]')).toBeCloseTo(fossil.byStage.transport!, 12);
    await close(page);
    // The lines left out are listed, and each opens its trace.
    await expect.poll(() => page.locator('[data-testid=missing-lines] li').count()).toBe(Math.min(12, fossil.coverage.missing.length));
    await page.locator('[data-testid=missing-lines] summary').click();
    await page.locator('[data-testid=missing-lines] button[data-action=trace-missing]').click();
    await expect.poll(() => page.locator('[data-testid=trace-lines] tbody tr').count()).toBe(fossil.coverage.missing.length);
    await close(page);

    // Climate change (total): not flagged; the largest hotspot is the use-stage electricity.
    const climate = category('climate-change');
    await page.locator('[data-testid=category]').selectOption('climate-change');
    await expect.poll(() => value(page, '[data-testid=category-total]')).toBeCloseTo(climate.total, 9);
    expect(await page.locator('[data-testid=coverage]').getAttribute('data-poor')).toBe('false');
    expect(await page.locator('[data-testid=poor-flag]').count()).toBe(0);
    expect(await page.locator('[data-testid=category-hotspots] li').first().getAttribute('data-path')).toBe(climate.lines[0]!.path);
    await chartsDrawn(page);
    await screenshot(page, '20-impacts-ef-climate');
    await page.locator('[data-testid=category]').selectOption('climate-change-fossil');
    await chartsDrawn(page);
    await screenshot(page, '21-impacts-ef-poor-coverage');

    // Emissions: the inventory's substances; CO2's amount opens the lines it is made of, each its citation.
    await page.locator('[data-result-tab=emissions]').click();
    const emissions = expected.inventory!.emissions;
    await expect.poll(() => page.locator('[data-testid=inventory-emissions] tbody tr').count()).toBe(emissions.length);
    const co2 = emissions.find((e) => e.substance === 'CO2' && e.origin === 'fossil')!;
    const row = page.locator('[data-testid=inventory-emissions] tr[data-key="air|' + (co2.flow ?? co2.substance) + '|fossil"]');
    expect(Number(await row.locator('button[data-amount]').getAttribute('data-amount'))).toBeCloseTo(co2.amount, 12);
    await row.locator('button[data-amount]').click();
    await expect.poll(() => page.locator('[data-testid=trace-lines] tbody tr').count()).toBe(co2.lines.length);
    expect(await value(page, '[data-testid=trace-sum]')).toBeCloseTo(co2.amount, 12);
    await screenshot(page, '22-emissions-trace');
    const first = page.locator('[data-testid=trace-lines] tbody tr').first();
    const path = await first.getAttribute('data-path');
    await first.locator('button.link').click();
    const line = expected.lines.find((l) => l.path === path)!;
    await expect.poll(() => text(page, '[data-testid=trace-source]')).toContain(line.source.citation);
    await close(page);
    // Lines whose factor gives only a CO2e total are a gap in the emissions, said so.
    expect(await text(page, '[data-testid=emissions-gap]')).toContain(`${expected.inventory!.coverage.linesWithoutEmissions.length} line${expected.inventory!.coverage.linesWithoutEmissions.length === 1 ? "" : "s"} (`);
    await screenshot(page, '23-emissions-tab');

    // Materials and energy: the totals are the engine's; a stage's number opens that stage's lines.
    await page.locator('[data-result-tab=materials]').click();
    await expect.poll(() => page.locator('[data-testid=inventory-materials] tbody tr').count()).toBe(expected.inventory!.materials.length);
    expect(Number(await page.locator('[data-testid=inventory-totals] button').first().textContent())).toBeCloseTo(expected.inventory!.totals.materialKg, 9);
    await screenshot(page, '23b-materials-tab');
    await page.locator('[data-result-tab=energy]').click();
    const grid = expected.inventory!.energy[0]!;
    await page.locator('[data-testid=inventory-energy] tbody tr').first().locator('li[data-stage=use] button').click();
    await expect.poll(() => value(page, '[data-testid=trace-sum]')).toBeCloseTo(grid.byStage.use!, 9);
    await close(page);
    await screenshot(page, '24-energy-tab');
    // Back on the impacts tab, the category chosen is still shown.
    await page.locator('[data-result-tab=impacts]').click();
    await expect.poll(() => value(page, '[data-testid=category-total]')).toBeCloseTo(fossil.total, 12);

    // An edit: the category follows, recalculated with the method in the worker.
    await page.locator('[data-testid=category]').selectOption('climate-change');
    await page.locator('lca-inventory-table [data-stage=design] [data-line="0"] .amount input').fill('10 kWh');
    const climateEdited = edited.impacts![0]!.categories.find((c) => c.id === 'climate-change')!;
    expect(climateEdited.total).not.toBeCloseTo(climate.total, 3);
    await expect.poll(() => value(page, '[data-testid=category-total]'), { timeout: 15_000 }).toBeCloseTo(climateEdited.total, 9);
    await expect.poll(() => page.locator('[data-testid=method-status] .stale').count()).toBe(0);

    // The panel fits at 1280 px: no sideways scrolling of the page or the results panel.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    expect(await page.locator('aside').evaluate((a) => a.scrollWidth - a.clientWidth)).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a product with a direct emission by flow id: the page loads the flow list and shows the engine\'s total', async () => {
    // The live calculator on the page once threw on such a product (no flow list in its library).
    const direct = {
      schemaVersion: 1, id: 'e2e-direct-so2', name: 'Direct SO2', functionalUnit: { amount: 1, unit: 'item' },
      inventory: [
        { id: 'grid', stage: 'manufacture', factor: 'desnz-2025/electricity-uk', amount: '10 kWh' },
        { id: 'n2o', stage: 'manufacture', substance: 'air/unspecified/nitrous-oxide', amount: '2 g' },
        { id: 'so2', stage: 'manufacture', substance: 'air/unspecified/sulfur-dioxide', amount: '0.5 kg' },
      ],
    } as Product;
    const want = calculate(direct, withFlows(createLibrary(bundledFactorDatasets, bundledSubstances), await bundledFlowIndex()));
    const { page, errors } = await app.open();
    await importProduct(page, direct, 'e2e-direct-so2', '[data-testid=total]');
    await expect.poll(() => value(page, '[data-testid=total]', 'data-kg'), { timeout: 30_000 }).toBeCloseTo(want.total.kgCO2e, 12);
    expect(errors).toEqual([]);
  });

  it('fits a tablet and speaks Chinese: category names, the coverage flag, the inventory tabs', async () => {
    const { page, errors } = await app.open({ width: 820, height: 1180, locale: 'zh' });
    await importProduct(page, kettle, 'e2e-kettle', '[data-testid=total]');
    await chooseEf(page);
    await page.locator('[data-testid=category]').selectOption('climate-change-fossil');
    await expect.poll(() => value(page, '[data-testid=category-total]')).toBeCloseTo(category('climate-change-fossil').total, 12);
    expect(await text(page, '[data-testid=poor-flag]')).toBe('覆盖不足');
    expect(await text(page, 'lca-results .total span')).toBe('气候变化—化石源');
    await chartsDrawn(page);
    await page.screenshot({ path: join(ARTIFACTS, '25-tablet-impacts-zh-full.png'), fullPage: true });
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(820);
    for (const tab of ['materials', 'energy', 'emissions', 'endOfLife']) {
      await page.locator(`[data-result-tab=${tab}]`).click();
      await expect.poll(() => page.locator('lca-inventory-results table').count()).toBe(1);
      expect({ tab, width: await width() }).toEqual({ tab, width: 820 });
    }
    expect(await text(page, '[data-result-tab=emissions]')).toBe('排放');
    await page.locator('[data-result-tab=emissions]').click();
    await page.screenshot({ path: join(ARTIFACTS, '26-tablet-emissions-zh-full.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});

/**
 * The product workspace in real Chromium against the real server: create a product, add a component
 * and a stage line, and see the total change to the value worked out by hand from the bundled factors.
 */
import { describe, expect, it } from 'vitest';
import { API_KEY, chartsDrawn, co2e, engineReady, HAS_CHROMIUM, importProduct, screenshot, text, total, useApp, type Page } from './harness.js';

const STEEL = 'desnz-2025/material-metal-steel-cans-primary';
const GRID = 'cn-mee/electricity-footprint-national-2024';

async function waitForTotal(page: Page, expected: number): Promise<number> {
  await expect.poll(() => total(page), { timeout: 15_000 }).toBeCloseTo(expected, 9);
  return total(page);
}

async function pick(page: Page, search: string, id: string): Promise<void> {
  const dialog = page.locator('dialog[open]');
  await dialog.getByRole('searchbox').fill(search);
  await dialog.locator(`tr[data-factor="${id}"]`).click();
}

/** The product being edited and its result's stage totals, as the app holds them. */
async function state(page: Page): Promise<{ product: { components: { id: string; stage?: string; children?: { id: string; stage?: string }[] }[] }; byStage: Record<string, number> }> {
  return page.evaluate(`(() => {
    const w = document.querySelector('lca-app').workspace;
    return { product: w.product, byStage: Object.fromEntries(Object.entries(w.live.result.byStage).map(([s, v]) => [s, v.kgCO2e])) };
  })()`);
}

describe.skipIf(!HAS_CHROMIUM)('product workspace', () => {
  const app = useApp();

  it('asks for the API key on a first visit (none stored), and the key entered works', async () => {
    const { page, errors } = await app.open({ withKey: false });
    const dialog = page.locator('lca-api-key dialog');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open), { timeout: 15_000 }).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('greenlca.apiKey'))).toBeNull();
    // The key field has the focus: typing and Enter are enough.
    await expect.poll(() => page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute('name');
    })).toBe('key');
    await screenshot(page, '00-first-visit-key-dialog');
    await page.keyboard.type(API_KEY);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('greenlca.apiKey'))).toBe(API_KEY);
    // The stored products are listed with that key (none yet), not the "give an API key" hint.
    await expect.poll(() => text(page, 'lca-product-list p.muted'), { timeout: 5000 }).toContain('No stored products yet');
    expect(await text(page, 'lca-product-list p.muted')).not.toContain('Give an API key');
    expect(errors).toEqual([]);
  });

  it('shows the stage a child part inherits, and saves a stage chosen for it as chosen', async () => {
    const { page, errors } = await app.open();
    const steelKg = (kg: number) => (kg / 1000) * co2e(STEEL).value;
    await importProduct(page, {
      schemaVersion: 1, id: 'e2e-boxed', name: 'E2E boxed', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', gwp: 'AR6',
      components: [
        { id: 'body', name: 'Body', material: STEEL, mass: '0.5 kg' },
        { id: 'box', name: 'Box', stage: 'packaging', children: [{ id: 'tray', name: 'Tray', material: STEEL, mass: '0.1 kg' }] },
      ],
    }, 'e2e-boxed');
    await waitForTotal(page, steelKg(0.6));
    const selected = (label: string) => page.getByLabel(`Stage of ${label}`).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent?.trim());
    // The tray states no stage: it counts under its parent's Packaging, and says so.
    expect(await selected('Tray')).toBe('↳ Packaging (inherited)');
    expect(await selected('Body')).toBe('Manufacture (default)');
    expect(await selected('Box')).toBe('Packaging');
    expect((await state(page)).byStage.packaging).toBeCloseTo(steelKg(0.1), 9);

    // Manufacture chosen for the tray is saved as such (not dropped as "the default"), and the tray moves there.
    await page.getByLabel('Stage of Tray').selectOption('manufacture');
    await expect.poll(async () => (await state(page)).product.components[1]!.children![0]!.stage).toBe('manufacture');
    await expect.poll(async () => (await state(page)).byStage.packaging).toBe(0);
    expect((await state(page)).byStage.manufacture).toBeCloseTo(steelKg(0.6), 9);
    expect(await selected('Tray')).toBe('Manufacture');
    await screenshot(page, '04-bom-stage-explicit');

    // Back to "inherited": the stage is removed from the part again.
    await page.getByLabel('Stage of Tray').selectOption('');
    await expect.poll(async () => 'stage' in (await state(page)).product.components[1]!.children![0]!).toBe(false);
    await expect.poll(async () => (await state(page)).byStage.packaging).toBeCloseTo(steelKg(0.1), 9);
    expect(errors).toEqual([]);
  });

  it('marks lines on supplier-specific data and shows the primary-data share of the result', async () => {
    const { page, errors } = await app.open();
    const useKg = 10 * co2e(GRID).value;
    // 0.5 kg × 2 = 1 kg CO2e on the supplier's footprint; the grid line is secondary: share 1 ÷ (1 + use).
    await importProduct(page, {
      schemaVersion: 1, id: 'e2e-supplier', name: 'E2E supplier data', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', gwp: 'AR6',
      factors: [{ id: 'supplier/pp', name: 'PP resin (Resin Works, PACT)', unit: 'kg', co2e: 2, source: 'PACT ProductFootprint (e2e)',
        supplier: { name: 'Resin Works Ltd' }, validUntil: '2030-01-01T00:00:00Z' }],
      components: [{ id: 'body', name: 'Body', material: 'supplier/pp', mass: '0.5 kg' }],
      inventory: [{ stage: 'use', factor: GRID, amount: '10 kWh' }],
    }, 'e2e-supplier');
    await waitForTotal(page, 1 + useKg);
    const primary = page.locator('[data-testid=primary-data]');
    expect(Number(await primary.getAttribute('data-share'))).toBeCloseTo(1 / (1 + useKg), 12);
    expect(Number(await primary.getAttribute('data-supplier-share'))).toBeCloseTo(1 / (1 + useKg), 12);
    const mark = page.locator('[data-testid=result-lines] tr[data-path="/components/0"] [data-testid=supplier-mark]');
    expect(await mark.count()).toBe(1);
    expect(await mark.getAttribute('title')).toContain('Resin Works Ltd');
    expect(await page.locator('[data-testid=result-lines] tr[data-path="/inventory/0"] [data-testid=supplier-mark]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('traces part totals, gases and Sankey nodes to the lines they are made of, and each line to its citation', async () => {
    const { page, errors } = await app.open();
    const steelKg = (kg: number) => (kg / 1000) * co2e(STEEL).value;
    const useKg = 10 * co2e(GRID).value;
    await importProduct(page, {
      schemaVersion: 1, id: 'e2e-traced', name: 'E2E traced', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', gwp: 'AR6',
      components: [
        { id: 'body', name: 'Body', material: STEEL, mass: '0.5 kg' },
        { id: 'box', name: 'Box', stage: 'packaging', children: [{ id: 'tray', name: 'Tray', material: STEEL, mass: '0.1 kg' }] },
      ],
      inventory: [{ stage: 'use', factor: GRID, amount: '10 kWh' }],
    }, 'e2e-traced');
    await waitForTotal(page, steelKg(0.6) + useKg);
    const sum = async () => Number(await page.locator('[data-testid=trace-sum]').getAttribute('data-kg'));
    const listed = () => page.locator('[data-testid=trace-lines] tbody tr').count();
    const close = () => page.locator('lca-trace-dialog').getByRole('button', { name: 'Close' }).click();

    // A part's total (the box holds the tray): the lines under it, each leading to its factor's citation.
    await page.getByRole('button', { name: /How the .* kg CO₂e of Box are made/ }).click();
    await expect.poll(listed).toBe(1); // the tray's material (no end of life given)
    expect(await sum()).toBeCloseTo(steelKg(0.1), 9);
    await page.locator('[data-testid=trace-lines] button.link').first().click();
    await expect.poll(() => text(page, '[data-testid=trace-source]')).toContain(co2e(STEEL).source);
    await close();

    // By gas: every line gives CO2e as published, so all three lines are listed, adding up to the total.
    await page.getByRole('button', { name: 'Lines that emit CO2e' }).click();
    await expect.poll(listed).toBe(3);
    expect(await sum()).toBeCloseTo(steelKg(0.6) + useKg, 9);
    await screenshot(page, '05-trace-gas-lines');
    await page.locator('[data-testid=trace-lines] tr[data-path="/inventory/0"] button.link').click();
    await expect.poll(() => text(page, '[data-testid=trace-source]')).toContain(co2e(GRID).source);
    await page.locator('button[data-action=trace-back]').click();
    await expect.poll(listed).toBe(3);
    await close();

    // A node of the Sankey, clicked on the canvas where ECharts drew it: the steel factor's two lines.
    await chartsDrawn(page);
    const chart = page.locator('lca-chart.sankey');
    await chart.scrollIntoViewIfNeeded();
    const at = await chart.evaluate((el, name) => {
      const c = (el as unknown as { chart: { getModel(): { getSeriesByIndex(i: number): { layoutInfo: { x: number; y: number }; getGraph(): { nodes: { id: string; getLayout(): { x: number; y: number; dx: number; dy: number } }[] } } } } }).chart;
      const series = c.getModel().getSeriesByIndex(0);
      const node = series.getGraph().nodes.find((n) => n.id === name)!.getLayout();
      return { x: series.layoutInfo.x + node.x + node.dx / 2, y: series.layoutInfo.y + node.y + Math.min(node.dy / 2, 4) };
    }, `F:${STEEL}`);
    await chart.click({ position: at });
    await expect.poll(listed).toBe(2);
    expect(await sum()).toBeCloseTo(steelKg(0.6), 9);
    expect(await text(page, 'lca-trace-dialog h2')).toBe(co2e(STEEL).name); // the factor's name, as the Sankey labels it
    await screenshot(page, '06-trace-sankey-node');
    await close();

    // The contributing lines fit the results panel at 1280 px: no column cut off, no scrolling needed.
    const fit = await page.locator('[data-testid=result-lines]').evaluate((table) => {
      const aside = (table.getRootNode() as ShadowRoot).host.closest('aside')!;
      return { table: Math.round(table.getBoundingClientRect().right), panel: Math.round(aside.getBoundingClientRect().right), scroll: aside.scrollWidth - aside.clientWidth };
    });
    expect(fit.table).toBeLessThanOrEqual(fit.panel);
    expect(fit.scroll).toBe(0);
    expect(errors).toEqual([]);
  });

  it('creates a product, adds a component and a use-stage line, and shows the hand-calculated total', async () => {
    const { page, errors } = await app.open();
    await page.getByPlaceholder('New product name').fill('E2E kettle');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.locator('lca-bom-tree').count()).toBe(1);

    // A component: 0.5 kg of primary steel (DESNZ 2025 "Material use", per tonne).
    await page.locator('button.add-root').click();
    await page.getByRole('button', { name: 'Material of part-1' }).click();
    await pick(page, 'steel cans primary', STEEL);
    // One Escape in the search box closes the picker (a search box's own Escape only clears its text).
    const picker = page.locator('lca-bom-tree lca-factor-picker dialog');
    await page.getByRole('button', { name: 'Material of part-1' }).click();
    await expect.poll(() => picker.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    await expect.poll(() => page.getByRole('searchbox').evaluate((i: HTMLInputElement) => i.value)).toBe(STEEL);
    await page.getByRole('searchbox').press('Escape');
    await expect.poll(() => picker.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await page.getByLabel('Mass of part-1').fill('0.5 kg');
    const steel = co2e(STEEL);
    expect(steel.unit).toBe('t');
    const materialKg = (0.5 / 1000) * steel.value; // 0.5 kg = 0.0005 t × 2,863.90131 kg CO2e/t
    await waitForTotal(page, materialKg);

    // A use-stage line: 10 kWh of China's life-cycle grid factor. A wrong unit is flagged at the field.
    await page.getByRole('button', { name: 'Add a line in Use' }).click();
    await pick(page, 'electricity footprint national 2024', GRID);
    const amount = page.getByLabel(`Amount of ${GRID}`);
    await amount.fill('10 kg');
    await expect.poll(() => text(page, '[data-line="0"] .amount .field-error')).toContain('the factor is per kWh');
    await screenshot(page, '01-unit-error-at-field');
    await amount.fill('10 kWh');
    const grid = co2e(GRID);
    expect(grid.unit).toBe('kWh');
    const expected = materialKg + 10 * grid.value; // + 10 kWh × 0.5777 kg CO2e/kWh
    await waitForTotal(page, expected);
    await expect.poll(() => page.locator('[data-testid=result-status]').getAttribute('data-complete'), { timeout: 15_000 }).toBe('true');
    expect(await text(page, '[data-testid=result-status]')).toMatch(/complete engine run · AR6 · \d+ ms/);
    await waitForTotal(page, expected); // the full engine run in the worker agrees with the live one
    // Both factors give a CO2e total only: the engine's split says fossil 0, biogenic 0, all not split by origin.
    const origin = page.locator('[data-testid=origin]');
    expect(Number(await origin.getAttribute('data-fossil'))).toBe(0);
    expect(Number(await origin.getAttribute('data-biogenic'))).toBe(0);
    expect(Number(await origin.getAttribute('data-not-split'))).toBeCloseTo(expected, 12);
    expect(await text(page, '[data-testid=origin]')).toContain('not split by origin');
    expect(await text(page, '[data-testid=total]')).toBe(new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 5 }).format(expected));
    await chartsDrawn(page);
    await screenshot(page, '02-editor-with-results');

    // Every number leads back to its factor and citation.
    await page.locator('[data-testid=hotspots] button').first().click();
    await expect.poll(() => text(page, '[data-testid=trace-source]')).toContain(co2e(GRID).source);
    await screenshot(page, '03-trace-dialog');
    await page.getByRole('button', { name: 'Close' }).click();

    // Save: the server stores version 1, and the list shows it after a reload.
    const save = page.locator('button[data-action=save]');
    const opacity = () => save.evaluate((b) => Number(getComputedStyle(b).opacity));
    expect(await opacity()).toBe(1);
    await save.click();
    await expect.poll(() => text(page, '[role=status]')).toContain('Saved as version 1');
    // Nothing left to save: the button says so by its look, not only to a screen reader.
    expect(await save.isDisabled()).toBe(true);
    expect(await opacity()).toBeLessThan(0.6);
    expect(await save.evaluate((b) => getComputedStyle(b).cursor)).toBe('not-allowed');
    // The address names the stored product, so a reload reopens it; the list shows it too.
    expect(page.url()).toMatch(/#\/products\/[0-9a-f-]{36}$/);
    await page.reload();
    await waitForTotal(page, expected);
    // The first result after the reload is the server's: the status says so, with no "— ms".
    const status = await text(page, '[data-testid=result-status]');
    expect(status).toMatch(/complete engine run (by the server · AR6|· AR6 · \d+ ms)/);
    expect(status).not.toContain('—');
    await page.locator('nav [data-view=products]').click();
    await expect.poll(() => text(page, '[data-testid=product-list]')).toContain('E2E kettle');
    await page.getByRole('button', { name: 'Open E2E kettle' }).click();
    await waitForTotal(page, expected);
    expect(errors).toEqual([]);
  });
  it('opens a stored product from its address: the product and its server result asked for as the page starts, side by side, and nothing else first', async () => {
    const grid = co2e(GRID);
    const product = (years: number) => ({
      schemaVersion: 1, id: 'e2e-linked', name: 'E2E linked', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', gwp: 'AR6', parameters: { years },
      components: [{ id: 'case', name: 'Case', quantity: 1, material: STEEL, mass: '120 g' }],
      inventory: [{ name: 'Use', stage: 'use', factor: GRID, amount: '2 kWh * years' }, { name: 'Assembly', stage: 'manufacture', factor: GRID, amount: '0.5 kWh' }],
    });
    const call = async (method: string, path: string, body?: object, headers: Record<string, string> = {}) => {
      const response = await fetch(`${app.url}${path}`, {
        method, headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
      });
      expect(response.ok, `${method} ${path}`).toBe(true);
      return (await response.json()) as { id: string; total: { kgCO2e: number } };
    };
    const { id } = await call('POST', '/v1/products', product(5));
    // Worked out by hand from the bundled factors: 120 g of steel, 2 kWh a year for 5 years and 0.5 kWh.
    const expected = (years: number) => (120 / 1e6) * co2e(STEEL).value + (2 * years + 0.5) * grid.value;
    expect(grid.unit).toBe('kWh');

    const { page, errors } = await app.open();
    const requests: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/v1/')) requests.push(`${r.method()} ${path}`);
    });
    await page.goto(`${app.url}/#/products/${id}`);
    await page.reload();
    expect(await waitForTotal(page, expected(5))).toBeCloseTo(expected(5), 9);
    expect(await text(page, '.toolbar .name')).toBe('E2E linked');
    // Both requests went out before anything else the page asks; no product list, no calculation sent back.
    expect(requests.slice(0, 2).sort()).toEqual([`GET /v1/products/${id}`, `GET /v1/products/${id}/result`]);
    expect(requests).not.toContain('GET /v1/products');
    expect(requests).not.toContain('POST /v1/calculate');
    // The page's own engine takes over from the server's result: an edit is calculated here.
    await engineReady(page);
    const amount = page.locator('lca-inventory-table [data-line="1"] input.amount-input');
    await amount.fill('1.5 kWh');
    await waitForTotal(page, expected(5) + grid.value);

    // A new version is what the address opens next.
    await call('PUT', `/v1/products/${id}`, product(8), { 'if-match': '"1"' });
    await page.reload();
    await waitForTotal(page, expected(8));
    expect(errors).toEqual([]);
  });
});

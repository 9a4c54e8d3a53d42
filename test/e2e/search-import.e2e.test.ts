/**
 * Issue 17, findings 4 and 5, in real Chromium against the real server: factors found in the user's
 * words and ranked by the line's unit and the product's region, and a PLM BOM (GB18030, as Chinese
 * Excel saves it) imported, named after its level-0 row and mapped to factors in the UI.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { co2e, engineReady, HAS_CHROMIUM, importProduct, REPO, screenshot, total, useApp, type Page } from './harness.js';

/** A DESNZ per-vehicle-km lorry factor on a t·km line: the mismatch the issue ran into. */
const PER_KM = 'desnz-2025/freight-hgv-all-diesel-all-hgvs-average-laden-km';
const GB18030_BOM = join(REPO, 'test', 'e2e', 'fixtures', 'kettle-bom-gb18030.csv');

/** The factor ids the open picker lists, in order, with how each one's unit fits the line. */
async function rows(picker: ReturnType<Page['locator']>): Promise<{ id: string; fit: string }[]> {
  return picker.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({ id: tr.getAttribute('data-factor') ?? '', fit: tr.getAttribute('data-unit-fit') ?? '' })));
}

describe.skipIf(!HAS_CHROMIUM)('factors in the user\'s words, and the BOM import (issue 17: 4, 5)', () => {
  const app = useApp();

  it('on a t·km line in a CN product: "only CN" is on (widened, saying so, when China has none), and 货车, HGV, lorry, road freight, 公路货运 offer per-tonne-km factors first, per-km ones marked and last', async () => {
    const { page, errors } = await app.open({ width: 1440, height: 900 });
    await engineReady(page); // the line below is broken on purpose: the page, not the server, calculates it
    await importProduct(page, {
      schemaVersion: 1, id: 'lorry-leg', name: 'Lorry leg', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN', gwp: 'AR5', // DESNZ's basis
      inventory: [{ stage: 'transport', name: 'Road to port', factor: PER_KM, amount: '1200 t*km' }],
    }, 'lorry-leg');
    await page.locator('lca-inventory-table [data-line="0"] button.factor-btn').click();
    const picker = page.locator('lca-inventory-table lca-factor-picker dialog[open]');
    await expect.poll(() => picker.count()).toBe(1);
    // The product is in China: the picker starts filtered to China.
    expect(await picker.locator('header input[type=checkbox]').isChecked()).toBe(true);
    const search = picker.getByRole('searchbox');
    await search.fill('货车');
    // No Chinese road-freight factor is bundled: the picker says so and lists the other regions'.
    await expect.poll(() => picker.locator('[data-testid=picker-elsewhere]').count()).toBe(1);
    expect(await picker.locator('[data-testid=picker-elsewhere]').textContent()).toContain('CN');
    for (const text of ['货车', 'HGV', 'lorry', 'road freight', '公路货运']) {
      await search.fill(text);
      await expect.poll(async () => (await rows(picker)).length, { message: text }).toBeGreaterThan(1);
      const listed = await rows(picker);
      expect(listed[0]!.fit, text).toBe('same');
      expect(co2e(listed[0]!.id).unit, text).toBe('t*km');
      // Incompatible units come after every usable one (the first 60 here are all usable).
      const firstBad = listed.findIndex((r) => r.fit === 'incompatible');
      if (firstBad >= 0) expect(listed.slice(firstBad).every((r) => r.fit === 'incompatible'), text).toBe(true);
      expect(listed.findIndex((r) => r.id === PER_KM), text).toBe(-1);
    }
    // Narrowed to one lorry class, the per-km and per-mile factors show, marked and last.
    await search.fill('HGV all HGVs average laden diesel');
    await expect.poll(async () => (await rows(picker)).some((r) => r.fit === 'incompatible')).toBe(true);
    const narrow = await rows(picker);
    expect(narrow[0]!.fit).toBe('same');
    const firstBad = narrow.findIndex((r) => r.fit === 'incompatible');
    expect(narrow.slice(firstBad).every((r) => r.fit === 'incompatible')).toBe(true);
    expect(narrow.find((r) => r.id === PER_KM)?.fit).toBe('incompatible');
    await screenshot(page, '17-4-picker-lorry-tkm');
    // The incompatible rows say why, in the row.
    expect(await picker.locator('tr.incompatible .unit-warn').first().textContent()).toContain('t*km');
    const first = narrow[0]!.id;
    await picker.locator('tbody tr').first().click();
    // 1200 t·km × the factor's published kg CO2e per t·km (read from the dataset file).
    await expect.poll(() => total(page), { timeout: 15_000 }).toBeCloseTo(1200 * co2e(first).value, 9);
    expect(errors).toEqual([]);
  });

  it('opens a part\'s material picker on materials of its unit, not "Avtur (renewable)", and finds ABS and 不锈钢', async () => {
    const { page, errors } = await app.open({ width: 1440, height: 900 });
    await importProduct(page, {
      schemaVersion: 1, id: 'case', name: 'Case', functionalUnit: { amount: 1, unit: 'item' },
      components: [{ id: 'shell', name: 'Shell', mass: '0.3 kg' }],
    }, 'case');
    await page.locator('lca-bom-tree button.mat-btn').first().click();
    const picker = page.locator('lca-bom-tree lca-factor-picker dialog[open]');
    await expect.poll(async () => (await rows(picker)).length).toBeGreaterThan(5);
    const opening = (await rows(picker)).slice(0, 10);
    for (const r of opening) {
      expect(r.id).not.toMatch(/avtur/);
      expect(['same', 'convertible']).toContain(r.fit);
      expect(JSON.parse(readFileSync(join(REPO, 'datasets', 'factors', `${r.id.split('/')[0]}.json`), 'utf8')).factors
        .find((f: { id: string }) => f.id === r.id.split('/')[1]).category).toBe('material');
    }
    const search = picker.getByRole('searchbox');
    await search.fill('ABS');
    await expect.poll(async () => (await rows(picker))[0]?.id).toBe('uslci-fy17/acrylonitrile-butadiene-styrene-copolymer-resin-at-plant');
    await search.fill('不锈钢');
    await expect.poll(async () => (await rows(picker))[0]?.id ?? '').toMatch(/^uslci-fy17\/steel-stainless-304-/);
    // DESNZ's steel is for cans only, and the picker says so beside it.
    await search.fill('steel cans primary');
    await expect.poll(() => picker.locator('tr[data-factor="desnz-2025/material-metal-steel-cans-primary"] .note').textContent()).toMatch(/packaging/);
    expect(errors).toEqual([]);
  });

  it('imports a GB18030 BOM from Chinese Excel, names the product after its level-0 row, and maps its materials in the UI', async () => {
    const { page, errors } = await app.open({ width: 1440, height: 900, locale: 'zh' });
    // The fixture really is GB18030: decoded as such it reads as the Chinese header.
    const bytes = readFileSync(GB18030_BOM);
    expect(new TextDecoder('gb18030').decode(bytes).split('\r\n')[0]).toBe('层级,物料编码,物料名称,用量,材质,单重,单位');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    await page.locator('lca-bom-import input[type=file]').setInputFiles(GB18030_BOM);
    await expect.poll(() => page.locator('[data-testid=bom-review]').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('[data-testid=bom-error]').count()).toBe(0);
    expect(await page.locator('[data-testid=bom-product-name]').textContent()).toBe('电热水壶 K17');
    // Unmapped materials are UI actions, and the parts they leave out of the total are said.
    expect(await page.locator('[data-testid=bom-unmapped] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-material')))).toEqual(['ABS', '不锈钢']);
    expect(await page.locator('[data-testid=bom-left-out]').textContent()).toContain('2');
    expect(await page.locator('body').evaluate(() => document.body.innerText + [...document.querySelectorAll('*')].map((e) => e.shadowRoot?.textContent ?? '').join(''))).not.toContain('factors search');
    await screenshot(page, '17-5-bom-review');

    const picker = page.locator('lca-bom-import lca-factor-picker dialog[open]');
    const chosen: string[] = [];
    for (const material of ['ABS', '不锈钢']) {
      await page.locator(`[data-testid=bom-unmapped] li[data-material="${material}"] button`).click();
      await expect.poll(async () => (await rows(picker)).length, { message: material }).toBeGreaterThan(0);
      expect(await picker.getByRole('searchbox').inputValue()).toBe(material);
      chosen.push((await rows(picker))[0]!.id);
      await picker.locator('tbody tr').first().click();
    }
    expect(chosen[0]).toBe('uslci-fy17/acrylonitrile-butadiene-styrene-copolymer-resin-at-plant');
    expect(chosen[1]).toMatch(/stainless/);
    expect(await page.locator('[data-testid=bom-left-out]').count()).toBe(0);
    await page.locator('[data-testid=bom-open]').click();
    await expect.poll(() => page.locator('lca-bom-tree').count()).toBe(1);
    // 420 g of ABS and 250 g of stainless steel, at the factors' published kg CO2e per kg (USLCI gives
    // it to 6 significant digits beside the gases the engine characterises: equal to within 1e-5 kg).
    const expected = 0.42 * co2e(chosen[0]!).value + 0.25 * co2e(chosen[1]!).value;
    await expect.poll(() => total(page), { timeout: 15_000 }).toBeCloseTo(expected, 5);
    expect(await page.locator('lca-app').evaluate((app) => (app as unknown as { workspace: { product: { name: string; id: string } } }).workspace.product.name)).toBe('电热水壶 K17');
    expect(errors).toEqual([]);
  });
});

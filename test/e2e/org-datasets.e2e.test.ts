/**
 * An organisation's own factor table in real Chromium against the real server: a 2,000-row CSV with
 * Chinese headers is checked (a broken one shows each problem by row and column), imported, found in
 * the factor picker marked as the organisation's own, and three of its factors give a product the
 * total worked out by hand from the table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvText, valueOf, zhTable } from '../../server/src/org-datasets/testing/tables.js';
import { ARTIFACTS, HAS_CHROMIUM, screenshot, useApp, type Page } from './harness.js';

function file(name: string, text: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  writeFileSync(path, `\uFEFF${text}`);
  return path;
}

async function fillDataset(page: Page, path: string): Promise<void> {
  const form = page.locator('lca-org-datasets form');
  await form.locator('input[type=file]').setInputFiles(path);
  await form.locator('input[name=id]').fill('acme-materials');
  await form.locator('input[name=name]').fill('ACME purchased materials');
  await form.locator('input[name=publisher]').fill('ACME compliance team');
  await form.locator('input[name=licence]').fill('Licensed to ACME, internal use only');
}

describe.skipIf(!HAS_CHROMIUM)('organisation factor datasets in the UI', () => {
  const app = useApp();

  it('checks and imports a 2,000-row Chinese factor table, then uses three of its factors in a product', async () => {
    const { page, errors } = await app.open();
    await page.locator('nav [data-view=datasets]').click();
    await expect.poll(() => page.locator('lca-org-datasets p.muted').first().textContent()).toContain('No dataset yet');

    // A broken table: each problem in the table with its row, column and how to fix it.
    const broken = zhTable(3);
    broken[2]![3] = '斤两';
    broken[3]![7] = '';
    await fillDataset(page, file('broken-factors.csv', csvText(broken)));
    await page.locator('lca-org-datasets button[data-action=preview]').click();
    const problems = page.locator('lca-org-datasets section.preview[data-ok=false] table.problems tbody tr');
    await expect.poll(() => problems.count(), { timeout: 15_000 }).toBe(2);
    const rowText = async (i: number) => ((await problems.nth(i).textContent()) ?? '').replace(/\s+/g, ' ');
    expect(await rowText(0)).toMatch(/^3单位 UNKNOWN_UNIT "斤两" is not a unit/);
    expect(await rowText(1)).toMatch(/^4年份 MISSING_VALUE the factor has no year/);
    expect(await page.locator('lca-org-datasets button[data-action=import]').isDisabled()).toBe(true);
    await screenshot(page, 'org-datasets-01-problems');

    // The good table: checked, then imported.
    await fillDataset(page, file('factors.csv', csvText(zhTable(2000))));
    await page.locator('lca-org-datasets button[data-action=preview]').click();
    await expect.poll(() => page.locator('lca-org-datasets section.preview[data-ok=true]').textContent(), { timeout: 30_000 }).toContain('2000 factors ready to import');
    await page.locator('lca-org-datasets button[data-action=import]').click();
    await expect.poll(() => page.locator('lca-org-datasets p.ok').textContent(), { timeout: 30_000 }).toContain('Imported acme-materials version 1: 2000 factors');
    await expect.poll(() => page.locator('lca-org-datasets tr[data-dataset=acme-materials]').textContent()).toContain('2000 factors');

    // A product on three of them, chosen in the factor picker, where they are marked as the organisation's own.
    await page.locator('nav [data-view=products]').click();
    await page.getByPlaceholder('New product name').fill('Bracket');
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => page.locator('lca-bom-tree').count()).toBe(1);
    const amounts: [number, string][] = [[1, '2 kg'], [2, '0.5 kg'], [3, '3 kg']];
    for (const [i, amount] of amounts) {
      await page.getByRole('button', { name: 'Add a line in Manufacture' }).click();
      const dialog = page.locator('dialog[open]');
      await dialog.getByRole('searchbox').fill(`材料${i}，热轧`);
      const row = dialog.locator(`tr[data-factor="acme-materials/m-${i}"]`);
      await expect.poll(() => row.locator('.own').count(), { timeout: 15_000 }).toBe(1);
      expect(await row.textContent()).toContain('Licensed to ACME, internal use only');
      if (i === 1) await screenshot(page, 'org-datasets-02-picker-own');
      await row.click();
      await page.getByLabel(`Amount of acme-materials/m-${i}`).fill(amount);
    }
    const expected = 2 * valueOf(1) + 0.5 * valueOf(2) + 3 * valueOf(3);
    await expect.poll(() => page.locator('[data-testid=total]').getAttribute('data-kg').then(Number), { timeout: 15_000 }).toBeCloseTo(expected, 9);
    await screenshot(page, 'org-datasets-03-product');
    expect(errors).toEqual([]);
  });
});

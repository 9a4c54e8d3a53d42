import { afterEach, describe, expect, it } from 'vitest';
import { codeText, formatDate, setLocale, t, unitName } from './i18n.js';

describe('messages in the page language', () => {
  afterEach(() => setLocale('en'));

  it('has plural forms in English and one form in Chinese, never "line(s)"', () => {
    setLocale('en');
    expect(t('results.excluded', { n: 1 })).toBe('1 line or part with errors left out');
    expect(t('results.excluded', { n: 3 })).toBe('3 lines or parts with errors left out');
    expect(t('trace.madeOf', { n: 1 })).toBe('Made of 1 line');
    setLocale('zh');
    expect(t('results.excluded', { n: 3 })).toBe('3 个有错误的清单行或零部件未计入');
  });

  it('words engine codes in Chinese from the code table, keeping the engine\'s own words otherwise', () => {
    const warning = { code: 'FACTOR_REGION_MISMATCH', message: 'factor region GB does not contain CN', hint: 'use a CN factor' };
    expect(codeText(warning)).toEqual({ message: warning.message, hint: warning.hint, translated: false });
    setLocale('zh');
    expect(codeText(warning)).toMatchObject({ message: '因子的地区不包含产品（或该行）的地区。', translated: true });
    expect(codeText({ code: 'NOT_A_CODE', message: 'x' })).toMatchObject({ message: 'x', translated: false });
  });

  it('words the what-if codes in Chinese too: NO_UNCERTAINTY from Monte Carlo', async () => {
    const { monteCarlo } = await import('@greenlca/whatif');
    const { fixtureLibrary } = await import('../../../packages/engine/src/testing/fixture-library.js');
    // A product with no uncertainty anywhere: the warning comes from the package itself, not copied here.
    const product = { schemaVersion: 1 as const, id: 'p', name: 'P', functionalUnit: { amount: 1, unit: 'item' }, inventory: [{ stage: 'use' as const, factor: 'fx/grid-lca', amount: '1 kWh' }] };
    const [warning] = monteCarlo(product, fixtureLibrary(), { runs: 10, seed: 1 }).warnings;
    expect(warning?.code).toBe('NO_UNCERTAINTY');
    setLocale('zh');
    const zh = codeText(warning!);
    expect(zh.translated).toBe(true);
    expect(zh.message).toMatch(/不确定性/);
    expect(zh.hint).toContain('"dataQuality"');
  });

  it('shows units and dates in Chinese', () => {
    setLocale('zh');
    expect(unitName('item')).toBe('件');
    expect(unitName('kg')).toBe('kg');
    expect(formatDate('2026-12-06T19:31:49Z')).toMatch(/^2026年12月\d+日 \d{2}:\d{2}$/);
  });
});

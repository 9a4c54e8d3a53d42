import { bundledFactorDatasets, bundledSubstances } from '@greenlca/datasets';
import { createLibrary } from '@greenlca/engine';
import { afterEach, describe, expect, it } from 'vitest';
import { factorName, lineLabel } from './factor-name.js';
import { setLocale } from './i18n.js';

const library = createLibrary(bundledFactorDatasets, bundledSubstances);
const STEEL = 'desnz-2025/material-metal-steel-cans-primary';
const steel = library.factor(STEEL)!.factor.name;

describe('factor names in the page language', () => {
  afterEach(() => setLocale('en'));

  it('swaps the English factor name the engine writes into a line label for the Chinese one, and leaves a user\'s own label alone', () => {
    expect(steel.zh).toBeTruthy(); // the dataset gives a Chinese name (datasets/factors/desnz-2025.json)
    const line = { label: `Body: ${steel.en}`, factor: STEEL };
    expect(lineLabel(library, line)).toBe(`Body: ${steel.en}`);
    setLocale('zh');
    expect(lineLabel(library, line)).toBe(`Body: ${steel.zh}`);
    expect(factorName(library, undefined, STEEL)).toBe(steel.zh);
    expect(lineLabel(library, { label: 'Kettle body', factor: STEEL })).toBe('Kettle body');
    expect(lineLabel(library, { label: 'CH4 emitted' })).toBe('CH4 emitted');
  });
});

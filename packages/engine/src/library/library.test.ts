import { describe, expect, it } from 'vitest';
import type { FactorDataset } from '@greenlca/schema';
import { calculate } from '../calculate.js';
import { fixtureFactors, fixtureLibrary } from '../testing/fixture-library.js';
import { searchFactors } from './search.js';
import { withDatasets } from './library.js';

const own: FactorDataset = {
  ...fixtureFactors, id: 'acme', version: '3', edition: 'organisation dataset', title: { en: 'ACME' },
  factors: [{ id: 'bracket-steel', name: { en: 'Bracket steel', zh: '支架钢' }, category: 'material', unit: 'kg', co2e: 2.5, gwpBasis: 'AR6', region: 'CN', year: 2024, source: { source: 'ACME supplier declaration' }, licence: 'internal' }],
};

describe('withDatasets', () => {
  it('adds datasets beside the library\'s own: look-ups, ids, search and a calculation see both', () => {
    const base = fixtureLibrary();
    const lib = withDatasets(base, [own]);
    expect(lib.factor('acme/bracket-steel')?.factor.co2e).toBe(2.5);
    expect(lib.factor('fx/steel')?.factor.co2e).toBe(2);
    expect([...lib.factorIds()]).toEqual([...base.factorIds(), 'acme/bracket-steel']);
    expect(lib.factorDatasets.map((d) => d.id)).toEqual(['fx', 'acme']);
    expect(searchFactors(lib, { text: '支架钢' }).map((h) => h.id)).toEqual(['acme/bracket-steel']);
    const result = calculate({
      schemaVersion: 1, id: 'p', name: 'p', functionalUnit: { amount: 1, unit: 'item' },
      inventory: [{ stage: 'manufacture', factor: 'acme/bracket-steel', amount: '4 kg' }, { stage: 'manufacture', factor: 'fx/steel', amount: '1 kg' }],
    }, lib, { referenceYear: 2026 });
    expect(result.total.kgCO2e).toBe(4 * 2.5 + 2);
    expect(result.datasets).toContainEqual({ id: 'acme', version: '3', edition: 'organisation dataset' });
    // The base library is unchanged, and no datasets give it back as it is.
    expect(base.factor('acme/bracket-steel')).toBeUndefined();
    expect(withDatasets(base, [])).toBe(base);
  });

  it('refuses a dataset id the library has, and one given twice', () => {
    expect(() => withDatasets(fixtureLibrary(), [{ ...own, id: 'fx' }])).toThrow('dataset id fx is already in the library');
    expect(() => withDatasets(fixtureLibrary(), [own, own])).toThrow('dataset id acme is already in the library');
  });
});

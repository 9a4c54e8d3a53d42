import type { Factor, FactorDataset } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { fixtureSubstances } from '../testing/fixture-library.js';
import { createLibrary } from './library.js';
import { searchFactors } from './search.js';
import { parseQuery, type SearchVocabulary } from './vocabulary.js';

/** Factors named the way the real tables name them (synthetic values: the search never reads them). */
const cite = { source: 'GreenLCA unit-test fixture (synthetic value)' };
const f = (id: string, en: string, unit: string, extra: Partial<Factor> = {}): Factor =>
  ({ id, name: { en }, category: 'other', unit, region: 'GB', year: 2025, source: cite, licence: 'test', co2e: 1, ...extra });

const dataset: FactorDataset = {
  id: 'fx', version: '0.0.1', edition: 'test', title: { en: 'search fixture' }, publisher: 'tests',
  licences: [{ id: 'test', name: 'test', attribution: 'synthetic' }], sourceFiles: [], builtBy: 'hand',
  factors: [
    f('hgv-km', 'Freight: HGV (all diesel), All HGVs, Average laden, per vehicle km', 'km', { category: 'freight', name: { en: 'Freight: HGV (all diesel), All HGVs, Average laden, per vehicle km', zh: '公路货运：重型货车（柴油），每车公里' } }),
    f('hgv-tkm', 'Freight: HGV (all diesel), All HGVs, Average laden, per tonne.km', 't*km', { category: 'freight', name: { en: 'Freight: HGV (all diesel), All HGVs, Average laden, per tonne.km', zh: '公路货运：重型货车（柴油），每吨公里' } }),
    f('wtt-hgv-tkm', 'WTT: HGV (all diesel), per tonne.km (well-to-tank)', 't*km', { category: 'freight' }),
    f('truck-tkm', 'Transport, combination truck, diesel powered', 't*km', { category: 'freight', region: 'US', year: 2017 }),
    f('abs-resin', 'Acrylonitrile-butadiene-styrene copolymer, resin, at plant', 'kg', { category: 'material', region: 'US', year: 2017 }),
    f('absorber', 'Absorber plate, at plant', 'kg', { category: 'material' }),
    f('petrol', 'Petrol (average biofuel blend), per litre', 'L', { category: 'fuel' }),
    f('pet', 'Plastics: PET (incl. forming), per tonne', 't', { category: 'material' }),
    f('grid-cn', 'China average CO2 emission factor of electricity', 'kWh', { category: 'electricity', region: 'CN', name: { en: 'China average CO2 emission factor of electricity', zh: '2021年全国电力平均二氧化碳排放因子' } }),
    f('grid-gb', 'Electricity: UK', 'kWh', { category: 'electricity' }),
  ],
};
const library = createLibrary([dataset], fixtureSubstances);

const vocabulary: SearchVocabulary = {
  synonyms: [
    { terms: ['ABS', 'ABS塑料'], means: ['acrylonitrile-butadiene-styrene'] },
    { terms: ['lorry', 'truck', 'HGV', '货车', '公路货运', 'road freight'], means: ['hgv', 'truck', '公路货运'] },
    { terms: ['PET'], means: ['pet'] },
    { terms: ['tkm', 'tonne km', '吨公里'], unit: 't*km' },
  ],
  rank: [{ words: ['well-to-tank'], score: -1.5, why: 'partial' }],
};

const ids = (q: Parameters<typeof searchFactors>[1]) => searchFactors(library, { vocabulary, ...q }).map((h) => h.id);

describe('factor search in the user\'s words', () => {
  it('finds a trade name through its synonym, and a short one only as a word of its own', () => {
    expect(ids({ text: 'ABS' })).toEqual(['fx/abs-resin']); // not "Absorber"
    expect(ids({ text: 'ABS塑料' })).toEqual(['fx/abs-resin']);
    expect(ids({ text: 'PET' })).toEqual(['fx/pet']); // not "Petrol"
    // Without the vocabulary a word matches only where it is written.
    expect(searchFactors(library, { text: 'lorry' })).toEqual([]);
  });

  it('ranks per-tonne-km factors first for a t·km line, marks per-vehicle-km ones incompatible and puts them last', () => {
    for (const text of ['lorry', 'HGV', '货车', '公路货运', 'road freight']) {
      const hits = searchFactors(library, { text, unit: 't*km', vocabulary });
      expect(hits[0]!.id, text).toBe('fx/hgv-tkm');
      expect(hits.at(-1)!.id, text).toBe('fx/hgv-km');
      expect(hits.at(-1)!.unitFit).toBe('incompatible');
      expect(hits.filter((h) => h.unitFit === 'same').map((h) => h.id)).toEqual(['fx/hgv-tkm', 'fx/truck-tkm', 'fx/wtt-hgv-tkm']);
    }
    // The same search for a per-km line turns the order round.
    expect(ids({ text: 'HGV', unit: 'km' })[0]).toBe('fx/hgv-km');
  });

  it('reads a unit named in the text as the unit to rank by', () => {
    expect(parseQuery('truck tonne km', vocabulary).unit).toBe('t*km');
    const hits = searchFactors(library, { text: 'truck tonne km', vocabulary });
    expect(hits[0]!.id).toBe('fx/hgv-tkm');
    expect(hits.find((h) => h.id === 'fx/hgv-km')!.unitFit).toBe('incompatible');
    expect(ids({ text: '货车 吨公里' })[0]).toBe('fx/hgv-tkm');
  });

  it('ranks the product\'s region first without leaving the others out', () => {
    expect(ids({ text: 'electricity', nearRegion: 'CN' })).toEqual(['fx/grid-cn', 'fx/grid-gb']);
    expect(ids({ text: 'electricity', nearRegion: 'GB' })).toEqual(['fx/grid-gb', 'fx/grid-cn']);
    expect(ids({ text: 'electricity', region: 'CN' })).toEqual(['fx/grid-cn']);
  });

  it('ranks the kind of factor the line needs first when the text is empty, and rank rules move factors down', () => {
    expect(ids({ text: '', preferCategory: 'material', unit: 'kg' }).slice(0, 3).sort()).toEqual(['fx/abs-resin', 'fx/absorber', 'fx/pet']);
    expect(ids({ text: 'HGV', unit: 't*km' }).indexOf('fx/wtt-hgv-tkm')).toBeGreaterThan(ids({ text: 'HGV', unit: 't*km' }).indexOf('fx/truck-tkm'));
  });

  it('matches Chinese written without spaces by character pairs when the words find nothing', () => {
    expect(ids({ text: '全国电力排放因子' })).toEqual(['fx/grid-cn']);
    expect(ids({ text: 'ＡＢＳ' })).toEqual(['fx/abs-resin']); // full-width Latin from a Chinese keyboard
  });
});

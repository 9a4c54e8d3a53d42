/** search/vocabulary.json: every synonym leads to words the bundled factors carry, and the issue-17 searches find what they mean. */
import { createLibrary, parseQuery, searchFactors, unitSpec, type FactorQuery } from '@greenlca/engine';
import { describe, expect, it } from 'vitest';
import { bundledFactorDatasets, bundledRegions, bundledSubstances, factorVocabulary } from './index.js';

const library = createLibrary(bundledFactorDatasets, bundledSubstances, bundledRegions);
const search = (q: FactorQuery) => searchFactors(library, { vocabulary: factorVocabulary, limit: 500, ...q });

describe('the search vocabulary (datasets/search/vocabulary.json)', () => {
  it('maps every synonym to words some bundled factor has: it finds factors, it never stands for one', () => {
    const dangling: string[] = [];
    for (const group of factorVocabulary.synonyms) {
      expect(group.terms.length, JSON.stringify(group)).toBeGreaterThan(0);
      if (group.unit) expect(() => unitSpec(group.unit!)).not.toThrow();
      for (const word of group.means ?? []) {
        if (!search({ text: word }).length) dangling.push(word);
      }
      // Each term, alone, finds something (or names a unit).
      for (const term of group.terms) {
        if (group.means?.length && !search({ text: term }).length) dangling.push(`term ${term}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it('gives every rank rule a reason and a note in both languages when it has one', () => {
    for (const rule of factorVocabulary.rank ?? []) {
      expect(rule.why.length, JSON.stringify(rule)).toBeGreaterThan(20);
      if (rule.note) expect(rule.note.zh, rule.note.en).toBeTruthy();
    }
  });

  it('reads a term once, longest first, and a unit named in words as the unit', () => {
    expect(parseQuery('ABS塑料', factorVocabulary).concepts.map((c) => c.typed)).toEqual(['abs塑料']);
    expect(parseQuery('truck tonne km', factorVocabulary).unit).toBe('t*km');
    expect(parseQuery('公路货运 吨公里', factorVocabulary).unit).toBe('t*km');
  });
});

describe('the searches issue 17 found wanting', () => {
  it('"ABS" finds the ABS resin (USLCI), not a word containing "abs"', () => {
    const hits = search({ text: 'ABS' });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.factor.name.en.toLowerCase()).toContain('acrylonitrile-butadiene-styrene');
  });

  it('lorry, road freight, truck tonne km, HGV, 货车, 公路货运 on a t·km line: a per-tonne-km road factor first, per-vehicle ones marked and last', () => {
    for (const text of ['lorry', 'road freight', 'truck tonne km', 'HGV', '货车', '公路货运', 'tkm lorry']) {
      const hits = search({ text, unit: 't*km' });
      expect(hits.length, text).toBeGreaterThan(1);
      expect(hits[0]!.factor.unit, text).toBe('t*km');
      expect(hits[0]!.factor.category, text).toBe('freight');
      expect(hits[0]!.factor.name.en, text).toMatch(/HGV|truck/i);
      const firstIncompatible = hits.findIndex((h) => h.unitFit === 'incompatible');
      expect(firstIncompatible, text).toBeGreaterThan(0);
      // Once the incompatible ones start, nothing usable follows.
      expect(hits.slice(firstIncompatible).every((h) => h.unitFit === 'incompatible'), text).toBe(true);
      expect(hits.find((h) => h.factor.unit === 'km')?.unitFit, text).toBe('incompatible');
    }
  });

  it('with no line unit, road freight still starts with a per-tonne-km factor (a product moves as mass × distance)', () => {
    for (const text of ['HGV', '货车', '公路货运', 'lorry']) expect(search({ text })[0]!.factor.unit, text).toBe('t*km');
  });

  it('不锈钢 and stainless find stainless steel; 钢材 and steel for a material line start with steel, not steel cans', () => {
    for (const text of ['不锈钢', 'stainless steel', 'SUS304']) {
      const hits = search({ text });
      expect(hits[0]!.factor.name.en, text).toMatch(/stainless/i);
    }
    for (const text of ['steel', '钢材', 'Q235']) {
      const hits = search({ text, unit: 'kg', preferCategory: 'material' });
      expect(hits[0]!.factor.category, text).toBe('material');
      expect(hits[0]!.factor.name.en, text).toMatch(/steel/i);
      expect(hits[0]!.factor.name.en, text).not.toMatch(/cans/i);
    }
  });

  it('says so beside DESNZ\'s steel-cans factor: it is packaging only', () => {
    const cans = search({ text: 'steel cans primary' }).find((h) => h.id === 'desnz-2025/material-metal-steel-cans-primary');
    expect(cans?.notes?.[0]?.en).toMatch(/cans \(packaging\) only/i);
  });

  it('a CN product\'s electricity search starts with a Chinese factor', () => {
    expect(search({ text: '电力', nearRegion: 'CN' })[0]!.factor.region).toMatch(/^CN/);
    expect(search({ text: 'electricity', nearRegion: 'CN', unit: 'kWh' })[0]!.factor.region).toMatch(/^CN/);
  });
});

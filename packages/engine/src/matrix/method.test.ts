import { describe, expect, it } from 'vitest';
import { dec } from '../decimal.js';
import type { PreparedMethod } from '../impact/method.js';
import { buildBiosphere } from './biosphere.js';
import { IndexMap } from './index-map.js';
import { methodCharacterisation } from './method.js';

const method = {
  id: 'm', name: 'M', version: '1', licences: [], missingCategories: [],
  categories: [
    {
      id: 'cc', name: { en: 'Climate' }, unit: 'kg CO2 eq', source: { source: 'test' },
      factorOf: (f: string) =>
        f === 'air/unspecified/methane' ? { value: dec(27.9), matched: f, rule: 'exact' as const }
        : f === 'air/urban/methane' ? { value: dec(27.9), matched: 'air/unspecified/methane', rule: 'broader compartment' as const }
        : undefined,
    },
    { id: 'none', name: { en: 'Nothing' }, unit: 'x', source: { source: 'test' }, factorOf: () => undefined },
  ],
} as unknown as PreparedMethod;

describe('methodCharacterisation', () => {
  it('builds C over a biosphere\'s rows from a prepared method, rows mapped to flows with a scale', () => {
    const processes = IndexMap.of(['p']);
    const B = buildBiosphere(processes, [
      { process: 'p', flow: 'src-ch4', amount: 2 },
      { process: 'p', flow: 'src-ch4-urban-as-input', amount: 1 },
      { process: 'p', flow: 'src-unmapped', amount: 5 },
    ]);
    const r = methodCharacterisation(B.flows, method, [
      { row: 'src-ch4', flow: 'air/unspecified/methane' },
      { row: 'src-ch4-urban-as-input', flow: 'air/urban/methane', scale: -1 },
    ]);
    const C = r.characterisation.matrix;
    expect([C.rows, C.cols]).toEqual([2, 3]);
    expect(Array.from(C.values)).toEqual([27.9, -27.9]);
    expect(r.rules[0]).toEqual({ exact: 1, 'broader compartment': 1, 'generic substance': 0 });
    expect(r.categories.map((c) => c.id)).toEqual(['cc', 'none']);
  });
});

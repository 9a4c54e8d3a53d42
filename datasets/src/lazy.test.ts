import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledFactorDatasets, bundledRegions, bundledSubstances } from './index.js';
import { FACTOR_DATASET_IDS, factorDatasetsReferenced, loadFactorDatasets, loadRegions, loadSubstances } from './lazy.js';

const kettle = JSON.parse(readFileSync(new URL('../../examples/electric-kettle.json', import.meta.url), 'utf8'));

describe('datasets loaded per use', () => {
  it('lists the datasets in the eager order', () => {
    expect(FACTOR_DATASET_IDS).toEqual(bundledFactorDatasets.map((d) => d.id));
  });

  it('finds the datasets a product names: the kettle uses DESNZ materials and CN MEE electricity', () => {
    // The kettle's factors, read from examples/electric-kettle.json: desnz-2025/… and cn-mee/… only.
    expect(factorDatasetsReferenced(kettle)).toEqual(['desnz-2025', 'cn-mee']);
    expect(factorDatasetsReferenced({ a: ['uslci-fy17/x', 'nope/y', 'ember', '/cn-mee'], b: { c: 'epa-hub-2025/z' } })).toEqual(['epa-hub-2025', 'uslci-fy17']);
    expect(factorDatasetsReferenced(null)).toEqual([]);
  });

  it('walks a huge array without overflowing the call stack', () => {
    const lines = Array.from({ length: 300_000 }, (_, i) => (i === 299_999 ? 'ember/x' : i));
    expect(factorDatasetsReferenced(lines)).toEqual(['ember']);
  });

  it('loads exactly the eager datasets, in the eager order, once', async () => {
    const two = await loadFactorDatasets(['cn-mee', 'desnz-2025']);
    expect(two.map((d) => d.id)).toEqual(['desnz-2025', 'cn-mee']);
    expect(two[1]).toEqual(bundledFactorDatasets[2]);
    expect((await loadFactorDatasets(['cn-mee']))[0]).toBe(two[1]);
    expect(await loadSubstances()).toEqual(bundledSubstances);
    expect(await loadRegions()).toEqual(bundledRegions);
  });
});

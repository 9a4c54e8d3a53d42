import type { Factor, FactorDataset } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { calculate } from '../calculate.js';
import { createLibrary } from '../library/library.js';
import { regionFit, regionMap, type RegionGroup } from '../library/region.js';
import { fixtureSubstances } from '../testing/fixture-library.js';

// Grid factors at round test values; the region check never reads the values, only the regions.
const grid = (id: string, region: string): Factor => ({
  id, name: { en: id }, category: 'electricity', unit: 'kWh', co2e: 0.5, region, year: 2024, source: { source: 'test fixture' }, licence: 'test',
});
const dataset: FactorDataset = {
  id: 'g', version: '0.0.1', edition: 'test', title: { en: 'grids' }, publisher: 'tests', licences: [{ id: 'test', name: 'test', attribution: 'synthetic' }],
  sourceFiles: [], builtBy: 'hand',
  factors: [grid('national', 'CN'), grid('guangdong', 'CN-GD'), grid('sichuan', 'CN-SC'), grid('south', 'CN-GRID-SOUTH'), grid('east', 'CN-GRID-EAST'),
    grid('north', 'CN-GRID-NORTH'), grid('world', 'GLO'), grid('uk', 'GB')],
};
// Two grids as in datasets/regions/cn-power-grids.json, enough to test the rule.
const groups: RegionGroup[] = [
  { id: 'CN-GRID-SOUTH', contains: ['CN-GD', 'CN-GX', 'CN-HI', 'CN-GZ', 'CN-YN'] },
  { id: 'CN-GRID-EAST', contains: ['CN-SH', 'CN-JS', 'CN-ZJ', 'CN-AH', 'CN-FJ'] },
  { id: 'CN-GRID-NORTH', contains: ['CN-BJ', 'CN-TJ', 'CN-HE', 'CN-SX', 'CN-SD'], partlyContains: ['CN-NM'] },
];
const lib = createLibrary([dataset], fixtureSubstances, groups);
const product = (region: string, factors: string[], lineRegion?: string) => ({
  schemaVersion: 1, id: 'p', name: 'p', functionalUnit: { amount: 1, unit: 'item' }, region,
  inventory: factors.map((f) => ({ stage: 'manufacture', factor: `g/${f}`, amount: '1 kWh', ...(lineRegion ? { region: lineRegion } : {}) })),
});
const mismatches = (p: unknown) => calculate(p, lib).warnings.filter((w) => w.code === 'FACTOR_REGION_MISMATCH');

describe('region check with provinces and grids (issue 14, finding 6)', () => {
  it('a Guangdong product on the Sichuan factor or the East China grid is warned, each at its line with how to fix', () => {
    const found = mismatches(product('CN-GD', ['sichuan', 'east']));
    expect(found.map((w) => [w.path, w.message])).toEqual([
      ['/inventory/0', 'factor "g/sichuan" is for region CN-SC, the product is in CN-GD'],
      ['/inventory/1', 'factor "g/east" is for region CN-GRID-EAST, the product is in CN-GD'],
    ]);
    expect(found[0]!.hint).toMatch(/^use a factor for CN-GD or a region containing it/);
  });

  it('no warning where the factor region contains the product: the national, the South grid, Guangdong itself, GLO', () => {
    expect(mismatches(product('CN-GD', ['national', 'south', 'guangdong', 'world']))).toEqual([]);
  });

  it('a China-wide product on a province or grid factor is warned (the factor covers part of it); another country too', () => {
    expect(mismatches(product('CN', ['guangdong', 'south', 'uk', 'national'])).map((w) => w.path)).toEqual(['/inventory/0', '/inventory/1', '/inventory/2']);
  });

  it('a line\'s own region overrides the product\'s: a Guangdong line of a UK product fits the South grid, not the UK grid', () => {
    expect(mismatches(product('GB', ['south'], 'CN-GD'))).toEqual([]);
    expect(mismatches(product('GB', ['uk'], 'CN-GD')).map((w) => w.message)).toEqual(['factor "g/uk" is for region GB, the line is in CN-GD']);
  });

  it('a province split between grids is covered only in part, and says so', () => {
    expect(mismatches(product('CN-NM', ['north'])).map((w) => w.message)).toEqual([
      'factor "g/north" is for region CN-GRID-NORTH, the product is in CN-NM (CN-GRID-NORTH covers only part of CN-NM)',
    ]);
  });

  it('without the grid data a grid factor is judged by its code alone (flagged, never silently accepted)', () => {
    const bare = createLibrary([dataset], fixtureSubstances);
    expect(calculate(product('CN-GD', ['south']), bare).warnings.some((w) => w.code === 'FACTOR_REGION_MISMATCH')).toBe(true);
  });

  it('regionFit: codes contain the codes below them; groups their members; provinces no grid', () => {
    const map = regionMap(groups);
    expect(regionFit('CN', 'CN-GRID-SOUTH', map)).toBe('contains');
    expect(regionFit('cn-grid-south', 'cn_gd', map)).toBe('contains');
    expect(regionFit('CN-GD', 'CN-GRID-SOUTH', map)).toBe('outside');
    expect(regionFit('CN-GRID-EAST', 'CN-GRID-SOUTH', map)).toBe('outside');
    expect(regionFit('CN-GRID-NORTH', 'CN-NM', map)).toBe('partly');
    expect(regionFit('UK', 'GB', map)).toBe('contains');
  });
});

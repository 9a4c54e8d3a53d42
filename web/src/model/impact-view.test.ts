import { readFileSync } from 'node:fs';
import { calculate, createLibrary } from '@greenlca/engine';
import { bundledFactorDatasets, bundledLcia, bundledSubstances, METHOD_IDS } from '@greenlca/datasets';
import { STAGES, type CalculationResult, type Product } from '@greenlca/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { METHOD_CHOICES } from '../engine/methods.js';
import { categoryHotspots, categoryLines, componentRows, entryLines, entryStages, findCategory, missingLines, stageValues, valuesByPath } from './impact-view.js';

const kettle = JSON.parse(readFileSync(new URL('../../../examples/electric-kettle.json', import.meta.url), 'utf8')) as Product;
let result: CalculationResult;

beforeAll(async () => {
  const library = createLibrary(bundledFactorDatasets, bundledSubstances);
  result = calculate(kettle, library, { lcia: await bundledLcia(['EF 3.1']) });
}, 60_000);

describe('method choices', () => {
  it('offers exactly the bundled methods', () => {
    expect(METHOD_CHOICES.map((m) => m.id).sort()).toEqual([...METHOD_IDS].sort());
  });
});

describe('category views of the kettle with EF 3.1', () => {
  const ef = () => result.impacts![0]!;

  it('by stage: every stage, the engine\'s values, adding up to the total', () => {
    const climate = findCategory(ef(), 'climate-change')!;
    const v = stageValues(climate.byStage);
    expect(Object.keys(v)).toEqual([...STAGES]);
    for (const s of STAGES) expect(v[s]).toBe(climate.byStage[s] ?? 0);
    expect(STAGES.reduce((sum, s) => sum + v[s], 0)).toBeCloseTo(climate.total, 9);
  });

  it('hotspots: largest first, labelled from the result lines, shares of the total', () => {
    const climate = findCategory(ef(), 'climate-change')!;
    const hot = categoryHotspots(climate, result.lines, 5);
    expect(hot).toHaveLength(5);
    expect(hot[0]!.path).toBe('/inventory/4'); // the use-stage electricity
    expect(hot[0]!.label).toBe(result.lines.find((l) => l.path === '/inventory/4')!.label);
    expect(hot[0]!.share).toBeCloseTo(hot[0]!.value / climate.total, 12);
    for (let i = 1; i < hot.length; i++) expect(Math.abs(hot[i]!.value)).toBeLessThanOrEqual(Math.abs(hot[i - 1]!.value));
  });

  it('a category with poor coverage lists its missing lines; its own lines add up to its total', () => {
    const fossil = findCategory(ef(), 'climate-change-fossil')!;
    expect(fossil.coverage.poor).toBe(true);
    const missing = missingLines(fossil, result.lines);
    expect(missing.map((l) => l.path).sort()).toEqual([...fossil.coverage.missing].sort());
    const own = categoryLines(fossil, result.lines);
    const values = valuesByPath(fossil);
    expect(own.reduce((s, l) => s + values[l.path]!, 0)).toBeCloseTo(fossil.total, 12);
    const transport = categoryLines(fossil, result.lines, { stage: 'transport' });
    expect(transport.reduce((s, l) => s + values[l.path]!, 0)).toBeCloseTo(fossil.byStage.transport!, 12);
  });

  it('by component: named, largest first, the engine\'s values', () => {
    const climate = findCategory(ef(), 'climate-change')!;
    const rows = componentRows(climate, result);
    expect(rows[0]!.value).toBe(Math.max(...Object.values(climate.byComponent)));
    expect(rows.find((r) => r.component === 'body')?.name).toBe(result.byComponent.find((c) => c.component === 'body')!.name);
  });

  it('inventory entries: the lines behind each amount and each stage\'s amount are result lines', () => {
    const inv = result.inventory!;
    for (const entry of [...inv.materials, ...inv.energy, ...inv.emissions, ...inv.endOfLife]) {
      expect(entryLines(entry, result.lines).length).toBe(entry.lines.length);
      for (const [stage] of entryStages(entry)) expect(entryLines(entry, result.lines, stage).length).toBeGreaterThan(0);
    }
    const grid = inv.energy[0]!;
    expect(entryStages(grid).map(([s]) => s)).toEqual(['design', 'manufacture', 'use']);
    expect(entryLines(grid, result.lines, 'use').map((l) => l.path)).toEqual(['/inventory/4']);
  });
});

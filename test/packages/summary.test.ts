/**
 * A summary (`calculate(…, { lines: false })`, what the API computes for `?view=summary`) gives the
 * same totals, stages, gases, inventories and categories as the full result, without computing any
 * line: checked on the example kettle and on a 600-line product, with EF 3.1, TRACI 2.2 and AR6.
 */
import { bundledFactorDatasets, bundledLcia, bundledSubstances } from '@greenlca/datasets';
import { calculate, createLibrary, parseProduct, type Lcia } from '@greenlca/engine';
import type { CalculationResult } from '@greenlca/schema';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchProduct } from '../bench/whatif.js';

const library = createLibrary(bundledFactorDatasets, bundledSubstances);
let lcia: Lcia;
beforeAll(async () => {
  lcia = await bundledLcia(['EF 3.1', 'TRACI 2.2', 'AR6']);
}, 120_000);

const kettle = () => parseProduct(JSON.parse(readFileSync(new URL('../../examples/electric-kettle.json', import.meta.url), 'utf8')));

/** A result less what is made line by line. */
function withoutLines(r: CalculationResult) {
  const { lines: _l, hotspots: _h, byComponent: _c, impacts, inventory, ...rest } = r;
  const bare = <T extends { lines: string[] }>(xs: T[]) => xs.map(({ lines: _x, ...e }) => e);
  return {
    ...rest, impacts: impacts?.map((m) => ({ ...m, categories: m.categories.map(({ lines: _x, ...c }) => c) })),
    inventory: inventory && { ...inventory, materials: bare(inventory.materials), endOfLife: bare(inventory.endOfLife), energy: bare(inventory.energy), emissions: bare(inventory.emissions) },
  };
}

describe('a summary calculation', () => {
  it('is the full result without its lines: the example kettle', () => {
    const full = calculate(kettle(), library, { lcia });
    const summary = calculate(kettle(), library, { lcia, lines: false });
    expect(summary.total.kgCO2e).toBe(full.total.kgCO2e);
    expect(full.lines.length).toBeGreaterThan(0);
    expect(summary.lines).toEqual([]);
    expect(summary.hotspots).toEqual([]);
    expect(summary.impacts!.every((m) => m.categories.every((c) => c.lines.length === 0))).toBe(true);
    const inv = summary.inventory!;
    expect(full.inventory!.materials.some((e) => e.lines.length > 0)).toBe(true);
    expect([...inv.materials, ...inv.endOfLife, ...inv.energy, ...inv.emissions].every((e) => e.lines.length === 0)).toBe(true);
    expect(withoutLines(summary)).toEqual(withoutLines(full));
  });

  it('is the full result without its lines on 600 lines of bundled factors', () => {
    const product = benchProduct(600);
    expect(withoutLines(calculate(product, library, { lcia, lines: false }))).toEqual(withoutLines(calculate(product, library, { lcia })));
    expect(withoutLines(calculate(product, library, { lines: false }))).toEqual(withoutLines(calculate(product, library)));
  });
});

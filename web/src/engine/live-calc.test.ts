import { calculate } from '@greenlca/engine';
import type { InventoryLine, Product } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { fixtureLibrary } from '../../../packages/engine/src/testing/fixture-library.js';
import { brokenItems, withoutBroken } from '../model/left-out.js';
import { LiveCalculator } from './live-calc.js';

const lib = fixtureLibrary();

function product(lines: number): Product {
  const stages = ['manufacture', 'packaging', 'transport', 'use', 'endOfLife'] as const;
  const inventory: InventoryLine[] = Array.from({ length: lines }, (_, i) => ({
    stage: stages[i % 5]!,
    factor: ['fx/grid-lca', 'fx/steel', 'fx/truck'][i % 3]!,
    amount: [`${i + 1} kWh * hours`, `${i} g`, `2 kg * ${i} km`][i % 3]!,
    ...(i % 7 === 0 ? { component: 'frame' } : {}),
  }));
  return {
    schemaVersion: 1, id: 'p', name: 'P', functionalUnit: { amount: 1, unit: 'item' }, parameters: { hours: 2 },
    factors: [{ id: 'sup/abs', unit: 'kg', co2e: 3.1, source: 'supplier footprint (test)', supplier: { name: 'Frame Supplier' } }],
    components: [{ id: 'body', quantity: 2, material: 'fx/steel', mass: '0.5 kg', children: [{ id: 'frame', material: 'sup/abs', mass: '100 g', quantity: 3 }] }],
    inventory,
  };
}

const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

function same(p: Product, live: LiveCalculator) {
  const quick = live.update(p).result!;
  const full = calculate(p, lib);
  close(quick.total.kgCO2e, full.total.kgCO2e);
  for (const s of Object.keys(full.byStage) as (keyof typeof full.byStage)[]) close(quick.byStage[s].kgCO2e, full.byStage[s].kgCO2e);
  for (const [g, v] of Object.entries(full.byGas)) close(quick.byGas[g]!.kgCO2e, v.kgCO2e);
  expect(quick.lines.map((l) => l.path)).toEqual(full.lines.map((l) => l.path));
  quick.byComponent.forEach((c, i) => { close(c.totalKgCO2e, full.byComponent[i]!.totalKgCO2e); close(c.kgCO2e, full.byComponent[i]!.kgCO2e); });
  expect(quick.hotspots.map((h) => h.path)).toEqual(full.hotspots.map((h) => h.path));
  // Primary data as the engine marks it, line for line (the supplier's frame, direct emissions once added).
  expect(quick.primaryData!.lines.map((l) => [l.line, l.path, l.kind])).toEqual(full.primaryData!.lines.map((l) => [l.line, l.path, l.kind]));
  close(quick.primaryData!.share, full.primaryData!.share);
  close(quick.primaryData!.supplierShare, full.primaryData!.supplierShare);
}

describe('LiveCalculator', () => {
  it('adds segments up to the full engine result, through edits, inserts, deletes and parameter changes', () => {
    const live = new LiveCalculator(lib);
    let p = product(40);
    same(p, live);
    const inv = [...p.inventory!];
    inv[6] = { ...inv[6]!, amount: '12 kWh' }; // fx/grid-lca
    p = { ...p, inventory: inv };
    same(p, live);
    p = { ...p, inventory: [{ stage: 'use', substance: 'HFC-134a', amount: '20 g' }, ...p.inventory!.slice(0, 10), ...p.inventory!.slice(12)] };
    same(p, live);
    p = { ...p, parameters: { hours: 3.5 } };
    same(p, live);
    p = { ...p, components: [{ ...p.components![0]!, quantity: 5 }] };
    same(p, live);
    p = { ...p, gwp: 'AR5' };
    same(p, live);
  });

  it('keeps a bad line out of the total and reports it at its field', () => {
    const live = new LiveCalculator(lib);
    const p = product(6);
    const inv = [...p.inventory!];
    inv[2] = { ...inv[2]!, amount: '3 kWh' }; // fx/truck is per t*km
    const r = live.update({ ...p, inventory: inv });
    expect(r.issues.map((i) => [i.code, i.path])).toEqual([['UNIT_MISMATCH', '/inventory/2/amount']]);
    expect(r.excluded).toBe(1);
    const good = { ...p, inventory: inv.filter((_, i) => i !== 2) };
    close(r.result!.total.kgCO2e, calculate(good, lib).total.kgCO2e);
  });

  it('keeps a broken part out and the rest of the BOM in, as the tornado\'s product does (model/left-out.ts)', () => {
    const live = new LiveCalculator(lib);
    const p = product(3);
    // The frame's mass in kWh cannot be a mass: the frame alone is left out, the body still counts.
    const broken: Product = { ...p, components: [{ ...p.components![0]!, children: [{ ...p.components![0]!.children![0]!, mass: '3 kWh' }] }] };
    const r = live.update(broken);
    expect(r.issues.map((i) => i.path)).toEqual(['/components/0/children/0/mass']);
    expect(r.excluded).toBe(1);
    const without = { ...p, components: [{ ...p.components![0]!, children: [{ id: 'frame' }] }] };
    close(r.result!.total.kgCO2e, calculate(without, lib).total.kgCO2e);
    const usable = withoutBroken(broken, brokenItems(r.issues));
    expect(usable.components).toEqual(without.components);
    close(calculate(usable, lib).total.kgCO2e, r.result!.total.kgCO2e);
  });

  it('removes broken lines for sensitivity and re-points scenario references to the lines that stay', () => {
    const p: Product = { ...product(4), scenarios: [{ id: 'v', name: 'v', overrides: { lines: { '/inventory/1': { scale: 2 }, '/inventory/3': { scale: 0.5 }, '/inventory/2': { remove: true } } } }] };
    const usable = withoutBroken(p, { lines: new Set([1]), parts: new Set(), wholeBom: false });
    expect(usable.inventory).toEqual([p.inventory![0], p.inventory![2], p.inventory![3]]);
    expect(usable.scenarios![0]!.overrides.lines).toEqual({ '/inventory/2': { scale: 0.5 }, '/inventory/1': { remove: true } });
  });

  it('recalculates one edited line of 1,000 well within a frame', () => {
    const live = new LiveCalculator(lib);
    let p = product(1000);
    live.update(p);
    const times: number[] = [];
    for (let k = 0; k < 20; k++) {
      const inv = [...p.inventory!];
      inv[k * 6] = { ...inv[k * 6]!, amount: `${k + 1} kWh` };
      p = { ...p, inventory: inv };
      const t = performance.now();
      live.update(p);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`live edit at 1,000 lines: median ${times[10]!.toFixed(2)} ms, max ${times[19]!.toFixed(2)} ms`);
    // The 16 ms target is measured in Chromium by test/bench/web.ts; here, on a shared CI machine, only an
    // order-of-magnitude guard (a full calculate() of this product takes far longer).
    expect(times[10]).toBeLessThan(50);
  });
});

import { calculate, parseProduct } from '@greenlca/engine';
import type { Component, InventoryLine, Product } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { whatifLibrary } from '../testing/library.js';
import { kettle } from '../testing/products.js';
import { buildModel } from './build.js';
import { updateModel } from './update.js';
import { modelRows, modelTotals } from './view.js';

const lib = whatifLibrary();

function expectSameAsFresh(product: Product, updated: ReturnType<typeof buildModel>): void {
  const fresh = buildModel(product, lib);
  expect(modelTotals(updated)).toEqual(modelTotals(fresh));
  expect(modelRows(updated).map((r) => [r.path, r.stage, r.amount, r.factor.id, r.component])).toEqual(
    modelRows(fresh).map((r) => [r.path, r.stage, r.amount, r.factor.id, r.component]),
  );
  const engine = calculate(product, lib);
  const { kgCO2e, fossilKgCO2e, biogenicKgCO2e, notSplitKgCO2e } = engine.total;
  expect(modelTotals(updated).total).toEqual({ kgCO2e, fossilKgCO2e, biogenicKgCO2e, notSplitKgCO2e });
  expect(modelRows(updated).map((r) => r.path)).toEqual(engine.lines.map((l) => l.path));
}

describe('the what-if model', () => {
  it('gives the engine\'s numbers: kettle total 311.156 kg CO2e by hand', () => {
    const p = parseProduct(kettle());
    const m = buildModel(p, lib);
    const t = modelTotals(m);
    expect(t.total.kgCO2e).toBe(311.156);
    expect(t.byStage.manufacture.kgCO2e).toBe(6.484); // 4.5 + 1.26 + 0.024 + 0.7
    expect(t.byStage.use.kgCO2e).toBe(304.27); // 273.75 + 30.52
    expect(t.byStage.endOfLife.kgCO2e).toBe(0.21);
    const engine = calculate(p, lib);
    expect(t.byStage).toEqual(Object.fromEntries(Object.entries(engine.byStage).map(([s, v]) => [s, { kgCO2e: v.kgCO2e }])));
    expect(modelRows(m).map((r) => r.amount)).toEqual(engine.lines.map((l) => l.amount.value));
  });

  it('recompiles one edited line and adjusts the totals: 3.5 → 7 kWh adds 0.7', () => {
    const p = kettle();
    const m = buildModel(p, lib);
    const inventory = p.inventory!.slice();
    inventory[3] = { ...inventory[3]!, amount: '7 kWh' };
    const next = { ...p, inventory };
    const u = updateModel(m, next);
    expect(modelTotals(u).total.kgCO2e).toBe(311.856);
    expect(u.lineRows[0]).toBe(m.lineRows[0]); // untouched rows are the same objects
    expect(u.roots).toBe(m.roots);
    expectSameAsFresh(next, u);
  });

  it('recompiles what a parameter reaches: 5 → 10 years doubles the use line', () => {
    const p = kettle();
    const m = buildModel(p, lib);
    const next = { ...p, parameters: { ...p.parameters, years: 10 } };
    const u = updateModel(m, next);
    expect(modelTotals(u).byStage.use.kgCO2e).toBe(578.02); // 547.5 + 30.52
    expect(u.lineRows[1]).toBe(m.lineRows[1]);
    expectSameAsFresh(next, u);
  });

  it('recompiles a component\'s own rows for a mass change, its subtree for a quantity change', () => {
    const p = kettle();
    const m = buildModel(p, lib);
    const body = p.components![1]!;
    const lighter = { ...p, components: [p.components![0]!, { ...body, mass: '0.336 kg' }] };
    const u = updateModel(m, lighter);
    expect(u.roots[1]!.children[0]).toBe(m.roots[1]!.children[0]); // the screw is untouched
    expectSameAsFresh(lighter, u);
    const twice = { ...p, components: [p.components![0]!, { ...body, quantity: 2 }] };
    const u2 = updateModel(m, twice);
    expect(modelTotals(u2).total.kgCO2e).toBeCloseTo(311.156 + 1.26 + 0.21 + 0.024, 10);
    expectSameAsFresh(twice, u2);
  });

  it('follows lines and components added, removed and moved', () => {
    const p = kettle();
    let m = buildModel(p, lib);
    let cur: Product = p;
    const step = (next: Product) => {
      m = updateModel(m, next);
      cur = next;
      expectSameAsFresh(cur, m);
    };
    step({ ...cur, inventory: cur.inventory!.slice(1) });
    step({ ...cur, inventory: [...cur.inventory!, { stage: 'use', factor: 'wf/grid-cn-yn', amount: '10 kWh', component: 'screw' }] });
    step({ ...cur, inventory: [...cur.inventory!].reverse() });
    const extra: Component = { id: 'lid', material: 'wf/steel', mass: '50 g', children: [{ id: 'knob', material: 'wf/material-plastics-primary', mass: '5 g' }] };
    step({ ...cur, components: [extra, ...cur.components!] });
    step({ ...cur, components: cur.components!.slice(1).reverse() });
    const body = cur.components![0]!;
    step({ ...cur, components: [{ ...body, children: [...body.children!, { id: 'cap', quantity: 2, material: 'wf/steel', mass: '1 g' }] }, ...cur.components!.slice(1)] });
    step({ ...cur, gwp: 'AR5' });
  });

  it('matches a fresh build after a long random sequence of single edits', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const lines: InventoryLine[] = Array.from({ length: 40 }, (_, i) => ({
      stage: i % 3 ? 'use' : 'transport', factor: i % 3 ? 'wf/grid-cn' : 'wf/freight-hgv-average-laden-tkm', amount: i % 3 ? `${i + 0.5} kWh` : `${i} kg * 100 km`,
    }));
    let cur: Product = { ...kettle(), inventory: lines };
    let m = buildModel(cur, lib);
    for (let k = 0; k < 60; k++) {
      const inv = cur.inventory!.slice();
      const i = Math.floor(rnd() * inv.length);
      const r = rnd();
      if (r < 0.5) inv[i] = { ...inv[i]!, amount: inv[i]!.factor === 'wf/freight-hgv-average-laden-tkm' ? `${Math.round(rnd() * 1000) / 10} kg * 100 km` : `${Math.round(rnd() * 1e4) / 100} kWh` };
      else if (r < 0.7) inv.splice(i, 1);
      else if (r < 0.85) inv.splice(i, 0, { stage: 'manufacture', factor: 'wf/gas', amount: `${Math.round(rnd() * 100)} kWh` });
      else inv[i] = { ...inv[i]!, stage: 'packaging' };
      cur = { ...cur, inventory: inv };
      m = updateModel(m, cur);
    }
    expectSameAsFresh(cur, m);
  });

  it('re-values every row for another GWP set without compiling amounts again: HFC-134a at AR5 is 0.02 × 1300', () => {
    const p = kettle();
    const m = buildModel(p, lib);
    const u = updateModel(m, { ...p, gwp: 'AR5' });
    expect(u.gwp).toBe('AR5');
    expect(u.lineRows[2]!.factor.value.kgCO2e.toNumber()).toBe(1300);
    expect(modelTotals(u).byStage.use.kgCO2e).toBe(273.75 + 26);
    expect(u.lineRows.map((r) => r.amount)).toEqual(m.lineRows.map((r) => r.amount));
    expectSameAsFresh({ ...p, gwp: 'AR5' }, u);
    // And back, with an edit at the same time.
    const inventory = p.inventory!.slice();
    inventory[3] = { ...inventory[3]!, amount: '7 kWh' };
    const back = { ...p, inventory, gwp: 'AR6' as const };
    expectSameAsFresh(back, updateModel(u, back));
  });

  it('keeps foreground processes working in the parts it recompiles', () => {
    const p: Product = {
      ...kettle(),
      processes: [
        { id: 'power', unit: 'kWh', inputs: [{ process: 'coal', amount: '0.4 kg' }, { substance: 'CO2', amount: '0.9 kg' }] },
        { id: 'coal', unit: 'kg', inputs: [{ process: 'power', amount: '0.1 kWh' }, { substance: 'CH4', amount: '10 g' }] },
      ],
      components: [{ id: 'brick', material: 'coal', mass: '2 kg' }],
      inventory: [{ stage: 'use', factor: 'power', amount: '100 kWh * years' }, { stage: 'manufacture', factor: 'wf/gas', amount: '1 kWh' }],
    };
    let m = buildModel(p, lib);
    expectSameAsFresh(p, m);
    const next = { ...p, parameters: { ...p.parameters, years: 2 }, components: [{ id: 'brick', material: 'coal', mass: '3 kg' }] };
    m = updateModel(m, next);
    expectSameAsFresh(next, m);
    const ar5 = { ...next, gwp: 'AR5' as const };
    expectSameAsFresh(ar5, updateModel(m, ar5));
  });

  it('sums exactly over mixed magnitudes and digits, as the engine does', () => {
    const amounts = ['0.1 kg', '0.2 kg', '1e-7 kg', '123456.789 kg', '3.14159265358979 kg', '2.718281828459045 kg', '7e21 kg', '1 g', '0.000123 t', '99999999999999.9 kg'];
    const p: Product = { ...kettle(), components: [], inventory: amounts.map((amount) => ({ stage: 'manufacture', factor: 'wf/steel', amount })) };
    const m = buildModel(p, lib);
    expect(modelTotals(m).total.kgCO2e).toBe(calculate(p, lib).total.kgCO2e);
    const inventory = p.inventory!.slice(2);
    expectSameAsFresh({ ...p, inventory }, updateModel(m, { ...p, inventory }));
  });

  it('follows parameter edits through the parameters that depend on them, and renamed or added parameters', () => {
    const p: Product = {
      ...kettle(), parameters: { boilsPerDay: { value: 3, unit: '1/day' }, years: 5, days: '365 day * years', perDay: 'boilsPerDay * 0.1 kWh' },
      inventory: [{ id: 'use', stage: 'use', factor: 'wf/grid-cn', amount: 'perDay * days' }, { id: 'heat', stage: 'manufacture', factor: 'wf/gas', amount: '3.5 kWh * years' }],
    };
    const m = buildModel(p, lib);
    // A value deep in the chain: years → days → the use line, and the heat line directly.
    const longer = { ...p, parameters: { ...p.parameters, years: 7 } };
    expectSameAsFresh(longer, updateModel(m, longer));
    // As many parameters as before, one of them another name: everything is evaluated again.
    const { years: _years, ...others } = p.parameters!;
    const renamed = { ...p, parameters: { ...others, lifetime: 6, days: '365 day * lifetime' }, inventory: [p.inventory![0]!, { ...p.inventory![1]!, amount: '3.5 kWh * lifetime' }] };
    expectSameAsFresh(renamed, updateModel(m, renamed));
    // A parameter gone that others still use is not its old value: "years" is then read as a unit, and
    // the use line's amount is in kWh·a (an error), where a stale value gave the old total.
    expect(() => updateModel(m, { ...p, parameters: { ...others, lifetime: 6 } })).toThrow(/\/inventory\/0\/amount/);
    const added: Product = { ...p, parameters: { ...p.parameters, extra: 2 }, inventory: [...p.inventory!, { stage: 'use', factor: 'wf/gas', amount: '1 kWh * extra' }] };
    expectSameAsFresh(added, updateModel(m, added));
  });

  it('reports a bad edit with the real JSON pointer, and leaves the old model usable', () => {
    const p = kettle();
    const m = buildModel(p, lib);
    const inventory = p.inventory!.slice();
    inventory[3] = { ...inventory[3]!, amount: '3 kg' };
    expect(() => updateModel(m, { ...p, inventory })).toThrow(/\/inventory\/3\/amount/);
    const body = p.components![1]!;
    const badChild = { ...body, children: [{ ...body.children![0]!, mass: '2 kWh' }] };
    expect(() => updateModel(m, { ...p, components: [p.components![0]!, badChild] })).toThrow(/\/components\/1\/children\/0\/mass/);
    expect(modelTotals(m).total.kgCO2e).toBe(311.156);
  });
});

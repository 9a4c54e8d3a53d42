import { describe, expect, it } from 'vitest';
import { context, threePartBom } from '../testing/products.js';
import { carbonFootprint } from './carbon.js';
import { packagingRatio, recycledContentShare, renewableContentShare } from './materials.js';
import { energyPerUnit, waterPerUnit } from './resources.js';

describe('energy and water per functional unit', () => {
  const inventory = [
    { stage: 'manufacture', factor: 'tx/grid', amount: '10 kWh' },
    { stage: 'manufacture', factor: 'tx/steam', amount: '36 MJ' },
    { stage: 'manufacture', factor: 'tx/tap-water', amount: '250 L' },
    { stage: 'use', factor: 'tx/grid', amount: '100 kWh' },
    { stage: 'transport', factor: 'tx/truck', amount: '1 t * 100 km' },
  ];

  it('adds electricity and heat in kWh: 10 kWh + 36 MJ / 3.6 = 20 kWh in manufacture', () => {
    const r = energyPerUnit(context({ inventory }), { stages: ['manufacture'] });
    expect(r.value).toBe(20);
    expect(r.bound).toBeUndefined();
    expect(r.breakdown.map((b) => b.values.kWh)).toEqual([10, 10]);
  });

  it('counts every stage by default and leaves freight out: 120 kWh', () => {
    expect(energyPerUnit(context({ inventory }), {}).value).toBe(120);
  });

  it('does not convert fuel given in litres (no cited heating value): the total is a lower bound', () => {
    const r = energyPerUnit(context({ inventory: [...inventory, { stage: 'manufacture', factor: 'tx/diesel', amount: '2 L' }] }), { stages: ['manufacture'] });
    expect(r.value).toBe(20);
    expect(r.bound).toBe('lower');
    expect(r.notes[0]!.en).toMatch(/\/inventory\/5/);
  });

  it('counts custom factors that say they are electricity, fuel or heat (the energy inventory\'s rule), and no others', () => {
    const r = energyPerUnit(context({
      factors: [{ id: 'plant/pv', unit: 'kWh', co2e: 0.05, category: 'electricity' }, { id: 'plant/other', unit: 'kWh', co2e: 0.05 }],
      inventory: [{ stage: 'manufacture', factor: 'plant/pv', amount: '5 kWh' }, { stage: 'manufacture', factor: 'plant/other', amount: '7 kWh' }],
    }), {});
    expect(r.value).toBe(5);
    expect(r.breakdown).toEqual([expect.objectContaining({ item: 'plant/pv', lines: ['/inventory/0'] })]);
  });

  it('gives water in m³ (250 L = 0.25 m³), and per one unit of a 10-item functional unit on request', () => {
    expect(waterPerUnit(context({ inventory }), {}).value).toBe(0.25);
    const perUnit = waterPerUnit(context({ inventory, functionalUnit: { amount: 10, unit: 'item' } }), { basis: 'unit' });
    expect(perUnit.value).toBe(0.025);
  });

  it('has no value when nothing is modelled (not zero)', () => {
    // A product with electricity and freight but no water line: no water figure, not 0 m³.
    expect(waterPerUnit(context({ inventory: [inventory[0], inventory[4]] }), {}).value).toBeNull();
  });
});

describe('mass ratios and the carbon footprint', () => {
  it('packaging-to-product ratio: 0.5 kg / 8 kg = 0.0625', () => {
    expect(packagingRatio(context({ components: threePartBom }), {}).value).toBe(0.0625);
  });

  it('recycled share: (4 kg × 0.5 + 2 kg × 0.25) / 8 kg = 0.3125, a lower bound while the cover declares none', () => {
    const bom = structuredClone(threePartBom) as Record<string, unknown>[];
    bom[0]!.recycledContent = 0.5;
    bom[1]!.recycledContent = 0.25;
    const r = recycledContentShare(context({ components: bom }), {});
    expect(r.value).toBe(0.3125);
    expect(r.bound).toBe('lower');
    bom[2]!.recycledContent = 0;
    expect(recycledContentShare(context({ components: bom }), {}).bound).toBeUndefined();
  });

  it('renewable share: 2 kg of 8 kg = 0.25', () => {
    const bom = structuredClone(threePartBom) as Record<string, unknown>[];
    for (const c of bom) c.renewableContent = 0;
    bom[2]!.renewableContent = 1;
    expect(renewableContentShare(context({ components: bom }), {}).value).toBe(0.25);
  });

  it('carbon footprint: materials 4×2 + 2×3 + 2×3 = 20, box 0.5, 10 kWh × 0.5 = 5 → 25.5 kg CO2e; cradle-to-gate 20 + 5', () => {
    const ctx = context({ components: threePartBom, inventory: [{ stage: 'manufacture', factor: 'tx/grid', amount: '10 kWh' }] });
    expect(carbonFootprint(ctx, {}).value).toBe(25.5);
    expect(carbonFootprint(ctx, { stages: ['manufacture'] }).value).toBe(25);
    expect(carbonFootprint(ctx, { stages: ['manufacture'] }).notes[0]!.en).toMatch(/partial/);
  });
});

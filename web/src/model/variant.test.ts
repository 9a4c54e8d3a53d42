import type { Scenario } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { lineOf, partOf, percentChange, removeLineChange, removePartChange, scaleOf, setLineChange, setPartChange } from './variant.js';

const s: Scenario = { id: 'v', name: 'V', overrides: {} };

describe('variant changes as scenario overrides', () => {
  it('sets, resets and removes a part\'s and a line\'s changes without leaving empty lists behind', () => {
    let v = setPartChange(s, 'body/screw', { massScale: 0.8 });
    v = setPartChange(v, 'body/screw', { material: 'x/pp' });
    expect(v.overrides).toEqual({ components: { 'body/screw': { massScale: 0.8, material: 'x/pp' } } });
    v = setPartChange(v, 'body/screw', { massScale: undefined });
    expect(v.overrides.components).toEqual({ 'body/screw': { material: 'x/pp' } });
    v = setLineChange(v, '/inventory/0', { factor: 'x/rail' });
    v = removePartChange(v, 'body/screw');
    expect(v.overrides).toEqual({ lines: { '/inventory/0': { factor: 'x/rail' } } });
    expect(removeLineChange(v, '/inventory/0').overrides).toEqual({});
    expect(s.overrides).toEqual({}); // never changed in place
  });

  it('reads a mass change in percent and back: −20 % is a scale of 0.8, 0 is "as now"', () => {
    expect(scaleOf(-20)).toBe(0.8);
    expect(scaleOf(0)).toBeUndefined();
    expect(percentChange(0.8)).toBe(-20);
    expect(percentChange(undefined)).toBe(0);
    expect(percentChange(scaleOf(12.5))).toBe(12.5);
  });

  it('finds the part and the line a change names', () => {
    const p = {
      schemaVersion: 1 as const, id: 'p', name: 'P', functionalUnit: { amount: 1, unit: 'item' },
      components: [{ id: 'body', children: [{ id: 'screw', name: 'Screw' }] }],
      inventory: [{ stage: 'use' as const, factor: 'a', amount: '1 kWh' }, { id: 'truck', stage: 'transport' as const, factor: 'b', amount: '1 t*km' }],
    };
    expect(partOf(p, 'body/screw')?.name).toBe('Screw');
    expect(partOf(p, 'screw')).toBeUndefined();
    expect(lineOf(p, 'truck')?.index).toBe(1);
    expect(lineOf(p, '/inventory/0')?.line.factor).toBe('a');
    expect(lineOf(p, '/inventory/5')).toBeUndefined();
  });
});

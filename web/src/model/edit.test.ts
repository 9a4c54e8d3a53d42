import type { Product } from '@greenlca/schema';
import { describe, expect, it } from 'vitest';
import { addComponent, componentPaths, removeComponent, setComponent, setLine } from './edit.js';

const base: Product = {
  schemaVersion: 1, id: 'p', name: 'P', functionalUnit: { amount: 1, unit: 'item' },
  components: [{ id: 'body', children: [{ id: 'screw', quantity: 6 }] }, { id: 'lid' }],
  inventory: [{ stage: 'use', factor: 'a/b', amount: '1 kWh' }, { stage: 'use', factor: 'a/c', amount: '2 kWh' }],
};

describe('immutable product edits', () => {
  it('replaces only the edited line and keeps the others by identity', () => {
    const next = setLine(base, 1, { amount: '3 kWh' });
    expect(next.inventory![0]).toBe(base.inventory![0]);
    expect(next.inventory![1]).toEqual({ stage: 'use', factor: 'a/c', amount: '3 kWh' });
    expect(base.inventory![1]!.amount).toBe('2 kWh');
  });

  it('edits, adds and removes components deep in the tree', () => {
    let p = setComponent(base, [0, 0], { mass: '2 g' });
    expect(p.components![0]!.children![0]).toEqual({ id: 'screw', quantity: 6, mass: '2 g' });
    expect(p.components![1]).toBe(base.components![1]);
    p = addComponent(p, [0]);
    expect(componentPaths(p.components)).toEqual(['body', 'body/screw', 'body/part-2', 'lid']);
    p = removeComponent(p, [0, 0]);
    expect(componentPaths(p.components)).toEqual(['body', 'body/part-2', 'lid']);
  });

  it('drops a field patched to undefined', () => {
    const p = setComponent(base, [1], { material: 'x/y' });
    expect(setComponent(p, [1], { material: undefined }).components![1]).toEqual({ id: 'lid' });
  });
});

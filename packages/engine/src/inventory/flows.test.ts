import { describe, expect, it } from 'vitest';
import { needsElementaryFlows } from './flows.js';

const product = (extra: Record<string, unknown>) => ({ schemaVersion: 1, id: 'p', name: 'p', functionalUnit: { amount: 1, unit: 'item' }, ...extra });

describe('needsElementaryFlows', () => {
  it('is false for gases named by formula and for factor lines', () => {
    expect(needsElementaryFlows(product({ inventory: [{ stage: 'use', substance: 'CH4', amount: '1 kg' }, { stage: 'use', factor: 'desnz-2025/electricity-uk', amount: '1 kWh' }] }))).toBe(false);
    expect(needsElementaryFlows(null)).toBe(false);
    expect(needsElementaryFlows('air/unspecified/sulfur-dioxide')).toBe(false);
  });

  it('finds a flow named at the top, in a component, in a scenario, inside an evaluation, or by a custom factor', () => {
    const line = { stage: 'manufacture', substance: 'air/unspecified/sulfur-dioxide', amount: '1 kg' };
    expect(needsElementaryFlows(product({ inventory: [line] }))).toBe(true);
    expect(needsElementaryFlows(product({ components: [{ id: 'a', children: [{ id: 'b', inventory: [line] }] }] }))).toBe(true);
    expect(needsElementaryFlows({ ...product({}), scenarios: [{ name: 's', changes: [{ op: 'add', line }] }] })).toBe(true);
    expect(needsElementaryFlows({ product: product({ inventory: [line] }), spec: 'gb-t-32161-2015' })).toBe(true);
    expect(needsElementaryFlows(product({ factors: [{ id: 'x/steam', unit: 'MJ', flows: { 'air/unspecified/sulfur-dioxide': 0.001 } }] }))).toBe(true);
  });

  it('walks a document nested far deeper than the stack allows', () => {
    let deep: unknown = { substance: 'water/unspecified/ammonia', amount: '1 kg' };
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(needsElementaryFlows(deep)).toBe(true);
  });
});

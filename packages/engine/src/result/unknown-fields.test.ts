import { describe, expect, it } from 'vitest';
import { unknownFields } from './unknown-fields.js';

describe('unknownFields', () => {
  it('points at each unknown field wherever it sits, nested components and routes included', () => {
    const product = {
      schemaVersion: 1, id: 'x', name: 'n', colour: 1, 'x-ok': 2, functionalUnit: { amount: 1, unit: 'item', bogus: 1 },
      factors: [{ id: 'f', valu: 1 }, 5, null],
      inventory: [{ stage: 'use', factor: 'a', amount: '1 kg', compnent: 'c' }, []],
      components: [
        { id: 'a', endOfLife: [{ route: 'r', shar: 1 }], children: [{ id: 'b', foo: 1, children: [{ id: 'c', endOfLife: [{ x: 1 }] }] }] },
        { id: 'd', qty: 2 },
      ],
    };
    expect(unknownFields(product).map((d) => d.path)).toEqual([
      '/colour', '/functionalUnit/bogus', '/factors/0/valu', '/inventory/0/compnent', '/components/0/endOfLife/0/shar',
      '/components/0/children/0/foo', '/components/0/children/0/children/0/endOfLife/0/x', '/components/1/qty',
    ]);
    expect(unknownFields({ ...product, inventory: [{ stage: 'use', factor: 'a', amount: '1 kg' }] }).map((d) => d.path)).not.toContain('/inventory/0/compnent');
  });
});

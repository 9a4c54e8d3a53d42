import { describe, expect, it } from 'vitest';
import { calculate } from './calculate.js';
import { LcaInputError } from './errors.js';
import { fixtureLibrary } from './testing/fixture-library.js';
import { rejection } from './testing/rejection.js';

const lib = fixtureLibrary();
const base = { schemaVersion: 1, id: 'p', name: 'One pass', functionalUnit: { amount: 1, unit: 'item' } };

const failure = (product: unknown): LcaInputError => rejection(product, lib);
const listed = (e: LcaInputError) => e.issues.map((i) => `${i.code} ${i.path}`);

describe('every problem in one pass (issue 14, finding 11)', () => {
  // The issue's case: a bad stage used to hide the three later problems, and "colour" was never shown.
  const product = {
    ...base,
    colour: 'red',
    components: [{ id: 'body', material: 'fx/steel', mass: '2 kgg' }],
    inventory: [
      { stage: 'manufactur', factor: 'fx/grid-lca', amount: '3 kWh' },
      { stage: 'use', factor: 'fx/grid-lca', amount: '3 kg' },
      { stage: 'transport', factor: 'fx/truk', amount: '1 kg * 100 km' },
    ],
  };

  it('lists the schema problem and the semantic ones together, in document order within each kind', () => {
    const e = failure(product);
    expect(listed(e)).toEqual([
      'UNKNOWN_STAGE /inventory/0/stage',
      'UNKNOWN_PARAMETER /components/0/mass', // "kgg" is neither a parameter nor a unit
      'UNIT_MISMATCH /inventory/1/amount',
      'UNKNOWN_FACTOR /inventory/2/factor',
    ]);
    expect(e.issues[3]!.hint).toContain('"fx/truck"');
  });

  it('flags the unknown field as a warning beside the errors (the contract allows extra fields; x- marks extensions)', () => {
    const e = failure(product);
    expect(e.warnings.map((w) => `${w.code} ${w.path}`)).toEqual(['UNKNOWN_FIELD /colour']);
    // An x- field is an extension: not flagged.
    const { colour: _, ...rest } = product;
    expect(failure({ ...rest, 'x-colour': 'red' }).warnings).toEqual([]);
  });

  it('gives the same list whatever else is wrong in the same line: a bad stage does not hide its own line\'s factor', () => {
    const e = failure({ ...base, inventory: [{ stage: 'usage', factor: 'fx/gird-lca', amount: '3 kWh' }] });
    expect(listed(e)).toEqual(['UNKNOWN_STAGE /inventory/0/stage', 'UNKNOWN_FACTOR /inventory/0/factor']);
  });

  it('does not repeat, as a semantic problem, a field the schema already named', () => {
    // amount true: the schema names /inventory/0/amount; the compiler's BAD_EXPRESSION there is dropped.
    const e = failure({ ...base, inventory: [{ stage: 'use', factor: 'fx/grid-lca', amount: true }, { stage: 'use', factor: 'fx/nope', amount: '1 kWh' }] });
    expect(listed(e)).toEqual(['SCHEMA /inventory/0/amount', 'UNKNOWN_FACTOR /inventory/1/factor']);
  });

  it('an invalid GWP set is one problem, not one per gas', () => {
    const e = failure({ ...base, gwp: 'AR7', inventory: [{ stage: 'use', substance: 'CH4', amount: '1 kg' }, { stage: 'use', factor: 'fx/nope', amount: '1 kg' }] });
    expect(listed(e)).toEqual(['SCHEMA /gwp', 'UNKNOWN_FACTOR /inventory/1/factor']);
  });

  it('reports the schema problems alone when the lists themselves are unreadable', () => {
    expect(listed(failure({ ...base, inventory: 'lots', components: [{ id: 'a', material: 'fx/nope', mass: '1 kg' }] })))
      .toEqual(['SCHEMA /inventory']);
    expect(listed(failure({ ...base, inventory: [42, { stage: 'use', factor: 'fx/nope', amount: '1 kWh' }] })))
      .toEqual(['SCHEMA /inventory/0']);
    expect(listed(failure([1, 2]))).toEqual(['SCHEMA ']);
  });

  it('keeps unknown-field warnings with a result too, and with a product whose only problems are semantic', () => {
    const ok = calculate({ ...base, colour: 'red', inventory: [{ stage: 'use', factor: 'fx/grid-lca', amount: '2 kWh' }] }, lib);
    expect(ok.total.kgCO2e).toBe(1); // 2 kWh × 0.5
    expect(ok.warnings.filter((w) => w.code === 'UNKNOWN_FIELD').map((w) => w.path)).toEqual(['/colour']);
    const e = failure({ ...base, colour: 'red', inventory: [{ stage: 'use', factor: 'fx/nope', amount: '2 kWh' }] });
    expect(listed(e)).toEqual(['UNKNOWN_FACTOR /inventory/0/factor']);
    expect(e.warnings.map((w) => w.path)).toEqual(['/colour']);
  });
});

import { describe, expect, it } from 'vitest';
import { calculate } from '../calculate.js';
import { fixtureLibrary } from '../testing/fixture-library.js';

const lib = fixtureLibrary();
const base = { schemaVersion: 1, id: 'p', name: 'p', functionalUnit: { amount: 1, unit: 'item' }, gwp: 'AR6' };
const part = (factor: string) => ({ ...base, components: [{ id: 'case', material: 'fx/steel', mass: '1 kg', endOfLife: [{ route: 'landfill', share: 1, factor }] }] });
const found = (r: ReturnType<typeof calculate>) => r.warnings.filter((w) => w.code === 'EOL_NOT_TREATMENT');

describe('end-of-life routes are checked against their factor\'s category', () => {
  it('warns EOL_NOT_TREATMENT when a material-production factor is used as landfill', () => {
    const r = calculate(part('fx/steel'), lib);
    // 1 kg × 2 made, and the same 1 kg × 2 again as "landfill": the double count the warning names
    expect(r.total.kgCO2e).toBe(4);
    expect(found(r)).toHaveLength(1);
    expect(found(r)[0]).toMatchObject({ path: '/components/0/endOfLife/0/factor' });
    expect(found(r)[0]!.message).toContain('"fx/steel"');
    expect(found(r)[0]!.message).toContain('material-production factor');
  });

  it('names the category of another kind of factor (a fuel)', () => {
    const r = calculate({ ...base, factors: [{ id: 'x/burn', unit: 'kg', co2e: 3, category: 'fuel', source: 'test' }], components: part('x/burn').components }, lib);
    expect(found(r)[0]!.message).toContain('a fuel factor');
  });

  it('accepts a waste-treatment factor, and leaves factors with no category unjudged', () => {
    expect(found(calculate(part('fx/landfill'), lib))).toEqual([]);
    const custom = { ...base, factors: [{ id: 'x/tip', unit: 'kg', co2e: 0.5, source: 'test' }], components: part('x/tip').components };
    expect(found(calculate(custom, lib))).toEqual([]);
  });
});

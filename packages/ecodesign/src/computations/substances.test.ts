import { describe, expect, it } from 'vitest';
import { context } from '../testing/products.js';
import { restrictedSubstances } from './substances.js';

const part = (id: string, substances?: unknown[]) => ({ id, material: 'tx/abs', mass: '0.1 kg', ...(substances ? { substances } : {}) });

describe('restricted substances against the GB/T 26572 limits, per homogeneous material', () => {
  it('fails Cd at 0.02 % against ≤ 0.01 %, with a gap of 0.01 points', () => {
    const r = restrictedSubstances(context({ components: [part('coating', [{ substance: 'Cd', massFraction: 0.0002, evidence: 'Test report R-1' }])] }), {});
    expect(r.value).toBe(false);
    const check = r.checks![0]!;
    expect(check).toMatchObject({ component: 'coating', substance: 'Cd', massFraction: 0.0002, maxMassFraction: 0.0001, verdict: 'fail' });
    expect(check.gap!.amount).toBe(0.01);
    expect(check.gap!.unit).toBe('percentage points');
    expect(check.gap!.text.en).toBe('needs ≤ 0.01 %, is 0.02 %: reduce by 0.01 points');
    expect(check.gap!.text.zh).toBe('要求 ≤ 0.01 %，实际 0.02 %：需降低 0.01 个百分点');
  });

  it('passes Pb exactly at 0.1 % and Cd exactly at 0.01 %', () => {
    const r = restrictedSubstances(context({ components: [part('solder', [{ substance: 'lead', massFraction: 0.001 }, { substance: '镉', massFraction: 0.0001 }])] }), {});
    expect(r.value).toBe(true);
    expect(r.checks!.map((c) => [c.substance, c.verdict])).toEqual([['Pb', 'pass'], ['Cd', 'pass']]);
  });

  it('resolves aliases: Cr6+, 六价铬 and hexavalent chromium are one substance, and their contents add up', () => {
    const r = restrictedSubstances(context({ components: [part('plating', [
      { substance: 'Cr6+', massFraction: 0.0004 },
      { substance: '六价铬', massFraction: 0.0004 },
      { substance: 'Hexavalent chromium', massFraction: 0.0004 },
    ])] }), {});
    expect(r.checks).toHaveLength(1);
    expect(r.checks![0]).toMatchObject({ substance: 'Cr(VI)', massFraction: 0.0012, verdict: 'fail' });
    expect(r.checks![0]!.declaredAs).toEqual(['Cr6+', '六价铬', 'Hexavalent chromium']);
    expect(r.checks![0]!.gap!.text.en).toBe('needs ≤ 0.1 %, is 0.12 %: reduce by 0.02 points');
  });

  it('does not take total chromium for Cr(VI), and lists unrestricted substances', () => {
    const r = restrictedSubstances(context({ components: [part('steel', [{ substance: 'Cr', massFraction: 0.18 }])] }), {});
    expect(r.value).toBe(true);
    expect(r.checks).toEqual([]);
    expect(r.notes.map((n) => n.en).join()).toMatch(/not restricted by GB\/T 26572-2011: Cr/);
  });

  it('cannot show conformity while a homogeneous material has no declaration; an empty list declares none', () => {
    const r = restrictedSubstances(context({ components: [part('declared-clean', []), part('unknown')] }), {});
    expect(r.value).toBeNull();
    expect(r.totals).toMatchObject({ materials: 2, undeclared: 1, exceedances: 0 });
    expect(r.notes[0]!.en).toMatch(/unknown/);
  });

  it('leaves packaging out unless asked', () => {
    const box = { id: 'box', material: 'tx/cardboard', mass: '0.2 kg', stage: 'packaging', substances: [{ substance: 'Pb', massFraction: 0.01 }] };
    const ctx = context({ components: [part('body', []), box] });
    expect(restrictedSubstances(ctx, {}).value).toBe(true);
    expect(restrictedSubstances(ctx, { includePackaging: true }).value).toBe(false);
  });
});

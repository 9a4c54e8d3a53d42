import { describe, expect, it } from 'vitest';
import { gapTo, judge } from './judge.js';

describe('judging a value against its benchmark', () => {
  it('says what it takes to pass a ≤ benchmark in percentage points', () => {
    const j = judge(0.15, '<=', 0.1, '%');
    expect(j.verdict).toBe('fail');
    expect(j.gap).toMatchObject({ amount: 0.05, unit: 'percentage points', direction: 'reduce', isStrict: false });
    expect(j.gap!.text).toEqual({
      en: 'needs ≤ 0.1 %, is 0.15 %: reduce by 0.05 points',
      zh: '要求 ≤ 0.1 %，实际 0.15 %：需降低 0.05 个百分点',
    });
  });

  it('gives the gap of a ≥ benchmark in the indicator unit', () => {
    expect(judge(62.5, '>=', 70, '%').gap!.text.en).toBe('needs ≥ 70 %, is 62.5 %: increase by 7.5 points');
    expect(judge(120, '<=', 100, 'kWh/台').gap!.text.en).toBe('needs ≤ 100 kWh/台, is 120 kWh/台: reduce by 20 kWh/台');
  });

  it('prints m^3 and m^2 as m³ and m² (the machine spelling stays in `unit`)', () => {
    const gap = judge(3.5, '<=', 2, 'm^3/t').gap!;
    expect(gap.text.en).toBe('needs ≤ 2 m³/t, is 3.5 m³/t: reduce by 1.5 m³/t');
    expect(gap.unit).toBe('m^3/t');
    expect(judge(1, '>=', 2, 'kg/m^2').gap!.text.zh).toBe('要求 ≥ 2 kg/m²，实际 1 kg/m²：需提高 1 kg/m²');
  });

  it('passes on the benchmark itself for ≤ and ≥, fails there for < and >', () => {
    expect(judge(0.1, '<=', 0.1, '%').verdict).toBe('pass');
    expect(judge(70, '>=', 70, '%').verdict).toBe('pass');
    expect(judge(0.1, '<', 0.1, '%').verdict).toBe('fail');
    expect(gapTo(0.1, '<', 0.1, '%').text.en).toBe('needs < 0.1 %, is 0.1 %: reduce by more than 0 points');
  });

  it('ignores binary noise: 0.1 + 0.2 meets ≤ 0.3', () => {
    expect(judge(0.1 + 0.2, '<=', 0.3, '').verdict).toBe('pass');
  });

  it('decides on a lower bound only when the bound settles it', () => {
    expect(judge(75, '>=', 70, '%', 'lower').verdict).toBe('pass'); // the true value is at least 75
    expect(judge(60, '>=', 70, '%', 'lower')).toMatchObject({ verdict: 'incomplete', reason: 'bound' });
    expect(judge(120, '<=', 100, 'kWh', 'lower').verdict).toBe('fail'); // at least 120 > 100
    expect(judge(80, '<=', 100, 'kWh', 'lower').verdict).toBe('incomplete');
  });
});

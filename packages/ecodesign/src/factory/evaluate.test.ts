import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { EvaluationInputError } from '../errors.js';
import { evaluate } from '../evaluate.js';
import { EvaluationResult, type FactoryEvaluation } from '../result.js';
import { exampleFactorySpec } from '../testing/specs.js';

/**
 * Example factory specification (made-up values): pass mark 60 of 100.
 *
 *   energy (40):   renewables  ≥, 基准值 10 %, 引领值 30 %, weight 3 → 30 points
 *                  intensity   ≤, 基准值 100,  引领值 60,   weight 1 → 10 points
 *   products (60): green-design (qualitative, 必选)           weight 1 → 30 points
 *                  footprint-share ≥, 基准值 0 %, 引领值 50 %, weight 1 → 30 points (可选)
 *
 * Declared: renewables 20 % (halfway → 15), intensity 80 (halfway → 5), green design met (30),
 * footprint share 25 % (halfway → 15): score 65 ≥ 60.
 */
function request(patch: (r: Record<string, any>) => void = () => {}): Record<string, any> {
  const r: Record<string, any> = {
    factory: { name: 'Example Works', period: '2025' },
    declarations: {
      requirements: { permit: { met: true, evidence: 'Permit 9133…' } },
      indicators: {
        renewables: { value: 20, evidence: 'Energy balance 2025' },
        intensity: { value: 80, evidence: 'Energy audit 2025' },
        'green-design': { value: true, evidence: 'Case study A' },
        'footprint-share': { value: 25, evidence: 'CFP reports list' },
      },
    },
  };
  patch(r);
  return r;
}

function run(r: unknown, spec = exampleFactorySpec()): FactoryEvaluation {
  const result = evaluate(r, { spec });
  if (result.kind !== 'factory') throw new Error('factory expected');
  return result;
}

const item = (r: FactoryEvaluation, id: string) => r.dimensions.flatMap((d) => d.items).find((i) => i.id === id)!;

describe('green-factory evaluation (GB/T 36132 scoring)', () => {
  it('scores an item halfway between 基准值 and 引领值 at half its weight: 20 % of 10…30 % earns 15 of 30 points', () => {
    const r = run(request());
    expect(item(r, 'renewables')).toMatchObject({ points: 30, fraction: 0.5, score: 15, verdict: 'pass' });
    expect(item(r, 'renewables').gapToLeading!.text.en).toBe('needs ≥ 30 %, is 20 %: increase by 10 points');
  });

  it('scores lower-is-better items the other way: 80 between 100 (基准值) and 60 (引领值) earns 5 of 10', () => {
    expect(item(run(request()), 'intensity')).toMatchObject({ points: 10, fraction: 0.5, score: 5 });
  });

  it('adds up to 65 of 100 and passes the pass mark of 60', () => {
    const r = run(request());
    expect(r.dimensions.map((d) => d.score)).toEqual([20, 45]);
    expect(r.score).toMatchObject({ value: 65, partial: 65, max: 100, passScore: 60, passScoreOrigin: 'spec' });
    expect(r.verdict).toBe('pass');
    expect(r.isComplete).toBe(true);
    expect(Value.Check(EvaluationResult, r)).toBe(true);
  });

  it('clamps: beyond the 引领值 earns full points, worse than the 基准值 none (and fails that item)', () => {
    const r = run(request((x) => {
      x.declarations.indicators.renewables.value = 45;
      x.declarations.indicators.intensity.value = 120;
    }));
    expect(item(r, 'renewables')).toMatchObject({ fraction: 1, score: 30, gapToLeading: null });
    expect(item(r, 'intensity')).toMatchObject({ fraction: 0, score: 0, verdict: 'fail' });
    expect(item(r, 'intensity').gap!.text.en).toBe('needs ≤ 100 kgce/t, is 120 kgce/t: reduce by 20 kgce/t');
    expect(r.score.value).toBe(75); // 30 + 0 + 30 + 15
  });

  it('fails the factory on a failed veto requirement whatever the score', () => {
    const r = run(request((x) => {
      x.declarations.requirements.permit = { met: false };
      for (const id of ['renewables', 'footprint-share']) x.declarations.indicators[id].value = 100;
      x.declarations.indicators.intensity.value = 10;
    }));
    expect(r.score.value).toBe(100);
    expect(r.verdict).toBe('fail');
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'REQUIREMENT_NOT_MET', subject: 'permit' })]);
    expect(r.requirements[0]!.isVeto).toBe(true);
  });

  it('fails the factory when a 必选 item is not met, not when a 可选 one earns nothing', () => {
    const failed = run(request((x) => { x.declarations.indicators['green-design'].value = false; }));
    expect(failed.verdict).toBe('fail');
    expect(failed.reasons[0]).toMatchObject({ code: 'REQUIRED_ITEM_NOT_MET', subject: 'green-design' });
    const optional = run(request((x) => { x.declarations.indicators['footprint-share'].value = 0; x.declarations.indicators.renewables.value = 30; }));
    expect(optional.score.value).toBe(65); // 30 + 5 + 30 + 0
    expect(optional.verdict).toBe('pass');
  });

  it('fails below the pass mark and says by how much', () => {
    const r = run(request((x) => { x.declarations.indicators.renewables.value = 10; }));
    expect(r.score.value).toBe(50);
    expect(r.verdict).toBe('fail');
    expect(r.reasons[0]!.text.en).toBe('score: needs ≥ 60 points, is 50 points: increase by 10 points');
  });

  it('takes weights and the pass mark from the request, and marks them unverified', () => {
    const r = run(request((x) => { x.scoring = { weights: { energy: 50, products: 50 }, passScore: 70, source: 'Provincial rules 2026' }; }));
    expect(r.dimensions[0]!.weight).toEqual({ value: 50, origin: 'request', isVerified: false });
    expect(item(r, 'renewables').points).toBe(37.5); // 50 × 3 / 4
    expect(r.score).toMatchObject({ value: 62.5, passScore: 70, passScoreOrigin: 'request', weightsVerified: false, settingsSource: 'Provincial rules 2026' });
    expect(r.verdict).toBe('fail');
    expect(r.diagnostics.map((d) => d.code)).toContain('WEIGHTS_UNVERIFIED');
  });

  it('is incomplete without a pass mark, a weight, a value or evidence', () => {
    const spec = exampleFactorySpec();
    spec.scoring.passScore = null;
    expect(run(request(), spec).reasons.map((x) => x.code)).toEqual(['PASS_SCORE_MISSING']);
    const noWeight = exampleFactorySpec();
    noWeight.dimensions[0]!.items[1]!.weight = null;
    const r = run(request(), noWeight);
    expect(r.verdict).toBe('incomplete');
    expect(item(r, 'renewables').points).toBeNull(); // the dimension's shares cannot be normalised
    expect(r.score.value).toBeNull();
    expect(r.score.partial).toBe(45);
    const noEvidence = run(request((x) => { delete x.declarations.indicators.renewables.evidence; }));
    expect(noEvidence.verdict).toBe('incomplete');
    expect(item(noEvidence, 'renewables').score).toBe(15);
  });

  it('takes 基准值 and 引领值 from the sector rules when declared with their source', () => {
    const spec = exampleFactorySpec();
    Object.assign(spec.dimensions[0]!.items[1]!, { benchmark: null, leading: null });
    const r = run(request((x) => { x.declarations.indicators.intensity.benchmark = { value: 100, leading: 60, source: 'GB 21256 levels 2 and 1' }; }), spec);
    expect(item(r, 'intensity')).toMatchObject({
      score: 5, benchmark: { value: 100, origin: 'declared', source: 'GB 21256 levels 2 and 1' }, leading: { value: 60, origin: 'declared' },
    });
    // Where the specification cites them, declared ones are ignored, and the result says so.
    const cited = run(request((x) => { x.declarations.indicators.intensity.benchmark = { value: 90, source: 'elsewhere' }; }));
    expect(item(cited, 'intensity').benchmark).toMatchObject({ value: 100, origin: 'spec' });
    expect(cited.diagnostics.map((d) => d.code)).toContain('DECLARED_BENCHMARK_IGNORED');
  });
});

describe('declared 基准值/引领值 are checked like the specification file’s', () => {
  const noLimits = () => {
    const spec = exampleFactorySpec();
    Object.assign(spec.dimensions[0]!.items[1]!, { benchmark: null, leading: null }); // intensity, lower is better
    Object.assign(spec.dimensions[0]!.items[0]!, { benchmark: null }); // renewables, higher is better, 引领值 30 % cited
    return spec;
  };
  const refused = (patch: (r: Record<string, any>) => void) => {
    try {
      run(request(patch), noLimits());
    } catch (error) {
      if (error instanceof EvaluationInputError) return error.issues;
      throw error;
    }
    throw new Error('expected the request to be refused');
  };

  it('refuses a declared 基准值 on the better side of the specification’s 引领值 (audit: 10 vs 8 gave 6 points to a failing item)', () => {
    // renewables: higher is better, cited 引领值 30 %; declared 基准值 40 % would clamp 20 % to full points.
    const issues = refused((x) => { x.declarations.indicators.renewables.benchmark = { value: 40, source: 'sector rule' }; });
    expect(issues).toEqual([expect.objectContaining({
      code: 'DECLARED_DIRECTION', path: '/declarations/indicators/renewables/benchmark/value',
      message: 'item "renewables" (higher is better): 引领值 30 % (specification) is not above 基准值 40 % (declared)',
      hint: 'declare a 基准值 below the specification\'s 引领值 30 %',
    })]);
  });

  it('refuses a declared pair the wrong way round for a lower-is-better item, pointing at the 引领值', () => {
    const issues = refused((x) => {
      x.declarations.indicators.renewables.benchmark = { value: 10, source: 'sector rule' };
      x.declarations.indicators.intensity.benchmark = { value: 60, leading: 100, source: 'GB 21256 levels' };
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([['DECLARED_DIRECTION', '/declarations/indicators/intensity/benchmark/leading']]);
    expect(issues[0]!.message).toBe('item "intensity" (lower is better): 引领值 100 kgce/t (declared) is not below 基准值 60 kgce/t (declared)');
  });

  it('refuses equal 基准值 and 引领值 (0/0: no score), instead of a silent null score', () => {
    const issues = refused((x) => {
      x.declarations.indicators.renewables.benchmark = { value: 10, source: 'sector rule' };
      x.declarations.indicators.intensity.benchmark = { value: 80, leading: 80, source: 'sector rule' };
    });
    expect(issues).toEqual([expect.objectContaining({ code: 'DECLARED_DIRECTION', path: '/declarations/indicators/intensity/benchmark/leading' })]);
    expect(issues[0]!.message).toMatch(/引领值 and 基准值 are both 80 kgce\/t .*undefined/);
    // … and a 基准值 declared equal to the cited 引领值.
    const same = refused((x) => { x.declarations.indicators.renewables.benchmark = { value: 30, source: 'sector rule' }; });
    expect(same.map((i) => i.path)).toEqual(['/declarations/indicators/renewables/benchmark/value']);
  });

  it('accepts a well-ordered declared pair and scores it (基准值 10, cited 引领值 30: 20 % earns half of 30)', () => {
    const r = run(request((x) => {
      x.declarations.indicators.renewables.benchmark = { value: 10, source: 'sector rule' };
      x.declarations.indicators.intensity.benchmark = { value: 100, leading: 60, source: 'GB 21256 levels' };
    }), noLimits());
    expect(item(r, 'renewables')).toMatchObject({ fraction: 0.5, score: 15, benchmark: { origin: 'declared' }, leading: { origin: 'spec' } });
    expect(r.score.value).toBe(65);
  });

  it('ignores, without refusing, declared values the specification overrides', () => {
    // The cited pair (10 %, 30 %) is used; a declared reversed pair is only noted.
    const r = run(request((x) => { x.declarations.indicators.renewables.benchmark = { value: 50, leading: 5, source: 'elsewhere' }; }));
    expect(item(r, 'renewables')).toMatchObject({ score: 15 });
    expect(r.diagnostics.map((d) => d.code)).toContain('DECLARED_BENCHMARK_IGNORED');
  });
});

describe('scores are rounded once, at the output', () => {
  it('adds three items of 4/3 points each to 4, not 3.99999999999, and prints each as 1.333333333', () => {
    const spec = exampleFactorySpec();
    // energy, weight 4, now has three equal items: 4/3 points each; all at their 引领值 (30 %).
    spec.dimensions[0]!.items = ['a', 'b', 'c'].map((id) => ({
      ...spec.dimensions[0]!.items[0]!, id, name: { zh: id, en: id }, weight: 1,
    }));
    spec.dimensions[0]!.weight = 4;
    const r = run({
      factory: { name: 'Works' },
      declarations: {
        requirements: { permit: { met: true, evidence: 'P' } },
        indicators: { a: { value: 30, evidence: 'e' }, b: { value: 30, evidence: 'e' }, c: { value: 30, evidence: 'e' },
          'green-design': { value: true, evidence: 'e' }, 'footprint-share': { value: 50, evidence: 'e' } },
      },
    }, spec);
    expect(r.dimensions[0]!.items.map((i) => [i.points, i.score])).toEqual([[1.333333333, 1.333333333], [1.333333333, 1.333333333], [1.333333333, 1.333333333]]);
    expect(r.dimensions[0]!.score).toBe(4);
    expect(r.score.value).toBe(64); // 4 + 30 + 30
    expect(r.score.partial).toBe(64);
  });
});

describe('bundled green-factory specifications', () => {
  it('GB/T 36132-2025: scores the R1 energy items, stays incomplete until 基准值, weights and the pass mark are entered', () => {
    const r = evaluate({
      factory: { name: 'Plant' },
      declarations: {
        indicators: { 'energy-carbon-platform-functions': { value: 6, evidence: 'Platform acceptance report', benchmark: { value: 4, source: 'sector rule (example)' } } },
      },
    }, { spec: 'gb-t-36132-2025' });
    if (r.kind !== 'factory') throw new Error('factory expected');
    // 引领值 8 (R1), declared 基准值 4: 6 functions is halfway → 3 of the item's 6 points.
    expect(item(r, 'energy-carbon-platform-functions')).toMatchObject({ points: 6, fraction: 0.5, score: 3, leading: { value: 8, origin: 'spec' } });
    expect(r.verdict).toBe('incomplete');
    expect(r.score).toMatchObject({ value: null, partial: 3, max: 100, passScore: null, weightsVerified: false });
    expect(r.reasons.map((x) => x.code)).toEqual(expect.arrayContaining(['REQUIREMENT_UNPROVEN', 'TABLE_NOT_ENTERED', 'ITEM_NOT_SCORED', 'PASS_SCORE_MISSING']));
    expect(Value.Check(EvaluationResult, r)).toBe(true);
  });

  it('GB/T 36132-2018 (legacy): a 必选 item declared not met fails the factory', () => {
    const r = evaluate({ factory: { name: 'Plant' }, declarations: { indicators: { lighting: { value: false } } } }, { spec: 'gb-t-36132-2018' });
    expect(r.verdict).toBe('fail');
    expect(r.reasons.find((x) => x.code === 'REQUIRED_ITEM_NOT_MET')!.subject).toBe('lighting');
  });
});

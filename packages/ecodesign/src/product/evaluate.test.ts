import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate.js';
import { EvaluationInputError } from '../errors.js';
import { EvaluationResult, type ProductEvaluation } from '../result.js';
import { testLibrary } from '../testing/library.js';
import { product, threePartBom } from '../testing/products.js';
import { exampleProductSpec } from '../testing/specs.js';

const library = testLibrary();

/**
 * The three-part BOM (R_cyc = 0.625), every material declared free of restricted substances, 20 kWh of
 * manufacture energy (10 kWh + 36 MJ), and full declarations with evidence: against the example
 * specification (R_cyc ≥ 60 %, conformity, ≤ 25 kWh, noise ≤ 50 dB(A)) everything passes.
 */
function request(patch: (r: Record<string, any>) => void = () => {}): Record<string, any> {
  const components = structuredClone(threePartBom).map((c) => ({ ...c, substances: [] }));
  const r: Record<string, any> = {
    product: product({
      components,
      inventory: [
        { stage: 'manufacture', factor: 'tx/grid', amount: '10 kWh' },
        { stage: 'manufacture', factor: 'tx/steam', amount: '36 MJ' },
      ],
    }),
    declarations: {
      requirements: { ems: { met: true, evidence: 'ISO 14001 certificate 123' }, 'no-accident': { met: true, evidence: 'EPB letter 2025-04' } },
      indicators: { noise: { value: 48, evidence: 'Test report N-7' } },
      lcaReport: { exists: true, reference: 'LCA report 2025-01' },
    },
  };
  patch(r);
  return r;
}

function run(r: unknown, spec = exampleProductSpec()): ProductEvaluation {
  const result = evaluate(r, { spec, library });
  if (result.kind !== 'product') throw new Error('product expected');
  return result;
}

const indicator = (r: ProductEvaluation, id: string) => r.indicators.find((i) => i.id === id)!;

describe('GB/T 32161 verdict of a product', () => {
  it('passes when every requirement is met with evidence, every indicator meets its benchmark, and the LCA report exists', () => {
    const r = run(request());
    expect(r.verdict).toBe('pass');
    expect(r.isComplete).toBe(true);
    expect(r.reasons).toEqual([]);
    expect(r.indicators.map((i) => [i.id, i.value.value, i.verdict])).toEqual([
      ['recyclability', 62.5, 'pass'],
      ['hazardous', true, 'pass'],
      ['energy', 20, 'pass'],
      ['noise', 48, 'pass'],
    ]);
    expect(r.summary).toEqual({ requirements: { total: 2, pass: 2, fail: 0, incomplete: 0 }, indicators: { total: 4, pass: 4, fail: 0, incomplete: 0 } });
    expect(r.carbonFootprint.kgCO2e).toBe(29.1); // 20 + 0.5 box + 10 × 0.5 + 36 × 0.1
  });

  it('is self-describing: names, attribute, stage, clause, benchmark text, evidence and the computation breakdown', () => {
    const rec = indicator(run(request()), 'recyclability');
    expect(rec).toMatchObject({
      name: { zh: '可再利用率', en: 'Recyclability rate' }, attributeName: { zh: '资源属性' }, stageName: { zh: '报废处理' }, clause: '4.2',
      benchmark: { value: 60, display: { en: '≥ 60 %' }, origin: 'spec', status: 'example' },
      value: { value: 62.5, display: { en: '62.5 %' }, origin: 'computed' },
      gap: null,
    });
    expect(rec.computation!.totals).toMatchObject({ totalMassKg: 8, recyclingKg: 4, reuseKg: 1 });
    expect(rec.evidence[0]).toMatch(/recyclabilityRate/);
  });

  it('validates against the exported EvaluationResult schema', () => {
    expect(Value.Check(EvaluationResult, run(request()))).toBe(true);
    expect(Value.Check(EvaluationResult, run(request((x) => { delete x.declarations; })))).toBe(true);
  });

  it('fails an indicator below its benchmark and says by how much: needs ≥ 70 %, is 62.5 %', () => {
    const spec = exampleProductSpec();
    spec.indicators[0]!.benchmark = 70;
    const r = run(request(), spec);
    expect(r.verdict).toBe('fail');
    expect(indicator(r, 'recyclability').gap!.text.en).toBe('needs ≥ 70 %, is 62.5 %: increase by 7.5 points');
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'INDICATOR_FAILS', subject: 'recyclability' })]);
  });

  it('fails on a restricted substance above its limit, with the gap of the worst exceedance', () => {
    const r = run(request((x) => {
      x.product.components[1].substances = [{ substance: 'Cd', massFraction: 0.0002, evidence: 'XRF report 9' }];
    }));
    const h = indicator(r, 'hazardous');
    expect(h.verdict).toBe('fail');
    expect(h.gap!.text.en).toBe('needs ≤ 0.01 %, is 0.02 %: reduce by 0.01 points');
    expect(h.reason!.en).toBe('Cd in panel: needs ≤ 0.01 %, is 0.02 %: reduce by 0.01 points');
    expect(h.evidence).toContain('panel Cd: XRF report 9');
  });

  it('is incomplete when a benchmark is missing, and says it is to be entered from the standard', () => {
    const spec = exampleProductSpec();
    spec.indicators[3]!.benchmark = null;
    const r = run(request(), spec);
    expect(r.verdict).toBe('incomplete');
    expect(indicator(r, 'noise')).toMatchObject({
      verdict: 'incomplete', benchmark: { value: null, origin: 'none', display: { zh: '待按标准录入', en: 'to be entered from the standard' } },
    });
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'BENCHMARK_MISSING', subject: 'noise' })]);
  });

  it('takes a benchmark the evaluator read in the standard, with its source, where the specification has none', () => {
    const spec = exampleProductSpec();
    spec.indicators[3]!.benchmark = null;
    const r = run(request((x) => { x.declarations.indicators.noise.benchmark = { value: 50, source: 'T/EXAMPLE 1-2024 表2' }; }), spec);
    expect(r.verdict).toBe('pass');
    expect(indicator(r, 'noise').benchmark).toMatchObject({ value: 50, origin: 'declared', source: 'T/EXAMPLE 1-2024 表2' });
  });

  it('fails on a requirement declared not met even while other things are missing', () => {
    const r = run(request((x) => {
      x.declarations.requirements.ems = { met: false };
      delete x.declarations.lcaReport;
    }));
    expect(r.verdict).toBe('fail');
    expect(r.reasons.map((x) => x.code)).toEqual(['REQUIREMENT_NOT_MET', 'LCA_REPORT_UNPROVEN']);
  });

  it('wants evidence: a requirement met, a declared value or an LCA report without it is incomplete', () => {
    const r = run(request((x) => {
      x.declarations.requirements.ems = { met: true };
      x.declarations.indicators.noise = { value: 48 };
      x.declarations.lcaReport = { exists: true };
    }));
    expect(r.verdict).toBe('incomplete');
    expect(r.reasons.map((x) => [x.code, x.subject])).toEqual([
      ['REQUIREMENT_UNPROVEN', 'ems'], ['EVIDENCE_MISSING', 'noise'], ['LCA_REPORT_UNPROVEN', 'lcaReport'],
    ]);
    expect(run(request((x) => { x.declarations.lcaReport = { exists: false }; })).verdict).toBe('fail');
  });

  it('uses a declared value where the product model lacks the data, converting its unit exactly (MJ → kWh)', () => {
    const r = run(request((x) => {
      x.product.inventory = [];
      x.declarations.indicators.energy = { value: 72, unit: 'MJ', evidence: 'Metering records 2025' };
    }));
    expect(indicator(r, 'energy').value).toMatchObject({ value: 20, origin: 'declared' });
    expect(r.verdict).toBe('pass');
  });

  it('does not decide on a lower bound that does not settle it', () => {
    const r = run(request((x) => {
      x.product.components[0].endOfLife = [{ route: 'recycling', share: 0.5 }]; // frame: 2 of 4 kg declared
    }));
    const rec = indicator(r, 'recyclability');
    expect(rec.value).toMatchObject({ value: 37.5, bound: 'lower', display: { en: '≥ 37.5 %' } });
    expect(rec.verdict).toBe('incomplete');
    expect(r.reasons[0]).toMatchObject({ code: 'VALUE_IS_BOUND', subject: 'recyclability' });
  });

  it('is incomplete while a table of the standard is not entered, even when everything entered passes', () => {
    const spec = exampleProductSpec();
    spec.indicatorsTable = { isComplete: false, clause: '6' };
    const r = run(request(), spec);
    expect(r.verdict).toBe('incomplete');
    expect(r.reasons[0]).toMatchObject({ code: 'TABLE_NOT_ENTERED', subject: 'indicatorsTable' });
    expect(r.reasons[0]!.text.en).toMatch(/clause 6/);
  });

  it('shows a declared value beside the computed one and flags a difference beyond the tolerance (same verdict: it stands)', () => {
    const r = run(request((x) => { x.declarations.indicators.recyclability = { value: 90, evidence: 'supplier claim' }; }));
    const rec = indicator(r, 'recyclability');
    expect(rec.value).toMatchObject({ value: 62.5, origin: 'computed' });
    expect(rec.computed).toMatchObject({ value: 62.5 });
    expect(rec.declared).toMatchObject({ value: 90 });
    // (90 − 62.5) / 62.5 = 0.44, beyond the default 5 %; both pass ≥ 60 %.
    expect(rec.comparison).toMatchObject({ tolerance: 0.05, toleranceOrigin: 'default', difference: 0.44, agrees: false });
    expect(rec.verdict).toBe('pass');
    expect(rec.evidence).toContain('supplier claim');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'VALUES_DIFFER', path: '/declarations/indicators/recyclability/value' })]);
  });

  it('withholds the verdict when declared and computed disagree and would decide differently', () => {
    // Computed 62.5 % passes ≥ 60 %; a declared 50 % would fail: incomplete until reconciled.
    const r = run(request((x) => { x.declarations.indicators.recyclability = { value: 50, evidence: 'test report' }; }));
    const rec = indicator(r, 'recyclability');
    expect(rec.verdict).toBe('incomplete');
    expect(rec.comparison).toMatchObject({ difference: -0.2, agrees: false });
    expect(r.reasons).toContainEqual(expect.objectContaining({ code: 'VALUES_DISAGREE', subject: 'recyclability' }));
  });

  it('agrees within the tolerance the specification states', () => {
    const spec = exampleProductSpec();
    spec.indicators[0]!.method!.tolerance = 0.1;
    // 66 vs 62.5: +5.6 %, within 10 %.
    const r = run(request((x) => { x.declarations.indicators.recyclability = { value: 66, evidence: 'test report' }; }), spec);
    expect(indicator(r, 'recyclability').comparison).toMatchObject({ tolerance: 0.1, toleranceOrigin: 'spec', agrees: true });
    expect(r.diagnostics).toEqual([]);
  });

  it('flags declarations for ids the specification does not have', () => {
    const r = run(request((x) => { x.declarations.requirements.emss = { met: true, evidence: 'x' }; }));
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'UNKNOWN_DECLARATION', path: '/declarations/requirements/emss', hint: 'did you mean "ems"?' })]);
  });
});

describe('bundled product specifications', () => {
  it('T/CEEIA 280-2017: the verified requirements 5.1–5.5 pass, and the verdict stays incomplete until Table 2 is entered', () => {
    const requirements = Object.fromEntries(
      ['green-design-management', 'pollutant-discharge-gb-30484', 'solid-waste', 'no-accident-3-years', 'cleaner-production-baseline']
        .map((id) => [id, { met: true, evidence: `evidence for ${id}` }]),
    );
    const result = evaluate(
      { product: product({ components: threePartBom }), productCategory: 'lithium-ion-battery', declarations: { requirements, lcaReport: { exists: true, reference: 'LCA-1' } } },
      { spec: 't-ceeia-280-2017', library },
    );
    expect(result.verdict).toBe('incomplete');
    expect(result.requirements.every((r) => r.verdict === 'pass')).toBe(true);
    expect(result.reasons.map((r) => r.subject)).toEqual(['requirementsTable', 'indicatorsTable']);
  });

  it('the generic GB/T 32161 framework computes every candidate indicator and shows every benchmark as to be entered', () => {
    const result = evaluate({ product: product({ components: threePartBom }) }, { spec: 'gb-t-32161-2015', library });
    if (result.kind !== 'product') throw new Error('product expected');
    expect(result.indicators.find((i) => i.id === 'recyclability-rate')!.value.value).toBe(62.5);
    expect(result.indicators.find((i) => i.id === 'packaging-ratio')!.value.value).toBe(6.25);
    expect(result.indicators.filter((i) => i.comparator !== 'conforms').every((i) => i.benchmark.display.zh === '待按标准录入')).toBe(true);
    expect(result.verdict).toBe('incomplete');
    // Water is in m³ (the specification's unit, printed m³, never m^3): 250 L declared → 0.25 m³.
    const water = evaluate({ product: product({ components: threePartBom }), declarations: { indicators: { 'production-water': { value: 250, unit: 'L', evidence: 'meter' } } } },
      { spec: 'gb-t-32161-2015', library });
    if (water.kind !== 'product') throw new Error('product expected');
    expect(water.indicators.find((i) => i.id === 'production-water')).toMatchObject({ unit: 'm³', value: { value: 0.25, display: { zh: '0.25 m³', en: '0.25 m³' } } });
  });

  it('does not call product basic requirements vetoes (一票否决 is the green-factory rule): all must be met, like the indicators', () => {
    const r = run(request((x) => { x.declarations.requirements.ems.met = false; }));
    expect(r.requirements.map((q) => q.isVeto)).toEqual([false, false]);
    expect(r.verdict).toBe('fail');
  });
});

describe('input errors', () => {
  function issuesOf(run: () => unknown) {
    try {
      run();
    } catch (error) {
      if (error instanceof EvaluationInputError) return error.issues;
      throw error;
    }
    throw new Error('expected an EvaluationInputError');
  }

  it('names an unknown specification and suggests the near one', () => {
    const found = issuesOf(() => evaluate(request(), { spec: 't-ceeia-280-2016', library }));
    expect(found[0]).toMatchObject({ code: 'UNKNOWN_SPEC', hint: 'did you mean "t-ceeia-280-2017"?' });
  });

  it('reports product problems under /product with the engine’s code', () => {
    const found = issuesOf(() => run(request((x) => { x.product.components[0].material = 'tx/steal'; })));
    expect(found[0]).toMatchObject({ code: 'PRODUCT', path: '/product/components/0/material', detail: 'UNKNOWN_FACTOR' });
  });

  it('rejects a declared value of the wrong type or unit', () => {
    expect(issuesOf(() => run(request((x) => { x.declarations.indicators.noise = { value: true, evidence: 'x' }; })))[0])
      .toMatchObject({ code: 'DECLARED_VALUE', path: '/declarations/indicators/noise/value' });
    expect(issuesOf(() => run(request((x) => { x.product.inventory = []; x.declarations.indicators.energy = { value: 3, unit: 'kg', evidence: 'x' }; })))[0])
      .toMatchObject({ code: 'DECLARED_UNIT', path: '/declarations/indicators/energy/unit' });
  });

  it('points into the request (/spec/…) for a specification embedded in it, and says "is required" of a missing field', () => {
    const spec = exampleProductSpec() as unknown as Record<string, any>;
    delete spec.standard.year; // number | null: the validator's union message was "has the wrong form"
    const found = issuesOf(() => evaluate({ ...request(), spec }, { library }));
    expect(found).toEqual([expect.objectContaining({ code: 'SPEC_SCHEMA', path: '/spec/standard/year' })]);
    expect(found[0]!.message).toMatch(/^is required \(/);
    // The same document passed as options.spec: pointers into it.
    expect(issuesOf(() => evaluate(request(), { spec, library }))[0]!.path).toBe('/standard/year');
  });

  it('rejects a request of the wrong shape, and a product evaluation without a product or a library', () => {
    expect(issuesOf(() => evaluate({ declarations: { requirements: { ems: { met: 'yes' } } } }, { spec: exampleProductSpec(), library }))[0])
      .toMatchObject({ code: 'REQUEST_SCHEMA', path: '/declarations/requirements/ems/met' });
    expect(issuesOf(() => evaluate({}, { spec: exampleProductSpec() })).map((i) => i.code)).toEqual(['NO_PRODUCT', 'NO_LIBRARY']);
  });
});

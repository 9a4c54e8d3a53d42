import { describe, expect, it } from 'vitest';
import { checkSpecification, parseLimitSet } from './read.js';
import { bundledLimitSets } from './bundled.js';

const limitSets = new Map(bundledLimitSets().map((s) => [s.id, s]));

/** A minimal valid product specification with one computed indicator (test data, example provenance). */
function spec(patch: (s: Record<string, any>) => void = () => {}): Record<string, any> {
  const s: Record<string, any> = {
    schemaVersion: 1, id: 'test-spec', kind: 'product', family: 'green-design',
    title: { zh: '测试', en: 'Test' },
    standard: { number: 'T/TEST 1-2024', year: 2024, title: { zh: '测试', en: 'Test' }, provenance: { status: 'example', sources: [] } },
    status: 'complete',
    references: { STD: { title: 'Test standard' } },
    provenance: { status: 'example', sources: ['STD'] },
    requirements: [{ id: 'ems', name: { zh: '环境管理体系', en: 'EMS' }, clause: '4.1', provenance: { status: 'example', sources: ['STD'] } }],
    requirementsTable: { isComplete: true, clause: '4.1' },
    indicators: [{
      id: 'recyclability', attribute: 'resource', name: { zh: '可再利用率', en: 'Recyclability' }, unit: '%', comparator: '>=',
      benchmark: 70, basis: null, stage: 'endOfLife', source: 'computed', method: { compute: 'recyclabilityRate' }, clause: '4.2',
      provenance: { status: 'example', sources: ['STD'] },
    }],
    indicatorsTable: { isComplete: true, clause: '4.2' },
    lcaReport: { isRequired: true, clause: '5', provenance: { status: 'example', sources: ['STD'] } },
    verdictRule: { text: { zh: '全部满足', en: 'All met' }, clause: '6', provenance: { status: 'example', sources: ['STD'] } },
  };
  patch(s);
  return s;
}

function issues(input: unknown) {
  const r = checkSpecification(input, { limitSets });
  if (r.ok) throw new Error('expected the specification to be rejected');
  return r.issues;
}

describe('reading a specification file', () => {
  it('accepts a valid file', () => {
    expect(checkSpecification(spec(), { limitSets }).ok).toBe(true);
  });

  it('reports shape errors with JSON pointers', () => {
    const found = issues(spec((s) => {
      s.indicators[0].comparator = '=<';
      delete s.indicators[0].stage;
      s.extra = 1;
    }));
    expect(found.map((i) => [i.code, i.path])).toEqual(expect.arrayContaining([
      ['SPEC_SCHEMA', '/indicators/0/comparator'],
      ['SPEC_SCHEMA', '/indicators/0/stage'],
    ]));
    expect(found.find((i) => i.path === '/indicators/0/comparator')!.message).toMatch(/not one of: <=, <, >=, >, conforms/);
  });

  it('says a missing field "is required", also where its schema is a union (year: number | null)', () => {
    const found = issues(spec((s) => { delete s.standard.year; delete s.indicators[0].benchmark; s.indicators[0].clause = 4; }));
    const message = (path: string) => found.find((i) => i.path === path)?.message;
    expect(message('/standard/year')).toMatch(/^is required \(/);
    expect(message('/indicators/0/benchmark')).toMatch(/^is required/);
    // Present but of the wrong type stays "has the wrong form".
    expect(message('/indicators/0/clause')).toMatch(/^has the wrong form/);
  });

  it('asks for a kind first', () => {
    expect(issues({ id: 'x' })[0]).toMatchObject({ code: 'SPEC_KIND', path: '/kind' });
  });

  it('names an unknown computation and suggests the near one', () => {
    const found = issues(spec((s) => { s.indicators[0].method.compute = 'recylabilityRate'; }));
    expect(found[0]).toMatchObject({ code: 'SPEC_UNKNOWN_COMPUTATION', path: '/indicators/0/method/compute' });
    expect(found[0]!.hint).toMatch(/recyclabilityRate/);
  });

  it('checks computation parameters and units', () => {
    const found = issues(spec((s) => {
      s.indicators[0].method.parameters = { includePackaging: 'yes' };
      s.indicators[0].unit = 'kWh';
    }));
    expect(found.map((i) => [i.code, i.path])).toEqual([
      ['SPEC_METHOD', '/indicators/0/method/parameters/includePackaging'],
      ['SPEC_UNIT', '/indicators/0/unit'],
    ]);
  });

  it('refuses an uncited benchmark, a source not in references, and a benchmark of the wrong type', () => {
    expect(issues(spec((s) => { s.indicators[0].provenance = { status: 'verified', sources: [] }; }))[0])
      .toMatchObject({ code: 'SPEC_UNCITED_VALUE', path: '/indicators/0/provenance/sources' });
    expect(issues(spec((s) => { s.indicators[0].provenance.sources = ['STD2']; }))[0])
      .toMatchObject({ code: 'SPEC_UNKNOWN_REFERENCE', path: '/indicators/0/provenance/sources/0', hint: 'did you mean "STD"?' });
    expect(issues(spec((s) => { s.indicators[0].benchmark = { zh: '≥70%', en: '≥70%' }; }))[0])
      .toMatchObject({ code: 'SPEC_BENCHMARK_TYPE', path: '/indicators/0/benchmark' });
  });

  it('refuses duplicate ids and a restricted-substance indicator on an unknown limit set', () => {
    expect(issues(spec((s) => { s.indicators.push({ ...s.indicators[0] }); }))[0]).toMatchObject({ code: 'SPEC_DUPLICATE_ID', path: '/indicators/1/id' });
    const found = issues(spec((s) => {
      s.indicators[0] = { ...s.indicators[0], unit: '', comparator: 'conforms', benchmark: null, method: { compute: 'restrictedSubstances', parameters: { limitSet: 'eu-rohs' } } };
    }));
    expect(found[0]).toMatchObject({ code: 'UNKNOWN_LIMIT_SET', path: '/indicators/0/method/parameters/limitSet' });
  });

  it('checks that a factory item’s 引领值 is on the better side of its 基准值', () => {
    const factory = {
      schemaVersion: 1, id: 'f', kind: 'factory', title: { zh: 'f', en: 'f' },
      standard: { number: 'X', year: 2025, title: { zh: 'f', en: 'f' }, provenance: { status: 'example', sources: [] } },
      status: 'complete', references: {}, provenance: { status: 'example', sources: [] },
      requirements: [], requirementsTable: { isComplete: true, clause: null },
      dimensions: [{
        id: 'd', name: { zh: 'd', en: 'd' }, weight: 10, weightProvenance: { status: 'example', sources: [] },
        items: [{ id: 'i', name: { zh: 'i', en: 'i' }, kind: 'quantitative', direction: 'lower', benchmark: 10, leading: 12, weight: 1,
          weightProvenance: { status: 'example', sources: [] }, clause: null, provenance: { status: 'example', sources: [] } }],
        itemsTable: { isComplete: true, clause: null },
      }],
      scoring: { text: { zh: 's', en: 's' }, clause: null, passScore: 5, provenance: { status: 'example', sources: [] } },
    };
    expect(issues(factory)[0]).toMatchObject({ code: 'SPEC_DIRECTION', path: '/dimensions/0/items/0/leading' });
  });

  it('checks that each factory item names a second-level indicator of its own dimension', () => {
    const ex = { status: 'example', sources: [] };
    const item = (id: string, indicator?: string) => ({ id, ...(indicator ? { indicator } : {}), name: { zh: id, en: id }, kind: 'qualitative', benchmark: null, leading: null, weight: null, clause: null, provenance: ex });
    const factory = {
      schemaVersion: 1, id: 'f', kind: 'factory', title: { zh: 'f', en: 'f' },
      standard: { number: 'X', year: 2025, title: { zh: 'f', en: 'f' }, provenance: ex },
      status: 'complete', references: {}, provenance: ex, requirements: [], requirementsTable: { isComplete: true, clause: null },
      dimensions: [
        { id: 'a', name: { zh: 'a', en: 'a' }, weight: null, weightProvenance: ex, indicators: [{ id: 'a1', name: { zh: 'a1', en: 'a1' }, clause: null, provenance: ex }],
          items: [item('ok', 'a1'), item('none'), item('elsewhere', 'b1')], itemsTable: { isComplete: true, clause: null } },
        { id: 'b', name: { zh: 'b', en: 'b' }, weight: null, weightProvenance: ex, items: [item('stray', 'a1')], itemsTable: { isComplete: true, clause: null } },
      ],
      scoring: { text: { zh: 's', en: 's' }, clause: null, passScore: null, provenance: ex },
    };
    expect(issues(factory).map((i) => [i.code, i.path])).toEqual([
      ['SPEC_SECOND_LEVEL', '/dimensions/0/items/1/indicator'],
      ['SPEC_SECOND_LEVEL', '/dimensions/0/items/2/indicator'],
      ['SPEC_SECOND_LEVEL', '/dimensions/1/items/0/indicator'],
    ]);
  });

  it('refuses a limit set where one name points to two substances', () => {
    const set = structuredClone(bundledLimitSets()[0]!) as { limits: { aliases: string[] }[] };
    set.limits[1]!.aliases.push('lead');
    expect(() => parseLimitSet(set)).toThrow(/"lead" names both Pb and Hg/);
  });
});

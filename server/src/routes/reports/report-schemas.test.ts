import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { CfpReport, EcodesignReport, LcaReport, Report } from '@greenlca/report';
import { kettle, testApp, type TestApp } from '../../testing/harness.js';
import { testBackends } from '../../storage/testing.js';

/** Every problem of a body against a schema, and every field the schema does not declare (Value.Clean drops those). */
function undeclared(schema: TSchema, body: unknown): string[] {
  const errors = [...Value.Errors(schema, body)].map((e) => `${e.path}: ${e.message}`);
  if (errors.length) return errors;
  const cleaned = Value.Clean(schema, structuredClone(body));
  return JSON.stringify(cleaned) === JSON.stringify(body) ? [] : ['fields beyond the schema'];
}

/** The application/json schema a route declares for its 200, as @fastify/swagger documents it. */
async function declared(t: TestApp, operationId: string): Promise<Record<string, unknown>> {
  const doc = (await t.call(undefined, 'GET', '/docs/json')).json();
  for (const item of Object.values(doc.paths) as Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> }>[]) {
    for (const op of Object.values(item)) if (op.operationId === operationId) return op.responses!['200']!.content!['application/json']!.schema;
  }
  throw new Error(`no operation ${operationId}`);
}

/** The report kind a declared schema allows (the document spells a TypeBox literal as a one-value enum). */
const kindOf = (schema: Record<string, unknown>) => {
  const kind = (schema.properties as Record<string, { const?: string; enum?: string[] }>).kind!;
  return kind.const ?? (kind.enum?.length === 1 ? kind.enum[0] : undefined);
};

/**
 * The JSON reports are typed: each route's body is the @greenlca/report schema of its kind (data and
 * document), checked here on real answers with the fields the builders fill when they have them
 * (study, uncertainty and sensitivity, impact methods, the ecodesign LCA summary).
 */
describe('JSON reports match the schemas the routes declare', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!);
  }, 120_000);
  afterAll(async () => t?.close());

  it('carbon footprint: POST /v1/reports/cfp and GET /v1/results/{id}/report are CfpReport', async () => {
    const study = { company: 'Acme', pcr: 'PCR 2019:14', cutOffCriterion: { perInput: 0.01, total: 0.05, source: 'PCR 2019:14 §4.3' }, excluded: [{ process: 'packaging film', reason: 'below cut-off', estimatedKgCO2e: 0.01 }], recyclingMethod: 'cut-off' };
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/cfp?lang=en', { product: kettle(), study, analyses: { runs: 50, seed: 3 } });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.data.uncertainty).not.toBeNull();
    expect(report.data.sensitivity.bars.length).toBeGreaterThan(0);
    expect(report.data.study.info).toEqual(study);
    expect(undeclared(CfpReport, report)).toEqual([]);
    expect(undeclared(Report, report)).toEqual([]);
    // Not any report: the LCA and self-evaluation shapes refuse it.
    expect(Value.Check(LcaReport, report)).toBe(false);
    expect(Value.Check(EcodesignReport, report)).toBe(false);

    const { id } = (await t.call(t.orgA.keys.write, 'POST', '/v1/products', kettle())).json();
    const stored = (await t.call(t.orgA.keys.write, 'POST', `/v1/products/${id}/calculate`)).json();
    const fromStore = (await t.call(t.orgA.keys.read, 'GET', `/v1/results/${stored.id}/report?lang=zh`)).json();
    expect(fromStore.data.total).toEqual(stored.result.total);
    expect(undeclared(CfpReport, fromStore)).toEqual([]);

    for (const op of ['createCfpReport', 'getResultReport']) {
      const schema = await declared(t, op);
      expect(kindOf(schema), op).toBe('cfp');
      expect(Object.keys((schema.properties as Record<string, { properties: object }>).data!.properties), op).toEqual(Object.keys(CfpReport.properties.data.properties));
    }
  });

  it('LCA: POST /v1/reports/lca?method=ef-3.1 is LcaReport', async () => {
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/lca?method=ef-3.1&lang=en', { product: kettle() });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.data.impacts[0].categories.length).toBeGreaterThan(10);
    expect(undeclared(LcaReport, report)).toEqual([]);
    expect(Value.Check(CfpReport, report)).toBe(false);
    const schema = await declared(t, 'createLcaReport');
    expect(Object.keys((schema.properties as Record<string, { properties: object }>).data!.properties)).toEqual(Object.keys(LcaReport.properties.data.properties));
  });

  it('self-evaluation: POST /v1/reports/ecodesign is EcodesignReport, with its LCA summary', async () => {
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/reports/ecodesign?lang=zh', { request: { spec: 'gb-t-32161-2015', product: kettle() }, company: '某电器公司' });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.data.lca.total.kgCO2e).toBeGreaterThan(0);
    expect(undeclared(EcodesignReport, report)).toEqual([]);
    expect(Value.Check(CfpReport, report)).toBe(false);
    const schema = await declared(t, 'createEcodesignReport');
    expect(kindOf(schema)).toBe('ecodesign');
    expect(Object.keys((schema.properties as Record<string, { properties: object }>).data!.properties)).toEqual(Object.keys(EcodesignReport.properties.data.properties));
  });
});

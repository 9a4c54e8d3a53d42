import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_THREAD_WAITING, MAX_ORG_DATASET_ROWS } from '../../limits.js';
import { Value } from '@sinclair/typebox/value';
import { bundledSubstances } from '@greenlca/datasets';
import { FactorDataset } from '@greenlca/schema';
import { buildFixture, IDS } from '../../../../packages/olca/src/testing/fixture.js';
import { kettle, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';
import { csvText, valueOf, xlsxBytes, zhTable } from '../../org-datasets/testing/tables.js';

announceSkips();

const META = {
  id: 'acme-materials', name: 'ACME purchased materials', nameZh: 'ACME 采购材料', publisher: 'ACME compliance team',
  licence: 'Licensed to ACME, internal use only', citation: 'ACME supplier declarations 2024', gwp: 'AR6',
};
const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const csvImport = (text: string, dataset: Record<string, unknown> = META, extra: Record<string, unknown> = {}) =>
  ({ dataset, format: 'csv', file: b64(`\uFEFF${text}`), fileName: 'factors.csv', ...extra });

/** A product on three of the organisation's factors: 2 kg of m-1, 0.5 kg of m-2, 3 kg of m-3. */
const product = kettle({
  id: 'bracket', name: 'Steel bracket', region: 'CN', parameters: {},
  inventory: [
    { stage: 'manufacture', factor: 'acme-materials/m-1', amount: '2 kg' },
    { stage: 'manufacture', factor: 'acme-materials/m-2', amount: '0.5 kg' },
    { stage: 'manufacture', factor: 'acme-materials/m-3', amount: '3 kg' },
  ],
});
const expectedTotal = (value: (i: number) => number) => 2 * value(1) + 0.5 * value(2) + 3 * value(3);

describe.each(testBackends)('organisation factor datasets ($name)', (backend) => {
  let t: TestApp;
  let resultId: string;
  let productId: string;
  beforeAll(async () => {
    if (backend.skip) return;
    // This process also works on background jobs (GREENLCA_ROLE=all), polling often for the test.
    t = await testApp(backend, { jobs: { work: true, chunkSize: 25, pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1, retryDelaySeconds: 1, retryLimit: 1 } });
  }, 120_000);
  afterAll(async () => t?.close());

  it.skipIf(!!backend.skip)('previews and imports a 2,000-row CSV with Chinese headers (UTF-8 with BOM)', async () => {
    const body = csvImport(csvText(zhTable(2000)));
    const preview = await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', body);
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    expect(p).toMatchObject({ ok: true, errors: [], stats: { rows: 2000, factors: 2000 } });
    expect(p.columns).toMatchObject({ 编号: 'id', 名称: 'nameZh', 单位: 'unit', '排放因子（kgCO2e/单位）': 'co2e', GWP基准: 'gwp', 地区: 'region', 年份: 'year', 数据来源: 'source', 技术代表性: 'dqrTechnological' });
    expect(p.factors[0]).toMatchObject({
      id: 'm-1', name: { zh: '材料1，热轧' }, category: 'material', unit: 'kg', co2e: valueOf(1), gwpBasis: 'AR6', region: 'CN', year: 2023,
      source: { source: '供应商声明 2024-1', row: 'row 2' }, licence: META.licence, dataQuality: { technological: 2 },
    });
    // Nothing stored by the preview.
    expect((await t.call(t.orgA.keys.read, 'GET', '/v1/org-datasets')).json().items).toEqual([]);

    const stored = await t.call(t.orgA.keys.write, 'POST', '/v1/org-datasets', body);
    expect(stored.statusCode, stored.body).toBe(201);
    expect(stored.headers.location).toBe('/v1/org-datasets/acme-materials/versions/1');
    expect(stored.json()).toMatchObject({ id: 'acme-materials', version: 1, factorCount: 2000, licence: META.licence, format: 'csv', fileName: 'factors.csv' });
    const doc = (await t.call(t.orgA.keys.read, 'GET', '/v1/org-datasets/acme-materials')).json();
    expect(doc.dataset.factors).toHaveLength(2000);
    expect(doc.dataset.factors[1999]).toMatchObject({ id: 'm-2000', co2e: valueOf(2000) });
    expect(doc.dataset).toMatchObject({ id: 'acme-materials', version: '1', publisher: META.publisher, licences: [{ name: META.licence }] });
  });

  it.skipIf(!!backend.skip || backend.name !== 'pglite')('reads a table at the row limit off the event loop: other requests are answered meanwhile', async () => {
    const body = csvImport(csvText(zhTable(MAX_ORG_DATASET_ROWS)));
    // The longest the event loop went without a turn while the import ran (read on the event loop,
    // this is most of the import's time; read on the import thread, a few milliseconds).
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const start = performance.now();
    let healthAnswered = 0;
    const health = (async () => {
      await new Promise((r) => setTimeout(r, 50));
      const res = await t.call(undefined, 'GET', '/health');
      expect(res.statusCode).toBe(200);
      healthAnswered = performance.now();
    })();
    const preview = await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', body);
    const importAnswered = performance.now();
    delay.disable();
    await health;
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ ok: true, stats: { rows: MAX_ORG_DATASET_ROWS, factors: MAX_ORG_DATASET_ROWS } });
    expect(healthAnswered).toBeLessThan(importAnswered);
    const longestStallMs = delay.max / 1e6;
    expect(longestStallMs, `import took ${(importAnswered - start).toFixed(0)} ms`).toBeLessThan((importAnswered - start) / 4);
  });

  it.skipIf(!!backend.skip || backend.name !== 'pglite')('takes one import at a time with a few waiting, and asks the next to come back (429, Retry-After)', async () => {
    const body = csvImport(csvText(zhTable(10_000)));
    const answers = await Promise.all(Array.from({ length: IMPORT_THREAD_WAITING + 2 }, () => t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', body)));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([...Array(IMPORT_THREAD_WAITING + 1).fill(200), 429]);
    const busy = answers.find((a) => a.statusCode === 429)!;
    expect(busy.headers['retry-after']).toBe('10');
    expect(busy.json()).toMatchObject({ code: 'GLCA_RATE_LIMITED', status: 429 });
  });

  it.skipIf(!!backend.skip)('reads GB18030 with its charset, and refuses it read as UTF-8', async () => {
    // 编号,名称,单位,排放因子,地区,年份,来源 / a,钢,千克,2,中国,2023,声明 in GB18030 (encoded with Python's gb18030 codec).
    const gb = Buffer.from(
      'b1e0bac52cc3fbb3c62cb5a5cebb2cc5c5b7c5d2f2d7d32cb5d8c7f82cc4eab7dd2cc0b4d4b40d0a612cb8d62cc7a7bfcb2c322cd6d0b9fa2c323032332cc9f9c3f70d0a', 'hex');
    const body = { dataset: { ...META, id: 'acme-gb' }, format: 'csv', file: b64(gb) };
    const wrong = (await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', body));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().detail).toContain('gb18030');
    const right = (await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', { ...body, charset: 'gb18030' })).json();
    expect(right).toMatchObject({ ok: true, stats: { factors: 1 } });
    expect(right.factors[0]).toMatchObject({ id: 'a', name: { zh: '钢' }, unit: 'kg', co2e: 2, region: 'CN', source: { source: '声明' } });
  });

  it.skipIf(!!backend.skip)('lists every problem at once, by row and column, and stores nothing', async () => {
    const rows = [
      ['id', 'name', 'unit', 'co2e', 'region', 'year', 'source', 'credit', 'colour'],
      ['ok-1', 'fine', 'kg', '1.5', 'CN', '2023', 'declaration', '', 'red'],
      ['bad-unit', 'x', 'furlongs per fortnight', '1', 'CN', '2023', 'd', '', ''],
      ['no-source', 'x', 'kg', '1', 'CN', '2023', '', '', ''],
      ['ok-1', 'duplicate', 'kg', '1', 'CN', '2023', 'd', '', ''],
      ['negative', 'x', 'kg', '-0.4', 'CN', '2023', 'd', '', ''],
      ['credit', 'recycling credit', 'kg', '-0.4', 'CN', '2023', 'd', 'yes', ''],
      ['absurd', 'x', 'kg', '1000000', 'CN', '2023', 'd', '', ''],
      ['Bad Id', 'x', 'kWh', '0.5', 'CN', '2099', 'd', '', ''],
      ['nul', 'a\u0000b', 'kg', '1', 'CN', '2023', 'd', '', ''],
    ];
    const body = csvImport(csvText(rows), { ...META, id: 'acme-bad', citation: undefined });
    const p = (await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', body)).json();
    expect(p.ok).toBe(false);
    const found = p.errors.map((e: { row: number; column?: string; code: string }) => [e.row, e.column, e.code]);
    expect(found).toEqual([
      [3, 'unit', 'UNKNOWN_UNIT'],
      [4, 'source', 'MISSING_CITATION'],
      [5, 'id', 'DUPLICATE_ID'],
      [6, 'co2e', 'NEGATIVE_WITHOUT_CREDIT'],
      [8, 'co2e', 'ABSURD_MAGNITUDE'],
      [9, 'id', 'INVALID_ID'],
      [9, 'year', 'INVALID_YEAR'],
      [10, 'name', 'CHARACTER_NOT_ALLOWED'],
    ]);
    for (const e of p.errors) expect(e.hint, e.code).toBeTruthy();
    expect(p.errors[2].detail).toContain('row 2');
    expect(p.warnings).toEqual([expect.objectContaining({ row: 1, column: 'colour', code: 'UNKNOWN_COLUMN' })]);
    expect(p.stats).toEqual({ rows: 9, factors: 2 }); // ok-1 and the stated credit
    expect(p.factors[1]).toMatchObject({ id: 'credit', co2e: -0.4, credit: true });

    const refused = await t.call(t.orgA.keys.write, 'POST', '/v1/org-datasets', body);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('GLCA_DATASET_INVALID');
    expect(refused.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/file/3/unit', '/file/4/source', '/file/5/id', '/file/6/co2e', '/file/8/co2e', '/file/9/id', '/file/9/year', '/file/10/name',
    ]);
    expect((await t.call(t.orgA.keys.read, 'GET', '/v1/org-datasets/acme-bad')).statusCode).toBe(404);
    // A bundled dataset's id cannot be taken.
    const taken = (await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', csvImport(csvText(zhTable(1)), { ...META, id: 'desnz-2025' }))).json();
    expect(taken.errors.map((e: { code: string }) => e.code)).toEqual(['DATASET_ID_TAKEN']);
  });

  it.skipIf(!!backend.skip)('calculates a product on three of the factors, and its CFP report cites them with their version', async () => {
    const created = await t.call(t.orgA.keys.write, 'POST', '/v1/products', product);
    expect(created.statusCode, created.body).toBe(201);
    productId = created.json().id;
    const calc = await t.call(t.orgA.keys.write, 'POST', `/v1/products/${productId}/calculate`);
    expect(calc.statusCode, calc.body).toBe(201);
    const stored = calc.json();
    resultId = stored.id;
    expect(stored.result.total.kgCO2e).toBeCloseTo(expectedTotal(valueOf), 12);
    expect(stored.provenance.datasets).toContainEqual(expect.objectContaining({ id: 'acme-materials', version: '1', edition: 'organisation dataset' }));
    const report = await t.call(t.orgA.keys.read, 'GET', `/v1/results/${resultId}/report?format=json&lang=en`);
    expect(report.statusCode, report.body).toBe(200);
    const cited = report.json().data.citations.filter((c: { dataset?: string }) => c.dataset === 'acme-materials');
    expect(cited.map((c: { citation: string; datasetVersion: string; licence: string }) => [c.datasetVersion, c.licence])).toEqual([
      ['1', META.licence], ['1', META.licence], ['1', META.licence],
    ]);
    expect(cited.map((c: { citation: string }) => c.citation).join(' ')).toContain('供应商声明 2024-1');
    const html = await t.call(t.orgA.keys.read, 'GET', `/v1/results/${resultId}/report?format=html&lang=zh`);
    // Cited by publisher and edition, with the dataset version the result was calculated on.
    expect(html.body).toMatch(/<td>ACME compliance team<\/td><td>organisation dataset<\/td><td>1<\/td>/);
    // The stateless calculation uses them too.
    const direct = await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', product);
    expect(direct.json().total.kgCO2e).toBeCloseTo(expectedTotal(valueOf), 12);
  });

  it.skipIf(!!backend.skip)('a background recalculation uses the organisation\'s datasets as the synchronous route does', async () => {
    const res = await t.call(t.orgA.keys.write, 'POST', '/v1/jobs', { kind: 'recalculate', filter: { ids: [productId] } });
    expect(res.statusCode, res.body).toBe(202);
    let job: { state: string; progress: Record<string, number> } = { state: 'queued', progress: {} };
    for (let i = 0; i < 240 && (job.state === 'queued' || job.state === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 250));
      job = (await t.call(t.orgA.keys.read, 'GET', res.headers.location as string)).json();
    }
    expect(job.state).toBe('completed');
    expect(job.progress).toMatchObject({ total: 1, done: 1, failed: 0 });
    const items = (await t.call(t.orgA.keys.read, 'GET', `${res.headers.location}/items`)).json().items;
    const stored = (await t.call(t.orgA.keys.read, 'GET', `/v1/results/${items[0].resultId}`)).json();
    expect(stored.result.total.kgCO2e).toBeCloseTo(expectedTotal(valueOf), 12);
    expect(stored.provenance.datasets).toContainEqual(expect.objectContaining({ id: 'acme-materials', version: '1' }));
  });

  it.skipIf(!!backend.skip)('imports the same table from .xlsx (a named sheet) as version 2; reproduce keeps version 1, and compares with 2', async () => {
    const v2 = (i: number) => valueOf(i) * 2;
    const xlsx = await xlsxBytes(zhTable(2000, v2));
    const first = (await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', { dataset: META, format: 'xlsx', file: b64(xlsx) })).json();
    expect(first.errors.map((e: { code: string }) => e.code)).toContain('MISSING_COLUMN'); // the first sheet is the cover note
    const body = { dataset: { ...META, edition: '2025' }, format: 'xlsx', file: b64(xlsx), sheet: '因子表', fileName: 'factors.xlsx' };
    const p = (await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', body)).json();
    expect(p).toMatchObject({ ok: true, stats: { rows: 2000, factors: 2000 } });
    // E3 is a formula (=1000000*1000) whose stored value is row 2's: the stored value is read, never the formula's.
    expect(p.factors[1]).toMatchObject({ id: 'm-2', co2e: v2(2) });
    expect(p.factors[0]).toMatchObject({ id: 'm-1', co2e: v2(1), year: 2023, region: 'CN' });
    const stored = await t.call(t.orgA.keys.write, 'POST', '/v1/org-datasets', body);
    expect(stored.json()).toMatchObject({ version: 2, format: 'xlsx', edition: '2025' });
    expect((await t.call(t.orgA.keys.read, 'GET', '/v1/org-datasets/acme-materials/versions')).json().items.map((v: { version: number }) => v.version)).toEqual([1, 2]);

    const pinned = (await t.call(t.orgA.keys.read, 'POST', `/v1/results/${resultId}/reproduce`)).json();
    expect(pinned).toMatchObject({ reproducible: true, sameDatasets: true, differences: [] });
    const current = (await t.call(t.orgA.keys.read, 'POST', `/v1/results/${resultId}/reproduce?datasets=current`)).json();
    expect(current.reproducible).toBe(false);
    expect(current.sameDatasets).toBe(false);
    expect(current.result.total.kgCO2e).toBeCloseTo(expectedTotal(v2), 12);
    expect(current.differences).toContainEqual({ pointer: '/total/kgCO2e', stored: expect.closeTo(expectedTotal(valueOf), 12), recalculated: expect.closeTo(expectedTotal(v2), 12) });
    // Version 1 is still there as it was.
    const v1 = (await t.call(t.orgA.keys.read, 'GET', '/v1/org-datasets/acme-materials/versions/1')).json();
    expect(v1.dataset.factors[0].co2e).toBe(valueOf(1));
  });

  it.skipIf(!!backend.skip)('is found by the organisation\'s factor search, marked as its own with its licence', async () => {
    const hits = (await t.call(t.orgA.keys.read, 'GET', `/v1/org-factors?q=${encodeURIComponent('材料17')}&limit=5`)).json().items;
    expect(hits[0]).toMatchObject({ id: 'acme-materials/m-17', own: true, licence: META.licence, dataset: { id: 'acme-materials', version: '2' } });
    const bundled = (await t.call(t.orgA.keys.read, 'GET', '/v1/org-factors?q=electricity&limit=3')).json().items;
    expect(bundled[0]).toMatchObject({ own: false });
  });

  it.skipIf(!!backend.skip)('exports CSV that imports again to the same factors, and the JSON document', async () => {
    const csv = await t.call(t.orgA.keys.read, 'GET', '/v1/org-datasets/acme-materials/export?format=csv&version=1');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="acme-materials-v1.csv"');
    const again = (await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', { dataset: META, format: 'csv', file: b64(csv.rawPayload) })).json();
    expect(again).toMatchObject({ ok: true, warnings: [], stats: { factors: 2000 } });
    const v1 = (await t.call(t.orgA.keys.read, 'GET', '/v1/org-datasets/acme-materials/versions/1')).json();
    // Same factors, apart from where each row sits in the file.
    const strip = (f: { source: { row?: string } }) => ({ ...f, source: { ...f.source, row: undefined } });
    expect(again.factors.map(strip)).toEqual(v1.dataset.factors.slice(0, 100).map(strip));
    const json = await t.call(t.orgA.keys.read, 'GET', '/v1/org-datasets/acme-materials/export?format=json');
    expect(json.json()).toEqual((await t.call(t.orgA.keys.read, 'GET', '/v1/org-datasets/acme-materials')).json().dataset);
    // The body is what the route declares: the FactorDataset schema, every factor of it.
    expect([...Value.Errors(FactorDataset, json.json())].map((e) => `${e.path}: ${e.message}`)).toEqual([]);
  });

  it.skipIf(!!backend.skip)('is invisible to another organisation: 404, not listed, not searchable, not calculable', async () => {
    const keyB = t.orgB.keys.admin;
    for (const url of ['/v1/org-datasets/acme-materials', '/v1/org-datasets/acme-materials/versions', '/v1/org-datasets/acme-materials/versions/1', '/v1/org-datasets/acme-materials/export?format=json']) {
      const res = await t.call(keyB, 'GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe('GLCA_NOT_FOUND');
    }
    expect((await t.call(keyB, 'GET', '/v1/org-datasets')).json().items).toEqual([]);
    expect((await t.call(keyB, 'GET', '/v1/org-factors?q=m-17')).json().items.filter((h: { id: string }) => h.id.startsWith('acme-materials/'))).toEqual([]);
    const calc = await t.call(keyB, 'POST', '/v1/calculate', product);
    expect(calc.statusCode).toBe(422);
    expect(calc.json().errors.map((e: { code: string }) => e.code)).toContain('UNKNOWN_FACTOR');
    // B may have a dataset of the same id: its own.
    const own = await t.call(keyB, 'POST', '/v1/org-datasets', csvImport(csvText(zhTable(3, () => 7))));
    expect(own.json()).toMatchObject({ id: 'acme-materials', version: 1 });
    expect((await t.call(keyB, 'POST', '/v1/calculate', product)).json().total.kgCO2e).toBeCloseTo(7 * (2 + 0.5 + 3), 12);
    expect((await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', product)).json().total.kgCO2e).toBeCloseTo(expectedTotal((i) => valueOf(i) * 2), 12);
  });

  it.skipIf(!!backend.skip)('turns an openLCA package\'s processes into factors with their provenance and cut-off share', async () => {
    const body = { dataset: { ...META, id: 'acme-lci', name: 'Test LCI', gwp: 'AR6' }, format: 'olca', file: b64(Buffer.from(buildFixture(2))), databaseVersion: '1.0', fileName: 'lci.zip' };
    const p = (await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', body)).json();
    expect(p.ok, JSON.stringify(p.errors)).toBe(true);
    const steel = p.factors.find((f: { id: string }) => f.id === 'steel');
    // The fixture's hand answer (packages/olca/src/testing/fixture.ts): per kg of steel, with the mill's 0.8 physical allocation.
    const E = (1.6 + 0.02 - 0.0016) / 0.882;
    const CO2 = 0.8 + 0.8 * E;
    const CH4 = 0.01 * (0.4 + 0.36 * E) + 0.002 * 0.16;
    const ch4 = bundledSubstances.substances.find((s) => s.id === 'CH4')!.gwp100.AR6!.value;
    expect(steel.co2e).toBeCloseTo(CO2 + ch4 * CH4, 5);
    expect(steel).toMatchObject({
      unit: 'kg', gwpBasis: 'AR6', licence: META.licence,
      computedFrom: { database: 'Test LCI', databaseVersion: '1.0', processId: IDS.mill, processName: 'Steel mill', cutOffShare: 0.125, cutOffInputs: 1, chainProcesses: 4 },
    });
    expect(steel.gases.CO2).toBeCloseTo(CO2, 5);
    const stored = await t.call(t.orgA.keys.write, 'POST', '/v1/org-datasets', body);
    expect(stored.statusCode, stored.body).toBe(201);
    const calc = (await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', kettle({ id: 'beam', region: 'GLO', parameters: {}, inventory: [{ stage: 'manufacture', factor: 'acme-lci/steel', amount: '10 kg' }] }))).json();
    // The engine characterises the per-gas masses (6 significant digits), co2e is rounded too.
    expect(calc.total.kgCO2e).toBeCloseTo(10 * steel.co2e, 3);
  });

  it.skipIf(!!backend.skip)('refuses a zip bomb from its directory, and a file that is no workbook', async () => {
    const xlsx = await xlsxBytes(zhTable(3));
    // The central directory declares 4 GiB - 1 unpacked for every entry: refused before anything is inflated.
    const bomb = Buffer.from(xlsx);
    for (let i = bomb.length - 22; i >= 0; i--) {
      if (bomb.readUInt32LE(i) === 0x02014b50) bomb.writeUInt32LE(0xffffffff, i + 24);
    }
    const p = (await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', { dataset: META, format: 'xlsx', file: b64(bomb) })).json();
    expect(p.errors.map((e: { code: string }) => e.code)).toEqual(['FILE_TOO_LARGE']);
    const junk = (await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', { dataset: META, format: 'xlsx', file: b64('not a zip') })).json();
    expect(junk.errors.map((e: { code: string }) => e.code)).toEqual(['NOT_A_ZIP']);
    const notOlca = (await t.call(t.orgA.keys.read, 'POST', '/v1/org-datasets/preview', { dataset: META, format: 'olca', file: b64(xlsx) })).json();
    expect(notOlca.errors.map((e: { code: string }) => e.code)).toEqual(['NOT_AN_OLCA_PACKAGE']);
  });
});

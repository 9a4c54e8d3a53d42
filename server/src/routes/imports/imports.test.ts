import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/harness.js';
import { testBackends } from '../../storage/testing.js';

const PLASTIC = 'desnz-2025/material-plastics-average-plastic-rigid-primary';
const STEEL = 'desnz-2025/material-metal-steel-cans-primary';

const CSV = [
  'Level,Part Number,Name,Qty,Material,Mass,Unit',
  '0,K17,Kettle K17,1,,,',
  '1,BODY,Body,2,ABS,420,g',
  '2,SCREW,Screw M3,6,Steel,2,g',
  '1,BASE,Base,1,,,',
  '2,SCREW,Screw M3,4,Steel,2,g',
].join('\r\n');

// The import stores nothing: the embedded back end is enough.
describe('POST /v1/imports/bom', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(testBackends[0]!);
  }, 120_000);
  afterAll(async () => t?.close());

  it('turns a JSON-wrapped export with a material mapping into a product that calculates with quantities multiplied', async () => {
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/imports/bom', {
      csv: CSV, mapping: { materials: { ABS: PLASTIC, Steel: STEEL } }, product: { functionalUnit: { amount: 1, unit: 'item' }, region: 'GB' },
    });
    expect(res.statusCode).toBe(200);
    const { product, warnings, stats } = res.json();
    expect(warnings).toEqual([]);
    expect(stats).toEqual({ rows: 5, components: 4, depth: 2 });
    expect(product).toMatchObject({ id: 'K17', name: 'Kettle K17', region: 'GB' });
    expect(product.components).toEqual([
      { id: 'BODY', name: 'Body', quantity: 2, material: PLASTIC, mass: '420 g', children: [{ id: 'SCREW', name: 'Screw M3', quantity: 6, material: STEEL, mass: '2 g' }] },
      { id: 'BASE', name: 'Base', children: [{ id: 'SCREW', name: 'Screw M3', quantity: 4, material: STEEL, mass: '2 g' }] },
    ]);
    const result = (await t.call(t.orgA.keys.read, 'POST', '/v1/calculate', product)).json();
    const quantity = Object.fromEntries(result.byComponent.map((c: { component: string; quantity: number; massKg: number }) => [c.component, [c.quantity, c.massKg]]));
    // 2 bodies × 6 screws = 12 screws of 2 g; 4 screws in the base.
    expect(quantity['BODY']).toEqual([2, 0.84]);
    expect(quantity['BODY/SCREW']).toEqual([12, 0.024]);
    expect(quantity['BASE/SCREW']).toEqual([4, 0.008]);
  });

  it('takes text/csv with the mapping in the query, and warns about unmapped materials with suggestions', async () => {
    const csv = 'Teil;Menge;Werkstoff;Gewicht\nA;2;steel cans;1,5\nB;1;;';
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/imports/bom?partNumber=Teil&quantity=Menge&material=Werkstoff&mass=Gewicht&parent=Vater&productName=Demo', csv, { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ code: 'MISSING_COLUMN', pointer: '/csv/1/Vater' });
    const csv2 = 'Ebene;Teil;Menge;Werkstoff;Gewicht\n1;A;2;steel cans;1,5\n1;B;1;;';
    const ok = await t.call(t.orgA.keys.read, 'POST', '/v1/imports/bom?level=Ebene&partNumber=Teil&quantity=Menge&material=Werkstoff&mass=Gewicht&massUnit=kg&productName=Demo', csv2, { 'content-type': 'text/csv; charset=utf-8' });
    expect(ok.statusCode).toBe(200);
    const body = ok.json();
    expect(body.product.name).toBe('Demo');
    expect(body.product.components).toEqual([{ id: 'A', quantity: 2, material: 'steel cans', mass: '1.5 kg' }, { id: 'B' }]);
    expect(body.warnings[0]).toMatchObject({ code: 'BOM_UNMAPPED_MATERIAL' });
    expect(body.warnings[0].hint).toContain('steel-cans');
  });

  it('decodes a GB18030 export from Chinese Excel when the charset says so', async () => {
    // "层级,物料编码,物料名称,用量\n1,A1,外壳,1" encoded in GB18030 (GBK subset), bytes written out by hand.
    const gbk = Buffer.from([
      0xb2, 0xe3, 0xbc, 0xb6, 0x2c, 0xce, 0xef, 0xc1, 0xcf, 0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0xce, 0xef, 0xc1, 0xcf, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c,
      0xd3, 0xc3, 0xc1, 0xbf, 0x0a, 0x31, 0x2c, 0x41, 0x31, 0x2c, 0xcd, 0xe2, 0xbf, 0xc7, 0x2c, 0x31,
    ]);
    const res = await t.app.inject({
      method: 'POST', url: '/v1/imports/bom', payload: gbk,
      headers: { authorization: `Bearer ${t.orgA.keys.read}`, 'content-type': 'text/csv; charset=gb18030' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().product.components).toEqual([{ id: 'A1', name: '外壳' }]);
    const asUtf8 = await t.app.inject({
      method: 'POST', url: '/v1/imports/bom', payload: gbk, headers: { authorization: `Bearer ${t.orgA.keys.read}`, 'content-type': 'text/csv' },
    });
    expect(asUtf8.statusCode).toBe(400);
    expect(asUtf8.json().detail).toMatch(/charset/);
  });

  it('refuses a blank unit, reports unknown columns, never invents part numbers, and says every problem at once', async () => {
    const csv = 'Level,Part Number,Name,Qty,Mass,Unit,Supplier\n1,A,Body,1,420,,ACME\n1,,Lid,1,35,g,ACME\n3,C,Pin,x,1,g,ACME';
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/imports/bom', { csv });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([
      ['/csv/2/Unit', 'MISSING_UNIT'], ['/csv/3/Part Number', 'NO_PART_NUMBER'], ['/csv/4/Qty', 'BAD_QUANTITY'], ['/csv/4', 'LEVEL_JUMP'],
    ]);
    const fixed = 'Level,Part Number,Name,Qty,Mass,Unit,Supplier\n1,A,Body,1,420,g,ACME\n1,B,Lid,1,35,g,ACME';
    const ok = await t.call(t.orgA.keys.read, 'POST', '/v1/imports/bom?fallbackName=lid-bom', fixed, { 'content-type': 'text/csv' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().product.name).toBe('lid-bom');
    expect(ok.json().warnings).toEqual([{ code: 'BOM_UNKNOWN_COLUMN', message: 'column "Supplier" (column 7) is not read', hint: expect.stringContaining('map it') }]);
    expect(ok.json().product.components.map((c: { id: string }) => c.id)).toEqual(['A', 'B']);
  });

  it('answers a POST with no body (and no content type) with a 400 saying what to send, not a 500', async () => {
    // Found by the fuzz suite: per-media-type body schemas leave a bodiless request unchecked.
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/imports/bom', undefined, { accept: '*/*;q=abc' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'GLCA_VALIDATION', errors: [{ pointer: '', code: 'SCHEMA' }] });
  });

  it('reports bad rows as a 422 problem with one located error per row', async () => {
    const res = await t.call(t.orgA.keys.read, 'POST', '/v1/imports/bom', { csv: 'Level,Part Number,Qty\n1,A,-1\nz,B,1' });
    expect(res.statusCode).toBe(422);
    const problem = res.json();
    expect(problem.code).toBe('GLCA_BOM_INVALID');
    expect(problem.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([['/csv/2/Qty', 'BAD_QUANTITY'], ['/csv/3/Level', 'BAD_LEVEL']]);
    expect((await t.call(undefined, 'POST', '/v1/imports/bom', { csv: CSV })).statusCode).toBe(401);
  });

  it('refuses a BOM too deep or expanding too far with a 422 naming the CSV line, not a 500 or a hang', async () => {
    const deep = ['Level,Part Number,Qty', ...Array.from({ length: 5000 }, (_, i) => `${i + 1},P${i + 1},1`)].join('\n');
    const res = await t.app.inject({
      method: 'POST', url: '/v1/imports/bom', payload: deep,
      headers: { authorization: `Bearer ${t.orgA.keys.read}`, 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'GLCA_BOM_INVALID', errors: [{ pointer: '/csv/102', code: 'TOO_DEEP' }] });
    expect(res.json().errors[0].detail).toMatch(/^line 102: .*more than 100 levels/);

    // Each part listed twice under the one before: ~600 bytes that would expand to 2^30 components.
    const rows = ['Parent,Part Number,Qty', ',P1,1'];
    for (let i = 2; i <= 30; i++) rows.push(`P${i - 1},P${i},1`, `P${i - 1},P${i},1`);
    const doubling = await t.call(t.orgA.keys.read, 'POST', '/v1/imports/bom', { csv: rows.join('\n') });
    expect(doubling.statusCode).toBe(422);
    expect(doubling.json()).toMatchObject({ code: 'GLCA_BOM_INVALID', errors: [{ code: 'TOO_MANY_COMPONENTS' }] });
    expect(doubling.json().errors[0].pointer).toMatch(/^\/csv\/\d+$/);
    expect(doubling.json().detail).toMatch(/more than 10,000 components/);
  });
});

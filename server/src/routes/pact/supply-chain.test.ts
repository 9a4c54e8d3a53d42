import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyIdOf } from '../../lib/keys.js';
import { kettle, testApp, type TestApp } from '../../testing/harness.js';
import { announceSkips, testBackends } from '../../storage/testing.js';

announceSkips();

/**
 * The green supply chain over PACT v3, end to end: two servers on loopback, a supplier and a buyer.
 * The supplier publishes; the buyer registers the supplier's PACT API, asks for a footprint
 * (RequestCreatedEvent), gets the RequestFulfilledEvent back at its own /3/events, lists and fetches
 * the footprint, uses it as a supplier-specific factor on a BOM line, and its CFP report shows the
 * primary-data share.
 */
const RESIN_ID = 'urn:pact:resin.example:product-id:PP-7';
const COMPANY = { name: 'Resin Works Ltd', ids: ['urn:pact:resin.example:company-id:1'] };

const resin = {
  schemaVersion: 1, id: 'pp-7', name: 'PP resin PP-7', functionalUnit: { amount: 1, unit: 'kg' }, region: 'GB',
  inventory: [{ stage: 'manufacture', factor: 'desnz-2025/electricity-uk', amount: '2 kWh' }],
};
const pellets = { ...resin, id: 'pellets', name: 'Masterbatch pellets' };

interface Server { t: TestApp; url: string }

async function serve(backend: (typeof testBackends)[number]): Promise<Server> {
  const t = await testApp(backend, { pact: { outbound: { allowLoopback: true } } });
  const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  return { t, url };
}

async function http(url: string, key: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${key}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

const until = async <T>(what: () => Promise<T | undefined>, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.each(testBackends)('green supply chain over PACT: buyer and supplier servers (%s)', (backend) => {
  let supplier: Server;
  let buyer: Server;

  beforeAll(async () => {
    if (backend.skip) return;
    [supplier, buyer] = await Promise.all([serve(backend), serve(backend)]);
  }, 120_000);
  afterAll(async () => {
    await supplier?.t.close();
    await buyer?.t.close();
  });

  it.skipIf(!!backend.skip)('supplier publishes, buyer requests, is answered, fetches, builds it in, and its CFP report shows the primary-data share', async () => {
    const S = supplier.t.orgA;
    const B = buyer.t.orgA;

    // The supplier publishes footprints of two products; its own calculation gives the resin's value.
    const published: Record<string, any> = {};
    for (const [product, productId] of [[resin, RESIN_ID], [pellets, 'urn:pact:resin.example:product-id:MB-1']] as const) {
      const created = await http(`${supplier.url}/v1/products`, S.keys.write, { method: 'POST', body: product });
      expect(created.status, JSON.stringify(created.json)).toBe(201);
      const pub = await http(`${supplier.url}/v1/products/${created.json.id}/footprints`, S.keys.write, {
        method: 'POST', body: { company: COMPANY, productIds: [productId], fossilCarbonContentKgC: 0.85 },
      });
      expect(pub.status, JSON.stringify(pub.json)).toBe(201);
      published[product.id] = pub.json.footprint;
    }
    const resinKgCO2e = (await http(`${supplier.url}/v1/calculate`, S.keys.read, { method: 'POST', body: resin })).json.total.kgCO2e as number;
    expect(resinKgCO2e).toBeGreaterThan(0);

    // Each registers the other's PACT API with the client credentials the other issued (a read key there).
    const asPartner = (name: string, url: string, key: string) => ({ name, baseUrl: url, clientId: keyIdOf(key), clientSecret: key });
    const reg = await http(`${buyer.url}/v1/pact/partners`, B.keys.admin, { method: 'POST', body: asPartner('Resin Works', supplier.url, S.keys.read) });
    expect(reg.status, JSON.stringify(reg.json)).toBe(201);
    expect(JSON.stringify(reg.json)).not.toContain(S.keys.read);
    const partnerId = reg.json.id as string;
    // Sealed at rest: the database holds no usable secret.
    const stored = (await buyer.t.storage.listPactPartners(B.id))[0]!;
    expect(stored.clientSecret).toMatch(/^sealed:v1:/);
    expect(stored.clientSecret).not.toContain(S.keys.read);
    expect(JSON.stringify((await http(`${buyer.url}/v1/pact/partners`, B.keys.read)).json)).not.toContain(S.keys.read);
    expect((await http(`${supplier.url}/v1/pact/partners`, S.keys.admin, { method: 'POST', body: asPartner('Kettle Co', buyer.url, B.keys.read) })).status).toBe(201);

    // The buyer asks; the supplier answers with the matching footprint at the buyer's /3/events.
    const sent = await http(`${buyer.url}/v1/pact/partners/${partnerId}/requests`, B.keys.write, { method: 'POST', body: { productId: [RESIN_ID], comment: 'for the K17 kettle' } });
    expect(sent.status, JSON.stringify(sent.json)).toBe(201);
    const answered = await until(async () => {
      const r = await http(`${buyer.url}/v1/pact/sent-requests/${sent.json.id}`, B.keys.read);
      return r.json.status === 'Pending' ? undefined : r.json;
    });
    expect(answered).toMatchObject({ status: 'Fulfilled', partnerId, footprintIds: [published['pp-7'].id], criteria: { productId: [RESIN_ID] } });
    const seen = (await http(`${supplier.url}/v1/pact/requests`, S.keys.read)).json.items;
    expect(seen).toEqual([expect.objectContaining({ eventId: sent.json.id, status: 'Fulfilled', delivery: 'delivered' })]);

    // A request nothing can match is rejected, and the buyer sees why.
    const none = await http(`${buyer.url}/v1/pact/partners/${partnerId}/requests`, B.keys.write, { method: 'POST', body: { productId: ['urn:pact:null'] } });
    const rejected = await until(async () => {
      const r = await http(`${buyer.url}/v1/pact/sent-requests/${none.json.id}`, B.keys.read);
      return r.json.status === 'Pending' ? undefined : r.json;
    });
    expect(rejected).toMatchObject({ status: 'Rejected', error: { code: 'NotFound' } });

    // Listing: filters pass through, pages follow the supplier's Link.
    const filtered = await http(`${buyer.url}/v1/pact/partners/${partnerId}/footprints?productId=${encodeURIComponent(RESIN_ID)}`, B.keys.read);
    expect(filtered.json.items.map((f: any) => f.id)).toEqual([published['pp-7'].id]);
    const first = await http(`${buyer.url}/v1/pact/partners/${partnerId}/footprints?limit=1`, B.keys.read);
    expect(first.json.items).toHaveLength(1);
    expect(first.json.next).toMatch(/\/3\/footprints\?.*offset=1/);
    const second = await http(`${buyer.url}/v1/pact/partners/${partnerId}/footprints?next=${encodeURIComponent(first.json.next)}`, B.keys.read);
    expect(second.json.items).toHaveLength(1);
    expect(second.json.next).toBeUndefined();
    expect(new Set([...first.json.items, ...second.json.items].map((f: any) => f.id))).toEqual(new Set([published['pp-7'].id, published.pellets.id]));
    // A next link elsewhere is not followed (the token would go with it).
    const elsewhere = await http(`${buyer.url}/v1/pact/partners/${partnerId}/footprints?next=${encodeURIComponent('http://127.0.0.1:9/3/footprints?offset=1')}`, B.keys.read);
    expect(elsewhere).toMatchObject({ status: 422, json: { code: 'GLCA_PARTNER_ADDRESS_REFUSED' } });

    // The footprint as a supplier-specific factor: the supplier's own value per kg.
    const got = await http(`${buyer.url}/v1/pact/partners/${partnerId}/footprints/${answered.footprintIds[0]}/factor?factorId=supplier/pp-7`, B.keys.read);
    expect(got.status, JSON.stringify(got.json)).toBe(200);
    expect(got.json.expired).toBe(false);
    const factor = got.json.factor;
    expect(factor).toMatchObject({ id: 'supplier/pp-7', unit: 'kg', supplier: { name: COMPANY.name, footprintId: published['pp-7'].id, productIds: [RESIN_ID] } });
    expect(factor.co2e).toBeCloseTo(resinKgCO2e, 12);
    expect(factor.validUntil).toMatch(/^\d{4}-\d\d-\d\dT/);

    // On a BOM line of the buyer's kettle: 0.5 kg body of that resin.
    const product = kettle({ factors: [factor], components: [{ id: 'body', name: 'Body', material: 'supplier/pp-7', mass: '0.5 kg' }] });
    const result = (await http(`${buyer.url}/v1/calculate`, B.keys.read, { method: 'POST', body: product })).json;
    const body = result.lines.find((l: any) => l.path === '/components/0');
    expect(body.kgCO2e).toBeCloseTo(0.5 * resinKgCO2e, 12);
    expect(body.source.supplier).toBe(COMPANY.name);
    // Primary: the body (supplier-specific) and the kettle's HFC-134a leak (a direct emission), over Σ|lines|.
    const hfc = result.lines.find((l: any) => l.substance === 'HFC-134a');
    const gross = result.lines.reduce((s: number, l: any) => s + Math.abs(l.kgCO2e), 0);
    expect(result.primaryData.lines.map((l: any) => [l.path, l.kind])).toEqual([['/components/0', 'supplier'], ['/inventory/1', 'direct']]);
    expect(result.primaryData.share).toBeCloseTo((Math.abs(body.kgCO2e) + Math.abs(hfc.kgCO2e)) / gross, 12);
    expect(result.primaryData.supplierShare).toBeCloseTo(Math.abs(body.kgCO2e) / gross, 12);

    // The buyer's CFP report says so.
    const report = (await http(`${buyer.url}/v1/reports/cfp?format=json&lang=en`, B.keys.read, { method: 'POST', body: { product } })).json;
    expect(report.data.primaryData.supplierShare).toBeCloseTo(result.primaryData.supplierShare, 12);
    const section = report.document.sections.find((s: any) => s.id === 'data');
    const table = section.blocks.find((b: any) => b.id === 'primary-data');
    expect(table.rows.find((r: string[]) => r[2] === COMPANY.name)).toEqual(expect.arrayContaining(['supplier-specific', COMPANY.name]));
    const pct = (x: number) => `${(Math.round(x * 1000) / 10).toFixed(1)} %`;
    expect(JSON.stringify(section.blocks)).toContain(`${pct(result.primaryData.share)} of the footprint rests on primary data, ${pct(result.primaryData.supplierShare)} on supplier-specific data`);
  }, 120_000);

  it.skipIf(!!backend.skip)('never calls private or link-local addresses, and answers every partner failure with a coded problem', async () => {
    const B = buyer.t.orgA;
    const register = async (name: string, baseUrl: string, key = 'k') =>
      (await http(`${buyer.url}/v1/pact/partners`, B.keys.admin, { method: 'POST', body: { name, baseUrl, clientId: 'c', clientSecret: key } })).json.id as string;
    const metadata = await register('Metadata', 'http://169.254.169.254');
    expect(await http(`${buyer.url}/v1/pact/partners/${metadata}/footprints`, B.keys.read)).toMatchObject({ status: 422, json: { code: 'GLCA_PARTNER_ADDRESS_REFUSED' } });
    const lan = await register('LAN', 'http://10.0.0.7:8080');
    expect(await http(`${buyer.url}/v1/pact/partners/${lan}/requests`, B.keys.write, { method: 'POST', body: { productId: ['urn:pact:x:1'] } }))
      .toMatchObject({ status: 422, json: { code: 'GLCA_PARTNER_ADDRESS_REFUSED' } });
    // Nothing stored for a request that was never sent.
    expect((await http(`${buyer.url}/v1/pact/sent-requests`, B.keys.read)).json.items.filter((r: any) => r.partnerId === lan)).toEqual([]);
    const down = await register('Down', 'http://127.0.0.1:9');
    expect(await http(`${buyer.url}/v1/pact/partners/${down}/footprints/x`, B.keys.read)).toMatchObject({ status: 502, json: { code: 'GLCA_PARTNER_UNREACHABLE' } });
    // Wrong credentials at a real PACT host.
    const other = buyer.t.orgB;
    const wrong = (await http(`${buyer.url}/v1/pact/partners`, other.keys.admin, { method: 'POST', body: { name: 'Wrong key', baseUrl: supplier.url, clientId: 'c', clientSecret: 'not-the-key' } })).json.id;
    expect(await http(`${buyer.url}/v1/pact/partners/${wrong}/footprints`, other.keys.read)).toMatchObject({ status: 422, json: { code: 'GLCA_PARTNER_AUTH_FAILED' } });
  }, 60_000);
});

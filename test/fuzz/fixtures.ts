/**
 * What the fuzzer needs to reach every route: keys of every scope (and a revoked one), a second
 * organisation with its own product and result, stored products, a stored result, a published PACT
 * footprint, a PACT access token. Made once, through the API, with the bootstrap admin key.
 */
import { ADMIN_KEY } from './server.js';
import { KETTLE, smallProduct } from './routes.js';

export interface Fixtures {
  keys: { admin: string; write: string; read: string; org2Admin: string; revoked: string };
  readKeyId: string;
  productIds: string[];
  org2ProductId: string;
  resultId: string;
  org2ResultId: string;
  footprintId: string;
  pactToken: string;
  specificationIds: string[];
  /** A PACT partner of the fuzz organisation on loopback where nothing listens (pact-fetch jobs). */
  partnerId: string;
  /** A report a background job stored (GET /v1/reports/{id}); undefined if the job did not finish in time. */
  reportId?: string;
  /** Products and keys created while fuzzing: the only ones fuzzed DELETEs and hostile PUTs touch. */
  created: string[];
  createdKeyIds: string[];
  /** The body each created product was stored with (an excerpt), for reproducers. */
  createdBodies: Map<string, string>;
}

async function call(base: string, method: string, path: string, key: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

export async function makeFixtures(base: string): Promise<Fixtures> {
  const must = async (what: string, p: Promise<{ status: number; json: any; headers: Headers }>, status: number) => {
    const r = await p;
    if (r.status !== status) throw new Error(`fixture ${what}: ${r.status} ${JSON.stringify(r.json).slice(0, 500)}`);
    return r;
  };
  const admin = ADMIN_KEY;
  const key = async (scopes: string[]) => (await must('key', call(base, 'POST', '/v1/keys', admin, { name: `fuzz ${scopes[0]}`, scopes }), 201)).json;
  const write = await key(['write']);
  const read = await key(['read']);
  const revoked = await key(['read']);
  await must('revoke', call(base, 'DELETE', `/v1/keys/${revoked.id}`, admin), 204).catch(async () => must('revoke', call(base, 'DELETE', `/v1/keys/${revoked.id}`, admin), 200));
  const org2 = (await must('organisation', call(base, 'POST', '/v1/organizations', admin, { name: 'Fuzz second organisation' }), 201)).json;
  const org2Admin: string = org2.key.key;

  const store = async (k: string, product: unknown) => (await must('product', call(base, 'POST', '/v1/products', k, product), 201)).headers.get('location')!.split('/').pop()!;
  const productIds = [await store(write.key, smallProduct()), await store(write.key, KETTLE)];
  const org2ProductId = await store(org2Admin, smallProduct('org2'));
  const calc = async (k: string, id: string) => (await must('calculate', call(base, 'POST', `/v1/products/${id}/calculate`, k), 201)).json.id as string;
  const resultId = await calc(write.key, productIds[0]!);
  const org2ResultId = await calc(org2Admin, org2ProductId);
  const fp = await must('footprint', call(base, 'POST', `/v1/products/${productIds[0]}/footprints`, write.key,
    { resultId, company: { name: 'Fuzz Co', ids: ['urn:fuzz:company'] }, productIds: ['urn:fuzz:product'], fossilCarbonContentKgC: 0 }), 201);
  const footprintId: string = fp.json.id ?? fp.json.footprint?.id;
  const basic = Buffer.from(`${read.id}:${read.key}`).toString('base64');
  const token = await fetch(`${base}/auth/token`, {
    method: 'POST', headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials',
  });
  const tokenJson = (await token.json()) as { access_token?: string };
  if (!tokenJson.access_token) throw new Error(`fixture token: ${token.status} ${JSON.stringify(tokenJson)}`);
  const specs = (await call(base, 'GET', '/v1/specifications', undefined)).json;
  const specificationIds = (Array.isArray(specs) ? specs : specs?.specifications ?? specs?.items ?? []).map((s: { id: string }) => s.id).filter(Boolean);
  const partner = await must('partner', call(base, 'POST', '/v1/pact/partners', admin,
    { name: 'Fuzz fixture partner', baseUrl: 'http://127.0.0.1:9', clientId: 'fuzz', clientSecret: 'fuzz-secret' }), 201);
  const reportId = await storedReport(base, write.key, must);
  return {
    keys: { admin, write: write.key, read: read.key, org2Admin, revoked: revoked.key }, readKeyId: read.id,
    productIds, org2ProductId, resultId, org2ResultId, footprintId, pactToken: tokenJson.access_token, specificationIds,
    partnerId: partner.json.id, ...(reportId ? { reportId } : {}),
    created: [], createdKeyIds: [], createdBodies: new Map(),
  };
}

/** A report job over the fixture kettle, and the id of the report it stored (waits up to 60 s). */
async function storedReport(base: string, key: string, must: (what: string, p: ReturnType<typeof call>, status: number) => ReturnType<typeof call>): Promise<string | undefined> {
  const job = await must('report job', call(base, 'POST', '/v1/jobs', key, { kind: 'report', report: 'cfp', formats: ['json'], analyses: { runs: 0 }, filter: { productIds: [String(KETTLE.id)] } }), 202);
  for (let i = 0; i < 120; i++) {
    const items = (await call(base, 'GET', `/v1/jobs/${job.json.id}/items?state=done`, key)).json?.items;
    const id = items?.[0]?.reports?.[0]?.id;
    if (id) return id;
    await new Promise((r) => setTimeout(r, 500));
  }
  return undefined;
}

/**
 * Case generators: each turns the seeded random source and the fixtures into one hostile request.
 * `generate()` picks a generator by weight. Nothing here sends anything.
 */
import type { Case } from './http.js';
import { BOM_CSV, EXTRA_PATHS, KETTLE, fillPath, smallProduct, validBody, type Route } from './routes.js';
import type { Fixtures } from './fixtures.js';
import {
  BAD_INTEGERS, BAD_JSON, BAD_UNITS, CONTENT_TYPES, HOSTILE_EXPRESSIONS, HOSTILE_IDS, HOSTILE_STRINGS, HUGE_NUMBERS, IF_MATCH, deepJson, pct, type Rng,
} from './values.js';

export interface Context {
  rng: Rng;
  routes: Route[];
  fx: Fixtures;
  /** Hostile values that already took the server down (skipped with --keep-going). */
  quarantine: Set<string>;
}

type Generator = (g: Context) => Case;

const JSON_TYPE = { 'content-type': 'application/json' };
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const pickFree = (g: Context, values: readonly string[]): string => {
  for (let i = 0; i < 20; i++) {
    const v = g.rng.pick(values);
    if (!g.quarantine.has(v)) return v;
  }
  return g.rng.pick(values.filter((v) => !g.quarantine.has(v)).concat(['1 kg']));
};
const pick = (g: Context) => <T>(xs: readonly T[]): T => g.rng.pick(xs);

/** The credentials that pass on a route: the least scope that works, or a PACT token, or none. */
function goodAuth(route: Route, fx: Fixtures, g: Context): Record<string, string> {
  if (route.template === '/auth/token') return { authorization: 'Basic ' + Buffer.from(`${fx.readKeyId}:${fx.keys.read}`).toString('base64') };
  if (route.security === 'pactToken' || route.template.startsWith('/3/')) return bearer(fx.pactToken);
  if (!route.security) return g.rng.chance(0.8) ? {} : bearer(fx.keys.read);
  if (/\/keys|\/organizations/.test(route.template)) return bearer(fx.keys.admin);
  if (route.method === 'GET' || /calculate$|whatif|evaluations|reports|imports|reproduce/.test(route.template) && !route.template.includes('{id}/calculate')) {
    return bearer(g.rng.pick([fx.keys.read, fx.keys.write, fx.keys.admin]));
  }
  return bearer(g.rng.pick([fx.keys.write, fx.keys.admin]));
}

const routesWith = (g: Context, test: (r: Route) => boolean): Route => g.rng.pick(g.routes.filter(test));
const bodyRoute = (g: Context) => routesWith(g, (r) => r.bodyTypes.length > 0 && !(r.method === 'PUT' && r.template === '/v1/products/{id}' && g.fx.created.length === 0));

function pathFor(route: Route, g: Context): string {
  // Hostile PUTs and DELETEs go to products the fuzzer created, never to the fixtures.
  if ((route.method === 'DELETE' || route.method === 'PUT') && route.template === '/v1/products/{id}') {
    return `/v1/products/${g.fx.created.length ? g.rng.pick(g.fx.created) : '00000000-0000-4000-8000-000000000000'}`;
  }
  return fillPath(route, g.fx, pick(g));
}

function request(label: string, route: Route, g: Context, over: Partial<Case> & { json?: unknown } = {}): Case {
  const { json, ...rest } = over;
  const body = json !== undefined ? JSON.stringify(json) : rest.body;
  const headers = { ...goodAuth(route, g.fx, g), ...(body !== undefined ? JSON_TYPE : {}), ...(route.method === 'PUT' ? { 'if-match': '*' } : {}), ...rest.headers };
  return { label, route: route.template, method: route.method, path: pathFor(route, g), ...rest, headers, body };
}

/** Replace one value somewhere in a JSON document (raw number texts survive as themselves). */
function mutate(doc: unknown, g: Context, value: () => unknown): string {
  const copy = JSON.parse(JSON.stringify(doc ?? {}));
  const slots: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (v: unknown, depth: number) => {
    if (depth > 8 || v === null || typeof v !== 'object') return;
    for (const k of Object.keys(v)) {
      slots.push([v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k]);
      walk((v as Record<string, unknown>)[k], depth + 1);
    }
  };
  walk(copy, 0);
  const raws: string[] = [];
  const put = () => {
    const v = value();
    if (typeof v === 'object' && v !== null && 'raw' in v) {
      raws.push((v as { raw: string }).raw);
      return `@@RAW${raws.length - 1}@@`;
    }
    return v;
  };
  if (!slots.length || g.rng.chance(0.1)) (copy as Record<string, unknown>)[g.rng.pick(['extra', '__proto__', 'constructor', 'x'.repeat(1000)])] = put();
  else {
    const [parent, key] = g.rng.pick(slots);
    (parent as Record<string, unknown>)[key as string] = put();
  }
  return JSON.stringify(copy).replace(/"@@RAW(\d+)@@"/g, (_, i: string) => raws[Number(i)]!);
}

function hostileValue(g: Context): unknown {
  switch (g.rng.int(9)) {
    case 0: return g.rng.pick(HOSTILE_STRINGS);
    case 1: return { raw: g.rng.pick(HUGE_NUMBERS) };
    case 2: return g.rng.pick([null, true, false, 0, -1, [], {}, [null], [[]], { '': 1 }]);
    case 3: return { raw: deepJson(g.rng.pick([200, 2000, 20_000]), g.rng.pick(['array', 'object'] as const)) };
    case 4: return pickFree(g, HOSTILE_EXPRESSIONS);
    case 5: return Array.from({ length: g.rng.pick([1000, 20_000]) }, (_, i) => i);
    case 6: return { value: pickFree(g, HOSTILE_EXPRESSIONS), unit: g.rng.pick(BAD_UNITS) };
    case 7: return g.rng.pick(BAD_UNITS);
    default: return g.rng.pick(HOSTILE_STRINGS).repeat(g.rng.pick([1, 3]));
  }
}

/** A product carrying one hostile expression or unit somewhere an expression is read. */
function hostileProduct(g: Context, expr: string): Record<string, unknown> {
  const p = g.rng.chance(0.7) ? smallProduct() : JSON.parse(JSON.stringify(KETTLE));
  const params = (p.parameters ??= {}) as Record<string, unknown>;
  const inventory = p.inventory as Array<Record<string, unknown>>;
  switch (g.rng.int(6)) {
    case 0: params.x = expr; break; // unused: evaluated anyway
    case 1: inventory[0]!.amount = expr; break;
    case 2: params.x = expr; inventory[0]!.amount = `x * 1 kWh`; break;
    case 3: params.x = { value: 1, unit: expr }; break;
    case 4: inventory.push({ stage: 'use', factor: 'cn-mee/electricity-national-2021', amount: `2 kWh * (${expr})` }); break;
    default: Object.assign(params, Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`p${i}`, i ? `p${i - 1} * 2` : expr]))); break;
  }
  return p;
}

const find = (g: Context, method: string, template: string) => g.routes.find((r) => r.method === method && r.template === template)!;

const generators: Array<[string, number, Generator]> = [
  ['valid', 6, (g) => {
    const r = g.rng.pick(g.routes.filter((x) => !(x.method === 'DELETE' && x.template === '/v1/keys/{id}')));
    const json = validBody(r, g.fx, pick(g));
    return request('valid', r, g, json === undefined ? {} : r.template === '/auth/token'
      ? { body: 'grant_type=client_credentials', headers: { 'content-type': 'application/x-www-form-urlencoded' } }
      : { json });
  }],
  ['malformed-json', 5, (g) => request('malformed-json', bodyRoute(g), g, { body: g.rng.pick(BAD_JSON) })],
  ['wrong-types', 9, (g) => {
    const r = bodyRoute(g);
    return request('wrong-types', r, g, { body: mutate(validBody(r, g.fx, pick(g)), g, () => hostileValue(g)) });
  }],
  ['deep-json', 2, (g) => {
    const r = bodyRoute(g);
    const deep = deepJson(g.rng.pick([1001, 10_000, 100_000]), g.rng.pick(['array', 'object'] as const));
    return request('deep-json', r, g, { body: g.rng.chance(0.5) ? deep : `{"product":${deep},"products":[${deep}],"schemaVersion":1,"id":"d","name":"d","functionalUnit":${deep}}` });
  }],
  ['hostile-expression', 12, (g) => {
    const expr = pickFree(g, HOSTILE_EXPRESSIONS);
    const product = hostileProduct(g, expr);
    const target = g.rng.pick(['/v1/calculate', '/v1/calculate', '/v1/batch/calculate', '/v1/products', '/v1/products/{id}', '/v1/whatif/compare',
      '/v1/whatif/sensitivity', '/v1/whatif/uncertainty', '/v1/whatif/suggest', '/v1/reports/cfp']);
    const r = target === '/v1/products/{id}' ? find(g, 'PUT', target) : find(g, 'POST', target);
    const json = target === '/v1/batch/calculate' ? { products: [smallProduct(), product] } : target.startsWith('/v1/whatif') || target === '/v1/reports/cfp' ? { product } : product;
    const c = request('hostile-expression', r, g, { json });
    if (target === '/v1/products/{id}' && !g.fx.created.length) c.path = `/v1/products/${g.fx.productIds[0]}`;
    return { ...c, tag: expr };
  }],
  ['storage-strings', 3, (g) => {
    // Text PostgreSQL cannot store (NUL, lone surrogates) in the fields that become columns, and in filters.
    const text = g.rng.pick(['\u0000', 'a\u0000b', '\ud800', 'a\udfffb', '\u0000'.repeat(10), 'x'.repeat(g.rng.pick([1000, 100_000]))]);
    if (g.rng.chance(0.3)) {
      const r = find(g, 'GET', '/v1/products');
      return { ...request('storage-strings', r, g), path: `/v1/products?productId=${pct(text).slice(0, 30_000)}${g.rng.chance(0.5) ? '&limit=2147483648' : ''}`, tag: undefined };
    }
    const p = smallProduct();
    if (g.rng.chance(0.5)) p.id = text;
    else p.name = text;
    if (g.rng.chance(0.3)) p.description = text;
    const r = g.rng.pick([find(g, 'POST', '/v1/products'), find(g, 'POST', '/v1/products'), find(g, 'PUT', '/v1/products/{id}'), find(g, 'POST', '/v1/calculate')]);
    return request('storage-strings', r, g, { json: p });
  }],
  ['stored-calculate', 3, (g) => {
    const id = g.rng.pick([...g.fx.created.slice(-20), ...g.fx.productIds]);
    const path = g.rng.pick([`/v1/products/${id}/calculate`, `/v1/products/${id}/calculate?version=1`, `/v1/products/${id}/calculate?gwp=AR5`]);
    const stored = g.fx.createdBodies.get(id);
    return { label: 'stored-calculate', route: '/v1/products/{id}/calculate', method: 'POST', path, headers: bearer(g.fx.keys.write), note: stored ? `the product was stored (POST /v1/products) as ${stored}` : 'a fixture product' };
  }],
  ['int4', 2, (g) => {
    // Integers beyond PostgreSQL's int4 (and int8) in paths and queries.
    const n = g.rng.pick(['2147483648', '-2147483649', '9223372036854775808', '99999999999999999999', '2147483647']);
    const id = g.rng.pick(g.fx.productIds);
    const [route, method, path, headers] = g.rng.pick([
      ['/v1/products/{id}/versions/{version}', 'GET', `/v1/products/${id}/versions/${n}`, bearer(g.fx.keys.read)],
      ['/v1/products/{id}/calculate', 'POST', `/v1/products/${id}/calculate?version=${n}`, bearer(g.fx.keys.write)],
      ['/v1/products', 'GET', `/v1/products?limit=${n}`, bearer(g.fx.keys.read)],
      ['/v1/factors', 'GET', `/v1/factors?limit=${n}`, {}],
      ['/3/footprints', 'GET', `/3/footprints?${g.rng.pick(['limit', 'offset'])}=${n}`, bearer(g.fx.pactToken)],
    ] as const);
    return { label: 'int4', route, method, path, headers: { ...headers }, tag: undefined };
  }],
  ['bad-units', 3, (g) => {
    const unit = g.rng.pick(BAD_UNITS);
    const p = smallProduct();
    if (g.rng.chance(0.5)) (p.functionalUnit as Record<string, unknown>).unit = unit;
    else (p.inventory as Array<Record<string, unknown>>)[1]!.amount = `2.5 ${unit}`;
    return { ...request('bad-units', find(g, 'POST', '/v1/calculate'), g, { json: p }), tag: unit };
  }],
  ['content-type', 4, (g) => {
    const r = bodyRoute(g);
    const type = g.rng.pick(CONTENT_TYPES);
    const c = request('content-type', r, g, { json: validBody(r, g.fx, pick(g)) });
    if (type) c.headers['content-type'] = type;
    else delete c.headers['content-type'];
    return c;
  }],
  ['big-body', 1, (g) => {
    const r = bodyRoute(g);
    const which = g.rng.int(3);
    // Over a raw socket: the server may answer 413 and close before reading it all, which fetch reports as an error.
    if (which === 0) return { ...request('big-body', r, g, { body: `{"name":"${'x'.repeat(3 * 1024 * 1024)}"}` }), forceRaw: true };
    if (which === 1) return request('big-body', find(g, 'POST', '/v1/batch/calculate'), g, { json: { products: Array.from({ length: 1001 }, (_, i) => smallProduct(`b${i}`)) } });
    return request('big-body', find(g, 'POST', '/v1/whatif/uncertainty'), g, { json: { product: KETTLE, runs: g.rng.pick([1e6, 1e9, 2147483648, -1, 0.5]) } });
  }],
  ['headers', 4, (g) => {
    const r = g.rng.pick(g.routes);
    const c = request('headers', r, g);
    if (r.method === 'GET' && g.rng.chance(0.25)) c.method = 'HEAD';
    switch (g.rng.int(9)) {
      case 0: c.headers['x-fuzz'] = 'a'.repeat(20 * 1024); break;
      case 1: for (let i = 0; i < 200; i++) c.headers[`x-fuzz-${i}`] = 'b'.repeat(100); break;
      case 2: c.path += (c.path.includes('?') ? '&' : '?') + 'q=' + 'c'.repeat(20 * 1024); break;
      case 3: c.path += '/' + 'd'.repeat(g.rng.pick([200, 10 * 1024])); break;
      case 4: c.headers.authorization = 'Bearer ' + 'e'.repeat(g.rng.pick([1000, 15_000])); break;
      case 5: c.headers['x-fuzz'] = g.rng.pick(['\u00e9\u00e8', '台式', '\u0000', 'a\rb', 'a\nX-Injected: 1']); break;
      case 6: c.headers.accept = g.rng.pick(['application/xml', 'text/html', '*/*;q=abc', 'x'.repeat(5000)]); break;
      case 7: c.headers['accept-encoding'] = g.rng.pick(['gzip;q=2', 'br, zstd, deflate, identity;q=0', '*;q=0', 'x'.repeat(3000)]); break;
      default: c.headers['if-none-match'] = g.rng.pick(IF_MATCH); break;
    }
    return c;
  }],
  ['auth', 6, (g) => {
    const r = routesWith(g, (x) => !!x.security || x.template.startsWith('/3/'));
    const fx = g.fx;
    const c = request('auth', r, g, validBody(r, fx, pick(g)) !== undefined ? { json: validBody(r, fx, pick(g)) } : {});
    const auth = g.rng.pick([undefined, '', 'Bearer', 'Bearer ', `Bearer ${fx.keys.revoked}`, `Bearer ${fx.keys.read}`, `Bearer ${fx.keys.write}`,
      `Bearer ${fx.keys.org2Admin}`, `Bearer ${fx.pactToken}`, `Basic ${Buffer.from('a:b').toString('base64')}`, `bearer ${fx.keys.read}`,
      `Bearer  ${fx.keys.read}`, `Bearer ${fx.keys.read}x`, `Bearer glca_0000000000000000_${'A'.repeat(43)}`, 'Bearer glca_', `Bearer ${'%00'.repeat(10)}`,
      `Bearer ${fx.keys.read} ${fx.keys.read}`, `Bearer \u00e9`, 'Digest username="x"', `Bearer ${'z'.repeat(4096)}`]);
    if (auth === undefined) delete c.headers.authorization;
    else c.headers.authorization = auth;
    return c;
  }],
  ['if-match', 3, (g) => {
    const put = g.rng.chance(0.6);
    const r = find(g, put ? 'PUT' : g.rng.pick(['DELETE', 'GET']), '/v1/products/{id}');
    const header = r.method === 'GET' ? 'if-none-match' : 'if-match';
    const c = request('if-match', r, g, put ? { json: smallProduct() } : {});
    if (put && !g.fx.created.length) c.path = `/v1/products/${g.fx.productIds[0]}`;
    if (g.rng.chance(0.1)) delete c.headers[header];
    else c.headers[header] = g.rng.pick(IF_MATCH);
    return c;
  }],
  ['path-ids', 7, (g) => {
    const r = routesWith(g, (x) => x.params.some((p) => p.in === 'path') && !(x.method === 'DELETE' && x.template === '/v1/keys/{id}'));
    const names = r.params.filter((p) => p.in === 'path');
    const p = g.rng.pick(names);
    const value = p.type === 'integer' && g.rng.chance(0.7) ? g.rng.pick(BAD_INTEGERS) : g.rng.pick(HOSTILE_IDS);
    const json = validBody(r, g.fx, pick(g));
    const c = request('path-ids', r, g, json !== undefined ? { json } : {});
    c.path = fillPath(r, g.fx, pick(g), { [p.name]: /[^\x21-\x7e]/.test(value) ? pct(value) : value });
    return c;
  }],
  ['query', 5, (g) => {
    const r = g.rng.chance(0.8) ? routesWith(g, (x) => x.params.some((p) => p.in === 'query')) : g.rng.pick(g.routes);
    const json = validBody(r, g.fx, pick(g));
    const c = request('query', r, g, json !== undefined ? { json } : {});
    const qs = r.params.filter((p) => p.in === 'query');
    const parts: string[] = [];
    for (let i = 0, n = 1 + g.rng.int(3); i < n; i++) {
      const p = qs.length ? g.rng.pick(qs) : { name: 'x', type: 'string' };
      const v = p.type === 'integer' || g.rng.chance(0.2) ? g.rng.pick(BAD_INTEGERS) : g.rng.chance(0.5) ? pct(g.rng.pick(HOSTILE_STRINGS).slice(0, 5000)) : g.rng.pick(HOSTILE_IDS);
      // Query values travel percent-encoded (a bare space would be malformed HTTP, which raw-http covers).
      const q = /[^\x21-\x7e]/.test(v) ? pct(v) : v;
      parts.push(`${p.name}=${q}`);
    }
    if (g.rng.chance(0.2)) parts.push(parts[0]!);
    c.path += (c.path.includes('?') ? '&' : '?') + parts.join('&');
    return c;
  }],
  ['methods', 6, (g) => {
    const path = g.rng.chance(0.75) ? fillPath(g.rng.pick(g.routes), g.fx, pick(g)) : g.rng.pick(EXTRA_PATHS);
    const method = g.rng.pick(['HEAD', 'HEAD', 'HEAD', 'OPTIONS', 'OPTIONS', 'TRACE', 'TRACE', 'PATCH', 'PUT', 'DELETE', 'POST', 'CONNECT', 'FOO', 'get']);
    const safeDelete = method === 'DELETE' && /^\/v1\/(products|keys)\//.test(path);
    // CONNECT asks for a tunnel: Node closes the connection when the server does not take tunnels.
    return { label: 'methods', route: path, method: safeDelete ? 'HEAD' : method, path, mayClose: method === 'CONNECT', headers: { ...bearer(g.rng.pick([g.fx.keys.read, g.fx.keys.admin])), ...(g.rng.chance(0.3) ? { origin: 'https://evil.example', 'access-control-request-method': 'DELETE' } : {}) } };
  }],
  ['extra-paths', 3, (g) => {
    const path = g.rng.pick(EXTRA_PATHS);
    return { label: 'extra-paths', route: path, method: g.rng.pick(['GET', 'GET', 'HEAD', 'POST']), path, headers: g.rng.chance(0.5) ? bearer(g.fx.keys.read) : {}, forceRaw: true };
  }],
  ['raw-http', 4, (g) => {
    const bytes = g.rng.pick(RAW_REQUESTS)(g);
    return { label: 'raw-http', route: '(raw)', method: bytes.subarray(0, 12).toString('latin1').split(' ')[0]!.slice(0, 10), path: '(raw)', headers: {}, raw: bytes, mayClose: true };
  }],
  ['pact', 5, (g) => {
    const fx = g.fx;
    const which = g.rng.int(4);
    if (which === 0) {
      const creds = g.rng.pick([`${fx.readKeyId}:${fx.keys.read}`, `${fx.readKeyId}:wrong`, 'nocolon', ':', '%ZZ:%ZZ', `${'\u00e9'}:x`, `${fx.readKeyId}:${fx.keys.revoked}`, `x:${'y'.repeat(5000)}`, '\u0000:\u0000']);
      const auth = g.rng.pick([`Basic ${Buffer.from(creds).toString('base64')}`, `Basic ${Buffer.from(creds).toString('base64')}!`, 'Basic', `Bearer ${fx.keys.read}`, '']);
      const body = g.rng.pick(['grant_type=client_credentials', 'grant_type=password', 'grant_type=%ZZ', '', 'grant_type=' + 'x'.repeat(10_000), '{"grant_type":"client_credentials"}', '\u0000', 'a=1&a=2&grant_type']);
      const type = g.rng.pick(['application/x-www-form-urlencoded', 'application/json', 'text/plain', 'application/x-www-form-urlencoded; charset=utf-16']);
      return { label: 'pact', route: '/auth/token', method: 'POST', path: '/auth/token', headers: { authorization: auth, 'content-type': type }, body };
    }
    if (which === 1) {
      const q = g.rng.pick(['limit=2147483648', 'limit=0', 'limit=-1', 'offset=2147483648', 'offset=9999999999999', 'productId=%00', 'productId=' + 'u'.repeat(5000),
        'geography=%00', 'validOn=not-a-date', 'validAfter=99999-01-01', 'status=x', '$filter=' + encodeURIComponent("productIds/any(p: p eq 'urn:x')"), 'classification=%ZZ', 'limit=1&limit=2']);
      return { label: 'pact', route: '/3/footprints', method: 'GET', path: `/3/footprints?${q}`, headers: bearer(fx.pactToken) };
    }
    if (which === 2) {
      const id = g.rng.pick([...HOSTILE_IDS, fx.footprintId, '2147483648']);
      return { label: 'pact', route: '/3/footprints/{id}', method: 'GET', path: `/3/footprints/${id}`, headers: bearer(g.rng.pick([fx.pactToken, fx.keys.read, 'x'])) };
    }
    const r = find(g, 'POST', '/3/events');
    const body = g.rng.chance(0.5) ? mutate(validBody(r, fx, pick(g)), g, () => hostileValue(g)) : g.rng.pick(BAD_JSON);
    return { label: 'pact', route: '/3/events', method: 'POST', path: '/3/events', headers: { ...bearer(fx.pactToken), 'content-type': g.rng.pick(['application/cloudevents+json', 'application/json', 'text/plain']) }, body };
  }],
  ['bom', 3, (g) => {
    const csv = g.rng.pick(BOM_CSVS)();
    const r = find(g, 'POST', '/v1/imports/bom');
    if (g.rng.chance(0.6)) {
      const charset = g.rng.pick(['', '; charset=gb18030', '; charset=utf-8', '; charset=nonsense', '; charset=utf-16']);
      const q = g.rng.pick(['', '?partNumber=Part%20Number&quantity=Quantity', '?massUnit=furlong', '?delimiter=%00', '?level=%00&parent=%00', '?productName=' + 'n'.repeat(3000)]);
      const c = request('bom', r, g, { body: typeof csv === 'string' ? Buffer.from(csv) : csv, headers: { 'content-type': g.rng.pick(['text/csv', 'text/plain']) + charset } });
      c.path += q;
      return c;
    }
    return request('bom', r, g, { body: mutate({ csv: typeof csv === 'string' ? csv : csv.toString('latin1'), mapping: { columns: { partNumber: 'Part Number' }, massUnit: 'g', delimiter: ',' } }, g, () => hostileValue(g)) });
  }],
];

const RAW_REQUESTS: Array<(g: Context) => Buffer> = [
  () => Buffer.from('GARBAGE\r\n\r\n'),
  () => Buffer.from('GET / HTTP/9.9\r\nHost: x\r\n\r\n'),
  () => Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'),
  () => Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nX: a\u0000b\r\n\r\n'),
  () => Buffer.from('GET /health\u0000 HTTP/1.1\r\nHost: x\r\n\r\n'),
  () => Buffer.from('GET /v1/products/%00 HTTP/1.1\r\nHost: x\r\n\r\n'),
  () => Buffer.from('POST /v1/calculate HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}{}{}'),
  () => Buffer.from('POST /v1/calculate HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'),
  () => Buffer.from('POST /v1/calculate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n'),
  () => Buffer.from('POST /v1/calculate HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n'),
  () => Buffer.from('POST /v1/calculate HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n'),
  () => Buffer.from('GET /health HTTP/1.1\nHost: x\n\n'),
  () => Buffer.from('GET /health HTTP/1.1\r\n Host: x\r\n\r\n'),
  () => Buffer.from('GET http://evil.example/health HTTP/1.1\r\nHost: evil.example\r\n\r\n'),
  () => Buffer.from('GET * HTTP/1.1\r\nHost: x\r\n\r\n'),
  () => Buffer.from('OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n'),
  () => Buffer.from('GET /health HTTP/1.0\r\n\r\n'),
  () => Buffer.from('GET /health\r\n\r\n'),
  () => Buffer.from(`${'A'.repeat(20_000)} / HTTP/1.1\r\nHost: x\r\n\r\n`),
  () => Buffer.from(`GET /${'a'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`),
  () => Buffer.from(`GET /health HTTP/1.1\r\nHost: x\r\n${'X-A: b\r\n'.repeat(3000)}\r\n`),
  () => Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nX: \u00ff\u00fe\r\n\r\n', 'latin1'),
  () => Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n'),
  () => Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
  () => Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]),
  () => Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n'),
  () => Buffer.from('GET /health HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n'),
  () => Buffer.from('POST /v1/calculate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}GET /health HTTP/1.1\r\nHost: x\r\n\r\n'),
  (g) => Buffer.from(`GET /v1/products/${g.rng.pick(['../../etc/passwd', '..%2f..%2f', '%2e%2e/%2e%2e', '\u00e9', '%', 'a b'])} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${g.fx.keys.read}\r\n\r\n`),
  (g) => Buffer.from(`PUT /v1/products/${g.fx.productIds[0]} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${g.fx.keys.write}\r\nIf-Match: "1"\r\nIf-Match: "2"\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`),
];

const BOM_CSVS: Array<() => string | Buffer> = [
  () => BOM_CSV,
  () => '',
  () => 'Part Number\n',
  () => 'Level,Part Number,Quantity,Material,Mass\n' + Array.from({ length: 150 }, (_, i) => `${i},P${i},1,desnz-2025/material-metal-steel-cans-primary,1 kg`).join('\n'),
  () => 'Parent,Part Number,Quantity\n' + Array.from({ length: 40 }, (_, i) => `P${i},P${i + 1},1\nP${i},P${i + 1},1`).join('\n'),
  () => 'Level,Part Number,Quantity,Mass\n0,A,1e309,1e309 kg\n1,B,-1,NaN\n1,C,2147483648,9'.padEnd(5000, '9') + ' kg',
  () => 'Level,Part Number,Quantity\n0,"unterminated,1\n1,B,1',
  () => 'Level,Part Number,Quantity,Material\n0,=cmd|/c calc!A1,1,\u0000\n1,B\u0000,1,x',
  () => Array.from({ length: 2000 }, (_, i) => `c${i}`).join(',') + '\n' + '1,'.repeat(1999) + '1',
  () => 'Level,Part Number,Quantity\n0,A,1\n1,' + 'B'.repeat(200_000) + ',1',
  () => Buffer.from([0x4c, 0x65, 0x76, 0x65, 0x6c, 0x2c, 0x50, 0x4e, 0x0a, 0x81, 0x30, 0xff, 0xfe, 0x2c, 0x80, 0x0a]),
  () => '层级,料号,名称,数量,材料,重量\n0,P-1,风扇,1,,\n1,P-2,叶片,3,desnz-2025/material-plastics-pp-incl-forming-primary,200 克',
  () => 'Level,Part Number,Quantity,Mass\n0,A,1,1 kg^1e9\n1,B,zeros(100000,100000),1 kg',
];

const TOTAL = generators.reduce((s, [, w]) => s + w, 0);
export const GENERATOR_NAMES = generators.map(([n]) => n);

export function generate(g: Context): Case {
  let roll = g.rng.int(TOTAL);
  for (const [, w, gen] of generators) {
    if (roll < w) return gen(g);
    roll -= w;
  }
  throw new Error('unreachable');
}

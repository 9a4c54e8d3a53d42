/**
 * The routes to fuzz: every operation in the server's own OpenAPI document (/docs/json), plus the ones
 * it does not describe (the docs pages, the static UI, unknown paths). Each route knows how to fill
 * its path parameters and what a valid body looks like, from the fixtures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './server.js';
import type { Fixtures } from './fixtures.js';

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header';
  type?: string;
}

export interface Route {
  method: string;
  /** OpenAPI template: `/v1/products/{id}`. */
  template: string;
  params: Param[];
  /** Content types of the request body, when it takes one. */
  bodyTypes: string[];
  /** The security scheme (apiKey, pactToken) or undefined for public routes. */
  security?: string;
}

interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: Param['in']; schema?: { type?: string } }>; requestBody?: { content: Record<string, unknown> }; security?: Array<Record<string, string[]>> }>>;
}

/** Paths the OpenAPI document does not list but the server (or its absence of a route) answers. */
export const EXTRA_PATHS: readonly string[] = [
  '/', '/index.html', '/favicon.ico', '/assets/index.js', '/assets/../../package.json', '/docs', '/docs/', '/docs/json', '/docs/yaml',
  '/docs/static/index.html', '/docs/static/../../../package.json', '/docs/static/%2e%2e/%2e%2e/package.json', '/v1', '/v1/', '/v2/products', '/3',
  '/3/', '/3/unknown', '/3/footprints/', '/auth', '/auth/', '/auth/token/', '/auth/unknown', '/.well-known/', '/.well-known/unknown', '/.env',
  '/server/src/main.ts', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/v1/products/../../../../etc/passwd', '//', '/%00', '/*',
];

export function routesFrom(doc: OpenApi): Route[] {
  const routes: Route[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      routes.push({
        method: method.toUpperCase(),
        template,
        params: (op.parameters ?? []).map((p) => ({ name: p.name, in: p.in, type: p.schema?.type })),
        bodyTypes: Object.keys(op.requestBody?.content ?? {}),
        security: op.security?.[0] ? Object.keys(op.security[0])[0] : undefined,
      });
    }
  }
  return routes;
}

/** Templates that are paths in the PACT (`/3/`) or OAuth (`/auth/`) families. */
export const family = (path: string): 'pact' | 'oauth' | 'wellknown' | 'problem' =>
  path.startsWith('/3/') ? 'pact' : path.startsWith('/auth/') ? 'oauth' : path.startsWith('/.well-known/') ? 'wellknown' : 'problem';

/** A valid value for a path parameter of a route. */
export function pathValue(template: string, name: string, fx: Fixtures, pick: <T>(xs: readonly T[]) => T): string {
  if (template.startsWith('/v1/products/')) {
    if (name === 'version') return '1';
    return pick([...fx.productIds, ...fx.productIds, fx.org2ProductId, ...fx.created.slice(-5)]);
  }
  if (template.startsWith('/v1/results/')) return pick([fx.resultId, fx.resultId, fx.org2ResultId]);
  if (template.startsWith('/v1/datasets/')) return pick(['cn-mee', 'desnz-2025', 'ipcc-gwp']);
  if (template.startsWith('/v1/factors/')) return name === 'dataset' ? 'cn-mee' : 'electricity-national-2021';
  if (template.startsWith('/v1/specifications/')) return pick(fx.specificationIds.length ? fx.specificationIds : ['none']);
  if (template.startsWith('/3/footprints/')) return pick([fx.footprintId, fx.footprintId, '00000000-0000-4000-8000-000000000000']);
  if (template.startsWith('/v1/reports/')) return pick([fx.reportId ?? '00000000-0000-4000-8000-000000000000', '00000000-0000-4000-8000-000000000000']);
  if (template.startsWith('/v1/keys/')) return pick(fx.createdKeyIds.length ? fx.createdKeyIds : ['0123456789abcdef']);
  return 'x';
}

export function fillPath(route: Route, fx: Fixtures, pick: <T>(xs: readonly T[]) => T, override?: Record<string, string>): string {
  return route.template.replace(/\{([^}]+)\}/g, (_, name: string) => override?.[name] ?? encodeURIComponent(pathValue(route.template, name, fx, pick)));
}

const example = (name: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, 'examples', name), 'utf8'));
export const KETTLE = example('electric-kettle.json');
export const KETTLE_SCENARIOS = example('electric-kettle-scenarios.json');
export const KETTLE_EVALUATION = example('electric-kettle-evaluation.json');

/** A small valid product with parameters and expression amounts (where hostile expressions go). */
export function smallProduct(id = 'fuzz-product'): Record<string, unknown> {
  return {
    schemaVersion: 1, id, name: 'Fuzz product', functionalUnit: { amount: 1, unit: 'item' }, region: 'CN',
    parameters: { years: 8, power: { value: 0.045, unit: 'kW' }, hours: '4 h' },
    inventory: [
      { stage: 'use', factor: 'cn-mee/electricity-national-2021', amount: 'power * hours * 365 * years' },
      { stage: 'manufacture', factor: 'cn-mee/electricity-national-2021', amount: '2.5 kWh' },
    ],
  };
}

export const BOM_CSV = 'Level,Part Number,Name,Quantity,Material,Mass\n0,P-1,Fan,1,,\n1,P-2,Blade,3,desnz-2025/material-plastics-pp-incl-forming-primary,0.2 kg\n1,P-3,Motor,1,desnz-2025/material-metal-steel-cans-primary,0.8 kg\n';

/** A valid JSON body for a route (what the mutators start from). */
export function validBody(route: Route, fx: Fixtures, pick: <T>(xs: readonly T[]) => T): unknown {
  if (!route.bodyTypes.length) return undefined;
  const product = () => pick([smallProduct(), KETTLE, smallProduct('p-' + fx.created.length)]);
  switch (route.template) {
    case '/v1/calculate': case '/v1/products': case '/v1/products/{id}':
      return product();
    case '/v1/batch/calculate': return { products: [smallProduct('a'), KETTLE, smallProduct('b')] };
    case '/v1/whatif/compare': case '/v1/whatif/uncertainty':
      return route.template.endsWith('uncertainty') ? { product: KETTLE_SCENARIOS, runs: 50, seed: 1 } : { product: KETTLE_SCENARIOS };
    case '/v1/whatif/sensitivity': return { product: KETTLE, percent: 10 };
    case '/v1/whatif/suggest': return { product: KETTLE };
    case '/v1/evaluations': return KETTLE_EVALUATION;
    case '/v1/reports/cfp': return { product: smallProduct() };
    case '/v1/reports/ecodesign': return { request: KETTLE_EVALUATION };
    case '/v1/products/{id}/footprints': return { resultId: fx.resultId, company: { name: 'Fuzz Co', ids: ['urn:fuzz:company'] }, productIds: ['urn:fuzz:product'] };
    case '/auth/token': return { grant_type: 'client_credentials' };
    case '/3/events': return { type: 'org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3', specversion: '1.0', id: 'e-1', source: 'https://fuzz.example', time: '2026-01-01T00:00:00Z', data: { productId: ['urn:fuzz:product'] } };
    // A partner on loopback where nothing listens (the discard port): answers to its requests go nowhere else.
    case '/v1/pact/partners': return { name: 'Fuzz partner', baseUrl: 'http://127.0.0.1:9', clientId: 'fuzz', clientSecret: 'fuzz-secret' };
    case '/v1/imports/bom': return { csv: BOM_CSV };
    case '/v1/keys': return { name: 'fuzz key', scopes: [pick(['read', 'write', 'admin'])] };
    case '/v1/organizations': return { name: 'Fuzz org ' + fx.created.length };
    // Small jobs: a two-product batch, a recalculation or a report of the products with one model id, a
    // fetch from the fixture partner (on loopback, which the fuzzed server may not call: its item fails with a coded problem).
    case '/v1/jobs': return pick([
      { kind: 'batch', products: [smallProduct('j'), KETTLE] }, { kind: 'recalculate', filter: { productIds: [String(KETTLE.id)] } },
      { kind: 'report', report: pick(['cfp', 'lca']), formats: [pick(['json', 'html'])], analyses: { runs: 0 }, filter: { productIds: [String(KETTLE.id)] } },
      { kind: 'pact-fetch', requests: [{ partnerId: fx.partnerId, productIds: ['urn:fuzz:product'] }] },
    ]);
    default: return undefined;
  }
}

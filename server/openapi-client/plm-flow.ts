/**
 * A PLM integration as a third party would write it: only `openapi-fetch` and the types openapi-typescript
 * generates from the server's /docs/json (generated/greenlca-api.d.ts, made by the test). Nothing of the
 * server's own code is imported, so this file type-checks only if the document types every step.
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/greenlca-api.js';

export type Product = components['schemas']['Product'];

export interface FlowOutcome {
  calculatedKgCO2e: number;
  created: { status: number; etag: string | null; location: string | null; version: number };
  stored: { status: number; location: string | null; totalKgCO2e: number };
  fetchedKgCO2e: number;
  batch: { ok: number; failed: number; problemCode: string | undefined; problemPointer: string | undefined };
  update: { status: number; version: number | undefined };
  stalePut: { status: number; code: string | undefined };
  pdf: { status: number; contentType: string | null; head: string };
  report: { kind: string; totalKgCO2e: number; lines: number; firstCitation: string | undefined; dataQuality: string | undefined };
  olca: { status: number; contentType: string | null; head: string };
}

/** Calculate, store, recalculate stored, fetch, batch, a stale PUT, and the PDF report of the stored result. */
export async function plmFlow(baseUrl: string, apiKey: string, product: Product, broken: Product): Promise<FlowOutcome> {
  const api = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${apiKey}` } });

  const calculated = await api.POST('/v1/calculate', { body: product, params: { query: { view: 'summary' } } });
  if (!calculated.data) throw new Error(`calculate: ${calculated.response.status}`);

  const created = await api.POST('/v1/products', { body: product, params: { header: { 'idempotency-key': 'plm-flow-create-1' } } });
  if (!created.data) throw new Error(`create: ${created.response.status}`);
  const id = created.data.id;

  const stored = await api.POST('/v1/products/{id}/calculate', { params: { path: { id } } });
  if (!stored.data) throw new Error(`recalculate: ${stored.response.status}`);

  const fetched = await api.GET('/v1/results/{id}', { params: { path: { id: stored.data.id } } });
  if (!fetched.data) throw new Error(`fetch result: ${fetched.response.status}`);

  const batch = await api.POST('/v1/batch/calculate', { body: { products: [product, broken] } });
  if (!batch.data) throw new Error(`batch: ${batch.response.status}`);
  const failed = batch.data.items.find((item) => !item.ok);
  const problem = failed && !failed.ok ? failed.problem : undefined;

  const etag = created.response.headers.get('etag') ?? '';
  const update = await api.PUT('/v1/products/{id}', { params: { path: { id }, header: { 'if-match': etag } }, body: { ...product, name: `${product.name} (rev. B)` } });
  // The same If-Match again: the product has moved on to version 2.
  const stale = await api.PUT('/v1/products/{id}', { params: { path: { id }, header: { 'if-match': etag } }, body: product });

  // The JSON report is typed down to its figures: its data model is the CFP report's (kind "cfp").
  const report = await api.GET('/v1/results/{id}/report', { params: { path: { id: stored.data.id }, query: { format: 'json', lang: 'en' } } });
  if (!report.data || typeof report.data === 'string') throw new Error(`report: ${report.response.status}`);
  const figures = report.data.data;

  // The stored product as an openLCA JSON-LD package: a zip, as binary.
  const olca = await api.GET('/v1/products/{id}/olca', { params: { path: { id } }, parseAs: 'arrayBuffer' });
  const zip = olca.data instanceof ArrayBuffer ? new Uint8Array(olca.data) : new Uint8Array();

  const pdf = await api.GET('/v1/results/{id}/report', { params: { path: { id: stored.data.id }, query: { format: 'pdf', lang: 'en' } }, parseAs: 'arrayBuffer' });
  const bytes = pdf.data instanceof ArrayBuffer ? new Uint8Array(pdf.data) : new Uint8Array();

  return {
    calculatedKgCO2e: calculated.data.total.kgCO2e,
    created: { status: created.response.status, etag: created.response.headers.get('etag'), location: created.response.headers.get('location'), version: created.data.version },
    stored: { status: stored.response.status, location: stored.response.headers.get('location'), totalKgCO2e: stored.data.result.total.kgCO2e },
    fetchedKgCO2e: fetched.data.result.total.kgCO2e,
    batch: { ok: batch.data.summary.ok, failed: batch.data.summary.failed, problemCode: problem?.code, problemPointer: problem?.errors?.[0]?.pointer },
    update: { status: update.response.status, version: update.data?.version },
    stalePut: { status: stale.response.status, code: stale.error?.code },
    pdf: { status: pdf.response.status, contentType: pdf.response.headers.get('content-type'), head: new TextDecoder().decode(bytes.subarray(0, 5)) },
    report: {
      kind: report.data.kind, totalKgCO2e: figures.total.kgCO2e, lines: figures.lines.length,
      firstCitation: figures.citations[0]?.citation, dataQuality: figures.dataQuality.technologicalDQR,
    },
    olca: { status: olca.response.status, contentType: olca.response.headers.get('content-type'), head: new TextDecoder().decode(zip.subarray(0, 2)) },
  };
}

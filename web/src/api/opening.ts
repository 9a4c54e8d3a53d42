/**
 * @module api/opening — a page opened on a stored product (`#/products/<id>`, with a key stored) asks
 * for the product and its current result from an inline script in index.html, before the app's code
 * has even been requested: both requests run side by side and overlap loading that code. The app takes
 * them over here when it opens that product (lca-app, WorkspaceController): one request of each.
 */
import type { CalculationResult, Product } from '@greenlca/schema';
import { ApiClient, type ProductRecord, type ReadAnswer } from './client.js';

/** The product requested for the page's address, and its result from the server (if it has lines). */
export interface Opening {
  id: string;
  record: Promise<ProductRecord>;
  /** Undefined when the product has nothing to calculate (the engine would say EMPTY_PRODUCT). */
  result: Promise<CalculationResult | undefined>;
}

/** An answer as index.html's script reads it: its body is parsed as it arrives, while the app's code still loads. */
export interface StartedAnswer extends ReadAnswer {
  /** The `x-greenlca-product-version` header (null without it). */
  version: string | null;
}

/** What index.html's script leaves on `window`: the two requests as it started them. */
export interface StartedOpening {
  id: string;
  record: Promise<StartedAnswer>;
  result: Promise<StartedAnswer>;
}

/** The name of index.html's hand-over on `window`. */
export const STARTED = 'greenlcaOpening';
/** The header `GET /v1/products/{id}/result` names the version its result is for with. */
export const RESULT_VERSION_HEADER = 'x-greenlca-product-version';

/** The stored product's id in a `#/products/<id>` address. */
export function productIdOf(hash: string): string | undefined {
  return /^#\/products\/([0-9a-f-]{36})$/i.exec(hash)?.[1];
}

/** True if the product has anything to calculate: a new, empty product need not be sent to the server. */
export function hasLines(product: Product): boolean {
  return !!(product.components?.length || product.inventory?.length || product.processes?.length);
}

/**
 * The opening index.html started for this product, handed over once (a later open asks again). The
 * result is the current version's; should the product have moved on between the two requests, the
 * product as read is calculated instead, so the result is always the product's shown.
 */
export function takeOpening(id: string, api: ApiClient = new ApiClient()): Opening | undefined {
  const scope = globalThis as { [STARTED]?: StartedOpening };
  const started = scope[STARTED];
  delete scope[STARTED];
  if (started?.id !== id) return undefined;
  const record = started.record.then((answer) => ApiClient.answer<ProductRecord>(answer));
  const result = record.then(async (r) => {
    if (!hasLines(r.product)) return undefined;
    const answer = await started.result;
    if (answer.status === 200 && answer.version !== String(r.version)) return api.calculate(r.product);
    return ApiClient.answer<CalculationResult>(answer);
  });
  // Failures are the app's to show; until it looks at them they are not unhandled.
  result.catch(() => undefined);
  return { id, record, result };
}

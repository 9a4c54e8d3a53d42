/**
 * @module api/opening — a page opened on a stored product (`#/products/<id>`, with a key stored) asks
 * the server for the product, and then for its result, as the page starts (main.ts): both round trips
 * then overlap fetching and parsing the app's code instead of following it. The app takes them over
 * when it opens that product (lca-app, WorkspaceController): one request of each, as before.
 */
import type { CalculationResult, Product } from '@greenlca/schema';
import { ApiClient, type ProductRecord } from './client.js';

/** The product requested for the page's address, and its result from the server (if it has lines). */
export interface Opening {
  id: string;
  record: Promise<ProductRecord>;
  /** Undefined when the product has nothing to calculate (the engine would say EMPTY_PRODUCT). */
  result: Promise<CalculationResult | undefined>;
}

let pending: Opening | undefined;

/** The stored product's id in a `#/products/<id>` address. */
export function productIdOf(hash: string): string | undefined {
  return /^#\/products\/([0-9a-f-]{36})$/i.exec(hash)?.[1];
}

/** True if the product has anything to calculate: a new, empty product need not be sent to the server. */
export function hasLines(product: Product): boolean {
  return !!(product.components?.length || product.inventory?.length || product.processes?.length);
}

/** Request the product at the page's address and its result, if there is a key to ask with. */
export function startOpening(api: ApiClient = new ApiClient()): void {
  const id = productIdOf(location.hash);
  if (!id || !api.hasKey) return;
  const record = api.getProduct(id);
  const result = record.then((r) => (hasLines(r.product) ? api.calculate(r.product) : undefined));
  // Failures are the app's to show when it takes these over; until then they are not unhandled.
  record.catch(() => undefined);
  result.catch(() => undefined);
  pending = { id, record, result };
}

/** The opening started for this product, handed over once (a later open asks again). */
export function takeOpening(id: string): Opening | undefined {
  const opening = pending;
  pending = undefined;
  return opening?.id === id ? opening : undefined;
}

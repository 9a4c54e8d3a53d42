import { readFileSync } from 'node:fs';
import type { CalculationResult, Product } from '@greenlca/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, type ProductRecord } from './client.js';
import { hasLines, productIdOf, RESULT_VERSION_HEADER, STARTED, takeOpening } from './opening.js';

const ID = '0b6f1e7a-1d2c-4c4f-9a51-8f1a2b3c4d5e';
const KEY = 'glca_test_key';
const lined: Product = { schemaVersion: 1, id: 'p', name: 'P', functionalUnit: { amount: 1, unit: 'item' }, inventory: [{ stage: 'use', factor: 'x/y', amount: '1 kWh' }] };
const empty: Product = { schemaVersion: 1, id: 'e', name: 'E', functionalUnit: { amount: 1, unit: 'item' } };

/** index.html's inline script, as the page runs it. */
const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');
const inline = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;

interface Server {
  product: Product;
  /** The version the product GET answers, and the one the result GET says it is for. */
  version: number;
  resultVersion?: number;
  resultStatus?: number;
}

/** Run index.html's script on an address with (or without) a stored key against an in-memory server; returns the requests it made. */
function runPageScript(hash: string, key: string, server: Server): { url: string; authorization: string | null }[] {
  const requests: { url: string; authorization: string | null }[] = [];
  const record: ProductRecord = { id: ID, version: server.version, productId: server.product.id, name: server.product.name, inputHash: 'h', createdAt: '', updatedAt: '', product: server.product };
  const fetch = async (url: string, init: RequestInit) => {
    requests.push({ url, authorization: new Headers(init.headers).get('authorization') });
    if (url.endsWith('/result')) {
      const status = server.resultStatus ?? 200;
      const body = status === 200 ? { total: { kgCO2e: 42 } } : { code: 'GLCA_INPUT_INVALID', detail: 'cannot be calculated', errors: [{ pointer: '/inventory/0/factor', code: 'UNKNOWN_FACTOR', detail: 'no such factor' }] };
      return new Response(JSON.stringify(body), { status, headers: { [RESULT_VERSION_HEADER]: String(server.resultVersion ?? server.version) } });
    }
    return new Response(JSON.stringify(record), { status: 200 });
  };
  const storage = { getItem: (name: string) => (name === 'greenlca.apiKey' ? key : null) };
  vi.stubGlobal('location', { hash });
  new Function('window', 'location', 'localStorage', 'fetch', 'performance', inline)(globalThis, { hash }, storage, fetch, { mark: () => undefined });
  return requests;
}

/** A client whose own requests are counted: only a product that moved on is sent to be calculated. */
function client() {
  const calculated: Product[] = [];
  const api = new ApiClient(KEY);
  vi.spyOn(api, 'calculate').mockImplementation(async (p: Product) => (calculated.push(p), { total: { kgCO2e: 7 } } as CalculationResult));
  return { api, calculated };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[STARTED];
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('opening a stored product as the page starts', () => {
  it('reads the id from #/products/<id> only', () => {
    expect(productIdOf(`#/products/${ID}`)).toBe(ID);
    expect(productIdOf(`#/products/${ID}/x`)).toBeUndefined();
    expect(productIdOf('#/products/not-an-id')).toBeUndefined();
    expect(productIdOf('')).toBeUndefined();
  });

  it('asks for the product and its result side by side with the stored key, and hands them over once, for that id only', async () => {
    const requests = runPageScript(`#/products/${ID}`, KEY, { product: lined, version: 3 });
    expect(requests).toEqual([
      { url: `/v1/products/${ID}`, authorization: `Bearer ${KEY}` },
      { url: `/v1/products/${ID}/result`, authorization: `Bearer ${KEY}` },
    ]);
    const { api, calculated } = client();
    expect(takeOpening('another-id', api)).toBeUndefined(); // another product's open does not take it…
    runPageScript(`#/products/${ID}`, KEY, { product: lined, version: 3 });
    const opening = takeOpening(ID, api)!;
    expect((await opening.record).product).toEqual(lined);
    expect((await opening.result)?.total.kgCO2e).toBe(42);
    expect(calculated).toEqual([]);
    expect(takeOpening(ID, api)).toBeUndefined(); // …and it is handed over once: a later open asks again
  });

  it('calculates the product as read when it moved on between the two requests', async () => {
    runPageScript(`#/products/${ID}`, KEY, { product: lined, version: 4, resultVersion: 5 });
    const { api, calculated } = client();
    const opening = takeOpening(ID, api)!;
    expect((await opening.result)?.total.kgCO2e).toBe(7);
    expect(calculated).toEqual([lined]);
  });

  it('passes on the server\'s problems with the result, and has no result for an empty product', async () => {
    runPageScript(`#/products/${ID}`, KEY, { product: lined, version: 1, resultStatus: 422 });
    const refused = takeOpening(ID, client().api)!;
    const error = await refused.result.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).errors[0]).toMatchObject({ pointer: '/inventory/0/factor', code: 'UNKNOWN_FACTOR' });

    runPageScript(`#/products/${ID}`, KEY, { product: empty, version: 1, resultStatus: 422 });
    const { api, calculated } = client();
    expect(await takeOpening(ID, api)!.result).toBeUndefined();
    expect(calculated).toEqual([]);
    expect(hasLines(empty)).toBe(false);
    expect(hasLines(lined)).toBe(true);
  });

  it('asks for nothing without a key or a product address', () => {
    expect(runPageScript(`#/products/${ID}`, '', { product: lined, version: 1 })).toEqual([]);
    expect(takeOpening(ID, client().api)).toBeUndefined();
    expect(runPageScript('#/products', KEY, { product: lined, version: 1 })).toEqual([]);
    expect(takeOpening(ID, client().api)).toBeUndefined();
  });
});

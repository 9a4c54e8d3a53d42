import type { CalculationResult, Product } from '@greenlca/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiClient, ProductRecord } from './client.js';
import { hasLines, productIdOf, startOpening, takeOpening } from './opening.js';

const ID = '0b6f1e7a-1d2c-4c4f-9a51-8f1a2b3c4d5e';
const lined: Product = { schemaVersion: 1, id: 'p', name: 'P', functionalUnit: { amount: 1, unit: 'item' }, inventory: [{ stage: 'use', factor: 'x/y', amount: '1 kWh' }] };
const empty: Product = { schemaVersion: 1, id: 'e', name: 'E', functionalUnit: { amount: 1, unit: 'item' } };

/** A client that answers from memory and counts what it was asked. */
function fakeApi(product: Product, hasKey = true) {
  const calls = { getProduct: [] as string[], calculate: [] as Product[] };
  const record: ProductRecord = { id: ID, version: 3, productId: product.id, name: product.name, inputHash: 'h', createdAt: '', updatedAt: '', product };
  const result = { total: { kgCO2e: 42 } } as CalculationResult;
  const api = {
    hasKey,
    getProduct: async (id: string) => (calls.getProduct.push(id), record),
    calculate: async (p: Product) => (calls.calculate.push(p), result),
  } as unknown as ApiClient;
  return { api, calls, record, result };
}

afterEach(() => {
  takeOpening('');
  vi.unstubAllGlobals();
});

describe('opening a stored product as the page starts', () => {
  it('reads the id from #/products/<id> only', () => {
    expect(productIdOf(`#/products/${ID}`)).toBe(ID);
    expect(productIdOf(`#/products/${ID}/x`)).toBeUndefined();
    expect(productIdOf('#/products/not-an-id')).toBeUndefined();
    expect(productIdOf('')).toBeUndefined();
  });

  it('asks for the product, then its result for that very product, once; hands them over once, for that id only', async () => {
    vi.stubGlobal('location', { hash: `#/products/${ID}` });
    const { api, calls, record, result } = fakeApi(lined);
    startOpening(api);
    const opening = takeOpening(ID)!;
    expect(await opening.record).toBe(record);
    expect(await opening.result).toBe(result);
    expect(calls.getProduct).toEqual([ID]);
    expect(calls.calculate).toEqual([lined]);
    expect(calls.calculate[0]).toBe(record.product);
    expect(takeOpening(ID)).toBeUndefined(); // handed over once: a later open asks again

    startOpening(api);
    expect(takeOpening('another-id')).toBeUndefined(); // another product's open does not take it
    expect(takeOpening(ID)).toBeUndefined(); // and the opening is spent
  });

  it('does not ask the server to calculate an empty product, nor anything without a key or a product address', async () => {
    vi.stubGlobal('location', { hash: `#/products/${ID}` });
    const emptyOne = fakeApi(empty);
    startOpening(emptyOne.api);
    expect(await takeOpening(ID)!.result).toBeUndefined();
    expect(emptyOne.calls.calculate).toEqual([]);
    expect(hasLines(empty)).toBe(false);
    expect(hasLines(lined)).toBe(true);

    const noKey = fakeApi(lined, false);
    startOpening(noKey.api);
    expect(takeOpening(ID)).toBeUndefined();
    vi.stubGlobal('location', { hash: '#/products' });
    const list = fakeApi(lined);
    startOpening(list.api);
    expect(takeOpening(ID)).toBeUndefined();
    expect([...noKey.calls.getProduct, ...list.calls.getProduct]).toEqual([]);
  });
});

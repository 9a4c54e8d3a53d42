import type { CalculationResult, Product } from '@greenlca/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FullCalculation, type FullRequest, type FullResponse } from './full-calc.js';

/** A stand-in for the engine worker: records what the page posts and answers when told. */
class FakeWorker {
  static last: FakeWorker | undefined;
  posted: FullRequest[] = [];
  onmessage: ((e: MessageEvent<FullResponse>) => void) | null = null;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(m: FullRequest): void {
    this.posted.push(m);
  }
  answer(m: FullResponse): void {
    this.onmessage?.({ data: m } as MessageEvent<FullResponse>);
  }
  terminate(): void {}
}

const product = (name: string) => ({ schemaVersion: 1, id: name, name, functionalUnit: { amount: 1, unit: 'item' } }) as Product;
const result = {} as CalculationResult;

describe('full calculation in the worker', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names the chosen method in each request, and hands back only the answer to the latest', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const got: [FullResponse, Product][] = [];
    const full = new FullCalculation((r, p) => got.push([r, p]));
    const a = product('a');
    full.schedule(1, a, true);
    full.method = 'ef-3.1';
    // The same product revision asked again with a method: two requests, told apart.
    full.schedule(1, a, true);
    const w = FakeWorker.last!;
    expect(w.posted.map((m) => m.method)).toEqual([undefined, 'ef-3.1']);
    expect(w.posted[0]!.revision).not.toBe(w.posted[1]!.revision);
    // The first (climate-only) answer arrives late: dropped; the one with the method is taken.
    w.answer({ revision: w.posted[1]!.revision, method: 'ef-3.1', result, ms: 1 });
    w.answer({ revision: w.posted[0]!.revision, result, ms: 1 });
    expect(got).toHaveLength(1);
    expect(got[0]![0].method).toBe('ef-3.1');
    expect(got[0]![1]).toBe(a);
    full.dispose();
  });
});

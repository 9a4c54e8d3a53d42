/**
 * @module engine-worker — runs the full engine calculation off the main thread, so the complete
 * result (with every warning) never blocks typing. The page posts `{ revision, product, gwp }`.
 */
import { calculate, LcaInputError } from '@greenlca/engine';
import { loadLibrary } from './library.js';
import type { FullRequest, FullResponse } from './full-calc.js';

const scope = self as unknown as { onmessage: ((e: MessageEvent<FullRequest>) => void) | null; postMessage(m: FullResponse): void };

scope.onmessage = async (event) => {
  const { revision, product } = event.data;
  if (!product) {
    // A warm-up: load the datasets now, so the first real request is answered at once.
    await loadLibrary();
    return;
  }
  try {
    const library = await loadLibrary();
    const started = performance.now();
    const result = calculate(product, library, { referenceYear: new Date().getFullYear() });
    scope.postMessage({ revision, result, ms: performance.now() - started });
  } catch (error) {
    if (error instanceof LcaInputError) scope.postMessage({ revision, issues: error.issues });
    else scope.postMessage({ revision, failure: (error as Error).message });
  }
};

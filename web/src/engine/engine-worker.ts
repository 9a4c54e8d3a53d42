/**
 * @module engine-worker — runs the full engine calculation off the main thread, so the complete
 * result (with every warning) never blocks typing. The page posts `{ revision, product, method? }`.
 * An impact method's files (EF 3.1 and TRACI are megabytes) and the elementary-flow list are loaded
 * here, on first use, and kept.
 */
import { calculate, ghgFlowOf, LcaInputError, needsElementaryFlows, prepareMethod, withDatasets, withFlows, type Lcia, type PreparedMethod } from '@greenlca/engine';
import type { FactorDataset } from '@greenlca/schema';
import { loadLibrary } from './library.js';
import type { FullRequest, FullResponse } from './full-calc.js';

const scope = self as unknown as { onmessage: ((e: MessageEvent<FullRequest>) => void) | null; postMessage(m: FullResponse): void };

const prepared = new Map<string, Promise<PreparedMethod>>();
/** The organisation's own datasets, added to the bundled library (the page sends them when they load or change). */
let orgDatasets: readonly FactorDataset[] = [];

/** The engine's LCIA input for one bundled method: only that method's file is loaded (not every method's). */
async function lciaFor(id: string): Promise<Lcia> {
  const { bundledFlowIndex, methods } = await import('@greenlca/datasets');
  const index = await bundledFlowIndex();
  let p = prepared.get(id);
  if (!p) {
    prepared.set(id, (p = methods.get(id).then((m) => prepareMethod(m, index))));
    p.catch(() => prepared.delete(id));
  }
  return { index, ghgFlow: ghgFlowOf(index), methods: [await p] };
}

scope.onmessage = async (event) => {
  const { revision, product, method, datasets } = event.data;
  if (datasets) {
    orgDatasets = datasets;
    return;
  }
  if (!product) {
    // A warm-up: load the datasets now, so the first real request is answered at once.
    await loadLibrary();
    return;
  }
  try {
    let library = withDatasets(await loadLibrary(), orgDatasets);
    const lcia = method ? await lciaFor(method) : undefined;
    if (!lcia && needsElementaryFlows(product)) library = withFlows(library, await (await import('@greenlca/datasets')).bundledFlowIndex());
    const started = performance.now();
    const result = calculate(product, library, { referenceYear: new Date().getFullYear(), ...(lcia ? { lcia } : {}) });
    scope.postMessage({ revision, method, result, ms: performance.now() - started });
  } catch (error) {
    if (error instanceof LcaInputError) scope.postMessage({ revision, method, issues: error.issues });
    else scope.postMessage({ revision, method, failure: (error as Error).message });
  }
};

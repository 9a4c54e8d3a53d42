/**
 * @module full-calc — the page's side of the engine worker: posts the latest product after edits
 * settle and hands back complete results, dropping answers for products that were edited since. With
 * an impact method chosen, every request names it and the worker characterises the result with it
 * (loading the method's files there the first time, so the page stays responsive).
 */
import type { InputIssue } from '@greenlca/engine';
import type { CalculationResult, FactorDataset, Product } from '@greenlca/schema';

export interface FullRequest {
  /** The request's number (answers to older requests are dropped). */
  revision: number;
  /** Absent for a warm-up (the worker loads its datasets). */
  product?: Product;
  /** Bundled impact method id (ef-3.1, traci-2.2, ipcc-ar6 …): the result then has `impacts`. */
  method?: string | undefined;
  /** The organisation's own datasets, to calculate with from now on (no product: nothing is answered). */
  datasets?: readonly FactorDataset[];
}

export type FullResponse = ({ revision: number; method?: string | undefined }) & (
  | { result: CalculationResult; ms: number }
  | { issues: InputIssue[] }
  | { failure: string });

export class FullCalculation {
  private worker: Worker | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Number of the last request; each request has its own, so two for one product revision are told apart. */
  private latest = 0;
  /** The impact method every request names (undefined: climate only). */
  method: string | undefined;

  constructor(private readonly onResult: (response: FullResponse, product: Product) => void, private readonly delayMs = 300) {}

  /** Ask for a complete calculation of this product once edits pause (or now). */
  schedule(_revision: number, product: Product, immediately = false): void {
    clearTimeout(this.timer);
    const go = () => {
      this.worker ??= this.start();
      const id = ++this.latest;
      this.pending.set(id, product);
      this.worker.postMessage({ revision: id, product, method: this.method } satisfies FullRequest);
    };
    if (immediately) go();
    else this.timer = setTimeout(go, this.delayMs);
  }

  private readonly pending = new Map<number, Product>();

  /** Calculate with the organisation's own datasets too from now on. */
  setDatasets(datasets: readonly FactorDataset[]): void {
    this.worker ??= this.start();
    this.worker.postMessage({ revision: -1, datasets } satisfies FullRequest);
  }

  /** Start the worker and let it load its datasets while the page is idle. */
  warm(): void {
    if (this.worker) return;
    this.worker = this.start();
    this.worker.postMessage({ revision: -1 } satisfies FullRequest);
  }

  private start(): Worker {
    const worker = new Worker(new URL('./engine-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<FullResponse>) => {
      const product = this.pending.get(event.data.revision);
      this.pending.delete(event.data.revision);
      if (event.data.revision === this.latest && product) this.onResult(event.data, product);
    };
    return worker;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.worker?.terminate();
  }
}

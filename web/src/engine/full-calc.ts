/**
 * @module full-calc — the page's side of the engine worker: posts the latest product after edits
 * settle and hands back complete results, dropping answers for products that were edited since.
 */
import type { InputIssue } from '@greenlca/engine';
import type { CalculationResult, Product } from '@greenlca/schema';

export interface FullRequest {
  revision: number;
  /** Absent for a warm-up (the worker loads its datasets). */
  product?: Product;
}

export type FullResponse =
  | { revision: number; result: CalculationResult; ms: number }
  | { revision: number; issues: InputIssue[] }
  | { revision: number; failure: string };

export class FullCalculation {
  private worker: Worker | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  constructor(private readonly onResult: (response: FullResponse, product: Product) => void, private readonly delayMs = 300) {}

  /** Ask for a complete calculation of this product once edits pause. */
  schedule(revision: number, product: Product, immediately = false): void {
    this.latest = revision;
    clearTimeout(this.timer);
    const go = () => {
      this.worker ??= this.start();
      this.pending.set(revision, product);
      this.worker.postMessage({ revision, product } satisfies FullRequest);
    };
    if (immediately) go();
    else this.timer = setTimeout(go, this.delayMs);
  }

  private readonly pending = new Map<number, Product>();

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

/**
 * @module workspace-controller — the product being edited and its live result. Edits replace the
 * product immutably; the result is recalculated once per animation frame by the live calculator (only
 * the touched segments), and the full engine run follows in a worker when edits pause.
 */
import type { FactorLibrary } from '@greenlca/engine';
import type { CalculationResult, ImpactAssessment, Product } from '@greenlca/schema';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from '../api/client.js';
import { hasLines } from '../api/opening.js';
import { FullCalculation, type FullResponse } from '../engine/full-calc.js';
import type { LiveCalculator, LiveResult } from '../engine/live-calc.js';
import { attachFlowList, loadRuntime, setOrgDatasets, type EngineRuntime } from '../engine/runtime.js';

/** Where the product is stored on the server, if it is. */
export interface StoredRef {
  id: string;
  version: number;
}

export class WorkspaceController implements ReactiveController {
  library: FactorLibrary | undefined;
  libraryError: string | undefined;
  product: Product | undefined;
  stored: StoredRef | undefined;
  /** The product as last saved or opened, to tell whether there are unsaved edits. */
  savedProduct: Product | undefined;
  live: LiveResult | undefined;
  /** Milliseconds the last full calculation in this page (or its worker) took. */
  fullMs: number | undefined;
  /** Where the complete result shown was calculated: the server (before the engine loaded here) or this page. */
  resultBy: 'server' | 'page' | undefined;
  revision = 0;
  /**
   * The last complete engine result (with its inventories, and impacts when a method is chosen) and the
   * product it is for: the inventory and category views show it, marked as updating while edits wait
   * for the next complete run.
   */
  lastFull: { result: CalculationResult; product: Product } | undefined;
  /** The impact method chosen (bundled method id), or undefined for the climate result only. */
  method: string | undefined;
  /** 'loading' from a method's choice until the worker's first result with it; 'error' if that failed. */
  methodState: 'idle' | 'loading' | 'error' = 'idle';
  methodError: string | undefined;
  private calculator: LiveCalculator | undefined;
  private runtime: EngineRuntime | undefined;
  private frame = 0;
  private readonly full = new FullCalculation((response, product) => this.adoptFull(response, product));

  constructor(private readonly host: ReactiveControllerHost, private readonly api?: ApiClient) {
    host.addController(this);
  }

  /** A result the server calculated for a product opened before the engine had loaded here. */
  private serverResult: { product: Product; result: CalculationResult } | undefined;

  hostConnected(): void {
    // A page opened on a stored product (#/products/<id>) gets its first result from the server, and
    // loads the engine here only after it: one long parsing task would otherwise hold that answer back.
    if (!/^#\/products\//.test(location.hash) || !this.api?.hasKey) this.loadEngine();
    else setTimeout(() => this.loadEngine(), 4000);
  }

  private engineRequested = false;

  /** Load the engine, the cited datasets and the live calculator (once). */
  loadEngine(): void {
    if (this.engineRequested) return;
    this.engineRequested = true;
    loadRuntime().then(
      (rt) => {
        performance.mark('lca:library-loaded');
        this.runtime = rt;
        this.library = rt.library;
        this.calculator = new rt.LiveCalculator(rt.library);
        if (this.product) this.recalculate(true);
        this.host.requestUpdate();
        void this.loadOrgDatasets();
      },
      (error: Error) => {
        this.libraryError = error.message;
        this.host.requestUpdate();
      },
    );
  }

  /** The flow list in the library, for a product that names elementary flows; then calculate it. */
  private async attachFlows(): Promise<void> {
    const library = await attachFlowList();
    if (!library || !this.runtime || library === this.calculator?.library) return;
    this.library = library;
    this.calculator = new this.runtime.LiveCalculator(library);
    if (this.product) this.recalculate(true);
    this.host.requestUpdate();
  }

  /** Ids of the organisation's own datasets loaded into the library. */
  orgDatasetIds: string[] = [];

  /**
   * Fetch the organisation's own datasets (current versions) and calculate with them beside the
   * bundled ones, here and in the worker. Called when the engine has loaded and after an import.
   */
  async loadOrgDatasets(): Promise<void> {
    if (!this.api?.hasKey || !this.runtime) return;
    try {
      const list = await this.api.listOrgDatasets();
      const datasets = await Promise.all(list.map((d) => this.api!.getOrgDataset(d.id).then((r) => r.dataset)));
      const library = setOrgDatasets(datasets);
      if (!library) return;
      this.orgDatasetIds = datasets.map((d) => d.id);
      this.library = library;
      this.full.setDatasets(datasets);
      this.calculator = new this.runtime.LiveCalculator(library);
      if (this.product) this.recalculate(true);
      this.host.requestUpdate();
    } catch {
      // No key yet, or a read failure: the bundled datasets still work; the next import retries.
    }
  }

  hostDisconnected(): void {
    cancelAnimationFrame(this.frame);
    this.full.dispose();
  }

  get dirty(): boolean {
    return this.product !== this.savedProduct;
  }

  /**
   * Characterise results with this bundled impact method (or none). The worker loads the method's
   * files and calculates; the page stays responsive and says it is loading meanwhile.
   */
  setMethod(id: string | undefined): void {
    if (id === this.method) return;
    this.method = id;
    this.full.method = id;
    this.methodError = undefined;
    this.methodState = id && !this.impacts() ? 'loading' : 'idle';
    if (id && this.product && this.runtime) this.full.schedule(this.revision, this.product, true);
    this.host.requestUpdate();
  }

  /** The chosen method's assessment in the last complete result, if it has one. */
  impacts(): ImpactAssessment | undefined {
    const id = this.method;
    return id ? this.lastFull?.result.impacts?.find((m) => m.method.id === id) : undefined;
  }

  /** True when the last complete result is for an earlier state of the product (an edit is being calculated). */
  get fullStale(): boolean {
    return !!this.lastFull && this.lastFull.product !== this.product;
  }

  /**
   * Open a product (new, imported or loaded from the server). `serverResult`: the server's result for
   * this very product, already here or already requested (api/opening.ts), instead of asking for it again.
   */
  open(product: Product, stored?: StoredRef, serverResult?: CalculationResult | Promise<CalculationResult | undefined>): void {
    performance.mark('lca:open');
    this.product = product;
    this.savedProduct = product;
    this.stored = stored;
    this.live = undefined;
    this.lastFull = undefined;
    if (this.method) this.methodState = 'loading';
    this.fullMs = undefined;
    this.resultBy = undefined;
    if (this.runtime) this.calculator = new this.runtime.LiveCalculator(this.runtime.library);
    else this.askServer(product, serverResult);
    this.recalculate(true);
    this.host.requestUpdate();
  }

  /**
   * While the engine and the cited datasets still load in the page, the server (where they are warm)
   * calculates the product just opened: the same engine, the same result, shown at once; it then seeds
   * the page's live calculator. A result already here is shown with the product's first render.
   */
  private askServer(product: Product, requested?: CalculationResult | Promise<CalculationResult | undefined>): void {
    // A new, empty product has nothing to calculate (the engine says EMPTY_PRODUCT): no need to ask.
    if (!this.api?.hasKey || !hasLines(product)) {
      this.loadEngine();
      return;
    }
    const loadEngineAfter = () => setTimeout(() => this.loadEngine(), 50);
    if (requested && !(requested instanceof Promise)) {
      this.adoptServer(product, requested);
      loadEngineAfter();
      return;
    }
    (requested ?? this.api.calculate(product)).then(
      (result) => {
        if (!result || this.product !== product || this.live) return;
        this.adoptServer(product, result);
        this.host.requestUpdate();
      },
      () => {
        // Input issues or no server: the page's own calculation will show them once loaded.
      },
    ).finally(loadEngineAfter);
  }

  private adoptServer(product: Product, result: CalculationResult): void {
    performance.mark('lca:server-result');
    this.serverResult = { product, result };
    this.live = { result, issues: [], complete: true, excluded: 0 };
    this.lastFull = { result, product };
    this.resultBy = 'server';
  }

  close(): void {
    this.product = undefined;
    this.savedProduct = undefined;
    this.stored = undefined;
    this.live = undefined;
    this.lastFull = undefined;
    this.host.requestUpdate();
  }

  /** The product was stored: remember its id and version. */
  saved(product: Product, stored: StoredRef): void {
    this.savedProduct = product;
    this.stored = stored;
    this.host.requestUpdate();
  }

  /**
   * Apply an edit. The first edit in a frame is calculated at once (its result is in the DOM before the
   * frame is drawn); further edits in the same frame are folded into one calculation at the next frame.
   */
  edit(product: Product): void {
    performance.mark('lca:edit');
    this.product = product;
    this.revision++;
    this.host.requestUpdate();
    if (this.frameOpen) {
      this.editedInFrame = true;
      return;
    }
    this.calculateInFrame();
  }

  /** True from a calculation until the next frame starts; edits meanwhile wait for that frame. */
  private frameOpen = false;
  private editedInFrame = false;

  private calculateInFrame(): void {
    this.frameOpen = true;
    this.recalculate(false);
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.frameOpen = false;
      if (this.editedInFrame) {
        this.editedInFrame = false;
        this.calculateInFrame();
      }
    });
  }

  /**
   * Calculate the current product. A product just opened gets one full engine run (which seeds the
   * live caches); an edit gets the live calculation of what it touched.
   */
  private recalculate(opening: boolean): void {
    const product = this.product;
    if (!product || !this.calculator || !this.runtime) return;
    if (!this.calculator.library.flows && this.runtime.engine.needsElementaryFlows(product)) {
      // Calculated once the flow list is in (a moment; the worker loads its own).
      void this.attachFlows();
      return;
    }
    if (opening) {
      const { calculate, LcaInputError } = this.runtime.engine;
      if (this.serverResult?.product === product) {
        this.calculator.seed(product, this.serverResult.result);
        this.serverResult = undefined;
        if (this.method) this.full.schedule(this.revision, product, true);
        return;
      }
      // The first result of a product just opened: one full engine run here (tens of ms even at
      // 1,000 lines), which also seeds the live caches. The worker takes over after edits.
      performance.mark('lca:calc-start');
      const started = performance.now();
      try {
        const result = calculate(product, this.calculator.library, { referenceYear: new Date().getFullYear() });
        this.calculator.seed(product, result);
        this.live = { result, issues: [], complete: true, excluded: 0 };
        this.lastFull = { result, product };
        this.fullMs = performance.now() - started;
        this.resultBy = 'page';
      } catch (error) {
        if (!(error instanceof LcaInputError)) throw error;
        this.live = this.calculator.update(product);
      }
      performance.mark('lca:calc-end');
      this.host.requestUpdate();
      // With a method chosen, the worker characterises the product now (the page's run has no impacts).
      if (this.method) this.full.schedule(this.revision, product, true);
      else setTimeout(() => this.full.warm(), 1000);
      return;
    }
    performance.mark('lca:calc-start');
    this.live = this.calculator.update(product);
    performance.mark('lca:calc-end');
    this.host.requestUpdate();
    this.full.schedule(this.revision, product);
  }

  private seeding: Product | undefined;

  private adoptFull(response: FullResponse, product: Product): void {
    performance.mark('lca:full-result');
    if (product !== this.product) return;
    const seeding = this.seeding === product;
    this.seeding = undefined;
    if (response.method === this.method) {
      this.methodState = 'failure' in response && response.method ? 'error' : 'idle';
      this.methodError = 'failure' in response ? response.failure : undefined;
    }
    if ('result' in response) {
      if (seeding) this.calculator?.seed(product, response.result);
      this.live = { result: response.result, issues: [], complete: true, excluded: 0 };
      this.lastFull = { result: response.result, product };
      this.fullMs = response.ms;
      this.resultBy = 'page';
      this.host.requestUpdate();
    }
    // With input issues the assembled result stays (or is made now, for a product just opened): it
    // shows every issue at its field and the total of the lines that are fine.
    else if (seeding && this.calculator) {
      this.live = this.calculator.update(product);
      this.host.requestUpdate();
    }
    if ('failure' in response) console.error('engine worker:', response.failure);
    this.host.requestUpdate();
  }
}

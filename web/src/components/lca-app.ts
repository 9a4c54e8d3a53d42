import type { Product } from '@greenlca/schema';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { ApiClient, ApiError } from '../api/client.js';
import { productIdOf, takeOpening } from '../api/opening.js';
import { describe } from '../engine/issues.js';
import { loadECharts } from '../charts/echarts.js';
import { WorkspaceController, type StoredRef } from '../controllers/workspace-controller.js';
import { formatNumber, LocaleController, t } from '../i18n/i18n.js';
import { controls } from '../styles.js';
import type { LcaApiKey } from './lca-api-key.js';
import { linesOf, type LcaTraceDialog, type TraceRequest } from './lca-trace-dialog.js';
import './lca-api-key.js';
import './lca-bom-tree.js';
import './lca-inventory-table.js';
import { INVENTORY_KINDS, type InventoryKind } from './lca-inventory-results.js';
import './lca-language-switch.js';
import './lca-org-datasets.js';
import './lca-product-list.js';
import './lca-product-settings.js';
import './lca-results.js';
import './lca-trace-dialog.js';

type View = 'products' | 'editor' | 'whatif' | 'evaluation' | 'datasets';

const idle = (window as { requestIdleCallback?: (cb: () => void) => number }).requestIdleCallback?.bind(window) ?? ((cb: () => void) => setTimeout(cb, 200));

/** What-if and evaluation (with the ecodesign and report packages) load after the editor, on first need. */
let panels: Promise<unknown> | undefined;
function loadPanels(): Promise<unknown> {
  panels ??= Promise.all([import('./lca-whatif.js'), import('./lca-evaluation.js')]);
  return panels;
}

/**
 * The GreenLCA workspace: products, the editor with live results, what-if and evaluation. The engine
 * runs in the page (WorkspaceController); the API stores products and makes imports and reports.
 */
@customElement('lca-app')
export class LcaApp extends LitElement {
  static override styles = [controls, css`
    :host { display: flex; flex-direction: column; min-height: 100vh; background: var(--lca-bg); }
    header { display: flex; align-items: center; gap: 14px; padding: 8px 16px; background: var(--lca-accent); color: #fff; flex-wrap: wrap; }
    header h1 { font-size: 17px; margin: 0; font-weight: 700; letter-spacing: .3px; }
    header .sub { opacity: .85; font-size: 12px; }
    nav { display: flex; gap: 2px; margin-left: 10px; }
    nav button { background: transparent; border: none; color: #fff; border-radius: 4px 4px 0 0; padding: 6px 12px; opacity: .85; }
    nav button[aria-selected='true'] { background: #fff; color: var(--lca-accent); opacity: 1; font-weight: 600; }
    nav button:disabled { opacity: .4; cursor: default; }
    .spacer { flex: 1; }
    header .key { background: transparent; color: #fff; border-color: rgba(255,255,255,.5); }
    main { flex: 1; padding: 12px 16px; }
    .editor { display: grid; grid-template-columns: minmax(0, 1.35fr) minmax(380px, 1fr); gap: 16px; align-items: start; }
    .editor > aside { position: sticky; top: 8px; max-height: calc(100vh - 70px); overflow: auto; padding: 10px 12px; border: 1px solid var(--lca-line); border-radius: 8px; }
    .toolbar { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; padding: 6px 0 10px; position: sticky; top: 0; background: var(--lca-bg); z-index: 2; border-bottom: 1px solid var(--lca-line); margin-bottom: 8px; }
    .toolbar .name { font-size: 16px; font-weight: 600; }
    .toolbar .mini-total { margin-left: auto; font-variant-numeric: tabular-nums; }
    .toolbar .mini-total strong { color: var(--lca-accent); font-size: 16px; }
    .msg { font-size: 12px; }
    .msg.error { color: var(--lca-error); }
    details > summary { cursor: pointer; font-weight: 600; padding: 4px 0; }
    section.block { margin: 10px 0 16px; }
    .result-tabs { display: flex; flex-wrap: wrap; gap: 2px; border-bottom: 1px solid var(--lca-line); margin: 0 0 10px; }
    .result-tabs button { border: 1px solid transparent; border-bottom: none; border-radius: 4px 4px 0 0; background: transparent; padding: 4px 10px; color: var(--lca-muted); }
    .result-tabs button[aria-selected='true'] { border-color: var(--lca-line); background: #fff; color: var(--lca-accent); font-weight: 600; margin-bottom: -1px; }
    @media (max-width: 1100px) {
      .editor { grid-template-columns: 1fr; }
      .editor > aside { position: static; max-height: none; }
    }
  `];

  private readonly api = new ApiClient();
  /** A stored product's address opens the editor (openFromLocation): the product list is neither fetched nor painted first. */
  @state() private view: View = productIdOf(location.hash) && this.api.hasKey ? 'editor' : 'products';
  @state() private message = '';
  @state() private messageIsError = false;
  @state() private listGeneration = 0;
  /** The results panel's tab: the impacts (climate or a method's categories) or one of the inventories. */
  @state() private resultTab: 'impacts' | InventoryKind = 'impacts';
  /** The impact category shown in the results (an id of the chosen method's), kept across tabs. */
  @state() private category: string | undefined;
  @query('lca-api-key') private keyDialog!: LcaApiKey;
  @query('lca-trace-dialog') private traceDialog!: LcaTraceDialog;
  private readonly workspace = new WorkspaceController(this, this.api);
  private readonly i18n = new LocaleController(this);

  override firstUpdated(): void {
    if (!this.api.hasKey) void this.askForKey();
    // The what-if and evaluation panels load only after the factor library, which the first result needs more.
    setTimeout(() => idle(() => void loadPanels()), 6000);
    // The charting code is fetched once the page is idle after the product opening (if any) has shown its
    // result, so the first chart does not wait and the first result does not wait for the charts.
    void this.openFromLocation().finally(() => idle(() => void loadECharts()));
  }

  /** The first visit (no key stored): ask for it once the dialog element has rendered. */
  private async askForKey(): Promise<void> {
    await this.updateComplete;
    await this.keyDialog.open();
    void this.workspace.loadOrgDatasets();
  }

  /** `#/products/<id>` opens that stored product: links can be shared and the page reloaded. */
  private async openFromLocation(): Promise<void> {
    const id = productIdOf(location.hash);
    if (!id || !this.api.hasKey) return;
    try {
      // Requested as the page started (index.html), while this code loaded; else now.
      const early = takeOpening(id, this.api);
      const record = await (early?.record ?? this.api.getProduct(id));
      // The product is shown with its result, in one render: its rows are the largest part of the
      // page, and painting them twice (without, then with, their values) would hold the total back.
      const result = early && (await early.result.catch(() => undefined));
      this.workspace.open(record.product, { id: record.id, version: record.version }, result ?? early?.result);
    } catch (error) {
      this.view = 'products';
      this.flash(`${t('app.openFailed')}: ${(error as Error).message}`, true);
      this.workspace.loadEngine();
    }
  }

  override render() {
    void this.i18n;
    const w = this.workspace;
    const tab = (view: View, label: string, disabled = false) => html`<button role="tab" data-view=${view} aria-selected=${String(this.view === view)}
      ?disabled=${disabled} @click=${() => (this.view = view)}>${label}</button>`;
    return html`
      <header>
        <div><h1>GreenLCA</h1><div class="sub">${t('app.tagline')}</div></div>
        <nav role="tablist" aria-label=${t('app.views')}>
          ${tab('products', t('app.products'))}
          ${tab('editor', t('app.editor'), !w.product)}
          ${tab('whatif', t('app.whatif'), !w.product)}
          ${tab('evaluation', t('app.evaluation'), !w.product)}
          ${tab('datasets', t('app.datasets'))}
        </nav>
        <span class="spacer"></span>
        <lca-language-switch></lca-language-switch>
        <button class="key" @click=${() => void this.keyDialog.open().then(() => this.workspace.loadOrgDatasets())}>${t('auth.button')}</button>
      </header>
      <main role="tabpanel" @lca-method=${(e: CustomEvent<{ method: string | undefined }>) => this.workspace.setMethod(e.detail.method)}
        @lca-category=${(e: CustomEvent<{ category: string | undefined }>) => (this.category = e.detail.category)} @lca-edit=${this.onEdit} @lca-open=${this.onOpen} @lca-trace=${this.onTrace} @lca-auth=${() => void this.keyDialog.open()}
        @lca-org-datasets=${() => void this.workspace.loadOrgDatasets()}>
        ${w.libraryError ? html`<p class="msg error" role="alert">${t('app.libraryFailed')}: ${w.libraryError}</p>` : nothing}
        ${this.renderView()}
      </main>
      <lca-api-key .api=${this.api} @lca-key-changed=${() => this.listGeneration++}></lca-api-key>
      <lca-trace-dialog .library=${w.library}></lca-trace-dialog>
    `;
  }

  private renderView() {
    const w = this.workspace;
    if (this.view === 'datasets') return html`<lca-org-datasets .api=${this.api}></lca-org-datasets>`;
    // A product at the page's address is on its way: no list to fetch and paint meanwhile.
    if (this.view === 'editor' && !w.product) return html`<p class="muted" data-testid="opening">${t('common.loading')}</p>`;
    if (this.view === 'products' || !w.product) {
      return html`<lca-product-list .api=${this.api} .generation=${this.listGeneration}></lca-product-list>`;
    }
    if (this.view === 'whatif' || this.view === 'evaluation') void loadPanels();
    if (this.view === 'whatif') return html`${this.toolbar(w.product)}<lca-whatif .product=${w.product} .library=${w.library}></lca-whatif>`;
    if (this.view === 'evaluation') {
      return html`${this.toolbar(w.product)}<lca-evaluation .product=${w.product} .library=${w.library} .api=${this.api} .result=${w.live?.result}></lca-evaluation>`;
    }
    const live = w.live;
    return html`
      <div class="editor">
        <div>
          ${this.toolbar(w.product)}
          <details ?open=${!(w.product.inventory?.length || w.product.components?.length)}>
            <summary>${t('product.settings')}</summary>
            <lca-product-settings .product=${w.product} .issues=${live?.issues ?? []}></lca-product-settings>
          </details>
          <section class="block">
            <h2>${t('bom.title')}</h2>
            <lca-bom-tree .product=${w.product} .library=${w.library} .issues=${live?.issues ?? []} .byComponent=${live?.result?.byComponent ?? []}></lca-bom-tree>
          </section>
          <section class="block">
            <h2>${t('inventory.title')}</h2>
            <lca-inventory-table .product=${w.product} .library=${w.library} .issues=${live?.issues ?? []} .lines=${live?.result?.lines ?? []}></lca-inventory-table>
          </section>
        </div>
        <aside aria-label=${t('results.title')}>
          <h2>${t('results.title')}</h2>
          <div class="result-tabs" role="tablist" aria-label=${t('lci.tabs')}>
            ${(['impacts', ...INVENTORY_KINDS] as const).map((tab) => html`<button role="tab" data-result-tab=${tab} aria-selected=${String(this.resultTab === tab)}
              @click=${() => this.openResultTab(tab)}>${t(`lci.tab.${tab}`)}</button>`)}
          </div>
          ${!(w.library || live) ? html`<p class="muted">${t('app.loadingFactors')}</p>`
            : this.resultTab === 'impacts'
              ? html`<lca-results .live=${live} .library=${w.library} .fullMs=${w.fullMs} .resultBy=${w.resultBy} .full=${w.lastFull?.result} ?fullStale=${w.fullStale}
                  .method=${w.method} .methodState=${w.methodState} .methodError=${w.methodError} .impacts=${w.impacts()} .category=${this.category}></lca-results>`
              : html`<lca-inventory-results role="tabpanel" .kind=${this.resultTab} .result=${w.lastFull?.result} ?stale=${w.fullStale} .library=${w.library}></lca-inventory-results>`}
        </aside>
      </div>
    `;
  }

  private toolbar(product: Product) {
    const w = this.workspace;
    const total = w.live?.result?.total.kgCO2e;
    return html`
      <div class="toolbar">
        <span class="name">${product.name}</span>
        <span class="muted">${w.stored ? t('app.storedVersion', { version: w.stored.version }) : t('app.notStored')}${w.dirty ? ` · ${t('app.unsaved')}` : ''}</span>
        <button class="primary" data-action="save" @click=${this.save} ?disabled=${!w.dirty && !!w.stored}>${t('app.save')}</button>
        <button @click=${this.exportJson}>${t('app.exportJson')}</button>
        ${this.message ? html`<span class="msg ${this.messageIsError ? 'error' : ''}" role="status" data-testid="save-message">${this.message}</span>` : nothing}
        <span class="mini-total" aria-hidden="true">${total === undefined ? '' : html`<strong>${formatNumber(total, 5)}</strong> kg CO₂e`}</span>
      </div>
    `;
  }

  private openResultTab(tab: 'impacts' | InventoryKind): void {
    this.resultTab = tab;
  }

  private onEdit(e: CustomEvent<{ product: Product }>): void {
    e.stopPropagation();
    this.message = '';
    this.workspace.edit(e.detail.product);
  }

  private onOpen(e: CustomEvent<{ product: Product; stored?: StoredRef }>): void {
    this.workspace.open(e.detail.product, e.detail.stored);
    this.message = '';
    this.view = 'editor';
    history.replaceState(null, '', e.detail.stored ? `#/products/${e.detail.stored.id}` : location.pathname);
  }

  /** A number was clicked: its line's trace, or the list of the lines it is made of. */
  private onTrace(e: CustomEvent<TraceRequest>): void {
    const d = e.detail;
    const lines = this.workspace.live?.result?.lines ?? [];
    if ('path' in d) {
      // The live lines, or (for a line shown from the last complete result) those.
      const line = lines.find((l) => l.path === d.path) ?? this.workspace.lastFull?.result.lines.find((l) => l.path === d.path);
      if (line) this.traceDialog.show(line);
      return;
    }
    this.traceDialog.showLines({ title: d.title, lines: linesOf(lines, d), gas: d.gas, unit: d.unit, values: d.values, amount: d.amount });
  }

  private async save(): Promise<void> {
    const w = this.workspace;
    const product = w.product;
    if (!product) return;
    // A product with input errors is not sent: the API refuses what it cannot read (an empty amount is a
    // 400), so a line it could read but not calculate (a t·km amount on a per-km factor) is refused here
    // the same way, with where each problem is, instead of being stored as a version that fails later.
    const issues = w.live?.issues ?? [];
    if (issues.length) {
      const located = issues.slice(0, 3).map((i) => ` ${i.path}: ${describe([i])}`).join(';');
      this.flash(`${t('save.blocked', { n: issues.length })}:${located}`, true);
      return;
    }
    try {
      const record = w.stored ? await this.api.updateProduct(w.stored.id, w.stored.version, product) : await this.api.createProduct(product);
      w.saved(product, { id: record.id, version: record.version });
      history.replaceState(null, '', `#/products/${record.id}`);
      this.flash(t('app.saved', { version: record.version }), false);
      this.listGeneration++;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) void this.keyDialog.open();
      const conflict = error instanceof ApiError && error.status === 412;
      const located = error instanceof ApiError ? error.errors.slice(0, 3).map((x) => ` ${x.pointer}: ${x.detail}`).join(';') : '';
      this.flash(conflict ? t('app.conflict') : `${t('app.saveFailed')}: ${(error as Error).message}${located}`, true);
    }
  }

  private exportJson(): void {
    const product = this.workspace.product;
    if (!product) return;
    const blob = new Blob([JSON.stringify(product, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${product.id}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  private flash(text: string, isError: boolean): void {
    this.message = text;
    this.messageIsError = isError;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-app': LcaApp;
  }
}

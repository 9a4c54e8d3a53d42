import type { Product } from '@greenlca/schema';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, type ApiClient, type ProductSummary } from '../api/client.js';
import { formatDate, LocaleController, t } from '../i18n/i18n.js';
import { newProduct } from '../model/edit.js';
import { controls } from '../styles.js';
import './lca-bom-import.js';

/**
 * The products stored on the server, and the ways to start one: new, import a product JSON file, or
 * import a PLM bill of materials (CSV, reviewed in lca-bom-import).
 *
 * @fires lca-open - `detail: { product, stored? }` to open a product in the editor.
 * @fires lca-auth - the API refused the key (401): ask for one.
 */
@customElement('lca-product-list')
export class LcaProductList extends LitElement {
  static override styles = [controls, css`
    .actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; margin-bottom: 12px; }
    form { display: flex; gap: 6px; align-items: center; }
    .drop { border: 1px dashed var(--lca-line); border-radius: 6px; padding: 8px 12px; }
    .error { color: var(--lca-error); margin: 8px 0; white-space: pre-wrap; }
    tbody tr:hover { background: var(--lca-panel); }
  `];

  @property({ attribute: false }) api!: ApiClient;
  /** Bumped by the app to reload the list (after a save). */
  @property({ type: Number }) generation = 0;
  @state() private error = '';
  @state() private busy = false;
  private readonly i18n = new LocaleController(this);

  private readonly list = new Task(this, {
    task: async ([, api], { signal }): Promise<ProductSummary[]> => (api.hasKey ? api.listProducts(signal) : []),
    args: () => [this.generation, this.api] as const,
  });

  override render() {
    void this.i18n;
    return html`
      <h2>${t('products.title')}</h2>
      <div class="actions">
        <form @submit=${this.onCreate}>
          <input name="name" aria-label=${t('products.newName')} placeholder=${t('products.newName')} required />
          <button class="primary" type="submit">${t('products.create')}</button>
        </form>
        <label class="drop">${t('products.importJson')}
          <input type="file" accept=".json,application/json" @change=${this.onJson} aria-label=${t('products.importJson')} /></label>
        <lca-bom-import .api=${this.api}></lca-bom-import>
      </div>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      ${this.busy ? html`<p class="muted">${t('common.working')}</p>` : nothing}
      ${this.list.render({
        pending: () => html`<p class="muted">${t('common.loading')}</p>`,
        error: (e) => this.renderError(e),
        complete: (items) => this.renderItems(items),
      })}
    `;
  }

  private renderError(e: unknown) {
    if (e instanceof ApiError && e.status === 401) {
      this.dispatchEvent(new CustomEvent('lca-auth', { bubbles: true, composed: true }));
      return html`<p class="muted">${t('auth.needed')}</p>`;
    }
    return html`<p class="error" role="alert">${t('products.loadFailed')}: ${(e as Error).message}</p>`;
  }

  private renderItems(items: ProductSummary[]) {
    if (!this.api.hasKey) return html`<p class="muted">${t('auth.needed')}</p>`;
    if (!items.length) return html`<p class="muted">${t('products.empty')}</p>`;
    return html`
      <table data-testid="product-list">
        <thead><tr><th>${t('product.name')}</th><th>${t('product.id')}</th><th>${t('products.version')}</th><th>${t('products.updated')}</th><th></th></tr></thead>
        <tbody>${items.map((p) => html`<tr>
          <td>${p.name}</td><td><code>${p.productId}</code></td><td class="num">${p.version}</td>
          <td data-updated=${p.updatedAt}>${formatDate(p.updatedAt)}</td>
          <td><button @click=${() => this.open(p.id)} aria-label=${t('products.openNamed', { name: p.name })}>${t('products.open')}</button></td>
        </tr>`)}</tbody>
      </table>`;
  }

  private emitOpen(product: Product, stored?: { id: string; version: number }): void {
    this.dispatchEvent(new CustomEvent('lca-open', { detail: { product, stored }, bubbles: true, composed: true }));
  }

  private async open(id: string): Promise<void> {
    await this.run(async () => {
      const record = await this.api.getProduct(id);
      this.emitOpen(record.product, { id: record.id, version: record.version });
    });
  }

  private onCreate(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const name = (new FormData(form).get('name') as string | null) ?? '';
    form.reset();
    this.emitOpen(newProduct(name));
  }

  private async onJson(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    await this.run(async () => {
      let doc: unknown;
      try {
        doc = JSON.parse(await file.text());
      } catch (error) {
        throw new Error(t('products.notJson', { message: (error as Error).message }));
      }
      // The schema checker is most of the schema package's code: loaded when a file is opened, not with the page.
      const { validate, Product } = await import('@greenlca/schema');
      const checked = validate(Product, doc);
      if (!checked.ok) throw new Error(checked.issues.slice(0, 8).map((i) => `${i.path || '/'}: ${i.message}`).join('\n'));
      this.emitOpen(checked.value);
    });
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.error = '';
    this.busy = true;
    try {
      await work();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.dispatchEvent(new CustomEvent('lca-auth', { bubbles: true, composed: true }));
      const located = error instanceof ApiError ? error.errors.slice(0, 8).map((x) => `\n${x.pointer || '/'}: ${x.detail}`).join('') : '';
      this.error = `${(error as Error).message}${located}`;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-product-list': LcaProductList;
  }
}

import type { Component, Product } from '@greenlca/schema';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiError, type ApiClient, type BomImport } from '../api/client.js';
import { loadRuntime } from '../engine/runtime.js';
import type { FactorLibrary } from '@greenlca/engine';
import { LocaleController, t } from '../i18n/i18n.js';
import { controls } from '../styles.js';
import type { LcaFactorPicker } from './lca-factor-picker.js';
import './lca-factor-picker.js';

/**
 * The charset of a CSV file as Excel saves it: UTF-8 (with or without a byte-order mark) when the
 * bytes are valid UTF-8, else GB18030 (what Chinese Excel writes; a superset of GBK and GB2312).
 */
export function csvCharset(bytes: Uint8Array): 'utf-8' | 'gb18030' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** The product with every component whose material is `from` set to the factor `to`. */
function mapMaterial(product: Product, from: string, to: string): Product {
  const walk = (list: Component[] | undefined): Component[] | undefined => list?.map((c) => ({
    ...c,
    ...(c.material === from ? { material: to } : {}),
    ...(c.children ? { children: walk(c.children)! } : {}),
  }));
  return { ...product, components: walk(product.components) ?? [] };
}

/**
 * Import a PLM bill of materials (CSV, UTF-8 or GB18030) through the API, then review it before it
 * opens: what was read, what was left unread, and each material that is not a factor yet, with a
 * button that opens the factor picker on its text. Parts without a factor are left out of the total
 * until one is chosen, and the review says so.
 *
 * @fires lca-open - `detail: { product }` when the reviewed product is opened.
 * @fires lca-auth - the API refused the key (401).
 */
@customElement('lca-bom-import')
export class LcaBomImport extends LitElement {
  static override styles = [controls, css`
    :host { display: contents; }
    .drop { border: 1px dashed var(--lca-line); border-radius: 6px; padding: 8px 12px; }
    .review { flex-basis: 100%; border: 1px solid var(--lca-line); border-radius: 8px; padding: 12px; margin-top: 8px; }
    .review h3 { margin: 0 0 8px; }
    .error { color: var(--lca-error); white-space: pre-wrap; }
    .left-out { color: var(--lca-error); }
    ul { margin: 6px 0; padding-left: 20px; }
    li { margin: 4px 0; }
    .actions { display: flex; gap: 8px; margin-top: 10px; }
    code { font-size: 12px; }
  `];

  @property({ attribute: false }) api!: ApiClient;
  @state() private review: { answer: BomImport; product: Product; mapped: Record<string, string> } | undefined;
  @state() private error = '';
  @state() private busy = false;
  @state() private library: FactorLibrary | undefined;
  @query('lca-factor-picker') private picker!: LcaFactorPicker;
  private picking: string | undefined;
  private readonly i18n = new LocaleController(this);

  override render() {
    void this.i18n;
    return html`
      <label class="drop">${t('products.importCsv')}
        <input type="file" accept=".csv,text/csv" data-testid="bom-file" @change=${this.onFile} aria-label=${t('products.importCsv')} /></label>
      ${this.busy ? html`<p class="muted">${t('common.working')}</p>` : nothing}
      ${this.error ? html`<div class="error review" role="alert" data-testid="bom-error">${this.error}</div>` : nothing}
      ${this.review ? this.renderReview(this.review) : nothing}
      <lca-factor-picker .library=${this.library} @lca-pick=${this.onPick}></lca-factor-picker>
    `;
  }

  private renderReview({ answer, product, mapped }: NonNullable<LcaBomImport['review']>) {
    const open = answer.unmapped.filter((u) => !mapped[u.material]);
    const partsLeftOut = open.reduce((n, u) => n + u.lines.length, 0);
    const other = answer.warnings.filter((w) => w.code !== 'BOM_UNMAPPED_MATERIAL');
    return html`
      <section class="review" data-testid="bom-review" aria-label=${t('bomImport.review')}>
        <h3 data-testid="bom-product-name">${product.name}</h3>
        <p class="muted">${t('bomImport.read', { rows: answer.stats.rows, parts: answer.stats.components, depth: answer.stats.depth })}</p>
        ${answer.unmapped.length ? html`
          <p>${t('bomImport.unmappedTitle')}</p>
          <ul data-testid="bom-unmapped">${answer.unmapped.map((u) => html`
            <li data-material=${u.material}>
              <strong>“${u.material}”</strong> <span class="muted">(${t('bomImport.lines', { lines: u.lines.join(', ') })})</span>
              ${mapped[u.material] ? html` → <code data-mapped>${mapped[u.material]}</code>` : nothing}
              <button @click=${() => void this.choose(u.material)}>${mapped[u.material] ? t('bomImport.change') : t('bomImport.choose', { material: u.material })}</button>
            </li>`)}</ul>
          ${partsLeftOut ? html`<p class="left-out" role="status" data-testid="bom-left-out">${t('bomImport.leftOut', { n: partsLeftOut })}</p>` : nothing}`
        : nothing}
        ${other.length ? html`<ul class="muted" data-testid="bom-warnings">${other.map((w) => html`<li data-code=${w.code}>${w.message}</li>`)}</ul>` : nothing}
        <div class="actions">
          <button class="primary" data-testid="bom-open" @click=${this.openProduct}>${t('bomImport.open')}</button>
          <button @click=${() => (this.review = undefined)}>${t('common.cancel')}</button>
        </div>
      </section>`;
  }

  private async onFile(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.error = '';
    this.review = undefined;
    this.busy = true;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // The file's name names the product only when the file does not (its level-0 row does).
      const answer = await this.api.importCsv(bytes, { fallbackName: file.name.replace(/\.csv$/i, '') }, csvCharset(bytes));
      this.review = { answer, product: answer.product, mapped: {} };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.dispatchEvent(new CustomEvent('lca-auth', { bubbles: true, composed: true }));
      const located = error instanceof ApiError ? error.errors.slice(0, 20).map((x) => `\n${x.detail}${x.hint ? ` — ${x.hint}` : ''}`).join('') : '';
      this.error = `${(error as Error).message}${located}`;
    } finally {
      this.busy = false;
    }
  }

  private async choose(material: string): Promise<void> {
    this.library ??= (await loadRuntime()).library;
    await this.updateComplete;
    this.picking = material;
    // A material is per mass of the part: per-kg material factors rank first.
    this.picker.open(material, { unit: 'kg', category: 'material' });
  }

  private onPick(e: CustomEvent<{ id: string }>): void {
    const material = this.picking;
    this.picking = undefined;
    if (!material || !this.review) return;
    this.review = {
      ...this.review,
      product: mapMaterial(this.review.product, material, e.detail.id),
      mapped: { ...this.review.mapped, [material]: e.detail.id },
    };
  }

  private openProduct(): void {
    if (!this.review) return;
    const product = this.review.product;
    this.review = undefined;
    this.dispatchEvent(new CustomEvent('lca-open', { detail: { product }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-bom-import': LcaBomImport;
  }
}

import type { InputIssue } from '@greenlca/engine';
import { GWP_SETS, type CustomFactor, type ParameterValue, type Product } from '@greenlca/schema';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { amountText, describe, issuesAt } from '../engine/issues.js';
import { LocaleController, t } from '../i18n/i18n.js';
import { controls } from '../styles.js';
import './lca-amount-input.js';

/**
 * The product's own fields: name, functional unit, region, year, GWP set, parameters (used in
 * amount expressions) and custom factors (each with its source).
 *
 * @fires lca-edit - `detail: { product }`, the edited product.
 */
@customElement('lca-product-settings')
export class LcaProductSettings extends LitElement {
  static override styles = [controls, css`
    .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 6px 10px; }
    label { display: flex; flex-direction: column; font-size: 12px; color: var(--lca-muted); gap: 2px; }
    label > input, label > select { color: var(--lca-fg); font-size: 14px; }
    .wide { grid-column: span 2; }
    table input { width: 100%; }
  `];

  @property({ attribute: false }) product!: Product;
  @property({ attribute: false }) issues: InputIssue[] = [];
  private readonly i18n = new LocaleController(this);

  private emit(product: Product): void {
    this.dispatchEvent(new CustomEvent('lca-edit', { detail: { product }, bubbles: true, composed: true }));
  }

  private set<K extends keyof Product>(key: K, value: Product[K] | undefined): void {
    const next = { ...this.product, [key]: value };
    if (value === undefined || value === '') delete next[key];
    this.emit(next);
  }

  override render() {
    void this.i18n;
    const p = this.product;
    const fu = p.functionalUnit;
    const err = (path: string) => describe(issuesAt(this.issues, path));
    return html`
      <div class="fields">
        <label class="wide">${t('product.name')}<input name="product-name" .value=${p.name}
          @input=${(e: Event) => this.set('name', (e.target as HTMLInputElement).value)} /></label>
        <label>${t('product.id')}<input .value=${p.id} @change=${(e: Event) => this.set('id', (e.target as HTMLInputElement).value.trim() || p.id)} /></label>
        <label>${t('product.fuAmount')}<input type="number" min="0" step="any" .value=${String(fu.amount)}
          @input=${(e: Event) => this.set('functionalUnit', { ...fu, amount: Number((e.target as HTMLInputElement).value) })} /></label>
        <label>${t('product.fuUnit')}<input .value=${fu.unit} @input=${(e: Event) => this.set('functionalUnit', { ...fu, unit: (e.target as HTMLInputElement).value })} /></label>
        <label class="wide">${t('product.fuDescription')}<input .value=${fu.description ?? ''}
          @input=${(e: Event) => this.set('functionalUnit', { ...fu, description: (e.target as HTMLInputElement).value || undefined })} /></label>
        <label>${t('product.region')}<input .value=${p.region ?? ''} placeholder="CN"
          @change=${(e: Event) => this.set('region', (e.target as HTMLInputElement).value.trim() || undefined)} /></label>
        <label>${t('product.year')}<input type="number" .value=${p.year === undefined ? '' : String(p.year)}
          @change=${(e: Event) => { const v = (e.target as HTMLInputElement).value; this.set('year', v ? Math.round(Number(v)) : undefined); }} /></label>
        <label>${t('product.gwp')}<select @change=${(e: Event) => this.set('gwp', (e.target as HTMLSelectElement).value as Product['gwp'])}>
          ${GWP_SETS.map((g) => html`<option value=${g} ?selected=${(p.gwp ?? 'AR6') === g}>IPCC ${g} GWP100</option>`)}</select></label>
      </div>
      ${err('/functionalUnit') || err('/name') ? html`<div class="field-error" role="alert">${err('/functionalUnit')} ${err('/name')}</div>` : nothing}
      ${this.renderParameters()}
      ${this.renderFactors()}
    `;
  }

  private renderParameters() {
    const params = Object.entries(this.product.parameters ?? {});
    const write = (entries: [string, ParameterValue][]) => this.set('parameters', entries.length ? Object.fromEntries(entries) : undefined);
    return html`
      <h3>${t('product.parameters')}</h3>
      ${params.length ? html`<table data-testid="parameters">
        <thead><tr><th>${t('product.paramName')}</th><th>${t('product.paramValue')}</th><th></th></tr></thead>
        ${params.map(([name, value], i) => html`<tr>
          <td><input aria-label=${t('product.paramName')} .value=${name}
            @change=${(e: Event) => write(params.map((x, j) => (j === i ? [(e.target as HTMLInputElement).value.trim(), x[1]] : x)))} /></td>
          <td><lca-amount-input label=${t('product.paramValueOf', { name })} .value=${amountText(value)} .error=${describe(issuesAt(this.issues, `/parameters/${name}`))}
            @lca-change=${(e: CustomEvent<string>) => write(params.map((x, j) => (j === i ? [x[0], parameterValue(e.detail)] : x)))}></lca-amount-input></td>
          <td><button class="icon" aria-label=${t('common.delete')} @click=${() => write(params.filter((_, j) => j !== i))}>✕</button></td>
        </tr>`)}</table>` : html`<p class="muted">${t('product.noParameters')}</p>`}
      <button @click=${() => write([...params, [freshName(params.map(([n]) => n)), 1]])}>+ ${t('product.addParameter')}</button>
    `;
  }

  private renderFactors() {
    const factors = this.product.factors ?? [];
    const write = (next: CustomFactor[]) => this.set('factors', next.length ? next : undefined);
    const edit = (i: number, patch: Partial<CustomFactor>) => write(factors.map((f, j) => {
      if (j !== i) return f;
      const n = { ...f, ...patch };
      for (const k of Object.keys(patch) as (keyof CustomFactor)[]) if (patch[k] === undefined) delete n[k];
      return n;
    }));
    return html`
      <h3>${t('product.customFactors')}</h3>
      ${factors.length ? html`<table>
        <thead><tr><th>${t('picker.id')}</th><th>${t('picker.name')}</th><th>${t('picker.unit')}</th><th>kg CO₂e / ${t('picker.unit')}</th><th>${t('picker.source')}</th><th></th></tr></thead>
        ${factors.map((f, i) => html`<tr>
          <td><input aria-label=${t('picker.id')} .value=${f.id} @change=${(e: Event) => edit(i, { id: (e.target as HTMLInputElement).value.trim() })} /></td>
          <td><input aria-label=${t('picker.name')} .value=${f.name ?? ''} @input=${(e: Event) => edit(i, { name: (e.target as HTMLInputElement).value || undefined })} /></td>
          <td><input aria-label=${t('picker.unit')} .value=${f.unit} @change=${(e: Event) => edit(i, { unit: (e.target as HTMLInputElement).value.trim() })} /></td>
          <td><input aria-label="kg CO2e" type="number" step="any" .value=${f.co2e === undefined ? '' : String(f.co2e)}
            @input=${(e: Event) => { const v = (e.target as HTMLInputElement).value; edit(i, { co2e: v === '' ? undefined : Number(v) }); }} /></td>
          <td><input aria-label=${t('picker.source')} .value=${f.source ?? ''} @input=${(e: Event) => edit(i, { source: (e.target as HTMLInputElement).value || undefined })} /></td>
          <td><button class="icon" aria-label=${t('common.delete')} @click=${() => write(factors.filter((_, j) => j !== i))}>✕</button></td>
        </tr>
        ${describe(issuesAt(this.issues, `/factors/${i}`)) ? html`<tr><td colspan="6" class="field-error" role="alert">${describe(issuesAt(this.issues, `/factors/${i}`))}</td></tr>` : nothing}`)}
      </table>` : nothing}
      <button @click=${() => write([...factors, { id: freshName(factors.map((f) => f.id), 'my-factor'), unit: 'kg', co2e: 0 }])}>+ ${t('product.addFactor')}</button>
    `;
  }
}

function parameterValue(text: string): ParameterValue {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

function freshName(taken: string[], base = 'p'): string {
  for (let i = taken.length + 1; ; i++) if (!taken.includes(`${base}${i}`)) return `${base}${i}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-product-settings': LcaProductSettings;
  }
}

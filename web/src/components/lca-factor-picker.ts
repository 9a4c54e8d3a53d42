import type { FactorHit, FactorLibrary } from '@greenlca/engine';
import { isOwnDataset, runtime } from '../engine/runtime.js';
import type { CustomFactor } from '@greenlca/schema';
import { html, LitElement, css } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController, localName, t, formatNumber } from '../i18n/i18n.js';
import { controls } from '../styles.js';

/** What the picker lists: a bundled factor hit or one of the product's own factors. */
interface Row {
  id: string;
  name: string;
  unit: string;
  value: string;
  region: string;
  year: string;
  source: string;
  /** The licence of one of the organisation's own factors (shown with a mark). */
  ownLicence?: string;
}

function valueText(co2e: number | undefined, gases: Record<string, number> | undefined): string {
  if (co2e !== undefined) return `${formatNumber(co2e)} kgCO₂e`;
  return Object.entries(gases ?? {}).map(([g, v]) => `${g} ${formatNumber(v)}`).join(', ');
}

function fromHit(hit: FactorHit): Row {
  const f = hit.factor;
  return {
    id: hit.id,
    name: localName(f.name),
    unit: f.unit,
    value: valueText(f.co2e, f.gases),
    region: f.region,
    year: String(f.year),
    source: [f.source.source, f.source.table].filter(Boolean).join(', ') + ` (${hit.dataset.id} ${hit.dataset.version})`,
    ...(isOwnDataset(hit.dataset.id) ? { ownLicence: f.licence } : {}),
  };
}

function fromCustom(f: CustomFactor): Row {
  return {
    id: f.id, name: f.name ?? f.id, unit: f.unit, value: valueText(f.co2e, f.gases), region: f.region ?? '—',
    year: f.year === undefined ? '—' : String(f.year), source: f.source ?? t('picker.noSource'),
  };
}

/**
 * A modal search over the bundled factor library and the product's own factors. Each row shows the
 * unit, value, region, data year and source citation, so the choice can be justified.
 *
 * @fires lca-pick - `detail: { id: string, unit: string }` when a factor is chosen.
 */
@customElement('lca-factor-picker')
export class LcaFactorPicker extends LitElement {
  static override styles = [controls, css`
    dialog { width: min(980px, 96vw); max-height: 86vh; padding: 0; border: 1px solid var(--lca-line); border-radius: 8px; }
    header { display: flex; gap: 8px; padding: 12px; border-bottom: 1px solid var(--lca-line); align-items: center; flex-wrap: wrap; }
    header input[type='search'] { flex: 1 1 260px; }
    .list { overflow: auto; max-height: calc(86vh - 120px); }
    tbody tr { cursor: pointer; }
    tbody tr:hover, tbody tr:focus-visible { background: var(--lca-accent-weak); }
    td.id { font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
    td.src { font-size: 12px; color: var(--lca-muted); max-width: 320px; }
    .own { display: inline-block; font-size: 11px; padding: 0 5px; margin-right: 4px; border-radius: 3px; background: var(--lca-accent); color: #fff; }
    footer { padding: 8px 12px; border-top: 1px solid var(--lca-line); display: flex; justify-content: space-between; }
  `];

  @property({ attribute: false }) library: FactorLibrary | undefined;
  @property({ attribute: false }) custom: CustomFactor[] = [];
  /** Region to prefer (the product's), offered as a filter. */
  @property() region = '';
  @state() private text = '';
  @state() private regionOnly = false;
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('input[type=search]') private searchBox!: HTMLInputElement;
  private readonly i18n = new LocaleController(this);

  /** Open the picker, optionally with a search text. */
  open(text = ''): void {
    this.text = text;
    this.dialog.showModal();
    void this.updateComplete.then(() => this.searchBox.select());
  }

  private rows(): Row[] {
    const words = this.text.toLowerCase().split(/\s+/).filter(Boolean);
    const custom = this.custom
      .filter((f) => words.every((w) => `${f.id} ${f.name ?? ''}`.toLowerCase().includes(w)))
      .map(fromCustom);
    const search = runtime()?.engine.searchFactors;
    const hits = this.library && search
      ? search(this.library, { text: this.text, limit: 60, ...(this.regionOnly && this.region ? { region: this.region } : {}) })
      : [];
    return [...custom, ...hits.map(fromHit)];
  }

  override render() {
    void this.i18n;
    const rows = this.dialog?.open ? this.rows() : [];
    return html`
      <dialog aria-label=${t('picker.title')} @close=${() => this.requestUpdate()}>
        <header>
          <strong>${t('picker.title')}</strong>
          <input type="search" aria-label=${t('picker.search')} placeholder=${t('picker.placeholder')} .value=${this.text}
            @input=${(e: Event) => (this.text = (e.target as HTMLInputElement).value)}
            @keydown=${this.onSearchKey} />
          ${this.region
            ? html`<label><input type="checkbox" .checked=${this.regionOnly}
                @change=${(e: Event) => (this.regionOnly = (e.target as HTMLInputElement).checked)} />
                ${t('picker.regionOnly', { region: this.region })}</label>`
            : null}
        </header>
        <div class="list">
          <table>
            <thead><tr>
              <th>${t('picker.id')}</th><th>${t('picker.name')}</th><th>${t('picker.unit')}</th><th>${t('picker.value')}</th>
              <th>${t('picker.region')}</th><th>${t('picker.year')}</th><th>${t('picker.source')}</th>
            </tr></thead>
            <tbody>
              ${rows.map((r) => html`
                <tr tabindex="0" data-factor=${r.id} @click=${() => this.pick(r)} @keydown=${(e: KeyboardEvent) => this.onRowKey(e, r)}>
                  <td class="id">${r.id}</td><td>${r.name}</td><td>${r.unit}</td><td class="num">${r.value}</td>
                  <td>${r.region}</td><td>${r.year}</td><td class="src">${r.ownLicence !== undefined
                    ? html`<span class="own" title=${t('picker.ownTitle')}>${t('picker.own')}</span>${t('picker.licence')}: ${r.ownLicence} · `
                    : null}${r.source}</td>
                </tr>`)}
            </tbody>
          </table>
          ${rows.length ? null : html`<p class="muted" style="padding: 12px">${this.library ? t('picker.none') : t('app.loadingFactors')}</p>`}
        </div>
        <footer>
          <span class="muted">${t('picker.count', { n: rows.length })}</span>
          <button @click=${() => this.dialog.close()}>${t('common.cancel')}</button>
        </footer>
      </dialog>
    `;
  }

  private onSearchKey(e: KeyboardEvent): void {
    // A search box's first Escape only clears it (then a second closes the dialog): one closes it here.
    if (e.key === 'Escape') {
      e.preventDefault();
      this.dialog.close();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      (this.renderRoot.querySelector('tbody tr') as HTMLElement | null)?.focus();
    }
  }

  private onRowKey(e: KeyboardEvent, row: Row): void {
    const tr = e.currentTarget as HTMLElement;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.pick(row);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      (tr.nextElementSibling as HTMLElement | null)?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      ((tr.previousElementSibling as HTMLElement | null) ?? this.searchBox).focus();
    }
  }

  private pick(row: Row): void {
    this.dialog.close();
    this.dispatchEvent(new CustomEvent('lca-pick', { detail: { id: row.id, unit: row.unit }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-factor-picker': LcaFactorPicker;
  }
}

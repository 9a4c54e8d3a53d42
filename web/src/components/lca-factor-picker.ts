import type { FactorHit, FactorLibrary, FactorQuery, UnitFit } from '@greenlca/engine';
import { isOwnDataset, runtime } from '../engine/runtime.js';
import type { CustomFactor, FactorCategory, Stage } from '@greenlca/schema';
import { html, LitElement, css, nothing } from 'lit';
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
  /** How the factor's unit fits the line's (absent when the line has no unit yet). */
  unitFit?: UnitFit;
  notes?: string[];
  /** The licence of one of the organisation's own factors (shown with a mark). */
  ownLicence?: string;
}

/** What the picker is choosing for: the line's unit and the kind of factor it needs, to rank by. */
export interface PickContext {
  /** The unit of the line's amount ("t*km", "kg"), when it has one. */
  unit?: string;
  category?: FactorCategory;
}

/** The kind of factor a line of each stage usually needs (a ranking hint, not a filter). */
const STAGE_CATEGORY: Partial<Record<Stage, FactorCategory>> = { transport: 'freight', use: 'electricity', endOfLife: 'waste', packaging: 'material' };

/** The unit of an amount as typed: "1200 t*km" → "t*km"; nothing for a bare number or an expression's start. */
export function unitOfAmount(amount: string): string | undefined {
  const m = /^\s*[-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:e[-+]?\d+)?\s*(.*)$/i.exec(amount);
  const unit = m?.[1]?.trim();
  return unit ? unit : undefined;
}

/** The picker's context for an inventory line: its amount's unit and its stage's usual kind of factor. */
export function lineContext(stage: Stage, amount: string): PickContext {
  const unit = unitOfAmount(amount);
  const category = STAGE_CATEGORY[stage];
  return { ...(unit ? { unit } : {}), ...(category ? { category } : {}) };
}

/** A product in China (CN, or a province or grid in it) filters to Chinese factors by default. */
const inChina = (region: string) => /^CN(-|$)/i.test(region.trim());

function valueText(co2e: number | undefined, gases: Record<string, number> | undefined): string {
  if (co2e !== undefined) return `${formatNumber(co2e)} kgCO₂e`;
  return Object.entries(gases ?? {}).map(([g, v]) => `${g} ${formatNumber(v)}`).join(', ');
}

function fromHit(hit: FactorHit): Row {
  const f = hit.factor;
  return {
    ...(hit.unitFit ? { unitFit: hit.unitFit } : {}),
    ...(hit.notes ? { notes: hit.notes.map((n) => localName(n)) } : {}),
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
    tr.incompatible td { color: var(--lca-muted); }
    .unit-warn { display: block; font-size: 12px; color: var(--lca-error); }
    .note { display: block; font-size: 12px; color: var(--lca-muted); }
    .elsewhere { padding: 8px 12px; margin: 0; }
    .own { display: inline-block; font-size: 11px; padding: 0 5px; margin-right: 4px; border-radius: 3px; background: var(--lca-accent); color: #fff; }
    footer { padding: 8px 12px; border-top: 1px solid var(--lca-line); display: flex; justify-content: space-between; }
  `];

  @property({ attribute: false }) library: FactorLibrary | undefined;
  @property({ attribute: false }) custom: CustomFactor[] = [];
  /** Region to prefer (the product's), offered as a filter. */
  @property() region = '';
  @state() private text = '';
  @state() private regionOnly = false;
  @state() private context: PickContext = {};
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('input[type=search]') private searchBox!: HTMLInputElement;
  private readonly i18n = new LocaleController(this);

  /**
   * Open the picker, optionally with a search text and what the factor is for (the line's unit and
   * kind), which ranks the factors that fit first. A product in China starts filtered to China.
   */
  open(text = '', context: PickContext = {}): void {
    this.text = text;
    this.context = context;
    this.regionOnly = inChina(this.region);
    this.dialog.showModal();
    void this.updateComplete.then(() => this.searchBox.select());
  }

  /** The search every caller shares (engine searchFactors with the bundled vocabulary), for this line. */
  private search(regionOnly: boolean, limit: number): FactorHit[] {
    const rt = runtime();
    if (!this.library || !rt) return [];
    const query: FactorQuery = { text: this.text, limit, vocabulary: rt.vocabulary };
    if (this.context.unit) query.unit = this.context.unit;
    if (this.context.category) query.preferCategory = this.context.category;
    if (this.region) {
      query.nearRegion = this.region;
      if (regionOnly) query.region = this.region;
    }
    return rt.engine.searchFactors(this.library, query);
  }

  /**
   * The rows to list, and whether the region filter was widened: when the product's region has no
   * factor of the line's unit for these words (China has no bundled material factors), every region's
   * are listed under a notice rather than an empty list.
   */
  private rows(): { rows: Row[]; widened: boolean } {
    const words = this.text.toLowerCase().split(/\s+/).filter(Boolean);
    const custom = this.custom
      .filter((f) => words.every((w) => `${f.id} ${f.name ?? ''}`.toLowerCase().includes(w)))
      .map(fromCustom);
    const filtered = this.regionOnly && !!this.region;
    let hits = this.search(filtered, 60);
    let widened = false;
    if (filtered && !hits.some((h) => h.unitFit !== 'incompatible')) {
      const all = this.search(false, 60);
      if (all.some((h) => h.unitFit !== 'incompatible')) {
        hits = all;
        widened = true;
      }
    }
    return { rows: [...custom, ...hits.map(fromHit)], widened };
  }

  override render() {
    void this.i18n;
    const { rows, widened } = this.dialog?.open ? this.rows() : { rows: [], widened: false };
    const unit = this.context.unit;
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
        ${widened ? html`<p class="elsewhere" role="status" data-testid="picker-elsewhere">${t('picker.elsewhere', { region: this.region })}</p>` : nothing}
        <div class="list">
          <table>
            <thead><tr>
              <th>${t('picker.id')}</th><th>${t('picker.name')}</th><th>${t('picker.unit')}</th><th>${t('picker.value')}</th>
              <th>${t('picker.region')}</th><th>${t('picker.year')}</th><th>${t('picker.source')}</th>
            </tr></thead>
            <tbody>
              ${rows.map((r) => html`
                <tr tabindex="0" data-factor=${r.id} data-unit-fit=${r.unitFit ?? ''} class=${r.unitFit === 'incompatible' ? 'incompatible' : ''}
                  @click=${() => this.pick(r)} @keydown=${(e: KeyboardEvent) => this.onRowKey(e, r)}>
                  <td class="id">${r.id}</td>
                  <td>${r.name}${(r.notes ?? []).map((n) => html`<span class="note">${n}</span>`)}</td>
                  <td>${r.unit}${r.unitFit === 'incompatible' && unit ? html`<span class="unit-warn">${t('picker.unitMismatch', { unit })}</span>` : nothing}</td>
                  <td class="num">${r.value}</td>
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

import type { FactorLibrary } from '@greenlca/engine';
import type { ResultLine } from '@greenlca/schema';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { formatNumber, LocaleController, localName, stageName, t } from '../i18n/i18n.js';
import { controls } from '../styles.js';

/**
 * How one number was made: amount × factor = kg CO2e, with the factor's citation (source, table,
 * dataset version, licence, region, year, link). Every number in the results opens this.
 */
@customElement('lca-trace-dialog')
export class LcaTraceDialog extends LitElement {
  static override styles = [controls, css`
    dialog { width: min(720px, 94vw); border: 1px solid var(--lca-line); border-radius: 8px; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0; }
    dt { color: var(--lca-muted); }
    dd { margin: 0; word-break: break-word; }
    .formula { font-size: 16px; margin: 10px 0; padding: 8px; background: var(--lca-panel); border-radius: 6px; font-variant-numeric: tabular-nums; }
    footer { text-align: right; margin-top: 12px; }
  `];

  @property({ attribute: false }) library: FactorLibrary | undefined;
  @state() private line: ResultLine | undefined;
  @query('dialog') private dialog!: HTMLDialogElement;
  private readonly i18n = new LocaleController(this);

  show(line: ResultLine): void {
    this.line = line;
    void this.updateComplete.then(() => this.dialog.showModal());
  }

  override render() {
    void this.i18n;
    const l = this.line;
    const bundled = l?.factor ? this.library?.factor(l.factor) : undefined;
    return html`
      <dialog aria-label=${t('trace.title')}>
        ${l ? html`
          <h2>${l.label}</h2>
          <div class="formula" data-testid="trace-formula">
            ${formatNumber(l.amount.value, 6)} ${l.amount.unit} × ${formatNumber(l.factorValue.kgCO2e, 6)} kg CO₂e/${l.factorValue.unit}
            = <strong>${formatNumber(l.kgCO2e, 6)} kg CO₂e</strong>
          </div>
          <dl>
            <dt>${t('trace.stage')}</dt><dd>${stageName(l.stage)}</dd>
            <dt>${t('trace.where')}</dt><dd><code>${l.path}</code>${l.component ? html` · ${t('trace.component')} <code>${l.component}</code>` : nothing}</dd>
            <dt>${l.substance ? t('trace.substance') : t('trace.factor')}</dt>
            <dd><code>${l.factor ?? l.substance}</code>${bundled ? html` — ${localName(bundled.factor.name)}` : nothing}</dd>
            ${bundled?.factor.boundary ? html`<dt>${t('trace.boundary')}</dt><dd>${bundled.factor.boundary}</dd>` : nothing}
            <dt>${t('trace.byGas')}</dt><dd>${Object.entries(l.byGas).map(([g, v]) => `${g}: ${formatNumber(v)} kg CO₂e`).join(' · ')}</dd>
            <dt>${t('trace.source')}</dt><dd data-testid="trace-source">${l.source.citation}</dd>
            ${bundled?.factor.source.table ? html`<dt>${t('trace.table')}</dt><dd>${bundled.factor.source.table}${bundled.factor.source.row ? ` / ${bundled.factor.source.row}` : ''}</dd>` : nothing}
            ${l.source.dataset ? html`<dt>${t('trace.dataset')}</dt><dd>${l.source.dataset} ${l.source.datasetVersion ?? ''}${bundled ? ` (${bundled.dataset.edition})` : ''}</dd>` : nothing}
            ${l.source.licence ? html`<dt>${t('trace.licence')}</dt><dd>${l.source.licence}</dd>` : nothing}
            ${l.source.region || l.source.year ? html`<dt>${t('trace.regionYear')}</dt><dd>${l.source.region ?? '—'} · ${l.source.year ?? '—'}</dd>` : nothing}
            ${l.source.url ? html`<dt>URL</dt><dd><a href=${l.source.url} target="_blank" rel="noopener">${l.source.url}</a></dd>` : nothing}
            ${bundled?.factor.notes ? html`<dt>${t('trace.notes')}</dt><dd>${bundled.factor.notes}</dd>` : nothing}
          </dl>` : nothing}
        <footer><button class="primary" @click=${() => this.dialog.close()}>${t('common.close')}</button></footer>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-trace-dialog': LcaTraceDialog;
  }
}

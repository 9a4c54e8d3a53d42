import type { FactorLibrary } from '@greenlca/engine';
import type { ResultLine } from '@greenlca/schema';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { factorName, lineLabel } from '../i18n/factor-name.js';
import { formatNumber, LocaleController, stageName, t } from '../i18n/i18n.js';
import { controls } from '../styles.js';

/**
 * What a trace asks for: one line (by its path), or a group of lines under a title — the lines given,
 * or those of a component (with its parts) or those emitting a gas.
 */
export type TraceRequest =
  | { path: string }
  | ({ title: string; lines?: ResultLine[]; component?: string; gas?: string } & Measure);

/**
 * A number in a unit other than kg CO2e (an impact category's, an inventory amount's): `values` gives
 * each line's part of it (an impact category gives one per line); without them the lines are those the
 * number is made of, each listed with its own amount, and `amount` is the number itself.
 */
export interface Measure {
  unit?: string | undefined;
  values?: Record<string, number> | undefined;
  amount?: number | undefined;
}

/** A group of lines to list, and the gas they are listed for (its share of each line), if any. */
export interface TraceGroup extends Measure {
  title: string;
  lines: ResultLine[];
  gas?: string | undefined;
}

/** The lines a group request names, from a result. */
export function linesOf(all: readonly ResultLine[], request: Exclude<TraceRequest, { path: string }>): ResultLine[] {
  if (request.lines) return request.lines;
  const { component, gas } = request;
  return all.filter((l) => (component === undefined || l.component === component || !!l.component?.startsWith(`${component}/`))
    && (gas === undefined || (l.byGas[gas] ?? 0) !== 0));
}

/**
 * How one number was made: amount × factor = kg CO2e, with the factor's citation (source, table,
 * dataset version, licence, region, year, link). Every number in the results opens this; a number
 * made of several lines (a part with its parts, a gas, a flow) opens the list of them, each of which
 * opens its own trace.
 */
@customElement('lca-trace-dialog')
export class LcaTraceDialog extends LitElement {
  static override styles = [controls, css`
    dialog { width: min(720px, 94vw); border: 1px solid var(--lca-line); border-radius: 8px; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 14px; margin: 0; }
    dt { color: var(--lca-muted); }
    dd { margin: 0; word-break: break-word; }
    .formula { font-size: 16px; margin: 10px 0; padding: 8px; background: var(--lca-panel); border-radius: 6px; font-variant-numeric: tabular-nums; }
    footer { display: flex; justify-content: space-between; margin-top: 12px; }
    footer .close { margin-left: auto; }
    .lines { max-height: 55vh; overflow: auto; }
    .lines td.src { font-size: 12px; color: var(--lca-muted); }
    .lines td.id code { font-size: 12px; overflow-wrap: anywhere; }
    .lines button.link { text-align: left; }
  `];

  @property({ attribute: false }) library: FactorLibrary | undefined;
  @state() private line: ResultLine | undefined;
  @state() private group: TraceGroup | undefined;
  @query('dialog') private dialog!: HTMLDialogElement;
  private readonly i18n = new LocaleController(this);

  /** One line's trace. */
  show(line: ResultLine): void {
    this.group = undefined;
    this.line = line;
    void this.open();
  }

  /** The lines that make up a number, largest first; each opens its own trace. */
  showLines(group: TraceGroup): void {
    const size = (l: ResultLine) => Math.abs(group.values ? (group.values[l.path] ?? 0) : group.gas ? (l.byGas[group.gas] ?? 0) : l.kgCO2e);
    this.group = { ...group, lines: [...group.lines].sort((a, b) => size(b) - size(a)) };
    this.line = undefined;
    void this.open();
  }

  private async open(): Promise<void> {
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
  }

  override render() {
    void this.i18n;
    const l = this.line;
    return html`
      <dialog aria-label=${t('trace.title')}>
        ${l ? this.renderLine(l) : this.group ? this.renderGroup(this.group) : nothing}
        <footer>
          ${l && this.group
            ? html`<button data-action="trace-back" @click=${() => (this.line = undefined)}>${t('trace.back')}</button>` : nothing}
          <button class="primary close" @click=${() => this.dialog.close()}>${t('common.close')}</button>
        </footer>
      </dialog>
    `;
  }

  private renderGroup(g: TraceGroup) {
    if (g.unit) return this.renderMeasure(g, g.unit);
    const kg = (l: ResultLine) => (g.gas ? (l.byGas[g.gas] ?? 0) : l.kgCO2e);
    const sum = g.lines.reduce((s, l) => s + kg(l), 0);
    return html`
      <h2>${g.title}</h2>
      <div class="formula" data-testid="trace-sum" data-kg=${String(sum)}>
        ${g.gas ? t('trace.sumGas', { n: g.lines.length, gas: g.gas }) : t('trace.sum', { n: g.lines.length })}
        = <strong>${formatNumber(sum, 6)} kg CO₂e</strong>
      </div>
      ${g.lines.length ? html`<div class="lines"><table data-testid="trace-lines">
        <thead><tr><th>${t('results.line')}</th><th>${t('trace.stage')}</th><th>${t('trace.factor')}</th><th class="num">kg CO₂e</th><th>${t('trace.source')}</th></tr></thead>
        <tbody>${g.lines.map((x) => html`<tr data-path=${x.path}>
          <td><button class="link" @click=${() => (this.line = x)}>${lineLabel(this.library, x)}</button></td>
          <td>${stageName(x.stage)}</td>
          <td class="id"><code>${x.factor ?? x.substance}</code></td>
          <td class="num">${formatNumber(kg(x))}</td>
          <td class="src">${x.source.citation}</td>
        </tr>`)}</tbody>
      </table></div>` : html`<p class="muted">${t('trace.none')}</p>`}
    `;
  }

  /** The lines of a number in its own unit: each line's part of it, or (for an inventory amount) each line's own amount. */
  private renderMeasure(g: TraceGroup, unit: string) {
    const values = g.values;
    const value = values ? g.lines.reduce((s, l) => s + (values[l.path] ?? 0), 0) : (g.amount ?? 0);
    return html`
      <h2>${g.title}</h2>
      <div class="formula" data-testid="trace-sum" data-value=${String(value)} data-unit=${unit}>
        ${values ? t('trace.sumIn', { n: g.lines.length }) : t('trace.madeOf', { n: g.lines.length })}
        = <strong>${formatNumber(value, 6)} ${unit}</strong>
      </div>
      ${g.lines.length ? html`<div class="lines"><table data-testid="trace-lines">
        <thead><tr><th>${t('results.line')}</th><th>${t('trace.stage')}</th><th>${t('trace.factor')}</th>
          <th class="num">${values ? unit : t('trace.lineAmount')}</th><th class="num">kg CO₂e</th></tr></thead>
        <tbody>${g.lines.map((x) => html`<tr data-path=${x.path}>
          <td><button class="link" @click=${() => (this.line = x)}>${lineLabel(this.library, x)}</button></td>
          <td>${stageName(x.stage)}</td>
          <td class="id"><code>${x.factor ?? x.substance}</code></td>
          <td class="num">${values ? formatNumber(values[x.path] ?? 0) : `${formatNumber(x.amount.value)} ${x.amount.unit}`}</td>
          <td class="num">${formatNumber(x.kgCO2e)}</td>
        </tr>`)}</tbody>
      </table></div>` : html`<p class="muted">${t('trace.none')}</p>`}
    `;
  }

  private renderLine(l: ResultLine) {
    const bundled = l.factor ? this.library?.factor(l.factor) : undefined;
    return html`
          <h2>${lineLabel(this.library, l)}</h2>
          <div class="formula" data-testid="trace-formula">
            ${formatNumber(l.amount.value, 6)} ${l.amount.unit} × ${formatNumber(l.factorValue.kgCO2e, 6)} kg CO₂e/${l.factorValue.unit}
            = <strong>${formatNumber(l.kgCO2e, 6)} kg CO₂e</strong>
          </div>
          <dl>
            <dt>${t('trace.stage')}</dt><dd>${stageName(l.stage)}</dd>
            <dt>${t('trace.where')}</dt><dd><code>${l.path}</code>${l.component ? html` · ${t('trace.component')} <code>${l.component}</code>` : nothing}</dd>
            <dt>${l.substance ? t('trace.substance') : t('trace.factor')}</dt>
            <dd><code>${l.factor ?? l.substance}</code>${bundled ? html` — ${factorName(this.library, undefined, l.factor)}` : nothing}</dd>
            ${bundled?.factor.boundary ? html`<dt>${t('trace.boundary')}</dt><dd>${bundled.factor.boundary}</dd>` : nothing}
            <dt>${t('trace.byGas')}</dt><dd>${Object.entries(l.byGas).map(([g, v]) => `${g}: ${formatNumber(v)} kg CO₂e`).join(' · ')}</dd>
            <dt>${t('trace.source')}</dt><dd data-testid="trace-source">${l.source.citation}</dd>
            ${bundled?.factor.source.table ? html`<dt>${t('trace.table')}</dt><dd>${bundled.factor.source.table}${bundled.factor.source.row ? ` / ${bundled.factor.source.row}` : ''}</dd>` : nothing}
            ${l.source.dataset ? html`<dt>${t('trace.dataset')}</dt><dd>${l.source.dataset} ${l.source.datasetVersion ?? ''}${bundled ? ` (${bundled.dataset.edition})` : ''}</dd>` : nothing}
            ${l.source.licence ? html`<dt>${t('trace.licence')}</dt><dd>${l.source.licence}</dd>` : nothing}
            ${l.source.region || l.source.year ? html`<dt>${t('trace.regionYear')}</dt><dd>${l.source.region ?? '—'} · ${l.source.year ?? '—'}</dd>` : nothing}
            ${l.source.url ? html`<dt>URL</dt><dd><a href=${l.source.url} target="_blank" rel="noopener">${l.source.url}</a></dd>` : nothing}
            ${bundled?.factor.notes ? html`<dt>${t('trace.notes')}</dt><dd>${bundled.factor.notes}</dd>` : nothing}
          </dl>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-trace-dialog': LcaTraceDialog;
  }
}

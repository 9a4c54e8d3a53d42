import type { FactorLibrary } from '@greenlca/engine';
import type { CalculationResult, EmissionEntry, EndOfLifeEntry, EnergyEntry, Inventory, MaterialEntry, ResultLine, Stage } from '@greenlca/schema';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { factorName } from '../i18n/factor-name.js';
import { formatNumber, LocaleController, stageName, t, type MessageKey } from '../i18n/i18n.js';
import { entryLines, entryStages } from '../model/impact-view.js';
import { controls } from '../styles.js';
import type { TraceRequest } from './lca-trace-dialog.js';

export type InventoryKind = 'materials' | 'energy' | 'emissions' | 'endOfLife';
export const INVENTORY_KINDS: readonly InventoryKind[] = ['materials', 'energy', 'emissions', 'endOfLife'];

type Entry = MaterialEntry | EnergyEntry | EmissionEntry | EndOfLifeEntry;

/** A row of an inventory table: what it is, and the entry whose numbers it shows. */
interface Row {
  key: string;
  name: TemplateResult | string;
  /** Plain name for the trace dialog's title and the buttons' accessible names. */
  title: string;
  detail: TemplateResult | string | typeof nothing;
  entry: Entry;
  /** A second amount (MJ of an energy line), if any. */
  extra?: string | undefined;
}

const msg = (key: string) => t(key as MessageKey);

/**
 * The result's material, energy, emission and end-of-life inventories (`result.inventory`): each entry's
 * amount, its amounts by stage, and the totals. Every number opens the lines it is made of in the trace
 * dialog (and each line its factor and citation). Lines whose factor gives only a CO2e total have no
 * emissions here: they are listed as a gap, not counted as nothing.
 *
 * @fires lca-trace - `{ title, lines, unit, amount }` for a number.
 */
@customElement('lca-inventory-results')
export class LcaInventoryResults extends LitElement {
  static override styles = [controls, css`
    :host { display: block; }
    .totals { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 4px 0 10px; }
    .totals div { display: flex; flex-direction: column; }
    .totals span { font-size: 12px; color: var(--lca-muted); }
    .totals strong { font-size: 18px; color: var(--lca-accent); font-variant-numeric: tabular-nums; }
    .scroll { overflow-x: auto; }
    td.item { min-width: 10em; overflow-wrap: anywhere; }
    td.item .detail { font-size: 11px; color: var(--lca-muted); line-height: 1.3; }
    td.item code { font-size: 11px; overflow-wrap: anywhere; }
    td.num { white-space: nowrap; }
    ul.stages { list-style: none; margin: 0; padding: 0; font-size: 12px; }
    ul.stages li { white-space: nowrap; }
    .tag { display: inline-block; font-size: 11px; border-radius: 3px; padding: 0 5px; background: var(--lca-accent-weak); color: var(--lca-accent); margin-right: 4px; }
    .tag.warn { background: #fff4dc; color: var(--lca-warn); }
    .gap { border-left: 4px solid var(--lca-warn); background: #fff4dc; padding: 6px 10px; margin: 10px 0; border-radius: 0 6px 6px 0; font-size: 13px; }
    .stale { color: var(--lca-warn); font-size: 12px; }
  `];

  @property() kind: InventoryKind = 'materials';
  /** The last complete engine result (the live one has no inventories). */
  @property({ attribute: false }) result: CalculationResult | undefined;
  @property({ type: Boolean }) stale = false;
  /** The bundled factors, for their names in the page language (the inventory names them in English). */
  @property({ attribute: false }) library: FactorLibrary | undefined;
  private readonly i18n = new LocaleController(this);

  override render() {
    void this.i18n;
    const r = this.result;
    const inv = r?.inventory;
    if (!r || !inv) return html`<p class="muted" data-testid="no-inventory">${t('results.calculating')}</p>`;
    const rows = this.rows(inv);
    return html`
      ${this.stale ? html`<p class="stale">${t('impacts.updating')}</p>` : nothing}
      ${this.renderTotals(inv, r.lines)}
      ${rows.length ? html`<div class="scroll"><table data-testid=${`inventory-${this.kind}`}>
        <thead><tr><th>${msg(`lci.item.${this.kind}`)}</th><th class="num">${t('lci.amount')}</th><th>${t('results.byStage')}</th></tr></thead>
        <tbody>${rows.map((row) => this.renderRow(row, r.lines))}</tbody>
      </table></div>` : html`<p class="muted" data-testid="inventory-empty">${msg(`lci.none.${this.kind}`)}</p>`}
      ${this.renderGaps(inv, r.lines)}
    `;
  }

  private rows(inv: Inventory): Row[] {
    switch (this.kind) {
      case 'materials':
        return inv.materials.map((m) => ({
          key: `${m.factor}|${m.class}`, title: this.factorName(m.factor, m.name), entry: m,
          name: html`${m.class === 'packaging' ? html`<span class="tag">${t('lci.packaging')}</span>` : nothing}${m.content ? html`<span class="tag">${msg(`lci.content.${m.content}`)}</span>` : nothing}${this.factorName(m.factor, m.name)}`,
          detail: html`<code>${m.factor}</code>`,
        }));
      case 'energy':
        return inv.energy.map((e) => ({
          key: `${e.kind}|${e.factor}`, title: this.factorName(e.factor, e.carrier), entry: e,
          name: html`<span class="tag">${msg(`lci.energy.${e.kind}`)}</span>${this.factorName(e.factor, e.carrier)}`,
          detail: html`<code>${e.factor}</code>${e.region ? ` · ${e.region}` : ''}${e.basis ? ` · ${e.basis}` : ''}<br>${e.derivation}`,
          extra: e.finalMJ !== undefined ? `${formatNumber(e.finalMJ)} MJ` : undefined,
        }));
      case 'emissions':
        return [...inv.emissions].sort((a, b) => a.compartment.localeCompare(b.compartment) || a.substance.localeCompare(b.substance)).map((e) => {
          const name = e.origin ? `${e.substance} (${msg(`lci.origin.${e.origin}`)})` : e.substance;
          return {
            key: `${e.compartment}|${e.flow ?? e.substance}|${e.origin ?? ''}`, title: `${name} → ${msg(`lci.compartment.${e.compartment}`)}`, entry: e,
            name: html`<span class="tag">${msg(`lci.compartment.${e.compartment}`)}</span>${name}`,
            detail: e.flow ? html`<code>${e.flow}</code>` : nothing,
          };
        });
      case 'endOfLife':
        return inv.endOfLife.map((e) => ({
          key: `${e.route}|${e.withFactor}`, title: this.routeName(e.route), entry: e,
          name: html`${this.routeName(e.route)}${e.withFactor ? nothing : html` <span class="tag warn">${t('lci.noTreatment')}</span>`}`,
          detail: nothing,
        }));
    }
  }

  /** A bundled factor's name in the page language, else the name the inventory gives. */
  private factorName(id: string, fallback: string): string {
    return factorName(this.library, undefined, id) ?? fallback;
  }

  private routeName(route: string): string {
    const text = msg(`lci.route.${route}`);
    return text === `lci.route.${route}` ? route : text;
  }

  private renderRow(row: Row, lines: ResultLine[]) {
    const e = row.entry;
    const stages = entryStages(e);
    return html`<tr data-key=${row.key}>
      <td class="item">${row.name}${row.detail === nothing ? nothing : html`<div class="detail">${row.detail}</div>`}</td>
      <td class="num"><button class="link" data-amount=${String(e.amount)} aria-label=${t('lci.openAmount', { amount: `${formatNumber(e.amount)} ${e.unit}`, name: row.title })}
        @click=${() => this.trace(row.title, entryLines(e, lines), e.unit, e.amount)}>${formatNumber(e.amount)}&nbsp;${e.unit}</button>
        ${row.extra ? html`<div class="muted">${row.extra}</div>` : nothing}</td>
      <td><ul class="stages">${stages.map(([s, v]) => html`<li data-stage=${s}>${stageName(s)}
        <button class="link" aria-label=${t('lci.openStage', { name: row.title, stage: stageName(s) })}
          @click=${() => this.trace(`${row.title} · ${stageName(s)}`, entryLines(e, lines, s as Stage), e.unit, v)}>${formatNumber(v)}</button></li>`)}</ul></td>
    </tr>`;
  }

  private renderTotals(inv: Inventory, lines: ResultLine[]) {
    const t0 = inv.totals;
    const item = (label: string, value: number, unit: string, entries: Entry[]) => html`<div>
      <span>${label}</span><strong><button class="link" aria-label=${t('lci.openAmount', { amount: `${formatNumber(value)} ${unit}`, name: label })}
        @click=${() => this.trace(label, entries.flatMap((e) => entryLines(e, lines)).filter((l, i, all) => all.indexOf(l) === i), unit, value)}>${formatNumber(value)}</button></strong>
      <span>${unit}</span></div>`;
    switch (this.kind) {
      case 'materials':
        return html`<div class="totals" data-testid="inventory-totals">
          ${item(t('lci.total.material'), t0.materialKg, 'kg', inv.materials.filter((m) => m.class === 'material'))}
          ${item(t('lci.total.packaging'), t0.packagingKg, 'kg', inv.materials.filter((m) => m.class === 'packaging'))}</div>`;
      case 'energy':
        return html`<div class="totals" data-testid="inventory-totals">
          ${item(t('lci.total.electricity'), t0.electricityKWh, 'kWh', inv.energy.filter((e) => e.kind === 'electricity'))}
          ${item(t('lci.total.finalEnergy'), t0.finalEnergyMJ, 'MJ', inv.energy.filter((e) => e.finalMJ !== undefined))}</div>`;
      case 'endOfLife': {
        const kg = inv.endOfLife.filter((e) => e.unit === 'kg').reduce((s, e) => s + e.amount, 0);
        return html`<div class="totals" data-testid="inventory-totals">${item(t('lci.total.endOfLife'), kg, 'kg', inv.endOfLife)}</div>`;
      }
      case 'emissions':
        return nothing;
    }
  }

  /** What the inventory cannot say: lines with no emissions known substance by substance, energy with no MJ. */
  private renderGaps(inv: Inventory, lines: ResultLine[]) {
    const cov = inv.coverage;
    if (this.kind === 'emissions' && cov.linesWithoutEmissions.length) {
      const gap = entryLines({ lines: cov.linesWithoutEmissions }, lines);
      const share = cov.emissionsKnownKgCO2e + cov.emissionsUnknownKgCO2e === 0 ? 0 : cov.emissionsUnknownKgCO2e / (cov.emissionsKnownKgCO2e + cov.emissionsUnknownKgCO2e);
      return html`<div class="gap" data-testid="emissions-gap">
        ${t('lci.emissionsGap', { n: gap.length, kg: formatNumber(cov.emissionsUnknownKgCO2e), share: formatNumber(share * 100, 3) })}
        <button class="link" data-action="trace-emissions-gap" @click=${() => this.traceLines(t('lci.emissionsGapTitle'), gap)}>${t('lci.showLines')}</button>
      </div>`;
    }
    if (this.kind === 'energy' && cov.energyWithoutMJ.length) {
      const gap = entryLines({ lines: cov.energyWithoutMJ }, lines);
      return html`<div class="gap" data-testid="energy-gap">${t('lci.energyGap', { n: gap.length })}
        <button class="link" @click=${() => this.traceLines(t('lci.energyGapTitle'), gap)}>${t('lci.showLines')}</button></div>`;
    }
    return nothing;
  }

  private trace(title: string, lines: ResultLine[], unit: string, amount: number): void {
    this.dispatchEvent(new CustomEvent('lca-trace', { detail: { title, lines, unit, amount } satisfies TraceRequest, bubbles: true, composed: true }));
  }

  private traceLines(title: string, lines: ResultLine[]): void {
    this.dispatchEvent(new CustomEvent('lca-trace', { detail: { title, lines } satisfies TraceRequest, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-inventory-results': LcaInventoryResults;
  }
}

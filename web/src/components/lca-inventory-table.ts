import type { FactorLibrary, InputIssue } from '@greenlca/engine';
import { STAGES, type InventoryLine, type Product, type ResultLine, type Stage } from '@greenlca/schema';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { describe, issuesAt, amountText } from '../engine/issues.js';
import { formatNumber, LocaleController, stageName, t } from '../i18n/i18n.js';
import { addLine, componentPaths, emptyLine, removeLine, setLine } from '../model/edit.js';
import { controls } from '../styles.js';
import type { LcaFactorPicker } from './lca-factor-picker.js';
import './lca-amount-input.js';
import './lca-factor-picker.js';

/**
 * Inventory lines grouped by life-cycle stage: the factor (chosen with the picker), the amount
 * (checked by the engine as it is typed), an optional component it belongs to, and its result.
 *
 * @fires lca-edit - `detail: { product }`, the edited product.
 * @fires lca-trace - `detail: { path }`, to show how a line's number was made.
 */
@customElement('lca-inventory-table')
export class LcaInventoryTable extends LitElement {
  static override styles = [controls, css`
    section { margin-bottom: 10px; }
    .stage-head { display: flex; align-items: baseline; gap: 8px; justify-content: space-between; background: var(--lca-panel); padding: 4px 6px; border-radius: 4px; }
    .stage-head h3 { margin: 0; color: var(--lca-fg); }
    table { table-layout: fixed; }
    td { padding: 2px 4px; }
    tr.row { content-visibility: auto; contain-intrinsic-size: auto 30px; }
    col.name { width: 20%; } col.factor { width: 28%; } col.amount { width: 26%; } col.comp { width: 12%; } col.kg { width: 9%; } col.del { width: 5%; }
    .factor-btn { width: 100%; text-align: left; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-family: ui-monospace, monospace; font-size: 12px; }
    .factor-btn.missing { color: var(--lca-error); border-color: var(--lca-error); }
    .unit { font-size: 11px; color: var(--lca-muted); }
    input.name, input.comp { width: 100%; }
    .kg button { font-variant-numeric: tabular-nums; }
  `];

  @property({ attribute: false }) product!: Product;
  @property({ attribute: false }) library: FactorLibrary | undefined;
  @property({ attribute: false }) issues: InputIssue[] = [];
  @property({ attribute: false }) lines: ResultLine[] = [];
  @query('lca-factor-picker') private picker!: LcaFactorPicker;
  private pickingFor: number | undefined;
  private readonly i18n = new LocaleController(this);

  private emit(product: Product): void {
    this.dispatchEvent(new CustomEvent('lca-edit', { detail: { product }, bubbles: true, composed: true }));
  }

  override render() {
    void this.i18n;
    const inventory = this.product.inventory ?? [];
    const byPath = new Map<string, number>();
    for (const l of this.lines) if (l.path.startsWith('/inventory/')) byPath.set(l.path, l.kgCO2e);
    const groups = new Map<Stage, number[]>(STAGES.map((s) => [s, []]));
    inventory.forEach((line, i) => groups.get(line.stage)?.push(i));
    const paths = componentPaths(this.product.components);
    return html`
      <datalist id="component-paths">${paths.map((p) => html`<option value=${p}></option>`)}</datalist>
      ${STAGES.map((stage) => this.renderStage(stage, groups.get(stage)!, inventory, byPath))}
      <lca-factor-picker .library=${this.library} .custom=${this.product.factors ?? []} region=${this.product.region ?? ''}
        @lca-pick=${this.onPick}></lca-factor-picker>
    `;
  }

  private renderStage(stage: Stage, indices: number[], inventory: InventoryLine[], byPath: Map<string, number>) {
    return html`
      <section aria-label=${stageName(stage)} data-stage=${stage}>
        <div class="stage-head">
          <h3>${stageName(stage)} <span class="muted">(${indices.length})</span></h3>
          <span>
            <button class="add-line" @click=${() => this.add(stage)} aria-label=${t('inventory.addIn', { stage: stageName(stage) })}>+ ${t('inventory.add')}</button>
            <button class="add-gas" @click=${() => this.addGas(stage)} aria-label=${t('inventory.addGasIn', { stage: stageName(stage) })}>+ ${t('inventory.addGas')}</button>
          </span>
        </div>
        ${indices.length ? html`
          <table>
            <colgroup><col class="name" /><col class="factor" /><col class="amount" /><col class="comp" /><col class="kg" /><col class="del" /></colgroup>
            <thead><tr>
              <th>${t('inventory.name')}</th><th>${t('inventory.factor')}</th><th>${t('inventory.amount')}</th>
              <th>${t('inventory.component')}</th><th class="num">kgCO₂e</th><th><span class="sr-only">${t('common.delete')}</span></th>
            </tr></thead>
            <tbody>${indices.map((i) => this.renderLine(i, inventory[i]!, byPath.get(`/inventory/${i}`)))}</tbody>
          </table>` : nothing}
      </section>
    `;
  }

  private renderLine(index: number, line: InventoryLine, kg: number | undefined) {
    const base = `/inventory/${index}`;
    const factorIssues = issuesAt(this.issues, `${base}/factor`).concat(issuesAt(this.issues, `${base}/substance`));
    const amountIssues = issuesAt(this.issues, `${base}/amount`);
    const rowIssues = this.issues.filter((i) => i.path === base);
    const compIssues = issuesAt(this.issues, `${base}/component`);
    const unit = this.unitOf(line);
    const label = line.name || line.factor || line.substance || t('inventory.line', { n: index + 1 });
    return html`
      <tr class="row" data-line=${index}>
        <td><input class="name" aria-label=${t('inventory.nameOf', { n: index + 1 })} .value=${line.name ?? ''}
          placeholder=${t('inventory.optional')}
          @input=${(e: Event) => this.emit(setLine(this.product, index, { name: (e.target as HTMLInputElement).value || undefined }))} /></td>
        <td>
          ${line.substance !== undefined
            ? html`<input aria-label=${t('inventory.substanceOf', { n: index + 1 })} .value=${line.substance}
                @input=${(e: Event) => this.emit(setLine(this.product, index, { substance: (e.target as HTMLInputElement).value }))} />`
            : html`<button class="factor-btn ${line.factor ? '' : 'missing'}" title=${line.factor ?? ''}
                aria-label=${t('inventory.chooseFactorFor', { label })} @click=${() => this.openPicker(index, line.factor)}>
                ${line.factor || t('inventory.chooseFactor')}</button>`}
          ${unit ? html`<div class="unit">${t('inventory.per', { unit })}</div>` : nothing}
          ${factorIssues.length || rowIssues.length ? html`<div class="field-error" role="alert">${describe([...factorIssues, ...rowIssues])}</div>` : nothing}
        </td>
        <td><lca-amount-input .value=${amountText(line.amount)} unit=${unit} .error=${describe(amountIssues)}
          label=${t('inventory.amountOf', { label })}
          @lca-change=${(e: CustomEvent<string>) => this.emit(setLine(this.product, index, { amount: e.detail }))}></lca-amount-input></td>
        <td><input class="comp" list="component-paths" aria-label=${t('inventory.componentOf', { label })} .value=${line.component ?? ''}
          aria-invalid=${compIssues.length ? 'true' : 'false'} title=${describe(compIssues)}
          @change=${(e: Event) => this.emit(setLine(this.product, index, { component: (e.target as HTMLInputElement).value || undefined }))} /></td>
        <td class="num kg">${kg === undefined ? html`<span class="muted">—</span>` : html`<button class="link" title=${t('trace.open')}
          @click=${() => this.trace(`/inventory/${index}`)}>${formatNumber(kg)}</button>`}</td>
        <td><button class="icon" aria-label=${t('inventory.remove', { label })} @click=${() => this.emit(removeLine(this.product, index))}>✕</button></td>
      </tr>
    `;
  }

  private unitOf(line: InventoryLine): string {
    if (line.substance !== undefined) return 'kg';
    if (!line.factor) return '';
    const custom = this.product.factors?.find((f) => f.id === line.factor);
    return custom?.unit ?? this.library?.factor(line.factor)?.factor.unit ?? '';
  }

  private add(stage: Stage): void {
    const product = addLine(this.product, emptyLine(stage));
    this.emit(product);
    this.openPicker((product.inventory ?? []).length - 1, '');
  }

  private addGas(stage: Stage): void {
    this.emit(addLine(this.product, { stage, substance: '', amount: '' } as InventoryLine));
  }

  private openPicker(index: number, current: string | undefined): void {
    this.pickingFor = index;
    this.picker.open(current ?? '');
  }

  private onPick(e: CustomEvent<{ id: string }>): void {
    if (this.pickingFor === undefined) return;
    const index = this.pickingFor;
    this.pickingFor = undefined;
    this.emit(setLine(this.product, index, { factor: e.detail.id }));
    // Move on to the amount, the next thing to type.
    void this.updateComplete.then(() => {
      const input = this.renderRoot.querySelector(`tr[data-line="${index}"] lca-amount-input`)?.shadowRoot?.querySelector('input');
      input?.focus();
    });
  }

  private trace(path: string): void {
    this.dispatchEvent(new CustomEvent('lca-trace', { detail: { path }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-inventory-table': LcaInventoryTable;
  }
}

import type { FactorLibrary, InputIssue } from '@greenlca/engine';
import { STAGES, type InventoryLine, type Product, type ResultLine, type Stage } from '@greenlca/schema';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { describe, issuesAt, amountText, original } from '../engine/issues.js';
import { factorName } from '../i18n/factor-name.js';
import { formatNumber, locale, LocaleController, stageName, t } from '../i18n/i18n.js';
import { addLine, componentPaths, emptyLine, removeLine, setLine } from '../model/edit.js';
import { controls } from '../styles.js';
import { lineContext, type LcaFactorPicker } from './lca-factor-picker.js';
import './lca-factor-picker.js';

const NO_ISSUES: InputIssue[] = [];
const FIRST_ROWS = 4;
const MORE_ROWS = 120;

/** A name is one line: Enter does not break it (the textarea only wraps it to fit). */
const noNewline = (e: KeyboardEvent) => {
  if (e.key === 'Enter') e.preventDefault();
};
/** Pasted line breaks become spaces. */
const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');

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
    /* Rows are grid blocks, not table rows: CSS containment (content-visibility) applies to blocks only,
       so rows off screen cost no layout or paint, and an edit relayouts one row, not 1,000. */
    .grid-row { display: grid; grid-template-columns: 20fr 28fr 26fr 12fr 9fr 5fr; gap: 0; border-bottom: 1px solid var(--lca-line); }
    .grid-row > div { padding: 2px 4px; min-width: 0; }
    .grid-row.head > div { font-weight: 600; color: var(--lca-muted); font-size: 12px; padding: 3px 4px; }
    .row { content-visibility: auto; contain-intrinsic-size: auto 34px; }
    /* A factor is shown by its name (in the page language) with its id under it; both wrap, neither is cut. */
    .factor-btn { width: 100%; text-align: left; white-space: normal; overflow-wrap: anywhere; font-size: 12px; line-height: 1.3; }
    .factor-btn code { display: block; font-family: ui-monospace, monospace; font-size: 11px; color: var(--lca-muted); }
    .factor-btn.missing { color: var(--lca-error); border-color: var(--lca-error); }
    .unit { font-size: 11px; color: var(--lca-muted); }
    input.comp, input.amount-input { width: 100%; }
    /* A line's name wraps onto more lines rather than being cut (an input cannot wrap): a one-row
       textarea that grows with its text, Enter does not break it. */
    textarea.name { display: block; width: 100%; resize: none; field-sizing: content; min-height: 0; overflow-wrap: anywhere; line-height: 1.3; }
    .kg button { font-variant-numeric: tabular-nums; }
    /* A line with an input error: marked where it is, and left out of every total (model/left-out.ts). */
    .row.broken { box-shadow: inset 3px 0 0 var(--lca-error); background: #fff8f7; }
    .left-out { color: var(--lca-error); font-size: 11px; }
  `];

  @property({ attribute: false }) product!: Product;
  @property({ attribute: false }) library: FactorLibrary | undefined;
  @property({ attribute: false }) issues: InputIssue[] = [];
  @property({ attribute: false }) lines: ResultLine[] = [];
  @query('lca-factor-picker') private picker!: LcaFactorPicker;
  private pickingFor: number | undefined;
  /**
   * Rows rendered per stage. A large product paints its first rows at once and the rest follow in
   * chunks while the page is idle, so opening 1,000 lines never blocks the first frame.
   */
  @state() private limit = FIRST_ROWS;
  private growing = false;
  private readonly i18n = new LocaleController(this);

  /** Issues by line index; a row's array keeps its identity while its issues read the same. */
  private rowIssues = new Map<number, InputIssue[]>();
  private rowIssueKeys = new Map<number, string>();

  override updated(): void {
    const longest = Math.max(0, ...STAGES.map((s) => (this.product.inventory ?? []).filter((l) => l.stage === s).length));
    // Grow only once a result is shown (or the factor library is here): the first result matters more than the last rows.
    if (longest > this.limit && !this.growing && (this.library || this.lines.length)) {
      this.growing = true;
      const idle = (window as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback
        ?? ((cb: () => void) => setTimeout(cb, 16));
      idle(() => {
        this.growing = false;
        this.limit += MORE_ROWS;
      }, { timeout: 100 });
    }
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('product') && changed.get('product')?.id !== this.product.id) this.limit = FIRST_ROWS;
    if (!changed.has('issues')) return;
    const grouped = new Map<number, InputIssue[]>();
    for (const issue of this.issues) {
      const m = /^\/inventory\/(\d+)(?:\/|$)/.exec(issue.path);
      if (!m) continue;
      const i = Number(m[1]);
      const list = grouped.get(i) ?? [];
      list.push(issue);
      grouped.set(i, list);
    }
    const next = new Map<number, InputIssue[]>();
    const keys = new Map<number, string>();
    for (const [i, list] of grouped) {
      const key = JSON.stringify(list);
      keys.set(i, key);
      next.set(i, this.rowIssueKeys.get(i) === key ? this.rowIssues.get(i)! : list);
    }
    this.rowIssues = next;
    this.rowIssueKeys = keys;
  }

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
          <div role="table" aria-label=${stageName(stage)}>
            <div class="grid-row head" role="row">
              <div role="columnheader">${t('inventory.name')}</div><div role="columnheader">${t('inventory.factor')}</div>
              <div role="columnheader">${t('inventory.amount')}</div><div role="columnheader">${t('inventory.component')}</div>
              <div role="columnheader" class="num">kgCO₂e</div><div role="columnheader"><span class="sr-only">${t('common.delete')}</span></div>
            </div>
            <div role="rowgroup">${indices.slice(0, this.limit).map((i) => {
              const line = inventory[i]!;
              const kg = byPath.get(`/inventory/${i}`);
              const issues = this.rowIssues.get(i) ?? NO_ISSUES;
              // Only the rows whose line, result or issues changed are rendered again: an edit touches one row of 1,000.
              return guard([line, i, kg, issues, this.product.factors, this.library, locale()], () => this.renderLine(i, line, kg, issues));
            })}</div>
          </div>` : nothing}
      </section>
    `;
  }

  private renderLine(index: number, line: InventoryLine, kg: number | undefined, issues: InputIssue[]) {
    const base = `/inventory/${index}`;
    const factorIssues = issuesAt(issues, `${base}/factor`).concat(issuesAt(issues, `${base}/substance`));
    const amountIssues = issuesAt(issues, `${base}/amount`);
    const rowIssues = issues.filter((i) => i.path === base);
    const compIssues = issuesAt(issues, `${base}/component`);
    const unit = this.unitOf(line);
    const label = line.name || line.factor || line.substance || t('inventory.line', { n: index + 1 });
    return html`
      <div class="grid-row row ${issues.length ? 'broken' : ''}" role="row" data-line=${index} data-broken=${issues.length ? 'true' : nothing}>
        <div role="cell"><textarea class="name" rows="1" aria-label=${t('inventory.nameOf', { n: index + 1 })} .value=${line.name ?? ''}
          placeholder=${t('inventory.optional')} @keydown=${noNewline}
          @input=${(e: Event) => this.emit(setLine(this.product, index, { name: oneLine((e.target as HTMLTextAreaElement).value) || undefined }))}></textarea></div>
        <div role="cell">
          ${line.substance !== undefined
            ? html`<input aria-label=${t('inventory.substanceOf', { n: index + 1 })} .value=${line.substance}
                @input=${(e: Event) => this.emit(setLine(this.product, index, { substance: (e.target as HTMLInputElement).value }))} />`
            : html`<button class="factor-btn ${line.factor ? '' : 'missing'}" title=${line.factor ?? ''}
                aria-label=${t('inventory.chooseFactorFor', { label })} @click=${() => this.openPicker(index, line.factor)}>
                ${line.factor ? html`${factorName(this.library, this.product.factors, line.factor) ?? nothing}<code>${line.factor}</code>` : t('inventory.chooseFactor')}</button>`}
          ${unit ? html`<div class="unit">${t('inventory.per', { unit })}</div>` : nothing}
          ${factorIssues.length || rowIssues.length ? html`<div class="field-error" role="alert" title=${original([...factorIssues, ...rowIssues])}>${describe([...factorIssues, ...rowIssues])}</div>` : nothing}
        </div>
        <div role="cell" class="amount">${this.amountField(index, line, unit, label, describe(amountIssues))}</div>
        <div role="cell"><input class="comp" list="component-paths" aria-label=${t('inventory.componentOf', { label })} .value=${line.component ?? ''}
          aria-invalid=${compIssues.length ? 'true' : 'false'} title=${describe(compIssues)}
          @change=${(e: Event) => this.emit(setLine(this.product, index, { component: (e.target as HTMLInputElement).value || undefined }))} /></div>
        <div role="cell" class="num kg">${kg === undefined ? (issues.length ? html`<span class="left-out">${t('inventory.leftOut')}</span>` : html`<span class="muted">—</span>`) : html`<button class="link" title=${t('trace.open')}
          @click=${() => this.trace(`/inventory/${index}`)}>${formatNumber(kg)}</button>`}</div>
        <div role="cell"><button class="icon" aria-label=${t('inventory.remove', { label })} @click=${() => this.emit(removeLine(this.product, index))}>✕</button></div>
      </div>
    `;
  }

  /**
   * The amount, checked by the engine as it is typed, with its error under it. Inline rather than an
   * element per row: 1,000 rows of shadow roots cost more than the whole calculation.
   */
  private amountField(index: number, line: InventoryLine, unit: string, label: string, error: string) {
    const id = `amount-error-${index}`;
    return html`<input class="amount-input" .value=${amountText(line.amount)} aria-label=${t('inventory.amountOf', { label })}
        aria-invalid=${error ? 'true' : 'false'} aria-describedby=${error ? id : nothing} placeholder=${unit ? `… ${unit}` : ''}
        spellcheck="false" autocomplete="off"
        @input=${(e: Event) => this.emit(setLine(this.product, index, { amount: (e.target as HTMLInputElement).value }))} />
      ${error ? html`<div id=${id} class="field-error" role="alert">${error}</div>` : nothing}`;
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
    const line = this.product.inventory?.[index];
    this.picker.open(current ?? '', line ? lineContext(line.stage, amountText(line.amount)) : {});
  }

  private onPick(e: CustomEvent<{ id: string }>): void {
    if (this.pickingFor === undefined) return;
    const index = this.pickingFor;
    this.pickingFor = undefined;
    this.emit(setLine(this.product, index, { factor: e.detail.id }));
    // Move on to the amount, the next thing to type.
    void this.updateComplete.then(() => {
      this.renderRoot.querySelector<HTMLInputElement>(`[data-line="${index}"] input.amount-input`)?.focus();
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

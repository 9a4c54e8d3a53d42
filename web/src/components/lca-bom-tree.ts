import type { FactorLibrary, InputIssue } from '@greenlca/engine';
import { EOL_ROUTES, STAGES, type CalculationResult, type Component, type EndOfLifeRoute, type Product, type Stage } from '@greenlca/schema';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { amountText, describe, issuesAt } from '../engine/issues.js';
import { factorName } from '../i18n/factor-name.js';
import { formatNumber, locale, LocaleController, stageName, t, type MessageKey } from '../i18n/i18n.js';
import { addComponent, removeComponent, setComponent, type TreePath } from '../model/edit.js';
import { controls } from '../styles.js';
import type { LcaFactorPicker } from './lca-factor-picker.js';
import type { TraceRequest } from './lca-trace-dialog.js';
import './lca-amount-input.js';
import './lca-factor-picker.js';

/** Top-level parts in a product's first paint; the rest follow when the page is idle. */
const FIRST_PARTS = 20;

type Picking = { path: TreePath; field: 'material' } | { path: TreePath; field: 'eol'; route: number };

/**
 * The bill of materials as an editable tree: each part's quantity (per parent), material factor,
 * mass of its own material, stage and end-of-life routes. Quantities multiply down the tree.
 *
 * @fires lca-edit - `detail: { product }`, the edited product.
 * @fires lca-trace - `detail: { title, component }` when a part's total is clicked.
 */
@customElement('lca-bom-tree')
export class LcaBomTree extends LitElement {
  static override styles = [controls, css`
    /* The layout follows the tree's own width (a container query), not the window's: beside the results
       panel at 1440 px the tree is about 800 px wide, as wide as the whole page at 1024 px. */
    :host { display: block; container-type: inline-size; }
    ul { list-style: none; margin: 0; padding: 0; }
    li > .node { content-visibility: auto; contain-intrinsic-size: auto 34px; }
    ul ul { margin-left: 18px; border-left: 1px dashed var(--lca-line); padding-left: 6px; }
    .node {
      display: grid; gap: 4px; align-items: start; padding: 3px 0;
      grid-template-columns: 22px minmax(0, 0.8fr) minmax(0, 1fr) 56px minmax(0, 1.6fr) 90px max-content 64px max-content;
      grid-template-areas: "tog id name qty mat mass stage kg act";
    }
    .node > * { min-width: 0; }
    .tog { grid-area: tog; } .id { grid-area: id; } .name { grid-area: name; } .qty { grid-area: qty; } .mat { grid-area: mat; }
    .mass { grid-area: mass; } .stage { grid-area: stage; } .kg { grid-area: kg; } .act { grid-area: act; }
    .head { font-size: 12px; color: var(--lca-muted); font-weight: 600; }
    /* A material is shown by its name (in the page language) with its id under it; both wrap, neither is cut. */
    .mat-btn { width: 100%; text-align: left; white-space: normal; overflow-wrap: anywhere; font-size: 12px; line-height: 1.3; }
    .mat-btn code { display: block; font-family: ui-monospace, monospace; font-size: 11px; color: var(--lca-muted); }
    .eol { margin: 2px 0 6px 26px; display: flex; flex-direction: column; gap: 3px; }
    .eol-row { display: flex; gap: 4px; align-items: center; flex-wrap: wrap; }
    .eol-row input[type=number] { width: 70px; }
    .eol-row .mat-btn { width: 260px; }
    .actions { display: flex; gap: 2px; }
    .kg { padding-top: 4px; font-size: 12px; text-align: right; }
    .kg button.link { font-variant-numeric: tabular-nums; }
    /* The stage select is as wide as its longest choice ("↳ Manufacture (as parent)"): never cut. */
    select.stage { width: max-content; max-width: none; }
    /* Narrower than a full row: two rows per part, what it is on the first, what it is made of on the second. */
    @container (max-width: 1180px) {
      .node {
        grid-template-columns: 22px minmax(0, 1fr) minmax(0, 1.3fr) 72px max-content max-content;
        grid-template-areas: "tog id name qty kg act" "tog mat mat mass stage stage";
        border-bottom: 1px solid var(--lca-line); padding: 5px 0;
      }
      .node.head { display: none; }
    }
  `];

  @property({ attribute: false }) product!: Product;
  @property({ attribute: false }) library: FactorLibrary | undefined;
  @property({ attribute: false }) issues: InputIssue[] = [];
  @property({ attribute: false }) byComponent: CalculationResult['byComponent'] = [];
  /**
   * Top-level parts rendered. A product with many parts paints its first ones with its first result
   * and the rest in the next idle moment: the tree stands above the inventory table, and 100 parts
   * were the largest piece of opening a 1,000-line product.
   */
  @state() private shownParts = FIRST_PARTS;
  private growing = false;
  @state() private collapsed = new Set<string>();
  @state() private eolOpen = new Set<string>();
  @query('lca-factor-picker') private picker!: LcaFactorPicker;
  private picking: Picking | undefined;
  private readonly i18n = new LocaleController(this);

  private emit(product: Product): void {
    this.dispatchEvent(new CustomEvent('lca-edit', { detail: { product }, bubbles: true, composed: true }));
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('product') && changed.get('product')?.id !== this.product.id) this.shownParts = FIRST_PARTS;
  }

  override updated(): void {
    if ((this.product.components?.length ?? 0) <= this.shownParts || this.growing) return;
    // Only once a result is shown (or the library is here): the first result matters more than the last parts.
    if (!this.byComponent.length && !this.library) return;
    this.growing = true;
    const idle = (window as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback
      ?? ((cb: () => void) => setTimeout(cb, 16));
    idle(() => {
      this.growing = false;
      this.shownParts = Infinity;
    }, { timeout: 200 });
  }

  override render() {
    void this.i18n;
    const totals = new Map(this.byComponent.map((c) => [c.component, c.totalKgCO2e]));
    const list = this.product.components ?? [];
    return html`
      <div class="node head" aria-hidden="true">
        <span class="tog"></span><span class="id">${t('bom.id')}</span><span class="name">${t('bom.name')}</span><span class="qty">${t('bom.quantity')}</span>
        <span class="mat">${t('bom.material')}</span><span class="mass">${t('bom.mass')}</span><span class="stage">${t('bom.stage')}</span><span class="num kg">kgCO₂e</span><span class="act"></span>
      </div>
      ${list.length ? html`<ul role="tree" aria-label=${t('bom.title')}>${list.slice(0, this.shownParts).map((c, i) => this.renderNode(c, [i], c.id, totals, 1, undefined))}</ul>`
        : html`<p class="muted">${t('bom.empty')}</p>`}
      <button class="add-root" @click=${() => this.emit(addComponent(this.product, []))}>+ ${t('bom.add')}</button>
      <lca-factor-picker .library=${this.library} .custom=${this.product.factors ?? []} region=${this.product.region ?? ''}
        @lca-pick=${this.onPick}></lca-factor-picker>
    `;
  }

  /**
   * One part and its children. `inherited` is the stage its parent counts in (undefined for a part at
   * the top, which counts in Manufacture unless it says otherwise), as the engine assigns it.
   */
  private renderNode(c: Component, path: TreePath, idPath: string, totals: Map<string, number>, level: number, inherited: Stage | undefined): unknown {
    const at = '/components/' + path.join('/children/');
    const kids = c.children ?? [];
    const open = !this.collapsed.has(idPath);
    const mine = this.issues.filter((i) => (i.path === at || i.path.startsWith(at + '/')) && !i.path.startsWith(at + '/children/'));
    const effective: Stage = c.stage ?? inherited ?? 'manufacture';
    const deps = [c, at, idPath, totals.get(idPath), JSON.stringify(mine), open, this.eolOpen.has(idPath), this.library, this.product.factors, locale(), inherited];
    return html`
      <li role="treeitem" aria-level=${level} aria-expanded=${kids.length ? String(open) : nothing} aria-label=${c.name || c.id} data-component=${idPath}>
        ${guard(deps, () => this.renderRow(c, path, idPath, at, totals.get(idPath), mine, kids.length > 0, open, inherited))}
        ${kids.length && open ? html`<ul role="group">${kids.map((k, i) => this.renderNode(k, [...path, i], `${idPath}/${k.id}`, totals, level + 1, effective))}</ul>` : nothing}
      </li>
    `;
  }

  /** One part's own row (not its children), rendered again only when it or its result changes. */
  private renderRow(c: Component, path: TreePath, idPath: string, at: string, kg: number | undefined, issues: InputIssue[], hasKids: boolean, open: boolean, inherited: Stage | undefined) {
    const label = c.name || c.id;
    const field = (name: string) => describe(issuesAt(issues, `${at}/${name}`));
    const own = issues.filter((i) => i.path === at);
    return html`
        <div class="node">
          ${hasKids
            ? html`<button class="icon tog" aria-label=${open ? t('bom.collapse', { label }) : t('bom.expand', { label })}
                @click=${() => this.toggle(this.collapsed, idPath)}>${open ? '▾' : '▸'}</button>`
            : html`<span class="tog"></span>`}
          <span class="id"><input placeholder=${t('bom.id')} aria-label=${t('bom.idOf', { label })} .value=${c.id} aria-invalid=${field('id') ? 'true' : 'false'}
            @change=${(e: Event) => this.emit(setComponent(this.product, path, { id: (e.target as HTMLInputElement).value.trim() || c.id }))} style="width:100%" />
            ${field('id') ? html`<div class="field-error" role="alert">${field('id')}</div>` : nothing}</span>
          <input class="name" placeholder=${t('bom.name')} aria-label=${t('bom.nameOf', { label })} .value=${c.name ?? ''}
            @input=${(e: Event) => this.emit(setComponent(this.product, path, { name: (e.target as HTMLInputElement).value || undefined }))} />
          <lca-amount-input class="qty" label=${t('bom.quantityOf', { label })} .value=${c.quantity === undefined ? '' : String(c.quantity)}
            placeholder="1" .error=${field('quantity')}
            @lca-change=${(e: CustomEvent<string>) => this.emit(setComponent(this.product, path, { quantity: quantityValue(e.detail) }))}></lca-amount-input>
          <span class="mat">
            <button class="mat-btn" title=${c.material ?? ''} aria-label=${t('bom.materialOf', { label })}
              @click=${() => this.openPicker({ path, field: 'material' }, c.material)}>${c.material
                ? html`${factorName(this.library, this.product.factors, c.material) ?? nothing}<code>${c.material}</code>` : t('bom.chooseMaterial')}</button>
            ${field('material') ? html`<div class="field-error" role="alert">${field('material')}</div>` : nothing}
          </span>
          <lca-amount-input class="mass" label=${t('bom.massOf', { label })} unit="kg" .value=${amountText(c.mass)} .error=${field('mass')}
            @lca-change=${(e: CustomEvent<string>) => this.emit(setComponent(this.product, path, { mass: e.detail || undefined }))}></lca-amount-input>
          <select class="stage" aria-label=${t('bom.stageOf', { label })} title=${t('bom.stageTitle', { stage: stageName(c.stage ?? inherited ?? 'manufacture') })}
            @change=${(e: Event) => this.emit(setComponent(this.product, path, { stage: stageOrUndefined((e.target as HTMLSelectElement).value) }))}>
            <option value="" ?selected=${c.stage === undefined}>${inherited
              ? t('bom.stageInherited', { stage: stageName(inherited) })
              : t('bom.stageDefault', { stage: stageName('manufacture') })}</option>
            ${STAGES.map((s) => html`<option value=${s} ?selected=${c.stage === s}>${stageName(s)}</option>`)}
          </select>
          <span class="num kg">${kg === undefined ? '—' : html`<button class="link" data-trace="part"
            aria-label=${t('trace.openPart', { kg: formatNumber(kg), label })} title=${t('trace.open')}
            @click=${() => this.trace({ title: t('trace.partTitle', { label }), component: idPath })}>${formatNumber(kg)}</button>`}</span>
          <span class="actions act">
            <button class="icon" title=${t('bom.eol')} aria-label=${t('bom.eolOf', { label })} aria-pressed=${String(this.eolOpen.has(idPath))}
              @click=${() => this.toggle(this.eolOpen, idPath)}>♻${c.endOfLife?.length ? ` ${c.endOfLife.length}` : ''}</button>
            <button class="icon add-child" aria-label=${t('bom.addChild', { label })} @click=${() => this.addChild(path, idPath)}>+</button>
            <button class="icon" aria-label=${t('bom.remove', { label })} @click=${() => this.emit(removeComponent(this.product, path))}>✕</button>
          </span>
        </div>
        ${own.length ? html`<div class="field-error" role="alert" style="margin-left: 26px">${describe(own)}</div>` : nothing}
        ${this.eolOpen.has(idPath) ? this.renderEol(c, path, at) : nothing}
    `;
  }

  private renderEol(c: Component, path: TreePath, at: string) {
    const routes = c.endOfLife ?? [];
    const set = (next: EndOfLifeRoute[]) => this.emit(setComponent(this.product, path, { endOfLife: next.length ? next : undefined }));
    const errors = describe(issuesAt(this.issues, `${at}/endOfLife`));
    return html`
      <div class="eol" role="group" aria-label=${t('bom.eolOf', { label: c.name || c.id })}>
        ${routes.map((r, i) => html`
          <div class="eol-row">
            <select aria-label=${t('bom.route')} @change=${(e: Event) => set(routes.map((x, j) => (j === i ? { ...x, route: (e.target as HTMLSelectElement).value as EndOfLifeRoute['route'] } : x)))}>
              ${EOL_ROUTES.map((name) => html`<option value=${name} ?selected=${r.route === name}>${t(`eol.${name}` as MessageKey)}</option>`)}
            </select>
            <label>${t('bom.share')} <input type="number" min="0" max="1" step="0.05" .value=${String(r.share)}
              @input=${(e: Event) => set(routes.map((x, j) => (j === i ? { ...x, share: Number((e.target as HTMLInputElement).value) } : x)))} /></label>
            <button class="mat-btn" @click=${() => this.openPicker({ path, field: 'eol', route: i }, r.factor)}>${r.factor
              ? html`${factorName(this.library, this.product.factors, r.factor) ?? nothing}<code>${r.factor}</code>` : t('bom.chooseTreatment')}</button>
            <button class="icon" aria-label=${t('common.delete')} @click=${() => set(routes.filter((_, j) => j !== i))}>✕</button>
          </div>`)}
        <div><button @click=${() => set([...routes, { route: 'recycling', share: routes.length ? 0 : 1 }])}>+ ${t('bom.addRoute')}</button></div>
        ${errors ? html`<div class="field-error" role="alert">${errors}</div>` : nothing}
      </div>
    `;
  }

  /** A part's total opens the lines it is made of (its material, end of life, lines and parts). */
  private trace(request: TraceRequest): void {
    this.dispatchEvent(new CustomEvent('lca-trace', { detail: request, bubbles: true, composed: true }));
  }

  private toggle(set: Set<string>, key: string): void {
    const next = new Set(set);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    if (set === this.collapsed) this.collapsed = next;
    else this.eolOpen = next;
  }

  private addChild(path: TreePath, idPath: string): void {
    if (this.collapsed.has(idPath)) this.toggle(this.collapsed, idPath);
    this.emit(addComponent(this.product, path));
  }

  private openPicker(picking: Picking, current: string | undefined): void {
    this.picking = picking;
    // A material or a treatment is per mass of the part: rank factors per kg (or t) first.
    this.picker.open(current ?? '', { unit: 'kg', category: picking.field === 'material' ? 'material' : 'waste' });
  }

  private onPick(e: CustomEvent<{ id: string }>): void {
    const picking = this.picking;
    this.picking = undefined;
    if (!picking) return;
    if (picking.field === 'material') {
      this.emit(setComponent(this.product, picking.path, { material: e.detail.id }));
      return;
    }
    let node: Component | undefined;
    let list = this.product.components ?? [];
    for (const i of picking.path) {
      node = list[i];
      list = node?.children ?? [];
    }
    const routes = (node?.endOfLife ?? []).map((r, j) => (j === picking.route ? { ...r, factor: e.detail.id } : r));
    this.emit(setComponent(this.product, picking.path, { endOfLife: routes }));
  }
}

function quantityValue(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) && /^[0-9.eE+-]+$/.test(trimmed) ? n : trimmed;
}

/** The empty choice is "as the parent" (or Manufacture at the top); any stage chosen is saved as chosen. */
function stageOrUndefined(value: string): Stage | undefined {
  return value === '' ? undefined : (value as Stage);
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-bom-tree': LcaBomTree;
  }
}

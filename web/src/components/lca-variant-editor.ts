import type { FactorLibrary } from '@greenlca/engine';
import {
  EOL_ROUTES, type ComponentOverride, type EndOfLifeRoute, type LineOverride, type ParameterValue, type Product, type Scenario, type Stage,
} from '@greenlca/schema';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { factorName } from '../i18n/factor-name.js';
import { LocaleController, stageName, t, type MessageKey } from '../i18n/i18n.js';
import {
  lineOf, lineRef, partOf, partsOf, percentChange, removeLineChange, removePartChange, scaleOf, setLineChange, setPartChange,
} from '../model/variant.js';
import { controls } from '../styles.js';
import type { LcaFactorPicker } from './lca-factor-picker.js';
import './lca-factor-picker.js';

/** A parameter a slider can move: a plain number or a `{ value, unit }`. */
function numericValue(value: ParameterValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object') return value.value;
  return undefined;
}

function withValue(value: ParameterValue, n: number): ParameterValue {
  return typeof value === 'object' ? { ...value, value: n } : n;
}

/** What a line's factor and amount mean to a designer, by stage: transport mode and distance, energy source and use. */
function lineWords(stage: Stage): { factor: MessageKey; amount: MessageKey } {
  if (stage === 'transport') return { factor: 'variant.transportMode', amount: 'variant.distance' };
  if (stage === 'use') return { factor: 'variant.energySource', amount: 'variant.useIntensity' };
  return { factor: 'variant.factor', amount: 'variant.amount' };
}

type Picking = (id: string) => void;

/**
 * One variant's changes, made with controls and kept as the scenario's overrides: per part its mass,
 * material, recycled content and end of life; per inventory line its factor (transport mode, energy
 * source) and amount (distance, use intensity, lifetime) or leaving it out; and the product's numeric
 * parameters.
 *
 * @fires lca-scenario - `detail: { scenario }`, the changed scenario.
 */
@customElement('lca-variant-editor')
export class LcaVariantEditor extends LitElement {
  static override styles = [controls, css`
    :host { display: block; }
    .add { display: flex; gap: 8px; flex-wrap: wrap; margin: 8px 0; }
    .add select { max-width: 100%; }
    .change { border: 1px solid var(--lca-line); border-radius: 6px; padding: 6px 8px; margin: 6px 0; }
    .change header { display: flex; gap: 6px; align-items: baseline; justify-content: space-between; }
    .change header .what { min-width: 0; overflow-wrap: anywhere; }
    .row { display: grid; grid-template-columns: minmax(120px, 34%) minmax(0, 1fr); gap: 6px; align-items: center; margin: 4px 0; }
    .row > label { font-size: 12px; color: var(--lca-muted); }
    .pct { display: grid; grid-template-columns: minmax(0, 1fr) 76px; gap: 6px; align-items: center; }
    .pct input[type=number] { width: 76px; }
    .factor { text-align: left; overflow-wrap: anywhere; white-space: normal; font-size: 12px; }
    .factor code { display: block; color: var(--lca-muted); font-size: 11px; }
    .factor.changed { border-color: var(--lca-accent); background: var(--lca-accent-weak); }
    .inline { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
    .slider { display: grid; grid-template-columns: 120px 1fr 90px; gap: 8px; align-items: center; margin: 6px 0; }
    .slider input[type=number] { width: 90px; }
  `];

  @property({ attribute: false }) product!: Product;
  @property({ attribute: false }) scenario!: Scenario;
  @property({ attribute: false }) library: FactorLibrary | undefined;
  @query('lca-factor-picker') private picker!: LcaFactorPicker;
  private picking: Picking | undefined;
  private readonly i18n = new LocaleController(this);

  private emit(scenario: Scenario): void {
    this.dispatchEvent(new CustomEvent('lca-scenario', { detail: { scenario }, bubbles: true, composed: true }));
  }

  private pick(current: string | undefined, then: Picking): void {
    this.picking = then;
    this.picker.open(current ?? '');
  }

  private onPick(e: CustomEvent<{ id: string }>): void {
    e.stopPropagation();
    const then = this.picking;
    this.picking = undefined;
    then?.(e.detail.id);
  }

  private name(id: string | undefined): string {
    return factorName(this.library, this.product.factors, id) ?? id ?? '';
  }

  /** A factor button: its name in the page language with its id under it (never cut: both wrap). */
  private factorButton(label: string, id: string | undefined, changed: boolean, choose: () => void, action: string) {
    return html`<button class="factor ${changed ? 'changed' : ''}" data-action=${action} aria-label=${label} @click=${choose}>
      ${id ? html`${this.name(id)}<code>${id}</code>` : t('variant.choose')}</button>`;
  }

  private percent(label: string, value: number, set: (pct: number) => void, min = -90, max = 100) {
    return html`<div class="pct">
      <input type="range" min=${min} max=${max} step="1" .value=${String(value)} aria-hidden="true" tabindex="-1"
        @input=${(e: Event) => set(Number((e.target as HTMLInputElement).value))} />
      <input type="number" step="any" min=${min} aria-label=${label} .value=${String(value)}
        @input=${(e: Event) => { const v = (e.target as HTMLInputElement).value; const n = v === '' ? 0 : Number(v); if (Number.isFinite(n)) set(n); }} />
    </div>`;
  }

  override render() {
    void this.i18n;
    const s = this.scenario;
    const parts = partsOf(this.product.components);
    const lines = (this.product.inventory ?? []).map((line, index) => ({ line, index, ref: lineRef(line, index) }));
    const partChanges = Object.entries(s.overrides.components ?? {});
    const lineChanges = Object.entries(s.overrides.lines ?? {});
    return html`
      <div class="add">
        <select data-action="add-part" aria-label=${t('variant.addPart')} ?disabled=${!parts.length}
          @change=${(e: Event) => { const el = e.target as HTMLSelectElement; if (el.value) this.emit(setPartChange(s, el.value, {})); el.value = ''; }}>
          <option value="">${t('variant.addPart')}…</option>
          ${parts.filter((p) => !(p.path in (s.overrides.components ?? {}))).map((p) => html`<option value=${p.path}>${p.component.name ? `${p.component.name} (${p.path})` : p.path}</option>`)}
        </select>
        <select data-action="add-line" aria-label=${t('variant.addLine')} ?disabled=${!lines.length}
          @change=${(e: Event) => { const el = e.target as HTMLSelectElement; if (el.value) this.emit(setLineChange(s, el.value, {})); el.value = ''; }}>
          <option value="">${t('variant.addLine')}…</option>
          ${lines.filter((l) => !(l.ref in (s.overrides.lines ?? {}))).map((l) => html`<option value=${l.ref}>${stageName(l.line.stage)} · ${l.line.name || this.name(l.line.factor) || l.line.substance || l.ref}</option>`)}
        </select>
      </div>
      ${partChanges.map(([path, change]) => this.renderPart(path, change))}
      ${lineChanges.map(([ref, change]) => this.renderLine(ref, change))}
      ${this.renderParameters()}
      <lca-factor-picker .library=${this.library} .custom=${this.product.factors ?? []} region=${this.product.region ?? ''} @lca-pick=${this.onPick}></lca-factor-picker>
    `;
  }

  private renderPart(path: string, change: ComponentOverride) {
    const s = this.scenario;
    const part = partOf(this.product, path);
    const label = part?.name || path;
    const set = (patch: Partial<ComponentOverride>) => this.emit(setPartChange(s, path, patch));
    const route = change.endOfLife?.[0];
    const setRoute = (next: EndOfLifeRoute | undefined) => set({ endOfLife: next ? [next] : undefined });
    return html`<div class="change" data-part=${path}>
      <header><span class="what"><strong>${label}</strong> <span class="muted">${path}</span></span>
        <button class="icon" aria-label=${t('variant.removeChange', { label })} @click=${() => this.emit(removePartChange(s, path))}>✕</button></header>
      ${!part ? html`<div class="field-error" role="alert">${t('variant.noSuchPart', { path })}</div>` : nothing}
      <div class="row"><label>${t('variant.mass')}</label>
        ${this.percent(t('variant.massOf', { label }), percentChange(change.massScale), (pct) => set({ massScale: scaleOf(pct), mass: undefined }))}</div>
      <div class="row"><label>${t('variant.material')}</label>
        <span class="inline">${this.factorButton(t('variant.materialOf', { label }), change.material ?? part?.material, change.material !== undefined,
          () => this.pick(change.material ?? part?.material, (id) => set({ material: id })), 'material')}
          ${change.material !== undefined ? html`<button class="icon" aria-label=${t('variant.reset')} @click=${() => set({ material: undefined })}>↺</button>` : nothing}</span></div>
      <div class="row"><label>${t('variant.recycled')}</label>
        <span class="inline">
          <input type="number" min="0" max="100" step="any" style="width: 76px" aria-label=${t('variant.recycledOf', { label })}
            .value=${change.recycledContent === undefined ? '' : String(Math.round(change.recycledContent * 1e6) / 1e4)} placeholder=${part?.recycledContent !== undefined ? String(part.recycledContent * 100) : '0'}
            @input=${(e: Event) => { const v = (e.target as HTMLInputElement).value; const n = Number(v); if (v === '' || Number.isFinite(n)) set({ recycledContent: v === '' ? undefined : Math.min(1, Math.max(0, n / 100)) }); }} /> %
          ${this.factorButton(t('variant.recycledMaterialOf', { label }), change.recycledMaterial, change.recycledMaterial !== undefined,
            () => this.pick(change.recycledMaterial ?? change.material ?? part?.material, (id) => set({ recycledMaterial: id, recycledContent: change.recycledContent ?? 0.3 })), 'recycled-material')}
        </span></div>
      <div class="row"><label>${t('variant.endOfLife')}</label>
        <span class="inline">
          <select aria-label=${t('variant.endOfLifeOf', { label })}
            @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; setRoute(v ? { route: v as EndOfLifeRoute['route'], share: 1 } : undefined); }}>
            <option value="" ?selected=${!route}>${t('variant.asNow')}</option>
            ${EOL_ROUTES.map((r) => html`<option value=${r} ?selected=${route?.route === r}>${t(`eol.${r}` as MessageKey)}</option>`)}
          </select>
          ${route ? this.factorButton(t('variant.treatmentOf', { label }), route.factor, !!route.factor,
            () => this.pick(route.factor, (id) => setRoute({ ...route, factor: id })), 'treatment') : nothing}
        </span></div>
    </div>`;
  }

  private renderLine(ref: string, change: LineOverride) {
    const s = this.scenario;
    const found = lineOf(this.product, ref);
    const line = found?.line;
    const label = line ? line.name || this.name(line.factor) || line.substance || ref : ref;
    const words = lineWords(change.stage ?? line?.stage ?? 'manufacture');
    const set = (patch: Partial<LineOverride>) => this.emit(setLineChange(s, ref, patch));
    return html`<div class="change" data-line=${ref}>
      <header><span class="what"><strong>${label}</strong> <span class="muted">${line ? stageName(line.stage) : ''}</span></span>
        <button class="icon" aria-label=${t('variant.removeChange', { label })} @click=${() => this.emit(removeLineChange(s, ref))}>✕</button></header>
      ${!line ? html`<div class="field-error" role="alert">${t('variant.noSuchLine', { ref })}</div>` : nothing}
      ${line?.substance === undefined ? html`<div class="row"><label>${t(words.factor)}</label>
        <span class="inline">${this.factorButton(t('variant.factorOf', { what: t(words.factor), label }), change.factor ?? line?.factor, change.factor !== undefined,
          () => this.pick(change.factor ?? line?.factor, (id) => set({ factor: id })), 'line-factor')}
          ${change.factor !== undefined ? html`<button class="icon" aria-label=${t('variant.reset')} @click=${() => set({ factor: undefined })}>↺</button>` : nothing}</span></div>` : nothing}
      <div class="row"><label>${t(words.amount)}</label>
        ${this.percent(t('variant.changeOf', { what: t(words.amount), label }), percentChange(change.scale), (pct) => set({ scale: scaleOf(pct), amount: undefined }), -100, 400)}</div>
      <div class="row"><label>${t('variant.leaveOut')}</label>
        <span><input type="checkbox" aria-label=${t('variant.leaveOutOf', { label })} .checked=${!!change.remove}
          @change=${(e: Event) => set({ remove: (e.target as HTMLInputElement).checked || undefined })} /></span></div>
    </div>`;
  }

  private renderParameters() {
    const s = this.scenario;
    const params = Object.entries(this.product.parameters ?? {}).filter(([, v]) => numericValue(v) !== undefined);
    if (!params.length) return nothing;
    const overrides = s.overrides.parameters ?? {};
    return html`<h3>${t('whatif.parameters')}</h3>
      ${params.map(([name, value]) => {
        const base = numericValue(value)!;
        const current = numericValue(overrides[name]) ?? base;
        const max = base === 0 ? 10 : Math.abs(base) * 3;
        const set = (n: number) => this.emit({ ...s, overrides: { ...s.overrides, parameters: { ...overrides, [name]: withValue(value, n) } } });
        return html`<div class="slider">
          <label for="p-${name}">${name}</label>
          <input id="p-${name}" type="range" min=${base < 0 ? -max : 0} max=${max} step=${max / 200} .value=${String(current)}
            @input=${(e: Event) => set(Number((e.target as HTMLInputElement).value))} />
          <input type="number" step="any" aria-label=${t('whatif.valueOf', { name })} .value=${String(current)}
            @input=${(e: Event) => { const v = (e.target as HTMLInputElement).value; if (v !== '') set(Number(v)); }} />
        </div>`;
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-variant-editor': LcaVariantEditor;
  }
}

import type { FactorLibrary } from '@greenlca/engine';
import { STAGES, type CalculationResult, type CategoryResult, type ImpactAssessment, type ResultLine, type Stage } from '@greenlca/schema';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { barsHeight, gasBars, gasCount, sankey, sankeyLines, sankeyName, stageBars, stageValueBars, type SankeyLabels } from '../charts/options.js';
import { METHOD_CHOICES, methodName } from '../engine/methods.js';
import { categoryName } from '../i18n/categories.js';
import { factorName, lineLabel } from '../i18n/factor-name.js';
import { categoryHotspots, categoryLines, componentRows, findCategory, missingLines, stageValues, valuesByPath } from '../model/impact-view.js';
import type { TraceRequest } from './lca-trace-dialog.js';
import type { LiveResult } from '../engine/live-calc.js';
import { codeText, formatNumber, listText, locale, LocaleController, stageName, t, unitName } from '../i18n/i18n.js';
import { controls } from '../styles.js';
import './lca-chart.js';

const SHOWN_LINES = 25;

// Chart builders (stable functions: lca-chart calls them only when it draws).
const buildStages = ([r]: [CalculationResult, string]) => stageBars(r, stageName);
/** The Sankey's node names in the current language (the click handler finds its lines with the same). */
const sankeyLabels = (library: FactorLibrary | undefined): SankeyLabels => ({
  stage: stageName, noComponent: t('results.productLevel'), other: t('results.other'),
  factor: (id) => factorName(library, undefined, id),
  describe: (flows) => t('chart.sankeyDescribe', {
    title: t('results.sankey'), n: flows.length,
    flows: listText(flows.map((f) => t('chart.flow', { from: f.from, to: f.to, kg: formatNumber(f.kgCO2e) }))),
  }),
});
const buildSankey = ([r, , library]: [CalculationResult, string, FactorLibrary | undefined]) => sankey(r, sankeyLabels(library));
const buildCategoryStages = ([c]: [CategoryResult, string]) => stageValueBars(stageValues(c.byStage), c.unit, stageName);
const MISSING_SHOWN = 12;

/** A share (0 to 1) as a percentage for text. */
const percent = (share: number) => formatNumber(share * 100, 3);

/**
 * Live results: the total, by stage, by gas, hotspots, a Sankey from stage to component to factor,
 * warnings, and the contributing lines. Every number opens its trace (factor and citation).
 *
 * With an impact method chosen, a category of it can be shown instead: its total in its unit, its coverage
 * (POOR COVERAGE flagged, the lines left out listed), by stage, by component and hotspots.
 *
 * @fires lca-trace - `detail: { path }` for a line; `{ title, gas }` or `{ title, lines }` for a gas or a Sankey node or flow;
 *   `{ title, lines, unit, values }` for a category's number.
 * @fires lca-method - `detail: { method }`: a bundled method id, or undefined for the climate result only.
 * @fires lca-category - `detail: { category }`: a category id of the method, or undefined for the climate result.
 */
@customElement('lca-results')
export class LcaResults extends LitElement {
  static override styles = [controls, css`
    :host { display: block; }
    .total { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
    .total output { font-size: 30px; font-weight: 700; color: var(--lca-accent); font-variant-numeric: tabular-nums; }
    .status { font-size: 12px; }
    .status.partial { color: var(--lca-warn); }
    .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
    @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
    lca-chart.stages { height: 170px; }
    lca-chart.gases { height: 130px; }
    lca-chart.sankey { height: 400px; }
    ol { padding-left: 22px; margin: 0; }
    li { margin: 2px 0; }
    li button.link, td button.link { text-align: left; }
    .warn { color: var(--lca-warn); font-size: 12px; }
    .warn code { font-size: 11px; }
    /* The contributing lines fit the panel: factor and source under each line's name (the source in two
       lines at most, whole in its tooltip and the trace), the ids wrapping where they must. */
    .lines-scroll { overflow-x: auto; }
    [data-testid=result-lines] td.line { min-width: 12em; }
    [data-testid=result-lines] .factor { font-size: 11px; line-height: 1.3; margin-top: 2px; }
    [data-testid=result-lines] .factor code { overflow-wrap: anywhere; }
    [data-testid=result-lines] .src {
      font-size: 11px; color: var(--lca-muted); overflow-wrap: anywhere;
      display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden;
    }
    [data-testid=result-lines] td.stage { font-size: 12px; }
    [data-testid=result-lines] td.num { white-space: nowrap; }
    .filter { font-size: 12px; }
    .method { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; padding: 6px 8px; margin: 0 0 10px; background: var(--lca-panel); border-radius: 6px; }
    .method label { display: flex; gap: 6px; align-items: center; font-size: 12px; color: var(--lca-muted); min-width: 0; }
    .method select { max-width: 100%; min-width: 0; color: var(--lca-fg); }
    .method label.category { flex: 1 1 220px; }
    .method label.category select { flex: 1; }
    .method .state { font-size: 12px; flex-basis: 100%; }
    .method .state.loading::before { content: ''; display: inline-block; width: 10px; height: 10px; margin-right: 6px; border: 2px solid var(--lca-accent); border-right-color: transparent; border-radius: 50%; animation: spin 0.8s linear infinite; vertical-align: -1px; }
    @keyframes spin { to { transform: rotate(360deg); } }
    .method .state.error { color: var(--lca-error); }
    .coverage { border-left: 4px solid var(--lca-accent); background: var(--lca-accent-weak); padding: 6px 10px; margin: 8px 0; border-radius: 0 6px 6px 0; font-size: 13px; }
    .coverage.poor { border-left-color: var(--lca-warn); background: #fff4dc; }
    .coverage p { margin: 2px 0; }
    .flag { display: inline-block; font-weight: 700; font-size: 11px; letter-spacing: .4px; color: #fff; background: var(--lca-warn); border-radius: 3px; padding: 1px 6px; margin-right: 6px; }
    .supplier-mark { display: inline-block; font-size: 11px; color: var(--lca-accent); border: 1px solid currentColor; border-radius: 3px; padding: 0 5px; margin-left: 6px; vertical-align: middle; }
    .coverage details { margin-top: 4px; }
    .coverage summary { cursor: pointer; }
    .coverage ul { margin: 4px 0; padding-left: 20px; }
    .gaps { font-size: 12px; color: var(--lca-warn); margin: 6px 0; }
    .gaps ul { margin: 2px 0; padding-left: 20px; }
    .gaps .reason { color: var(--lca-muted); }
    .stale { color: var(--lca-warn); font-size: 12px; }
    table.components td.name { overflow-wrap: anywhere; }
    lca-chart.category-stages { height: 170px; }
  `];

  @property({ attribute: false }) live: LiveResult | undefined;
  /** The factor library, for factor names in the page language (the Sankey's factor nodes). */
  @property({ attribute: false }) library: FactorLibrary | undefined;
  @property({ type: Number }) fullMs: number | undefined;
  /** Where the complete result was calculated (the server's has no time of ours to show). */
  @property({ attribute: false }) resultBy: 'server' | 'page' | undefined;
  /** The last complete engine result (inventories, impacts) and whether an edit is being calculated since. */
  @property({ attribute: false }) full: CalculationResult | undefined;
  @property({ type: Boolean }) fullStale = false;
  /** The chosen impact method's id (undefined: the climate result only), its state, and its assessment. */
  @property() method: string | undefined;
  @property() methodState: 'idle' | 'loading' | 'error' = 'idle';
  @property() methodError: string | undefined;
  @property({ attribute: false }) impacts: ImpactAssessment | undefined;
  /** The category shown (its id in the method), or undefined for the climate result in kg CO2e (the page keeps it across tabs). */
  @property() category: string | undefined;
  @state() private stageFilter: Stage | undefined;
  @state() private allLines = false;
  private readonly i18n = new LocaleController(this);
  private lastResult: CalculationResult | undefined;

  override render() {
    void this.i18n;
    const live = this.live;
    const r = live?.result;
    if (!r) {
      return html`<p class="muted" data-testid="no-result">${!live ? t('results.calculating') : live.issues.length ? t('results.invalid') : t('results.none')}</p>
        ${live?.issues.length ? html`<ul class="warn">${live.issues.map((i) => html`<li title=${i.message}><code>${i.path || '/'}</code> ${codeText(i).message}</li>`)}</ul>` : nothing}`;
    }
    const category = findCategory(this.impacts, this.category);
    if (category && this.full) return html`${this.renderMethod(r)}${this.renderCategory(category, this.full)}`;
    const fu = r.product.functionalUnit;
    return html`
      ${this.renderMethod(r)}
      <div class="total">
        <span>${t('results.total')}</span>
        <output data-testid="total" data-kg=${String(r.total.kgCO2e)} aria-live="polite">${formatNumber(r.total.kgCO2e, 5)}</output>
        <span>kg CO₂e / ${fu.amount} ${unitName(fu.unit)}</span>
      </div>
      <div class="status ${live!.excluded ? 'partial' : 'muted'}" data-testid="result-status" data-complete=${String(live!.complete)}>
        ${live!.excluded ? t('results.excluded', { n: live!.excluded }) + ' · ' : ''}
        ${live!.complete ? this.completeText(r) : t('results.live')}
      </div>
      <div class="status muted" data-testid="origin" title=${t('results.origin.title')}
        data-fossil=${String(r.total.fossilKgCO2e)} data-biogenic=${String(r.total.biogenicKgCO2e)} data-not-split=${String(r.total.notSplitKgCO2e)}>
        ${t('results.origin', { fossil: formatNumber(r.total.fossilKgCO2e), biogenic: formatNumber(r.total.biogenicKgCO2e), notSplit: formatNumber(r.total.notSplitKgCO2e) })}
      </div>
      ${r.primaryData ? html`<div class="status muted" data-testid="primary-data" title=${t('results.primary.title')}
        data-share=${String(r.primaryData.share)} data-supplier-share=${String(r.primaryData.supplierShare)}>
        ${t('results.primary', { share: percent(r.primaryData.share), supplier: percent(r.primaryData.supplierShare) })}
      </div>` : nothing}
      <div class="grid">
        <section>
          <h3>${t('results.byStage')}</h3>
          <lca-chart class="stages" data-chart="stages" .data=${[r, locale()]} .build=${buildStages} label=${t('results.byStage')} @lca-chart-click=${this.onStageClick}></lca-chart>
          <table class="sr-only"><caption>${t('results.byStage')}</caption>
            ${STAGES.map((s) => html`<tr><th>${stageName(s)}</th><td>${formatNumber(r.byStage[s].kgCO2e)} kg CO₂e</td></tr>`)}</table>
        </section>
        <section>
          <h3>${t('results.byGas')}</h3>
          <lca-chart class="gases" data-chart="gases" style="height: ${barsHeight(gasCount(r))}px" .data=${r} .build=${gasBars} label=${t('results.byGas')}></lca-chart>
          <table data-testid="by-gas"><thead><tr><th>${t('results.gas')}</th><th class="num">kg</th><th class="num">kg CO₂e</th></tr></thead>
            ${Object.entries(r.byGas).map(([g, v]) => html`<tr data-gas=${g}>
              <td><button class="link" aria-label=${t('trace.openGas', { gas: g })} @click=${() => this.traceGroup({ title: t('trace.gasTitle', { gas: g }), gas: g })}>${g}</button></td>
              <td class="num">${v.kg === undefined ? '—' : formatNumber(v.kg)}</td><td class="num">${formatNumber(v.kgCO2e)}</td></tr>`)}</table>
        </section>
      </div>
      <section>
        <h3>${t('results.hotspots')}</h3>
        <ol data-testid="hotspots">${r.hotspots.map((h) => html`<li><button class="link" @click=${() => this.trace(h.path)}>${h.label}</button>
          <span class="muted">${stageName(h.stage)}</span> ${formatNumber(h.kgCO2e)} kg CO₂e (${formatNumber(h.share * 100, 3)} %)</li>`)}</ol>
      </section>
      <section>
        <h3>${t('results.sankey')}</h3>
        <lca-chart class="sankey" .data=${[r, locale(), this.library]} .build=${buildSankey}
          label=${t('results.sankey')} @lca-chart-click=${this.onSankeyClick}></lca-chart>
      </section>
      ${r.warnings.length ? html`<section><h3>${t('results.warnings')} (${r.warnings.length})</h3>
        <ul class="warn" data-testid="warnings">${r.warnings.slice(0, 30).map((w) => this.renderWarning(w))}</ul></section>` : nothing}
      ${this.renderLines(r.lines)}
    `;
  }

  /** The method and category choice, the method's loading state, and its gaps (categories and substances it cannot score). */
  private renderMethod(r: CalculationResult) {
    const a = this.impacts;
    const loading = this.methodState === 'loading' || (!!this.method && !a && this.methodState !== 'error');
    return html`
      <div class="method">
        <label>${t('impacts.method')}
          <select data-testid="method" @change=${this.onMethod}>
            <option value="" ?selected=${!this.method}>${t('impacts.climateOnly', { gwp: r.gwp })}</option>
            ${METHOD_CHOICES.map((m) => html`<option value=${m.id} ?selected=${this.method === m.id}>${m.name}</option>`)}
          </select></label>
        <label class="category">${t('impacts.category')}
          <select data-testid="category" ?disabled=${!a} @change=${this.onCategory}>
            <option value="" ?selected=${!this.category}>${t('impacts.climateResult', { gwp: r.gwp })}</option>
            ${a?.categories.map((c) => html`<option value=${c.id} ?selected=${this.category === c.id}>${categoryName(c)} (${c.unit})${c.coverage.poor ? ` · ${t('impacts.poorShort')}` : ''}</option>`)}
            ${a?.missingCategories.length ? html`<optgroup label=${t('impacts.missingGroup')}>
              ${a.missingCategories.map((c) => html`<option disabled value=${`missing:${c.id}`}>${categoryName(c)} — ${t('impacts.noData')}</option>`)}</optgroup>` : nothing}
          </select></label>
        ${loading ? html`<span class="state loading" role="status" data-testid="method-status" data-state="loading">${t('impacts.loading', { method: methodName(this.method ?? '') })}</span>`
          : this.methodState === 'error' ? html`<span class="state error" role="alert" data-testid="method-status" data-state="error">${t('impacts.failed')}: ${this.methodError}</span>`
          : a ? html`<span class="state muted" data-testid="method-status" data-state="ready">${t('impacts.ready', { method: a.method.name, n: a.categories.length })}${this.fullStale ? html` · <span class="stale">${t('impacts.updating')}</span>` : nothing}</span>` : nothing}
      </div>
      ${a && (a.missingCategories.length || a.unmappedSubstances.length) ? html`<div class="gaps" data-testid="gaps">
        ${a.missingCategories.length ? html`<details><summary>${t('impacts.missingCategories', { n: a.missingCategories.length })}</summary>
          <ul data-testid="missing-categories">${a.missingCategories.map((c) => html`<li data-category=${c.id}>${categoryName(c)} <span class="reason">— ${c.reason}</span></li>`)}</ul></details>` : nothing}
        ${a.unmappedSubstances.length ? html`<p data-testid="unmapped">${t('impacts.unmapped', { list: a.unmappedSubstances.join(', ') })}</p>` : nothing}
      </div>` : nothing}
    `;
  }

  /** One category of the method: its total, coverage, by stage, by component, hotspots; every number traced. */
  private renderCategory(c: CategoryResult, full: CalculationResult) {
    const fu = full.product.functionalUnit;
    const values = valuesByPath(c);
    const cov = c.coverage;
    const missing = missingLines(c, full.lines);
    const components = componentRows(c, full);
    const hot = categoryHotspots(c, full.lines);
    const name = categoryName(c);
    const measure = { unit: c.unit, values };
    return html`
      <div class="total">
        <span>${name}</span>
        <output data-testid="category-total" data-value=${String(c.total)} data-unit=${c.unit} aria-live="polite">${formatNumber(c.total, 5)}</output>
        <span>${c.unit} / ${fu.amount} ${fu.unit}</span>
      </div>
      <div class="status muted">${this.impacts?.method.name} · ${c.source}${this.fullStale ? html` · <span class="stale">${t('impacts.updating')}</span>` : nothing}</div>
      <div class="coverage ${cov.poor ? 'poor' : ''}" data-testid="coverage" data-poor=${String(cov.poor)} data-share=${String(cov.shareOfClimate)}>
        <p>${cov.poor ? html`<span class="flag" data-testid="poor-flag">${t('impacts.poor')}</span>` : nothing}
          ${t('impacts.coverage', { share: percent(cov.shareOfClimate), lines: cov.lines, of: cov.of })}
          ${cov.poor ? html`<strong data-testid="partial-total">${t('impacts.partialTotal')}</strong>` : nothing}</p>
        ${cov.proxyShareOfClimate ? html`<p>${t('impacts.proxy', { share: percent(cov.proxyShareOfClimate) })}</p>` : nothing}
        ${cov.uncharacterised?.length ? html`<p data-testid="uncharacterised">${t('impacts.uncharacterised', {
          list: cov.uncharacterised.map((u) => `${u.flow} (${formatNumber(u.kg)} kg)`).join(', ') })}</p>` : nothing}
        ${missing.length ? html`<details data-testid="missing-lines" ?open=${cov.poor && missing.length <= MISSING_SHOWN}>
          <summary>${t('impacts.missingLines', { n: missing.length })}</summary>
          <ul>${missing.slice(0, this.allMissing ? missing.length : MISSING_SHOWN).map((l) => html`<li data-path=${l.path}>
            <button class="link" @click=${() => this.trace(l.path)}>${lineLabel(this.library, l)}</button> <span class="muted">${stageName(l.stage)} · ${formatNumber(l.kgCO2e)} kg CO₂e</span></li>`)}</ul>
          ${missing.length > MISSING_SHOWN ? html`<button class="link" @click=${() => (this.allMissing = !this.allMissing)}>
            ${this.allMissing ? t('results.fewerLines') : t('results.allLines', { n: missing.length })}</button>` : nothing}
          <button class="link" data-action="trace-missing" @click=${() => this.traceGroup({ title: t('impacts.missingTitle', { category: name }), lines: missing })}>${t('impacts.traceMissing')}</button>
        </details>` : nothing}
      </div>
      <div class="grid">
        <section>
          <h3>${t('results.byStage')} (${c.unit})</h3>
          <lca-chart class="category-stages" .data=${[c, locale()]} .build=${buildCategoryStages} label=${`${name}: ${t('results.byStage')}`}
            @lca-chart-click=${(e: CustomEvent<{ data: { stage?: Stage } }>) => this.traceStage(c, full, e.detail.data?.stage)}></lca-chart>
          <table data-testid="category-stages"><tbody>
            ${STAGES.filter((s) => c.byStage[s] !== undefined).map((s) => html`<tr data-stage=${s}><th>${stageName(s)}</th>
              <td class="num"><button class="link" aria-label=${t('impacts.openStage', { stage: stageName(s) })} @click=${() => this.traceStage(c, full, s)}>${formatNumber(c.byStage[s]!)}</button></td></tr>`)}
          </tbody></table>
        </section>
        <section>
          <h3>${t('impacts.byComponent')} (${c.unit})</h3>
          ${components.length ? html`<table class="components" data-testid="category-components"><tbody>
            ${components.map((row) => html`<tr data-component=${row.component}><td class="name">${row.name}</td>
              <td class="num"><button class="link" aria-label=${t('impacts.openComponent', { name: row.name })}
                @click=${() => this.traceGroup({ title: `${name} · ${row.name}`, lines: categoryLines(c, full.lines, { component: row.component }), ...measure })}>${formatNumber(row.value)}</button></td></tr>`)}
          </tbody></table>` : html`<p class="muted">${t('impacts.noComponents')}</p>`}
        </section>
      </div>
      <section>
        <h3>${t('results.hotspots')}</h3>
        ${hot.length ? html`<ol data-testid="category-hotspots">${hot.map((h) => html`<li data-path=${h.path}><button class="link" @click=${() => this.trace(h.path)}>${h.label}</button>
          <span class="muted">${stageName(h.stage)}</span> ${formatNumber(h.value)} ${c.unit} (${percent(h.share)} %)</li>`)}</ol>`
          : html`<p class="muted">${t('impacts.noLines')}</p>`}
        ${c.lines.length ? html`<button class="link" data-action="trace-category" @click=${() => this.traceGroup({ title: name, lines: categoryLines(c, full.lines), ...measure })}>
          ${t('impacts.allCategoryLines', { n: c.lines.length })}</button>` : nothing}
      </section>
    `;
  }

  @state() private allMissing = false;

  private onMethod(e: Event): void {
    const id = (e.target as HTMLSelectElement).value || undefined;
    this.dispatchEvent(new CustomEvent('lca-method', { detail: { method: id }, bubbles: true, composed: true }));
  }

  private onCategory(e: Event): void {
    this.allMissing = false;
    this.dispatchEvent(new CustomEvent('lca-category', { detail: { category: (e.target as HTMLSelectElement).value || undefined }, bubbles: true, composed: true }));
  }

  /** The lines of one stage in a category, with their values. */
  private traceStage(c: CategoryResult, full: CalculationResult, stage: Stage | undefined): void {
    if (!stage) return;
    this.traceGroup({ title: `${categoryName(c)} · ${stageName(stage)}`, lines: categoryLines(c, full.lines, { stage }), unit: c.unit, values: valuesByPath(c) });
  }

  private renderLines(lines: ResultLine[]) {
    const filtered = this.stageFilter ? lines.filter((l) => l.stage === this.stageFilter) : lines;
    const sorted = [...filtered].sort((a, b) => Math.abs(b.kgCO2e) - Math.abs(a.kgCO2e));
    const shown = this.allLines ? sorted : sorted.slice(0, SHOWN_LINES);
    return html`
      <section>
        <h3>${t('results.lines')} (${filtered.length})
          ${this.stageFilter ? html`<span class="filter">· ${stageName(this.stageFilter)} <button class="link" @click=${() => (this.stageFilter = undefined)}>${t('results.clearFilter')}</button></span>` : nothing}</h3>
        <div class="lines-scroll"><table data-testid="result-lines">
          <thead><tr><th>${t('results.line')} · ${t('trace.factor')} · ${t('trace.source')}</th><th>${t('trace.stage')}</th><th class="num">${t('inventory.amount')}</th><th class="num">kg CO₂e</th></tr></thead>
          <tbody>${shown.map((l) => html`<tr data-path=${l.path}>
            <td class="line"><button class="link" @click=${() => this.trace(l.path)}>${lineLabel(this.library, l)}</button>
              ${l.source.supplier ? html`<span class="supplier-mark" data-testid="supplier-mark"
                title=${t('results.supplier.title', { supplier: l.source.supplier, until: l.source.validUntil?.slice(0, 10) ?? '—' })}>${t('results.supplier')}</span>` : nothing}
              <div class="factor"><code>${l.factor ?? l.substance}</code></div>
              <div class="src" title=${l.source.citation}>${l.source.citation}</div></td>
            <td class="stage">${stageName(l.stage)}</td>
            <td class="num">${formatNumber(l.amount.value)}&nbsp;${l.amount.unit}</td>
            <td class="num">${formatNumber(l.kgCO2e)}</td></tr>`)}</tbody>
        </table></div>
        ${sorted.length > SHOWN_LINES ? html`<button class="link" @click=${() => (this.allLines = !this.allLines)}>
          ${this.allLines ? t('results.fewerLines') : t('results.allLines', { n: sorted.length })}</button>` : nothing}
      </section>
    `;
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('live') && this.live?.result && this.live.result !== this.lastResult) {
      this.lastResult = this.live.result;
      // The bench measures from the edit to this mark: the new total is in the DOM now.
      performance.mark('lca:result-rendered');
    }
  }

  /**
   * A warning in the page language (by its code, codes.zh.json), with where it is; the engine's own
   * words, with the specifics, are its title.
   */
  private renderWarning(w: CalculationResult['warnings'][number]) {
    const text = codeText(w);
    return html`<li title=${text.translated ? `${w.message}${w.hint ? ` — ${w.hint}` : ''}` : ''} data-code=${w.code}><code>${w.code}</code> ${text.message}${w.path && text.translated ? html` <code class="muted">${w.path}</code>` : nothing}${text.hint ? html` — <span class="muted">${text.hint}</span>` : nothing}</li>`;
  }

  private onStageClick(e: CustomEvent<{ data: { stage?: Stage } }>): void {
    const stage = e.detail.data?.stage;
    if (stage) this.stageFilter = this.stageFilter === stage ? undefined : stage;
  }

  private completeText(r: CalculationResult): string {
    if (this.resultBy === 'server') return t('results.completeServer', { gwp: r.gwp });
    if (this.fullMs === undefined) return t('results.completeNoTime', { gwp: r.gwp });
    return t('results.complete', { gwp: r.gwp, ms: Math.max(1, Math.round(this.fullMs)) });
  }

  /** A node or flow of the Sankey opens the lines it is made of. */
  private onSankeyClick(e: CustomEvent<{ name: string; dataType?: string; data: { source?: string; target?: string } }>): void {
    const r = this.live?.result;
    if (!r) return;
    const { name, dataType, data } = e.detail;
    if (dataType === 'edge' && data.source && data.target) {
      const labels = sankeyLabels(this.library);
      const lines = sankeyLines(r, labels, { source: data.source, target: data.target });
      this.traceGroup({ title: `${sankeyName(data.source, labels)} → ${sankeyName(data.target, labels)}`, lines });
    } else if (dataType === 'node') {
      const labels = sankeyLabels(this.library);
      this.traceGroup({ title: sankeyName(name, labels), lines: sankeyLines(r, labels, { node: name }) });
    }
  }

  private trace(path: string): void {
    this.dispatchEvent(new CustomEvent('lca-trace', { detail: { path } satisfies TraceRequest, bubbles: true, composed: true }));
  }

  private traceGroup(request: Exclude<TraceRequest, { path: string }>): void {
    this.dispatchEvent(new CustomEvent('lca-trace', { detail: request, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-results': LcaResults;
  }
}

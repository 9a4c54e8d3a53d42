import { STAGES, type CalculationResult, type ResultLine, type Stage } from '@greenlca/schema';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { gasBars, sankey, sankeyLines, sankeyName, stageBars, type SankeyLabels } from '../charts/options.js';
import type { TraceRequest } from './lca-trace-dialog.js';
import type { LiveResult } from '../engine/live-calc.js';
import { formatNumber, listText, locale, LocaleController, stageName, t } from '../i18n/i18n.js';
import { controls } from '../styles.js';
import './lca-chart.js';

const SHOWN_LINES = 25;

// Chart builders (stable functions: lca-chart calls them only when it draws).
const buildStages = ([r]: [CalculationResult, string]) => stageBars(r, stageName);
/** The Sankey's node names in the current language (the click handler finds its lines with the same). */
const sankeyLabels = (): SankeyLabels => ({
  stage: stageName, noComponent: t('results.productLevel'), other: t('results.other'),
  describe: (flows) => t('chart.sankeyDescribe', {
    title: t('results.sankey'), n: flows.length,
    flows: listText(flows.map((f) => t('chart.flow', { from: f.from, to: f.to, kg: formatNumber(f.kgCO2e) }))),
  }),
});
const buildSankey = ([r]: [CalculationResult, string]) => sankey(r, sankeyLabels());

/**
 * Live results: the total, by stage, by gas, hotspots, a Sankey from stage to component to factor,
 * warnings, and the contributing lines. Every number opens its trace (factor and citation).
 *
 * @fires lca-trace - `detail: { path }` for a line; `{ title, gas }` or `{ title, lines }` for a gas or a Sankey node or flow.
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
  `];

  @property({ attribute: false }) live: LiveResult | undefined;
  @property({ type: Number }) fullMs: number | undefined;
  /** Where the complete result was calculated (the server's has no time of ours to show). */
  @property({ attribute: false }) resultBy: 'server' | 'page' | undefined;
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
        ${live?.issues.length ? html`<ul class="warn">${live.issues.map((i) => html`<li><code>${i.path || '/'}</code> ${i.message}</li>`)}</ul>` : nothing}`;
    }
    const fu = r.product.functionalUnit;
    return html`
      <div class="total">
        <span>${t('results.total')}</span>
        <output data-testid="total" data-kg=${String(r.total.kgCO2e)} aria-live="polite">${formatNumber(r.total.kgCO2e, 5)}</output>
        <span>kg CO₂e / ${fu.amount} ${fu.unit}</span>
      </div>
      <div class="status ${live!.excluded ? 'partial' : 'muted'}" data-testid="result-status" data-complete=${String(live!.complete)}>
        ${live!.excluded ? t('results.excluded', { n: live!.excluded }) + ' · ' : ''}
        ${live!.complete ? this.completeText(r) : t('results.live')}
        ${r.total.biogenicKgCO2e ? html` · ${t('results.biogenic', { kg: formatNumber(r.total.biogenicKgCO2e) })}` : nothing}
      </div>
      <div class="grid">
        <section>
          <h3>${t('results.byStage')}</h3>
          <lca-chart class="stages" .data=${[r, locale()]} .build=${buildStages} label=${t('results.byStage')} @lca-chart-click=${this.onStageClick}></lca-chart>
          <table class="sr-only"><caption>${t('results.byStage')}</caption>
            ${STAGES.map((s) => html`<tr><th>${stageName(s)}</th><td>${formatNumber(r.byStage[s].kgCO2e)} kg CO₂e</td></tr>`)}</table>
        </section>
        <section>
          <h3>${t('results.byGas')}</h3>
          <lca-chart class="gases" .data=${r} .build=${gasBars} label=${t('results.byGas')}></lca-chart>
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
        <lca-chart class="sankey" .data=${[r, locale()]} .build=${buildSankey}
          label=${t('results.sankey')} @lca-chart-click=${this.onSankeyClick}></lca-chart>
      </section>
      ${r.warnings.length ? html`<section><h3>${t('results.warnings')} (${r.warnings.length})</h3>
        <ul class="warn" data-testid="warnings">${r.warnings.slice(0, 30).map((w) => html`<li><code>${w.code}</code> ${w.message}${w.hint ? html` — <span class="muted">${w.hint}</span>` : nothing}</li>`)}</ul></section>` : nothing}
      ${this.renderLines(r.lines)}
    `;
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
            <td class="line"><button class="link" @click=${() => this.trace(l.path)}>${l.label}</button>
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
      const lines = sankeyLines(r, sankeyLabels(), { source: data.source, target: data.target });
      this.traceGroup({ title: `${sankeyName(data.source)} → ${sankeyName(data.target)}`, lines });
    } else if (dataType === 'node') {
      this.traceGroup({ title: sankeyName(name), lines: sankeyLines(r, sankeyLabels(), { node: name }) });
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

import type { FactorLibrary } from '@greenlca/engine';
import type { InputIssue } from '@greenlca/engine';
import { STAGES, type CalculationResult, type DataQuality, type Product, type Scenario } from '@greenlca/schema';
import { applyScenario, monteCarlo, pedigreeSigma, sensitivity, type TornadoBar, type UncertaintyResult } from '@greenlca/whatif';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { tornado, tornadoHeight, variantBars, visibleTornadoRows, type TornadoRow } from '../charts/options.js';
import { LiveCalculator } from '../engine/live-calc.js';
import { factorName } from '../i18n/factor-name.js';
import { codeText, formatNumber, listText, LocaleController, stageName, t, unitName } from '../i18n/i18n.js';
import { brokenItems, withoutBroken } from '../model/left-out.js';
import { freshVariantId } from '../model/variant.js';
import { controls } from '../styles.js';
import './lca-chart.js';
import './lca-variant-editor.js';

interface Variant {
  id: string;
  name: string;
  /** The result of what can be calculated (broken lines and parts left out, as in the editor). */
  result: CalculationResult | undefined;
  /** The variant's own problem (a scenario override that names nothing), or the product's shell issues. */
  error: string;
  /** The input issues of the variant's lines and parts, each left out of its result. */
  issues: InputIssue[];
  leftOut: number;
}

const TORNADO_SWING = 0.1;
const RUNS = 1000;
/** The pedigree indicators, in the order of the scores. */
const DQ_INDICATORS = ['reliability', 'completeness', 'temporal', 'geographical', 'technological'] as const;

/** The tornado's accessible description, in the page language. */
function describeTornado(rows: TornadoRow[], base: number): string {
  return t('chart.tornadoDescribe', {
    title: t('whatif.tornado'), base: formatNumber(base), pct: TORNADO_SWING * 100,
    rows: listText(rows.map((r) => t('chart.tornadoRow', { label: r.label, low: formatNumber(Math.min(r.low, r.high)), high: formatNumber(Math.max(r.low, r.high)) }))),
  });
}

/**
 * What-if: the product's scenarios (named overrides, stored with the product) side by side with the
 * baseline and their deltas; sliders on the parameters of the selected variant, recalculated at once in
 * the page; and a tornado of how much each parameter moves the total.
 *
 * @fires lca-edit - `detail: { product }` when a variant is added, changed or removed.
 * @fires lca-trace - `detail: { title, lines }` when a number of the comparison is clicked.
 */
@customElement('lca-whatif')
export class LcaWhatif extends LitElement {
  static override styles = [controls, css`
    .layout { display: grid; grid-template-columns: minmax(300px, 0.8fr) minmax(0, 1.2fr); gap: 16px; align-items: start; }
    @media (max-width: 1100px) { .layout { grid-template-columns: 1fr; } }
    .panel { border: 1px solid var(--lca-line); border-radius: 8px; padding: 10px 12px; margin-bottom: 12px; }
    .variants { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
    .variants button[aria-pressed='true'] { background: var(--lca-accent-weak); border-color: var(--lca-accent); font-weight: 600; }
    .slider { display: grid; grid-template-columns: 120px 1fr 90px; gap: 8px; align-items: center; margin: 6px 0; }
    .slider input[type=number] { width: 90px; }
    .up { color: var(--lca-error); }
    .down { color: var(--lca-accent); }
    lca-chart.bars { height: 260px; }
    .error { color: var(--lca-error); font-size: 12px; }
    .left-out { color: var(--lca-warn); font-size: 11px; font-weight: 400; }
    .warning { color: var(--lca-warn); font-size: 12px; border-left: 3px solid var(--lca-warn); padding: 2px 8px; margin: 8px 0; }
    .warning p { margin: 2px 0; }
    .warning ul { margin: 2px 0; padding-left: 18px; }
    fieldset.dq { border: 1px solid var(--lca-line); border-radius: 6px; margin: 8px 0; padding: 4px 10px 6px; }
    fieldset.dq .scores { display: flex; flex-wrap: wrap; gap: 6px 12px; }
    fieldset.dq .scores label { display: flex; flex-direction: column; font-size: 12px; }
    fieldset.dq .scores input { width: 64px; }
    .small { font-size: 12px; margin: 4px 0 0; }
    ul.inputs { font-size: 12px; margin: 4px 0; padding-left: 18px; }
  `];

  @property({ attribute: false }) product!: Product;
  @property({ attribute: false }) library: FactorLibrary | undefined;
  @state() private selected = '';
  private readonly calculators = new Map<string, LiveCalculator>();
  private readonly i18n = new LocaleController(this);

  private emit(product: Product): void {
    this.dispatchEvent(new CustomEvent('lca-edit', { detail: { product }, bubbles: true, composed: true }));
  }

  /**
   * A variant calculated as the editor calculates the product (the same LiveCalculator): a line or part
   * with an input error is left out and counted, never an error in every cell.
   */
  private calc(id: string, product: Product): { result: CalculationResult | undefined; issues: InputIssue[]; leftOut: number; error: string } {
    let c = this.calculators.get(id);
    if (!c) this.calculators.set(id, (c = new LiveCalculator(this.library!)));
    const live = c.update(product);
    if (!live.result) return { result: undefined, issues: live.issues, leftOut: 0, error: live.issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ') };
    return { result: live.result, issues: live.issues, leftOut: live.excluded, error: '' };
  }

  private variants(): Variant[] {
    const out: Variant[] = [];
    const { scenarios: _s, ...base } = this.product;
    const run = (id: string, name: string, make: () => Product) => {
      try {
        out.push({ id, name, ...this.calc(id, make()) });
      } catch (error) {
        out.push({ id, name, result: undefined, error: (error as Error).message, issues: [], leftOut: 0 });
      }
    };
    run('baseline', t('whatif.baseline'), () => base as Product);
    for (const s of this.product.scenarios ?? []) run(s.id, s.name, () => applyScenario(this.product, s, this.library!));
    return out;
  }

  /** The product with what the baseline cannot calculate left out: what sensitivity and Monte Carlo run on. */
  private usable(variants: Variant[]): { product: Product; leftOut: number } {
    const broken = brokenItems(variants[0]?.issues ?? []);
    const product = withoutBroken(this.product, broken);
    const leftOut = variants[0]?.leftOut ?? 0;
    if (product === this.product) return { product, leftOut };
    // The same lines and parts left out as last time: the same arrays, so the tornado is not run again
    // when only a variant changed.
    const key = JSON.stringify([[...broken.lines], [...broken.parts], broken.wholeBom]);
    const c = this.pruned;
    if (c && c.inventory === this.product.inventory && c.components === this.product.components && c.key === key) {
      return { product: { ...product, inventory: c.usable.inventory, components: c.usable.components }, leftOut };
    }
    this.pruned = { inventory: this.product.inventory, components: this.product.components, key, usable: { inventory: product.inventory ?? [], components: product.components ?? [] } };
    return { product, leftOut };
  }

  private pruned: { inventory: Product['inventory']; components: Product['components']; key: string; usable: { inventory: NonNullable<Product['inventory']>; components: NonNullable<Product['components']> } } | undefined;

  override render() {
    void this.i18n;
    if (!this.library) return html`<p class="muted">${t('app.loadingFactors')}</p>`;
    const variants = this.variants();
    this.lastUsable = this.usable(variants);
    const scenarios = this.product.scenarios ?? [];
    const selected = scenarios.find((s) => s.id === this.selected) ?? scenarios[0];
    const ok = variants.filter((v): v is Variant & { result: CalculationResult } => !!v.result);
    return html`
      <div class="panel">
        <div class="variants" role="group" aria-label=${t('whatif.variants')}>
          <strong>${t('whatif.variants')}:</strong>
          ${scenarios.map((s) => html`<button aria-pressed=${String(s.id === selected?.id)} @click=${() => (this.selected = s.id)}>${s.name}</button>`)}
          <button class="primary" data-action="add-variant" @click=${this.addVariant}>+ ${t('whatif.addVariant')}</button>
        </div>
      </div>
      <div class="layout">
        <div>
          ${selected ? this.renderEditor(selected, variants.find((v) => v.id === selected.id)) : html`<p class="muted">${t('whatif.none')}</p>`}
          ${this.renderTornado(this.lastUsable)}
        </div>
        <div>
          <div class="panel">
            <h2>${t('whatif.compare')}</h2>
            ${this.renderTable(variants)}
            ${ok.length > 1 ? html`<lca-chart class="bars" data-chart="variants" .option=${variantBars(ok.map((v) => ({ name: v.name, result: v.result })), stageName)} label=${t('whatif.compare')}></lca-chart>` : nothing}
          </div>
          ${this.renderUncertainty()}
        </div>
      </div>
    `;
  }

  private renderTable(variants: Variant[]) {
    const base = variants[0]?.result;
    const delta = (r: CalculationResult | undefined, pick: (x: CalculationResult) => number) => {
      if (!r || !base) return nothing;
      const d = pick(r) - pick(base);
      if (r === base || d === 0) return nothing;
      const pct = pick(base) !== 0 ? ` (${d > 0 ? '+' : ''}${formatNumber((d / Math.abs(pick(base))) * 100, 3)} %)` : '';
      return html`<div class="${d > 0 ? 'up' : 'down'} delta">${d > 0 ? '+' : ''}${formatNumber(d)}${pct}</div>`;
    };
    // Each number opens the lines it is made of (the variant's own result), each with its factor and citation.
    const trace = (v: Variant, key: string, label: string) => {
      const lines = v.result!.lines.filter((l) => key === 'total' || l.stage === key);
      this.dispatchEvent(new CustomEvent('lca-trace', { detail: { title: `${v.name} · ${label}`, lines }, bubbles: true, composed: true }));
    };
    const row = (key: string, label: string, pick: (x: CalculationResult) => number, strong = false) => html`<tr data-row=${key}>
      <th>${label}</th>
      ${variants.map((v) => html`<td class="num" data-variant=${v.id} data-kg=${v.result ? String(pick(v.result)) : ''}>${v.result
        ? html`<button class="link" title=${t('trace.open')} @click=${() => trace(v, key, label)}>${strong ? html`<strong>${formatNumber(pick(v.result))}</strong>` : formatNumber(pick(v.result))}</button>${delta(v.result, pick)}`
        : html`<span class="error">${v.error}</span>`}</td>`)}
    </tr>`;
    return html`<table data-testid="compare">
      <thead><tr><th></th>${variants.map((v) => html`<th class="num" data-variant=${v.id}>${v.name}${v.leftOut
        ? html`<div class="left-out" data-left-out=${v.leftOut} title=${v.issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`).join('\n')}>${t('results.excluded', { n: v.leftOut })}</div>` : nothing}</th>`)}</tr></thead>
      <tbody>
        ${row('total', t('results.total'), (r) => r.total.kgCO2e, true)}
        ${STAGES.map((s) => row(s, stageName(s), (r) => r.byStage[s].kgCO2e))}
      </tbody>
    </table>
    <p class="muted">kg CO₂e / ${this.product.functionalUnit.amount} ${unitName(this.product.functionalUnit.unit)}</p>`;
  }

  private renderEditor(s: Scenario, variant: Variant | undefined) {
    return html`
      <div class="panel" data-testid="variant-editor">
        <label>${t('whatif.name')} <input .value=${s.name} aria-label=${t('whatif.name')}
          @input=${(e: Event) => this.setScenario(s.id, { ...s, name: (e.target as HTMLInputElement).value || s.id })} /></label>
        <button class="icon" aria-label=${t('whatif.remove', { name: s.name })} @click=${() => this.removeScenario(s.id)}>✕</button>
        ${variant?.error ? html`<div class="error" role="alert">${variant.error}</div>` : nothing}
        <p class="muted small">${t('variant.explain')}</p>
        <lca-variant-editor .product=${this.product} .scenario=${s} .library=${this.library}
          @lca-scenario=${(e: CustomEvent<{ scenario: Scenario }>) => { e.stopPropagation(); this.setScenario(s.id, e.detail.scenario); }}></lca-variant-editor>
      </div>
    `;
  }

  /**
   * One-at-a-time sensitivity from `@greenlca/whatif`: each input (parameters, line amounts, masses)
   * moved ±10 % (or over its stated uncertainty), the total recalculated exactly, largest swing first.
   */
  private renderTornado(usable: { product: Product; leftOut: number }) {
    const p = usable.product;
    const key = [p.inventory, p.components, p.parameters, p.factors, p.gwp, p.functionalUnit, this.library];
    // Moving a variant's slider changes only `scenarios`: the baseline's sensitivity stays as it was.
    if (!this.tornadoCache || key.some((k, i) => k !== this.tornadoCache!.key[i])) {
      const { scenarios: _s, ...base } = p;
      try {
        const result = sensitivity(base as Product, this.library!, { percent: TORNADO_SWING * 100, limit: 10 });
        this.tornadoCache = { key, baseline: result.baseline.kgCO2e, bars: result.bars.map((b) => ({ label: this.inputLabel(p, b), low: b.low.kgCO2e, high: b.high.kgCO2e })) };
      } catch {
        this.tornadoCache = { key, baseline: 0, bars: [] }; // the product's shell has input errors; the editor shows them
      }
    }
    const { bars: all, baseline } = this.tornadoCache;
    // Inputs whose swing would not show as a bar are counted under the chart, not drawn as empty rows.
    const { rows: bars, hidden } = visibleTornadoRows(all);
    if (!bars.length) return nothing;
    return html`<div class="panel">
      <h2>${t('whatif.tornado')}</h2>
      <p class="muted">${t('whatif.tornadoExplain', { pct: TORNADO_SWING * 100 })}</p>
      ${usable.leftOut ? html`<p class="warning" data-testid="tornado-left-out">${t('results.excluded', { n: usable.leftOut })}</p>` : nothing}
      <lca-chart class="tornado" data-chart="tornado" style="height: ${tornadoHeight(bars.length)}px" .option=${tornado(bars, baseline, '−10 %', '+10 %', describeTornado)} label=${t('whatif.tornado')}></lca-chart>
      ${hidden ? html`<p class="muted small" data-testid="tornado-hidden">${t('whatif.tornadoHidden', { n: hidden })}</p>` : nothing}
    </div>`;
  }

  /** An input's name as the page shows it: a line by its name or its factor's name in the page language. */
  private inputLabel(p: Product, bar: TornadoBar): string {
    const line = bar.kind === 'line' ? /^\/inventory\/(\d+)$/.exec(bar.path) : null;
    const l = line ? p.inventory?.[Number(line[1])] : undefined;
    if (l) return l.name || factorName(this.library, p.factors, l.factor) || l.substance || bar.label;
    if (bar.kind === 'factor') return factorName(this.library, p.factors, bar.key.slice('factor:'.length)) ?? bar.label;
    return bar.label;
  }

  /**
   * Monte Carlo with paired draws (`@greenlca/whatif`): the 90 % range of each variant's total. Only
   * inputs with an uncertainty are drawn — stated in the product, or the default data-quality scores
   * when the user applies them; with none, the engine's NO_UNCERTAINTY warning is shown, not a range.
   */
  private renderUncertainty() {
    const u = this.uncertainty;
    const fmt = (x: number) => formatNumber(x);
    const none = !!u && u.inputs.length === 0;
    const range = (p5: number, p95: number) => (none ? '—' : `${fmt(p5)} – ${fmt(p95)}`);
    const gsd = Math.exp(pedigreeSigma(this.dqScores));
    return html`<div class="panel">
      <h2>${t('whatif.uncertainty')}</h2>
      <p class="muted">${t('whatif.uncertaintyExplain', { runs: RUNS })}</p>
      <fieldset class="dq" data-testid="default-dq">
        <legend><label><input type="checkbox" data-action="apply-dq" .checked=${this.dqApplied}
          @change=${(e: Event) => (this.dqApplied = (e.target as HTMLInputElement).checked)} /> ${t('whatif.dqApply')}</label></legend>
        <div class="scores">
          ${DQ_INDICATORS.map((name, i) => html`<label>${t(`whatif.dq.${name}`)}
            <input type="number" min="1" max="5" step="1" .value=${String(this.dqScores[i])} ?disabled=${!this.dqApplied}
              @change=${(e: Event) => this.setScore(i, (e.target as HTMLInputElement))} /></label>`)}
        </div>
        <p class="muted small">${t('whatif.dqHint')} ${this.dqApplied ? t('whatif.dqGsd', { gsd: formatNumber(gsd, 3), gsd2: formatNumber(gsd * gsd, 3) }) : ''}</p>
      </fieldset>
      <button data-action="monte-carlo" @click=${this.runUncertainty}>${t('whatif.runUncertainty', { runs: RUNS })}</button>
      ${this.uncertaintyError ? html`<p class="error" role="alert">${this.uncertaintyError}</p>` : nothing}
      ${u?.warnings.length ? html`<div class="warning" role="status" data-testid="uncertainty-warnings">
        ${none ? html`<p><strong>${t('whatif.noUncertainty')}</strong></p>` : nothing}
        <ul>${u.warnings.map((w) => codeText(w)).map((w, i) => html`<li><code>${u.warnings[i]!.code}</code> ${w.message}${w.hint ? html` — <span class="muted">${w.hint}</span>` : nothing}</li>`)}</ul>
      </div>` : nothing}
      ${u ? html`<table data-testid="uncertainty">
        <thead><tr><th></th><th class="num">${t('whatif.stated')}</th><th class="num">${t('whatif.median')}</th><th class="num">${t('whatif.range90')}</th><th class="num">${t('whatif.pLower')}</th></tr></thead>
        <tbody>
          <tr><th>${t('whatif.baseline')}</th><td class="num">${fmt(u.baseline.deterministic.kgCO2e)}</td><td class="num">${fmt(u.baseline.total.median)}</td>
            <td class="num">${range(u.baseline.total.p5, u.baseline.total.p95)}</td><td class="num">—</td></tr>
          ${u.variants.map((v) => html`<tr><th>${v.name}</th><td class="num">${fmt(v.deterministic.kgCO2e)}</td><td class="num">${fmt(v.total.median)}</td>
            <td class="num">${range(v.total.p5, v.total.p95)}</td><td class="num">${none ? '—' : `${formatNumber(v.probabilityLower * 100, 3)} %`}</td></tr>`)}
        </tbody>
      </table>
      <p class="muted" data-testid="uncertainty-meta">${t('whatif.uncertaintyMeta', { runs: u.runs, seed: u.seed, inputs: u.inputs.length, defaulted: u.inputs.filter((i) => !i.specPath).length })}</p>
      ${u.inputs.length ? html`<details><summary>${t('whatif.inputs', { n: u.inputs.length })}</summary>
        <ul class="inputs">${u.inputs.slice(0, 50).map((i) => html`<li>${i.label} <span class="muted">(${i.kind}${i.specPath ? '' : ` · ${t('whatif.defaulted')}`})
          ${i.distribution.gsd ? `GSD ${formatNumber(i.distribution.gsd, 3)}` : i.distribution.kind}</span></li>`)}</ul></details>` : nothing}` : nothing}
    </div>`;
  }

  private tornadoCache: { key: unknown[]; baseline: number; bars: { label: string; low: number; high: number }[] } | undefined;
  private lastUsable: { product: Product; leftOut: number } | undefined;
  @state() private uncertainty: UncertaintyResult | undefined;
  @state() private uncertaintyError = '';
  /** Default data-quality scores for inputs that state no uncertainty, applied only when chosen. */
  @state() private dqApplied = false;
  @state() private dqScores: DataQuality = [3, 3, 3, 3, 3];

  private setScore(i: number, input: HTMLInputElement): void {
    const n = Math.round(Number(input.value));
    const score = (Number.isFinite(n) ? Math.min(5, Math.max(1, n)) : this.dqScores[i]!) as DataQuality[number];
    input.value = String(score);
    this.dqScores = this.dqScores.map((s, j) => (j === i ? score : s)) as DataQuality;
  }

  private runUncertainty(): void {
    if (!this.library) return;
    try {
      // The same product as the tornado's: broken lines and parts left out.
      const product = this.lastUsable?.product ?? this.product;
      this.uncertainty = monteCarlo(product, this.library, { runs: RUNS, seed: 1, ...(this.dqApplied ? { defaultDataQuality: this.dqScores } : {}) });
      this.uncertaintyError = '';
    } catch (error) {
      this.uncertainty = undefined;
      this.uncertaintyError = (error as Error).message;
    }
  }

  private addVariant(): void {
    const list = this.product.scenarios ?? [];
    const id = freshVariantId(list);
    const scenario: Scenario = { id, name: `${t('whatif.variant')} ${String.fromCharCode(64 + Number(id.slice('variant-'.length)))}`, overrides: {} };
    this.selected = scenario.id;
    this.emit({ ...this.product, scenarios: [...list, scenario] });
  }

  private setScenario(id: string, next: Scenario): void {
    this.emit({ ...this.product, scenarios: (this.product.scenarios ?? []).map((s) => (s.id === id ? next : s)) });
  }

  private removeScenario(id: string): void {
    const rest = (this.product.scenarios ?? []).filter((s) => s.id !== id);
    this.calculators.delete(id);
    const { scenarios: _old, ...next } = this.product;
    this.emit(rest.length ? { ...next, scenarios: rest } : next);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-whatif': LcaWhatif;
  }
}

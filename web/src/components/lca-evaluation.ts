import type { FactorLibrary } from '@greenlca/engine';
import {
  bundledSpecifications, evaluate, EvaluationInputError, type Declarations, type EvaluationResult, type ProductEvaluation,
} from '@greenlca/ecodesign';
import { buildCfpReport, buildEcodesignReport, renderHtml } from '@greenlca/report';
import type { CalculationResult, Product } from '@greenlca/schema';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, type ApiClient } from '../api/client.js';
import { locale, LocaleController, t, type MessageKey } from '../i18n/i18n.js';
import { controls } from '../styles.js';

type Text = { zh: string; en: string };
const tx = (text: Text | null | undefined) => (text ? text[locale()] : '');

function storageKey(product: Product, spec: string): string {
  return `greenlca.declarations.${product.id}.${spec}`;
}

function loadDeclarations(product: Product, spec: string): Declarations {
  try {
    return JSON.parse(localStorage.getItem(storageKey(product, spec)) ?? '{}') as Declarations;
  } catch {
    return {};
  }
}

/** Save a document the browser made (a report) as a file. */
function download(content: string, filename: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([content], { type }));
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 5000);
}

/**
 * Evaluation against a GB/T 32161-family product specification: the basic requirements (declared
 * met, with evidence) and the indicators (computed from the product, or declared) with their verdicts
 * and the gap to each benchmark. It runs `@greenlca/ecodesign` in the page; the carbon-footprint and
 * self-evaluation reports are built by `@greenlca/report` and downloaded as HTML.
 */
@customElement('lca-evaluation')
export class LcaEvaluation extends LitElement {
  static override styles = [controls, css`
    /* A table that still cannot fit scrolls inside its panel, never the page. */
    .panel { border: 1px solid var(--lca-line); border-radius: 8px; padding: 10px 12px; margin-bottom: 12px; overflow-x: auto; }
    .row { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
    /* The specification titles are long: the dropdown takes the row's width, not its longest option's. */
    .row > label.spec { display: flex; flex-direction: column; gap: 2px; flex: 1 1 24em; min-width: 0; max-width: 100%; }
    .row > label.spec select { width: 100%; text-overflow: ellipsis; }
    .verdict { font-weight: 600; }
    td.verdict { min-width: 9em; }
    .verdict.pass { color: var(--lca-accent); }
    .verdict.fail { color: var(--lca-error); }
    .verdict.incomplete { color: var(--lca-warn); }
    .big { font-size: 18px; }
    td input[type=text] { width: 100%; }
    .reasons { font-size: 12px; color: var(--lca-muted); }
    .error { color: var(--lca-error); white-space: pre-wrap; }
  `];

  @property({ attribute: false }) product!: Product;
  @property({ attribute: false }) result: CalculationResult | undefined;
  @property({ attribute: false }) library: FactorLibrary | undefined;
  @property({ attribute: false }) api: ApiClient | undefined;
  @state() private spec = '';
  @state() private pdfBusy = false;
  @state() private pdfError = '';
  @state() private declarations: Declarations = {};
  private readonly i18n = new LocaleController(this);

  private specs() {
    return bundledSpecifications().filter((s) => s.kind === 'product');
  }

  private choose(id: string): void {
    this.spec = id;
    this.declarations = loadDeclarations(this.product, id);
  }

  private declare(next: Declarations): void {
    this.declarations = next;
    try {
      localStorage.setItem(storageKey(this.product, this.spec), JSON.stringify(next));
    } catch {
      // kept for this page only
    }
  }

  private run(): { evaluation?: ProductEvaluation; error?: string } {
    if (!this.library || !this.spec) return {};
    try {
      const evaluation = evaluate({ product: this.product, declarations: this.declarations }, { spec: this.spec, library: this.library });
      return evaluation.kind === 'product' ? { evaluation } : { error: 'not a product specification' };
    } catch (error) {
      if (error instanceof EvaluationInputError) return { error: error.issues.map((i) => `${i.path}: ${i.message}`).join('\n') };
      return { error: (error as Error).message };
    }
  }

  override render() {
    void this.i18n;
    const specs = this.specs();
    if (!this.spec && specs[0]) this.choose(specs.find((s) => s.id !== 'template')?.id ?? specs[0].id);
    const { evaluation, error } = this.run();
    return html`
      <div class="panel">
        <h2>${t('evaluation.title')}</h2>
        <div class="row">
          <label class="spec">${t('evaluation.spec')}
            <select data-testid="spec" @change=${(e: Event) => this.choose((e.target as HTMLSelectElement).value)}>
              ${specs.map((s) => html`<option value=${s.id} ?selected=${s.id === this.spec}>${tx(s.title)} (${s.id})</option>`)}
            </select></label>
          ${evaluation ? html`<span class="verdict big ${evaluation.verdict}" data-testid="verdict">${tx(evaluation.verdictName)}</span>
            <span class="muted" data-testid="spec-status">${t('evaluation.status', { status: t(`evaluation.status.${evaluation.specification.status}` as MessageKey) })}</span>` : nothing}
        </div>
        ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
        ${evaluation?.reasons.length ? html`<ul class="reasons">${evaluation.reasons.slice(0, 8).map((r) => html`<li>${tx(r.text)}</li>`)}</ul>` : nothing}
      </div>
      ${evaluation ? this.renderRequirements(evaluation) : nothing}
      ${evaluation ? this.renderIndicators(evaluation) : nothing}
      <div class="panel">
        <h2>${t('reports.title')}</h2>
        <div class="row">
          <button class="primary" data-action="cfp-report" ?disabled=${!this.result?.engine.version} @click=${() => this.cfpReport()}>${t('reports.cfp')}</button>
          <button data-action="ecodesign-report" ?disabled=${!evaluation} @click=${() => evaluation && this.ecodesignReport(evaluation)}>${t('reports.selfEvaluation')}</button>
          <span class="muted">${t('reports.language', { lang: locale() === 'zh' ? '中文' : 'English' })}</span>
        </div>
        <div class="row" style="margin-top: 8px">
          <button data-action="cfp-pdf" ?disabled=${!this.api?.hasKey || this.pdfBusy} @click=${() => this.pdf('cfp', { product: this.product })}>${t('reports.cfpPdf')}</button>
          <button data-action="ecodesign-pdf" ?disabled=${!this.api?.hasKey || !evaluation || this.pdfBusy}
            @click=${() => this.pdf('ecodesign', { request: { spec: this.spec, product: this.product, declarations: this.declarations } })}>${t('reports.selfEvaluationPdf')}</button>
          <span class="muted">${this.pdfBusy ? t('common.working') : t('reports.pdfByServer')}</span>
        </div>
        ${this.pdfError ? html`<p class="error" role="alert">${this.pdfError}</p>` : nothing}
        ${this.result && !this.result.engine.version ? html`<p class="muted">${t('reports.waitFull')}</p>` : nothing}
      </div>
    `;
  }

  private renderRequirements(e: ProductEvaluation) {
    const declared = this.declarations.requirements ?? {};
    const set = (id: string, met: boolean, evidence: string) => this.declare({
      ...this.declarations, requirements: { ...declared, [id]: evidence ? { met, evidence } : { met } },
    });
    return html`<div class="panel">
      <h3>${t('evaluation.requirements')} (${e.summary.requirements.pass}/${e.summary.requirements.total})</h3>
      <table data-testid="requirements">
        <thead><tr><th>${t('evaluation.requirement')}</th><th>${t('evaluation.clause')}</th><th>${t('evaluation.met')}</th><th>${t('evaluation.evidence')}</th><th>${t('evaluation.verdict')}</th></tr></thead>
        ${e.requirements.map((r) => html`<tr>
          <td>${tx(r.name)}${r.isVeto ? html` <span class="muted">(${t('evaluation.veto')})</span>` : nothing}</td>
          <td class="muted">${r.clause ? JSON.stringify(r.clause).replace(/[{}"]/g, '').slice(0, 40) : ''}</td>
          <td><input type="checkbox" aria-label=${t('evaluation.metOf', { name: tx(r.name) })} .checked=${declared[r.id]?.met ?? false}
            @change=${(ev: Event) => set(r.id, (ev.target as HTMLInputElement).checked, declared[r.id]?.evidence ?? '')} /></td>
          <td><input type="text" aria-label=${t('evaluation.evidenceOf', { name: tx(r.name) })} .value=${declared[r.id]?.evidence ?? ''}
            @change=${(ev: Event) => set(r.id, declared[r.id]?.met ?? false, (ev.target as HTMLInputElement).value)} /></td>
          <td class="verdict ${r.verdict}">${tx(r.verdictName)}${r.reason ? html`<div class="reasons">${tx(r.reason)}</div>` : nothing}</td>
        </tr>`)}
      </table></div>`;
  }

  private renderIndicators(e: ProductEvaluation) {
    const declared = this.declarations.indicators ?? {};
    const set = (id: string, value: string, evidence: string) => {
      const v = value.trim() === '' ? undefined : Number(value);
      const entry = { ...(v !== undefined && Number.isFinite(v) ? { value: v } : {}), ...(evidence ? { evidence } : {}) };
      this.declare({ ...this.declarations, indicators: { ...declared, [id]: entry } });
    };
    return html`<div class="panel">
      <h3>${t('evaluation.indicators')} (${e.summary.indicators.pass}/${e.summary.indicators.total})</h3>
      <table data-testid="indicators">
        <thead><tr><th>${t('evaluation.indicator')}</th><th>${t('evaluation.benchmark')}</th><th>${t('evaluation.value')}</th><th>${t('evaluation.verdict')}</th><th>${t('evaluation.gap')}</th></tr></thead>
        ${e.indicators.map((i) => html`<tr>
          <td>${tx(i.name)} <span class="muted">${tx(i.stageName)} · ${i.unit}</span></td>
          <td>${tx(i.benchmark.display)}</td>
          <td>${i.source === 'declared'
            ? html`<input type="number" step="any" aria-label=${t('evaluation.valueOf', { name: tx(i.name) })} style="width: 90px"
                .value=${declared[i.id]?.value === undefined ? '' : String(declared[i.id]?.value)}
                @change=${(ev: Event) => set(i.id, (ev.target as HTMLInputElement).value, String(declared[i.id]?.evidence ?? ''))} />
              <input type="text" placeholder=${t('evaluation.evidence')} aria-label=${t('evaluation.evidenceOf', { name: tx(i.name) })} style="width: 120px"
                .value=${String(declared[i.id]?.evidence ?? '')}
                @change=${(ev: Event) => set(i.id, String(declared[i.id]?.value ?? ''), (ev.target as HTMLInputElement).value)} />`
            : html`${tx(i.value.display)} <span class="muted">(${t('evaluation.computed')})</span>`}</td>
          <td class="verdict ${i.verdict}">${tx(i.verdictName)}</td>
          <td>${i.gap ? tx(i.gap.text) : i.reason ? html`<span class="reasons">${tx(i.reason)}</span>` : '—'}</td>
        </tr>`)}
      </table></div>`;
  }

  /** A PDF made by the server (packages/report/pdf needs Node and a CJK font, so it is not made here). */
  private async pdf(kind: 'cfp' | 'ecodesign', body: unknown): Promise<void> {
    if (!this.api) return;
    this.pdfBusy = true;
    this.pdfError = '';
    try {
      const file = await this.api.report(kind, body, 'pdf', locale());
      const a = document.createElement('a');
      a.href = URL.createObjectURL(file.blob);
      a.download = file.filename.endsWith('.pdf') ? file.filename : `${this.product.id}-${kind}-${locale()}.pdf`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 5000);
    } catch (error) {
      const located = error instanceof ApiError ? error.errors.slice(0, 3).map((x) => ` ${x.pointer}: ${x.detail}`).join(';') : '';
      this.pdfError = `${(error as Error).message}${located}`;
    } finally {
      this.pdfBusy = false;
    }
  }

  private cfpReport(): void {
    if (!this.result) return;
    const lang = locale();
    const report = buildCfpReport(this.result, { lang, product: this.product, generatedAt: new Date().toISOString() });
    download(renderHtml(report.document), `${this.product.id}-cfp-${lang}.html`, 'text/html');
  }

  private ecodesignReport(evaluation: EvaluationResult): void {
    const lang = locale();
    const report = buildEcodesignReport(evaluation, { lang, ...(this.result ? { result: this.result } : {}) });
    download(renderHtml(report.document), `${this.product.id}-self-evaluation-${lang}.html`, 'text/html');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-evaluation': LcaEvaluation;
  }
}

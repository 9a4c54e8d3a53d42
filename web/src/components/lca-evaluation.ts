import type { CalculationResult, Product } from '@greenlca/schema';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ApiError, type ApiClient } from '../api/client.js';
import { LocaleController, t } from '../i18n/i18n.js';
import { controls } from '../styles.js';

/**
 * Evaluation against a GB/T 32161 product specification, and the carbon-footprint and
 * self-evaluation reports. Both come from the API (packages/ecodesign and packages/report run on the
 * server); while a server does not offer them, this says so rather than showing anything made up.
 */
@customElement('lca-evaluation')
export class LcaEvaluation extends LitElement {
  static override styles = [controls, css`
    .panel { border: 1px solid var(--lca-line); border-radius: 8px; padding: 10px 12px; margin-bottom: 12px; }
  `];

  @property({ attribute: false }) product!: Product;
  @property({ attribute: false }) result: CalculationResult | undefined;
  @property({ attribute: false }) api!: ApiClient;
  private readonly i18n = new LocaleController(this);

  private readonly specs = new Task(this, {
    task: async ([api], { signal }) => {
      const response = await fetch('/v1/specifications', { headers: { accept: 'application/json' }, signal });
      if (response.status === 404) return undefined;
      void api;
      if (!response.ok) throw new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
      return (await response.json()) as unknown;
    },
    args: () => [this.api] as const,
  });

  override render() {
    void this.i18n;
    return html`
      <div class="panel">
        <h2>${t('evaluation.title')}</h2>
        ${this.specs.render({
          pending: () => html`<p class="muted">${t('common.loading')}</p>`,
          error: (e) => html`<p class="field-error">${(e as Error).message}</p>`,
          complete: (specs) => (specs === undefined ? html`<p class="muted" data-testid="evaluation-unavailable">${t('evaluation.unavailable')}</p>` : nothing),
        })}
      </div>
      <div class="panel">
        <h2>${t('reports.title')}</h2>
        <p class="muted">${t('reports.unavailable')}</p>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-evaluation': LcaEvaluation;
  }
}

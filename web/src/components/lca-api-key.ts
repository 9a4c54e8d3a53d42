import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { ApiError, type ApiClient } from '../api/client.js';
import { LocaleController, t } from '../i18n/i18n.js';
import { controls } from '../styles.js';

/**
 * Asks once for the API key (kept in this browser's localStorage), checks it with the server, and
 * shows which organisation it belongs to.
 *
 * @fires lca-key-changed - after a key was accepted.
 */
@customElement('lca-api-key')
export class LcaApiKey extends LitElement {
  static override styles = [controls, css`
    dialog { width: min(460px, 92vw); border: 1px solid var(--lca-line); border-radius: 8px; }
    form { display: flex; flex-direction: column; gap: 8px; }
    input { width: 100%; font-family: ui-monospace, monospace; }
    .row { display: flex; gap: 8px; justify-content: flex-end; }
  `];

  @property({ attribute: false }) api!: ApiClient;
  @state() private error = '';
  @query('dialog') private dialog!: HTMLDialogElement;
  private readonly i18n = new LocaleController(this);

  /**
   * Open the dialog. It may be called before this element's first render (the app asks for a key
   * from its own firstUpdated, which runs before its children have rendered), so it waits for it.
   */
  async open(): Promise<void> {
    this.error = '';
    await this.updateComplete;
    if (!this.dialog.open) this.dialog.showModal();
    this.renderRoot.querySelector<HTMLInputElement>('input[name=key]')?.focus();
  }

  override render() {
    void this.i18n;
    return html`
      <dialog aria-labelledby="key-title">
        <form @submit=${this.onSubmit}>
          <h2 id="key-title">${t('auth.title')}</h2>
          <p class="muted">${t('auth.explain')}</p>
          <input name="key" type="password" autocomplete="off" aria-label=${t('auth.key')} placeholder="glca_…" required />
          ${this.error ? html`<div class="field-error" role="alert">${this.error}</div>` : nothing}
          <div class="row">
            <button type="button" @click=${() => this.dialog.close()}>${t('common.cancel')}</button>
            <button class="primary" type="submit">${t('auth.save')}</button>
          </div>
        </form>
      </dialog>
    `;
  }

  private async onSubmit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const key = String(new FormData(e.target as HTMLFormElement).get('key') ?? '').trim();
    const previous = this.api.hasKey;
    this.api.setKey(key);
    try {
      await this.api.whoami();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
        this.api.setKey('');
        this.error = t('auth.rejected');
        return;
      }
      // Any other failure (e.g. no whoami route): keep the key, the next call will tell.
      void previous;
    }
    this.dialog.close();
    this.dispatchEvent(new CustomEvent('lca-key-changed', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-api-key': LcaApiKey;
  }
}

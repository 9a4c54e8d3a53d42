import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { locale, LocaleController, setLocale, t, type Locale } from '../i18n/i18n.js';
import { controls } from '../styles.js';

/** 中文 / English. The choice is remembered (localStorage) and applies to the whole page at once. */
@customElement('lca-language-switch')
export class LcaLanguageSwitch extends LitElement {
  static override styles = [controls, css`
    div { display: inline-flex; border: 1px solid rgba(255,255,255,.5); border-radius: 4px; overflow: hidden; }
    button { border: none; border-radius: 0; background: transparent; color: inherit; }
    button[aria-pressed='true'] { background: #fff; color: var(--lca-accent); font-weight: 600; }
  `];
  private readonly i18n = new LocaleController(this);

  override render() {
    void this.i18n;
    const option = (value: Locale, label: string) => html`<button lang=${value === 'zh' ? 'zh-CN' : 'en'} data-locale=${value}
      aria-pressed=${String(locale() === value)} @click=${() => setLocale(value)}>${label}</button>`;
    return html`<div role="group" aria-label=${t('app.language')}>${option('zh', '中文')}${option('en', 'English')}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-language-switch': LcaLanguageSwitch;
  }
}

import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controls } from '../styles.js';

/**
 * A text field for an amount (`2.5 kWh`, `0.11 kWh * years`). The engine checks it as it is typed;
 * the error it reports for this field is shown right under it and announced to screen readers.
 *
 * @fires lca-change - `detail: string`, on every keystroke.
 */
@customElement('lca-amount-input')
export class LcaAmountInput extends LitElement {
  static override styles = [controls];

  @property() value = '';
  /** The error the engine reported for this field, if any. */
  @property() error = '';
  /** Accessible name. */
  @property() label = '';
  /** What the amount is checked against, e.g. "t*km". */
  @property() unit = '';
  @property() placeholder = '';

  override render() {
    const id = 'err';
    return html`
      <input
        .value=${this.value}
        aria-label=${this.label}
        aria-invalid=${this.error ? 'true' : 'false'}
        aria-describedby=${this.error ? id : ''}
        placeholder=${this.placeholder || (this.unit ? `… ${this.unit}` : '')}
        spellcheck="false"
        autocomplete="off"
        @input=${this.onInput}
        style="width: 100%"
      />
      ${this.error ? html`<div id=${id} class="field-error" role="alert">${this.error}</div>` : null}
    `;
  }

  private onInput(event: Event): void {
    this.value = (event.target as HTMLInputElement).value;
    this.dispatchEvent(new CustomEvent('lca-change', { detail: this.value, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-amount-input': LcaAmountInput;
  }
}

import type { EChartsCoreOption } from 'echarts/core';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { loadECharts, type ECharts } from '../charts/echarts.js';
import { locale, LocaleController, type Locale } from '../i18n/i18n.js';

const REDRAW_MS = 150;

/**
 * One Apache ECharts chart. Give it an `option`; it renders on canvas, resizes with its box, and
 * tells the page which data item was clicked so the number can be traced to its factor.
 *
 * @fires lca-chart-click - `detail: { name, seriesIndex, dataIndex, data, dataType }` (dataType: 'node' or 'edge' in a Sankey).
 */
@customElement('lca-chart')
export class LcaChart extends LitElement {
  static override styles = css`
    :host { display: block; position: relative; min-height: 120px; overflow: hidden; contain: paint; }
    div { width: 100%; height: 100%; }
  `;

  @property({ attribute: false }) option: EChartsCoreOption | undefined;
  /**
   * Or: data and a function that makes the option from it. The option is then built only when the
   * chart is drawn (throttled), not on every render of the page.
   */
  @property({ attribute: false }) data: unknown;
  @property({ attribute: false }) build: ((data: never) => EChartsCoreOption) | undefined;
  /** Accessible description of what the chart shows (ECharts' aria module adds the data). */
  @property() label = '';
  @query('div') private box!: HTMLDivElement;
  private chart: ECharts | undefined;
  private resize: ResizeObserver | undefined;

  override render() {
    return html`<div role="img" aria-label=${this.label}></div>`;
  }

  /** The language the chart was made in: ECharts takes it at init (its generated texts, aria, toolbox). */
  private chartLocale: Locale | undefined;
  private readonly i18n = new LocaleController(this);

  override firstUpdated(): void {
    void loadECharts().then((echarts) => {
      if (!this.isConnected) return;
      this.init(echarts);
      this.resize = new ResizeObserver(() => this.chart?.resize());
      this.resize.observe(this);
      this.apply();
    });
  }

  private init(echarts: Awaited<ReturnType<typeof loadECharts>>): void {
    this.chartLocale = locale();
    this.chart = echarts.init(this.box, undefined, { renderer: 'canvas', locale: this.chartLocale === 'zh' ? 'ZH' : 'EN' });
    // data-drawn tells tests (and anyone waiting) that what the chart shows is its latest option: set
    // when ECharts has finished rendering it (animations too), not when setOption only queued it.
    this.chart.on('finished', () => {
      if (this.timer === undefined) this.dataset.drawn = 'true';
    });
    this.chart.on('click', (p) => {
      const e = p as unknown as { name: string; seriesIndex: number; dataIndex: number; data: unknown; dataType?: string };
      this.dispatchEvent(new CustomEvent('lca-chart-click', {
        detail: { name: e.name, seriesIndex: e.seriesIndex, dataIndex: e.dataIndex, data: e.data, dataType: e.dataType }, bubbles: true, composed: true,
      }));
    });
  }

  override updated(changed: PropertyValues<this>): void {
    void this.i18n;
    if (this.chart && this.chartLocale !== locale()) {
      // The language changed: a chart is made again in the new one (the page's option follows).
      this.chart.dispose();
      this.chart = undefined;
      void loadECharts().then((echarts) => {
        if (!this.isConnected) return;
        this.init(echarts);
        this.apply();
      });
      return;
    }
    if (changed.has('option') || changed.has('data') || changed.has('build')) this.schedule();
  }

  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastDrawn = 0;

  /**
   * Redraw at most every REDRAW_MS while results change as the user types: the numbers update within
   * the frame, the charts follow a moment later instead of costing every keystroke a full chart render.
   */
  private schedule(): void {
    if (this.timer !== undefined) return;
    if (this.option || (this.build && this.data !== undefined)) this.dataset.drawn = 'false'; // a redraw is due
    const wait = Math.max(0, this.lastDrawn + REDRAW_MS - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.apply();
    }, wait);
  }

  private apply(): void {
    const option = this.build && this.data !== undefined ? this.build(this.data as never) : this.option;
    if (this.chart && option) {
      this.lastDrawn = performance.now();
      this.dataset.drawn = 'false';
      this.chart.setOption(option, { notMerge: true, lazyUpdate: true });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    this.chart?.dispose();
    this.chart = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && !this.chart) this.firstUpdated();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-chart': LcaChart;
  }
}

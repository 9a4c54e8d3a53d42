import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError, type ApiClient, type ImportPreview, type ImportProblem, type OrgDatasetImport, type OrgDatasetVersion } from '../api/client.js';
import { localName, LocaleController, t } from '../i18n/i18n.js';
import { controls } from '../styles.js';

/** The file's format from its name: .xlsx, .zip (openLCA JSON-LD) or CSV. */
const formatOf = (name: string): OrgDatasetImport['format'] => (/\.xlsx$/i.test(name) ? 'xlsx' : /\.zip$/i.test(name) ? 'olca' : 'csv');

async function base64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/**
 * The organisation's own factor datasets: the list (current versions), and an import of a CSV or
 * Excel factor table or an openLCA package, checked first with every problem shown by row and column.
 *
 * @fires lca-org-datasets - after an import: the workspace loads the new version into its library.
 * @fires lca-auth - the API refused the key (401): ask for one.
 */
@customElement('lca-org-datasets')
export class LcaOrgDatasets extends LitElement {
  static override styles = [controls, css`
    form { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 8px 12px; align-items: end; margin: 12px 0; }
    label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: var(--lca-muted); }
    label input, label select { color: var(--lca-fg); font-size: 14px; }
    .buttons { display: flex; gap: 8px; }
    .error { color: var(--lca-error); }
    .ok { color: var(--lca-accent); }
    table.problems td { vertical-align: top; }
    td.code { font-family: ui-monospace, monospace; font-size: 12px; }
  `];

  @property({ attribute: false }) api!: ApiClient;
  @state() private preview: ImportPreview | undefined;
  @state() private message = '';
  @state() private isError = false;
  @state() private busy = false;
  @state() private generation = 0;
  private readonly i18n = new LocaleController(this);

  private readonly list = new Task(this, {
    task: async ([, api], { signal }): Promise<OrgDatasetVersion[]> => (api.hasKey ? api.listOrgDatasets(signal) : []),
    args: () => [this.generation, this.api] as const,
  });

  override render() {
    void this.i18n;
    return html`
      <h2>${t('orgds.title')}</h2>
      ${this.list.render({
        pending: () => html`<p class="muted">${t('common.loading')}</p>`,
        error: (e) => html`<p class="error" role="alert">${(e as Error).message}</p>`,
        complete: (items) => items.length
          ? html`<table class="datasets"><tbody>${items.map((d) => html`<tr data-dataset=${d.id}>
              <td><code>${d.id}</code></td><td>${localName(d.title)}</td><td>${t('orgds.version', { version: d.version })}</td>
              <td>${t('orgds.factors', { n: d.factorCount })}</td><td>${d.publisher}</td><td>${d.licence}</td></tr>`)}</tbody></table>`
          : html`<p class="muted">${t('orgds.none')}</p>`,
      })}
      <form @submit=${(e: Event) => e.preventDefault()}>
        <label>${t('orgds.file')}<input type="file" name="file" accept=".csv,.xlsx,.zip,text/csv" required @change=${() => (this.preview = undefined)} /></label>
        <label>${t('orgds.id')}<input name="id" required pattern="[a-z0-9][a-z0-9\\-]*" placeholder="acme-steel" /></label>
        <label>${t('orgds.name')}<input name="name" required /></label>
        <label>${t('orgds.publisher')}<input name="publisher" required /></label>
        <label>${t('orgds.licence')}<input name="licence" required /></label>
        <label>${t('orgds.citation')}<input name="citation" /></label>
        <label>${t('orgds.gwp')}<select name="gwp"><option value="AR6">AR6</option><option value="AR5">AR5</option><option value="AR4">AR4</option></select></label>
        <label>${t('orgds.charset')}<select name="charset"><option value="utf-8">UTF-8</option><option value="gb18030">GB18030 / GBK</option></select></label>
        <label>${t('orgds.sheet')}<input name="sheet" /></label>
        <div class="buttons">
          <button data-action="preview" ?disabled=${this.busy} @click=${() => void this.run(false)}>${t('orgds.preview')}</button>
          <button class="primary" data-action="import" ?disabled=${this.busy || !this.preview?.ok} @click=${() => void this.run(true)}>${t('orgds.import')}</button>
        </div>
      </form>
      ${this.busy ? html`<p class="muted">${t('common.working')}</p>` : nothing}
      ${this.message ? html`<p class=${this.isError ? 'error' : 'ok'} role="status">${this.message}</p>` : nothing}
      ${this.preview ? this.renderPreview(this.preview) : nothing}
    `;
  }

  private renderPreview(p: ImportPreview) {
    const problems = (list: ImportProblem[]) => html`<table class="problems"><thead><tr>
        <th>${t('orgds.row')}</th><th>${t('orgds.column')}</th><th>${t('orgds.what')}</th><th>${t('orgds.fix')}</th></tr></thead>
      <tbody>${list.map((e) => html`<tr><td class="num">${e.row ?? ''}</td><td>${e.column ?? ''}</td>
        <td><span class="code">${e.code}</span> ${e.detail}</td><td>${e.hint ?? ''}</td></tr>`)}</tbody></table>`;
    return html`
      <section class="preview" data-ok=${String(p.ok)}>
        <p class=${p.ok ? 'ok' : 'error'}>${p.ok ? t('orgds.ok', { n: p.stats.factors }) : t('orgds.problems', { n: p.errors.length })}</p>
        ${p.errors.length ? problems(p.errors) : nothing}
        ${p.warnings.length ? html`<details><summary>${t('orgds.warnings', { n: p.warnings.length })}</summary>${problems(p.warnings)}</details>` : nothing}
        ${Object.keys(p.columns).length ? html`<p class="muted">${t('orgds.columns')}: ${Object.entries(p.columns).map(([h, f]) => `${h} → ${f}`).join(' · ')}</p>` : nothing}
      </section>`;
  }

  /** Check the file (store = false) or import it; an import refused for its problems shows them like a check. */
  private async run(store: boolean): Promise<void> {
    const form = this.renderRoot.querySelector('form')!;
    if (!form.reportValidity()) return;
    const data = new FormData(form);
    const file = data.get('file') as File;
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const body: OrgDatasetImport = {
      dataset: {
        id: text('id'), name: text('name'), publisher: text('publisher'), licence: text('licence'), gwp: text('gwp'),
        ...(text('citation') ? { citation: text('citation') } : {}),
      },
      format: formatOf(file.name), file: await base64(file), fileName: file.name,
      ...(formatOf(file.name) === 'csv' && text('charset') !== 'utf-8' ? { charset: text('charset') } : {}),
      ...(text('sheet') ? { sheet: text('sheet') } : {}),
    };
    this.busy = true;
    this.message = '';
    try {
      if (!store) {
        this.preview = await this.api.previewOrgDataset(body);
        return;
      }
      const stored = await this.api.importOrgDataset(body);
      this.preview = undefined;
      this.isError = false;
      this.message = t('orgds.imported', { id: stored.id, version: stored.version, n: stored.factorCount });
      this.generation++;
      this.dispatchEvent(new CustomEvent('lca-org-datasets', { bubbles: true, composed: true }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.dispatchEvent(new CustomEvent('lca-auth', { bubbles: true, composed: true }));
      this.isError = true;
      this.message = `${t('orgds.failed')}: ${(error as Error).message}`;
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lca-org-datasets': LcaOrgDatasets;
  }
}

/**
 * @module api/client — the browser's typed view of the GreenLCA HTTP API (`/v1`). Every call sends the
 * API key the user gave once (kept in localStorage) as `Authorization: Bearer`. Errors arrive as RFC 9457
 * problem details and are thrown as `ApiError`, which keeps each located problem (JSON pointer, code).
 */
import type { CalculationResult, Factor, FactorDataset, Product } from '@greenlca/schema';

const KEY_STORAGE = 'greenlca.apiKey';

/** One located problem from a problem-details response. */
export interface ApiProblemError {
  pointer: string;
  code: string;
  detail: string;
  hint?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: ApiProblemError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Metadata of one stored product version (`ProductSummary` on the server). */
export interface ProductSummary {
  id: string;
  version: number;
  productId: string;
  name: string;
  inputHash: string;
  createdAt: string;
  updatedAt: string;
}

export interface ProductRecord extends ProductSummary {
  product: Product;
}

export interface VersionSummary {
  version: number;
  inputHash: string;
  createdAt: string;
  createdBy?: string;
}

export interface Whoami {
  organization: { id: string; name: string };
  key: { id: string; name: string; scopes: string[] };
}

/** What a BOM import gives back: the product, what was read, and warnings. */
export interface BomImport {
  product: Product;
  warnings: { code: string; message: string; path?: string }[];
  columns: Record<string, string>;
  stats: { rows: number; components: number; depth: number };
  /** Material texts that are not factor ids: for the user to map. */
  unmapped: { material: string; lines: number[]; suggestions: string[] }[];
}

/** One version of an organisation dataset (`OrgDatasetVersion` on the server). */
export interface OrgDatasetVersion {
  id: string;
  version: number;
  title: { en: string; zh?: string };
  publisher: string;
  licence: string;
  edition: string;
  format: string;
  fileName?: string;
  factorCount: number;
  createdAt: string;
}

/** An import request: the dataset's metadata and the file, base64-encoded. */
export interface OrgDatasetImport {
  dataset: { id: string; name: string; publisher: string; licence: string; citation?: string; gwp?: string; edition?: string };
  format: 'csv' | 'xlsx' | 'olca';
  file: string;
  fileName?: string;
  charset?: string;
  sheet?: string;
}

/** One problem of an import, located in the file. */
export interface ImportProblem {
  row?: number;
  column?: string;
  code: string;
  detail: string;
  hint?: string;
}

export interface ImportPreview {
  ok: boolean;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  columns: Record<string, string>;
  stats: { rows: number; factors: number };
  factors: Factor[];
}

/** A file to download (a report). */
export interface Download {
  blob: Blob;
  filename: string;
}

export function storedApiKey(): string {
  try {
    return localStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function storeApiKey(key: string): void {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    // Kept for this page only.
  }
}

type Query = Record<string, string | number | undefined>;

export class ApiClient {
  constructor(
    private apiKey: string = storedApiKey(),
    private readonly base: string = '',
  ) {}

  get hasKey(): boolean {
    return this.apiKey.length > 0;
  }

  setKey(key: string): void {
    this.apiKey = key;
    storeApiKey(key);
  }

  private url(path: string, query?: Query): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
    const qs = params.toString();
    return `${this.base}/v1${path}${qs ? `?${qs}` : ''}`;
  }

  private async send(method: string, path: string, init: { query?: Query; body?: unknown; raw?: BodyInit; contentType?: string; headers?: Record<string, string>; signal?: AbortSignal | undefined } = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    let body: BodyInit | undefined;
    if (init.raw !== undefined) {
      body = init.raw;
      headers['content-type'] = init.contentType ?? 'text/plain';
    } else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(this.url(path, init.query), { method, headers, body: body ?? null, signal: init.signal ?? null });
    if (!response.ok) throw await toError(response);
    return response;
  }

  private async json<T>(method: string, path: string, init: Parameters<ApiClient['send']>[2] = {}): Promise<T> {
    const response = await this.send(method, path, init);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** An answer to a request made elsewhere (index.html starts the opening product's), taken as this client takes its own. */
  static answer<T>(answer: ReadAnswer): T {
    if (answer.status < 200 || answer.status > 299) throw problem(answer.status, answer.statusText, answer.body);
    return answer.body as T;
  }

  whoami(signal?: AbortSignal): Promise<Whoami> {
    return this.json('GET', '/me', { signal });
  }

  async listProducts(signal?: AbortSignal): Promise<ProductSummary[]> {
    const items: ProductSummary[] = [];
    let next: string | undefined;
    do {
      const page = await this.json<{ items: ProductSummary[]; next?: string }>('GET', '/products', { query: { limit: 200, cursor: next }, signal });
      items.push(...page.items);
      next = page.next;
    } while (next);
    return items;
  }

  getProduct(id: string, version?: number, signal?: AbortSignal): Promise<ProductRecord> {
    return this.json('GET', version ? `/products/${id}/versions/${version}` : `/products/${id}`, { signal });
  }

  createProduct(product: Product): Promise<ProductRecord> {
    return this.json('POST', '/products', { body: product });
  }

  /** Store a new version; `If-Match` makes a concurrent edit fail (412) instead of being overwritten. */
  updateProduct(id: string, version: number, product: Product): Promise<ProductRecord> {
    return this.json('PUT', `/products/${id}`, { body: product, headers: { 'if-match': `"${version}"` } });
  }

  deleteProduct(id: string, version: number): Promise<void> {
    return this.json('DELETE', `/products/${id}`, { headers: { 'if-match': `"${version}"` } });
  }

  listVersions(id: string, signal?: AbortSignal): Promise<VersionSummary[]> {
    return this.json<{ items: VersionSummary[] }>('GET', `/products/${id}/versions`, { signal }).then((r) => r.items);
  }

  /**
   * Turn a PLM CSV bill of materials into a product (`POST /v1/imports/bom`). The server stores
   * nothing: the product opens in the editor and is saved like any other.
   */
  importCsv(csv: string | Uint8Array, query: Query = {}, charset = 'utf-8'): Promise<BomImport> {
    // Bytes go as they are, in their own charset (GB18030 from Chinese Excel): the server decodes them.
    const raw = typeof csv === 'string' ? csv : new Blob([csv as Uint8Array<ArrayBuffer>]);
    return this.json('POST', '/imports/bom', { raw, contentType: `text/csv; charset=${charset}`, query });
  }

  /** The organisation's own factor datasets, current versions. */
  listOrgDatasets(signal?: AbortSignal): Promise<OrgDatasetVersion[]> {
    return this.json<{ items: OrgDatasetVersion[] }>('GET', '/org-datasets', { signal }).then((r) => r.items);
  }

  /** One organisation dataset's current version with its factors. */
  getOrgDataset(id: string, signal?: AbortSignal): Promise<OrgDatasetVersion & { dataset: FactorDataset }> {
    return this.json('GET', `/org-datasets/${encodeURIComponent(id)}`, { signal });
  }

  /** Check a factor file: every problem, nothing stored. */
  previewOrgDataset(body: OrgDatasetImport): Promise<ImportPreview> {
    return this.json('POST', '/org-datasets/preview', { body });
  }

  /** Import a factor file as the dataset's next version (422 with every problem when it has any). */
  importOrgDataset(body: OrgDatasetImport): Promise<OrgDatasetVersion> {
    return this.json('POST', '/org-datasets', { body });
  }

  calculate(product: Product, gwp?: string): Promise<CalculationResult> {
    return this.json('POST', '/calculate', { body: product, query: { gwp } });
  }

  /** Evaluate a product against a GB/T 32161 product specification. */
  evaluate(body: unknown): Promise<unknown> {
    return this.json('POST', '/evaluations', { body });
  }

  /**
   * A report made by the server (`POST /v1/reports/cfp` or `/v1/reports/ecodesign`) as a file: PDF
   * (with an embedded CJK font) or HTML, in zh or en.
   */
  async report(kind: 'cfp' | 'ecodesign', body: unknown, format: 'pdf' | 'html', lang: 'zh' | 'en'): Promise<Download> {
    const accept = format === 'pdf' ? 'application/pdf' : 'text/html';
    const response = await this.send('POST', `/reports/${kind}`, { body, query: { format, lang }, headers: { accept } });
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? 'report';
    return { blob: await response.blob(), filename: decodeURIComponent(filename) };
  }
}

/** A response with its body read as JSON (undefined when it is not JSON). */
export interface ReadAnswer {
  status: number;
  statusText: string;
  body: unknown;
}

async function toError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page): keep the status text.
  }
  return problem(response.status, response.statusText, body);
}

function problem(status: number, statusText: string, body: unknown): ApiError {
  const p = (body ?? {}) as { code?: string; title?: string; detail?: string; message?: string; errors?: ApiProblemError[] };
  return new ApiError(status, p.code ?? `HTTP_${status}`, p.detail ?? p.message ?? p.title ?? statusText, p.errors ?? []);
}

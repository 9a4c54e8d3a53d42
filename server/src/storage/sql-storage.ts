import type { FactorDataset, Product } from '@greenlca/schema';
import type { OrgDatasetDocument, OrgDatasetVersion } from '../schemas/org-dataset.js';
import type { ApiKeyInfo, Organization, Scope } from '../schemas/auth.js';
import type { ProductRecord, ProductSummary, VersionSummary } from '../schemas/product-record.js';
import type { Provenance, StoredResult, StoredResultSummary } from '../schemas/stored-result.js';
import type { Db, Queryable } from './db.js';
import * as jobs from './sql-jobs.js';
import { CurrentVersionsCache } from './current-versions.js';
import type {
  Conditional, IdempotencyClaim, JobItem, JobItemOutcome, JobRecord, JobState, JobToRun, KeptAnswer, ListProducts, NewFootprint, NewJob, NewOrgDatasetVersion, NewPactPartner,
  NewPactRequest, NewPactSentRequest, NewProduct, NewResult, OwedPactDelivery, PactPartner, PactRequest, PactSentRequest, PendingJobItem, QueueSql, Storage, StoredFootprint, StoredKey,
} from './types.js';

/** Both drivers return timestamptz as Date; keep the wire form (ISO 8601, UTC) in one place. */
export const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();

/** json columns come back parsed from both drivers; accept a string too, to be safe. */
export const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

interface ProductRow {
  id: string;
  product_id: string;
  name: string;
  created_at: Date;
  version: number;
  version_created_at: Date;
  input_hash: string;
  document?: unknown;
  seq?: string | number;
}

function productRecord(row: ProductRow): ProductRecord {
  return { ...productSummary(row), product: json<Product>(row.document) };
}

function productSummary(row: ProductRow): ProductSummary {
  return {
    id: row.id,
    version: row.version,
    productId: row.product_id,
    name: row.name,
    inputHash: row.input_hash,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.version_created_at),
  };
}

interface KeyRow {
  id: string;
  org_id: string;
  name: string;
  scopes: Scope[];
  created_at: Date;
  revoked_at: Date | null;
}

function keyInfo(row: KeyRow): ApiKeyInfo {
  const info: ApiKeyInfo = { id: row.id, orgId: row.org_id, name: row.name, scopes: row.scopes, createdAt: iso(row.created_at) };
  if (row.revoked_at) info.revokedAt = iso(row.revoked_at);
  return info;
}

interface OrgRow {
  id: string;
  name: string;
  is_operator: boolean;
  created_at: Date;
}

const organization = (row: OrgRow): Organization => ({ id: row.id, name: row.name, isOperator: row.is_operator, createdAt: iso(row.created_at) });

interface ResultRow {
  id: string;
  product_id: string;
  product_version: number;
  created_at: Date;
  provenance: unknown;
  total_kg_co2e: number;
  result?: unknown;
}

interface OrgDatasetRow {
  dataset_id: string;
  version: number;
  title: unknown;
  publisher: string;
  licence: string;
  edition: string;
  format: string;
  file_name: string | null;
  file_sha256: string;
  factor_count: number;
  created_by: string | null;
  created_at: Date;
  document?: unknown;
}

function orgDatasetVersion(row: OrgDatasetRow): OrgDatasetVersion {
  const v: OrgDatasetVersion = {
    id: row.dataset_id, version: row.version, title: json<OrgDatasetVersion['title']>(row.title), publisher: row.publisher,
    licence: row.licence, edition: row.edition, format: row.format, fileSha256: row.file_sha256, factorCount: row.factor_count, createdAt: iso(row.created_at),
  };
  if (row.file_name) v.fileName = row.file_name;
  if (row.created_by) v.createdBy = row.created_by;
  return v;
}

const ORG_DATASET_COLUMNS = `v.dataset_id, v.version, v.title, v.publisher, v.licence, v.edition, v.format, v.file_name, v.file_sha256,
  v.factor_count, v.created_by, v.created_at`;

// Name and model id are the version's own, so an old version reads as it was saved.
const PRODUCT_COLUMNS = `p.id, v.model_id AS product_id, v.name, p.created_at, v.version, v.created_at AS version_created_at, v.input_hash`;

/**
 * The storage, written once in PostgreSQL's dialect and run on PGlite or PostgreSQL. Every query on
 * organisation-owned rows has `org_id = $1`; a row of another organisation is indistinguishable from
 * a missing one. The one exception is claimPactDeliveries, the server's own outbox, which hands each
 * answer out with its organisation.
 */
export class SqlStorage implements Storage {
  /** Current org dataset versions in memory, where this process is their only writer (PGlite). */
  private readonly currentVersions: CurrentVersionsCache | undefined;

  constructor(private readonly db: Db) {
    this.currentVersions = db.kind === 'pglite' ? new CurrentVersionsCache() : undefined;
  }

  get kind(): Storage['kind'] {
    return this.db.kind;
  }

  async createOrganization(org: { id: string; name: string; isOperator?: boolean }): Promise<Organization> {
    const { rows } = await this.db.query<OrgRow>(
      'INSERT INTO organizations (id, name, is_operator) VALUES ($1, $2, $3) RETURNING *',
      [org.id, org.name, org.isOperator ?? false],
    );
    return organization(rows[0]!);
  }

  async getOrganization(orgId: string): Promise<Organization | undefined> {
    const { rows } = await this.db.query<OrgRow>('SELECT * FROM organizations WHERE id = $1', [orgId]);
    return rows[0] && organization(rows[0]);
  }

  async hasAnyKey(): Promise<boolean> {
    const { rows } = await this.db.query('SELECT 1 FROM api_keys LIMIT 1');
    return rows.length > 0;
  }

  async createApiKey(key: { id: string; orgId: string; name: string; scopes: Scope[]; secretHash: string }): Promise<ApiKeyInfo> {
    const { rows } = await this.db.query<KeyRow>(
      'INSERT INTO api_keys (id, org_id, name, scopes, secret_hash) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [key.id, key.orgId, key.name, key.scopes, key.secretHash],
    );
    return keyInfo(rows[0]!);
  }

  async findApiKey(keyId: string): Promise<StoredKey | undefined> {
    const { rows } = await this.db.query<KeyRow & { secret_hash: string; is_operator: boolean }>(
      `SELECT k.*, o.is_operator FROM api_keys k JOIN organizations o ON o.id = k.org_id WHERE k.id = $1`,
      [keyId],
    );
    const row = rows[0];
    return row && { ...keyInfo(row), secretHash: row.secret_hash, isOperator: row.is_operator };
  }

  async listApiKeys(orgId: string): Promise<ApiKeyInfo[]> {
    const { rows } = await this.db.query<KeyRow>('SELECT * FROM api_keys WHERE org_id = $1 ORDER BY created_at, id', [orgId]);
    return rows.map(keyInfo);
  }

  async revokeApiKey(orgId: string, keyId: string): Promise<boolean> {
    const { rows } = await this.db.query(
      'UPDATE api_keys SET revoked_at = clock_timestamp() WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id',
      [orgId, keyId],
    );
    return rows.length > 0;
  }

  async createProduct(orgId: string, input: NewProduct): Promise<ProductRecord> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        'INSERT INTO products (id, org_id, product_id, name, current_version) VALUES ($1, $2, $3, $4, 1)',
        [input.id, orgId, input.product.id, input.product.name],
      );
      await insertVersion(tx, orgId, input.id, 1, input);
      return (await selectProduct(tx, orgId, input.id))!;
    });
  }

  async getProduct(orgId: string, id: string, version?: number): Promise<ProductRecord | undefined> {
    return selectProduct(this.db, orgId, id, version);
  }

  async listProducts(orgId: string, query: ListProducts): Promise<{ items: ProductSummary[]; next?: string }> {
    const params: unknown[] = [orgId, query.cursor ?? '0', query.limit + 1];
    let filter = '';
    if (query.productId !== undefined) {
      params.push(query.productId);
      filter = 'AND p.product_id = $4';
    }
    const { rows } = await this.db.query<ProductRow>(
      `SELECT ${PRODUCT_COLUMNS}, p.seq FROM products p
         JOIN product_versions v ON v.product_id = p.id AND v.version = p.current_version
        WHERE p.org_id = $1 AND p.deleted_at IS NULL AND p.seq > $2::bigint ${filter}
        ORDER BY p.seq LIMIT $3`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    const result: { items: ProductSummary[]; next?: string } = { items: page.map(productSummary) };
    if (rows.length > query.limit && last) result.next = String(last.seq);
    return result;
  }

  async updateProduct(
    orgId: string, id: string, expectedVersion: number, input: Omit<NewProduct, 'id'>,
  ): Promise<Conditional<ProductRecord>> {
    return this.db.transaction(async (tx) => {
      // The compare-and-set is one statement, so two concurrent updates with the same If-Match cannot both win.
      const { rows } = await tx.query<{ current_version: number }>(
        `UPDATE products SET current_version = current_version + 1, name = $4, product_id = $5, updated_at = clock_timestamp()
          WHERE org_id = $1 AND id = $2 AND current_version = $3 AND deleted_at IS NULL
          RETURNING current_version`,
        [orgId, id, expectedVersion, input.product.name, input.product.id],
      );
      if (!rows[0]) return this.whyNot(tx, orgId, id);
      await insertVersion(tx, orgId, id, rows[0].current_version, input);
      return { ok: true, value: (await selectProduct(tx, orgId, id))! };
    });
  }

  async deleteProduct(orgId: string, id: string, expectedVersion?: number): Promise<Conditional<{ version: number }>> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ current_version: number }>(
        `UPDATE products SET deleted_at = clock_timestamp()
          WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL AND ($3::integer IS NULL OR current_version = $3::integer)
          RETURNING current_version`,
        [orgId, id, expectedVersion ?? null],
      );
      if (!rows[0]) return this.whyNot(tx, orgId, id);
      return { ok: true, value: { version: rows[0].current_version } };
    });
  }

  private async whyNot(tx: Queryable, orgId: string, id: string): Promise<{ ok: false; reason: 'not-found' | 'version-mismatch'; current?: number }> {
    const { rows } = await tx.query<{ current_version: number }>(
      'SELECT current_version FROM products WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL',
      [orgId, id],
    );
    return rows[0] ? { ok: false, reason: 'version-mismatch', current: rows[0].current_version } : { ok: false, reason: 'not-found' };
  }

  async listVersions(orgId: string, id: string): Promise<VersionSummary[] | undefined> {
    const { rows } = await this.db.query<{ version: number; input_hash: string; created_at: Date; created_by: string | null }>(
      `SELECT v.version, v.input_hash, v.created_at, v.created_by FROM products p
         JOIN product_versions v ON v.product_id = p.id
        WHERE p.org_id = $1 AND p.id = $2 AND p.deleted_at IS NULL ORDER BY v.version`,
      [orgId, id],
    );
    if (!rows.length) return undefined;
    return rows.map((r) => {
      const v: VersionSummary = { version: r.version, inputHash: r.input_hash, createdAt: iso(r.created_at) };
      if (r.created_by) v.createdBy = r.created_by;
      return v;
    });
  }

  async saveResult(orgId: string, input: NewResult): Promise<StoredResult> {
    return insertResult(this.db, orgId, input);
  }

  async getResult(orgId: string, id: string): Promise<StoredResult | undefined> {
    const { rows } = await this.db.query<ResultRow>(
      `SELECT r.* FROM results r JOIN products p ON p.id = r.product_id
        WHERE r.org_id = $1 AND r.id = $2 AND p.deleted_at IS NULL`,
      [orgId, id],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      id: row.id, productId: row.product_id, productVersion: row.product_version, createdAt: iso(row.created_at),
      provenance: json<Provenance>(row.provenance), result: json<StoredResult['result']>(row.result),
    };
  }

  async listResults(orgId: string, productId: string): Promise<StoredResultSummary[] | undefined> {
    const live = await this.db.query('SELECT 1 FROM products WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, productId]);
    if (!live.rows.length) return undefined;
    const { rows } = await this.db.query<ResultRow>(
      `SELECT id, product_id, product_version, created_at, provenance, total_kg_co2e FROM results
        WHERE org_id = $1 AND product_id = $2 ORDER BY created_at, id`,
      [orgId, productId],
    );
    return rows.map((row) => ({
      id: row.id, productId: row.product_id, productVersion: row.product_version, createdAt: iso(row.created_at),
      totalKgCO2e: Number(row.total_kg_co2e), provenance: json<Provenance>(row.provenance),
    }));
  }

  async createFootprint(orgId: string, input: NewFootprint): Promise<StoredFootprint> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE footprints SET status = 'Deprecated' WHERE org_id = $1 AND product_id = $2 AND status = 'Active'`,
        [orgId, input.productId],
      );
      const { rows } = await tx.query<FootprintRow>(
        `INSERT INTO footprints (id, org_id, product_id, result_id, document)
         SELECT $2, $1, r.product_id, r.id, $5::json FROM results r WHERE r.org_id = $1 AND r.id = $4 AND r.product_id = $3
         RETURNING id, product_id, result_id, status, document, created_at, seq`,
        [orgId, input.id, input.productId, input.resultId, JSON.stringify(input.document)],
      );
      if (!rows[0]) throw new Error(`result ${input.resultId} of product ${input.productId} not found in organisation ${orgId}`);
      return footprint(rows[0]);
    });
  }

  async activeFootprintIds(orgId: string, productId: string): Promise<string[] | undefined> {
    const live = await this.db.query('SELECT 1 FROM products WHERE org_id = $1 AND id = $2 AND deleted_at IS NULL', [orgId, productId]);
    if (!live.rows.length) return undefined;
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM footprints WHERE org_id = $1 AND product_id = $2 AND status = 'Active' ORDER BY seq`, [orgId, productId]);
    return rows.map((r) => r.id);
  }

  async getFootprint(orgId: string, id: string): Promise<StoredFootprint | undefined> {
    const { rows } = await this.db.query<FootprintRow>('SELECT * FROM footprints WHERE org_id = $1 AND id = $2', [orgId, id]);
    return rows[0] && footprint(rows[0]);
  }

  async listFootprints(orgId: string, query: { productId?: string; limit: number; cursor?: string }): Promise<{ items: StoredFootprint[]; next?: string }> {
    const params: unknown[] = [orgId, query.cursor ?? '0', query.limit + 1];
    if (query.productId !== undefined) params.push(query.productId);
    const { rows } = await this.db.query<FootprintRow>(
      `SELECT * FROM footprints WHERE org_id = $1 AND seq > $2::bigint ${query.productId !== undefined ? 'AND product_id = $4' : ''}
        ORDER BY seq LIMIT $3`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const out: { items: StoredFootprint[]; next?: string } = { items: page.map(footprint) };
    if (rows.length > query.limit) out.next = String(page[page.length - 1]!.seq);
    return out;
  }

  async createOrgDatasetVersion(orgId: string, input: NewOrgDatasetVersion): Promise<OrgDatasetVersion> {
    if (this.currentVersions) return this.currentVersions.writing(orgId, () => this.insertOrgDatasetVersion(orgId, input));
    return this.insertOrgDatasetVersion(orgId, input);
  }

  private insertOrgDatasetVersion(orgId: string, input: NewOrgDatasetVersion): Promise<OrgDatasetVersion> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ current_version: number }>(
        `INSERT INTO org_datasets (org_id, id, current_version) VALUES ($1, $2, 1)
         ON CONFLICT (org_id, id) DO UPDATE SET current_version = org_datasets.current_version + 1, updated_at = clock_timestamp()
         RETURNING current_version`,
        [orgId, input.document.id],
      );
      const version = rows[0]!.current_version;
      const document: FactorDataset = { ...input.document, version: String(version) };
      const inserted = await tx.query<OrgDatasetRow>(
        `INSERT INTO org_dataset_versions AS v (org_id, dataset_id, version, document, title, publisher, licence, edition, format, file_name, file_sha256, factor_count, created_by)
         VALUES ($1, $2, $3, $4::json, $5::json, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING ${ORG_DATASET_COLUMNS}`,
        [orgId, document.id, version, JSON.stringify(document), JSON.stringify(document.title), document.publisher, document.licences[0]?.name ?? '',
          document.edition, input.format, input.fileName ?? null, input.fileSha256, document.factors.length, input.createdBy ?? null],
      );
      return orgDatasetVersion(inserted.rows[0]!);
    });
  }

  async currentOrgDatasetVersions(orgId: string): Promise<{ id: string; version: number }[]> {
    if (this.currentVersions) return this.currentVersions.get(orgId, () => this.readCurrentOrgDatasetVersions(orgId));
    return this.readCurrentOrgDatasetVersions(orgId);
  }

  private async readCurrentOrgDatasetVersions(orgId: string): Promise<{ id: string; version: number }[]> {
    const { rows } = await this.db.query<{ id: string; current_version: number }>('SELECT id, current_version FROM org_datasets WHERE org_id = $1 ORDER BY id', [orgId]);
    return rows.map((r) => ({ id: r.id, version: r.current_version }));
  }

  async listOrgDatasets(orgId: string): Promise<OrgDatasetVersion[]> {
    const { rows } = await this.db.query<OrgDatasetRow>(
      `SELECT ${ORG_DATASET_COLUMNS} FROM org_datasets d
         JOIN org_dataset_versions v ON v.org_id = d.org_id AND v.dataset_id = d.id AND v.version = d.current_version
        WHERE d.org_id = $1 ORDER BY d.id`,
      [orgId],
    );
    return rows.map(orgDatasetVersion);
  }

  async getOrgDataset(orgId: string, id: string, version?: number): Promise<OrgDatasetDocument | undefined> {
    const { rows } = await this.db.query<OrgDatasetRow>(
      `SELECT ${ORG_DATASET_COLUMNS}, v.document FROM org_datasets d
         JOIN org_dataset_versions v ON v.org_id = d.org_id AND v.dataset_id = d.id AND v.version = COALESCE($3::integer, d.current_version)
        WHERE d.org_id = $1 AND d.id = $2`,
      [orgId, id, version ?? null],
    );
    const row = rows[0];
    return row && { ...orgDatasetVersion(row), dataset: json<FactorDataset>(row.document) };
  }

  async listOrgDatasetVersions(orgId: string, id: string): Promise<OrgDatasetVersion[] | undefined> {
    const { rows } = await this.db.query<OrgDatasetRow>(
      `SELECT ${ORG_DATASET_COLUMNS} FROM org_dataset_versions v WHERE v.org_id = $1 AND v.dataset_id = $2 ORDER BY v.version`,
      [orgId, id],
    );
    return rows.length ? rows.map(orgDatasetVersion) : undefined;
  }

  async claimIdempotency(orgId: string, key: string, requestHash: string, limits: { now: Date; expiresBefore: Date; staleBefore: Date }): Promise<IdempotencyClaim> {
    return this.db.transaction(async (tx) => {
      // An expired answer, or a claim whose request cannot still be running, is given up first.
      await tx.query('DELETE FROM idempotency_keys WHERE org_id = $1 AND key = $2 AND (created_at < $3 OR (status IS NULL AND created_at < $4))',
        [orgId, key, limits.expiresBefore.toISOString(), limits.staleBefore.toISOString()]);
      const inserted = await tx.query('INSERT INTO idempotency_keys (org_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key',
        [orgId, key, requestHash, limits.now.toISOString()]);
      if (inserted.rows.length) return { state: 'claimed' } as const;
      const { rows } = await tx.query<{ request_hash: string; status: number | null; headers: unknown; body: string | null }>(
        'SELECT request_hash, status, headers, body FROM idempotency_keys WHERE org_id = $1 AND key = $2', [orgId, key]);
      const row = rows[0];
      if (!row) return { state: 'in-progress' } as const; // released between the two statements: the client retries
      if (row.request_hash !== requestHash) return { state: 'other-request' } as const;
      if (row.status === null) return { state: 'in-progress' } as const;
      return { state: 'answered', answer: { status: row.status, headers: json<Record<string, string>>(row.headers), body: row.body ?? '' } } as const;
    });
  }

  async completeIdempotency(orgId: string, key: string, answer: KeptAnswer): Promise<void> {
    await this.db.query('UPDATE idempotency_keys SET status = $3, headers = $4, body = $5 WHERE org_id = $1 AND key = $2 AND status IS NULL',
      [orgId, key, answer.status, JSON.stringify(answer.headers), answer.body]);
  }

  async releaseIdempotency(orgId: string, key: string): Promise<void> {
    await this.db.query('DELETE FROM idempotency_keys WHERE org_id = $1 AND key = $2 AND status IS NULL', [orgId, key]);
  }

  async purgeIdempotency(before: Date): Promise<number> {
    const { rows } = await this.db.query('DELETE FROM idempotency_keys WHERE created_at < $1 RETURNING 1', [before.toISOString()]);
    return rows.length;
  }

  async createAccessToken(token: { tokenHash: string; keyId: string; orgId: string; expiresAt: Date }): Promise<void> {
    await this.db.query('INSERT INTO access_tokens (token_hash, key_id, org_id, expires_at) VALUES ($1, $2, $3, $4)',
      [token.tokenHash, token.keyId, token.orgId, token.expiresAt.toISOString()]);
  }

  async findAccessToken(tokenHash: string): Promise<{ keyId: string; orgId: string; scopes: Scope[]; expiresAt: string } | undefined> {
    const { rows } = await this.db.query<{ key_id: string; org_id: string; scopes: Scope[]; expires_at: Date }>(
      `SELECT t.key_id, t.org_id, k.scopes, t.expires_at FROM access_tokens t
         JOIN api_keys k ON k.id = t.key_id WHERE t.token_hash = $1 AND k.revoked_at IS NULL`,
      [tokenHash],
    );
    const row = rows[0];
    return row && { keyId: row.key_id, orgId: row.org_id, scopes: row.scopes, expiresAt: iso(row.expires_at) };
  }

  async createPactPartner(orgId: string, p: NewPactPartner): Promise<PactPartner | undefined> {
    const { rows } = await this.db.query<PartnerRow>(
      `INSERT INTO pact_partners (id, org_id, name, base_url, client_id, client_secret) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (org_id, base_url) DO NOTHING RETURNING *`,
      [p.id, orgId, p.name, p.baseUrl, p.clientId, p.clientSecret],
    );
    return rows[0] && partner(rows[0]);
  }

  async listPactPartners(orgId: string): Promise<PactPartner[]> {
    const { rows } = await this.db.query<PartnerRow>('SELECT * FROM pact_partners WHERE org_id = $1 ORDER BY created_at, id', [orgId]);
    return rows.map(partner);
  }

  async findPactPartner(orgId: string, baseUrl: string): Promise<PactPartner | undefined> {
    const { rows } = await this.db.query<PartnerRow>('SELECT * FROM pact_partners WHERE org_id = $1 AND base_url = $2', [orgId, baseUrl]);
    return rows[0] && partner(rows[0]);
  }

  async deletePactPartner(orgId: string, id: string): Promise<boolean> {
    const { rows } = await this.db.query('DELETE FROM pact_partners WHERE org_id = $1 AND id = $2 RETURNING id', [orgId, id]);
    return rows.length > 0;
  }

  async createPactRequest(orgId: string, r: NewPactRequest): Promise<{ request: PactRequest; created: boolean }> {
    const inserted = await this.db.query<RequestRow>(
      `INSERT INTO pact_requests (id, org_id, partner_id, event_id, source, criteria) VALUES ($1, $2, $3, $4, $5, $6::json)
       ON CONFLICT (org_id, source, event_id) DO NOTHING RETURNING *`,
      [r.id, orgId, r.partnerId, r.eventId, r.source, JSON.stringify(r.criteria)],
    );
    if (inserted.rows[0]) return { request: pactRequest(inserted.rows[0]), created: true };
    const { rows } = await this.db.query<RequestRow>('SELECT * FROM pact_requests WHERE org_id = $1 AND source = $2 AND event_id = $3', [orgId, r.source, r.eventId]);
    return { request: pactRequest(rows[0]!), created: false };
  }

  async getPactRequest(orgId: string, id: string): Promise<PactRequest | undefined> {
    const { rows } = await this.db.query<RequestRow>('SELECT * FROM pact_requests WHERE org_id = $1 AND id = $2', [orgId, id]);
    return rows[0] && pactRequest(rows[0]);
  }

  async listPactRequests(orgId: string, query: { status?: PactRequest['status']; limit: number }): Promise<PactRequest[]> {
    const { rows } = await this.db.query<RequestRow>(
      `SELECT * FROM pact_requests WHERE org_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY seq LIMIT $3`,
      [orgId, query.status ?? null, query.limit],
    );
    return rows.map(pactRequest);
  }

  async answerPactRequest(orgId: string, id: string, answer: { status: 'Fulfilled' | 'Rejected'; event: Record<string, unknown> }, leaseMs: number): Promise<PactRequest | undefined> {
    // The answer and the delivery it owes are stored together; the caller holds the first attempt for leaseMs.
    const { rows } = await this.db.query<RequestRow>(
      `UPDATE pact_requests SET status = $3, answer = $4::json, answered_at = clock_timestamp(),
              delivery_attempts = 1, delivery_due = clock_timestamp() + make_interval(secs => $5::double precision / 1000)
        WHERE org_id = $1 AND id = $2 AND status = 'Pending' RETURNING *`,
      [orgId, id, answer.status, JSON.stringify(answer.event), leaseMs],
    );
    return rows[0] && pactRequest(rows[0]);
  }

  async recordPactDelivery(orgId: string, id: string, delivery: string, retryInMs?: number): Promise<void> {
    await this.db.query(
      `UPDATE pact_requests SET delivery = $3,
              delivery_due = CASE WHEN $4::double precision IS NULL THEN NULL ELSE clock_timestamp() + make_interval(secs => $4::double precision / 1000) END
        WHERE org_id = $1 AND id = $2`,
      [orgId, id, delivery, retryInMs ?? null],
    );
  }

  async claimPactDeliveries(limit: number, leaseMs: number): Promise<OwedPactDelivery[]> {
    // SKIP LOCKED: replicas polling at once each take different answers.
    const { rows } = await this.db.query<RequestRow & { org_id: string; delivery_attempts: number }>(
      `UPDATE pact_requests SET delivery_attempts = delivery_attempts + 1,
              delivery_due = clock_timestamp() + make_interval(secs => $2::double precision / 1000)
        WHERE id IN (SELECT id FROM pact_requests WHERE delivery_due <= clock_timestamp()
                      ORDER BY delivery_due LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({ orgId: row.org_id, attempt: row.delivery_attempts, request: pactRequest(row) }));
  }

  createJob(orgId: string, job: NewJob, enqueue: (total: number, tx: QueueSql) => Promise<void>): ReturnType<Storage['createJob']> {
    return jobs.createJob(this.db, orgId, job, enqueue);
  }

  getJob(orgId: string, id: string): Promise<JobRecord | undefined> {
    return jobs.getJob(this.db, orgId, id);
  }

  listJobs(orgId: string, query: { state?: JobState; limit: number; cursor?: string }): ReturnType<Storage['listJobs']> {
    return jobs.listJobs(this.db, orgId, query);
  }

  listJobItems(orgId: string, jobId: string, query: { state?: JobItem['state']; limit: number; after?: number }): ReturnType<Storage['listJobItems']> {
    return jobs.listJobItems(this.db, orgId, jobId, query);
  }

  cancelJob(orgId: string, id: string): Promise<JobRecord | undefined> {
    return jobs.cancelJob(this.db, orgId, id);
  }

  runJobItems(jobId: string, range: { from: number; to: number }, work: (job: JobToRun, items: PendingJobItem[]) => JobItemOutcome[]): Promise<number> {
    return jobs.runJobItems(this.db, jobId, range, work);
  }

  pendingJobItems(jobId: string, range: { from: number; to: number }): ReturnType<Storage['pendingJobItems']> {
    return jobs.pendingJobItems(this.db, jobId, range);
  }

  getStoredReport(orgId: string, id: string): ReturnType<Storage['getStoredReport']> {
    return jobs.getStoredReport(this.db, orgId, id);
  }

  failJobItems(jobId: string, range: { from: number; to: number }, problem: Record<string, unknown>): Promise<number> {
    return jobs.failJobItems(this.db, jobId, range, problem);
  }

  async countRequest(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }> {
    // One statement: concurrent requests of one key take turns on its row, so none is lost.
    const { rows } = await this.db.query<{ count: number; ttl: number }>(
      `INSERT INTO rate_limit_windows AS w (key, started_at, count) VALUES ($1, clock_timestamp(), 1)
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN w.started_at + $2 * interval '1 millisecond' <= clock_timestamp() THEN 1 ELSE w.count + 1 END,
         started_at = CASE WHEN w.started_at + $2 * interval '1 millisecond' <= clock_timestamp() THEN clock_timestamp() ELSE w.started_at END
       RETURNING count, GREATEST(0, $2 - floor(EXTRACT(EPOCH FROM (clock_timestamp() - started_at)) * 1000))::integer AS ttl`,
      [key, windowMs],
    );
    return { count: rows[0]!.count, ttlMs: rows[0]!.ttl };
  }

  async purgeRequestCounts(windowMs: number): Promise<number> {
    const { rows } = await this.db.query(
      `DELETE FROM rate_limit_windows WHERE started_at + $1 * interval '1 millisecond' < clock_timestamp() RETURNING 1`, [windowMs]);
    return rows.length;
  }

  queueSql(): QueueSql {
    return jobs.queueSql(this.db);
  }

  async createPactSentRequest(orgId: string, r: NewPactSentRequest): Promise<PactSentRequest> {
    const { rows } = await this.db.query<SentRequestRow>(
      'INSERT INTO pact_sent_requests (id, org_id, partner_id, criteria) VALUES ($1, $2, $3, $4::json) RETURNING *',
      [r.id, orgId, r.partnerId, JSON.stringify(r.criteria)],
    );
    return sentRequest(rows[0]!);
  }

  async deletePactSentRequest(orgId: string, id: string): Promise<void> {
    await this.db.query('DELETE FROM pact_sent_requests WHERE org_id = $1 AND id = $2', [orgId, id]);
  }

  async getPactSentRequest(orgId: string, id: string): Promise<PactSentRequest | undefined> {
    const { rows } = await this.db.query<SentRequestRow>('SELECT * FROM pact_sent_requests WHERE org_id = $1 AND id = $2', [orgId, id]);
    return rows[0] && sentRequest(rows[0]);
  }

  async listPactSentRequests(orgId: string, query: { status?: PactSentRequest['status']; limit: number }): Promise<PactSentRequest[]> {
    const { rows } = await this.db.query<SentRequestRow>(
      'SELECT * FROM pact_sent_requests WHERE org_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY seq DESC LIMIT $3',
      [orgId, query.status ?? null, query.limit],
    );
    return rows.map(sentRequest);
  }

  async answerPactSentRequest(orgId: string, partnerId: string, id: string, answer: { status: 'Fulfilled' | 'Rejected'; event: Record<string, unknown> }): Promise<PactSentRequest | undefined> {
    const { rows } = await this.db.query<SentRequestRow>(
      `UPDATE pact_sent_requests SET status = $4, answer = $5::json, answered_at = clock_timestamp()
        WHERE org_id = $1 AND partner_id = $2 AND id = $3 AND status = 'Pending' RETURNING *`,
      [orgId, partnerId, id, answer.status, JSON.stringify(answer.event)],
    );
    return rows[0] && sentRequest(rows[0]);
  }

  embeddedMemoryBytes(): number | undefined {
    return this.db.embeddedMemoryBytes();
  }

  /** Close the connection(s); closing again is a no-op (a signal handler and a test may both close). */
  close(): Promise<void> {
    this.closing ??= this.db.close();
    return this.closing;
  }

  private closing: Promise<void> | undefined;
}

interface PartnerRow {
  id: string;
  name: string;
  base_url: string;
  client_id: string;
  client_secret: string;
  created_at: Date;
}

function partner(row: PartnerRow): PactPartner {
  return { id: row.id, name: row.name, baseUrl: row.base_url, clientId: row.client_id, clientSecret: row.client_secret, createdAt: iso(row.created_at) };
}

interface RequestRow {
  id: string;
  partner_id: string;
  event_id: string;
  source: string;
  criteria: unknown;
  status: PactRequest['status'];
  answer: unknown;
  delivery: string | null;
  received_at: Date;
  answered_at: Date | null;
}

function pactRequest(row: RequestRow): PactRequest {
  return {
    id: row.id, partnerId: row.partner_id, eventId: row.event_id, source: row.source, criteria: json<Record<string, unknown>>(row.criteria),
    status: row.status, receivedAt: iso(row.received_at),
    ...(row.answered_at ? { answeredAt: iso(row.answered_at) } : {}),
    ...(row.answer ? { answer: json<Record<string, unknown>>(row.answer) } : {}),
    ...(row.delivery ? { delivery: row.delivery } : {}),
  };
}

interface SentRequestRow {
  id: string;
  partner_id: string;
  criteria: unknown;
  status: PactSentRequest['status'];
  answer: unknown;
  sent_at: Date;
  answered_at: Date | null;
}

function sentRequest(row: SentRequestRow): PactSentRequest {
  return {
    id: row.id, partnerId: row.partner_id, criteria: json<Record<string, unknown>>(row.criteria), status: row.status, sentAt: iso(row.sent_at),
    ...(row.answered_at ? { answeredAt: iso(row.answered_at) } : {}),
    ...(row.answer ? { answer: json<Record<string, unknown>>(row.answer) } : {}),
  };
}

interface FootprintRow {
  id: string;
  product_id: string;
  result_id: string;
  status: 'Active' | 'Deprecated';
  document: unknown;
  created_at: Date;
  seq: string | number;
}

function footprint(row: FootprintRow): StoredFootprint {
  return {
    id: row.id, productId: row.product_id, resultId: row.result_id, status: row.status, createdAt: iso(row.created_at),
    document: { ...json<Record<string, unknown>>(row.document), status: row.status },
  };
}

async function insertVersion(tx: Queryable, orgId: string, id: string, version: number, input: Omit<NewProduct, 'id'>): Promise<void> {
  await tx.query(
    `INSERT INTO product_versions (product_id, version, org_id, document, input_hash, created_by, name, model_id)
     VALUES ($1, $2, $3, $4::json, $5, $6, $7, $8)`,
    [id, version, orgId, JSON.stringify(input.product), input.inputHash, input.createdBy ?? null, input.product.name, input.product.id],
  );
}

async function selectProduct(q: Queryable, orgId: string, id: string, version?: number): Promise<ProductRecord | undefined> {
  const { rows } = await q.query<ProductRow>(
    `SELECT ${PRODUCT_COLUMNS}, v.document FROM products p
       JOIN product_versions v ON v.product_id = p.id AND v.version = COALESCE($3::integer, p.current_version)
      WHERE p.org_id = $1 AND p.id = $2 AND p.deleted_at IS NULL`,
    [orgId, id, version ?? null],
  );
  return rows[0] && productRecord(rows[0]);
}

/** Store a result of a live product of the organisation (the one statement both saveResult and jobs use). */
export async function insertResult(q: Queryable, orgId: string, input: NewResult): Promise<StoredResult> {
  const { rows } = await q.query<ResultRow>(
    `INSERT INTO results (id, org_id, product_id, product_version, input_hash, provenance, total_kg_co2e, result)
     SELECT $2, $1, p.id, $4, $5, $6::json, $7, $8::json FROM products p WHERE p.org_id = $1 AND p.id = $3
     RETURNING id, product_id, product_version, created_at`,
    [orgId, input.id, input.productId, input.productVersion, input.provenance.inputHash, JSON.stringify(input.provenance),
      input.result.total.kgCO2e, JSON.stringify(input.result)],
  );
  const row = rows[0];
  if (!row) throw new Error(`product ${input.productId} not found in organisation ${orgId}`);
  return { id: row.id, productId: row.product_id, productVersion: row.product_version, createdAt: iso(row.created_at), provenance: input.provenance, result: input.result };
}

import type { FactorDataset, Product } from '@greenlca/schema';
import type { OrgDatasetDocument, OrgDatasetVersion } from '../schemas/org-dataset.js';
import type { ApiKeyInfo, Organization, Scope } from '../schemas/auth.js';
import type { ProductRecord, ProductSummary, VersionSummary } from '../schemas/product-record.js';
import type { Provenance, StoredResult, StoredResultSummary } from '../schemas/stored-result.js';

/** A key as storage knows it: the hash of its secret, never the secret. */
export interface StoredKey extends ApiKeyInfo {
  secretHash: string;
  isOperator: boolean;
}

export interface NewProduct {
  id: string;
  product: Product;
  inputHash: string;
  createdBy?: string;
}

export interface ListProducts {
  limit: number;
  /** The `next` of the previous page. */
  cursor?: string;
  /** Only products whose model id is this. */
  productId?: string;
}

/** Outcome of a conditional write: the new record, or why nothing was written. */
export type Conditional<T> = { ok: true; value: T } | { ok: false; reason: 'not-found' | 'version-mismatch'; current?: number };

export interface NewResult {
  id: string;
  productId: string;
  productVersion: number;
  provenance: Provenance;
  result: StoredResult['result'];
}

/**
 * Everything the API stores. Every method that touches an organisation's objects takes the
 * organisation id first and never returns or changes another organisation's rows.
 * Each write is one transaction: it is committed whole or not at all.
 */
export interface Storage {
  readonly kind: 'pglite' | 'postgres';

  createOrganization(org: { id: string; name: string; isOperator?: boolean }): Promise<Organization>;
  getOrganization(orgId: string): Promise<Organization | undefined>;
  /** True when no key exists at all (a fresh installation). */
  hasAnyKey(): Promise<boolean>;

  createApiKey(key: { id: string; orgId: string; name: string; scopes: Scope[]; secretHash: string }): Promise<ApiKeyInfo>;
  /** A key by its public id, revoked or not, with its organisation's operator flag. */
  findApiKey(keyId: string): Promise<StoredKey | undefined>;
  listApiKeys(orgId: string): Promise<ApiKeyInfo[]>;
  revokeApiKey(orgId: string, keyId: string): Promise<boolean>;

  createProduct(orgId: string, input: NewProduct): Promise<ProductRecord>;
  getProduct(orgId: string, id: string, version?: number): Promise<ProductRecord | undefined>;
  listProducts(orgId: string, query: ListProducts): Promise<{ items: ProductSummary[]; next?: string }>;
  /** Store a new version only if the current version is `expectedVersion` (optimistic concurrency). */
  updateProduct(
    orgId: string, id: string, expectedVersion: number, input: Omit<NewProduct, 'id'>,
  ): Promise<Conditional<ProductRecord>>;
  /** Delete (tombstone) a product; with `expectedVersion`, only if it is current. Versions stay for audit. */
  deleteProduct(orgId: string, id: string, expectedVersion?: number): Promise<Conditional<{ version: number }>>;
  listVersions(orgId: string, id: string): Promise<VersionSummary[] | undefined>;

  saveResult(orgId: string, result: NewResult): Promise<StoredResult>;
  getResult(orgId: string, id: string): Promise<StoredResult | undefined>;
  listResults(orgId: string, productId: string): Promise<StoredResultSummary[] | undefined>;

  /**
   * Store a PACT footprint of a stored result, and mark the product's earlier active footprints
   * Deprecated, in one transaction.
   */
  createFootprint(orgId: string, footprint: NewFootprint): Promise<StoredFootprint>;
  /** Ids of the product's active footprints (the next one's precedingPfIds). */
  activeFootprintIds(orgId: string, productId: string): Promise<string[] | undefined>;
  getFootprint(orgId: string, id: string): Promise<StoredFootprint | undefined>;
  /** The organisation's footprints in publication order, each with its current status. */
  listFootprints(orgId: string, query: { productId?: string; limit: number; cursor?: string }): Promise<{ items: StoredFootprint[]; next?: string }>;

  createAccessToken(token: { tokenHash: string; keyId: string; orgId: string; expiresAt: Date }): Promise<void>;
  /** A token whose key is not revoked, with its expiry (the caller judges it against its clock). */
  findAccessToken(tokenHash: string): Promise<{ keyId: string; orgId: string; scopes: Scope[]; expiresAt: string } | undefined>;

  /**
   * Claim an Idempotency-Key for one request (identified by `requestHash`). `claimed`: go on and `completeIdempotency`
   * or `releaseIdempotency` afterwards. The claim is dated `now` (the server's clock); a key whose row is older than `expiresBefore` counts as unused; one still in
   * progress since before `staleBefore` is taken over (its request died with its process).
   */
  claimIdempotency(orgId: string, key: string, requestHash: string, limits: { now: Date; expiresBefore: Date; staleBefore: Date }): Promise<IdempotencyClaim>;
  /** Keep the answer given to a claimed key. */
  completeIdempotency(orgId: string, key: string, answer: KeptAnswer): Promise<void>;
  /** Give a claimed key up (the request failed in a way a retry may not repeat). */
  releaseIdempotency(orgId: string, key: string): Promise<void>;
  /** Forget keys created before `before`; returns how many. */
  purgeIdempotency(before: Date): Promise<number>;

  /** Register a partner's PACT host; undefined when the organisation already has one at that base URL. */
  createPactPartner(orgId: string, partner: NewPactPartner): Promise<PactPartner | undefined>;
  listPactPartners(orgId: string): Promise<PactPartner[]>;
  /** The partner registered at this (normalised) base URL. */
  findPactPartner(orgId: string, baseUrl: string): Promise<PactPartner | undefined>;
  deletePactPartner(orgId: string, id: string): Promise<boolean>;

  /** Store a partner's request once per (source, event id): a repeated event returns the stored one, `created` false. */
  createPactRequest(orgId: string, request: NewPactRequest): Promise<{ request: PactRequest; created: boolean }>;
  getPactRequest(orgId: string, id: string): Promise<PactRequest | undefined>;
  /** The organisation's requests, oldest first; only those with this status when given. */
  listPactRequests(orgId: string, query: { status?: PactRequest['status']; limit: number }): Promise<PactRequest[]>;
  /**
   * Answer a request that is still Pending (one answer per request): the answered request, or undefined.
   * The answer's delivery is owed from then on; the caller's first attempt holds it for `leaseMs` (after
   * that, claimPactDeliveries hands it out again, so an attempt cut short by a stop is made again).
   */
  answerPactRequest(orgId: string, id: string, answer: { status: 'Fulfilled' | 'Rejected'; event: Record<string, unknown> }, leaseMs: number): Promise<PactRequest | undefined>;
  /** How sending the answer went: 'delivered', or why not; `retryInMs` when another attempt is owed then. */
  recordPactDelivery(orgId: string, id: string, delivery: string, retryInMs?: number): Promise<void>;
  /**
   * Up to `limit` answers whose next delivery attempt is due, in any organisation, each held for
   * `leaseMs` and its attempt counted; an answer is never handed to two callers at once.
   */
  claimPactDeliveries(limit: number, leaseMs: number): Promise<OwedPactDelivery[]>;

  /**
   * Store a job and its items, and call `enqueue` with the item count and the same transaction, so the
   * queue's messages are committed with the job or not at all. Undefined when `limit` items would be
   * exceeded (nothing stored), with how many there would be.
   */
  createJob(orgId: string, job: NewJob, enqueue: (total: number, tx: QueueSql) => Promise<void>): Promise<{ ok: true; job: JobRecord } | { ok: false; total: number }>;
  getJob(orgId: string, id: string): Promise<JobRecord | undefined>;
  /** The organisation's jobs, newest first; only those in this state when given. */
  listJobs(orgId: string, query: { state?: JobState; limit: number; cursor?: string }): Promise<{ items: JobRecord[]; next?: string }>;
  /** A job's items in order, from `after` (a seq), only those in this state when given; undefined if no such job. */
  listJobItems(orgId: string, jobId: string, query: { state?: JobItem['state']; limit: number; after?: number }): Promise<{ items: JobItem[]; next?: number } | undefined>;
  /** Mark a job cancelled: its pending items are left undone. Undefined if no such job. */
  cancelJob(orgId: string, id: string): Promise<JobRecord | undefined>;
  /**
   * Run the pending items of a job with seq in [from, to) through `work`, and store each outcome, in one
   * transaction that holds the items' rows: an item already done (a chunk run twice) is not given to
   * `work` again, and a worker that dies mid-chunk leaves every item of it pending. Nothing is done
   * for a cancelled job. Returns how many items were run.
   */
  runJobItems(jobId: string, range: { from: number; to: number }, work: (job: JobToRun, items: PendingJobItem[]) => JobItemOutcome[]): Promise<number>;
  /** The pending items of [from, to), read without locking (work done before `runJobItems` stores it); undefined for a cancelled or missing job. */
  pendingJobItems(jobId: string, range: { from: number; to: number }): Promise<{ job: JobToRun; items: PendingJobItem[] } | undefined>;
  /** A report a job stored, with its bytes; undefined when not the organisation's. */
  getStoredReport(orgId: string, id: string): Promise<StoredReport | undefined>;
  /** Fail the pending items of [from, to) with this problem and mark the job failed (a chunk out of attempts). */
  failJobItems(jobId: string, range: { from: number; to: number }, problem: Record<string, unknown>): Promise<number>;
  /**
   * Count one request of `key` in its fixed window of `windowMs` (a new window when the last one ended):
   * the count so far, with this one, and the ms left in the window. Shared by every process on the database.
   */
  countRequest(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }>;
  /** Forget windows that ended more than `windowMs` ago; returns how many. */
  purgeRequestCounts(windowMs: number): Promise<number>;
  /** The connection pg-boss runs its statements on (the same database, and the same pool or PGlite). */
  queueSql(): QueueSql;
  /** Record a request this organisation sends to a partner (before it is sent: the answer may come at once). */
  createPactSentRequest(orgId: string, request: NewPactSentRequest): Promise<PactSentRequest>;
  /** Forget a request that never reached the partner. */
  deletePactSentRequest(orgId: string, id: string): Promise<void>;
  getPactSentRequest(orgId: string, id: string): Promise<PactSentRequest | undefined>;
  /** The organisation's sent requests, newest first. */
  listPactSentRequests(orgId: string, query: { status?: PactSentRequest['status']; limit: number }): Promise<PactSentRequest[]>;
  /** Record the partner's answer to a Pending request it was sent (one answer counts): the request, or undefined. */
  answerPactSentRequest(orgId: string, partnerId: string, id: string, answer: { status: 'Fulfilled' | 'Rejected'; event: Record<string, unknown> }): Promise<PactSentRequest | undefined>;
  /**
   * Store an organisation dataset as a new version (1 for a new id, else the current one + 1) and make
   * it current, in one transaction; the document's `version` is set to the number given.
   */
  createOrgDatasetVersion(orgId: string, input: NewOrgDatasetVersion): Promise<OrgDatasetVersion>;
  /** Id and current version of each of the organisation's datasets (cheap: for building its factor library per request). */
  currentOrgDatasetVersions(orgId: string): Promise<{ id: string; version: number }[]>;
  /** The organisation's datasets at their current versions, by id. */
  listOrgDatasets(orgId: string): Promise<OrgDatasetVersion[]>;
  /** One version (the current one when not given), with its document. */
  getOrgDataset(orgId: string, id: string, version?: number): Promise<OrgDatasetDocument | undefined>;
  listOrgDatasetVersions(orgId: string, id: string): Promise<OrgDatasetVersion[] | undefined>;

  /** Bytes of the embedded database's WebAssembly memory (PGlite); undefined for PostgreSQL. */
  embeddedMemoryBytes(): number | undefined;

  close(): Promise<void>;
}

/** An answer kept for an Idempotency-Key: status, the headers a retry needs, and the body as sent. */
export interface KeptAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyClaim =
  | { state: 'claimed' }
  | { state: 'answered'; answer: KeptAnswer }
  | { state: 'in-progress' }
  | { state: 'other-request' };

export interface NewPactPartner {
  id: string;
  name: string;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
}

/** A partner with the credentials it issued to this organisation (never shown by the API). */
export interface PactPartner extends NewPactPartner {
  createdAt: string;
}

export interface NewPactRequest {
  id: string;
  partnerId: string;
  eventId: string;
  source: string;
  criteria: Record<string, unknown>;
}

export interface PactRequest extends NewPactRequest {
  status: 'Pending' | 'Fulfilled' | 'Rejected';
  receivedAt: string;
  answeredAt?: string;
  /** The RequestFulfilledEvent or RequestRejectedEvent sent back. */
  answer?: Record<string, unknown>;
  delivery?: string;
}

/** A PACT answer whose delivery is owed, with the number of the attempt now begun (1 is the first). */
export interface OwedPactDelivery {
  orgId: string;
  attempt: number;
  request: PactRequest;
}

export interface NewPactSentRequest {
  /** Also the RequestCreatedEvent's id: the answer's requestEventId. */
  id: string;
  partnerId: string;
  criteria: Record<string, unknown>;
}

export interface PactSentRequest extends NewPactSentRequest {
  status: 'Pending' | 'Fulfilled' | 'Rejected';
  sentAt: string;
  answeredAt?: string;
  /** The RequestFulfilledEvent or RequestRejectedEvent the partner sent. */
  answer?: Record<string, unknown>;
}

export interface NewFootprint {
  id: string;
  productId: string;
  resultId: string;
  document: Record<string, unknown>;
}

export interface StoredFootprint {
  id: string;
  productId: string;
  resultId: string;
  status: 'Active' | 'Deprecated';
  createdAt: string;
  /** The ProductFootprint with its current status. */
  document: Record<string, unknown>;
}

/** pg-boss's database seam: one statement with parameters, or several without. */
export interface QueueSql {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>; // eslint-disable-line @typescript-eslint/no-explicit-any -- pg-boss's own type
}

export type JobKind = 'recalculate' | 'batch' | 'report' | 'pact-fetch';
export type JobState = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface NewJob {
  id: string;
  kind: JobKind;
  /** What the job was asked, as the API shows it (filters, GWP set, dataset versions …). */
  params: Record<string, unknown>;
  createdBy?: string;
  /** recalculate, report: which stored products (all of the organisation's without a filter). */
  select?: { ids?: string[]; productIds?: string[] };
  /** batch: the product documents, one item each. */
  products?: unknown[];
  /** pact-fetch: what to ask each partner, one item each. */
  requests?: unknown[];
  /** Most items a job may have. */
  limit: number;
}

export interface JobRecord {
  id: string;
  kind: JobKind;
  state: JobState;
  params: Record<string, unknown>;
  progress: { total: number; done: number; failed: number; pending: number };
  createdAt: string;
  finishedAt?: string;
  cancelledAt?: string;
}

export interface JobItem {
  seq: number;
  state: 'pending' | 'done' | 'failed';
  productId?: string;
  resultId?: string;
  result?: unknown;
  /** report: the reports stored for the item. */
  reports?: StoredReportLink[];
  problem?: Record<string, unknown>;
}

/** A report a job stored, as its item names it. */
export interface StoredReportLink {
  id: string;
  kind: string;
  format: string;
  contentType: string;
  bytes: number;
  sha256: string;
}

/** A report to store (kind `report` jobs): the bytes and what they were built from. */
export interface NewStoredReport {
  id: string;
  productId: string;
  productVersion: number;
  inputHash: string;
  datasets: unknown;
  kind: 'cfp' | 'lca' | 'ecodesign';
  format: 'json' | 'html' | 'pdf';
  lang: string;
  contentType: string;
  body: Buffer;
  sha256: string;
}

export interface StoredReport extends Omit<NewStoredReport, 'body'> {
  jobId?: string;
  body: Uint8Array;
  bytes: number;
  createdAt: string;
}

export interface JobToRun {
  id: string;
  orgId: string;
  kind: JobKind;
  params: Record<string, unknown>;
}

/** An item given to a job's work: a stored product (its current version) or a batch product. */
export interface PendingJobItem {
  seq: number;
  /** recalculate: the stored product at its current version; undefined when it was deleted since. */
  stored?: { id: string; version: number; inputHash: string; document: unknown };
  /** recalculate: the product id the item names. */
  productId?: string;
  /** batch: the document as sent. */
  product?: unknown;
  /** pact-fetch: the partner and query as sent. */
  request?: unknown;
}

export type JobItemOutcome =
  | { seq: number; ok: true; stored: NewResult }
  | { seq: number; ok: true; result: unknown }
  | { seq: number; ok: true; reports: NewStoredReport[] }
  | { seq: number; ok: false; problem: Record<string, unknown> };

export interface NewOrgDatasetVersion {
  /** The dataset without its version number (storage numbers it). */
  document: Omit<FactorDataset, 'version'>;
  format: string;
  fileName?: string;
  fileSha256: string;
  createdBy?: string;
}

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
  /** Answer a request that is still Pending (one answer per request): the answered request, or undefined. */
  answerPactRequest(orgId: string, id: string, answer: { status: 'Fulfilled' | 'Rejected'; event: Record<string, unknown> }): Promise<PactRequest | undefined>;
  /** How sending the answer went: 'delivered', or why not. */
  recordPactDelivery(orgId: string, id: string, delivery: string): Promise<void>;

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

export interface NewOrgDatasetVersion {
  /** The dataset without its version number (storage numbers it). */
  document: Omit<FactorDataset, 'version'>;
  format: string;
  fileName?: string;
  fileSha256: string;
  createdBy?: string;
}

import type { Product } from '@greenlca/schema';
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

  /** Bytes of the embedded database's WebAssembly memory (PGlite); undefined for PostgreSQL. */
  embeddedMemoryBytes(): number | undefined;

  close(): Promise<void>;
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

/**
 * @module library — the factor library an organisation calculates with: the bundled datasets and the
 * organisation's own, at their current versions or at the versions a stored result pinned. Versions
 * never change once stored, so a loaded version is kept (bounded) and shared by every request.
 */
import { withDatasets, type FactorLibrary } from '@greenlca/engine';
import type { FactorDataset } from '@greenlca/schema';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { callerOf } from '../plugins/auth.js';
import type { Catalogue } from '../lib/library.js';
import { MAX_ORG_DATASETS } from '../limits.js';
import type { Storage } from '../storage/index.js';

export interface DatasetPin {
  id: string;
  version: number;
}

/** Factors kept in memory over all organisations' loaded versions; beyond it the least recently used go. */
const MAX_CACHED_FACTORS = 200_000;

export class OrgLibraries {
  private readonly documents = new Map<string, FactorDataset>();
  private readonly libraries = new Map<string, FactorLibrary>();
  private factors = 0;

  constructor(
    private readonly storage: Storage,
    private readonly catalogue: Catalogue,
  ) {}

  /** The organisation's datasets at their current versions (one small query). */
  current(orgId: string): Promise<DatasetPin[]> {
    return this.storage.currentOrgDatasetVersions(orgId);
  }

  /** A key that changes whenever the organisation's library does (for result caches). */
  static key(pins: readonly DatasetPin[]): string {
    return pins.map((p) => `${p.id}@${p.version}`).join(',');
  }

  /**
   * The library with the organisation's datasets: the current versions (or `pins`, from `current`),
   * with `override` versions in place of the current ones (a stored result's pinned versions).
   */
  async library(orgId: string, pins?: readonly DatasetPin[], override: readonly DatasetPin[] = []): Promise<FactorLibrary> {
    const chosen = new Map((pins ?? (await this.current(orgId))).map((p) => [p.id, p.version]));
    for (const p of override) if (chosen.has(p.id)) chosen.set(p.id, p.version);
    if (!chosen.size) return this.catalogue.library;
    const list = [...chosen].map(([id, version]) => ({ id, version })).sort((a, b) => a.id.localeCompare(b.id)).slice(0, MAX_ORG_DATASETS);
    const key = `${orgId}|${OrgLibraries.key(list)}`;
    const hit = this.libraries.get(key);
    if (hit) return hit;
    const datasets: FactorDataset[] = [];
    for (const pin of list) {
      const d = await this.document(orgId, pin);
      if (d) datasets.push(d);
    }
    const library = withDatasets(this.catalogue.library, datasets);
    if (this.libraries.size >= 256) this.libraries.delete(this.libraries.keys().next().value!);
    this.libraries.set(key, library);
    return library;
  }

  /** One stored version, from memory when it was loaded before. */
  async document(orgId: string, pin: DatasetPin): Promise<FactorDataset | undefined> {
    const key = `${orgId}|${pin.id}@${pin.version}`;
    const hit = this.documents.get(key);
    if (hit) {
      this.documents.delete(key);
      this.documents.set(key, hit);
      return hit;
    }
    const stored = await this.storage.getOrgDataset(orgId, pin.id, pin.version);
    if (!stored) return undefined;
    this.documents.set(key, stored.dataset);
    this.factors += stored.dataset.factors.length;
    for (const [k, d] of this.documents) {
      if (this.factors <= MAX_CACHED_FACTORS || k === key) break;
      this.documents.delete(k);
      this.factors -= d.factors.length;
    }
    return stored.dataset;
  }
}

/** The calling organisation's library (bundled and own datasets, current versions). */
export function libraryOf(app: FastifyInstance, request: FastifyRequest): Promise<FactorLibrary> {
  return app.orgLibraries.library(callerOf(request).orgId);
}

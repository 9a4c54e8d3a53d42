/**
 * Each organisation's current dataset versions, kept in memory when this process is the only one that
 * writes them (the embedded database belongs to one process): every `/v1/calculate` needs them, and
 * with PGlite the query costs the calculation path more than a quarter of a summary's time. With
 * PostgreSQL other replicas import too, so the query is made each time (it stays exact everywhere).
 */
type Versions = { id: string; version: number }[];

/** Organisations whose versions are kept; beyond it the map starts again (a bound, not an LRU: a miss is one query). */
const MAX_ORGS = 10_000;

export class CurrentVersionsCache {
  private readonly kept = new Map<string, readonly { id: string; version: number }[]>();
  /** Bumped at every write of an organisation's datasets: a read that began before it is not kept. */
  private readonly generation = new Map<string, number>();

  async get(orgId: string, read: () => Promise<Versions>): Promise<Versions> {
    const hit = this.kept.get(orgId);
    // A copy: callers may sort or extend what they get.
    if (hit) return hit.map((v) => ({ ...v }));
    const before = this.generation.get(orgId) ?? 0;
    const versions = await read();
    if ((this.generation.get(orgId) ?? 0) === before) {
      if (this.kept.size >= MAX_ORGS) this.kept.clear();
      this.kept.set(orgId, Object.freeze(versions.map((v) => Object.freeze({ ...v }))));
    }
    return versions;
  }

  /** Around a write of the organisation's datasets: forgotten before it starts and again once it is done. */
  async writing<T>(orgId: string, write: () => Promise<T>): Promise<T> {
    this.forget(orgId);
    try {
      return await write();
    } finally {
      this.forget(orgId);
    }
  }

  private forget(orgId: string): void {
    this.kept.delete(orgId);
    this.generation.set(orgId, (this.generation.get(orgId) ?? 0) + 1);
  }
}

/**
 * A bounded LRU of serialised results. A calculation is a pure function of the request body, the
 * options, the clock's year and the loaded datasets, so the same bytes give the same answer: a PLM
 * sync or a UI that re-sends an unchanged product gets the stored answer without recalculating.
 * Keys include the organisation, so one organisation cannot learn from timing what another sent.
 */
export class ResultCache {
  // Buffers, not strings: a result holds Chinese text, and re-encoding 200 KiB of UTF-8 per hit costs more than the rest of the hit.
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): Buffer | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    // Re-insert: a Map iterates in insertion order, so the first key is always the least recently used.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, value: Buffer): void {
    if (value.length > this.maxBytes / 4) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.bytes -= old.length;
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.bytes += value.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

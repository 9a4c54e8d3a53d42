/**
 * Copy-on-write editing of a JSON document: only the objects along edited paths are copied, the rest
 * is shared with the original. The incremental model relies on this: an unchanged line or component
 * keeps its identity, so it is not recompiled.
 */
export class Draft<T extends object> {
  private readonly own = new WeakSet<object>();
  constructor(private current: T) {}

  get value(): T {
    return this.current;
  }

  /** The container at `segments`, made writable (copied once) along with all its ancestors. */
  writable(segments: readonly (string | number)[]): Record<string | number, unknown> {
    if (!this.own.has(this.current)) {
      this.current = copy(this.current);
      this.own.add(this.current);
    }
    let node = this.current as Record<string | number, unknown>;
    for (const s of segments) {
      const child = node[s];
      if (child === null || typeof child !== 'object') throw new Error(`no container at segment "${s}"`);
      if (!this.own.has(child)) {
        const c = copy(child);
        node[s] = c;
        this.own.add(c);
      }
      node = node[s] as Record<string | number, unknown>;
    }
    return node;
  }

  set(segments: readonly (string | number)[], value: unknown): void {
    const parent = this.writable(segments.slice(0, -1));
    parent[segments[segments.length - 1]!] = value;
  }
}

function copy<T>(value: T): T {
  return (Array.isArray(value) ? value.slice() : { ...value }) as T;
}

/** The value at `segments`, or undefined. */
export function getIn(root: unknown, segments: readonly (string | number)[]): unknown {
  let node = root;
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[s];
  }
  return node;
}

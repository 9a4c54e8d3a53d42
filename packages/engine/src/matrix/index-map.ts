/**
 * @module index-map — ids to matrix indices and back (matrix_utils' ArrayMapper).
 *
 * Ids are whatever the data uses (strings or numbers); indices are 0…size−1 in insertion order.
 */
export type Id = string | number;

export class IndexMap {
  private readonly index = new Map<Id, number>();
  private readonly list: Id[] = [];
  private readonly labels: (string | undefined)[] = [];

  /** Build from ids in order; throws on a duplicate (two rows for one thing is a data error). */
  static of(ids: Iterable<Id>, labels?: readonly (string | undefined)[]): IndexMap {
    const map = new IndexMap();
    let k = 0;
    for (const id of ids) {
      if (map.index.has(id)) throw new RangeError(`duplicate id ${JSON.stringify(id)}`);
      map.add(id, labels?.[k++]);
    }
    return map;
  }

  /** Identity map 0…n−1 (matrices read from files carry no ids). */
  static range(n: number, label?: (i: number) => string): IndexMap {
    const map = new IndexMap();
    for (let i = 0; i < n; i++) map.add(i, label?.(i));
    return map;
  }

  /** Add an id if new; returns its index either way. */
  add(id: Id, label?: string): number {
    const known = this.index.get(id);
    if (known !== undefined) return known;
    const i = this.list.length;
    this.index.set(id, i);
    this.list.push(id);
    this.labels.push(label);
    return i;
  }

  /** Index of an id, or −1 when it is not in the map. */
  indexOf(id: Id): number {
    return this.index.get(id) ?? -1;
  }

  has(id: Id): boolean {
    return this.index.has(id);
  }

  /** The id at an index. */
  idAt(i: number): Id {
    const id = this.list[i];
    if (id === undefined) throw new RangeError(`index ${i} outside 0…${this.list.length - 1}`);
    return id;
  }

  /** A human label for error messages: `"coal mining" (id 1662)` or `id 1662`. */
  describe(i: number): string {
    const id = this.idAt(i);
    const label = this.labels[i];
    return label ? `"${label}" (${JSON.stringify(id)})` : JSON.stringify(id);
  }

  get size(): number {
    return this.list.length;
  }

  ids(): readonly Id[] {
    return this.list;
  }
}

/**
 * Counts 32-bit integer keys (or pairs of them) in an open-addressing hash table of typed arrays.
 *
 * The aligner counts anchor keys and word-stem pairs by the hundred
 * thousand; a `Map` costs an allocation-heavy entry per key, this table two
 * array slots. Capacity doubles when the table is half full.
 */
export class IntCounter {
  private first: Int32Array;
  private second: Int32Array;
  private counts: Int32Array;
  private used: Uint8Array;
  private size = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.first = new Int32Array(capacity);
    this.second = new Int32Array(capacity);
    this.counts = new Int32Array(capacity);
    this.used = new Uint8Array(capacity);
  }

  /** Adds `by` to the count of key (a, b); returns the new count. */
  add(a: number, b = 0, by = 1): number {
    if (this.size * 2 >= this.used.length) this.grow();
    const slot = this.find(a, b);
    if (this.used[slot] === 0) {
      this.used[slot] = 1;
      this.first[slot] = a;
      this.second[slot] = b;
      this.size++;
    }
    const count = (this.counts[slot] ?? 0) + by;
    this.counts[slot] = count;
    return count;
  }

  /** The count of key (a, b), 0 if never added. */
  get(a: number, b = 0): number {
    const slot = this.find(a, b);
    return this.used[slot] === 1 ? (this.counts[slot] ?? 0) : 0;
  }

  /** Calls `visit` with every key and its count, in no particular order. */
  forEach(visit: (a: number, b: number, count: number) => void): void {
    for (let slot = 0; slot < this.used.length; slot++) {
      if (this.used[slot] === 1) visit(this.first[slot] ?? 0, this.second[slot] ?? 0, this.counts[slot] ?? 0);
    }
  }

  private find(a: number, b: number): number {
    const mask = this.used.length - 1;
    let slot = (Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b) >>> 15) & mask;
    while (this.used[slot] === 1 && (this.first[slot] !== a || this.second[slot] !== b)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { first, second, counts, used } = this;
    const capacity = used.length * 2;
    this.first = new Int32Array(capacity);
    this.second = new Int32Array(capacity);
    this.counts = new Int32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.size = 0;
    for (let slot = 0; slot < used.length; slot++) {
      if (used[slot] === 1) this.add(first[slot] ?? 0, second[slot] ?? 0, counts[slot] ?? 0);
    }
  }
}

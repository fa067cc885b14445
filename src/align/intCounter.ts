/**
 * Counts 32-bit integer keys (or pairs of them) in an open-addressing hash table of typed arrays.
 *
 * The aligner counts anchor keys and word-stem pairs by the hundred
 * thousand; a `Map` costs an allocation-heavy entry per key, this table two
 * array slots. Capacity doubles when the table is half full.
 *
 * The slot is the low bits of a well-mixed hash (Murmur3's finaliser over
 * both halves of the key): a table of 2²⁰ slots needs all 20 bits to differ
 * between nearby keys, or it degrades into long runs of probes.
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

  /**
   * How far keys sit from their home slot, in probes to reach them (1 when at home): the mean and the longest.
   *
   * For tests and benchmarks: the table is fast exactly when these are small.
   */
  probeStats(): { readonly mean: number; readonly longest: number } {
    const mask = this.used.length - 1;
    let total = 0;
    let longest = 0;
    for (let slot = 0; slot < this.used.length; slot++) {
      if (this.used[slot] !== 1) continue;
      const probes = ((slot - (home(this.first[slot] ?? 0, this.second[slot] ?? 0) & mask)) & mask) + 1;
      total += probes;
      if (probes > longest) longest = probes;
    }
    return { mean: this.size === 0 ? 0 : total / this.size, longest };
  }

  private find(a: number, b: number): number {
    const mask = this.used.length - 1;
    let slot = home(a, b) & mask;
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

/** Murmur3's 32-bit finaliser over a combination of both halves of a key: every input bit reaches every output bit. */
function home(a: number, b: number): number {
  let h = a ^ Math.imul(b, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

import { describe, expect, it } from 'vitest';
import { IntCounter } from '../../src/align/intCounter';

/**
 * The aligner's integer hash table. The speed of 500k inserts is in the
 * benchmark (`npm run bench`); here the probe lengths stand for it, since a
 * table that probes far is the only way it gets slow, and they cannot flake.
 */

/** FNV-1a of a few bytes, like the aligner's anchor keys. */
function fnv(value: number): number {
  let hash = 0x811c9dc5;
  for (let shift = 0; shift < 32; shift += 8) {
    hash ^= (value >>> shift) & 0xff;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

describe('IntCounter', () => {
  it.each([
    ['consecutive integers', (k: number) => k, () => 0],
    ['anchor-like hashes', fnv, () => 0],
    ['pairs of small integers', (k: number) => k >> 9, (k: number) => k & 511],
  ] as const)('counts 500,000 keys of %s exactly, with short probes', (_name, first, second) => {
    const counter = new IntCounter();
    const keys = 500_000;
    for (let k = 0; k < keys; k++) counter.add(first(k), second(k));
    // Every third key again, twice.
    for (let k = 0; k < keys; k += 3) counter.add(first(k), second(k), 2);
    let total = 0;
    let distinct = 0;
    counter.forEach((_a, _b, count) => {
      total += count;
      distinct++;
    });
    expect(distinct).toBe(keys);
    expect(total).toBe(keys + 2 * Math.ceil(keys / 3));
    for (const k of [0, 1, 2, 3, 131_071, 131_072, 262_145, 499_999]) {
      expect(counter.get(first(k), second(k)), `key ${k}`).toBe(k % 3 === 0 ? 3 : 1);
    }
    expect(counter.get(first(keys + 7), second(keys + 7) + 1_000_000)).toBe(0);
    const probes = counter.probeStats();
    // Linear probing at load ≤ 1/2 with well-mixed hashes averages 1.5 probes per hit.
    expect(probes.mean).toBeLessThan(2.5);
    expect(probes.longest).toBeLessThan(200);
  });
});

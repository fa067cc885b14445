import { describe, expect, it } from 'vitest';
import { anchorKey } from '../../src/align/anchors';
import { buildSideFeatures } from '../../src/align/features';

describe('side features', () => {
  it('keeps every key of a sentence with thousands of anchors, sorted', () => {
    // 1,500 different numbers in one segment (a table pasted as one line): more keys than the old packing allowed.
    const numbers = Array.from({ length: 1500 }, (_, k) => 1000 + k);
    const side = buildSideFeatures({ texts: [numbers.join(' ; ')], language: 'en' }, 'uk', false);
    const keys = Array.from(side.keys);
    for (let k = 1; k < keys.length; k++) expect(keys[k] ?? 0).toBeGreaterThan(keys[k - 1] ?? 0);
    const present = new Set(keys);
    const missing = numbers.filter((value) => !present.has(anchorKey(`N:${value}`)));
    expect(missing).toEqual([]);
  });
});

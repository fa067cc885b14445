import { describe, expect, it } from 'vitest';
import { align } from '../../src/align/align';
import { anchorKey } from '../../src/align/anchors';
import { buildSideFeatures } from '../../src/align/features';
import { seededRandom } from '../bench/syntheticCorpus';

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

describe('the cost of a link', () => {
  it('does not grow with length: two long sentences that share no word are still linked, not split', () => {
    const random = seededRandom(5);
    const words = (count: number, letters: string): string =>
      Array.from({ length: count }, () =>
        Array.from({ length: 5 }, () => letters[Math.floor(random() * letters.length)] ?? '').join(''),
      ).join(' ');
    // Short numbered pairs around one pair of 600-word sentences in two made-up languages of equal word lengths.
    const source = Array.from({ length: 8 }, (_, k) => `${words(8, 'aeioumnprst')} ${k + 101}.`);
    const target = Array.from({ length: 8 }, (_, k) => `${words(8, 'ykvlzhbdgf')} ${k + 101}.`);
    source.splice(4, 0, `${words(600, 'aeioumnprst')}.`);
    target.splice(4, 0, `${words(600, 'ykvlzhbdgf')}.`);
    const beads = align({ texts: source, language: 'en' }, { texts: target, language: 'en' }).beads.map((bead) =>
      [bead.sourceStart, bead.sourceEnd, bead.targetStart, bead.targetEnd].join(','),
    );
    expect(beads).toContain('4,5,4,5');
  });
});

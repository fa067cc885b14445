import { describe, expect, it } from 'vitest';
import { align } from '../../src/align/align';
import type { AlignSide } from '../../src/align/align';
import { isMarkerLine, paragraphsWithMarkers } from '../../src/align/features';
import { seededRandom } from '../bench/syntheticCorpus';
import { rangeOf } from '../fixtures/align/gold';
import { udhrCase } from '../fixtures/align/udhr';

/** Words of no language, so that only lengths, numbers, paragraphs and markers can guide the aligner. */
function babble(random: () => number, words: number, letters: string): string {
  const out: string[] = [];
  for (let w = 0; w < words; w++) {
    let word = '';
    const length = 3 + Math.floor(random() * 6);
    for (let c = 0; c < length; c++) word += letters[Math.floor(random() * letters.length)] ?? '';
    out.push(word);
  }
  return `${out.join(' ')}.`;
}

const beadsOf = (source: AlignSide, target: AlignSide): string[] =>
  align(source, target).beads.map((bead) => rangeOf(bead).join(','));

describe('paragraphs', () => {
  /**
   * Three source sentences of equal length against two target sentences one and a half times as long: by length
   * and anchors, "the first two are merged" and "the last two are merged" are equally good. Only the paragraphs
   * tell which, so an aligner that ignores them gives the same answer to both questions and fails one.
   */
  const random = seededRandom(11);
  const frame = Array.from({ length: 8 }, (_, k) => babble(random, 6 + k, 'aeioumnprst') + ` ${k + 101}`);
  const frameTarget = frame.map((text) => text.replace(/[aeiou]/gu, 'y'));
  const middle = [0, 1, 2].map(() => babble(random, 10, 'aeioumnprst'));
  const targetMiddle = [0, 1].map(() => babble(random, 15, 'ykvlzh'));
  const texts = [...frame.slice(0, 4), ...middle, ...frame.slice(4)];
  const targetTexts = [...frameTarget.slice(0, 4), ...targetMiddle, ...frameTarget.slice(4)];
  // Each frame sentence is a paragraph of its own on both sides.
  const numbers = (middleNumbers: number[]): number[] => [0, 1, 2, 3, ...middleNumbers.map((n) => n + 4), 7, 8, 9, 10];

  it.each([
    ['the first two', [0, 0, 1], '4,6,4,5', '6,7,5,6'],
    ['the last two', [0, 1, 1], '4,5,4,5', '5,7,5,6'],
  ] as const)('decide that %s source sentences merge', (_name, middleParagraphs, first, second) => {
    const beads = beadsOf(
      { texts, language: 'en', paragraphs: numbers([...middleParagraphs]) },
      { texts: targetTexts, language: 'en', paragraphs: numbers([0, 1]) },
    );
    expect(beads).toContain(first);
    expect(beads).toContain(second);
  });
});

describe('marker lines', () => {
  it('are blank lines, <p>, </p> and a lone ¶, and nothing else', () => {
    for (const marker of ['', '   ', '<p>', '</p>', '<P>', ' ¶ ', '<p/>'])
      expect(isMarkerLine(marker), marker).toBe(true);
    for (const text of ['¶ 12', '<p>Hello</p>', '-', 'p']) expect(isMarkerLine(text), text).toBe(false);
  });

  it('start a paragraph at the sentence after them', () => {
    expect(paragraphsWithMarkers(['a', 'b', '', 'c', '¶', '', 'd'], undefined)).toEqual([0, 0, 0, 1, 1, 1, 2]);
    expect(paragraphsWithMarkers(['a', 'b', '', 'c'], [5, 6, 6, 6])).toEqual([0, 1, 1, 2]);
    expect(paragraphsWithMarkers(['a', 'b'], undefined)).toBeUndefined();
  });

  const english = udhrCase('eng', 'deu_1996', 'en', 'en');
  // Articles 1–12 of the UDHR, one paragraph per line, with a marker line between articles.
  const articles = (side: typeof english.source): ReadonlyArray<string> => {
    const first = side.texts.findIndex((text) => /^(Article|Artikel) 1$/u.test(text));
    return side.texts.slice(first, first + 48);
  };
  const withMarkers = (side: typeof english.source, marker: string): string[] =>
    articles(side).flatMap((text) => (/^(Article|Artikel) /u.test(text) ? [marker, text] : [text]));

  it('link only each other, never a sentence, when both sides have them', () => {
    const source = withMarkers(english.source, '<p>');
    const target = withMarkers(english.target, '');
    const beads = align({ texts: source, language: 'en' }, { texts: target, language: 'en' }).beads;
    const markerBeads = beads.filter(
      (bead) =>
        source.slice(bead.sourceStart, bead.sourceEnd).some(isMarkerLine) ||
        target.slice(bead.targetStart, bead.targetEnd).some(isMarkerLine),
    );
    expect(markerBeads.length).toBe(source.filter(isMarkerLine).length);
    for (const bead of markerBeads) {
      expect(bead.sourceEnd - bead.sourceStart, JSON.stringify(bead)).toBe(1);
      expect(bead.targetEnd - bead.targetStart, JSON.stringify(bead)).toBe(1);
      expect(isMarkerLine(source[bead.sourceStart] ?? ''), JSON.stringify(bead)).toBe(true);
      expect(isMarkerLine(target[bead.targetStart] ?? ''), JSON.stringify(bead)).toBe(true);
    }
  });

  it('stand alone when only one side has them', () => {
    const source = withMarkers(english.source, '¶');
    const target = articles(english.target);
    const beads = align({ texts: source, language: 'en' }, { texts: target, language: 'en' }).beads;
    const markers = source.flatMap((text, index) => (isMarkerLine(text) ? [index] : []));
    expect(markers.length).toBeGreaterThan(5);
    for (const index of markers) {
      const bead = beads.find((b) => b.sourceStart <= index && index < b.sourceEnd);
      expect(bead && [bead.sourceEnd - bead.sourceStart, bead.targetEnd - bead.targetStart], String(index)).toEqual([
        1, 0,
      ]);
    }
    // Every paragraph still links to its translation.
    const linked = beads.filter((b) => b.sourceEnd - b.sourceStart === 1 && b.targetEnd - b.targetStart === 1);
    expect(linked.length).toBe(target.length);
  });
});

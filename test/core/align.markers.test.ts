import { describe, expect, it } from 'vitest';
import { align } from '../../src/align/align';
import type { AlignSide } from '../../src/align/align';
import { isMarkerLine, paragraphsWithMarkers } from '../../src/align/features';
import { seededRandom } from '../bench/syntheticCorpus';
import { rangeOf } from '../fixtures/align/gold';
import { udhrCase } from '../fixtures/align/udhr';

/** Words of no language, so that only lengths, numbers, paragraphs and markers can guide the aligner. */
function babble(random: () => number, words: number, letters: string, wordLength?: number): string {
  const out: string[] = [];
  for (let w = 0; w < words; w++) {
    let word = '';
    const length = wordLength ?? 3 + Math.floor(random() * 6);
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

describe('paragraphs, each cost on its own', () => {
  /**
   * Eight numbered frame sentences (they link surely) around a middle where only the paragraphs can decide: three
   * source sentences of exactly equal length against two target sentences. Every bead of the choices below is 1–1
   * or 1–0 (`left out`), or 2–1 with the same lengths either way (`merge`), so lengths and anchors tie.
   */
  function middleOf(targetWords: number): { source: string[]; target: string[] } {
    const random = seededRandom(11);
    const frame = Array.from({ length: 8 }, (_, k) => babble(random, 6 + k, 'aeioumnprst') + ` ${k + 101}`);
    const middle = [0, 1, 2].map(() => babble(random, 10, 'aeioumnprst', 5));
    const targetMiddle = [0, 1].map(() => babble(random, targetWords, 'ykvlzh', 5));
    const frameTarget = frame.map((text) => text.replace(/[aeiou]/gu, 'y'));
    return {
      source: [...frame.slice(0, 4), ...middle, ...frame.slice(4)],
      target: [...frameTarget.slice(0, 4), ...targetMiddle, ...frameTarget.slice(4)],
    };
  }
  // Frame sentences 0–3 are paragraphs 0–3 and 4–7 paragraphs 10–13 on both sides; the middle's numbers are given.
  const numbered = (middle: ReadonlyArray<number>): number[] => [0, 1, 2, 3, ...middle, 10, 11, 12, 13];
  const middleBeads = (texts: { source: string[]; target: string[] }, source?: number[], target?: number[]) =>
    beadsOf(
      { texts: texts.source, language: 'en', ...(source ? { paragraphs: numbered(source) } : {}) },
      { texts: texts.target, language: 'en', ...(target ? { paragraphs: numbered(target) } : {}) },
    ).slice(4, 7);

  describe('a bead that opens a paragraph on one side only', () => {
    // Three source sentences of 60 characters, two target sentences of 60: one source sentence was left out.
    const texts = middleOf(10);

    it('finds the sentence left out where the paragraphs say, not where paragraphs are ignored', () => {
      // Without paragraphs, nothing tells which was left out; the aligner drops the first.
      expect(middleBeads(texts)).toEqual(['4,5,4,4', '5,6,4,5', '6,7,5,6']);
      // The source's first middle sentence ends the paragraph before; the other two are the target's paragraph.
      expect(middleBeads(texts, [3, 4, 4], [4, 4])).toEqual(['4,5,4,4', '5,6,4,5', '6,7,5,6']);
      // The source's last middle sentence is a paragraph the target does not have: it is the one left out.
      expect(middleBeads(texts, [4, 4, 5], [4, 4])).toEqual(['4,5,4,5', '5,6,5,6', '6,7,6,6']);
    });
  });

  describe('a paragraph break inside a bead', () => {
    // Three source sentences of 60 characters, two target sentences of 90: two source sentences merge.
    const texts = middleOf(15);

    it('merges the two sentences of one paragraph, not two across the break', () => {
      // Merging the first two leaves the source's new paragraph against a target sentence inside one (a bead that
      // opens a paragraph on one side only); merging the last two would put the source's break inside a bead, worse.
      expect(middleBeads(texts, [4, 4, 5], [4, 4])).toEqual(['4,6,4,5', '6,7,5,6', '7,8,6,7']);
      // Where the target has the break too, the last two merge.
      expect(middleBeads(texts, [4, 5, 5], [4, 5])).toEqual(['4,5,4,5', '5,7,5,6', '7,8,6,7']);
    });
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

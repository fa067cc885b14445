import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { align } from '../../src/align/align';
import type { Alignment } from '../../src/align/align';
import { toLadder } from '../../src/align/ladder';
import type { Language } from '../../src/languages';

/** Sentences from a small alphabet that mixes the four languages, digits, names and punctuation. */
const sentence = fc
  .array(
    fc.constantFrom(
      'the',
      'soldier',
      'Kursk',
      'Зеленський',
      'Путин',
      '12,000',
      '1만 2000명이',
      '북한군',
      'НАТО',
      '“',
      '”',
      '?',
      '!',
      '(',
      ')',
      '…',
      ',',
      '.',
      '▒▒',
      '@handle',
      'https://example.org',
      'Ð¡Ñ',
      ' ',
      '',
    ),
    { maxLength: 25 },
  )
  .map((words) => words.join(' '));
const language = fc.constantFrom<Language>('en', 'ko', 'uk', 'ru');
const side = fc.record({ texts: fc.array(sentence, { maxLength: 40 }), language });

/** Every source and target index in exactly one bead, in order, with confidences in [0, 1]. */
function expectTiling(alignment: Alignment, sourceCount: number, targetCount: number): void {
  let i = 0;
  let j = 0;
  for (const bead of alignment.beads) {
    expect(bead.sourceStart).toBe(i);
    expect(bead.targetStart).toBe(j);
    expect(bead.sourceEnd).toBeGreaterThanOrEqual(bead.sourceStart);
    expect(bead.targetEnd).toBeGreaterThanOrEqual(bead.targetStart);
    expect(bead.sourceEnd - bead.sourceStart + (bead.targetEnd - bead.targetStart)).toBeGreaterThan(0);
    expect(bead.confidence).toBeGreaterThanOrEqual(0);
    expect(bead.confidence).toBeLessThanOrEqual(1);
    i = bead.sourceEnd;
    j = bead.targetEnd;
  }
  expect(i).toBe(sourceCount);
  expect(j).toBe(targetCount);
}

describe('align (properties)', () => {
  it('covers every index exactly once, in order, with confidences in [0, 1], and ladders from 0 0 to n m', () => {
    fc.assert(
      fc.property(
        side,
        side,
        fc.record({
          maxBeadSize: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
          band: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
          realign: fc.option(fc.boolean(), { nil: undefined }),
        }),
        (source, target, options) => {
          const alignment = align(source, target, {
            ...(options.maxBeadSize === undefined ? {} : { maxBeadSize: options.maxBeadSize }),
            ...(options.band === undefined ? {} : { band: options.band }),
            ...(options.realign === undefined ? {} : { realign: options.realign }),
          });
          const n = source.texts.length;
          const m = target.texts.length;
          expectTiling(alignment, n, m);
          const maxBeadSize = options.maxBeadSize ?? 3;
          for (const bead of alignment.beads) {
            expect(bead.sourceEnd - bead.sourceStart).toBeLessThanOrEqual(maxBeadSize);
            expect(bead.targetEnd - bead.targetStart).toBeLessThanOrEqual(maxBeadSize);
          }
          const rungs = toLadder(alignment, n, m).trimEnd().split('\n');
          expect(rungs[0]?.startsWith('0\t0\t')).toBe(true);
          expect(rungs.at(-1)?.startsWith(`${n}\t${m}\t`)).toBe(true);
          expect(rungs).toHaveLength(alignment.beads.length + (alignment.beads.length === 0 ? 1 : 1));
          expect(alignment.stats.lengthRatio).toBeGreaterThan(0);
          expect(Number.isFinite(alignment.stats.lengthRatio)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps paragraphs optional and consistent: the same beads tile with or without them', () => {
    fc.assert(
      fc.property(side, side, (source, target) => {
        const withParagraphs = align(
          { ...source, paragraphs: source.texts.map((_, index) => Math.floor(index / 3)) },
          { ...target, paragraphs: target.texts.map((_, index) => Math.floor(index / 3)) },
        );
        expectTiling(withParagraphs, source.texts.length, target.texts.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('align (edge cases)', () => {
  it('gives no beads for two empty sides', () => {
    expect(align({ texts: [], language: 'en' }, { texts: [], language: 'ko' }).beads).toEqual([]);
  });

  it('gives one 1–0 bead for one sentence against nothing, and 0–1 beads the other way', () => {
    expect(align({ texts: ['Hello.'], language: 'en' }, { texts: [], language: 'ru' }).beads).toEqual([
      { sourceStart: 0, sourceEnd: 1, targetStart: 0, targetEnd: 0, confidence: 0.5 },
    ]);
    const reverse = align({ texts: [], language: 'en' }, { texts: ['Привет.', 'Пока.'], language: 'ru' });
    expect(reverse.beads.map((b) => [b.sourceStart, b.sourceEnd, b.targetStart, b.targetEnd])).toEqual([
      [0, 0, 0, 1],
      [0, 0, 1, 2],
    ]);
  });

  it('aligns empty strings and whitespace without failing', () => {
    const alignment = align({ texts: ['', ' ', 'A.'], language: 'en' }, { texts: ['', 'А.'], language: 'uk' });
    expectTiling(alignment, 3, 2);
  });

  it('rejects paragraphs that do not match the texts', () => {
    expect(() =>
      align({ texts: ['a', 'b'], language: 'en', paragraphs: [0] }, { texts: ['a'], language: 'ru', paragraphs: [0] }),
    ).toThrow(RangeError);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  lineLength,
  meetsMinimumGap,
  minimumGapMs,
  readingCharacters,
  readingSpeed,
  visibleCharacters,
} from '../../src/subtitles/rules';

describe('DEFAULT_RULES', () => {
  it('holds the Netflix adult limits', () => {
    expect(DEFAULT_RULES.languages).toEqual({
      en: { maxLineLength: 42, maxCps: 20 },
      ko: { maxLineLength: 16, maxCps: 12 },
      uk: { maxLineLength: 42, maxCps: 17 },
      ru: { maxLineLength: 39, maxCps: 17 },
    });
    expect([DEFAULT_RULES.maxLines, DEFAULT_RULES.minDurationMs, DEFAULT_RULES.maxDurationMs]).toEqual([2, 833, 7000]);
    expect(DEFAULT_RULES.minGapFrames).toBe(2);
  });
});

describe('lineLength', () => {
  it.each([
    ['형제 여러분', 5.5],
    ['형제 여러분,', 6],
    ['1만 2000명', 5],
    ['InformNapalm', 6],
    ['…남쪽으로…', 5],
    ['ㅋㅋㅋ', 3],
    ['「漢字」', 4],
  ])('counts Korean %j as %d (Hangul 1, Latin, digits, spaces and punctuation ½)', (line, expected) => {
    expect(lineLength(line, 'ko')).toBe(expected);
  });

  it('counts every character as 1 in English, Ukrainian and Russian', () => {
    expect(lineLength('My brothers, you and I', 'en')).toBe(22);
    expect(lineLength('Брати мої', 'uk')).toBe(9);
    expect(lineLength('Братья мои', 'ru')).toBe(10);
    expect(lineLength('형제', 'en')).toBe(2);
  });

  it('counts characters as the reader sees them, not UTF-16 units', () => {
    expect(lineLength('ї', 'uk')).toBe(1);
    expect(lineLength('i\u0308', 'uk')).toBe(1);
    expect(lineLength('\u1112\u1167\u11bc', 'ko')).toBe(1);
    expect(lineLength('😀👍🏽', 'en')).toBe(2);
  });

  it('leaves formatting tags out', () => {
    expect(lineLength('<i>Брати мої</i>', 'uk')).toBe(9);
    expect(lineLength('{\\an8}<font color="red">형제</font>', 'ko')).toBe(2);
  });
});

describe('visibleCharacters', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const clusters = (text: string) => Array.from(segmenter.segment(text), (part) => part.segment);

  it('splits as Intl.Segmenter does, on its fast path and off it (property)', () => {
    const pieces = fc.constantFrom(
      'a',
      'й',
      'и\u0306',
      '형',
      '\u1112\u1167\u11BC',
      ' ',
      '\r\n',
      '\n',
      '👍🏽',
      '🇺🇦',
      'e\u0301',
      '—',
      '1',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 20 }),
        (parts) => {
          const text = parts.join('');
          expect(visibleCharacters(text)).toEqual(clusters(text));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('readingSpeed', () => {
  it('counts spaces and punctuation but not line breaks', () => {
    expect(readingCharacters('ab, cd')).toBe(6);
    expect(readingCharacters('ab,\ncd')).toBe(5);
    expect(readingCharacters('ab, \r\n cd')).toBe(5);
    expect(readingSpeed('ab,\ncd', 1000)).toBe(5);
    expect(readingSpeed('My brothers, you and I are from the same people,', 3000)).toBe(16);
  });

  it('counts Korean syllables one each (the 12 cps limit is set for that count)', () => {
    expect(readingSpeed('형제 여러분', 1000)).toBe(6);
  });

  it('counts every character of a Korean cue as one, unlike a Korean line’s length (Latin, digits, spaces ½)', () => {
    // 1 만 ␠ 2 0 0 0 명 이 ␠ 왔 다: 12 characters to read; the line is 8.5 long.
    expect(readingCharacters('1만 2000명이 왔다')).toBe(12);
    expect(readingSpeed('1만 2000명이 왔다', 1000)).toBe(12);
    expect(lineLength('1만 2000명이 왔다', 'ko')).toBe(8.5);
    expect(readingSpeed('NATO와 EU,\n북한군', 2000)).toBe(6);
  });

  it('counts a Hangul syllable once however it is written (precomposed or as conjoining jamo)', () => {
    expect(readingCharacters('\u1112\u1167\u11bc\u110c\u1166')).toBe(2);
    expect(readingCharacters('형제')).toBe(2);
    expect(readingCharacters('<i>형제</i> {\\an8}여러분')).toBe(6);
  });

  it('is infinite for text without duration and 0 for no text', () => {
    expect(readingSpeed('a', 0)).toBe(Number.POSITIVE_INFINITY);
    expect(readingSpeed('a', -5)).toBe(Number.POSITIVE_INFINITY);
    expect(readingSpeed('', 0)).toBe(0);
    expect(readingSpeed(' \n ', 1000)).toBe(0);
  });
});

describe('minimumGapMs and meetsMinimumGap', () => {
  it('rounds the frames up to whole milliseconds', () => {
    expect(minimumGapMs(DEFAULT_RULES, 24)).toBe(84);
    expect(minimumGapMs(DEFAULT_RULES, 25)).toBe(80);
    expect(minimumGapMs(DEFAULT_RULES, 29.97)).toBe(67);
    expect(minimumGapMs({ ...DEFAULT_RULES, minGapFrames: 0 }, 24)).toBe(0);
  });

  it('accepts a frame-accurate 2-frame gap between whole milliseconds (4000 → 4083 at 24 fps)', () => {
    expect(meetsMinimumGap(83, DEFAULT_RULES, 24)).toBe(true);
    expect(meetsMinimumGap(82, DEFAULT_RULES, 24)).toBe(false);
    expect(meetsMinimumGap(80, DEFAULT_RULES, 25)).toBe(true);
    expect(meetsMinimumGap(79, DEFAULT_RULES, 25)).toBe(false);
    expect(meetsMinimumGap(0, { ...DEFAULT_RULES, minGapFrames: 0 }, 25)).toBe(true);
  });
});

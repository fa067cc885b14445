import type { Language } from '../languages';

/** How long a line may be and how fast a cue may be read, in one language. */
export interface LanguageRules {
  /** Characters per line, counted by `lineLength`. */
  readonly maxLineLength: number;
  /** Characters per second, counted by `readingSpeed`. */
  readonly maxCps: number;
}

/** The limits every cue is checked against and every automatic tool aims for. */
export interface SubtitleRules {
  readonly languages: Readonly<Record<Language, LanguageRules>>;
  readonly maxLines: number;
  readonly minDurationMs: number;
  readonly maxDurationMs: number;
  /** The shortest pause between two cues, in frames of the project's frame rate. */
  readonly minGapFrames: number;
}

/**
 * The Netflix Timed Text Style Guide limits for adult programmes.
 *
 * Line lengths and reading speeds come from each language's Netflix guide
 * (Korean counts Latin letters, digits and spaces as half a character, see
 * `lineLength`). The minimum duration is 5/6 of a second (20 frames at 24 fps),
 * the maximum 7 seconds, and consecutive cues are at least 2 frames apart.
 */
export const DEFAULT_RULES: SubtitleRules = {
  languages: {
    en: { maxLineLength: 42, maxCps: 20 },
    ko: { maxLineLength: 16, maxCps: 12 },
    uk: { maxLineLength: 42, maxCps: 17 },
    ru: { maxLineLength: 39, maxCps: 17 },
  },
  maxLines: 2,
  minDurationMs: 833,
  maxDurationMs: 7000,
  minGapFrames: 2,
};

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Formatting that players hide: HTML-like tags (`<i>`, `</font>`) and ASS override blocks (`{\an8}`).
 *
 * Subtitle Edit and Aegisub leave them out of every count, and so do we.
 */
const FORMATTING = /<\/?[a-z][^<>]*>|\{\\[^{}]*\}/giu;

/**
 * Characters a Korean line counts as a whole character: Hangul syllables and
 * jamo, CJK ideographs, kana, CJK punctuation and full-width forms (and emoji, which are as wide).
 */
const WIDE =
  /[\u1100-\u11ff\u2e80-\u303f\u3040-\u30ff\u3130-\u318f\u3190-\u31ff\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/**
 * Characters a Korean line counts as half a character: the narrow ones that
 * Korean subtitles mix in (Latin letters, digits, spaces, ASCII and general punctuation).
 */
const NARROW = /^[\p{Script=Latin}\p{N}\p{Zs}\p{P}\p{S}]/u;

/**
 * How much one visible character weighs in a line of the given language.
 *
 * Exported for the line breaker, which measures many slices of one text.
 */
export function characterWeight(grapheme: string, language: Language): number {
  if (language !== 'ko') return 1;
  if (WIDE.test(grapheme) || /\p{Extended_Pictographic}/u.test(grapheme)) return 1;
  return NARROW.test(grapheme) ? 0.5 : 1;
}

/**
 * Splits a text into the characters a reader sees, with formatting tags removed.
 *
 * A grapheme cluster ("й" written as и + breve, a Hangul syllable written as
 * jamo, an emoji with modifiers) is one character, not several UTF-16 units.
 */
export function visibleCharacters(text: string): string[] {
  const plain = text.replace(FORMATTING, '');
  // Intl.Segmenter is slow in V8; text with nothing that joins code points is split by code point instead.
  if (!CLUSTERING.test(plain)) return Array.from(plain);
  return Array.from(graphemes.segment(plain), (part) => part.segment);
}

/**
 * Code points that can make a grapheme cluster of more than one code point:
 * marks (combining, spacing, variation selectors), joiners, conjoining
 * Hangul jamo, astral code points and lone surrogates (emoji, flags), the halfwidth kana voicing marks,
 * and CR (CR LF is one cluster). Text without them has one cluster per code point.
 */
const CLUSTERING =
  /\u200D|[\p{M}\u200C\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\uD800-\uDFFF\u{10000}-\u{10FFFF}\uFF9E\uFF9F\r]/u;

/**
 * The length of one line as the language's style guide counts it.
 *
 * Korean counts each Hangul syllable or jamo (and each CJK character) as 1 and
 * Latin letters, digits, spaces and punctuation as 0.5, as the Netflix Korean
 * guide does, so "형제 여러분" is 5.5. Other languages count every character as 1.
 * Formatting tags are not counted.
 */
export function lineLength(line: string, language: Language): number {
  let length = 0;
  for (const character of visibleCharacters(line)) {
    if (character === '\n' || character === '\r' || character === '\r\n') continue;
    length += characterWeight(character, language);
  }
  return length;
}

/**
 * The characters a viewer has to read in a cue: spaces and punctuation count, line breaks do not.
 *
 * Whitespace around a line break is not counted either: it is the line break.
 */
export function readingCharacters(text: string): number {
  const lines = text
    .split(/\r\n|\r|\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.reduce((sum, line) => sum + visibleCharacters(line).length, 0);
}

/**
 * Characters per second over the whole cue.
 *
 * Every character is one, in Korean too (the Netflix Korean limit of 12 cps is
 * set for that count). Line breaks and formatting tags are not counted.
 * A cue with text and no duration cannot be read: Infinity. An empty cue reads at 0.
 */
export function readingSpeed(text: string, durationMs: number): number {
  const characters = readingCharacters(text);
  if (characters === 0) return 0;
  if (durationMs <= 0) return Number.POSITIVE_INFINITY;
  return (characters * 1000) / durationMs;
}

/**
 * The minimum gap in whole milliseconds: `minGapFrames` frames, rounded up.
 *
 * Rounded up so that a gap of this many milliseconds is never shorter than the
 * frames. A gap measured between two frame-accurate times may still be 1 ms
 * shorter (83 ms for 2 frames at 24 fps) because times are whole milliseconds:
 * `meetsMinimumGap` allows for that.
 */
export function minimumGapMs(rules: SubtitleRules, frameRate: number): number {
  return Math.ceil((rules.minGapFrames * 1000) / frameRate);
}

/**
 * Whether a gap between two cues is at least the minimum number of frames.
 *
 * Both times are rounded to whole milliseconds, so a gap of exactly N frames
 * can measure up to 1 ms less than N frames (2 frames at 24 fps are 83.33 ms,
 * and 4000 → 4083 is a 2-frame gap). Anything shorter than that is short.
 */
export function meetsMinimumGap(gapMs: number, rules: SubtitleRules, frameRate: number): boolean {
  return gapMs + 1 > (rules.minGapFrames * 1000) / frameRate + 1e-9;
}

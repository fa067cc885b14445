import fc from 'fast-check';
import type { Cue } from '../../src/formats/cue';

/** One or two lines of Latin, Hangul and Cyrillic text, as a subtitle cue holds. */
const cueLine = fc.stringMatching(/^[A-Za-z가-힣А-Яа-яЇїЄєІі0-9 ,.!?…“”-]{1,40}$/u).filter((s) => s.trim() !== '');

/** Cues under 24 hours with trimmed lines, for write-then-read property tests of subtitle formats. */
export const subtitleCue: fc.Arbitrary<Cue> = fc
  .record({
    start: fc.integer({ min: 0, max: 86_000_000 }),
    length: fc.integer({ min: 1, max: 100_000 }),
    lines: fc.array(cueLine, { minLength: 1, maxLength: 2 }),
  })
  .map(({ start, length, lines }) => ({
    start,
    end: Math.min(start + length, 86_399_999),
    text: lines.map((l) => l.trim()).join('\n'),
  }));

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/languages';
import { DEFAULT_RULES, meetsMinimumGap, readingCharacters, type SubtitleRules } from '../../src/subtitles/rules';
import { autoTime, mapTimes, shiftTimes, snapToFrame, type Timed } from '../../src/timing/timing';

const FRAME_RATES = [23.976, 24, 25, 29.97, 30, 50, 60] as const;

/** Whole frames between two snapped times (they are rounded to whole milliseconds). */
const framesBetween = (from: number, to: number, frameRate: number): number =>
  Math.round(((to - from) * frameRate) / 1000);

describe('snapToFrame', () => {
  it('moves a time to the nearest frame boundary, in whole milliseconds', () => {
    expect(snapToFrame(4083, 24)).toBe(4083);
    expect(snapToFrame(4100, 24)).toBe(4083);
    expect(snapToFrame(4110, 24)).toBe(4125);
    expect(snapToFrame(1019, 25)).toBe(1000);
    expect(snapToFrame(1021, 25)).toBe(1040);
    expect(snapToFrame(0, 29.97)).toBe(0);
    expect(Object.is(snapToFrame(-10, 24), 0)).toBe(true);
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 36_000_000 }), fc.constantFrom(...FRAME_RATES), (ms, frameRate) => {
        const snapped = snapToFrame(ms, frameRate);
        expect(snapToFrame(snapped, frameRate)).toBe(snapped);
        expect(Math.abs(snapped - ms)).toBeLessThanOrEqual(500 / frameRate + 1);
      }),
    );
  });

  it('refuses a frame rate that is not positive', () => {
    expect(() => snapToFrame(1000, 0)).toThrow(RangeError);
  });
});

describe('autoTime', () => {
  it('spreads the appeal’s first three cues over their span in proportion to reading time', () => {
    const texts = [
      'My brothers, you and I are from the same people,',
      'we have the same blood, we come from the same country.',
      'We are only divided by a border that you didn’t choose.',
    ];
    // 252 frames, 2 gaps of 2 frames, 248 frames shared 48 : 54 : 55 characters (76, 85 and 87 frames).
    const times = autoTime(texts, { start: 1000, end: 11_500 }, 'en', DEFAULT_RULES, 24);
    expect(times).toEqual([
      { start: 1000, end: 4167 },
      { start: 4250, end: 7792 },
      { start: 7875, end: 11_500 },
    ]);
  });

  it('gives every cue at least the minimum duration, however short its text', () => {
    const times = autoTime(
      ['Ja.', 'This one has a much longer text to read.'],
      { start: 0, end: 10_000 },
      'en',
      DEFAULT_RULES,
      25,
    );
    expect(times[0]).toEqual({ start: 0, end: 840 });
    expect(times[1]).toEqual({ start: 920, end: 10_000 });
  });

  it('shrinks the cues in proportion when the span is too short, without overlaps or leaving the span', () => {
    const times = autoTime(['a', 'b', 'c'], { start: 0, end: 1000 }, 'en', DEFAULT_RULES, 24);
    expect(times).toEqual([
      { start: 0, end: 292 },
      { start: 375, end: 667 },
      { start: 750, end: 1000 },
    ]);
    expect(autoTime(['a', 'b', 'c'], { start: 0, end: 100 }, 'en', DEFAULT_RULES, 24)).toEqual([
      { start: 0, end: 42 },
      { start: 42, end: 83 },
      { start: 83, end: 83 },
    ]);
    expect(autoTime(['a', 'b'], { start: 1010, end: 1030 }, 'en', DEFAULT_RULES, 24)).toEqual([
      { start: 1010, end: 1010 },
      { start: 1010, end: 1010 },
    ]);
    expect(autoTime([], { start: 0, end: 1000 }, 'en', DEFAULT_RULES, 24)).toEqual([]);
  });

  it('reads Korean at its own speed: the same span is shared by the same characters the same way', () => {
    const korean = autoTime(
      ['형제 여러분', '같은 피를 나눴으며, 같은 나라에서 왔습니다.'],
      { start: 0, end: 8000 },
      'ko',
      DEFAULT_RULES,
      24,
    );
    expect(korean[0]!.end - korean[0]!.start).toBeLessThan(korean[1]!.end - korean[1]!.start);
  });

  it('reads each language at its own rate, never another language’s', () => {
    // Four different rates, a 1 s minimum, no gap, 25 fps (40 ms frames) and a span of 20 frames, far too short:
    // each cue gets the span in proportion to its need, max(reading time, minimum). The minimum is 25 frames;
    // 60 characters need 60 / rate seconds: 150 frames at 10 cps, 75 at 20, 50 at 30, 37.5 at 40.
    const rules: SubtitleRules = {
      ...DEFAULT_RULES,
      languages: {
        en: { maxLineLength: 42, maxCps: 10 },
        ko: { maxLineLength: 16, maxCps: 20 },
        uk: { maxLineLength: 42, maxCps: 30 },
        ru: { maxLineLength: 39, maxCps: 40 },
      },
      minDurationMs: 1000,
      minGapFrames: 0,
    };
    const texts = ['a', 'x'.repeat(60)];
    const durations = (lang: Language): number[] =>
      autoTime(texts, { start: 0, end: 800 }, lang, rules, 25).map((time) => time.end - time.start);
    // 20 × 25/175 = 2.9 → 3 frames; 20 × 25/100 = 5; 20 × 25/75 = 6.7 → 7; 20 × 25/62.5 = 8.
    expect(durations('en')).toEqual([120, 680]);
    expect(durations('ko')).toEqual([200, 600]);
    expect(durations('uk')).toEqual([280, 520]);
    expect(durations('ru')).toEqual([320, 480]);
  });

  it('gives Korean (12 cps) more of a short span for the long cue than English (20 cps), with the default rules', () => {
    const texts = ['네.', '같은 피를 나눴으며, 같은 나라에서 왔습니다.'];
    const long = (lang: Language): number => {
      const times = autoTime(texts, { start: 0, end: 2500 }, lang, DEFAULT_RULES, 24);
      return times[1]!.end - times[1]!.start;
    };
    // 25 characters: 50 frames at 12 cps against a 20-frame minimum (overfull: 58 × 50/70 = 41.4 frames);
    // at 20 cps, 30 frames (they fit: the short cue keeps its minimum, the long one the other 38 frames).
    expect(long('ko')).toBe(1708);
    expect(long('en')).toBe(1583);
  });

  const texts = fc.array(fc.string({ maxLength: 80 }), { minLength: 1, maxLength: 8 });
  const span = fc
    .record({ start: fc.integer({ min: 0, max: 600_000 }), length: fc.integer({ min: 0, max: 60_000 }) })
    .map(({ start, length }) => ({ start, end: start + length }));
  const language = fc.constantFrom<Language>('en', 'ko', 'uk', 'ru');

  it('never overlaps, stays inside the span and on frames (property)', () => {
    fc.assert(
      fc.property(texts, span, language, fc.constantFrom(...FRAME_RATES), (items, within, lang, frameRate) => {
        const times = autoTime(items, within, lang, DEFAULT_RULES, frameRate);
        expect(times).toHaveLength(items.length);
        times.forEach((time, index) => {
          expect(time.start).toBeGreaterThanOrEqual(within.start);
          expect(time.end).toBeLessThanOrEqual(within.end);
          expect(time.end).toBeGreaterThanOrEqual(time.start);
          if (within.end - within.start >= 1000 / frameRate) {
            expect(snapToFrame(time.start, frameRate)).toBe(time.start);
            expect(snapToFrame(time.end, frameRate)).toBe(time.end);
          }
          const previous = times[index - 1];
          if (previous) expect(time.start).toBeGreaterThanOrEqual(previous.end);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('keeps gaps of exactly the minimum, minimum durations and reading-time order when the span allows (property)', () => {
    fc.assert(
      fc.property(texts, span, language, fc.constantFrom(...FRAME_RATES), (items, within, lang, frameRate) => {
        const { maxCps } = DEFAULT_RULES.languages[lang];
        const frame = 1000 / frameRate;
        const needs = items.map((text) =>
          Math.max((readingCharacters(text) / maxCps) * 1000, DEFAULT_RULES.minDurationMs),
        );
        const room = within.end - within.start - 2 * frame - (items.length - 1) * DEFAULT_RULES.minGapFrames * frame;
        fc.pre(needs.reduce((sum, need) => sum + need + frame, 0) <= room);
        const times = autoTime(items, within, lang, DEFAULT_RULES, frameRate);
        times.forEach((time, index) => {
          expect(time.end - time.start).toBeGreaterThanOrEqual(DEFAULT_RULES.minDurationMs);
          const previous = times[index - 1];
          if (previous) {
            expect(framesBetween(previous.end, time.start, frameRate)).toBe(DEFAULT_RULES.minGapFrames);
            expect(meetsMinimumGap(time.start - previous.end, DEFAULT_RULES, frameRate)).toBe(true);
          }
        });
        for (let a = 0; a < items.length; a++) {
          for (let b = 0; b < items.length; b++) {
            const reading = (index: number): number => readingCharacters(items[index] ?? '');
            const duration = (index: number): number => (times[index]?.end ?? 0) - (times[index]?.start ?? 0);
            if (reading(a) > reading(b)) expect(duration(a)).toBeGreaterThanOrEqual(duration(b) - frame - 1);
          }
        }
        const last = times[times.length - 1]!;
        expect(within.end - last.end).toBeLessThan(frame + 1);
        expect(times[0]!.start - within.start).toBeLessThan(frame + 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('shiftTimes', () => {
  it('moves times and clamps at 0, keeping the other fields', () => {
    const cues = [
      { start: 500, end: 1500, text: 'a' },
      { start: 2000, end: 3000, text: 'b' },
    ];
    expect(shiftTimes(cues, -1000)).toEqual([
      { start: 0, end: 500, text: 'a' },
      { start: 1000, end: 2000, text: 'b' },
    ]);
    expect(shiftTimes(cues, 250)).toEqual([
      { start: 750, end: 1750, text: 'a' },
      { start: 2250, end: 3250, text: 'b' },
    ]);
    expect(shiftTimes<Timed>([{ start: 100, end: 200 }], -500)).toEqual([{ start: 0, end: 0 }]);
  });
});

describe('mapTimes', () => {
  it('maps 0–90 s onto 2–88 s linearly', () => {
    const times: Timed[] = [
      { start: 0, end: 45_000 },
      { start: 45_000, end: 90_000 },
      { start: 30_000, end: 31_500 },
    ];
    expect(mapTimes(times, { start: 0, end: 90_000 }, { start: 2000, end: 88_000 })).toEqual([
      { start: 2000, end: 45_000 },
      { start: 45_000, end: 88_000 },
      { start: 30_667, end: 32_100 },
    ]);
  });

  it('moves times when the source span is empty', () => {
    expect(mapTimes([{ start: 1000, end: 2000 }], { start: 1000, end: 1000 }, { start: 5000, end: 9000 })).toEqual([
      { start: 5000, end: 6000 },
    ]);
  });

  it('keeps order and maps the span’s ends onto the target’s (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 90_000 }), { minLength: 2, maxLength: 20 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1000, max: 200_000 }),
        (points, offset, length) => {
          const sorted = [...points].sort((a, b) => a - b);
          const times = sorted.slice(1).map((end, index) => ({ start: sorted[index]!, end }));
          const mapped = mapTimes(times, { start: 0, end: 90_000 }, { start: offset, end: offset + length });
          mapped.forEach((time, index) => {
            expect(time.end).toBeGreaterThanOrEqual(time.start);
            if (index > 0) expect(time.start).toBeGreaterThanOrEqual(mapped[index - 1]!.start);
          });
          expect(
            mapTimes([{ start: 0, end: 90_000 }], { start: 0, end: 90_000 }, { start: offset, end: offset + length }),
          ).toEqual([{ start: offset, end: offset + length }]);
        },
      ),
    );
  });
});

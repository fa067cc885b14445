import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapToSpeech, timeFromSpeech, type CueToTime } from '../../../src/timing/fromSpeech';
import type { Timed } from '../../../src/timing/timing';

const RULES = { minDurationMs: 833, minGapFrames: 2 };
const FRAME = 1000 / 24;

/** Whether a gap meets `minGapFrames` with the 1 ms allowance of whole-millisecond times (`meetsMinimumGap`). */
const gapOk = (gap: number, frames: number, frameRate: number): boolean => gap + 1 > (frames * 1000) / frameRate;

function timedOf(cues: ReadonlyArray<CueToTime>): Timed[] {
  return cues.map((cue) => {
    if (cue.start === undefined || cue.end === undefined) throw new Error('expected a timed cue');
    return { start: cue.start, end: cue.end };
  });
}

function expectInOrder(
  times: ReadonlyArray<{ readonly start?: number | undefined; readonly end?: number | undefined }>,
): void {
  let previous: Timed | undefined;
  let checked = 0;
  for (const time of times) {
    if (time.start === undefined || time.end === undefined) continue;
    expect(time.end).toBeGreaterThanOrEqual(time.start);
    if (previous !== undefined) expect(time.start).toBeGreaterThanOrEqual(previous.end);
    previous = { start: time.start, end: time.end };
    checked++;
  }
  expect(checked).toBeGreaterThan(0);
}

/** Speech stretches with pauses between, from lengths. */
function speechOf(parts: ReadonlyArray<{ readonly pause: number; readonly length: number }>): Timed[] {
  let at = 0;
  return parts.map(({ pause, length }) => {
    const start = at + pause;
    at = start + length;
    return { start, end: at };
  });
}

describe('timeFromSpeech', () => {
  it('puts one cue on each sentence when there is a pause after every sentence', () => {
    const speech = [
      { start: 1000, end: 3200 },
      { start: 3900, end: 5100 },
      { start: 7600, end: 11_000 },
      { start: 11_600, end: 12_400 },
    ];
    const cues = [{ speakingMs: 2000 }, { speakingMs: 1300 }, { speakingMs: 3000 }, { speakingMs: 800 }];
    const timed = timedOf(timeFromSpeech(cues, speech, { rules: RULES, frameRate: 24 }));
    timed.forEach((time, index) => {
      expect(Math.abs(time.start - (speech[index]?.start ?? 0))).toBeLessThanOrEqual(FRAME);
    });
    // Ends follow the speech, and the short last cue grows to the minimum duration.
    expect(Math.abs((timed[0]?.end ?? 0) - 3200)).toBeLessThanOrEqual(FRAME);
    expect((timed[3]?.end ?? 0) - (timed[3]?.start ?? 0)).toBeGreaterThanOrEqual(832);
  });

  it('splits one stretch of speech between cues in proportion to how long each takes to say', () => {
    const timed = timedOf(
      timeFromSpeech([{ speakingMs: 1000 }, { speakingMs: 3000 }], [{ start: 2000, end: 10_000 }], {
        rules: RULES,
        frameRate: 25,
      }),
    );
    expect(timed[0]?.start).toBe(2000);
    expect(Math.abs((timed[1]?.start ?? 0) - 4000)).toBeLessThanOrEqual(40);
    expect(gapOk((timed[1]?.start ?? 0) - (timed[0]?.end ?? 0), 2, 25)).toBe(true);
    expect(Math.abs((timed[1]?.end ?? 0) - 10_000)).toBeLessThanOrEqual(40);
  });

  it('lets one cue span a short pause inside its sentence, and uses the long pauses as boundaries', () => {
    // The first sentence has a comma pause of 300 ms; the sentences are 1.5 s apart.
    const speech = [
      { start: 500, end: 1500 },
      { start: 1800, end: 3000 },
      { start: 4500, end: 6700 },
    ];
    const timed = timedOf(
      timeFromSpeech([{ speakingMs: 2200 }, { speakingMs: 2200 }], speech, { rules: RULES, frameRate: 24 }),
    );
    expect(Math.abs((timed[0]?.start ?? 0) - 500)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs((timed[0]?.end ?? 0) - 3000)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs((timed[1]?.start ?? 0) - 4500)).toBeLessThanOrEqual(FRAME);
  });

  it('times only the chosen cues, between the timed cues around them', () => {
    const cues: CueToTime[] = [
      { start: 0, end: 900, speakingMs: 900 },
      { speakingMs: 1000 },
      { speakingMs: 1000 },
      { start: 9000, end: 10_000, speakingMs: 1000 },
    ];
    const speech = [
      { start: 100, end: 900 },
      { start: 2000, end: 3000 },
      { start: 4000, end: 5200 },
      { start: 9100, end: 9900 },
    ];
    const result = timeFromSpeech(cues, speech, { rules: RULES, frameRate: 24, selected: [1, 2] });
    expect(result[0]).toEqual(cues[0]);
    expect(result[3]).toEqual(cues[3]);
    expect(Math.abs((result[1]?.start ?? 0) - 2000)).toBeLessThanOrEqual(FRAME);
    expect(Math.abs((result[2]?.start ?? 0) - 4000)).toBeLessThanOrEqual(FRAME);
    expectInOrder(result);
  });

  it('leaves cues as they were when there is no speech to time them on', () => {
    const cues = [{ speakingMs: 500 }, { start: 10, end: 900, speakingMs: 500 }];
    expect(timeFromSpeech(cues, [], { rules: RULES, frameRate: 24 })).toEqual(cues);
  });

  it('keeps cues in order and apart, never drops one, and keeps the rules where the speech leaves room (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ pause: fc.integer({ min: 0, max: 4000 }), length: fc.integer({ min: 1, max: 6000 }) }), {
          minLength: 1,
          maxLength: 25,
        }),
        fc.array(fc.integer({ min: 0, max: 8000 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(23.976, 24, 25, 30),
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 0, max: 4 }),
        (parts, speaking, frameRate, minDurationMs, minGapFrames) => {
          const speech = speechOf(parts);
          const cues = speaking.map((speakingMs) => ({ speakingMs }));
          const rules = { minDurationMs, minGapFrames };
          const result = timeFromSpeech(cues, speech, { rules, frameRate });
          expect(result).toHaveLength(cues.length);
          const timed = timedOf(result);
          expectInOrder(timed);
          expect(timed[0]?.start).toBeGreaterThanOrEqual(0);
          // Room for every cue's minimum and every gap: there is, when the speech and the time after it are long enough.
          const frame = 1000 / frameRate;
          const room = (speech[speech.length - 1]?.end ?? 0) + minDurationMs;
          const needed = cues.length * (Math.ceil(minDurationMs / frame) + minGapFrames + 1) * frame;
          if (room < needed) return;
          for (let index = 0; index < timed.length; index++) {
            const time = timed[index] as Timed;
            expect(time.end - time.start).toBeGreaterThanOrEqual(minDurationMs - 1);
            const next = timed[index + 1];
            if (next !== undefined) expect(gapOk(next.start - time.end, minGapFrames, frameRate)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps the chosen cues between the cues around them, which never move (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 300, max: 5000 }), { minLength: 2, maxLength: 20 }),
        fc.array(fc.record({ pause: fc.integer({ min: 0, max: 3000 }), length: fc.integer({ min: 1, max: 5000 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        (lengths, parts, choice) => {
          // Valid starting times: each cue its length, 500 ms apart.
          let at = 0;
          const cues = lengths.map((length) => {
            const cue = { start: at, end: at + length, speakingMs: length };
            at += length + 500;
            return cue;
          });
          const selected = cues.flatMap((_, index) => (choice[index] === true ? [index] : []));
          const result = timeFromSpeech(cues, speechOf(parts), { rules: RULES, frameRate: 24, selected });
          expectInOrder(result);
          cues.forEach((cue, index) => {
            if (!selected.includes(index)) expect(result[index]).toEqual(cue);
          });
          for (let index = 0; index + 1 < result.length; index++) {
            const gap = (result[index + 1]?.start ?? 0) - (result[index]?.end ?? 0);
            const aroundUnchosen = !selected.includes(index) || !selected.includes(index + 1);
            if (aroundUnchosen) expect(gapOk(gap, RULES.minGapFrames, 24)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('snapToSpeech', () => {
  it('moves starts to onsets and ends to offsets within 500 ms, leaving farther ones', () => {
    const speech = [
      { start: 1000, end: 2600 },
      { start: 4000, end: 5000 },
    ];
    const cues = [
      { start: 1300, end: 2400, speakingMs: 1 },
      { start: 3300, end: 5900, speakingMs: 1 },
    ];
    const result = snapToSpeech(cues, speech, { rules: RULES, frameRate: 25 });
    expect(result[0]).toMatchObject({ start: 1000, end: 2600 });
    // 4000 is 700 ms from 3300: too far; 5000 is 900 ms from 5900: too far.
    expect(result[1]).toMatchObject({ start: 3300, end: 5900 });
  });

  it('does not snap into the cue before or after (min gap kept)', () => {
    const speech = [{ start: 900, end: 3000 }];
    const cues = [
      { start: 1000, end: 2000, speakingMs: 1 },
      { start: 2100, end: 2800, speakingMs: 1 },
    ];
    const result = snapToSpeech(cues, speech, { rules: RULES, frameRate: 25, selected: [1] });
    expect(result[0]).toEqual(cues[0]);
    expect(result[1]).toMatchObject({ start: 2100, end: 3000 });
  });

  it('keeps valid cues valid, moves only chosen ones, and only onto speech edges (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ length: fc.integer({ min: 0, max: 4000 }), gap: fc.integer({ min: 84, max: 2000 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.array(fc.record({ pause: fc.integer({ min: 0, max: 3000 }), length: fc.integer({ min: 1, max: 5000 }) }), {
          minLength: 0,
          maxLength: 20,
        }),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        (shapes, parts, choice) => {
          let at = 0;
          const cues = shapes.map(({ length, gap }) => {
            const cue = { start: at, end: at + length, speakingMs: 1 };
            at += length + gap;
            return cue;
          });
          const speech = speechOf(parts);
          const selected = cues.flatMap((_, index) => (choice[index] === true ? [index] : []));
          const result = timedOf(snapToSpeech(cues, speech, { rules: RULES, frameRate: 24, selected }));
          expectInOrder(result);
          const edges = new Set(
            speech.flatMap((s) => [s.start, s.end]).map((ms) => Math.round(Math.round(ms / FRAME) * FRAME)),
          );
          result.forEach((time, index) => {
            const cue = cues[index] as Timed;
            if (!selected.includes(index)) expect(time).toEqual({ start: cue.start, end: cue.end });
            if (time.start !== cue.start) expect(edges.has(time.start)).toBe(true);
            if (time.end !== cue.end) expect(edges.has(time.end)).toBe(true);
            expect(Math.abs(time.start - cue.start)).toBeLessThanOrEqual(500 + FRAME);
            const next = result[index + 1];
            if (next !== undefined) expect(gapOk(next.start - time.end, RULES.minGapFrames, 24)).toBe(true);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

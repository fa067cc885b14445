import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../../src/model/project';
import { cueAtTime, cuesBetween } from '../../../src/timing/cueIndex';
import { segment } from '../../support/segments';

const cue = (id: string, start: number | undefined, end: number | undefined, extra: Partial<Segment> = {}): Segment =>
  segment(id, 0, id, { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}), ...extra });

describe('cueAtTime', () => {
  const segments = [
    cue('a', 1000, 2000),
    cue('b', 2500, 4000),
    cue('x', 4100, 4800, { excluded: true }),
    cue('u', undefined, undefined),
    cue('c', 5000, 6000),
  ];

  it('finds the cue showing at a time, start inclusive and end exclusive', () => {
    expect(cueAtTime(segments, 999)).toBe(-1);
    expect(cueAtTime(segments, 1000)).toBe(0);
    expect(cueAtTime(segments, 1999)).toBe(0);
    expect(cueAtTime(segments, 2000)).toBe(-1);
    expect(cueAtTime(segments, 3000)).toBe(1);
    expect(cueAtTime(segments, 5500)).toBe(4);
    expect(cueAtTime(segments, 6000)).toBe(-1);
  });

  it('skips excluded rows and rows without times', () => {
    expect(cueAtTime(segments, 4500)).toBe(-1);
  });

  it('finds cues out of document order, and the newest of overlapping cues', () => {
    const shuffled = [cue('late', 8000, 9000), cue('long', 0, 10_000), cue('early', 500, 700)];
    expect(cueAtTime(shuffled, 600)).toBe(2);
    expect(cueAtTime(shuffled, 8500)).toBe(0);
    expect(cueAtTime(shuffled, 7000)).toBe(1);
  });

  it('agrees with a scan of every cue (property)', () => {
    const arbitraryCue = fc.record({
      start: fc.integer({ min: 0, max: 5000 }),
      length: fc.integer({ min: 1, max: 900 }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryCue, { maxLength: 30 }), fc.integer({ min: 0, max: 6000 }), (cues, ms) => {
        const list = cues.map((c, i) => cue(`s${i}`, c.start, c.start + c.length));
        const showing = list.flatMap((s, i) => ((s.start ?? 0) <= ms && ms < (s.end ?? 0) ? [i] : []));
        const found = cueAtTime(list, ms);
        if (showing.length === 0) expect(found).toBe(-1);
        else {
          expect(showing).toContain(found);
          const latest = Math.max(...showing.map((i) => list[i]?.start ?? 0));
          expect(list[found]?.start).toBe(latest);
        }
        const between = cuesBetween(list, ms, ms + 700);
        const expected = list.flatMap((s, i) => ((s.start ?? 0) < ms + 700 && (s.end ?? 0) > ms ? [i] : []));
        expect([...between].sort((a, b) => a - b)).toEqual(expected);
      }),
    );
  });
});

describe('cuesBetween', () => {
  it('lists the cues overlapping a stretch, by start time', () => {
    const segments = [cue('a', 0, 1000), cue('b', 1500, 2500), cue('c', 3000, 4000), cue('d', 9000, 9500)];
    expect(cuesBetween(segments, 900, 3001)).toEqual([0, 1, 2]);
    expect(cuesBetween(segments, 1000, 1500)).toEqual([]);
    expect(cuesBetween(segments, 5000, 20_000)).toEqual([3]);
  });
});

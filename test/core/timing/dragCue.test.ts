import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Segment, SubrelayDocument } from '../../../src/model/project';
import { DEFAULT_RULES, meetsMinimumGap } from '../../../src/subtitles/rules';
import { placeDraggedCue, type DragKind } from '../../../src/timing/dragCue';
import { snapToFrame } from '../../../src/timing/timing';
import { segment } from '../../support/segments';

const cue = (id: string, start: number, end: number, extra: Partial<Segment> = {}): Segment =>
  segment(id, 0, id, { start, end, ...extra });

const transcript = (...segments: Segment[]): SubrelayDocument => ({
  id: 't',
  kind: 'transcript',
  title: 'T',
  sourceLanguage: 'ko',
  segments,
});

const limits = { rules: DEFAULT_RULES, frameRate: 25 };

describe('placeDraggedCue', () => {
  const document = transcript(cue('a', 1000, 2000), cue('b', 3000, 4000), cue('c', 6000, 7000));

  it('snaps a dragged edge to the nearest frame', () => {
    expect(placeDraggedCue(document, 'b', { start: 2817, end: 4000 }, 'start', limits)).toEqual({
      start: 2800,
      end: 4000,
    });
    expect(placeDraggedCue(document, 'b', { start: 3000, end: 4519 }, 'end', limits)).toEqual({
      start: 3000,
      end: 4520,
    });
  });

  it('keeps the minimum gap to the cue before and after', () => {
    // Two frames at 25 fps are 80 ms.
    expect(placeDraggedCue(document, 'b', { start: 1500, end: 4000 }, 'start', limits)).toEqual({
      start: 2080,
      end: 4000,
    });
    expect(placeDraggedCue(document, 'b', { start: 3000, end: 6500 }, 'end', limits)).toEqual({
      start: 3000,
      end: 5920,
    });
  });

  it('keeps a cue at least one frame long', () => {
    expect(placeDraggedCue(document, 'b', { start: 4500, end: 4000 }, 'start', limits)).toEqual({
      start: 3960,
      end: 4000,
    });
  });

  it('moves a whole cue keeping its length, stopping at its neighbours', () => {
    expect(placeDraggedCue(document, 'b', { start: 3500, end: 4500 }, 'move', limits)).toEqual({
      start: 3520,
      end: 4520,
    });
    expect(placeDraggedCue(document, 'b', { start: 5500, end: 6500 }, 'move', limits)).toEqual({
      start: 4920,
      end: 5920,
    });
  });

  it('looks past excluded and untimed rows for the neighbours', () => {
    const withGaps = transcript(
      cue('a', 1000, 2000),
      cue('x', 2100, 2900, { excluded: true }),
      segment('u', 0, 'untimed'),
      cue('b', 3000, 4000),
    );
    expect(placeDraggedCue(withGaps, 'b', { start: 1500, end: 4000 }, 'start', limits)?.start).toBe(2080);
  });

  it('stops at the end of the media', () => {
    expect(placeDraggedCue(document, 'c', { start: 6000, end: 9000 }, 'end', { ...limits, mediaEndMs: 8000 })).toEqual({
      start: 6000,
      end: 8000,
    });
  });

  it('answers undefined for a segment that is not there', () => {
    expect(placeDraggedCue(document, 'zz', { start: 0, end: 1 }, 'move', limits)).toBeUndefined();
  });

  it('never overlaps or crowds a neighbour, and lands on frames (property)', () => {
    const kinds: DragKind[] = ['start', 'end', 'move'];
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: -3000, max: 12_000 }),
        fc.integer({ min: -3000, max: 12_000 }),
        fc.constantFrom(24, 25, 29.97, 30),
        (kind, which, a, b, frameRate) => {
          const id = ['a', 'b', 'c'][which] ?? 'a';
          const placed = placeDraggedCue(document, id, { start: a, end: b }, kind, { ...limits, frameRate });
          expect(placed).toBeDefined();
          if (placed === undefined) return;
          expect(placed.end).toBeGreaterThan(placed.start);
          expect(placed.start).toBeGreaterThanOrEqual(0);
          expect(snapToFrame(placed.start, frameRate)).toBe(placed.start);
          expect(snapToFrame(placed.end, frameRate)).toBe(placed.end);
          const index = document.segments.findIndex((s) => s.id === id);
          const before = document.segments[index - 1];
          const after = document.segments[index + 1];
          if (before !== undefined)
            expect(meetsMinimumGap(placed.start - (before.end ?? 0), DEFAULT_RULES, frameRate)).toBe(true);
          if (after !== undefined)
            expect(meetsMinimumGap((after.start ?? 0) - placed.end, DEFAULT_RULES, frameRate)).toBe(true);
        },
      ),
    );
  });
});

import type { Language } from '../languages';
import { readingCharacters, type SubtitleRules } from '../subtitles/rules';

/** A stretch of media time in whole milliseconds. */
export interface Timed {
  readonly start: number;
  readonly end: number;
}

function frameLength(frameRate: number): number {
  if (!(frameRate > 0) || !Number.isFinite(frameRate))
    throw new RangeError(`Frame rate must be positive: ${frameRate}`);
  return 1000 / frameRate;
}

/**
 * The nearest frame boundary, in whole milliseconds.
 *
 * Frame boundaries rarely fall on whole milliseconds (at 24 fps frame 98
 * starts at 4083.33 ms), so the boundary itself is rounded: snapping is
 * idempotent, and two snapped times N frames apart differ by N frames ± 1 ms.
 */
export function snapToFrame(ms: number, frameRate: number): number {
  const frame = frameLength(frameRate);
  // `+ 0` turns -0 (from rounding small negatives) into 0.
  return Math.round(Math.round(ms / frame) * frame) + 0;
}

/**
 * Times consecutive cues across a span, in proportion to how long each takes to read.
 *
 * Each cue's reading time is its characters (as `readingSpeed` counts them)
 * divided by the language's maximum reading speed. The span's first and last
 * frame boundaries bound the cues; consecutive cues are exactly
 * `minGapFrames` frames apart, and the frames between share the rest in
 * proportion to reading time, no cue shorter than the minimum duration. Every
 * time is a frame boundary (see `snapToFrame`). Cues are not capped at the
 * maximum duration: a span with little text stretches its cues, and QA
 * reports the ones that last too long.
 *
 * When the span is too short for every cue's minimum duration (or reading
 * time, if longer) plus the gaps, durations shrink in proportion to those
 * needs, below the minimum if they must; the gaps keep their frames until a
 * cue would get less than one frame, and then shrink too. Cues never overlap
 * and never leave the span. A span without a whole frame inside it (or
 * reversed) gives zero-length cues at its start.
 */
export function autoTime(
  texts: ReadonlyArray<string>,
  span: Timed,
  language: Language,
  rules: SubtitleRules,
  frameRate: number,
): Timed[] {
  const count = texts.length;
  if (count === 0) return [];
  const frame = frameLength(frameRate);
  const first = Math.ceil(span.start / frame - 1e-9);
  const last = Math.floor(span.end / frame + 1e-9);
  if (last < first) return texts.map(() => ({ start: span.start, end: span.start }));
  const available = last - first;
  let gap = Math.max(0, Math.floor(rules.minGapFrames));
  if (available < count + (count - 1) * gap) {
    gap = count > 1 && available >= count ? Math.floor((available - count) / (count - 1)) : 0;
  }
  const durations = distribute(
    texts.map((text) => ((readingCharacters(text) / rules.languages[language].maxCps) * 1000) / frame),
    available - (count - 1) * gap,
    Math.ceil(rules.minDurationMs / frame - 1e-9),
  );
  const times: Timed[] = [];
  let position = first;
  for (const duration of durations) {
    times.push({ start: Math.round(position * frame) + 0, end: Math.round((position + duration) * frame) + 0 });
    position += duration + gap;
  }
  return times;
}

/**
 * Shares whole frames among cues in proportion to their reading times, none below the minimum when possible.
 *
 * When the frames cover every cue's need (its reading time or the minimum,
 * whichever is longer), cues at the minimum are fixed there and the rest is
 * shared by reading time, repeatedly (water filling). Otherwise every cue gets
 * the same fraction of its need. Fractions are resolved by largest remainder,
 * ties to the earlier cue, so the frames add up exactly.
 */
function distribute(readingFrames: ReadonlyArray<number>, frames: number, minimum: number): number[] {
  const count = readingFrames.length;
  const needs = readingFrames.map((reading) => Math.max(reading, minimum));
  const totalNeed = needs.reduce((sum, need) => sum + need, 0);
  let shares: number[];
  if (totalNeed <= frames) {
    const fixed = new Set<number>();
    shares = [];
    for (;;) {
      const free = frames - fixed.size * minimum;
      const open = readingFrames.map((reading, index) => (fixed.has(index) ? 0 : reading));
      const openTotal = open.reduce((sum, reading) => sum + reading, 0);
      const openCount = count - fixed.size;
      shares = readingFrames.map((_, index) => {
        if (fixed.has(index)) return minimum;
        return openTotal > 0 ? (free * (open[index] ?? 0)) / openTotal : free / openCount;
      });
      const short = shares.flatMap((share, index) => (!fixed.has(index) && share < minimum ? [index] : []));
      if (short.length === 0) break;
      for (const index of short) fixed.add(index);
    }
  } else {
    shares = needs.map((need) => (totalNeed > 0 ? (frames * need) / totalNeed : frames / count));
  }
  const whole = shares.map((share) => Math.floor(share + 1e-9));
  let left = frames - whole.reduce((sum, value) => sum + value, 0);
  const order = shares
    .map((share, index) => ({ index, remainder: share - (whole[index] ?? 0) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    whole[index] = (whole[index] ?? 0) + 1;
    left--;
  }
  return whole;
}

/**
 * Moves times by a number of milliseconds; nothing goes below 0.
 *
 * Other fields of each item are kept, so cues can be shifted whole.
 */
export function shiftTimes<T extends Timed>(times: ReadonlyArray<T>, deltaMs: number): T[] {
  return times.map((time) => ({
    ...time,
    start: Math.max(0, time.start + deltaMs),
    end: Math.max(0, time.end + deltaMs),
  }));
}

/**
 * Maps times linearly from one span onto another, e.g. cues timed for 0–90 s onto 2–88 s.
 *
 * Times outside `from` are extrapolated along the same line. Results are
 * whole milliseconds. An empty `from` span cannot be stretched: times are
 * then moved so that `from.start` lands on `to.start`.
 */
export function mapTimes<T extends Timed>(times: ReadonlyArray<T>, from: Timed, to: Timed): T[] {
  const length = from.end - from.start;
  const scale = length === 0 ? 1 : (to.end - to.start) / length;
  const map = (ms: number): number => Math.round(to.start + (ms - from.start) * scale);
  return times.map((time) => ({ ...time, start: map(time.start), end: map(time.end) }));
}

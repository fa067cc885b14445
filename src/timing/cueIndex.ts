import type { Segment } from '../model/project';

/**
 * The timed cues of a transcript in order of start time, for asking "which
 * cue is on screen at this time" and "which cues fall in this stretch" while
 * media plays or a waveform scrolls.
 *
 * Built once per version of the segment list (an edit makes a new list) and
 * kept, so each question is a binary search: playing a 20,000-cue
 * transcript costs no more per frame than playing nine. Excluded rows and
 * rows without both times are not cues.
 */
interface CueIndex {
  /** Positions in the segment list, by start time. */
  readonly order: Int32Array;
  /** Start times, in the same order. */
  readonly starts: Float64Array;
  /** The longest cue, so a search for cues overlapping a time knows how far back to look. */
  readonly longestMs: number;
}

const indexes = new WeakMap<ReadonlyArray<Segment>, CueIndex>();

function isCue(segment: Segment): segment is Segment & { start: number; end: number } {
  return segment.excluded !== true && segment.start !== undefined && segment.end !== undefined;
}

function indexOf(segments: ReadonlyArray<Segment>): CueIndex {
  let index = indexes.get(segments);
  if (index !== undefined) return index;
  const positions: number[] = [];
  let longestMs = 0;
  segments.forEach((segment, position) => {
    if (!isCue(segment)) return;
    positions.push(position);
    longestMs = Math.max(longestMs, segment.end - segment.start);
  });
  // Stable: cues starting together keep their document order.
  positions.sort((a, b) => (segments[a]?.start ?? 0) - (segments[b]?.start ?? 0) || a - b);
  const order = Int32Array.from(positions);
  const starts = Float64Array.from(positions, (position) => segments[position]?.start ?? 0);
  index = { order, starts, longestMs };
  indexes.set(segments, index);
  return index;
}

/** The number of entries of `starts` that are at most `ms`. */
function countStartingBy(starts: Float64Array, ms: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((starts[middle] ?? 0) <= ms) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The position of the cue showing at `ms` (start ≤ ms < end), or -1.
 *
 * When cues overlap, the one that started last wins, as a player shows the
 * newest line.
 */
export function cueAtTime(segments: ReadonlyArray<Segment>, ms: number): number {
  const { order, starts, longestMs } = indexOf(segments);
  for (let at = countStartingBy(starts, ms) - 1; at >= 0; at--) {
    const start = starts[at] ?? 0;
    if (start < ms - longestMs) break;
    const position = order[at] ?? -1;
    const segment = segments[position];
    if (segment?.end !== undefined && ms < segment.end) return position;
  }
  return -1;
}

/** The positions of the cues that overlap `[fromMs, toMs)`, by start time. */
export function cuesBetween(segments: ReadonlyArray<Segment>, fromMs: number, toMs: number): number[] {
  const { order, starts, longestMs } = indexOf(segments);
  const found: number[] = [];
  const last = countStartingBy(starts, toMs - 1e-9);
  for (let at = countStartingBy(starts, fromMs - longestMs - 1); at < last; at++) {
    const position = order[at] ?? -1;
    const segment = segments[position];
    if (segment?.end !== undefined && segment.end > fromMs) found.push(position);
  }
  return found;
}

import type { SubrelayDocument } from '../model/project';
import { meetsMinimumGap, type SubtitleRules } from '../subtitles/rules';
import type { Timed } from './timing';

/** What a drag on the waveform moved: a cue's start edge, its end edge, or the whole cue. */
export type DragKind = 'start' | 'end' | 'move';

export interface DragLimits {
  readonly rules: SubtitleRules;
  readonly frameRate: number;
  /** The media's length: a cue cannot be dragged past it. */
  readonly mediaEndMs?: number | undefined;
}

/**
 * Where a cue dragged on the waveform lands.
 *
 * The times snap to the project's frames; the cue keeps at least one frame
 * of length and the minimum gap (`minGapFrames`) to the cues before and
 * after it (in document order, skipping excluded and untimed rows), so a
 * drag never makes an overlap or reorders cues. A moved cue keeps its
 * length unless the room between its neighbours is shorter. Undefined when
 * the segment is not in the document.
 */
export function placeDraggedCue(
  document: SubrelayDocument,
  segmentId: string,
  wanted: Timed,
  kind: DragKind,
  limits: DragLimits,
): Timed | undefined {
  const { segments } = document;
  const position = segments.findIndex((segment) => segment.id === segmentId);
  const segment = segments[position];
  if (segment === undefined) return undefined;
  const frame = 1000 / limits.frameRate;
  const toFrame = (ms: number): number => Math.round(ms / frame);
  const gap = limits.rules.minGapFrames;
  let previous: number | undefined;
  for (let at = position - 1; at >= 0 && previous === undefined; at--) {
    const other = segments[at];
    if (other !== undefined && other.excluded !== true && other.end !== undefined) previous = other.end;
  }
  let next: number | undefined;
  for (let at = position + 1; at < segments.length && next === undefined; at++) {
    const other = segments[at];
    if (other !== undefined && other.excluded !== true && other.start !== undefined) next = other.start;
  }
  // The first frame far enough after the previous cue, the last one far enough before the next
  // (neighbours typed by hand need not sit on frames).
  const meets = (gapMs: number): boolean => meetsMinimumGap(gapMs, limits.rules, limits.frameRate);
  let low = 0;
  if (previous !== undefined) {
    low = Math.floor(previous / frame) + gap;
    while (!meets(Math.round(low * frame) - previous)) low++;
  }
  let high = Infinity;
  if (next !== undefined) {
    high = Math.ceil(next / frame) - gap;
    while (!meets(next - Math.round(high * frame))) high--;
  }
  if (limits.mediaEndMs !== undefined) high = Math.min(high, Math.floor(limits.mediaEndMs / frame));
  // No room at all between the neighbours: one frame after the previous cue's gap.
  if (high < low + 1) high = low + 1;
  let start = toFrame(wanted.start);
  let end = toFrame(wanted.end);
  const currentStart = segment.start === undefined ? start : toFrame(segment.start);
  const currentEnd = segment.end === undefined ? end : toFrame(segment.end);
  if (kind === 'start') {
    end = Math.min(Math.max(currentEnd, low + 1), high);
    start = Math.min(Math.max(start, low), end - 1);
  } else if (kind === 'end') {
    start = Math.min(Math.max(currentStart, low), high - 1);
    end = Math.max(Math.min(end, high), start + 1);
  } else {
    const length = Math.max(1, Math.min(end - start, high - low));
    start = Math.min(Math.max(start, low), high - length);
    end = start + length;
  }
  return { start: Math.round(start * frame) + 0, end: Math.round(end * frame) + 0 };
}

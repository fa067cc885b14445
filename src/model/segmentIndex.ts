import type { Segment } from './project';

/**
 * Where each segment sits in its document, and what one edit changed.
 *
 * Both are kept per segments array (the model is immutable, so an array is a
 * version of a document). An edit of one segment copies the array and
 * records here which position changed and from which array, so that the
 * index of positions carries over and derived data (QA findings, counts) can
 * update that one row instead of reading the whole document again. Only the
 * newest link is kept (the previous array's own origin is dropped), so the
 * records never chain a document's whole editing history.
 */
export interface SegmentsOrigin {
  readonly previous: ReadonlyArray<Segment>;
  /** Positions whose segment object changed; the length and every other position are the same. */
  readonly changed: ReadonlyArray<number>;
}

const positions = new WeakMap<ReadonlyArray<Segment>, ReadonlyMap<string, number>>();
const origins = new WeakMap<ReadonlyArray<Segment>, SegmentsOrigin>();

/** Builds (once per array) or finds the id → position index. */
function positionsOf(segments: ReadonlyArray<Segment>): ReadonlyMap<string, number> {
  let index = positions.get(segments);
  if (index === undefined) {
    index = new Map(segments.map((segment, position) => [segment.id, position]));
    positions.set(segments, index);
  }
  return index;
}

/** The position of the segment with `id`, or -1; constant time after the first call on a document version. */
export function positionOf(segments: ReadonlyArray<Segment>, id: string): number {
  return positionsOf(segments).get(id) ?? -1;
}

/** What the edit that made `segments` changed, when it was one `replaceAt` (else undefined). */
export function originOf(segments: ReadonlyArray<Segment>): SegmentsOrigin | undefined {
  return origins.get(segments);
}

/**
 * A copy of `segments` with the segment at `position` replaced by one with the same id.
 *
 * The copy shares the position index of the original and records its origin.
 */
export function replaceAt(segments: ReadonlyArray<Segment>, position: number, segment: Segment): Segment[] {
  const current = segments[position];
  if (current === undefined) throw new RangeError(`No segment at position ${position}`);
  if (current.id !== segment.id) throw new Error(`A replaced segment keeps its id (${current.id}, not ${segment.id})`);
  const next = segments.slice();
  next[position] = segment;
  const index = positions.get(segments);
  if (index !== undefined) positions.set(next, index);
  origins.delete(segments);
  origins.set(next, { previous: segments, changed: [position] });
  return next;
}

/**
 * Positions at which two versions of a document differ, when they have the
 * same rows in the same order and at most `limit` rows differ; undefined otherwise.
 *
 * Uses the recorded origin when `after` was made from `before` by one edit,
 * and compares segment identities otherwise (undo, redo, a replace-all).
 */
export function changedPositions(
  before: ReadonlyArray<Segment>,
  after: ReadonlyArray<Segment>,
  limit: number,
): ReadonlyArray<number> | undefined {
  if (before === after) return [];
  const origin = origins.get(after);
  if (origin !== undefined && origin.previous === before) return origin.changed;
  if (before.length !== after.length) return undefined;
  const changed: number[] = [];
  for (let position = 0; position < after.length; position++) {
    const a = before[position];
    const b = after[position];
    if (a === b) continue;
    if (a === undefined || b === undefined || a.id !== b.id || changed.length >= limit) return undefined;
    changed.push(position);
  }
  return changed;
}

import type { Segment } from './project';
import { changedPositions } from './segmentIndex';

/**
 * A sum over a document's rows (uncertain links, statuses) kept up to date
 * edit by edit: a new version of the rows is counted from the last version
 * counted, reading only the rows that changed, unless the rows were added,
 * removed or reordered (then all of them are read once).
 */
export function rowCounter(countRow: (segment: Segment) => number): (segments: ReadonlyArray<Segment>) => number {
  const counted = new WeakMap<ReadonlyArray<Segment>, number>();
  let last: { readonly segments: ReadonlyArray<Segment>; readonly total: number } | undefined;
  return (segments) => {
    const known = counted.get(segments);
    if (known !== undefined) return known;
    const changed = last === undefined ? undefined : changedPositions(last.segments, segments, 256);
    let total: number;
    if (last !== undefined && changed !== undefined) {
      total = last.total;
      for (const position of changed) {
        const before = last.segments[position];
        const after = segments[position];
        total += (after === undefined ? 0 : countRow(after)) - (before === undefined ? 0 : countRow(before));
      }
    } else {
      total = 0;
      for (const segment of segments) total += countRow(segment);
    }
    counted.set(segments, total);
    last = { segments, total };
    return total;
  };
}

/**
 * The band of the alignment matrix that the dynamic programme visits.
 *
 * Cell (i, j) means "the first i source and first j target sentences are
 * aligned". Row i of the band holds columns `lo[i]..hi[i]`; both bounds are
 * non-decreasing and consecutive rows overlap, so the band always contains a
 * monotone path from (0, 0) to (n, m) made of 1–0 and 0–1 steps. Storage is
 * `(n + 1) × stride` cells, with `stride` the widest row: memory grows with
 * the band, not with n × m.
 */
export interface Band {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly stride: number;
  readonly halfWidth: number;
}

/** A bead as the band sees it: half-open ranges, start (i0, j0) and end (i1, j1). */
export interface PathStep {
  readonly i0: number;
  readonly j0: number;
  readonly i1: number;
  readonly j1: number;
}

/**
 * The columns a centre line crosses in each row, widened by `halfWidth`, and made monotone and connected.
 */
export function bandAround(centreLo: Int32Array, centreHi: Int32Array, columns: number, halfWidth: number): Band {
  const rows = centreLo.length - 1;
  const lo = new Int32Array(rows + 1);
  const hi = new Int32Array(rows + 1);
  for (let i = 0; i <= rows; i++) {
    lo[i] = Math.max(0, (centreLo[i] ?? 0) - halfWidth);
    hi[i] = Math.min(columns, (centreHi[i] ?? 0) + halfWidth);
  }
  lo[0] = 0;
  hi[rows] = columns;
  for (let i = 1; i <= rows; i++) hi[i] = Math.max(hi[i] ?? 0, hi[i - 1] ?? 0);
  for (let i = rows - 1; i >= 0; i--) lo[i] = Math.min(lo[i] ?? 0, lo[i + 1] ?? 0);
  // Rows must overlap so that a 1–0 step can always go down.
  for (let i = rows; i >= 1; i--) if ((lo[i] ?? 0) > (hi[i - 1] ?? 0)) lo[i] = hi[i - 1] ?? 0;
  let stride = 1;
  for (let i = 0; i <= rows; i++) stride = Math.max(stride, (hi[i] ?? 0) - (lo[i] ?? 0) + 1);
  return { lo, hi, stride, halfWidth };
}

/**
 * The diagonal that follows the texts' lengths: row i is centred where the target has covered the same share of its
 * characters as the first i source sentences.
 *
 * Each sentence counts one extra character so that empty sentences still move
 * the diagonal and a side made only of empty sentences still has one.
 */
export function lengthDiagonal(
  sourcePrefix: Float64Array,
  targetPrefix: Float64Array,
): { readonly lo: Int32Array; readonly hi: Int32Array } {
  const rows = sourcePrefix.length - 1;
  const columns = targetPrefix.length - 1;
  const sourceTotal = (sourcePrefix[rows] ?? 0) + rows;
  const targetTotal = (targetPrefix[columns] ?? 0) + columns;
  const lo = new Int32Array(rows + 1);
  const hi = new Int32Array(rows + 1);
  let j = 0;
  for (let i = 0; i <= rows; i++) {
    const share = ((sourcePrefix[i] ?? 0) + i) / sourceTotal;
    while (j < columns && ((targetPrefix[j + 1] ?? 0) + j + 1) / targetTotal <= share) j++;
    lo[i] = j;
    hi[i] = j < columns && ((targetPrefix[j] ?? 0) + j) / targetTotal < share ? j + 1 : j;
  }
  lo[0] = 0;
  hi[0] = Math.max(hi[0] ?? 0, 0);
  lo[rows] = Math.min(lo[rows] ?? columns, columns);
  hi[rows] = columns;
  return { lo, hi };
}

/** The columns a path occupies in each row; rows inside a many-row bead take the bead's whole span. */
export function pathCentre(
  path: ReadonlyArray<PathStep>,
  rows: number,
): { readonly lo: Int32Array; readonly hi: Int32Array } {
  const lo = new Int32Array(rows + 1).fill(0x7fffffff);
  const hi = new Int32Array(rows + 1).fill(-1);
  const mark = (i: number, j: number): void => {
    if (j < (lo[i] ?? 0)) lo[i] = j;
    if (j > (hi[i] ?? 0)) hi[i] = j;
  };
  for (const step of path) {
    mark(step.i0, step.j0);
    mark(step.i1, step.j1);
    for (let i = step.i0 + 1; i < step.i1; i++) {
      mark(i, step.j0);
      mark(i, step.j1);
    }
  }
  if (path.length === 0) {
    lo.fill(0);
    hi.fill(0);
  }
  return { lo, hi };
}

/**
 * Whether a path runs along the band's edge anywhere inside the matrix.
 *
 * A path that touches the edge may have been pushed there by the band, so
 * the caller widens the band and aligns again.
 */
export function touchesEdge(band: Band, path: ReadonlyArray<PathStep>, columns: number): boolean {
  const at = (i: number, j: number): boolean => {
    const lo = band.lo[i] ?? 0;
    const hi = band.hi[i] ?? 0;
    return (j <= lo && lo > 0) || (j >= hi && hi < columns);
  };
  for (const step of path) if (at(step.i0, step.j0) || at(step.i1, step.j1)) return true;
  return false;
}

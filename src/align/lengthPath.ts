import type { Band, PathStep } from './band';
import type { SideFeatures } from './features';
import { beadPrior, lengthCost } from './galeChurch';
import type { LengthModel } from './galeChurch';

/** Local alias: see the note in `bandAligner.ts` on imports in loops. */
const costOfLength = lengthCost;

/** What leaving a marker line unlinked costs, as in the final pass (see `BandAligner`). */
const MARKER_UNLINKED = 1;
const FROM_LEFT = 1;
const FROM_ABOVE = 2;
const FROM_DIAGONAL = 3;

/**
 * The first pass: a Viterbi path over lengths alone, with 1–1, 1–0 and 0–1 beads.
 *
 * Its only job is to say where the alignment runs, so that the full model
 * can work in a narrow band around it; for that, lengths are enough (they
 * are what hunalign and Gale–Church align with) and a merge may show as a 1–1
 * bead beside a 1–0 bead, one cell away from the truth. It costs one length
 * lookup per cell, so it can afford a band wide enough for the drift of long
 * documents. The 1–0 and 0–1 beads pay their prior only, as in the full model, and marker lines (see
 * `isMarkerLine`) link only each other.
 */
export function lengthPath(source: SideFeatures, target: SideFeatures, model: LengthModel, band: Band): PathStep[] {
  const n = source.count;
  const m = target.count;
  const { lo, hi, stride } = band;
  const sourceLength = source.lengthPrefix;
  const targetLength = target.lengthPrefix;
  const scale = 1 / model.ratio;
  const variance = model.variance;
  const link = -Math.log(beadPrior(1, 1));
  const skip = -Math.log(beadPrior(1, 0));
  const targetMarkers = target.markers;
  const cost = new Float64Array((n + 1) * stride).fill(Infinity);
  const back = new Uint8Array((n + 1) * stride);
  for (let i = 0; i <= n; i++) {
    const rowLo = lo[i] ?? 0;
    const rowHi = hi[i] ?? 0;
    const row = i * stride - rowLo;
    const upLo = i > 0 ? (lo[i - 1] ?? 0) : 0;
    const upHi = i > 0 ? (hi[i - 1] ?? 0) : -1;
    const up = (i - 1) * stride - upLo;
    const sourceHere = i > 0 ? (sourceLength[i] ?? 0) - (sourceLength[i - 1] ?? 0) : 0;
    const sourceMarker = i > 0 && source.markers[i - 1] === 1;
    for (let j = rowLo; j <= rowHi; j++) {
      if (i === 0 && j === 0) {
        cost[row] = 0;
        continue;
      }
      let best = Infinity;
      let from = 0;
      if (j > rowLo) {
        const left = (cost[row + j - 1] ?? Infinity) + (targetMarkers[j - 1] === 1 ? MARKER_UNLINKED : skip);
        if (left < best) {
          best = left;
          from = FROM_LEFT;
        }
      }
      if (i > 0 && j >= upLo && j <= upHi) {
        const above = (cost[up + j] ?? Infinity) + (sourceMarker ? MARKER_UNLINKED : skip);
        if (above < best) {
          best = above;
          from = FROM_ABOVE;
        }
      }
      if (i > 0 && j > 0 && j - 1 >= upLo && j - 1 <= upHi) {
        const previous = cost[up + j - 1] ?? Infinity;
        if (previous !== Infinity && sourceMarker === (targetMarkers[j - 1] === 1)) {
          const targetHere = ((targetLength[j] ?? 0) - (targetLength[j - 1] ?? 0)) * scale;
          const diagonal = previous + link + costOfLength(sourceHere, targetHere, variance);
          if (diagonal < best) {
            best = diagonal;
            from = FROM_DIAGONAL;
          }
        }
      }
      cost[row + j] = best;
      back[row + j] = from;
    }
  }
  const path: PathStep[] = [];
  for (let i = n, j = m; i > 0 || j > 0;) {
    const from = back[i * stride + j - (lo[i] ?? 0)] ?? 0;
    if (from === 0) throw new Error(`no path reaches (${i}, ${j}) inside the band`);
    const i0 = from === FROM_LEFT ? i : i - 1;
    const j0 = from === FROM_ABOVE ? j : j - 1;
    path.push({ i0, j0, i1: i, j1: j });
    i = i0;
    j = j0;
  }
  return path.reverse();
}

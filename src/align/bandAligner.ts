import type { Band, PathStep } from './band';
import { PUNCTUATION_CLASSES } from './anchors';
import type { SideFeatures } from './features';
import { beadPrior, lengthCost } from './galeChurch';
import type { LengthModel } from './galeChurch';

/**
 * The dynamic programme over a band: bead costs, a forward pass, and a backward pass for posteriors.
 *
 * Costs are in nats. A bead of a source and b target sentences costs
 *
 *     −log prior(a, b) + length cost − anchor evidence + garble + paragraph mismatch
 *
 * (garble: see `garbleCost`), where 1–0 and 0–1 beads pay their prior only (as in Moore 2002: an
 * unlinked sentence is not a length mismatch, which is what lets the aligner
 * leave a page's furniture alone instead of gluing it to a neighbour).
 *
 * Anchor evidence of a bead counts each key once per bead even when it occurs
 * in several of the bead's sentences ("Kursk" in two neighbours must not make
 * a 2–2 bead look better than two 1–1 beads). A key is counted at the first
 * sentence of the bead that has it: every key of the bead's first sentence,
 * keys of its second sentence absent from the first, keys of the third absent
 * from both. So for every sentence pair the aligner keeps nine sums over their
 * shared keys, one per (source freshness, target freshness) level (see
 * `SideFeatures.keyFresh`), and a bead adds, for each of its sentence pairs,
 * the sum matching the pair's offsets into the bead. This is exact for beads
 * of up to three sentences a side. The sums live in a ring of the last
 * `maxBeadSize` rows, so memory stays proportional to the band.
 */

/**
 * Local aliases of imported bindings used in the inner loop: some module
 * loaders (tsx, vitest) turn every use of an import into a getter call, which
 * costs more than the rest of a bead's cost.
 */
const CLASSES = PUNCTUATION_CLASSES;
const costOfLength = lengthCost;

/** Punctuation: a shared mark is worth WEIGHT, an unmatched one costs PENALTY. */
const PUNCTUATION_WEIGHT = 1;
const PUNCTUATION_PENALTY = 0.4;
/** Paragraphs (only when both sides give them): a bead that opens a paragraph on one side only, or spans a break. */
const PARAGRAPH_START_MISMATCH = 1.5;
const PARAGRAPH_INNER_MISMATCH = 2;
/**
 * Marker lines (see `isMarkerLine`): two markers link at the 1–1 prior alone; a marker left unlinked costs this
 * much, less than a sentence (−log 0.0099 ≈ 4.6) since one side often marks paragraphs the other does not; a bead
 * that mixes a marker with anything else is impossible.
 */
const MARKER_UNLINKED = 1;
const NO_BEAD = 255;
/** Freshness levels squared: sums kept per sentence pair. */
const LEVELS = 9;

/** One bead of a path with what the passes learnt about it. */
export interface ScoredStep extends PathStep {
  /** P(bead | texts) under the model, from the forward–backward pass; 1 after a hard pass. */
  readonly posterior: number;
  /** Anchor evidence minus length and paragraph costs (0 for 1–0 and 0–1 beads). */
  readonly evidence: number;
}

export interface PassResult {
  readonly path: ReadonlyArray<ScoredStep>;
}

/**
 * The bead shapes allowed: 1–0, 0–1, and every a–b with 1 ≤ a, b ≤ maxBeadSize and a + b ≤ max(4, maxBeadSize + 1).
 *
 * With the default 3 that is 1–1, 1–2, 2–1, 2–2, 1–3 and 3–1: 2–3, 3–2 and
 * 3–3 would cost as much time as all the others together for beads whose
 * priors are 10⁻³ and below.
 */
export function beadShapes(maxBeadSize: number): ReadonlyArray<readonly [number, number]> {
  const shapes: Array<readonly [number, number]> = [
    [1, 0],
    [0, 1],
  ];
  const widest = Math.max(4, maxBeadSize + 1);
  for (let size = 2; size <= widest; size++) {
    for (let a = 1; a <= maxBeadSize; a++) {
      const b = size - a;
      if (b >= 1 && b <= maxBeadSize) shapes.push([a, b]);
    }
  }
  return shapes;
}

/** Fields of a run: sums over `size` consecutive sentences of one side (see `sideRuns`). */
const FIELDS = 12;
const LENGTH = 0;
const PENALTY = 1;
const GARBLE = 2;
const MARK_TOTAL = 3;
const MARKS = 4;
const INNER_BREAKS = 9;
const OPENS_PARAGRAPH = 10;
const MARKER_COUNT = 11;

/**
 * Sums over every run of 1..maxBead consecutive sentences of one side, at `(start · maxBead + size − 1) · FIELDS`.
 *
 * A bead is a source run and a target run; the same run takes part in every
 * bead shape and every cell it can, so its sums are computed once per document
 * instead of once per bead. Lengths are multiplied by `scale` (1 for the
 * source, 1 / ratio for the target). Penalties count each key once, at its
 * first sentence in the run (see `SideFeatures.keyFresh`).
 */
function sideRuns(
  side: SideFeatures,
  maxBead: number,
  scale: number,
  lexical: boolean,
  paragraphs: boolean,
): Float64Array {
  const count = side.count;
  const runs = new Float64Array(Math.max(1, count * maxBead * FIELDS));
  const { lengthPrefix, garblePrefix, penaltyFull, penaltyFresh, penaltyNewPrefix, punctuationPrefix } = side;
  const starts = paragraphs ? side.paragraphStart : undefined;
  const breaks = paragraphs ? side.paragraphPrefix : undefined;
  for (let start = 0; start < count; start++) {
    for (let size = 1; size <= maxBead && start + size <= count; size++) {
      const end = start + size;
      const at = (start * maxBead + size - 1) * FIELDS;
      runs[at + LENGTH] = ((lengthPrefix[end] ?? 0) - (lengthPrefix[start] ?? 0)) * scale;
      let markers = 0;
      for (let x = start; x < end; x++) markers += side.markers[x] ?? 0;
      runs[at + MARKER_COUNT] = markers;
      if (!lexical) continue;
      let penalty = penaltyFull[start] ?? 0;
      if (size >= 2) penalty += penaltyFresh[start + 1] ?? 0;
      if (size >= 3) penalty += (penaltyNewPrefix[end] ?? 0) - (penaltyNewPrefix[start + 2] ?? 0);
      runs[at + PENALTY] = penalty;
      runs[at + GARBLE] = (garblePrefix[end] ?? 0) - (garblePrefix[start] ?? 0);
      let total = 0;
      for (let c = 0; c < CLASSES; c++) {
        const marks = (punctuationPrefix[end * CLASSES + c] ?? 0) - (punctuationPrefix[start * CLASSES + c] ?? 0);
        runs[at + MARKS + c] = marks;
        total += marks;
      }
      runs[at + MARK_TOTAL] = total;
      if (starts !== undefined && breaks !== undefined) {
        runs[at + INNER_BREAKS] = (breaks[end] ?? 0) - (breaks[start + 1] ?? 0);
        runs[at + OPENS_PARAGRAPH] = starts[start] ?? 0;
      }
    }
  }
  return runs;
}

/** e^−x for x in [0, EXP_LIMIT), by linear interpolation in a table of step 1/32 (relative error < 2·10⁻⁴). */
const EXP_LIMIT = 20;
const EXP_STEPS = 32;
const EXP_TABLE = Float64Array.from({ length: EXP_LIMIT * EXP_STEPS + 2 }, (_, index) => Math.exp(-index / EXP_STEPS));

/**
 * e^−gap for the soft-min: the passes take one per bead shape and cell, and
 * `Math.exp` was a third of their time. Terms below e^−20 are dropped.
 */
function expNegative(gap: number): number {
  if (gap >= EXP_LIMIT) return 0;
  const position = gap * EXP_STEPS;
  const index = Math.floor(position);
  const low = EXP_TABLE[index] ?? 0;
  return low + ((EXP_TABLE[index + 1] ?? 0) - low) * (position - index);
}

/**
 * Aligns two packed sides inside a band.
 *
 * One instance serves one pass; `run` may be called again with a wider band.
 * The pair ring has a power-of-two number of rows so that a row finds its
 * slot with a mask instead of a division. A soft pass keeps each bead's cost
 * from the forward pass (as float32: the soft-min needs no more) so that the
 * backward pass only adds and exponentiates.
 */
export class BandAligner {
  private readonly n: number;
  private readonly m: number;
  private readonly shapeA: Int32Array;
  private readonly shapeB: Int32Array;
  private readonly priorCost: Float64Array;
  private readonly variance: number;
  private readonly maxBead: number;
  private readonly paragraphs: boolean;
  private readonly sourceRuns: Float64Array;
  private readonly targetRuns: Float64Array;
  // The pair ring (see the module comment): `ringMask + 1` rows of `ringWidth` cells of LEVELS sums.
  private ring = new Float64Array(0);
  private ringBase = new Int32Array(0);
  private ringWidth = 0;
  private readonly ringMask: number;
  private band: Band | undefined;

  constructor(
    private readonly source: SideFeatures,
    private readonly target: SideFeatures,
    model: LengthModel,
    maxBeadSize: number,
    private readonly lexical = true,
  ) {
    this.n = source.count;
    this.m = target.count;
    const shapes = beadShapes(maxBeadSize);
    this.shapeA = Int32Array.from(shapes, ([a]) => a);
    this.shapeB = Int32Array.from(shapes, ([, b]) => b);
    this.priorCost = Float64Array.from(shapes, ([a, b]) => -Math.log(beadPrior(a, b)));
    this.variance = model.variance;
    this.maxBead = maxBeadSize;
    let rows = 1;
    while (rows < maxBeadSize) rows *= 2;
    this.ringMask = rows - 1;
    this.paragraphs = source.paragraphStart !== undefined && target.paragraphStart !== undefined;
    this.sourceRuns = sideRuns(source, maxBeadSize, 1, lexical, this.paragraphs);
    this.targetRuns = sideRuns(target, maxBeadSize, 1 / model.ratio, lexical, this.paragraphs);
  }

  /**
   * Aligns inside `band`: Viterbi when `soft` is false; otherwise a forward pass
   * with soft-min (log-sum-exp) and a backward pass for bead posteriors.
   *
   * The path follows, from (n, m) back, each cell's most probable last bead.
   */
  run(band: Band, soft: boolean): PassResult {
    this.band = band;
    const { n, m, shapeA, shapeB, priorCost, maxBead, lexical } = this;
    const { lo, hi, stride } = band;
    this.ringWidth = stride + 2 * maxBead + 1;
    this.ring = new Float64Array((this.ringMask + 1) * this.ringWidth * LEVELS);
    this.ringBase = new Int32Array(this.ringMask + 1).fill(-0x40000000);
    const cells = (n + 1) * stride;
    const alpha = new Float64Array(cells).fill(Infinity);
    const back = new Uint8Array(cells).fill(NO_BEAD);
    const shapes = shapeA.length;
    // Cost of the bead of shape k ending at cell c, at c · shapes + k (soft passes only).
    const costs = soft ? new Float32Array(cells * shapes) : new Float32Array(0);
    const totals = new Float64Array(shapes);

    for (let i = 0; i <= n; i++) {
      if (i > 0 && lexical) this.fillPairRow(i);
      const rowLo = lo[i] ?? 0;
      const rowHi = hi[i] ?? 0;
      const rowBase = i * stride - rowLo;
      for (let j = rowLo; j <= rowHi; j++) {
        if (i === 0 && j === 0) {
          alpha[rowBase + j] = 0;
          continue;
        }
        const cell = rowBase + j;
        let best = Infinity;
        let bestShape = NO_BEAD;
        let found = 0;
        for (let k = 0; k < shapes; k++) {
          const a = shapeA[k] ?? 0;
          const b = shapeB[k] ?? 0;
          const pi = i - a;
          const pj = j - b;
          if (pi < 0 || pj < 0) continue;
          const prevLo = lo[pi] ?? 0;
          if (pj < prevLo || pj > (hi[pi] ?? 0)) continue;
          const previous = alpha[pi * stride + pj - prevLo] ?? Infinity;
          if (previous === Infinity) continue;
          let cost = priorCost[k] ?? 0;
          if (a !== 0 && b !== 0) cost -= this.linkEvidence(a, b, pi, pj);
          else if ((a === 0 ? this.target.markers[pj] : this.source.markers[pi]) === 1) cost = MARKER_UNLINKED;
          if (soft) costs[cell * shapes + k] = cost;
          const total = previous + cost;
          totals[found++] = total;
          if (total < best) {
            best = total;
            bestShape = k;
          }
        }
        if (soft && found > 1) {
          let sum = 0;
          for (let f = 0; f < found; f++) sum += expNegative((totals[f] ?? 0) - best);
          best -= Math.log(sum);
        }
        alpha[cell] = best;
        back[cell] = bestShape;
      }
    }

    const steps: PathStep[] = [];
    const shapeAt: number[] = [];
    for (let i = n, j = m; i > 0 || j > 0;) {
      const k = back[i * stride + j - (lo[i] ?? 0)] ?? NO_BEAD;
      if (k === NO_BEAD) throw new Error(`no path reaches (${i}, ${j}) inside the band`);
      const i0 = i - (shapeA[k] ?? 0);
      const j0 = j - (shapeB[k] ?? 0);
      steps.push({ i0, j0, i1: i, j1: j });
      shapeAt.push(k);
      i = i0;
      j = j0;
    }
    steps.reverse();
    shapeAt.reverse();

    if (!soft) return { path: steps.map((step) => ({ ...step, posterior: 1, evidence: 0 })) };
    const posteriors = this.backward(alpha, costs, steps, shapeAt);
    return {
      path: steps.map((step, index) => {
        const k = shapeAt[index] ?? 0;
        const cell = step.i1 * stride + step.j1 - (lo[step.i1] ?? 0);
        const links = step.i1 > step.i0 && step.j1 > step.j0;
        return {
          ...step,
          posterior: posteriors[index] ?? 0,
          evidence: links ? (priorCost[k] ?? 0) - (costs[cell * shapes + k] ?? 0) : 0,
        };
      }),
    };
  }

  /** Backward soft-min pass over the forward pass's bead costs, in a ring of rows; returns each path bead's posterior. */
  private backward(
    alpha: Float64Array,
    costs: Float32Array,
    steps: ReadonlyArray<PathStep>,
    shapeAt: ReadonlyArray<number>,
  ): Float64Array {
    const band = this.requireBand();
    const { n, m, shapeA, shapeB, maxBead } = this;
    const { lo, hi, stride } = band;
    const slots = maxBead + 1;
    const beta = new Float64Array(slots * stride);
    const betaBase = new Int32Array(slots);
    const shapes = shapeA.length;
    const totals = new Float64Array(shapes);
    const result = new Float64Array(steps.length);
    const logTotal = alpha[n * stride + m - (lo[n] ?? 0)] ?? 0;
    let next = steps.length - 1;

    for (let i = n; i >= 0; i--) {
      const slot = i % slots;
      const rowLo = lo[i] ?? 0;
      const rowHi = hi[i] ?? 0;
      betaBase[slot] = rowLo;
      beta.fill(Infinity, slot * stride, slot * stride + stride);
      for (let j = rowHi; j >= rowLo; j--) {
        if (i === n && j === m) {
          beta[slot * stride + j - rowLo] = 0;
          continue;
        }
        // A cell the forward pass never reached carries no path: its beads have no cost kept.
        if ((alpha[i * stride + j - rowLo] ?? Infinity) === Infinity) continue;
        let best = Infinity;
        let found = 0;
        for (let k = 0; k < shapes; k++) {
          const ni = i + (shapeA[k] ?? 0);
          const nj = j + (shapeB[k] ?? 0);
          if (ni > n || nj > m) continue;
          const nextLo = lo[ni] ?? 0;
          if (nj < nextLo || nj > (hi[ni] ?? 0)) continue;
          const nextSlot = ni % slots;
          const after = beta[nextSlot * stride + nj - (betaBase[nextSlot] ?? 0)] ?? Infinity;
          if (after === Infinity) continue;
          const total = after + (costs[(ni * stride + nj - nextLo) * shapes + k] ?? 0);
          totals[found++] = total;
          if (total < best) best = total;
        }
        if (found > 1) {
          let sum = 0;
          for (let f = 0; f < found; f++) sum += expNegative((totals[f] ?? 0) - best);
          best -= Math.log(sum);
        }
        beta[slot * stride + j - rowLo] = best;
      }
      while (next >= 0 && (steps[next]?.i0 ?? -1) === i) {
        const step = steps[next];
        const k = shapeAt[next] ?? 0;
        if (step !== undefined) {
          const endSlot = step.i1 % slots;
          const after = beta[endSlot * stride + step.j1 - (betaBase[endSlot] ?? 0)] ?? Infinity;
          const before = alpha[step.i0 * stride + step.j0 - rowLo] ?? Infinity;
          const cost = costs[(step.i1 * stride + step.j1 - (lo[step.i1] ?? 0)) * shapes + k] ?? 0;
          const posterior = Math.exp(logTotal - before - cost - after);
          result[next] = Number.isFinite(posterior) ? Math.min(1, Math.max(0, posterior)) : 0;
        }
        next--;
      }
    }
    return result;
  }

  private requireBand(): Band {
    if (this.band === undefined) throw new Error('BandAligner.run sets the band first');
    return this.band;
  }

  /**
   * Computes the shared-key sums of source sentence `row − 1` with every target sentence the band may pair it with.
   *
   * Sum `3 · ls + lt` counts the shared keys whose freshness is at least `ls`
   * in the source sentence and at least `lt` in the target sentence.
   */
  private fillPairRow(row: number): void {
    const band = this.requireBand();
    const slot = row & this.ringMask;
    const base = (band.lo[row] ?? 0) - this.maxBead;
    this.ringBase[slot] = base;
    const width = this.ringWidth;
    const ring = this.ring;
    const offset = slot * width * LEVELS;
    ring.fill(0, offset, offset + width * LEVELS);
    const { source, target } = this;
    const x = row - 1;
    const sStart = source.keyOffsets[x] ?? 0;
    const sEnd = source.keyOffsets[x + 1] ?? 0;
    if (sStart === sEnd) return;
    const sKeys = source.keys;
    const sValues = source.keyValues;
    const sFresh = source.keyFresh;
    const tKeys = target.keys;
    const tValues = target.keyValues;
    const tFresh = target.keyFresh;
    const tOffsets = target.keyOffsets;
    const first = Math.max(1, base);
    const last = Math.min(this.m, (band.hi[row] ?? 0) + this.maxBead, base + width - 1);
    for (let column = first; column <= last; column++) {
      const y = column - 1;
      let t = tOffsets[y] ?? 0;
      const tEnd = tOffsets[y + 1] ?? 0;
      if (t === tEnd) continue;
      let s = sStart;
      const at = offset + (column - base) * LEVELS;
      while (s < sEnd && t < tEnd) {
        const sk = sKeys[s] ?? 0;
        const tk = tKeys[t] ?? 0;
        if (sk < tk) s++;
        else if (sk > tk) t++;
        else {
          const value = (sValues[s] ?? 0) + (tValues[t] ?? 0);
          const sourceLevel = sFresh[s] ?? 0;
          const targetLevel = tFresh[t] ?? 0;
          for (let ls = 0; ls <= sourceLevel; ls++) {
            for (let lt = 0; lt <= targetLevel; lt++) ring[at + 3 * ls + lt] = (ring[at + 3 * ls + lt] ?? 0) + value;
          }
          s++;
          t++;
        }
      }
    }
  }

  /**
   * Anchors, punctuation and legibility, minus the length cost and paragraph mismatches, of the bead of a source and
   * b target sentences starting at cell (i0, j0), a, b ≥ 1.
   *
   * Reads the pair ring, so rows i0 + 1 .. i0 + a must be filled.
   */
  private linkEvidence(a: number, b: number, i0: number, j0: number): number {
    const s = this.sourceRuns;
    const t = this.targetRuns;
    const maxBead = this.maxBead;
    const so = (i0 * maxBead + a - 1) * FIELDS;
    const to = (j0 * maxBead + b - 1) * FIELDS;
    const sourceMarkers = s[so + MARKER_COUNT] ?? 0;
    const targetMarkers = t[to + MARKER_COUNT] ?? 0;
    if (sourceMarkers !== 0 || targetMarkers !== 0)
      return a === 1 && b === 1 && sourceMarkers === 1 && targetMarkers === 1 ? 0 : -Infinity;
    let score = -costOfLength(s[so + LENGTH] ?? 0, t[to + LENGTH] ?? 0, this.variance);
    if (!this.lexical) return score;

    // Shared keys, each counted at the first sentence of the bead that has it.
    const ring = this.ring;
    const ringBase = this.ringBase;
    const width = this.ringWidth;
    const mask = this.ringMask;
    const i1 = i0 + a;
    const j1 = j0 + b;
    for (let x = i0; x < i1; x++) {
      const slot = (x + 1) & mask;
      const rowStart = slot * width;
      const base = (ringBase[slot] ?? 0) - 1;
      const sourceLevel = x === i0 ? 0 : x === i0 + 1 ? 3 : 6;
      for (let y = j0; y < j1; y++) {
        const index = y - base;
        if (index < 0 || index >= width) continue;
        score += ring[(rowStart + index) * LEVELS + sourceLevel + (y === j0 ? 0 : y === j0 + 1 ? 1 : 2)] ?? 0;
      }
    }
    score -= (s[so + PENALTY] ?? 0) + (t[to + PENALTY] ?? 0) + (s[so + GARBLE] ?? 0) + (t[to + GARBLE] ?? 0);
    if ((s[so + MARK_TOTAL] ?? 0) !== 0 || (t[to + MARK_TOTAL] ?? 0) !== 0) {
      for (let c = MARKS; c < MARKS + CLASSES; c++) {
        const inSource = s[so + c] ?? 0;
        const inTarget = t[to + c] ?? 0;
        const matched = inSource < inTarget ? inSource : inTarget;
        score += (PUNCTUATION_WEIGHT + 2 * PUNCTUATION_PENALTY) * matched - PUNCTUATION_PENALTY * (inSource + inTarget);
      }
    }
    if (this.paragraphs) {
      if (s[so + OPENS_PARAGRAPH] !== t[to + OPENS_PARAGRAPH]) score -= PARAGRAPH_START_MISMATCH;
      score -= PARAGRAPH_INNER_MISMATCH * Math.abs((s[so + INNER_BREAKS] ?? 0) - (t[to + INNER_BREAKS] ?? 0));
    }
    return score;
  }
}

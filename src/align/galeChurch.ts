/**
 * The Gale–Church (1993) length model, with the ratio and variance read from the texts.
 *
 * Gale and Church observed that the length of a translation is close to a
 * constant multiple `c` of the original's, with a variance growing linearly
 * with length. A bead whose source and target lengths are `s` and `t` is scored
 * by δ = (t/c − s) / √(σ² · (s + t/c) / 2), and costs −log P(|Δ| ≥ |δ|) under a
 * standard normal, i.e. −log erfc(|δ|/√2) (here with a heavier tail, see
 * `lengthCost`). The reference constants assume
 * English–German (c ≈ 1); English–Korean has c ≈ 0.48 (a Hangul syllable holds
 * about three Latin letters) and Ukrainian–Russian a far smaller variance, so
 * both are estimated from the texts: `c` from total lengths, then both `c` and
 * σ² again from the first pass's confident 1–1 beads. Target lengths are
 * divided by `c` so that σ² is in source characters and the formula is
 * symmetric in the two sides.
 */

/** Gale and Church's bead priors, as the issue gives them; wider beads get small, decreasing priors. */
export function beadPrior(sourceSize: number, targetSize: number): number {
  const low = Math.min(sourceSize, targetSize);
  const high = Math.max(sourceSize, targetSize);
  if (low === 1 && high === 1) return 0.89;
  if (low === 0 && high === 1) return 0.0099;
  if (low === 1 && high === 2) return 0.089;
  if (low === 2 && high === 2) return 0.011;
  if (low === 1 && high === 3) return 0.005;
  if (low === 0) return 1e-6;
  return 0.001 * Math.pow(0.1, low + high - 5);
}

/** Gale and Church's reference variance, used before the texts have told us theirs. */
export const REFERENCE_VARIANCE = 6.8;

/** The largest σ² believed. */
export const MAX_VARIANCE = 60;
/**
 * The smallest σ² the final pass uses. Estimates below it come from the length
 * pass keeping only the pairs whose lengths fit (see `windowVariance`); with
 * σ² = 0.6, two paragraphs of a Romanian translation whose lengths erred in
 * opposite directions cost more as two 1–1 beads than as one 2–2.
 */
export const MIN_VARIANCE = 1.5;

/** The median of a χ²(1) variable: turns the median squared residual into a variance. */
const CHI_SQUARE_MEDIAN = 0.45494;

/**
 * −log erfc(x) for x ≥ 0, in closed form so that it never underflows.
 *
 * Numerical Recipes' Chebyshev fit of erfc (fractional error below 1.2e-7)
 * is already written as t·exp(polynomial); taking its logarithm costs one
 * `Math.log` and no `Math.exp`, which matters in the aligner's inner loop.
 */
export function negativeLogErfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const polynomial =
    -x * x -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return -(Math.log(t) + polynomial);
}

/** Share and width of the wide component of the length model (see `lengthCost`). */
const OUTLIER_SHARE = 0.1;
const OUTLIER_WIDTH = 3;
const TABLE_STEP = 0.01;
const TABLE_LIMIT = 40;

/** −log P(|Δ| ≥ |δ|) for the mixture, computed exactly. */
function mixtureTailCost(delta: number): number {
  const narrow = -negativeLogErfc(delta * Math.SQRT1_2);
  const wide = -negativeLogErfc((delta / OUTLIER_WIDTH) * Math.SQRT1_2);
  // log((1 − ε)·e^narrow + ε·e^wide), factored around the larger (wide) term.
  return -(wide + Math.log(OUTLIER_SHARE + (1 - OUTLIER_SHARE) * Math.exp(narrow - wide)));
}

const TAIL_TABLE = Float64Array.from({ length: TABLE_LIMIT / TABLE_STEP + 2 }, (_, index) =>
  mixtureTailCost(index * TABLE_STEP),
);

/**
 * The length cost of a bead, in nats: −log P(|Δ| ≥ |δ|).
 *
 * `targetLength` must already be divided by the length ratio. Zero at δ = 0.
 * Δ is Gale and Church's standard normal mixed with a 10% share of a normal
 * three times as wide. Some translations are far shorter or longer than their
 * original (a compressed quote, a glossed acronym); under a pure normal one
 * such sentence costs so much that gluing it to a neighbour into a 2–2 bead
 * looks cheaper. The mixture's tail grows like (δ/3)²/2 instead of δ²/2, and
 * it is read from a table (step 0.01) because the aligner calls it millions
 * of times.
 */
export function lengthCost(sourceLength: number, targetLength: number, variance: number): number {
  const mean = (sourceLength + targetLength) * 0.5;
  const delta = Math.abs(targetLength - sourceLength) / Math.sqrt(variance * (mean > 1 ? mean : 1));
  if (delta >= TABLE_LIMIT) return mixtureTailCost(delta);
  const position = delta / TABLE_STEP;
  const index = Math.floor(position);
  const low = TAIL_TABLE[index] ?? 0;
  return low + ((TAIL_TABLE[index + 1] ?? low) - low) * (position - index);
}

/** A length ratio and variance: the two parameters of the model. */
export interface LengthModel {
  /** Target characters per source character. */
  readonly ratio: number;
  /** σ², in source characters. */
  readonly variance: number;
}

/** The ratio of total lengths, or 1 when either side is empty. */
export function globalRatio(sourceTotal: number, targetTotal: number): number {
  return sourceTotal > 0 && targetTotal > 0 ? targetTotal / sourceTotal : 1;
}

/**
 * Re-estimates the ratio and variance from pairs of lengths believed to be translations.
 *
 * Robust in two steps, because the pairs come from a first pass that is
 * sometimes wrong: a first ratio is the median of the pairs' ratios; pairs
 * whose squared residual exceeds nine times the median one are dropped; the
 * ratio is then the ratio of sums of the rest (long sentences weigh more, as
 * they should), and the variance the median squared residual of all pairs
 * (already robust; the median of the kept ones would be biased low) over the
 * χ²(1) median. With few pairs the variance is shrunk towards the reference
 * so that a five-sentence document cannot claim a variance of nearly zero.
 * The variance is kept within [0.5, 60].
 */
export function estimateLengthModel(
  sourceLengths: ReadonlyArray<number>,
  targetLengths: ReadonlyArray<number>,
  fallback: LengthModel,
): LengthModel {
  const pairs: Array<readonly [number, number]> = [];
  for (let i = 0; i < Math.min(sourceLengths.length, targetLengths.length); i++) {
    const s = sourceLengths[i] ?? 0;
    const t = targetLengths[i] ?? 0;
    if (s > 0 && t > 0) pairs.push([s, t]);
  }
  if (pairs.length < 3) return fallback;
  const firstRatio = median(pairs.map(([s, t]) => t / s));
  const residuals = pairs.map(([s, t]) => squaredResidual(s, t, firstRatio));
  const limit = 9 * median(residuals);
  const kept = pairs.filter((_, index) => (residuals[index] ?? 0) <= limit);
  let sourceSum = 0;
  let targetSum = 0;
  for (const [s, t] of kept) {
    sourceSum += s;
    targetSum += t;
  }
  const ratio = sourceSum > 0 && targetSum > 0 ? targetSum / sourceSum : firstRatio;
  const estimate = median(pairs.map(([s, t]) => squaredResidual(s, t, ratio))) / CHI_SQUARE_MEDIAN;
  const prior = 5;
  const shrunk = (pairs.length * estimate + prior * REFERENCE_VARIANCE) / (pairs.length + prior);
  return { ratio, variance: Math.min(MAX_VARIANCE, Math.max(0.5, shrunk)) };
}

/** Beads per window in `windowVariance`, and the fewest windows it trusts. */
const MIN_WINDOWS = 12;
const WINDOW_BEADS = 4;

/**
 * σ² read from windows of consecutive beads of a path rather than from its 1–1 beads alone.
 *
 * The 1–1 beads a length-only pass chooses are the pairs whose lengths fit:
 * where two neighbours' lengths disagree in opposite directions it prefers a
 * 2–2 bead, so the 1–1 beads it keeps understate the variance (about 2
 * against Gale and Church's 6.8), which in turn makes 2–2 beads look better
 * than they are. Over a window of several beads the totals do not depend on
 * how the window's inside was cut, only on its two ends, so their residuals
 * show the variance the pass smoothed away. `boundaries` are the path's
 * cumulative (source, target) lengths at each bead boundary; windows with an
 * empty side are skipped, and the median squared residual over the χ²(1)
 * median is robust to the windows whose ends are wrong. Returns undefined
 * with fewer than five windows.
 */
export function windowVariance(
  sourceEnds: ReadonlyArray<number>,
  targetEnds: ReadonlyArray<number>,
  ratio: number,
): number | undefined {
  const residuals: number[] = [];
  for (let start = 0; start + WINDOW_BEADS < sourceEnds.length; start += WINDOW_BEADS) {
    const end = start + WINDOW_BEADS;
    const s = (sourceEnds[end] ?? 0) - (sourceEnds[start] ?? 0);
    const t = (targetEnds[end] ?? 0) - (targetEnds[start] ?? 0);
    if (s > 0 && t > 0) residuals.push(squaredResidual(s, t, ratio));
  }
  if (residuals.length < MIN_WINDOWS) return undefined;
  return median(residuals) / CHI_SQUARE_MEDIAN;
}

function squaredResidual(source: number, target: number, ratio: number): number {
  const scaled = target / ratio;
  const mean = Math.max(1, (source + scaled) / 2);
  return ((scaled - source) * (scaled - source)) / mean;
}

function median(values: ReadonlyArray<number>): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

import type { Language } from '../languages';
import type { PathStep } from './band';
import type { Band } from './band';
import { bandAround, lengthDiagonal, pathCentre, touchesEdge } from './band';
import type { ScoredStep } from './bandAligner';
import { BandAligner } from './bandAligner';
import { learnDictionary } from './dictionary';
import { lengthPath } from './lengthPath';
import type { SideFeatures } from './features';
import {
  GARBLE_COST,
  buildSideFeatures,
  keyCounts,
  learnedPenalties,
  prepareForPairing,
  withExtraKeys,
  paragraphsWithMarkers,
  withPenalties,
} from './features';
import { profileOf } from './profile';
import type { LengthModel } from './galeChurch';
import {
  MAX_VARIANCE,
  MIN_VARIANCE,
  REFERENCE_VARIANCE,
  estimateLengthModel,
  globalRatio,
  windowVariance,
} from './galeChurch';

/**
 * Sentence alignment without a dictionary: Gale–Church lengths, anchors, and a learnt lexicon, in a band.
 *
 * Method, in order:
 *
 * 1. Analysis (`anchors.ts`, `features.ts`). Each sentence gets its length in
 *    characters and a set of anchors that survive translation: number values
 *    normalised across "12,000", "12 тисяч" and "1만 2000"; months and
 *    weekdays; Latin-script words, acronyms, handles and URLs copied verbatim;
 *    consonant skeletons of proper names across Latin, Cyrillic and Hangul
 *    ("Zelensky" = "Зеленський" = "젤렌스키" = SLNSK, `transliterate.ts`);
 *    the punctuation that ends a clause; counts of quotation marks, brackets,
 *    ellipses, ? and !; and the share of the sentence written in its
 *    language's script (noise and mojibake score low and are not linked
 *    willingly). Anchors shared by many sentences of the other side weigh less.
 * 2. First pass (`lengthPath.ts`): a Viterbi path over lengths alone (1–1,
 *    1–0, 0–1 beads, c = target characters / source characters, the
 *    reference variance 6.8) in a band around the diagonal that follows the
 *    two texts' cumulative lengths (`band.ts`). It only locates the
 *    alignment, so it can afford a band wide enough for long documents.
 * 3. Estimation. The first path's 1–1 beads between two other 1–1 beads are
 *    taken as correct: c and σ² are re-estimated from them robustly
 *    (`galeChurch.ts`; σ² also from windows of the path's beads, and never
 *    below 1.5, since the pairs a length pass keeps understate it), and,
 *    unless `realign` is false, a dictionary of co-occurring word stems is
 *    learnt from them (`dictionary.ts`), whose pairs become anchors too.
 *    When a side's language is unknown (`profile.ts`: the letters do not
 *    confirm its label), the penalty for each kind of anchor missing on the
 *    other side is learnt from the same pairs as −log(1 − r), r the rate at
 *    which that kind reappears (`learnedPenalties`).
 * 4. Final pass (`bandAligner.ts`) in a narrow band around the first path,
 *    with every bead shape up to `maxBeadSize`: cost = −log prior + Gale–Church
 *    length cost − anchor evidence + paragraph mismatches (when both sides
 *    give paragraphs), where 1–0 and 0–1 beads pay their prior only. A
 *    forward pass with soft-min (log-sum-exp) instead of min, a backward
 *    pass, and the path that follows each cell's most probable last bead.
 *
 * Marker lines (empty lines, `<p>`, a lone ¶: `isMarkerLine`) link only to
 * each other, cost little to leave unlinked, are never part of a larger bead,
 * and start a paragraph (`paragraphsWithMarkers`). The anchors a sentence
 * lacks on the other side cost at most 3.5 nats per sentence, so that linking
 * two long sentences never costs more than leaving both unlinked only because
 * they are long.
 *
 * In both passes, when the path touches the band's edge the band is doubled
 * around that path and the pass runs again (`stats.passes` counts every run).
 *
 * Confidence of a bead = posterior × support × legibility.
 * - The posterior P(bead | texts) comes from the forward–backward pass: the
 *   summed probability of every alignment in the band that contains this
 *   exact bead. It is low wherever the model sees competing explanations: an
 *   omission that could also be a merge, a sentence that fits two places.
 * - The support says whether the bead is backed by positive evidence, since a
 *   bead can be the only candidate and still be wrong (an unrelated sentence
 *   in the right place): σ(E + 2), where E is the bead's anchor evidence minus
 *   its length and paragraph costs, in nats. A 1–1 bead of plausible lengths
 *   sharing a name or a number scores above 0.9; one whose lengths disagree
 *   by three standard deviations and that shares nothing, about 0.2.
 * - The legibility is 1 minus the garble cost of the bead's sentences over
 *   its maximum: text that is not in its language's script is never trusted.
 * - A 1–0 or 0–1 bead links nothing, so its support is 0.5: an omission or an
 *   insertion always deserves a reviewer's look, however sure the aligner is
 *   that it is one.
 *
 * Cost: analysis is linear in the text; each pass is O(n · band · shapes)
 * time and O(n · band) memory: path costs in a Float64Array and
 * back-pointers in a Uint8Array per cell, the final pass's bead costs in a
 * Float32Array per cell and shape (for its backward pass), anchor sums in a
 * ring of a few rows. Nothing is n × m.
 */

export interface AlignSide {
  readonly texts: ReadonlyArray<string>;
  readonly language: Language;
  /** Paragraph number of each text; used only when both sides give them. */
  readonly paragraphs?: ReadonlyArray<number> | undefined;
}

/** Source sentences `[sourceStart, sourceEnd)` translate target sentences `[targetStart, targetEnd)`. */
export interface Bead {
  readonly sourceStart: number;
  readonly sourceEnd: number;
  readonly targetStart: number;
  readonly targetEnd: number;
  readonly confidence: number;
}

export interface AlignOptions {
  /** Largest number of sentences on one side of a bead (default 3). */
  readonly maxBeadSize?: number;
  /** Initial half-width of the band in sentences (default grows with √n). */
  readonly band?: number;
  /** Learn a dictionary from the first pass and align again with it (default true). */
  readonly realign?: boolean;
}

export interface Alignment {
  readonly beads: ReadonlyArray<Bead>;
  readonly stats: {
    /** Target characters per source character, as finally estimated. */
    readonly lengthRatio: number;
    /** The widest band half-width any pass needed. */
    readonly band: number;
    /** Dynamic-programming passes run, re-runs after widening included. */
    readonly passes: number;
  };
}

/** Support of a 1–0 or 0–1 bead (see the module comment). */
const UNLINKED_SUPPORT = 0.5;
/** Evidence, in nats, at which a linking bead's support is one half. */
const SUPPORT_MIDPOINT = -2;
/** The final pass starts this narrow around the first path. */
const FINAL_HALF_WIDTH = 6;

/** The default initial band: wide enough for the drift that √n sentences of length noise produce. */
export function defaultBand(sourceCount: number, targetCount: number): number {
  return 16 + Math.ceil(0.3 * Math.sqrt(Math.max(sourceCount, targetCount)));
}

function unlinkedOnly(sourceCount: number, targetCount: number): Alignment {
  const beads: Bead[] = [];
  for (let i = 0; i < sourceCount; i++) {
    beads.push({ sourceStart: i, sourceEnd: i + 1, targetStart: 0, targetEnd: 0, confidence: UNLINKED_SUPPORT });
  }
  for (let j = 0; j < targetCount; j++) {
    beads.push({
      sourceStart: sourceCount,
      sourceEnd: sourceCount,
      targetStart: j,
      targetEnd: j + 1,
      confidence: UNLINKED_SUPPORT,
    });
  }
  return { beads, stats: { lengthRatio: 1, band: 0, passes: 0 } };
}

interface BandedResult<Step extends PathStep> {
  readonly path: ReadonlyArray<Step>;
  readonly runs: number;
  readonly halfWidth: number;
}

/** Runs one pass, doubling the band around the last path for as long as the path touches its edge. */
function pathInBand<Step extends PathStep>(
  pass: (band: Band) => ReadonlyArray<Step>,
  centre: { readonly lo: Int32Array; readonly hi: Int32Array },
  halfWidth: number,
  sourceCount: number,
  targetCount: number,
): BandedResult<Step> {
  const widest = Math.max(sourceCount, targetCount);
  let width = Math.max(1, Math.min(halfWidth, widest));
  let around = centre;
  for (let runs = 1; ; runs++) {
    const band = bandAround(around.lo, around.hi, targetCount, width);
    const path = pass(band);
    if (width >= widest || !touchesEdge(band, path, targetCount)) return { path, runs, halfWidth: width };
    around = pathCentre(path, sourceCount);
    width = Math.min(widest, width * 2);
  }
}

function lengthOf(side: SideFeatures, start: number, end: number): number {
  return (side.lengthPrefix[end] ?? 0) - (side.lengthPrefix[start] ?? 0);
}

/** 1–1 beads flanked by 1–1 beads (or a document edge): what the first pass most likely got right. */
function trustedPairs(path: ReadonlyArray<PathStep>): Array<readonly [number, number]> {
  const isOneToOne = (step: PathStep | undefined): boolean =>
    step === undefined || (step.i1 - step.i0 === 1 && step.j1 - step.j0 === 1);
  const pairs: Array<readonly [number, number]> = [];
  path.forEach((step, index) => {
    if (
      step.i1 - step.i0 === 1 &&
      step.j1 - step.j0 === 1 &&
      isOneToOne(path[index - 1]) &&
      isOneToOne(path[index + 1])
    ) {
      pairs.push([step.i0, step.j0]);
    }
  });
  return pairs;
}

function confidenceOf(step: ScoredStep, source: SideFeatures, target: SideFeatures): number {
  const links = step.i1 > step.i0 && step.j1 > step.j0;
  if (!links) return Math.min(1, Math.max(0, step.posterior * UNLINKED_SUPPORT));
  // Two marker lines: nothing to read, only where they sit.
  if (source.markers[step.i0] === 1 && target.markers[step.j0] === 1) return Math.min(1, Math.max(0, step.posterior));
  const support = 1 / (1 + Math.exp(-(step.evidence - SUPPORT_MIDPOINT)));
  const garble =
    (source.garblePrefix[step.i1] ?? 0) -
    (source.garblePrefix[step.i0] ?? 0) +
    (target.garblePrefix[step.j1] ?? 0) -
    (target.garblePrefix[step.j0] ?? 0);
  const legible = Math.max(0, 1 - garble / GARBLE_COST);
  return Math.min(1, Math.max(0, step.posterior * support * legible));
}

/**
 * Aligns the sentences of a text with those of its translation.
 *
 * Pure and deterministic. Beads cover every source and target index exactly
 * once, in order; `align([], [])` has no beads.
 */
export function align(source: AlignSide, target: AlignSide, options: AlignOptions = {}): Alignment {
  const sourceCount = source.texts.length;
  const targetCount = target.texts.length;
  if (sourceCount === 0 || targetCount === 0) return unlinkedOnly(sourceCount, targetCount);
  const maxBeadSize = Math.max(1, Math.min(8, Math.floor(options.maxBeadSize ?? 3)));
  const initialWidth = Math.max(1, Math.floor(options.band ?? defaultBand(sourceCount, targetCount)));
  // Marker lines start paragraphs (see `paragraphsWithMarkers`).
  const sourceParagraphs = paragraphsWithMarkers(source.texts, source.paragraphs);
  const targetParagraphs = paragraphsWithMarkers(target.texts, target.paragraphs);
  const useParagraphs = sourceParagraphs !== undefined && targetParagraphs !== undefined;
  const sourceSide = { ...source, paragraphs: sourceParagraphs };
  const targetSide = { ...target, paragraphs: targetParagraphs };

  const sourceProfile = profileOf(source.texts, source.language);
  const targetProfile = profileOf(target.texts, target.language);
  const forSource = { own: sourceProfile, other: targetProfile };
  const forTarget = { own: targetProfile, other: sourceProfile };
  // The Korean side is built second: knowing the other side's keys, it keeps few of its word skeletons.
  let sourceFeatures: SideFeatures;
  let targetFeatures: SideFeatures;
  if (sourceProfile.script === 'hangul' && targetProfile.script !== 'hangul') {
    targetFeatures = buildSideFeatures(targetSide, source.language, useParagraphs, undefined, forTarget);
    sourceFeatures = buildSideFeatures(
      sourceSide,
      target.language,
      useParagraphs,
      keyCounts(targetFeatures),
      forSource,
    );
  } else {
    sourceFeatures = buildSideFeatures(sourceSide, target.language, useParagraphs, undefined, forSource);
    targetFeatures = buildSideFeatures(
      targetSide,
      source.language,
      useParagraphs,
      keyCounts(sourceFeatures),
      forTarget,
    );
  }
  const globalModel: LengthModel = {
    ratio: globalRatio(sourceFeatures.lengthPrefix[sourceCount] ?? 0, targetFeatures.lengthPrefix[targetCount] ?? 0),
    variance: REFERENCE_VARIANCE,
  };

  // First pass: lengths only, in a wide band (see lengthPath).
  const first = pathInBand(
    (band) => lengthPath(sourceFeatures, targetFeatures, globalModel, band),
    lengthDiagonal(sourceFeatures.lengthPrefix, targetFeatures.lengthPrefix),
    initialWidth,
    sourceCount,
    targetCount,
  );

  // Marker lines are left out first, so that the beads on either side of one count as neighbours.
  const isMarkerStep = (step: PathStep): boolean =>
    (step.i1 === step.i0 || sourceFeatures.markers[step.i0] === 1) &&
    (step.j1 === step.j0 || targetFeatures.markers[step.j0] === 1);
  const trusted = trustedPairs(first.path.filter((step) => !isMarkerStep(step)));
  const pairModel = estimateLengthModel(
    trusted.map(([x]) => lengthOf(sourceFeatures, x, x + 1)),
    trusted.map(([, y]) => lengthOf(targetFeatures, y, y + 1)),
    globalModel,
  );
  const windowed = windowVariance(
    [0, ...first.path.map((step) => sourceFeatures.lengthPrefix[step.i1] ?? 0)],
    [0, ...first.path.map((step) => targetFeatures.lengthPrefix[step.j1] ?? 0)],
    pairModel.ratio,
  );
  const model: LengthModel = {
    ratio: pairModel.ratio,
    variance: Math.min(MAX_VARIANCE, Math.max(pairModel.variance, windowed ?? 0, MIN_VARIANCE)),
  };
  // Penalties for missing anchors: hand-set for the four languages (tuned on them), learnt from the texts as soon as
  // one side's language is unknown (see `learnedPenalties`).
  // Learnt for known pairs too (tried for issue 12), en-ko.garbled rose from F 0.970 to 1.000 but en-ko.insertion
  // without paragraphs fell from 1.000 to 0.961, with priors of 20, 80 or 320 observations alike; UDHR and the
  // synthetic corpus did not change. So known pairs keep the hand-set penalties.
  if (trusted.length > 0 && (sourceProfile.language === undefined || targetProfile.language === undefined)) {
    const reversed = trusted.map(([x, y]) => [y, x] as const);
    const sourcePenalties = learnedPenalties(sourceFeatures, targetFeatures, trusted);
    const targetPenalties = learnedPenalties(targetFeatures, sourceFeatures, reversed);
    sourceFeatures = withPenalties(sourceFeatures, sourcePenalties);
    targetFeatures = withPenalties(targetFeatures, targetPenalties);
  }
  if (options.realign ?? true) {
    const dictionary = learnDictionary(sourceFeatures, targetFeatures, trusted);
    if (dictionary.size > 0) {
      sourceFeatures = withExtraKeys(sourceFeatures, dictionary.sourceKeys);
      targetFeatures = withExtraKeys(targetFeatures, dictionary.targetKeys);
    }
  }

  const aligner = new BandAligner(
    prepareForPairing(sourceFeatures, targetFeatures),
    prepareForPairing(targetFeatures, sourceFeatures),
    model,
    maxBeadSize,
  );
  const final = pathInBand(
    (band) => aligner.run(band, true).path,
    pathCentre(first.path, sourceCount),
    Math.min(initialWidth, FINAL_HALF_WIDTH),
    sourceCount,
    targetCount,
  );

  return {
    beads: final.path.map((step) => ({
      sourceStart: step.i0,
      sourceEnd: step.i1,
      targetStart: step.j0,
      targetEnd: step.j1,
      confidence: confidenceOf(step, sourceFeatures, targetFeatures),
    })),
    stats: {
      lengthRatio: model.ratio,
      band: Math.max(first.halfWidth, final.halfWidth),
      passes: first.runs + final.runs,
    },
  };
}

import { align, type Bead } from '../align/align';
import { buildSideFeatures, keyCounts, prepareForPairing, type SideFeatures } from '../align/features';
import { beadPrior, lengthCost } from '../align/galeChurch';
import { PUNCTUATION_CLASSES } from '../align/anchors';
import { LANGUAGES, type Language } from '../languages';
import { mergeSegmentPair } from '../model/edit';
import type { Project, Segment, SubrelayDocument } from '../model/project';
import { segmentText } from '../segment/sentences';
import { checkProjectLimits } from './projectLimits';
import { UsecaseError } from './usecaseError';

/**
 * Aligning a translation into one column of a document, as a plan the translator reviews, then applies.
 *
 * The rules (issue 10): aligning fills the chosen column only. It never
 * merges, splits or deletes rows on its own, never crosses an excluded row
 * (page furniture), and never empties a filled cell unless the request says
 * `replace`. A translation that covers part of the document is aligned to the
 * stretch it covers, found first; rows outside it stay exactly as they were.
 * Whatever would reshape the document (a 2–1 link's merge, a sentence with no
 * counterpart's new row) is a proposal, applied only when accepted; rows the
 * translation leaves out are listed as omissions.
 */

export interface AlignIntoColumnRequest {
  readonly documentId: string;
  /** The column to fill. */
  readonly language: Language;
  /** A filled column to align against. */
  readonly pivot: Language;
  /** The translation (decoded text). */
  readonly text: string;
  /** One segment per line. */
  readonly presegmented: boolean;
  /** Also empty covered cells that get no sentence (default false in the UI and the CLI). */
  readonly replace: boolean;
}

export type AlignProposal =
  /** One sentence covers several adjacent rows (never across an excluded row): accepted, the rows become one. */
  | {
      readonly kind: 'merge';
      readonly id: string;
      readonly segmentIds: ReadonlyArray<string>;
      readonly text: string;
    }
  /** A sentence with no counterpart: accepted, it gets a row of its own after `afterSegmentId` (null: first). */
  | { readonly kind: 'newRow'; readonly id: string; readonly afterSegmentId: string | null; readonly text: string }
  /** A covered row that gets no sentence (information only). */
  | { readonly kind: 'omission'; readonly id: string; readonly segmentId: string };

export interface AlignFill {
  readonly segmentId: string;
  readonly text: string;
  readonly confidence: number;
  /** The cell's text before, so a report can show what changed. */
  readonly previous: string;
}

export interface AlignPlan {
  readonly documentId: string;
  readonly language: Language;
  readonly pivot: Language;
  /** Sentences (or lines) the translation was cut into. */
  readonly sentences: number;
  /** Segment ids of the covered stretch; null when no row was linked. */
  readonly covered: { readonly first: string; readonly last: string } | null;
  readonly fills: ReadonlyArray<AlignFill>;
  readonly proposals: ReadonlyArray<AlignProposal>;
  /**
   * Other stretches the translation fits nearly as well (segment ids), for the review to show.
   *
   * Empty when the place is clear. When not, every fill is flagged (low
   * confidence): a sentence or two that share nothing with the rows can
   * fit several places by their lengths alone.
   */
  readonly alternatives: ReadonlyArray<{ readonly first: string; readonly last: string }>;
}

/** Progress and cancellation of `planAlignment`, for a long document. */
export interface AlignRunOptions {
  /** Called now and then with the share of the work done, from 0 to 1. */
  readonly onProgress?: (done: number) => void;
  /** Checked as often as progress is reported: once `aborted`, `planAlignment` throws `AlignCancelled`. */
  readonly signal?: { readonly aborted: boolean };
}

/** `planAlignment` stopped because its signal was aborted. */
export class AlignCancelled extends Error {
  constructor() {
    super('The alignment was cancelled');
    this.name = 'AlignCancelled';
  }
}

/** Reports progress and stops when cancelled, at the points the work allows. */
class Progress {
  constructor(private readonly options: AlignRunOptions) {}

  check(done: number): void {
    if (this.options.signal?.aborted === true) throw new AlignCancelled();
    this.options.onProgress?.(Math.max(0, Math.min(1, done)));
  }

  /** The work is done: reports 1, even if cancelled meanwhile (too late to stop). */
  finish(): void {
    this.options.onProgress?.(1);
  }
}

/** Confidence given to a cell that holds one side of a 1–2 or 2–1 link, so the review reaches it. */
const FLAGGED_CONFIDENCE = 0.4;

/**
 * Rough characters per English character, used when the project has too few
 * rows filled in both languages to measure the ratio itself.
 */
const DENSITY: Readonly<Record<Language, number>> = { en: 1, ko: 0.45, uk: 1.05, ru: 1.05 };

interface LaneRow {
  readonly id: string;
  /** Index in the document's segments. */
  readonly index: number;
  readonly text: string;
  readonly paragraph: number;
  readonly filled: boolean;
  /** The text already in the column being filled. */
  readonly existing: string;
}

interface Sentences {
  readonly texts: ReadonlyArray<string>;
  readonly paragraphs: ReadonlyArray<number> | undefined;
}

function sentencesOf(text: string, language: Language, presegmented: boolean): Sentences {
  if (presegmented) {
    const lines = text
      .replace(/^\uFEFF/u, '')
      .split(/\r\n?|\n/u)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    return { texts: lines, paragraphs: undefined };
  }
  const sentences = segmentText(text, language);
  return { texts: sentences.map((s) => s.text), paragraphs: sentences.map((s) => s.paragraph) };
}

function documentOf(project: Project, documentId: string): SubrelayDocument {
  const document = project.documents.find((d) => d.id === documentId);
  if (document === undefined) throw new UsecaseError({ code: 'unknown-document', params: { id: documentId } });
  return document;
}

/** Target characters per pivot character, measured on the project's rows that have both, else a rough default. */
function lengthRatio(project: Project, pivot: Language, language: Language): number {
  let pivotChars = 0;
  let languageChars = 0;
  let rows = 0;
  for (const document of project.documents) {
    for (const segment of document.segments) {
      const a = segment.texts[pivot].trim().length;
      const b = segment.texts[language].trim().length;
      if (a === 0 || b === 0) continue;
      pivotChars += a;
      languageChars += b;
      rows++;
    }
  }
  if (rows >= 3 && pivotChars > 0) return languageChars / pivotChars;
  return DENSITY[language] / DENSITY[pivot];
}

interface Window {
  readonly start: number;
  readonly size: number;
}

/** Variance of target length per source character (Gale and Church's 6.8). */
const LENGTH_VARIANCE = 6.8;

/**
 * How well a source and a target length agree at the project's ratio, from 0 to 1.
 *
 * Gale and Church's deviation; within one standard deviation it costs
 * nothing, beyond it the agreement falls as a Gaussian.
 */
function lengthAgreement(source: number, target: number, ratio: number): number {
  const safeSource = Math.max(1, source);
  const deviation =
    Math.abs(target - safeSource * ratio) / Math.sqrt(safeSource * LENGTH_VARIANCE * Math.max(ratio, 0.05));
  return Math.exp(-(Math.max(0, deviation - 1) ** 2) / 2);
}

/** Agreement a single row or sentence must reach, and the group's must stay under, for a link to be split. */
const SPLIT_SINGLE = 0.5;
const SPLIT_GROUP = 0.2;

/**
 * Splits a many-to-one link whose lengths only agree for one of its members.
 *
 * On a handful of sentences the aligner readily explains a left-out row as
 * a 2–1 link (a001 and a002 with a001's sentence, though a002 was left out):
 * when one row alone agrees with the sentence's length and the group does
 * not, that row gets the sentence and the others none; likewise for one row
 * with several sentences, where the others become sentences of their own.
 */
function repairBeads(
  beads: ReadonlyArray<Bead>,
  rowLengths: ReadonlyArray<number>,
  targetLengths: ReadonlyArray<number>,
  ratio: number,
): Bead[] {
  const sum = (lengths: ReadonlyArray<number>, from: number, to: number): number => {
    let total = 0;
    for (let k = from; k < to; k++) total += lengths[k] ?? 0;
    return total;
  };
  const repaired: Bead[] = [];
  for (const bead of beads) {
    const sources = bead.sourceEnd - bead.sourceStart;
    const targets = bead.targetEnd - bead.targetStart;
    const group = lengthAgreement(
      sum(rowLengths, bead.sourceStart, bead.sourceEnd),
      sum(targetLengths, bead.targetStart, bead.targetEnd),
      ratio,
    );
    if (group >= SPLIT_GROUP || !((sources >= 2 && targets === 1) || (sources === 1 && targets >= 2))) {
      repaired.push(bead);
      continue;
    }
    const manyRows = sources >= 2;
    const [from, to] = manyRows ? [bead.sourceStart, bead.sourceEnd] : [bead.targetStart, bead.targetEnd];
    let best = -1;
    let bestAgreement = 0;
    for (let k = from; k < to; k++) {
      const agreement = manyRows
        ? lengthAgreement(rowLengths[k] ?? 0, targetLengths[bead.targetStart] ?? 0, ratio)
        : lengthAgreement(rowLengths[bead.sourceStart] ?? 0, targetLengths[k] ?? 0, ratio);
      if (agreement > bestAgreement) {
        best = k;
        bestAgreement = agreement;
      }
    }
    if (bestAgreement < SPLIT_SINGLE) {
      repaired.push(bead);
      continue;
    }
    for (let k = from; k < to; k++) {
      const linked = k === best;
      const confidence = linked ? bead.confidence * bestAgreement : 0.5;
      repaired.push(
        manyRows
          ? {
              sourceStart: k,
              sourceEnd: k + 1,
              targetStart: linked ? bead.targetStart : k < best ? bead.targetStart : bead.targetEnd,
              targetEnd: linked ? bead.targetEnd : k < best ? bead.targetStart : bead.targetEnd,
              confidence,
            }
          : {
              sourceStart: linked ? bead.sourceStart : k < best ? bead.sourceStart : bead.sourceEnd,
              sourceEnd: linked ? bead.sourceEnd : k < best ? bead.sourceStart : bead.sourceEnd,
              targetStart: k,
              targetEnd: k + 1,
              confidence,
            },
      );
    }
  }
  return repaired;
}

/** Character pairs of a text, counted, for a quick likeness of two texts in one language. */
function bigrams(text: string): Map<string, number> {
  const flat = text.toLowerCase().replace(/\s+/gu, ' ').trim();
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < flat.length; i++) {
    const pair = flat.slice(i, i + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** Dice's coefficient of two bigram counts: 1 for the same text, near 0.2 for unrelated sentences. */
function likeness(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [pair, count] of a) {
    shared += Math.min(count, b.get(pair) ?? 0);
    total += count;
  }
  for (const count of b.values()) total += count;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Likeness below which a cell's old text says nothing about a new sentence. */
const LIKENESS_FLOOR = 0.4;

/** Scores an alignment of some of the lane's rows with the translation; see `makeScorer`. */
type Scorer = (beads: ReadonlyArray<Bead>, rows: ReadonlyArray<LaneRow>) => number;

/**
 * How well an alignment links its two sides.
 *
 * The sum, over linking beads, of the aligner's confidence, halved for
 * many-to-one links, times how well the bead's lengths agree with the
 * project's own length ratio; plus, where the column already has text (a
 * revised translation pasted over drafts), how much a row's old text is like
 * the sentence it gets. On a few sentences the aligner estimates the ratio
 * from those few alone and readily explains a left-out row as a 2–1 link, or
 * pairs unrelated sentences of similar length; the project's ratio (measured
 * over every row that has both languages) is the steadier guide. A deviation
 * of one standard deviation costs nothing; beyond, the factor falls as a
 * Gaussian.
 */
function makeScorer(sentences: Sentences, ratio: number): Scorer {
  const targetLengths = sentences.texts.map((text) => text.length);
  const targetPairs = sentences.texts.map(bigrams);
  const rowPairs = new Map<string, Map<string, number>>();
  const pairsOfRow = (row: LaneRow): Map<string, number> => {
    let pairs = rowPairs.get(row.id);
    if (pairs === undefined) {
      pairs = bigrams(row.existing);
      rowPairs.set(row.id, pairs);
    }
    return pairs;
  };
  return (beads, rows) => {
    let total = 0;
    for (const bead of beads) {
      const sources = bead.sourceEnd - bead.sourceStart;
      const targets = bead.targetEnd - bead.targetStart;
      if (sources === 0 || targets === 0) continue;
      let source = 0;
      for (let k = bead.sourceStart; k < bead.sourceEnd; k++) source += rows[k]?.text.length ?? 0;
      source = Math.max(1, source);
      let target = 0;
      for (let k = bead.targetStart; k < bead.targetEnd; k++) target += targetLengths[k] ?? 0;
      const agreement = lengthAgreement(source, target, ratio);
      total += (sources === 1 && targets === 1 ? bead.confidence : bead.confidence / 2) * agreement;
      const row = rows[bead.sourceStart];
      const pairs = targetPairs[bead.targetStart];
      if (sources === 1 && targets === 1 && row !== undefined && row.existing !== '' && pairs !== undefined) {
        total += Math.max(0, likeness(pairsOfRow(row), pairs) - LIKENESS_FLOOR) / (1 - LIKENESS_FLOOR);
      }
    }
    return total;
  };
}

/**
 * Whether the translation is about as long as the whole lane, so that the stretch is the lane.
 *
 * The stretch is about as long as the translation (by characters, at the
 * project's length ratio, or by its sentence count if that is more); when
 * twice that reaches the lane's length, there is no stretch to look for.
 */
function coversNearlyAll(lane: ReadonlyArray<LaneRow>, sentences: Sentences, ratio: number): boolean {
  const n = lane.length;
  const targetChars = sentences.texts.reduce((sum, text) => sum + text.length, 0);
  const laneChars = lane.reduce((sum, row) => sum + row.text.length, 0);
  const meanRow = Math.max(1, laneChars / n);
  const expected = Math.max(1, Math.round(targetChars / Math.max(0.05, ratio) / meanRow));
  const span = Math.max(expected, sentences.texts.length);
  return 2 * span + 2 >= n;
}

/** −log of Gale and Church's priors, for the search's bead shapes. */
const ONE_TO_ONE = -Math.log(beadPrior(1, 1));
const ONE_TO_TWO = -Math.log(beadPrior(1, 2));
const UNLINKED = -Math.log(beadPrior(1, 0));

/** What two sentences' missing anchors cost at most: the aligner caps one sentence's at 3.5 nats (`features.ts`). */
const PAIR_PENALTY_CAP = 7;

/** Nats a cell's old text adds to a link when it is the sentence word for word (scaled down to 0 at the floor). */
const LIKENESS_WEIGHT = 10;
/** Word-set likeness (Dice) below which a cell's old text says nothing about a new sentence. */
const WORD_LIKENESS_FLOOR = 0.2;

/** Another stretch within this many nats of the best is a real alternative: the place is uncertain. */
const AMBIGUITY_MARGIN = 2.5;
/** At most this many alternative stretches are listed. */
const MAX_ALTERNATIVES = 3;

/** What a punctuation mark shared by a row and a sentence is worth, and what one missing costs (as `bandAligner.ts`). */
const PUNCTUATION_WEIGHT = 1;
const PUNCTUATION_PENALTY = 0.4;

/**
 * Rows × sentences the stretch search takes whole; a longer translation is placed by its first and last sentences.
 *
 * 20,000 rows × 2,000 sentences would be 40 million cells; its first and
 * last 200 sentences place it as surely in a tenth of the time.
 */
const FULL_SEARCH_CELLS = 8_000_000;
/** The fewest sentences a part of the translation has for placing it. */
const MIN_PART_SENTENCES = 64;

/** Rows between two progress reports and cancellation checks of the search, at most. */
const PROGRESS_ROWS = 256;

/** Lower-case words and digit runs of a text, each once. */
function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{M}]{2,}|\p{N}+/gu) ?? []);
}

/** The stretch of lane rows `[start, end)` a search found, and what it costs. */
interface Stretch {
  readonly start: number;
  readonly end: number;
  readonly cost: number;
}

/** What the stretch search found: the best stretch and those that fit nearly as well elsewhere. */
interface Located {
  readonly best: Stretch;
  readonly alternatives: ReadonlyArray<Stretch>;
}

/** The rolling rows of the stretch search: costs and where each path's stretch began, two rows back to now. */
interface SearchRows {
  readonly before2: Float64Array;
  readonly before: Float64Array;
  readonly current: Float64Array;
  readonly from2: Int32Array;
  readonly from1: Int32Array;
  readonly fromNow: Int32Array;
}

/**
 * One row of the stretch search (see `locateStretch`): the cheapest way to reach every sentence at this row.
 *
 * A length cost is only computed when the rest of a bead's cost leaves it a
 * chance to win; that keeps the row's loop to a few additions per sentence.
 */
function searchRow(
  row: {
    readonly length: number;
    readonly lengthPair: number;
    readonly penalty: number;
    readonly penaltyPair: number;
    readonly index: number;
    readonly first: boolean;
    /** The most the row's punctuation can take off a link's cost: a nat per mark, at most. */
    readonly punctuationBound: number;
  },
  sentences: {
    readonly sentenceLength: Float64Array;
    readonly sentencePenalty: Float64Array;
    readonly now: Float64Array;
    readonly previous: Float64Array;
    /** Punctuation marks of each sentence by class, and in all. */
    readonly sentencePunctuation: Int32Array;
    readonly sentencePunctuationTotal: Int32Array;
  },
  rows: SearchRows,
  rowPunctuation: Int32Array,
): void {
  const { length, lengthPair, penalty, penaltyPair, index: i, first, punctuationBound } = row;
  const { sentenceLength, sentencePenalty, now, previous, sentencePunctuation, sentencePunctuationTotal } = sentences;
  const { before2, before, current, from2, from1, fromNow } = rows;
  const m = sentenceLength.length;
  current[0] = 0;
  fromNow[0] = i;
  for (let j = 1; j <= m; j++) {
    const t = j - 1;
    const sentence = sentenceLength[t] ?? 0;
    const sentenceCost = sentencePenalty[t] ?? 0;
    const sharedNow = now[t] ?? 0;
    // An unlinked sentence, or an unlinked row inside the stretch.
    let best = (current[j - 1] ?? Infinity) + UNLINKED;
    let start = fromNow[j - 1] ?? i;
    const skip = (before[j] ?? Infinity) + UNLINKED;
    if (skip < best) {
      best = skip;
      start = from1[j] ?? i;
    }
    const one = (before[j - 1] ?? Infinity) + ONE_TO_ONE + penalty + sentenceCost - sharedNow;
    if (one < best + punctuationBound) {
      let total = one + lengthCost(length, sentence, LENGTH_VARIANCE);
      if (punctuationBound !== 0 || sentencePunctuationTotal[t] !== 0) {
        for (let c = 0; c < PUNCTUATION_CLASSES; c++) {
          const a = rowPunctuation[c] ?? 0;
          const b = sentencePunctuation[t * PUNCTUATION_CLASSES + c] ?? 0;
          total += PUNCTUATION_PENALTY * (a + b) - (PUNCTUATION_WEIGHT + 2 * PUNCTUATION_PENALTY) * (a < b ? a : b);
        }
      }
      if (total < best) {
        best = total;
        start = from1[j - 1] ?? i;
      }
    }
    if (!first) {
      const twoRows =
        (before2[j - 1] ?? Infinity) + ONE_TO_TWO + penaltyPair + sentenceCost - Math.max(sharedNow, previous[t] ?? 0);
      if (twoRows < best) {
        const total = twoRows + lengthCost(lengthPair, sentence, LENGTH_VARIANCE);
        if (total < best) {
          best = total;
          start = from2[j - 1] ?? i;
        }
      }
    }
    if (j > 1) {
      const twoSentences =
        (before[j - 2] ?? Infinity) +
        ONE_TO_TWO +
        penalty +
        Math.min(PAIR_PENALTY_CAP, sentenceCost + (sentencePenalty[t - 1] ?? 0)) -
        Math.max(sharedNow, now[t - 1] ?? 0);
      if (twoSentences < best) {
        const total = twoSentences + lengthCost(length, sentence + (sentenceLength[t - 1] ?? 0), LENGTH_VARIANCE);
        if (total < best) {
          best = total;
          start = from1[j - 2] ?? i;
        }
      }
    }
    current[j] = best;
    fromNow[j] = start;
  }
}

/**
 * Finds the stretch of rows a (partial) translation covers, in one pass over rows × sentences.
 *
 * A semi-global alignment (the translation wholly, the rows only in part):
 * rows before and after the stretch cost nothing, and inside it the beads
 * cost what the aligner would charge, in nats: −log of Gale and Church's
 * prior, the length cost at the project's ratio, the anchors (numbers,
 * names, copied words…, `features.ts`) each side lacks on the other, less
 * those it shares; and, where the column already holds text, how much a
 * row's old words are like the sentence's. Beads are 1–1, 2–1, 1–2 and
 * unlinked rows or sentences, enough to locate the stretch; the aligner
 * then aligns it with every bead shape. Time is O(rows × sentences) with
 * a small constant, memory O(sentences): rolling rows of costs, and each
 * row's shared anchors are looked up in an index of the sentences' keys.
 * Stretches elsewhere that cost nearly as much are returned as
 * alternatives: with a sentence or two and nothing shared, lengths alone
 * cannot tell where they go.
 */
function locateStretch(
  lane: ReadonlyArray<LaneRow>,
  sentences: Sentences,
  ratio: number,
  pivot: Language,
  language: Language,
  progress: Progress,
): Located {
  const n = lane.length;
  const m = sentences.texts.length;
  const rowSide = buildSideFeatures({ texts: lane.map((row) => row.text), language: pivot }, language, false);
  progress.check(0.05);
  const search = (texts: ReadonlyArray<string>, from: number, to: number): Located =>
    searchStretches(lane, rowSide, texts, ratio, pivot, language, (done) => progress.check(from + (to - from) * done));
  const part = Math.max(MIN_PART_SENTENCES, Math.floor(FULL_SEARCH_CELLS / (2 * n)));
  if (n * m <= FULL_SEARCH_CELLS || m < 3 * part) return search(sentences.texts, 0.05, 0.7);
  // A long translation: its first and its last sentences each find their place, and the stretch lies between.
  const head = search(sentences.texts.slice(0, part), 0.05, 0.35);
  const tail = search(sentences.texts.slice(m - part), 0.35, 0.65);
  if (head.alternatives.length === 0 && tail.alternatives.length === 0 && head.best.start < tail.best.end) {
    return {
      best: { start: head.best.start, end: tail.best.end, cost: head.best.cost + tail.best.cost },
      alternatives: [],
    };
  }
  return search(sentences.texts, 0.65, 0.75);
}

/**
 * The stretch search proper (see `locateStretch`) for `texts`, with the rows' features already built.
 *
 * `report` receives the share of the rows done, from 0 to 1.
 */
function searchStretches(
  lane: ReadonlyArray<LaneRow>,
  rowSide: SideFeatures,
  texts: ReadonlyArray<string>,
  ratio: number,
  pivot: Language,
  language: Language,
  report: (done: number) => void,
): Located {
  const n = lane.length;
  const m = texts.length;
  const sentences = { texts };
  const sentenceSide = buildSideFeatures({ texts, language }, pivot, false, keyCounts(rowSide));
  const rows = prepareForPairing(rowSide, sentenceSide);
  const target = prepareForPairing(sentenceSide, rowSide);

  // Index of the sentences' anchor keys: key → the sentences that have it, with its value there.
  const keyIndex = new Map<number, number[]>();
  for (let t = 0; t < m; t++) {
    for (let k = target.keyOffsets[t] ?? 0; k < (target.keyOffsets[t + 1] ?? 0); k++) {
      const key = target.keys[k] ?? 0;
      let list = keyIndex.get(key);
      if (list === undefined) keyIndex.set(key, (list = []));
      list.push(t, k);
    }
  }
  // Index of the sentences' words, for rows whose cell already has text; words in many sentences say little.
  const sentenceWords = sentences.texts.map(wordSet);
  const wordIndex = new Map<string, number[]>();
  sentenceWords.forEach((words, t) => {
    for (const word of words) {
      let list = wordIndex.get(word);
      if (list === undefined) wordIndex.set(word, (list = []));
      list.push(t);
    }
  });
  const commonWord = Math.max(8, m / 5);

  const rowLength = lane.map((row) => row.text.length);
  const sentenceLength = Float64Array.from(sentences.texts, (text) => text.length / Math.max(0.05, ratio));
  const rowPenalty = (r: number): number => rows.penaltyFull[r] ?? 0;
  const sentencePenalty = Float64Array.from({ length: m }, (_, t) => target.penaltyFull[t] ?? 0);
  // Punctuation (question and exclamation marks, quotes, brackets, ellipses) per sentence, as the aligner counts it.
  const punctuationOf = (side: typeof rows, count: number): Int32Array =>
    Int32Array.from({ length: count * PUNCTUATION_CLASSES }, (_, at) => {
      const x = Math.floor(at / PUNCTUATION_CLASSES);
      const c = at % PUNCTUATION_CLASSES;
      return (
        (side.punctuationPrefix[(x + 1) * PUNCTUATION_CLASSES + c] ?? 0) -
        (side.punctuationPrefix[x * PUNCTUATION_CLASSES + c] ?? 0)
      );
    });
  const rowPunctuation = punctuationOf(rows, n);
  const sentencePunctuation = punctuationOf(target, m);
  const totals = (counts: Int32Array, count: number): Int32Array =>
    Int32Array.from({ length: count }, (_, x) => {
      let total = 0;
      for (let c = 0; c < PUNCTUATION_CLASSES; c++) total += counts[x * PUNCTUATION_CLASSES + c] ?? 0;
      return total;
    });
  const rowPunctuationTotal = totals(rowPunctuation, n);
  const sentencePunctuationTotal = totals(sentencePunctuation, m);
  // shared[r mod 2][t]: anchors and old words row r shares with sentence t (sparse: `touched` lists the filled slots).
  const sharedEven = new Float64Array(m);
  const sharedOdd = new Float64Array(m);
  const touchedEven: number[] = [];
  const touchedOdd: number[] = [];
  const sharedOf = (r: number): Float64Array => ((r & 1) === 0 ? sharedEven : sharedOdd);
  const fillShared = (r: number): void => {
    const slot = sharedOf(r);
    const list = (r & 1) === 0 ? touchedEven : touchedOdd;
    for (const t of list) slot[t] = 0;
    list.length = 0;
    for (let k = rows.keyOffsets[r] ?? 0; k < (rows.keyOffsets[r + 1] ?? 0); k++) {
      const found = keyIndex.get(rows.keys[k] ?? 0);
      if (found === undefined) continue;
      const value = rows.keyValues[k] ?? 0;
      for (let f = 0; f < found.length; f += 2) {
        const t = found[f] ?? 0;
        if (slot[t] === 0) list.push(t);
        slot[t] = (slot[t] ?? 0) + value + (target.keyValues[found[f + 1] ?? 0] ?? 0);
      }
    }
    const row = lane[r];
    if (row === undefined || !row.filled) return;
    const words = wordSet(row.existing);
    const common = new Map<number, number>();
    for (const word of words) {
      const found = wordIndex.get(word);
      if (found === undefined || found.length > commonWord) continue;
      for (const t of found) common.set(t, (common.get(t) ?? 0) + 1);
    }
    for (const [t, count] of common) {
      const dice = (2 * count) / (words.size + (sentenceWords[t]?.size ?? 0));
      if (dice <= WORD_LIKENESS_FLOOR) continue;
      if (slot[t] === 0) list.push(t);
      slot[t] = (slot[t] ?? 0) + (LIKENESS_WEIGHT * (dice - WORD_LIKENESS_FLOOR)) / (1 - WORD_LIKENESS_FLOOR);
    }
  };

  // cost[i][j]: the cheapest way for rows up to i to take sentences up to j, with the stretch begun;
  // from[i][j]: the row the stretch began at. Three rolling rows of each.
  let before2 = new Float64Array(m + 1).fill(Infinity);
  let before = new Float64Array(m + 1).fill(Infinity);
  let current = new Float64Array(m + 1);
  let from2 = new Int32Array(m + 1);
  let from1 = new Int32Array(m + 1);
  let fromNow = new Int32Array(m + 1);
  before[0] = 0;
  const ends: Stretch[] = [];
  for (let i = 1; i <= n; i++) {
    const r = i - 1;
    fillShared(r);
    const now = sharedOf(r);
    const previous = sharedOf(r + 1);
    const length = rowLength[r] ?? 0;
    const lengthPair = length + (rowLength[r - 1] ?? 0);
    const penalty = rowPenalty(r);
    const penaltyPair = Math.min(PAIR_PENALTY_CAP, penalty + (r > 0 ? rowPenalty(r - 1) : 0));
    searchRow(
      {
        length,
        lengthPair,
        penalty,
        penaltyPair,
        index: i,
        first: r === 0,
        punctuationBound: rowPunctuationTotal[r] ?? 0,
      },
      { sentenceLength, sentencePenalty, now, previous, sentencePunctuation, sentencePunctuationTotal },
      { before2, before, current, from2, from1, fromNow },
      rowPunctuation.subarray(r * PUNCTUATION_CLASSES, (r + 1) * PUNCTUATION_CLASSES),
    );
    ends.push({ start: fromNow[m] ?? 0, end: i, cost: current[m] ?? Infinity });
    [before2, before, current] = [before, current, before2];
    [from2, from1, fromNow] = [from1, fromNow, from2];
    if (i % PROGRESS_ROWS === 0) report(i / n);
  }
  ends.sort((a, b) => a.cost - b.cost || a.start - b.start);
  const best = ends[0] ?? { start: 0, end: n, cost: 0 };
  const alternatives: Stretch[] = [];
  const chosen: Stretch[] = [best];
  for (const stretch of ends) {
    if (stretch.cost > best.cost + AMBIGUITY_MARGIN || alternatives.length >= MAX_ALTERNATIVES) break;
    if (chosen.some((other) => stretch.start < other.end && other.start < stretch.end)) continue;
    chosen.push(stretch);
    alternatives.push(stretch);
  }
  return { best, alternatives };
}

function alignRows(
  rows: ReadonlyArray<LaneRow>,
  sentences: Sentences,
  ratio: number,
  pivot: Language,
  language: Language,
): ReadonlyArray<Bead> {
  const useParagraphs = sentences.paragraphs !== undefined;
  const { beads } = align(
    {
      texts: rows.map((r) => r.text),
      language: pivot,
      ...(useParagraphs ? { paragraphs: rows.map((r) => r.paragraph) } : {}),
    },
    { texts: sentences.texts, language, ...(useParagraphs ? { paragraphs: sentences.paragraphs } : {}) },
  );
  return repairBeads(
    beads,
    rows.map((r) => r.text.length),
    sentences.texts.map((text) => text.length),
    ratio,
  );
}

/** Sentences at the start (or end) of an alignment that found no row. */
function unlinkedAtEdge(beads: ReadonlyArray<Bead>, fromEnd: boolean): number {
  let count = 0;
  const ordered = fromEnd ? [...beads].reverse() : beads;
  for (const bead of ordered) {
    if (bead.sourceEnd > bead.sourceStart) break;
    count += bead.targetEnd - bead.targetStart;
  }
  return count;
}

/**
 * The beads of the stretch, with leading and trailing rows that got no sentence left out of it.
 *
 * Sentences left unlinked at an edge of the window may belong to rows just
 * outside it: the window is widened by as many rows on that side, and kept
 * wider when that links more.
 */
function alignStretch(
  lane: ReadonlyArray<LaneRow>,
  window: Window,
  sentences: Sentences,
  ratio: number,
  scorer: Scorer,
  pivot: Language,
  language: Language,
): { readonly rows: ReadonlyArray<LaneRow>; readonly beads: ReadonlyArray<Bead> } {
  let start = window.start;
  let end = window.start + window.size;
  let beads = alignRows(lane.slice(start, end), sentences, ratio, pivot, language);
  const before = Math.min(start, unlinkedAtEdge(beads, false));
  const after = Math.min(lane.length - end, unlinkedAtEdge(beads, true));
  if (before > 0 || after > 0) {
    const wider = alignRows(lane.slice(start - before, end + after), sentences, ratio, pivot, language);
    if (scorer(wider, lane.slice(start - before, end + after)) > scorer(beads, lane.slice(start, end))) {
      start -= before;
      end += after;
      beads = wider;
    }
  }
  const linked = beads.filter((b) => b.sourceEnd > b.sourceStart && b.targetEnd > b.targetStart);
  const first = linked[0]?.sourceStart;
  const last = linked[linked.length - 1]?.sourceEnd;
  if (first === undefined || last === undefined) return { rows: [], beads: [] };
  let rows = lane.slice(start, end);
  if (first > 0 || last < rows.length) {
    rows = rows.slice(first, last);
    beads = alignRows(rows, sentences, ratio, pivot, language);
  }
  return { rows, beads };
}

/**
 * Works out what aligning a translation into a column would do, without doing it.
 *
 * Throws a `UsecaseError` for input that cannot be aligned: an unknown
 * document, a language the project does not have, the same language as
 * pivot and target, the document's source language as the column to fill
 * (an alignment never changes source texts), an empty translation, or an
 * empty pivot column.
 */
export function planAlignment(
  project: Project,
  request: AlignIntoColumnRequest,
  options: AlignRunOptions = {},
): AlignPlan {
  const progress = new Progress(options);
  progress.check(0);
  const document = documentOf(project, request.documentId);
  const { language, pivot } = request;
  for (const wanted of [language, pivot]) {
    if (!project.languages.includes(wanted)) {
      throw new UsecaseError({ code: 'language-not-in-project', params: { language: wanted } });
    }
  }
  if (language === pivot) throw new UsecaseError({ code: 'align-same-language', params: { language } });
  if (language === document.sourceLanguage) {
    throw new UsecaseError({ code: 'align-into-source', params: { language, document: document.id } });
  }
  const sentences = sentencesOf(request.text, language, request.presegmented);
  if (sentences.texts.length === 0) throw new UsecaseError({ code: 'align-empty-text' });
  const lane: LaneRow[] = [];
  document.segments.forEach((segment, index) => {
    if (segment.excluded === true || segment.texts[pivot].trim() === '') return;
    lane.push({
      id: segment.id,
      index,
      text: segment.texts[pivot],
      paragraph: segment.paragraph,
      filled: segment.texts[language].trim() !== '',
      existing: segment.texts[language],
    });
  });
  if (lane.length === 0) {
    throw new UsecaseError({ code: 'align-empty-pivot', params: { language: pivot, document: document.id } });
  }

  const ratio = lengthRatio(project, pivot, language);
  const scorer = makeScorer(sentences, ratio);
  const located = coversNearlyAll(lane, sentences, ratio)
    ? undefined
    : locateStretch(lane, sentences, ratio, pivot, language, progress);
  const window =
    located === undefined
      ? { start: 0, size: lane.length }
      : { start: located.best.start, size: located.best.end - located.best.start };
  progress.check(0.75);
  const { rows, beads } = alignStretch(lane, window, sentences, ratio, scorer, pivot, language);
  progress.check(0.95);
  const alternatives = (located?.alternatives ?? []).flatMap((stretch) => {
    const first = lane[stretch.start];
    const last = lane[stretch.end - 1];
    return first === undefined || last === undefined ? [] : [{ first: first.id, last: last.id }];
  });
  const segments = document.segments;
  const fills: AlignFill[] = [];
  const proposals: AlignProposal[] = [];
  const fill = (row: LaneRow, text: string, confidence: number): void => {
    fills.push({ segmentId: row.id, text, confidence, previous: segments[row.index]?.texts[language] ?? '' });
  };
  const omit = (row: LaneRow): void => {
    proposals.push({ kind: 'omission', id: `omission-${row.id}`, segmentId: row.id });
    if (request.replace && row.filled) fill(row, '', 0);
  };
  const firstRow = rows[0];
  // A sentence before the first linked row goes just before it.
  let anchor: string | null =
    firstRow === undefined ? null : firstRow.index > 0 ? (segments[firstRow.index - 1]?.id ?? null) : null;
  let newRows = 0;
  if (rows.length === 0) {
    // Nothing linked at all: every sentence is listed, none is placed.
    sentences.texts.forEach((text) => {
      proposals.push({ kind: 'newRow', id: `newRow-${++newRows}`, afterSegmentId: null, text });
    });
  }
  for (const bead of beads) {
    const beadRows = rows.slice(bead.sourceStart, bead.sourceEnd);
    const text = sentences.texts.slice(bead.targetStart, bead.targetEnd).join(' ');
    const targets = bead.targetEnd - bead.targetStart;
    const confidence = Math.max(0, Math.min(1, bead.confidence));
    const head = beadRows[0];
    if (head === undefined) {
      if (text !== '') proposals.push({ kind: 'newRow', id: `newRow-${++newRows}`, afterSegmentId: anchor, text });
      continue;
    }
    anchor = beadRows[beadRows.length - 1]?.id ?? anchor;
    if (targets === 0) {
      beadRows.forEach(omit);
      continue;
    }
    const flagged =
      targets > 1 || beadRows.length > 1 || alternatives.length > 0
        ? Math.min(confidence, FLAGGED_CONFIDENCE)
        : confidence;
    fill(head, text, flagged);
    if (beadRows.length === 1) continue;
    // Only rows next to each other in the document can be merged: never across furniture or any other row.
    let adjacent = 1;
    while (adjacent < beadRows.length && beadRows[adjacent]?.index === head.index + adjacent) adjacent++;
    if (adjacent > 1) {
      const group = beadRows.slice(0, adjacent);
      proposals.push({ kind: 'merge', id: `merge-${head.id}`, segmentIds: group.map((r) => r.id), text });
      for (const row of group.slice(1)) if (request.replace && row.filled) fill(row, '', 0);
    }
    beadRows.slice(adjacent).forEach(omit);
  }
  const position = new Map(lane.map((row) => [row.id, row.index]));
  fills.sort((a, b) => (position.get(a.segmentId) ?? 0) - (position.get(b.segmentId) ?? 0));
  const lastRow = rows[rows.length - 1];
  progress.finish();
  return {
    documentId: document.id,
    language,
    pivot,
    sentences: sentences.texts.length,
    covered: firstRow === undefined || lastRow === undefined ? null : { first: firstRow.id, last: lastRow.id },
    fills,
    proposals,
    alternatives,
  };
}

/**
 * One cell set by the aligner: a draft (a source cell stays the source) with the link's confidence.
 *
 * A cell that already holds exactly this text is left as it was, status
 * and all: aligning the same translation again costs no review.
 */
function withCell(segment: Segment, language: Language, text: string, confidence: number): Segment {
  if (segment.texts[language] === text) return segment;
  const { confidence: previous, ...rest } = segment;
  const others = Object.fromEntries(Object.entries(previous ?? {}).filter(([key]) => key !== language));
  const merged = text === '' ? others : { ...others, [language]: confidence };
  return {
    ...rest,
    texts: { ...segment.texts, [language]: text },
    status: { ...segment.status, [language]: segment.status[language] === 'source' ? 'source' : 'draft' },
    ...(Object.keys(merged).length > 0 ? { confidence: merged } : {}),
  };
}

function freshId(taken: Set<string>, base: string): string {
  const stem = base.replace(/-\d+$/u, '').slice(0, 90);
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

/**
 * Applies a plan: its fills, and the proposals whose ids are in `accepted`.
 *
 * An accepted merge joins its rows in every language (as `mergeSegments`
 * does) with the sentence as the column's text; an accepted new row is
 * inserted after its anchor (or after a row a merge joined it into). A
 * proposal not accepted changes nothing. The renderer records the result
 * as one undo step. Throws a `UsecaseError` when the plan no longer fits the
 * project (`align-stale-plan`) or the result breaks a project limit.
 */
export function applyAlignPlan(project: Project, plan: AlignPlan, accepted: ReadonlySet<string>): Project {
  const document = documentOf(project, plan.documentId);
  const language = plan.language;
  const stale = (): UsecaseError => new UsecaseError({ code: 'align-stale-plan', params: { document: document.id } });
  const fills = new Map(plan.fills.map((f) => [f.segmentId, f]));
  const known = new Set(document.segments.map((s) => s.id));
  for (const id of fills.keys()) if (!known.has(id)) throw stale();

  let segments: Segment[] = document.segments.map((segment) => {
    const filled = fills.get(segment.id);
    return filled === undefined ? segment : withCell(segment, language, filled.text, filled.confidence);
  });
  const mergedInto = new Map<string, string>();
  for (const proposal of plan.proposals) {
    if (proposal.kind !== 'merge' || !accepted.has(proposal.id)) continue;
    const start = segments.findIndex((s) => s.id === proposal.segmentIds[0]);
    const parts = proposal.segmentIds.map((id, k) => segments[start + k]);
    if (start < 0 || parts.some((part, k) => part?.id !== proposal.segmentIds[k])) throw stale();
    const [head, ...rest] = parts as Segment[];
    if (head === undefined) throw stale();
    const merged = rest.reduce(mergeSegmentPair, head);
    const confidence = fills.get(head.id)?.confidence ?? FLAGGED_CONFIDENCE;
    segments.splice(start, parts.length, withCell(merged, language, proposal.text, confidence));
    for (const part of rest) mergedInto.set(part.id, head.id);
  }
  const taken = new Set(segments.map((s) => s.id));
  const lastInserted = new Map<string | null, string>();
  for (const proposal of plan.proposals) {
    if (proposal.kind !== 'newRow' || !accepted.has(proposal.id)) continue;
    const anchor =
      proposal.afterSegmentId === null ? null : (mergedInto.get(proposal.afterSegmentId) ?? proposal.afterSegmentId);
    const after = lastInserted.get(anchor) ?? anchor;
    const at = after === null ? 0 : segments.findIndex((s) => s.id === after) + 1;
    if (at === 0 && after !== null) throw stale();
    const neighbour = segments[after === null ? 0 : at - 1];
    const empty = Object.fromEntries(LANGUAGES.map((l) => [l, ''])) as Record<Language, string>;
    const drafts = Object.fromEntries(LANGUAGES.map((l) => [l, 'draft'])) as Segment['status'];
    const row = withCell(
      {
        id: freshId(taken, `${anchor ?? 'start'}-new`),
        paragraph: neighbour?.paragraph ?? 0,
        texts: empty,
        status: drafts,
      },
      language,
      proposal.text,
      0.5,
    );
    segments = [...segments.slice(0, at), row, ...segments.slice(at)];
    lastInserted.set(anchor, row.id);
  }
  const updated: SubrelayDocument = { ...document, segments };
  return checkProjectLimits({
    ...project,
    documents: project.documents.map((d) => (d.id === document.id ? updated : d)),
  });
}

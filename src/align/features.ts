import type { Language } from '../languages';
import type { AnchorSink } from './anchors';
import { IntCounter } from './intCounter';
import { ANCHOR_KIND_COUNT, ANCHOR_KINDS, PUNCTUATION_CLASSES, analyseSegment, namesOf, wordsOf } from './anchors';
import type { SideProfile } from './profile';

/** The anchor keys of each sentence, with their values and how new each is. */
interface KeyTable {
  readonly keyOffsets: Int32Array;
  readonly keys: Int32Array;
  /** Half the anchor's weight plus its penalty: what a shared key is worth from this side. */
  readonly keyValues: Float64Array;
  readonly keyPenalties: Float64Array;
  /** The kind of each key (see `ANCHOR_KINDS`). */
  readonly keyKinds: Uint8Array;
  /**
   * How new a key is: 0 if the previous sentence has it too, 1 if only the one
   * before that does, 2 if neither. A bead counts a key once, at its first
   * sentence (see `BandAligner.linkEvidence`).
   */
  readonly keyFresh: Uint8Array;
  /** Sum of the penalties of each sentence's keys. */
  readonly penaltyFull: Float64Array;
  /** Sum of the penalties of each sentence's keys of freshness at least 1. */
  readonly penaltyFresh: Float64Array;
  /** Prefix sums of the penalties of keys of freshness 2. */
  readonly penaltyNewPrefix: Float64Array;
}

/**
 * One side of an alignment, packed into typed arrays for the dynamic programme.
 *
 * The inner loop of the aligner compares anchors of two sentences millions of
 * times, so each sentence's anchors are hashed to 32-bit keys, sorted, and
 * stored in one flat array (compressed rows: sentence `x` owns
 * `keys[keyOffsets[x] .. keyOffsets[x + 1])`). Two sentences share anchors
 * when a merge of their sorted key lists meets. Everything a bead needs that
 * sums over its sentences (length, anchor penalties, punctuation, paragraph
 * starts) is kept as prefix sums so that any bead reads it in O(1).
 */
export interface SideFeatures extends KeyTable {
  readonly count: number;
  /** `lengthPrefix[x]` = total length of sentences before `x`. */
  readonly lengthPrefix: Float64Array;
  /** `(count + 1) × PUNCTUATION_CLASSES` prefix sums of punctuation counts. */
  readonly punctuationPrefix: Int32Array;
  /** Prefix sums of each sentence's garble cost (see `garbleCost`). */
  readonly garblePrefix: Float64Array;
  /** 1 where a sentence opens a paragraph; undefined when the caller gave no paragraphs. */
  readonly paragraphStart: Uint8Array | undefined;
  /** Prefix sums of `paragraphStart`. */
  readonly paragraphPrefix: Int32Array | undefined;
  /** 1 where a sentence is a marker line (see `isMarkerLine`). */
  readonly markers: Uint8Array;
  /** Dictionary stems, hashed (see `stemHash`): sentence `x` owns `tokenIds[tokenOffsets[x] .. tokenOffsets[x + 1])`. */
  readonly tokenOffsets: Int32Array;
  readonly tokenIds: Int32Array;
}

/**
 * Collects one sentence's keys, then sorts them and keeps the strongest weight of a key seen twice.
 *
 * Sorting packs each key with its arrival index into one float (key · 2²⁰ +
 * index, exact below 2⁵³, for up to a million keys a sentence) so that a
 * numeric sort does the work.
 */
const INDEX_SPACE = 1 << 20;
/** Up to this many keys, insertion sort; above, the native sort of a typed array. */
const INSERTION_SORT_LIMIT = 48;

class KeyCollector {
  keys = new Int32Array(64);
  values = new Float64Array(64);
  penalties = new Float64Array(64);
  kinds = new Uint8Array(64);
  size = 0;
  private packed = new Float64Array(64);
  private readonly sortedValues = {
    keys: new Int32Array(64),
    values: new Float64Array(64),
    penalties: new Float64Array(64),
    kinds: new Uint8Array(64),
  };

  reset(): void {
    this.size = 0;
  }

  add(key: number, value: number, penalty: number, kind: number): void {
    if (this.size === this.keys.length) this.grow();
    this.keys[this.size] = key;
    this.values[this.size] = value;
    this.penalties[this.size] = penalty;
    this.kinds[this.size] = kind;
    this.size++;
  }

  /** Sorts by key and merges duplicates; afterwards `keys[0, size)` is strictly increasing. */
  sort(): void {
    const count = this.size;
    if (count === 0) return;
    if (this.packed.length < this.keys.length) this.packed = new Float64Array(this.keys.length);
    const packed = this.packed;
    if (count <= INSERTION_SORT_LIMIT) {
      // Insertion sort: most sentences have a few dozen keys, and a native sort would need a view per sentence.
      for (let i = 0; i < count; i++) {
        const item = (this.keys[i] ?? 0) * INDEX_SPACE + i;
        let j = i - 1;
        while (j >= 0 && (packed[j] ?? 0) > item) {
          packed[j + 1] = packed[j] ?? 0;
          j--;
        }
        packed[j + 1] = item;
      }
    } else {
      // A long sentence (hundreds of keys) would make insertion sort quadratic.
      for (let i = 0; i < count; i++) packed[i] = (this.keys[i] ?? 0) * INDEX_SPACE + i;
      packed.subarray(0, count).sort();
    }
    const out = this.sortedValues;
    if (out.keys.length < this.keys.length) {
      out.keys = new Int32Array(this.keys.length);
      out.values = new Float64Array(this.keys.length);
      out.penalties = new Float64Array(this.keys.length);
      out.kinds = new Uint8Array(this.keys.length);
    }
    let size = 0;
    for (let p = 0; p < count; p++) {
      const item = packed[p] ?? 0;
      const key = Math.floor(item / INDEX_SPACE);
      const index = item - key * INDEX_SPACE;
      const value = this.values[index] ?? 0;
      if (size > 0 && out.keys[size - 1] === key) {
        if (value > (out.values[size - 1] ?? 0)) {
          out.values[size - 1] = value;
          out.penalties[size - 1] = this.penalties[index] ?? 0;
          out.kinds[size - 1] = this.kinds[index] ?? 0;
        }
        continue;
      }
      out.keys[size] = key;
      out.values[size] = value;
      out.penalties[size] = this.penalties[index] ?? 0;
      out.kinds[size] = this.kinds[index] ?? 0;
      size++;
    }
    for (let i = 0; i < size; i++) {
      this.keys[i] = out.keys[i] ?? 0;
      this.values[i] = out.values[i] ?? 0;
      this.penalties[i] = out.penalties[i] ?? 0;
      this.kinds[i] = out.kinds[i] ?? 0;
    }
    this.size = size;
  }

  private grow(): void {
    const size = this.keys.length * 2;
    const keys = new Int32Array(size);
    const values = new Float64Array(size);
    const penalties = new Float64Array(size);
    const kinds = new Uint8Array(size);
    keys.set(this.keys);
    values.set(this.values);
    penalties.set(this.penalties);
    kinds.set(this.kinds);
    this.keys = keys;
    this.values = values;
    this.penalties = penalties;
    this.kinds = kinds;
  }
}

/**
 * Most nats that the anchors of one sentence may cost when missing from the other side of its bead.
 *
 * Leaving a source and a target sentence both unlinked costs a constant
 * (twice −log 0.0099 ≈ 9.2 nats), so the cost of linking them must not grow
 * with their length: without a bound, a long sentence of a language the
 * aligner does not know, with many words that could have reappeared and did
 * not, was cheaper to split from its translation than to link. With 4.5 nats
 * a sentence, a 1–1 link of two sentences of fitting lengths that share
 * nothing at all costs at most 9.1 nats, still less than splitting them.
 * The bound is per sentence, not per bead, so that gluing a stray sentence to
 * a long neighbour still pays for the stray's own anchors.
 */
const PENALTY_CAP = 4.5;

function buildKeyTable(count: number, fill: (segment: number, collector: KeyCollector) => void): KeyTable {
  const collector = new KeyCollector();
  const keyOffsets = new Int32Array(count + 1);
  let keys = new Int32Array(Math.max(16, count * 8));
  let keyValues = new Float64Array(keys.length);
  let keyPenalties = new Float64Array(keys.length);
  let keyKinds = new Uint8Array(keys.length);
  let total = 0;
  for (let x = 0; x < count; x++) {
    collector.reset();
    fill(x, collector);
    collector.sort();
    if (total + collector.size > keys.length) {
      const size = Math.max(keys.length * 2, total + collector.size);
      const grownKeys = new Int32Array(size);
      const grownValues = new Float64Array(size);
      const grownPenalties = new Float64Array(size);
      const grownKinds = new Uint8Array(size);
      grownKeys.set(keys);
      grownValues.set(keyValues);
      grownPenalties.set(keyPenalties);
      grownKinds.set(keyKinds);
      keys = grownKeys;
      keyValues = grownValues;
      keyPenalties = grownPenalties;
      keyKinds = grownKinds;
    }
    for (let k = 0; k < collector.size; k++) {
      keys[total + k] = collector.keys[k] ?? 0;
      keyValues[total + k] = collector.values[k] ?? 0;
      keyPenalties[total + k] = collector.penalties[k] ?? 0;
      keyKinds[total + k] = collector.kinds[k] ?? 0;
    }
    total += collector.size;
    keyOffsets[x + 1] = total;
  }
  keys = keys.slice(0, total);
  keyValues = keyValues.slice(0, total);
  keyPenalties = keyPenalties.slice(0, total);
  keyKinds = keyKinds.slice(0, total);

  const keyFresh = new Uint8Array(total);
  const penaltyFull = new Float64Array(count);
  const penaltyFresh = new Float64Array(count);
  const penaltyNewPrefix = new Float64Array(count + 1);
  // Each sentence's keys are sorted, so one forward walk over each of the two previous sentences finds them.
  for (let x = 0; x < count; x++) {
    let full = 0;
    let fresh = 0;
    let fresher = 0;
    let previous = x >= 1 ? (keyOffsets[x - 1] ?? 0) : 0;
    const previousEnd = x >= 1 ? (keyOffsets[x] ?? 0) : 0;
    let before = x >= 2 ? (keyOffsets[x - 2] ?? 0) : 0;
    const beforeEnd = x >= 2 ? (keyOffsets[x - 1] ?? 0) : 0;
    for (let k = keyOffsets[x] ?? 0; k < (keyOffsets[x + 1] ?? 0); k++) {
      const key = keys[k] ?? 0;
      while (previous < previousEnd && (keys[previous] ?? 0) < key) previous++;
      while (before < beforeEnd && (keys[before] ?? 0) < key) before++;
      const level =
        previous < previousEnd && keys[previous] === key ? 0 : before < beforeEnd && keys[before] === key ? 1 : 2;
      keyFresh[k] = level;
      const penalty = keyPenalties[k] ?? 0;
      full += penalty;
      if (level >= 1) fresh += penalty;
      if (level === 2) fresher += penalty;
    }
    penaltyFull[x] = full < PENALTY_CAP ? full : PENALTY_CAP;
    penaltyFresh[x] = fresh < PENALTY_CAP ? fresh : PENALTY_CAP;
    penaltyNewPrefix[x + 1] = (penaltyNewPrefix[x] ?? 0) + (fresher < PENALTY_CAP ? fresher : PENALTY_CAP);
  }
  return { keyOffsets, keys, keyValues, keyPenalties, keyKinds, keyFresh, penaltyFull, penaltyFresh, penaltyNewPrefix };
}

/**
 * Whether a segment only marks a paragraph: empty or blank (as presegmented input keeps them), `<p>` or `</p>`, or a
 * lone pilcrow (¶).
 *
 * Marker lines match only each other and are never merged into a sentence
 * bead (see `BandAligner`); the sentence after one opens a paragraph (see `paragraphsWithMarkers`).
 */
export function isMarkerLine(text: string): boolean {
  return /^\s*(?:<\/?p\s*\/?>|¶)?\s*$/iu.test(text);
}

/**
 * Paragraph numbers for a side whose marker lines start paragraphs, combined with the caller's numbers if any.
 *
 * A marker keeps the number of the paragraph it closes, so that the sentence
 * after it, not the marker, opens the next one. Undefined when the side has
 * neither markers nor paragraph numbers.
 */
export function paragraphsWithMarkers(
  texts: ReadonlyArray<string>,
  given: ReadonlyArray<number> | undefined,
): number[] | undefined {
  const markers = texts.map(isMarkerLine);
  // A wrong count is reported where the numbers are used (`buildSideFeatures`).
  if (!markers.includes(true) || (given !== undefined && given.length !== texts.length))
    return given === undefined ? undefined : [...given];
  const result: number[] = [];
  let current = 0;
  let pending = false;
  let seenSentence = false;
  let lastGiven: number | undefined;
  texts.forEach((_, x) => {
    if (markers[x] === true) {
      pending = seenSentence;
      result.push(current);
      return;
    }
    const paragraph = given?.[x];
    if (seenSentence && (pending || paragraph !== lastGiven)) current++;
    result.push(current);
    pending = false;
    seenSentence = true;
    lastGiven = paragraph;
  });
  return result;
}

/** Nats against linking a sentence written entirely outside its language's script. */
export const GARBLE_COST = 5;
/** Below this share of native script a sentence starts to look garbled. */
const PLAUSIBLE_SHARE = 0.6;

/**
 * What linking a sentence costs for looking garbled: 0 when at least 60% of it is in its language's script, rising
 * linearly to 5 nats at 0%.
 *
 * Without it, a line of noise or mojibake glues onto a neighbour as a 1–2
 * bead (prior 0.089) rather than standing alone as a 0–1 bead (prior 0.0099).
 */
export function garbleCost(share: number): number {
  return share >= PLAUSIBLE_SHARE ? 0 : (GARBLE_COST * (PLAUSIBLE_SHARE - share)) / PLAUSIBLE_SHARE;
}

/** Local alias: see the note in `bandAligner.ts` on imports in loops. */
const CLASSES = PUNCTUATION_CLASSES;

/** One side as `align` receives it. */
export interface SideInput {
  readonly texts: ReadonlyArray<string>;
  readonly language: Language;
  readonly paragraphs?: ReadonlyArray<number> | undefined;
}

/**
 * Collects one sentence's anchors into a `KeyCollector` and its stems into a list without repeats.
 *
 * Anchors whose absence costs nothing and that the other side never has
 * (`otherKeys`, when known) are dropped at once: they could never change a
 * score, and most skeletons of Korean words are such.
 */
class SegmentSink implements AnchorSink {
  readonly stems: number[] = [];
  collector: KeyCollector | undefined;

  constructor(private readonly otherKeys: IntCounter | undefined) {}

  anchor(key: number, weight: number, penalty: number, kind: number): void {
    if (penalty === 0 && this.otherKeys !== undefined && this.otherKeys.get(key) === 0) return;
    this.collector?.add(key, weight / 2 + penalty, penalty, kind);
  }

  /** A small open-addressing set of this sentence's stems; `generation` marks the slots filled for it. */
  private readonly seenStems = new Int32Array(256);
  private readonly seenIn = new Int32Array(256);
  private generation = 1;

  /** Starts a new sentence. */
  reset(collector: KeyCollector): void {
    this.stems.length = 0;
    this.collector = collector;
    this.generation++;
  }

  stem(hash: number): void {
    let slot = (Math.imul(hash, 0x9e3779b1) >>> 24) & 255;
    for (let probe = 0; probe < 256; probe++) {
      if (this.seenIn[slot] !== this.generation) {
        this.seenIn[slot] = this.generation;
        this.seenStems[slot] = hash;
        this.stems.push(hash);
        return;
      }
      if (this.seenStems[slot] === hash) return;
      slot = (slot + 1) & 255;
    }
  }
}

/** Every key of a side, counted by the number of its sentences that have it. */
export function keyCounts(side: SideFeatures): IntCounter {
  const counts = new IntCounter(side.keys.length);
  for (const key of side.keys) counts.add(key);
  return counts;
}

/**
 * Analyses every sentence of one side (see `analyseSegment`) and packs the result.
 *
 * `otherKeys` (see `keyCounts`), when the other side is already built, lets
 * the analysis drop keys that cannot match (see `SegmentSink`).
 */
export function buildSideFeatures(
  side: SideInput,
  otherLanguage: Language,
  useParagraphs: boolean,
  otherKeys?: IntCounter,
  profiles?: { readonly own: SideProfile; readonly other: SideProfile },
): SideFeatures {
  const count = side.texts.length;
  const wordLists = side.texts.map((text) => wordsOf(text));
  const names = namesOf(wordLists);
  const context = {
    language: side.language,
    otherLanguage,
    names,
    profile: profiles?.own,
    otherProfile: profiles?.other,
  };
  const lengthPrefix = new Float64Array(count + 1);
  const garblePrefix = new Float64Array(count + 1);
  const punctuationPrefix = new Int32Array((count + 1) * CLASSES);
  const tokenOffsets = new Int32Array(count + 1);
  const tokenIds: number[] = [];
  const sink = new SegmentSink(otherKeys);
  const table = buildKeyTable(count, (x, collector) => {
    sink.reset(collector);
    const facts = analyseSegment(side.texts[x] ?? '', wordLists[x] ?? [], context, sink);
    lengthPrefix[x + 1] = (lengthPrefix[x] ?? 0) + facts.length;
    garblePrefix[x + 1] = (garblePrefix[x] ?? 0) + garbleCost(facts.nativeShare);
    for (let c = 0; c < CLASSES; c++) {
      punctuationPrefix[(x + 1) * CLASSES + c] =
        (punctuationPrefix[x * CLASSES + c] ?? 0) + (facts.punctuation[c] ?? 0);
    }
    for (const stem of sink.stems) tokenIds.push(stem);
    tokenOffsets[x + 1] = tokenIds.length;
  });

  let paragraphStart: Uint8Array | undefined;
  let paragraphPrefix: Int32Array | undefined;
  const paragraphs = side.paragraphs;
  if (useParagraphs && paragraphs !== undefined) {
    if (paragraphs.length !== count) {
      throw new RangeError(`paragraphs has ${paragraphs.length} entries for ${count} texts`);
    }
    paragraphStart = new Uint8Array(count);
    paragraphPrefix = new Int32Array(count + 1);
    for (let x = 0; x < count; x++) {
      const start = x === 0 || paragraphs[x] !== paragraphs[x - 1] ? 1 : 0;
      paragraphStart[x] = start;
      paragraphPrefix[x + 1] = (paragraphPrefix[x] ?? 0) + start;
    }
  }

  return {
    count,
    lengthPrefix,
    garblePrefix,
    markers: Uint8Array.from(side.texts, (text) => (isMarkerLine(text) ? 1 : 0)),
    ...table,
    punctuationPrefix,
    paragraphStart,
    paragraphPrefix,
    tokenOffsets,
    tokenIds: Int32Array.from(tokenIds),
  };
}

/** Receives one extra anchor: its key, weight and penalty. */
export type AddKey = (key: number, weight: number, penalty: number) => void;

/** The same side with more anchors per sentence (the learned dictionary's, for the second pass). */
export function withExtraKeys(side: SideFeatures, extra: (segment: number, add: AddKey) => void): SideFeatures {
  const table = buildKeyTable(side.count, (x, collector) => {
    const start = side.keyOffsets[x] ?? 0;
    const end = side.keyOffsets[x + 1] ?? 0;
    for (let k = start; k < end; k++) {
      collector.add(side.keys[k] ?? 0, side.keyValues[k] ?? 0, side.keyPenalties[k] ?? 0, side.keyKinds[k] ?? 0);
    }
    extra(x, (key, weight, penalty) => collector.add(key, weight / 2 + penalty, penalty, ANCHOR_KINDS.dictionary));
  });
  return { ...side, ...table };
}

/** Observations worth of the hand-set penalty when estimating a kind's reappearance rate. */
const PRIOR_STRENGTH = 20;
/**
 * A learnt penalty may exceed the hand-set one by this factor at most: the hand-set penalties were tuned with the
 * weights of shared anchors, and raising them (names between Korean and Russian reappear one time in two, which
 * would make their absence cost 0.64 nats instead of 0.25) tipped clean 1–1 pairs into 2–2 beads.
 */
const RAISE_LIMIT = 1;
/** Highest rate believed: a kind that always reappeared costs at most −log(0.08) ≈ 2.5 nats when absent. */
const MAX_RATE = 0.92;

/**
 * How often each kind of anchor of `side` reappears in the translation, as a penalty for its absence: −log(1 − r).
 *
 * r is counted over sentence pairs believed to be translations (`pairs`,
 * indices into `side` and `other`): of the keys of a kind in the side's
 * sentence, the share the other sentence has too, shrunk towards the rate
 * the hand-set penalty stands for (`PRIOR_STRENGTH` observations of it).
 * Under a true link an anchor is missing with probability 1 − r, under a
 * chance pairing nearly always, so its absence is worth log(1 − r) nats:
 * numbers in digits reappear nine times in ten and cost about 2 nats,
 * ordinary words of German against English hardly ever and cost almost
 * nothing. Kinds whose absence the analysis deems meaningless (penalty 0)
 * stay at 0.
 */
export function learnedPenalties(
  side: SideFeatures,
  other: SideFeatures,
  pairs: ReadonlyArray<readonly [number, number]>,
): Float64Array {
  const seen = new Float64Array(ANCHOR_KIND_COUNT);
  const found = new Float64Array(ANCHOR_KIND_COUNT);
  const prior = new Float64Array(ANCHOR_KIND_COUNT);
  const priorCount = new Float64Array(ANCHOR_KIND_COUNT);
  for (let k = 0; k < side.keys.length; k++) {
    const kind = side.keyKinds[k] ?? 0;
    prior[kind] = (prior[kind] ?? 0) + (side.keyPenalties[k] ?? 0);
    priorCount[kind] = (priorCount[kind] ?? 0) + 1;
  }
  for (const [x, y] of pairs) {
    let t = other.keyOffsets[y] ?? 0;
    const tEnd = other.keyOffsets[y + 1] ?? 0;
    for (let k = side.keyOffsets[x] ?? 0; k < (side.keyOffsets[x + 1] ?? 0); k++) {
      const key = side.keys[k] ?? 0;
      const kind = side.keyKinds[k] ?? 0;
      while (t < tEnd && (other.keys[t] ?? 0) < key) t++;
      seen[kind] = (seen[kind] ?? 0) + 1;
      if (t < tEnd && other.keys[t] === key) found[kind] = (found[kind] ?? 0) + 1;
    }
  }
  const penalties = new Float64Array(ANCHOR_KIND_COUNT);
  for (let kind = 0; kind < ANCHOR_KIND_COUNT; kind++) {
    const count = priorCount[kind] ?? 0;
    const handSet = count > 0 ? (prior[kind] ?? 0) / count : 0;
    if (handSet === 0) continue;
    const priorRate = 1 - Math.exp(-handSet);
    const rate = ((found[kind] ?? 0) + PRIOR_STRENGTH * priorRate) / ((seen[kind] ?? 0) + PRIOR_STRENGTH);
    penalties[kind] = Math.min(handSet * RAISE_LIMIT, -Math.log(1 - Math.min(MAX_RATE, rate)));
  }
  return penalties;
}

/** The same side with each key's penalty replaced by its kind's (see `learnedPenalties`); weights are kept. */
export function withPenalties(side: SideFeatures, penalties: Float64Array): SideFeatures {
  const table = buildKeyTable(side.count, (x, collector) => {
    for (let k = side.keyOffsets[x] ?? 0; k < (side.keyOffsets[x + 1] ?? 0); k++) {
      const old = side.keyPenalties[k] ?? 0;
      const kind = side.keyKinds[k] ?? 0;
      const penalty = old === 0 ? 0 : (penalties[kind] ?? old);
      collector.add(side.keys[k] ?? 0, (side.keyValues[k] ?? 0) - old + penalty, penalty, kind);
    }
  });
  return { ...side, ...table };
}

/** A key found in at most this share of the other side's sentences keeps its full weight. */
const RARE_SHARE = 0.1;
/** Shares are counted over at least this many sentences, so that short documents are not discounted. */
const MIN_SENTENCES = 20;

/**
 * Readies one side's keys for pairing with the other side: scales down common keys and drops hopeless ones.
 *
 * A shared key is evidence in proportion to how unlikely it is to be shared
 * by chance: "Kyiv Post" in two sentences out of forty pins a pair down;
 * "Russia" in half of them hardly does, yet a bead spanning three sentences
 * a side is likely to contain it on both sides. A key present in a share p
 * of the other side's sentences keeps log(1/p) / log(1/0.1) of its weight
 * (all of it when p ≤ 0.1). Penalties are kept: a missing key is as telling
 * whether it is rare or not. A key that the other side never has and whose
 * absence costs nothing can never change a score, so it is dropped: most
 * skeletons of Korean words are, which halves the work of comparing
 * sentences.
 */
export function prepareForPairing(side: SideFeatures, other: SideFeatures): SideFeatures {
  const otherKeys = new IntCounter(other.keys.length);
  for (const key of other.keys) otherKeys.add(key);
  const sentences = Math.max(other.count, MIN_SENTENCES);
  const keyOffsets = new Int32Array(side.count + 1);
  const keys = new Int32Array(side.keys.length);
  const keyValues = new Float64Array(side.keys.length);
  const keyPenalties = new Float64Array(side.keys.length);
  const keyKinds = new Uint8Array(side.keys.length);
  const keyFresh = new Uint8Array(side.keys.length);
  let kept = 0;
  for (let x = 0; x < side.count; x++) {
    for (let k = side.keyOffsets[x] ?? 0; k < (side.keyOffsets[x + 1] ?? 0); k++) {
      const key = side.keys[k] ?? 0;
      const penalty = side.keyPenalties[k] ?? 0;
      const count = otherKeys.get(key);
      if (count === 0 && penalty === 0) continue;
      const share = count / sentences;
      const factor = share <= RARE_SHARE ? 1 : Math.log(share) / Math.log(RARE_SHARE);
      keys[kept] = key;
      keyValues[kept] = ((side.keyValues[k] ?? 0) - penalty) * factor + penalty;
      keyPenalties[kept] = penalty;
      keyKinds[kept] = side.keyKinds[k] ?? 0;
      keyFresh[kept] = side.keyFresh[k] ?? 0;
      kept++;
    }
    keyOffsets[x + 1] = kept;
  }
  return {
    ...side,
    keyOffsets,
    keys: keys.slice(0, kept),
    keyValues: keyValues.slice(0, kept),
    keyPenalties: keyPenalties.slice(0, kept),
    keyKinds: keyKinds.slice(0, kept),
    keyFresh: keyFresh.slice(0, kept),
  };
}

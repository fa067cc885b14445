import { align, type Bead } from '../align/align';
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

/** How many windows of the translation's own size are tried one by one; beyond, the search goes coarse first. */
const EXACT_WINDOWS = 160;

/** About how many sentences, both sides counted, one stage of the search may align. */
const SEARCH_SENTENCES = 12_000;

/**
 * Finds the stretch of rows a partial translation covers.
 *
 * Aligning a few sentences against a whole document lets the aligner spread
 * them over it (its length model assumes both sides cover the same text), so
 * first the window of rows that aligns best is looked for, scored by
 * `makeScorer`. Windows are about as long as the translation (by characters,
 * at the project's length ratio). When there are few, each is tried; else
 * windows twice that long, half a translation apart (so the stretch lies
 * whole in one of them), are tried first, then the exact windows inside the
 * best one when they are few. The search aligns without the second,
 * dictionary-learning pass, which only the final alignment needs.
 */
function locateStretch(
  lane: ReadonlyArray<LaneRow>,
  sentences: Sentences,
  ratio: number,
  scorer: Scorer,
  pivot: Language,
  language: Language,
): Window {
  const n = lane.length;
  const targetChars = sentences.texts.reduce((sum, text) => sum + text.length, 0);
  const laneChars = lane.reduce((sum, row) => sum + row.text.length, 0);
  const meanRow = Math.max(1, laneChars / n);
  const expected = Math.max(1, Math.round(targetChars / Math.max(0.05, ratio) / meanRow));
  const count = sentences.texts.length;
  const span = Math.max(expected, count);
  if (2 * span + 2 >= n) return { start: 0, size: n };
  const targetLengths = sentences.texts.map((text) => text.length);
  const clampSize = (size: number): number => Math.max(1, Math.min(n, Math.round(size)));
  const sizes = [
    ...new Set([
      clampSize(expected * 0.8),
      clampSize(expected),
      clampSize(expected + 1),
      clampSize(expected * 1.25 + 1),
      clampSize(count),
      clampSize(count + 1),
    ]),
  ];

  const cache = new Map<string, number>();
  const score = (window: Window): number => {
    const key = `${window.start}:${window.size}`;
    const known = cache.get(key);
    if (known !== undefined) return known;
    const rows = lane.slice(window.start, window.start + window.size);
    const { beads } = align(
      { texts: rows.map((r) => r.text), language: pivot },
      { texts: sentences.texts, language },
      { realign: false },
    );
    const total = scorer(
      repairBeads(
        beads,
        rows.map((r) => r.text.length),
        targetLengths,
        ratio,
      ),
      rows,
    );
    cache.set(key, total);
    return total;
  };
  const best = (windows: ReadonlyArray<Window>): Window | undefined => {
    let found: Window | undefined;
    let top = -Infinity;
    for (const window of windows) {
      const value = score(window);
      if (value > top) {
        found = window;
        top = value;
      }
    }
    return found;
  };
  const exactWindows = (from: number, to: number): Window[] =>
    sizes.flatMap((size) => {
      const windows: Window[] = [];
      for (let start = from; start + size <= to; start++) windows.push({ start, size });
      return windows;
    });

  // Few enough aligned sentences per search to keep a long document's search to seconds.
  const calls = Math.max(6, Math.min(EXACT_WINDOWS, Math.ceil(SEARCH_SENTENCES / (span + count))));
  const everywhere = exactWindows(0, n);
  if (everywhere.length <= calls) return best(everywhere) ?? { start: 0, size: n };
  const wide = clampSize(2 * span + 2);
  const step = Math.max(1, Math.floor(span / 2));
  let coarse: Window[] = [];
  for (let start = 0; start + wide <= n; start += step) coarse.push({ start, size: wide });
  if ((n - wide) % step !== 0) coarse.push({ start: n - wide, size: wide });
  coarse = likelyWindows(coarse, lane, sentences.texts, calls);
  const around = best(coarse) ?? { start: 0, size: n };
  const stride = Math.max(1, Math.ceil((around.size * sizes.length) / calls));
  const sampled = sizes.flatMap((size) => {
    const windows: Window[] = [];
    for (let start = around.start; start + size <= around.start + around.size; start += stride) {
      windows.push({ start, size });
    }
    return windows;
  });
  let current = best(sampled) ?? around;
  // Refine the sampled best by halving steps of its start and size, each step while it helps.
  for (let delta = Math.floor(stride / 2); delta >= 1; delta = Math.floor(delta / 2)) {
    for (let round = 0; round < 4; round++) {
      const { start, size } = current;
      const next = best(
        [
          current,
          { start: start - delta, size },
          { start: start + delta, size },
          { start, size: size + delta },
          { start, size: size - delta },
        ].filter((w) => w.start >= 0 && w.size >= 1 && w.start + w.size <= n),
      );
      if (next === undefined || next === current) break;
      current = next;
    }
  }
  return current;
}

/** Digit runs of a text, grouping separators removed ("12,000" and "12 000" are "12000"). */
function numbersOf(text: string): string[] {
  return (text.replace(/(\d)[ ,.\u00a0\u202f](?=\d{3}\b)/gu, '$1').match(/\d+/gu) ?? []).filter((n) => n.length > 1);
}

/**
 * The coarse windows worth aligning: those sharing the most numbers with the translation.
 *
 * Numbers survive translation in all four languages, so when the
 * translation has some, the windows that share none can be skipped; with
 * no numbers (or few windows), every window stays.
 */
function likelyWindows(
  windows: ReadonlyArray<Window>,
  lane: ReadonlyArray<LaneRow>,
  texts: ReadonlyArray<string>,
  keep: number,
): Window[] {
  const wanted = new Set(texts.flatMap(numbersOf));
  if (windows.length <= keep || wanted.size === 0) return [...windows];
  const hits = lane.map((row) => new Set(numbersOf(row.text).filter((n) => wanted.has(n))));
  const shared = (window: Window): number => {
    const found = new Set<string>();
    for (let k = window.start; k < window.start + window.size; k++) for (const n of hits[k] ?? []) found.add(n);
    return found.size;
  };
  const scored = windows.map((window) => ({ window, shared: shared(window) }));
  if (scored.every((entry) => entry.shared === 0)) return [...windows];
  return scored
    .sort((a, b) => b.shared - a.shared || a.window.start - b.window.start)
    .slice(0, keep)
    .map((entry) => entry.window);
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
export function planAlignment(project: Project, request: AlignIntoColumnRequest): AlignPlan {
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
  const window = locateStretch(lane, sentences, ratio, scorer, pivot, language);
  const { rows, beads } = alignStretch(lane, window, sentences, ratio, scorer, pivot, language);
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
    const flagged = targets > 1 || beadRows.length > 1 ? Math.min(confidence, FLAGGED_CONFIDENCE) : confidence;
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
  fills.sort((a, b) => indexOf(segments, a.segmentId) - indexOf(segments, b.segmentId));
  const lastRow = rows[rows.length - 1];
  return {
    documentId: document.id,
    language,
    pivot,
    sentences: sentences.texts.length,
    covered: firstRow === undefined || lastRow === undefined ? null : { first: firstRow.id, last: lastRow.id },
    fills,
    proposals,
  };
}

function indexOf(segments: ReadonlyArray<Segment>, id: string): number {
  return segments.findIndex((s) => s.id === id);
}

/** One cell set by the aligner: a draft (a source cell stays the source) with the link's confidence. */
function withCell(segment: Segment, language: Language, text: string, confidence: number): Segment {
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

/**
 * How far the review of a document has come, per language.
 *
 * Counts each translation cell by its status, leaving out excluded rows
 * (page furniture is not translated) and the document's source language.
 * The counts are disjoint: a reviewed cell counts as reviewed, not also as
 * translated. Worked out once per document value (an edit makes a new one)
 * and kept in a WeakMap, so every reader of one state shares one count.
 */
import type { Language } from '../languages';
import type { Segment, SegmentStatus, SubrelayDocument } from '../model/project';
import { changedPositions } from '../model/segmentIndex';

export interface LanguageProgress {
  readonly language: Language;
  readonly draft: number;
  readonly translated: number;
  readonly reviewed: number;
  readonly approved: number;
  /** Rows the language is translated in: not excluded, and not holding the source text. */
  readonly total: number;
}

interface Counted {
  readonly document: SubrelayDocument;
  readonly languages: ReadonlyArray<Language>;
  /** Per target language: draft, translated, reviewed, approved, total. */
  readonly counts: Int32Array;
  readonly value: ReadonlyArray<LanguageProgress>;
}

const cache = new WeakMap<SubrelayDocument, Counted>();
/** The last count made, for counting the next document value from the rows that changed. */
let last: Counted | undefined;

const FIELDS = 5;
/** More changed rows than this are recounted by a pass over the rows. */
const CHANGED_LIMIT = 256;
const SLOT: Readonly<Record<SegmentStatus, number>> = { draft: 0, translated: 1, reviewed: 2, approved: 3, source: -1 };

function targetsOf(document: SubrelayDocument, languages: ReadonlyArray<Language>): ReadonlyArray<Language> {
  return languages.filter((language) => language !== document.sourceLanguage);
}

/** Adds (sign 1) or takes away (sign -1) one row's cells. */
function tally(counts: Int32Array, targets: ReadonlyArray<Language>, segment: Segment, sign: number): void {
  if (segment.excluded === true) return;
  for (let index = 0; index < targets.length; index++) {
    const slot = SLOT[segment.status[targets[index] as Language]];
    if (slot < 0) continue;
    counts[index * FIELDS + slot] = (counts[index * FIELDS + slot] ?? 0) + sign;
    counts[index * FIELDS + 4] = (counts[index * FIELDS + 4] ?? 0) + sign;
  }
}

function valueOf(counts: Int32Array, targets: ReadonlyArray<Language>): ReadonlyArray<LanguageProgress> {
  return targets.map((language, index) => ({
    language,
    draft: counts[index * FIELDS] ?? 0,
    translated: counts[index * FIELDS + 1] ?? 0,
    reviewed: counts[index * FIELDS + 2] ?? 0,
    approved: counts[index * FIELDS + 3] ?? 0,
    total: counts[index * FIELDS + 4] ?? 0,
  }));
}

/** Counts one document from scratch; see `documentProgress` for the cached, incremental version. */
export function countProgress(
  document: SubrelayDocument,
  languages: ReadonlyArray<Language>,
): ReadonlyArray<LanguageProgress> {
  const targets = targetsOf(document, languages);
  const counts = new Int32Array(targets.length * FIELDS);
  for (const segment of document.segments) tally(counts, targets, segment, 1);
  return valueOf(counts, targets);
}

/**
 * The progress of a document in the project's languages, counted once per document value.
 *
 * When the last document counted is an earlier value of the same document
 * with as many rows (an edit to cells), only the rows whose segment changed
 * are recounted: the rest is a comparison of references, not of statuses.
 */
export function documentProgress(
  document: SubrelayDocument,
  languages: ReadonlyArray<Language>,
): ReadonlyArray<LanguageProgress> {
  const cached = cache.get(document);
  if (cached !== undefined && cached.languages === languages) return cached.value;
  const targets = targetsOf(document, languages);
  const previous = last;
  let counts: Int32Array;
  if (
    previous !== undefined &&
    previous.languages === languages &&
    previous.document.id === document.id &&
    previous.document.sourceLanguage === document.sourceLanguage &&
    previous.document.segments.length === document.segments.length
  ) {
    counts = previous.counts.slice();
    const before = previous.document.segments;
    const after = document.segments;
    // An edit of one cell says which row it changed: no pass over the others.
    const changed = changedPositions(before, after, CHANGED_LIMIT);
    const recount = (index: number): void => {
      const old = before[index];
      const now = after[index];
      if (old === now || old === undefined || now === undefined) return;
      tally(counts, targets, old, -1);
      tally(counts, targets, now, 1);
    };
    if (changed !== undefined) changed.forEach(recount);
    else for (let index = 0; index < after.length; index++) recount(index);
  } else {
    counts = new Int32Array(targets.length * FIELDS);
    for (const segment of document.segments) tally(counts, targets, segment, 1);
  }
  const counted: Counted = { document, languages, counts, value: valueOf(counts, targets) };
  cache.set(document, counted);
  last = counted;
  return counted.value;
}

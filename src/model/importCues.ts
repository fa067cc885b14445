import type { Cue } from '../formats/cue';
import type { Language } from '../languages';
import type { Project, Segment, SegmentStatus, SubrelayDocument } from './project';

/** How imported cues find their segments. */
export type CueMatching = 'overlap' | 'order';

export interface CueImportReport {
  /** Cues that went into an existing segment. */
  readonly matched: number;
  /** Cues that matched no segment and got a new row of their own. */
  readonly added: number;
}

function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** A new row holding one cue: a draft in every language, or the source in `language` when it is the document's. */
function newSegment(id: string, language: Language, cue: Cue, isSource: boolean): Segment {
  const texts = { en: '', ko: '', uk: '', ru: '' };
  texts[language] = cue.text;
  const status: { [L in Language]: SegmentStatus } = { en: 'draft', ko: 'draft', uk: 'draft', ru: 'draft' };
  if (isSource) status[language] = 'source';
  return withAssStyle({ id, paragraph: 0, start: cue.start, end: cue.end, texts, status }, language, cue.style);
}

/** The segment with the ASS style its cue in this language was in (ASS imports only). */
function withAssStyle(segment: Segment, language: Language, style: string | undefined): Segment {
  if (style === undefined || segment.assStyle?.[language] === style) return segment;
  return { ...segment, assStyle: { ...segment.assStyle, [language]: style } };
}

/** The id of the n-th fresh row: `c001`, `c002`, … (`c1000` after `c999`). */
function idOf(base: string, n: number): string {
  return `${base}${String(n).padStart(3, '0')}`;
}

/**
 * The first number after every id of the form base + digits that is taken.
 *
 * Numbering on from the largest one (rather than looking for the first gap
 * on every new row, which made an import quadratic) cannot collide: an id
 * built from a larger number reads back as that number, so it is not taken.
 */
function nextIdNumber(taken: ReadonlyArray<{ readonly id: string }>, base: string): number {
  let largest = 0;
  for (const { id } of taken) {
    if (!id.startsWith(base)) continue;
    const digits = id.slice(base.length);
    if (!/^\d+$/u.test(digits)) continue;
    largest = Math.max(largest, Number(digits));
  }
  return largest + 1;
}

/** Reports progress every this many cues, so a caller can update a bar without being called 100,000 times. */
const PROGRESS_STEP = 4096;

/** Called with the cues handled so far and the number of cues, during long work. */
export type ImportProgress = (done: number, total: number) => void;

/** An included row with a start and an end after it: one a cue can overlap. */
interface TimedRow {
  /** Its index among the document's rows. */
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/** A min-heap of rows by end time: the timed rows that started before a point and may still be running. */
class EndHeap {
  readonly rows: TimedRow[] = [];

  push(row: TimedRow): void {
    const { rows } = this;
    let at = rows.length;
    rows.push(row);
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = rows[parentAt];
      if (parent === undefined || parent.end <= row.end) break;
      rows[at] = parent;
      at = parentAt;
    }
    rows[at] = row;
  }

  /** Drops every row that ends at or before `time`. */
  dropEndingBy(time: number): void {
    const { rows } = this;
    for (let top = rows[0]; top !== undefined && top.end <= time; top = rows[0]) {
      const last = rows.pop();
      if (last === undefined || rows.length === 0) break;
      let at = 0;
      for (;;) {
        const leftAt = 2 * at + 1;
        const left = rows[leftAt];
        if (left === undefined) break;
        const right = rows[leftAt + 1];
        const child = right !== undefined && right.end < left.end ? right : left;
        if (child.end >= last.end) break;
        rows[at] = child;
        at = child === left ? leftAt : leftAt + 1;
      }
      rows[at] = last;
    }
  }
}

/**
 * For each cue, the index in `segments` of the included timed row it overlaps most, or -1.
 *
 * The same choice as comparing every cue with every row (the largest
 * positive overlap; on a tie, the row that comes first in the document), in
 * O((cues + rows) log rows + overlapping pairs): a row overlaps a cue
 * either because it starts inside the cue (a range of the rows sorted by
 * start, found by walking on from the rows already started) or because it
 * is running when the cue starts (the rows kept in a heap by end time while
 * the cues are swept in order of start). Rows need not be in time order,
 * and may overlap.
 */
function matchByTime(
  segments: ReadonlyArray<Segment>,
  cues: ReadonlyArray<Cue>,
  progress: (done: number) => void,
): Int32Array {
  const timed: TimedRow[] = [];
  segments.forEach((segment, index) => {
    const { start, end } = segment;
    // A row with no length overlaps nothing.
    if (segment.excluded === true || start === undefined || end === undefined || !(end > start)) return;
    timed.push({ index, start, end });
  });
  timed.sort((a, b) => a.start - b.start || a.index - b.index);
  const order = cues
    .map((cue, index) => ({ cue, index }))
    .sort((a, b) => a.cue.start - b.cue.start || a.index - b.index);
  const targets = new Int32Array(cues.length).fill(-1);
  const running = new EndHeap();
  let entered = 0;
  let done = 0;
  for (const { cue, index: cueIndex } of order) {
    if (++done % PROGRESS_STEP === 0) progress(done);
    for (let row = timed[entered]; row !== undefined && row.start < cue.start; row = timed[++entered])
      running.push(row);
    running.dropEndingBy(cue.start);
    if (!(cue.end > cue.start)) continue;
    let target = -1;
    let most = 0;
    const consider = (row: TimedRow): void => {
      const shared = overlap(cue, row);
      if (shared > most || (shared === most && shared > 0 && row.index < target)) {
        most = shared;
        target = row.index;
      }
    };
    for (const row of running.rows) consider(row);
    for (let at = entered, row = timed[at]; row !== undefined && row.start < cue.end; row = timed[++at]) consider(row);
    targets[cueIndex] = target;
  }
  return targets;
}

/** The first index whose row starts after `time` (rows need not be in time order), or the number of rows. */
function firstStartingAfter(runningMaxStart: ReadonlyArray<number>, time: number): number {
  let low = 0;
  let high = runningMaxStart.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((runningMaxStart[middle] ?? Infinity) > time) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** A cell filled by an import: a draft, unless the text did not change (its status stays) or it is the source. */
function withImportedText(segment: Segment, language: Language, text: string): Segment {
  if (segment.texts[language] === text) return segment;
  return {
    ...segment,
    texts: { ...segment.texts, [language]: text },
    status: { ...segment.status, [language]: segment.status[language] === 'source' ? 'source' : 'draft' },
  };
}

/**
 * Puts a subtitle file's cues into one language column of a transcript.
 *
 * `overlap`: each cue goes to the timed segment it overlaps most (several
 * cues on one segment are joined with a line break); `order`: the n-th cue
 * goes to the n-th included segment (excluded rows are stepped over). A cue
 * that finds no segment gets a new row with its own start and end: placed
 * by start time with `overlap`, after the last included row with `order`
 * (order says nothing about time), so nothing in the file is dropped. A
 * filled cell becomes a draft, unless its text did not change (then its
 * status stays, so importing the same file twice costs no review) or it is
 * the document's source (it stays the source). A cue without text never
 * empties a filled cell. New rows are named `c` and a number past the
 * largest such id in the document. Returns the project unchanged with a
 * report of zero when there are no cues.
 *
 * Runs in O((cues + rows) log(cues + rows)) (see `matchByTime`): 100,000
 * cues take a fraction of a second. `onProgress` hears how many cues have
 * been matched, every few thousand.
 */
export function importCuesIntoDocument(
  project: Project,
  documentId: string,
  language: Language,
  cues: ReadonlyArray<Cue>,
  matching: CueMatching,
  onProgress?: ImportProgress,
): { readonly project: Project; readonly report: CueImportReport } {
  const document = project.documents.find((d) => d.id === documentId);
  if (document === undefined) throw new Error(`No document ${documentId}`);
  const original = document.segments;
  const progress = (done: number): void => onProgress?.(done, cues.length);
  // targets[cue] is the index in `original` of the row the cue goes into, or -1.
  let targets: Int32Array;
  if (matching === 'order') {
    const included: number[] = [];
    original.forEach((segment, index) => {
      if (segment.excluded !== true) included.push(index);
    });
    targets = Int32Array.from(cues, (_, index) => included[index] ?? -1);
  } else {
    targets = matchByTime(original, cues, progress);
  }
  // The cues of each row in the file's order (several cues on one row are joined), and the cues without a row.
  const assigned = new Map<number, string[]>();
  /** The ASS style of the first cue that went into each row. */
  const styles = new Map<number, string>();
  const orphans: Cue[] = [];
  cues.forEach((cue, index) => {
    const target = targets[index] ?? -1;
    if (target < 0) {
      orphans.push(cue);
      return;
    }
    const texts = assigned.get(target);
    if (texts === undefined) assigned.set(target, [cue.text]);
    else texts.push(cue.text);
    if (cue.style !== undefined && !styles.has(target)) styles.set(target, cue.style);
  });
  const filled: Segment[] = original.map((segment, index) => {
    const texts = assigned.get(index)?.filter((text) => text.trim() !== '');
    if (texts === undefined || texts.length === 0) return segment;
    return withAssStyle(withImportedText(segment, language, texts.join('\n')), language, styles.get(index));
  });
  let next = nextIdNumber(original, 'c');
  const isSource = language === document.sourceLanguage;
  const added = orphans.map((cue) => ({ cue, row: newSegment(idOf('c', next++), language, cue, isSource) }));
  // before.get(i): the new rows that go just before row i (i = filled.length: after the last row).
  const before = new Map<number, Array<(typeof added)[number]>>();
  const place = (at: number, item: (typeof added)[number]): void => {
    const group = before.get(at);
    if (group === undefined) before.set(at, [item]);
    else group.push(item);
  };
  if (matching === 'order') {
    // Order says nothing about time: surplus cues follow the last included row, in the file's order.
    let lastIncluded = -1;
    filled.forEach((segment, index) => {
      if (segment.excluded !== true) lastIncluded = index;
    });
    for (const item of added) place(lastIncluded < 0 ? filled.length : lastIncluded + 1, item);
  } else {
    // By time: before the first row that starts later (in document order, even where the rows are not in time order).
    const runningMaxStart: number[] = [];
    let latest = -Infinity;
    for (const segment of filled) {
      if (segment.start !== undefined) latest = Math.max(latest, segment.start);
      runningMaxStart.push(latest);
    }
    for (const item of added) place(firstStartingAfter(runningMaxStart, item.cue.start), item);
    // New rows that share a place keep time order; a stable sort keeps the file's order on equal starts.
    for (const group of before.values()) group.sort((a, b) => a.cue.start - b.cue.start);
  }
  const segments: Segment[] = [];
  filled.forEach((segment, index) => {
    for (const item of before.get(index) ?? []) segments.push(item.row);
    segments.push(segment);
  });
  for (const item of before.get(filled.length) ?? []) segments.push(item.row);
  const updated: SubrelayDocument = { ...document, segments };
  return {
    project: { ...project, documents: project.documents.map((d) => (d.id === documentId ? updated : d)) },
    report: { matched: cues.length - orphans.length, added: orphans.length },
  };
}

/** A new transcript document made from a subtitle file, one segment per cue. */
export function documentFromCues(
  project: Project,
  title: string,
  language: Language,
  cues: ReadonlyArray<Cue>,
): { readonly project: Project; readonly documentId: string } {
  const taken = new Set(project.documents.map((d) => d.id));
  const base =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, '-')
      .replace(/^-+|-+$/gu, '') || 'subtitles';
  let documentId = base;
  for (let n = 2; taken.has(documentId); n++) documentId = `${base}-${n}`;
  const document: SubrelayDocument = {
    id: documentId,
    kind: 'transcript',
    title,
    sourceLanguage: language,
    segments: cues.map((cue, index) => newSegment(idOf('s', index + 1), language, cue, true)),
  };
  return { project: { ...project, documents: [...project.documents, document] }, documentId };
}

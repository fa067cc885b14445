import { LANGUAGES, type Language } from '../languages';
import type { Project, Segment, SegmentRole, SegmentStatus, SubrelayDocument } from './project';
import { positionOf, replaceAt } from './segmentIndex';

/** Identifies one segment of one document. */
export interface SegmentRef {
  readonly documentId: string;
  readonly segmentId: string;
}

function updateSegment(project: Project, ref: SegmentRef, update: (segment: Segment) => Segment): Project {
  const document = project.documents.find((d) => d.id === ref.documentId);
  const position = document === undefined ? -1 : positionOf(document.segments, ref.segmentId);
  const segment = document?.segments[position];
  if (document === undefined || segment === undefined) throw new Error(`No segment ${ref.documentId}/${ref.segmentId}`);
  // One row changes: a copy of the array with that row replaced, not a pass over every row.
  const segments = replaceAt(document.segments, position, update(segment));
  return {
    ...project,
    documents: project.documents.map((d) => (d === document ? { ...document, segments } : d)),
  };
}

/** The segment `ref` names, found through the position index. */
function segmentAt(project: Project, ref: SegmentRef): Segment | undefined {
  const document = project.documents.find((d) => d.id === ref.documentId);
  return document === undefined ? undefined : document.segments[positionOf(document.segments, ref.segmentId)];
}

/**
 * Replaces one language's text in one segment.
 *
 * Returns the same project object when nothing changes, so that callers can
 * skip marking the project dirty or recording an undo step.
 */
export function setSegmentText(project: Project, ref: SegmentRef, language: Language, text: string): Project {
  if (segmentAt(project, ref)?.texts[language] === text) return project;
  return updateSegment(project, ref, (current) => {
    // Editing a cell is the translator's word on it: the aligner's doubt no longer applies.
    const { confidence, ...rest } = current;
    const remaining = Object.fromEntries(Object.entries(confidence ?? {}).filter(([key]) => key !== language));
    return {
      ...rest,
      texts: { ...current.texts, [language]: text },
      ...(Object.keys(remaining).length > 0 ? { confidence: remaining } : {}),
    };
  });
}

/** Sets a segment's start or end time in milliseconds (the other bound is kept). */
export function setSegmentTime(
  project: Project,
  ref: SegmentRef,
  bound: 'start' | 'end',
  milliseconds: number,
): Project {
  if (segmentAt(project, ref)?.[bound] === milliseconds) return project;
  return updateSegment(project, ref, (current) => {
    const start = bound === 'start' ? milliseconds : (current.start ?? milliseconds);
    const end = bound === 'end' ? milliseconds : (current.end ?? milliseconds);
    return { ...current, start, end };
  });
}

/** Sets both times of one cue (a drag on the waveform): one row changes, found through the position index. */
export function setCueTimes(project: Project, ref: SegmentRef, start: number, end: number): Project {
  const current = segmentAt(project, ref);
  if (current?.start === start && current.end === end) return project;
  return updateSegment(project, ref, (segment) => ({ ...segment, start, end }));
}

/**
 * Attaches media to a transcript (or detaches it with `undefined`).
 *
 * `path` is what the media operations answered as the reference to store:
 * relative to the project file when there is one.
 */
export function setDocumentMedia(project: Project, documentId: string, path: string | undefined): Project {
  const document = project.documents.find((d) => d.id === documentId);
  if (document === undefined) throw new Error(`No document ${documentId}`);
  if (document.kind !== 'transcript') throw new Error(`Only a transcript can have media: ${documentId}`);
  if (document.media?.path === path) return project;
  const changed: SubrelayDocument =
    path === undefined
      ? (Object.fromEntries(Object.entries(document).filter(([key]) => key !== 'media')) as SubrelayDocument)
      : { ...document, media: { path } };
  return { ...project, documents: project.documents.map((d) => (d === document ? changed : d)) };
}

function findSegment(
  project: Project,
  ref: SegmentRef,
): { document: SubrelayDocument; index: number; segment: Segment } {
  const document = project.documents.find((d) => d.id === ref.documentId);
  const index = document === undefined ? -1 : positionOf(document.segments, ref.segmentId);
  const segment = document?.segments[index];
  if (document === undefined || segment === undefined) throw new Error(`No segment ${ref.documentId}/${ref.segmentId}`);
  return { document, index, segment };
}

function replaceSegments(project: Project, documentId: string, segments: ReadonlyArray<Segment>): Project {
  return {
    ...project,
    documents: project.documents.map((d) => (d.id === documentId ? { ...d, segments } : d)),
  };
}

/** An id not yet used in the document, derived from `base` ("a012" → "a012-2"). */
export function uniqueSegmentId(document: SubrelayDocument, base: string): string {
  const taken = new Set(document.segments.map((s) => s.id));
  const stem = base.replace(/-\d+$/u, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Splits a segment at a character offset in one language.
 *
 * Every language gets the new row; the text after the offset moves down in
 * the split language only (the others' new cells start empty, to be filled
 * or merged by the translator). A timed segment's span is divided in
 * proportion to where the split falls in that language's text.
 */
export function splitSegment(project: Project, ref: SegmentRef, language: Language, offset: number): Project {
  const { document, index, segment } = findSegment(project, ref);
  const text = segment.texts[language];
  const at = Math.max(0, Math.min(offset, text.length));
  const head = text.slice(0, at).trimEnd();
  const tail = text.slice(at).trimStart();
  const emptyTexts = { en: '', ko: '', uk: '', ru: '' };
  let first: Segment = { ...segment, texts: { ...segment.texts, [language]: head } };
  let second: Segment = {
    id: uniqueSegmentId(document, segment.id),
    paragraph: segment.paragraph,
    ...(segment.excluded === true ? { excluded: true } : {}),
    texts: { ...emptyTexts, [language]: tail },
    status: segment.status,
  };
  if (segment.start !== undefined && segment.end !== undefined) {
    const share = text.length === 0 ? 0.5 : at / text.length;
    const middle = Math.round(segment.start + (segment.end - segment.start) * share);
    first = { ...first, end: middle };
    second = { ...second, start: middle, end: segment.end };
  }
  const segments = [...document.segments];
  segments.splice(index, 1, first, second);
  return replaceSegments(project, document.id, segments);
}

const STATUS_ORDER: ReadonlyArray<SegmentStatus> = ['draft', 'translated', 'reviewed', 'approved', 'source'];

function weakerStatus(a: SegmentStatus, b: SegmentStatus): SegmentStatus {
  return STATUS_ORDER.indexOf(a) <= STATUS_ORDER.indexOf(b) ? a : b;
}

function joinText(a: string, b: string): string {
  if (a.trim() === '') return b;
  if (b.trim() === '') return a;
  return `${a.trimEnd()} ${b.trimStart()}`;
}

/**
 * Merges a segment with the one after it, in every language.
 *
 * Texts are joined with a space, the time span covers both, and each
 * language keeps the less advanced of the two statuses, so a merged cell is
 * never shown as more reviewed than its weakest part.
 */
export function mergeWithNext(project: Project, ref: SegmentRef): Project {
  const { document, index, segment: first } = findSegment(project, ref);
  const second = document.segments[index + 1];
  if (second === undefined) return project;
  const segments = [...document.segments];
  segments.splice(index, 2, mergeSegmentPair(first, second));
  return replaceSegments(project, document.id, segments);
}

/**
 * Merges several segments, in document order, into the first of them.
 *
 * Rows between them that are not listed (page furniture left out of an
 * alignment, say) stay where they are, after the merged row.
 */
export function mergeSegments(project: Project, documentId: string, ids: ReadonlyArray<string>): Project {
  if (ids.length < 2) return project;
  const document = project.documents.find((d) => d.id === documentId);
  if (document === undefined) throw new Error(`No document ${documentId}`);
  const wanted = new Set(ids);
  const parts = document.segments.filter((s) => wanted.has(s.id));
  const [head, ...rest] = parts;
  if (head === undefined || rest.length === 0) return project;
  const merged = rest.reduce(mergeSegmentPair, head);
  const segments = document.segments.flatMap((s) => (s.id === head.id ? [merged] : wanted.has(s.id) ? [] : [s]));
  return replaceSegments(project, document.id, segments);
}

/** Two segments as one: texts joined, times spanning both, the weaker status, notes kept. */
export function mergeSegmentPair(first: Segment, second: Segment): Segment {
  const texts = { ...first.texts };
  const status = { ...first.status };
  for (const language of LANGUAGES) {
    texts[language] = joinText(first.texts[language], second.texts[language]);
    status[language] = weakerStatus(first.status[language], second.status[language]);
  }
  const start = first.start ?? second.start;
  const end = second.end ?? first.end;
  const note = [first.note, second.note].filter((n) => n !== undefined && n !== '').join('\n');
  const comments = [...(first.comments ?? []), ...(second.comments ?? [])];
  return {
    id: first.id,
    paragraph: first.paragraph,
    ...(first.excluded === true && second.excluded === true ? { excluded: true } : {}),
    ...(start !== undefined && end !== undefined ? { start, end } : {}),
    texts,
    status,
    ...(note !== '' ? { note } : {}),
    ...(comments.length > 0 ? { comments } : {}),
  };
}

/** Sets one language's status in one segment. */
export function setSegmentStatus(
  project: Project,
  ref: SegmentRef,
  language: Language,
  status: SegmentStatus,
): Project {
  if (findSegment(project, ref).segment.status[language] === status) return project;
  return updateSegment(project, ref, (s) => ({ ...s, status: { ...s.status, [language]: status } }));
}

/** Excludes a segment from every export, or includes it again. */
export function setSegmentExcluded(project: Project, ref: SegmentRef, excluded: boolean): Project {
  if ((findSegment(project, ref).segment.excluded === true) === excluded) return project;
  return updateSegment(project, ref, (s) => {
    if (excluded) return { ...s, excluded: true };
    const included: Segment = { ...s };
    delete (included as { excluded?: boolean }).excluded;
    return included;
  });
}

/**
 * Marks a segment as its article's headline, or back to body text.
 *
 * Only layout changes: the headline becomes `#` in Markdown and a Title in
 * DOCX; texts, statuses and paragraphs stay as they were.
 */
export function setSegmentRole(project: Project, ref: SegmentRef, role: SegmentRole | undefined): Project {
  if (findSegment(project, ref).segment.role === role) return project;
  return updateSegment(project, ref, (s) => {
    if (role !== undefined) return { ...s, role };
    const plain: Segment = { ...s };
    delete (plain as { role?: SegmentRole }).role;
    return plain;
  });
}

/**
 * Sets the times of several segments at once (a shift, a stretch, auto-timing).
 *
 * Segments not in `times` keep theirs; one undo step undoes all of them.
 */
export function setSegmentTimes(
  project: Project,
  documentId: string,
  times: ReadonlyMap<string, { readonly start: number; readonly end: number }>,
): Project {
  const document = project.documents.find((d) => d.id === documentId);
  if (document === undefined) throw new Error(`No document ${documentId}`);
  let changed = false;
  const segments = document.segments.map((segment) => {
    const time = times.get(segment.id);
    if (time === undefined || (time.start === segment.start && time.end === segment.end)) return segment;
    changed = true;
    return { ...segment, start: Math.max(0, Math.round(time.start)), end: Math.max(0, Math.round(time.end)) };
  });
  return changed ? replaceSegments(project, documentId, segments) : project;
}

/**
 * Review comments per cell: who said what about one language's text, and when.
 *
 * A segment keeps its comments in one list (oldest first) with the language
 * each is about; these helpers read and replace one cell's share of it, so
 * that editing a cell's notes is one edit (one undo step). The older
 * single `note` of a segment stays as it was: it is about the whole row.
 */
import type { Language } from '../languages';
import type { SegmentRef } from '../model/edit';
import type { Project, Segment, SegmentComment } from '../model/project';

const NONE: ReadonlyArray<SegmentComment> = [];

/** One cell's comments, oldest first. */
export function cellComments(segment: Segment, language: Language): ReadonlyArray<SegmentComment> {
  const all = segment.comments;
  if (all === undefined || all.length === 0) return NONE;
  return all.filter((comment) => comment.language === language);
}

/** Whether a row has anything to read: its note, or a comment (on `language`'s cell, or on any cell). */
export function hasNotes(segment: Segment, language?: Language): boolean {
  if (language === undefined && segment.note !== undefined && segment.note.trim() !== '') return true;
  const all = segment.comments ?? NONE;
  return all.some((comment) => (language === undefined || comment.language === language) && comment.text !== '');
}

function sameComments(a: ReadonlyArray<SegmentComment>, b: ReadonlyArray<SegmentComment>): boolean {
  return (
    a.length === b.length &&
    a.every((comment, index) => {
      const other = b[index];
      return (
        other !== undefined &&
        other.language === comment.language &&
        other.author === comment.author &&
        other.time === comment.time &&
        other.text === comment.text
      );
    })
  );
}

/**
 * Replaces one cell's comments; the other cells' comments stay where they were.
 *
 * Comments with empty text are dropped (emptying a comment deletes it).
 * Returns the same project when nothing changes, so no undo step is
 * recorded for nothing. Throws when the segment is not in the project.
 */
export function setCellComments(
  project: Project,
  ref: SegmentRef,
  language: Language,
  comments: ReadonlyArray<Omit<SegmentComment, 'language'>>,
): Project {
  const document = project.documents.find((d) => d.id === ref.documentId);
  const index = document?.segments.findIndex((s) => s.id === ref.segmentId) ?? -1;
  const segment = document?.segments[index];
  if (document === undefined || segment === undefined) throw new Error(`No segment ${ref.documentId}/${ref.segmentId}`);
  const wanted = comments
    .filter((comment) => comment.text.trim() !== '')
    .map((comment) => ({ language, author: comment.author, time: comment.time, text: comment.text }));
  if (sameComments(cellComments(segment, language), wanted)) return project;
  const others = (segment.comments ?? NONE).filter((comment) => comment.language !== language);
  const all = [...others, ...wanted];
  const updated: Segment = { ...segment, comments: all };
  if (all.length === 0) delete (updated as { comments?: unknown }).comments;
  const segments = [...document.segments];
  segments[index] = updated;
  return {
    ...project,
    documents: project.documents.map((d) => (d === document ? { ...document, segments } : d)),
  };
}

import type { Language } from '../languages';
import type { Project, Segment } from './project';

/** Identifies one segment of one document. */
export interface SegmentRef {
  readonly documentId: string;
  readonly segmentId: string;
}

function updateSegment(project: Project, ref: SegmentRef, update: (segment: Segment) => Segment): Project {
  let found = false;
  const documents = project.documents.map((document) => {
    if (document.id !== ref.documentId) return document;
    return {
      ...document,
      segments: document.segments.map((segment) => {
        if (segment.id !== ref.segmentId) return segment;
        found = true;
        return update(segment);
      }),
    };
  });
  if (!found) throw new Error(`No segment ${ref.documentId}/${ref.segmentId}`);
  return { ...project, documents };
}

/**
 * Replaces one language's text in one segment.
 *
 * Returns the same project object when nothing changes, so that callers can
 * skip marking the project dirty or recording an undo step.
 */
export function setSegmentText(project: Project, ref: SegmentRef, language: Language, text: string): Project {
  const segment = project.documents.find((d) => d.id === ref.documentId)?.segments.find((s) => s.id === ref.segmentId);
  if (segment?.texts[language] === text) return project;
  return updateSegment(project, ref, (current) => ({ ...current, texts: { ...current.texts, [language]: text } }));
}

/** Sets a segment's start or end time in milliseconds (the other bound is kept). */
export function setSegmentTime(
  project: Project,
  ref: SegmentRef,
  bound: 'start' | 'end',
  milliseconds: number,
): Project {
  const segment = project.documents.find((d) => d.id === ref.documentId)?.segments.find((s) => s.id === ref.segmentId);
  if (segment?.[bound] === milliseconds) return project;
  return updateSegment(project, ref, (current) => {
    const start = bound === 'start' ? milliseconds : (current.start ?? milliseconds);
    const end = bound === 'end' ? milliseconds : (current.end ?? milliseconds);
    return { ...current, start, end };
  });
}

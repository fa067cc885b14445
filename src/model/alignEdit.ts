import type { Language } from '../languages';
import { uniqueSegmentId, type SegmentRef } from './edit';
import type { Project, Segment, SubrelayDocument } from './project';

/** One aligned group: source segments [sourceStart, sourceEnd) with target sentences [targetStart, targetEnd). */
export interface AlignedBead {
  readonly sourceStart: number;
  readonly sourceEnd: number;
  readonly targetStart: number;
  readonly targetEnd: number;
  readonly confidence: number;
}

function withLanguage(segment: Segment, language: Language, text: string, confidence: number | undefined): Segment {
  const { confidence: previous, ...rest } = segment;
  const others = Object.fromEntries(Object.entries(previous ?? {}).filter(([key]) => key !== language));
  const merged = confidence === undefined ? others : { ...others, [language]: confidence };
  return {
    ...rest,
    texts: { ...segment.texts, [language]: text },
    status: { ...segment.status, [language]: segment.status[language] === 'source' ? 'source' : 'draft' },
    ...(Object.keys(merged).length > 0 ? { confidence: merged } : {}),
  };
}

function replaceDocument(project: Project, document: SubrelayDocument): Project {
  return { ...project, documents: project.documents.map((d) => (d.id === document.id ? document : d)) };
}

/** The rows a shift moves cells through: every row not excluded from exports. */
function lane(document: SubrelayDocument): number[] {
  return document.segments.flatMap((segment, index) => (segment.excluded === true ? [] : [index]));
}

/**
 * Moves one language's cells down by one row from a segment on.
 *
 * The segment's cell becomes empty and every cell below moves one row down;
 * when the last row's cell is not empty, a new row is added for it, so no
 * text is lost. Rows excluded from exports (page furniture) are stepped
 * over. Status and confidence move with the text.
 */
export function shiftCellsDown(project: Project, ref: SegmentRef, language: Language): Project {
  const document = project.documents.find((d) => d.id === ref.documentId);
  const index = document?.segments.findIndex((s) => s.id === ref.segmentId) ?? -1;
  if (document === undefined || index < 0 || document.segments[index]?.excluded === true) return project;
  const segments = [...document.segments];
  let rows = lane(document);
  const lastRow = segments[rows[rows.length - 1] ?? -1];
  if (lastRow !== undefined && lastRow.texts[language].trim() !== '') {
    segments.push({
      id: uniqueSegmentId(document, lastRow.id),
      paragraph: lastRow.paragraph,
      texts: { en: '', ko: '', uk: '', ru: '' },
      status: { en: 'draft', ko: 'draft', uk: 'draft', ru: 'draft' },
    });
    rows = [...rows, segments.length - 1];
  }
  const cells = segments.map((s) => ({ text: s.texts[language], confidence: s.confidence?.[language] }));
  const start = rows.indexOf(index);
  for (let k = rows.length - 1; k > start; k--) {
    const to = rows[k];
    const from = cells[rows[k - 1] ?? -1];
    const target = to === undefined ? undefined : segments[to];
    if (to === undefined || from === undefined || target === undefined) continue;
    segments[to] = withLanguage(target, language, from.text, from.confidence);
  }
  const emptied = segments[index];
  if (emptied !== undefined) segments[index] = withLanguage(emptied, language, '', undefined);
  return replaceDocument(project, { ...document, segments });
}

/**
 * Moves one language's cells up by one row from a segment on.
 *
 * Into an empty cell above, the text simply moves up; into a filled one it is
 * appended (so a shift never drops text). Every cell below moves up by one
 * and the last row's cell becomes empty. Excluded rows are stepped over.
 */
export function shiftCellsUp(project: Project, ref: SegmentRef, language: Language): Project {
  const document = project.documents.find((d) => d.id === ref.documentId);
  const index = document?.segments.findIndex((s) => s.id === ref.segmentId) ?? -1;
  if (document === undefined || index < 0 || document.segments[index]?.excluded === true) return project;
  const rows = lane(document);
  const position = rows.indexOf(index);
  const aboveIndex = rows[position - 1];
  if (position <= 0 || aboveIndex === undefined) return project;
  const segments = [...document.segments];
  const cells = segments.map((s) => ({ text: s.texts[language], confidence: s.confidence?.[language] }));
  const above = segments[aboveIndex];
  const moving = cells[index];
  if (above === undefined || moving === undefined) return project;
  const joinedText =
    above.texts[language].trim() === ''
      ? moving.text
      : `${above.texts[language].trimEnd()} ${moving.text.trimStart()}`.trim();
  segments[aboveIndex] = withLanguage(above, language, joinedText, moving.confidence ?? above.confidence?.[language]);
  for (let k = position; k < rows.length; k++) {
    const to = rows[k];
    const target = to === undefined ? undefined : segments[to];
    if (to === undefined || target === undefined) continue;
    const from = cells[rows[k + 1] ?? -1];
    segments[to] = withLanguage(target, language, from?.text ?? '', from?.confidence);
  }
  return replaceDocument(project, { ...document, segments });
}

/** The translator has looked at a cell: its aligner confidence no longer applies. */
export function confirmCell(project: Project, ref: SegmentRef, language: Language): Project {
  const document = project.documents.find((d) => d.id === ref.documentId);
  const segment = document?.segments.find((s) => s.id === ref.segmentId);
  if (document === undefined || segment?.confidence?.[language] === undefined) return project;
  const { confidence, ...rest } = segment;
  const remaining = Object.fromEntries(Object.entries(confidence).filter(([key]) => key !== language));
  const updated: Segment = { ...rest, ...(Object.keys(remaining).length > 0 ? { confidence: remaining } : {}) };
  return replaceDocument(project, {
    ...document,
    segments: document.segments.map((s) => (s.id === segment.id ? updated : s)),
  });
}

/** Segments whose cell in `language` the aligner was unsure about. */
export function uncertainSegments(
  document: SubrelayDocument,
  threshold = 0.5,
): ReadonlyArray<{ id: string; language: Language }> {
  const found: { id: string; language: Language }[] = [];
  for (const segment of document.segments) {
    for (const [language, value] of Object.entries(segment.confidence ?? {})) {
      if (value !== undefined && value < threshold) found.push({ id: segment.id, language: language as Language });
    }
  }
  return found;
}

/**
 * Which rows of a document a review filter shows.
 *
 * A filter is a set of conditions that all hold (an empty filter shows every
 * row): a status, QA findings, notes, an uncertain link (the aligner's
 * confidence under 0.5). With a `language` each condition looks at that
 * language's cell; without, at any cell of the row. A status filter leaves
 * out excluded rows and source-text cells, as the progress line does.
 */
import { LANGUAGES, type Language } from '../languages';
import type { Segment, SegmentStatus, SubrelayDocument } from '../model/project';
import { hasNotes } from './comments';

export interface RowFilter {
  /** The column the conditions look at; any column when absent. */
  readonly language?: Language | undefined;
  readonly status?: Exclude<SegmentStatus, 'source'> | undefined;
  readonly findings?: boolean | undefined;
  readonly notes?: boolean | undefined;
  readonly uncertain?: boolean | undefined;
}

/** Links the aligner was less sure of than this are "uncertain" (as "Next item to check" counts them). */
export const UNCERTAIN_BELOW = 0.5;

/** Whether a filter hides anything (an empty filter shows every row). */
export function isFilterActive(filter: RowFilter): boolean {
  return filter.status !== undefined || filter.findings === true || filter.notes === true || filter.uncertain === true;
}

/** Cells with QA findings, keyed "segmentId:language" (as `selectFindings(state).byCell` is). */
export type FindingCells = { has(key: string): boolean };

function anyLanguage(filter: RowFilter, test: (language: Language) => boolean): boolean {
  return filter.language === undefined ? LANGUAGES.some(test) : test(filter.language);
}

/** Whether one row passes the filter. */
export function rowPasses(segment: Segment, filter: RowFilter, findings?: FindingCells): boolean {
  const { status } = filter;
  if (status !== undefined) {
    if (segment.excluded === true) return false;
    if (!anyLanguage(filter, (language) => segment.status[language] === status)) return false;
  }
  if (filter.findings === true) {
    if (findings === undefined || !anyLanguage(filter, (language) => findings.has(`${segment.id}:${language}`))) {
      return false;
    }
  }
  if (filter.notes === true) {
    const notes = filter.language === undefined ? hasNotes(segment) : hasNotes(segment, filter.language);
    if (!notes) return false;
  }
  if (filter.uncertain === true) {
    const confidence = segment.confidence;
    if (confidence === undefined) return false;
    if (!anyLanguage(filter, (language) => (confidence[language] ?? 1) < UNCERTAIN_BELOW)) return false;
  }
  return true;
}

/** The ids of the rows the filter shows, in document order. */
export function filterRows(
  document: SubrelayDocument,
  filter: RowFilter,
  findings?: FindingCells,
): ReadonlyArray<string> {
  const ids: string[] = [];
  for (const segment of document.segments) {
    if (rowPasses(segment, filter, findings)) ids.push(segment.id);
  }
  return ids;
}

import type { Language } from '../languages';

/** Where a language's text in one segment stands in the translator's workflow. */
export type SegmentStatus = 'source' | 'draft' | 'translated' | 'reviewed' | 'approved';

export const SEGMENT_STATUSES: ReadonlyArray<SegmentStatus> = ['source', 'draft', 'translated', 'reviewed', 'approved'];

/**
 * One row of the grid: the same meaning in every language.
 *
 * Times are whole milliseconds from the start of the media, so that they
 * survive JSON round trips exactly and compare without rounding surprises.
 */
export interface Segment {
  readonly id: string;
  /** Zero-based paragraph of an article; transcripts use 0. */
  readonly paragraph: number;
  /** Page furniture and other rows kept visible but left out of every export. */
  readonly excluded?: boolean;
  readonly start?: number;
  readonly end?: number;
  readonly texts: Readonly<Record<Language, string>>;
  readonly status: Readonly<Record<Language, SegmentStatus>>;
  readonly note?: string;
}

/** A transcript is timed and becomes subtitles; an article becomes localized text. */
export type DocumentKind = 'transcript' | 'article';

export interface SubrelayDocument {
  readonly id: string;
  readonly kind: DocumentKind;
  readonly title: string;
  /** The language the document was written or spoken in. */
  readonly sourceLanguage: Language;
  readonly segments: ReadonlyArray<Segment>;
}

export const PROJECT_FORMAT = 'subrelay';
export const PROJECT_VERSION = 1;

export interface Project {
  readonly format: typeof PROJECT_FORMAT;
  readonly version: typeof PROJECT_VERSION;
  readonly title: string;
  readonly languages: ReadonlyArray<Language>;
  /** Frames per second used to snap times and measure gaps. */
  readonly frameRate: number;
  readonly notes: ReadonlyArray<string>;
  readonly documents: ReadonlyArray<SubrelayDocument>;
}

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

/** The project format this Subrelay writes; older ones are migrated on load. */
export const PROJECT_VERSION = 2;

/**
 * The first Subrelay release that reads each project format version.
 *
 * Written into every file as `requires`, so that an older Subrelay meeting a
 * newer file can say which release the user needs.
 */
export const FORMAT_REQUIRES: Readonly<Record<number, string>> = { 1: '0.1.0', 2: '0.2.0' };

/** Export choices remembered per project, so the dialog opens as it was left. */
export interface ExportSettings {
  readonly documentIds: ReadonlyArray<string>;
  readonly languages: ReadonlyArray<Language>;
  readonly format: 'auto' | 'srt' | 'txt';
  readonly lineEnding: 'crlf' | 'lf';
  readonly bom: boolean;
}

export interface ProjectSettings {
  readonly export?: ExportSettings | undefined;
}

export interface Project {
  readonly format: typeof PROJECT_FORMAT;
  readonly version: typeof PROJECT_VERSION;
  /** The first Subrelay release that reads this file (see `FORMAT_REQUIRES`). */
  readonly requires: string;
  readonly title: string;
  readonly languages: ReadonlyArray<Language>;
  /** Frames per second used to snap times and measure gaps. */
  readonly frameRate: number;
  readonly notes: ReadonlyArray<string>;
  readonly documents: ReadonlyArray<SubrelayDocument>;
  readonly settings: ProjectSettings;
}

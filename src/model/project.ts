import type { Language } from '../languages';

/** Where a language's text in one segment stands in the translator's workflow. */
export type SegmentStatus = 'source' | 'draft' | 'translated' | 'reviewed' | 'approved';

export const SEGMENT_STATUSES: ReadonlyArray<SegmentStatus> = ['source', 'draft', 'translated', 'reviewed', 'approved'];

/** Layout roles a segment can have; ordinary body text has none. */
export type SegmentRole = 'headline';

export const SEGMENT_ROLES: ReadonlyArray<SegmentRole> = ['headline'];

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
  /**
   * Review comments on this row's cells, oldest first: who wrote them,
   * when (an ISO 8601 time) and about which language's text.
   */
  readonly comments?: ReadonlyArray<SegmentComment>;
  /**
   * What the row is in an article's layout. A headline becomes `#` in
   * Markdown and a Title paragraph in DOCX; ordinary rows have no role.
   */
  readonly role?: SegmentRole;
  /**
   * How sure the automatic aligner was when it filled each language (0..1).
   *
   * Kept until the translator edits or confirms the cell, so the review can
   * show the uncertain links across sessions.
   */
  readonly confidence?: Readonly<Partial<Record<Language, number>>>;
  /**
   * The ASS/SSA style each language's cue was in, by style name, when that
   * column was imported from an ASS file; an ASS export writes it back.
   */
  readonly assStyle?: Readonly<Partial<Record<Language, string>>>;
}

/** The fields of an ASS `[V4+ Styles]` line, in the order ASS writes them. */
export const ASS_STYLE_FIELDS = [
  'Name',
  'Fontname',
  'Fontsize',
  'PrimaryColour',
  'SecondaryColour',
  'OutlineColour',
  'BackColour',
  'Bold',
  'Italic',
  'Underline',
  'StrikeOut',
  'ScaleX',
  'ScaleY',
  'Spacing',
  'Angle',
  'BorderStyle',
  'Outline',
  'Shadow',
  'Alignment',
  'MarginL',
  'MarginR',
  'MarginV',
  'Encoding',
] as const;

/** One ASS style, each field as written in the file (`&H00FFFFFF`, `-1`), so it is written back the same. */
export type AssStyle = Readonly<Record<(typeof ASS_STYLE_FIELDS)[number], string>>;

/**
 * How an imported ASS/SSA script looked, kept so that an ASS export writes it back.
 *
 * `info` is its `[Script Info]` (`PlayResX`, `PlayResY`, `WrapStyle`…) in
 * file order, comments left out; `styles` its styles in file order, SSA's
 * `[V4 Styles]` turned into ASS fields.
 */
export interface AssScript {
  readonly info: ReadonlyArray<readonly [string, string]>;
  readonly styles: ReadonlyArray<AssStyle>;
}

/** A reviewer's comment on one cell (one language of one segment). */
export interface SegmentComment {
  readonly language: Language;
  readonly author: string;
  /** When it was written or last edited, as an ISO 8601 time ("2026-11-30T08:40:00.000Z"). */
  readonly time: string;
  readonly text: string;
}

/** The most comments one segment keeps (the schema's limit). */
export const MAX_COMMENTS_PER_SEGMENT = 1000;

/** A transcript is timed and becomes subtitles; an article becomes localized text. */
export type DocumentKind = 'transcript' | 'article';

export interface SubrelayDocument {
  readonly id: string;
  readonly kind: DocumentKind;
  readonly title: string;
  /** The language the document was written or spoken in. */
  readonly sourceLanguage: Language;
  /** A transcript's video or audio, its path relative to the project file (with `/` between folders). */
  readonly media?: MediaReference;
  readonly segments: ReadonlyArray<Segment>;
  /** Per language, the ASS script its column was imported from (transcripts only). */
  readonly assScript?: Readonly<Partial<Record<Language, AssScript>>>;
}

/** The media a transcript is timed against. */
export interface MediaReference {
  readonly path: string;
}

export const PROJECT_FORMAT = 'subrelay';

/** The project format this Subrelay writes; older ones are migrated on load. */
export const PROJECT_VERSION = 4;

/**
 * The first Subrelay release that reads each project format version.
 *
 * Written into every file as `requires`, so that an older Subrelay meeting a
 * newer file can say which release the user needs.
 */
export const FORMAT_REQUIRES: Readonly<Record<number, string>> = { 1: '0.1.0', 2: '0.2.0', 3: '0.3.0', 4: '0.4.0' };

/** Export choices remembered per project, so the dialog opens as it was left. */
export interface ExportSettings {
  readonly documentIds: ReadonlyArray<string>;
  readonly languages: ReadonlyArray<Language>;
  readonly format: ExportFormatName;
  readonly secondLanguage?: Language | undefined;
  readonly lineEnding: 'crlf' | 'lf';
  readonly bom: boolean;
  /** XLIFF: the language written as `<source>` (English unless chosen). */
  readonly sourceLanguage?: Language | undefined;
  /** Review exports: only rows with QA findings, and/or only rows in these statuses. */
  readonly reviewOnlyFindings?: boolean | undefined;
  readonly reviewStatuses?: ReadonlyArray<SegmentStatus> | undefined;
  /** Dubbing scripts: estimate speaking time from syllables, or measure it with espeak-ng. */
  readonly speakingTime?: 'syllables' | 'espeak' | undefined;
}

/** Every export format, as the CLI's `--format` and the Export dialog name them. */
export const EXPORT_FORMAT_NAMES = [
  'auto',
  'srt',
  'vtt',
  'srt-bilingual',
  'ttml',
  'ass',
  'sbv',
  'stl',
  'txt',
  'md',
  'docx',
  'dub-csv',
  'dub-html',
  'review-html',
  'review-csv',
  'xliff2',
  'xliff12',
  'tmx',
] as const;

export type ExportFormatName = (typeof EXPORT_FORMAT_NAMES)[number];

/**
 * How fast each language is spoken, for dubbing scripts and the grid's fit flag.
 *
 * Rates are syllables per second; a line whose estimated speaking time exceeds
 * its cue's slot by more than `tolerancePercent` does not fit.
 */
export interface DubbingSettings {
  readonly rates: Readonly<Record<Language, number>>;
  readonly tolerancePercent: number;
}

/** Subtitle limits the project overrides (see `DEFAULT_RULES` in src/subtitles/rules.ts). */
export interface ProjectRules {
  readonly languages: Readonly<Record<Language, { readonly maxLineLength: number; readonly maxCps: number }>>;
  readonly maxLines: number;
  readonly minDurationMs: number;
  readonly maxDurationMs: number;
  readonly minGapFrames: number;
}

/** How the grid shows the project's language columns (remembered with the project, not an edit). */
export interface ViewSettings {
  /** Languages whose column is hidden. */
  readonly hiddenLanguages?: ReadonlyArray<Language> | undefined;
  /** Relative widths of the language columns, as the translator set them (else worked out from the text). */
  readonly columnWeights?: Readonly<Partial<Record<Language, number>>> | undefined;
}

export interface ProjectSettings {
  readonly export?: ExportSettings | undefined;
  readonly view?: ViewSettings | undefined;
  /** When absent, the Netflix defaults apply. */
  readonly rules?: ProjectRules | undefined;
  /** When absent, the default speaking rates and a 10 % tolerance apply. */
  readonly dubbing?: DubbingSettings | undefined;
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

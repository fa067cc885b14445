import type { Language } from '../languages';
import type { ExportFormatName, Project, SegmentStatus, SubrelayDocument } from '../model/project';
import type { LineEnding } from './cue';

/**
 * What a document is exported as.
 *
 * `auto` picks each document's natural deliverable: SRT for a transcript,
 * plain text for an article. The rest are the ids of the registry's formats.
 */
export type ExportFormat = ExportFormatName;

/** A format that writes files of its own (every export format but `auto`). */
export type FileFormatId = Exclude<ExportFormat, 'auto'>;

export interface ExportRequest {
  readonly documentIds: ReadonlyArray<string>;
  readonly languages: ReadonlyArray<Language>;
  readonly format: ExportFormat;
  readonly lineEnding?: LineEnding | undefined;
  readonly bom?: boolean | undefined;
  /** For `srt-bilingual`: the language shown under each chosen language (English by default). */
  readonly secondLanguage?: Language | undefined;
  /** For XLIFF: the language written as `<source>` (English by default). */
  readonly sourceLanguage?: Language | undefined;
  /** For review pages: only rows with QA findings. */
  readonly reviewOnlyFindings?: boolean | undefined;
  /** For review pages: only rows where a chosen translation has one of these statuses. */
  readonly reviewStatuses?: ReadonlyArray<SegmentStatus> | undefined;
  /**
   * For dubbing scripts: speaking times measured by synthesis, keyed by
   * `speakingTimeKey`. Lines without one are estimated from syllables.
   */
  readonly measuredMs?: Readonly<Record<string, number>> | undefined;
  /** Written into the files that record their producer (TMX, DOCX). */
  readonly creatorVersion?: string | undefined;
  /**
   * When the export runs, written where a format records its creation (EBU
   * STL's creation and revision dates). The shell passes its clock; the
   * plan stays pure.
   */
  readonly exportedAt?: Date | undefined;
}

export interface ExportFile {
  /** A bare file name: `<documentId>.<language>.<extension>` (see `exportFileName`). */
  readonly name: string;
  /** Text (UTF-8 when written) or, for DOCX and EBU STL, the bytes of the file. */
  readonly content: string | Uint8Array;
}

/** Something left out of, or worth checking in, an export. */
export interface ExportWarning {
  readonly documentId: string;
  readonly language: Language;
  readonly segmentId?: string;
  /** For `characters-replaced`: the characters the format could not hold, as the cue has them ("Ґґ"). */
  readonly characters?: string;
  /** For `characters-replaced`: what each was written as, in the same order ("Гг"). */
  readonly writtenAs?: string;
  readonly code:
    | 'untimed'
    | 'untranslated'
    | 'not-applicable'
    | 'source-language'
    | 'does-not-fit'
    | 'espeak-missing'
    | 'no-source-text'
    | 'nothing-finished'
    | 'language-not-supported'
    | 'characters-replaced';
}

export interface ExportPlan {
  readonly files: ReadonlyArray<ExportFile>;
  readonly warnings: ReadonlyArray<ExportWarning>;
}

/** What a format's writer is given for one document. */
export interface WriteContext {
  readonly project: Project;
  readonly document: SubrelayDocument;
  readonly request: ExportRequest;
  /** Where the writer reports what it left out; the plan returns them with the files. */
  readonly warnings: ExportWarning[];
}

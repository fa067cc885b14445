import type { Language } from '../languages';
import { rulesOf } from '../qa/projectQa';
import type { AssScript } from '../model/project';
import type { Cue, LineEnding } from './cue';
import { exportFileName, transcriptCueRows } from './exportCues';
import type { ExportFile, ExportWarning, WriteContext } from './types';

/** What a cue writer needs besides the cues; `subrelay convert` passes the same. */
export interface CueWriteOptions {
  readonly lineEnding?: LineEnding | undefined;
  readonly bom?: boolean | undefined;
  /** The cues' language (TTML's `xml:lang`, STL's language code, ASS's style). */
  readonly language: Language;
  /** Frames per second of the programme (TTML's `ttp:frameRate`, STL's timecodes). */
  readonly frameRate: number;
  /** The creation date a format records (EBU STL's header); the export's own time. */
  readonly date?: Date | undefined;
  /** ASS: the script info and styles an imported ASS file had, written back. */
  readonly assScript?: AssScript | undefined;
  /**
   * Told of each cue (0-based) whose characters the format cannot hold and
   * had to write as others (EBU STL's Latin/Cyrillic table has no Ґ).
   */
  readonly onReplaced?: ((cue: number, characters: string, writtenAs: string) => void) | undefined;
}

/** A cue writer; it throws `FormatRefusal` when the format cannot hold the language. */
export type CueWriter = (cues: ReadonlyArray<Cue>, options: CueWriteOptions) => string | Uint8Array;

/** The code behind a catalog entry: how the format writes, and how it reads if it does. */
export interface FormatCode {
  /** Writes one document's files. */
  readonly write: (context: WriteContext) => Promise<ExportFile[]> | ExportFile[];
  /** For cue formats: writes cues, for `subrelay convert` and for `write`. */
  readonly writeCues?: CueWriter;
}

/** A format that cannot hold what it was given (EBU STL and Hangul); the export warns and writes no file. */
export class FormatRefusal extends Error {
  constructor(
    readonly reason: 'language-not-supported',
    message: string,
  ) {
    super(message);
    this.name = 'FormatRefusal';
  }
}

/**
 * The export of a cue format: one file per language, `<document>.<lang>.<extension>`.
 *
 * A language the format cannot hold gets a `language-not-supported` warning
 * instead of a file; characters it had to write as others get a
 * `characters-replaced` warning naming the segment.
 */
export function cueFormat(extension: string, writeCues: CueWriter): FormatCode {
  return {
    writeCues,
    write: ({ project, document, request, warnings }) => {
      const rules = rulesOf(project);
      const files: ExportFile[] = [];
      for (const language of request.languages) {
        const { cues, segmentIds } = transcriptCueRows(document, language, warnings, rules);
        const replaced: ExportWarning[] = [];
        try {
          const content = writeCues(cues, {
            lineEnding: request.lineEnding,
            bom: request.bom,
            language,
            frameRate: project.frameRate,
            date: request.exportedAt,
            assScript: document.assScript?.[language],
            onReplaced: (cue, characters, writtenAs) => {
              const segmentId = segmentIds[cue];
              replaced.push({
                documentId: document.id,
                language,
                ...(segmentId !== undefined ? { segmentId } : {}),
                characters,
                writtenAs,
                code: 'characters-replaced',
              });
            },
          });
          files.push({ name: exportFileName(document.id, language, extension), content });
          warnings.push(...replaced);
        } catch (error) {
          if (!(error instanceof FormatRefusal)) throw error;
          warnings.push({ documentId: document.id, language, code: error.reason });
        }
      }
      return files;
    },
  };
}

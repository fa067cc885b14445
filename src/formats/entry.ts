import type { Language } from '../languages';
import { rulesOf } from '../qa/projectQa';
import type { Cue, LineEnding } from './cue';
import { exportFileName, transcriptCues } from './exportCues';
import type { ExportFile, WriteContext } from './types';

/** What a cue writer needs besides the cues; `subrelay convert` passes the same. */
export interface CueWriteOptions {
  readonly lineEnding?: LineEnding | undefined;
  readonly bom?: boolean | undefined;
  /** The cues' language (TTML's `xml:lang`, STL's language code, ASS's style). */
  readonly language: Language;
  /** Frames per second of the programme (TTML's `ttp:frameRate`, STL's timecodes). */
  readonly frameRate: number;
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
 * instead of a file.
 */
export function cueFormat(extension: string, writeCues: CueWriter): FormatCode {
  return {
    writeCues,
    write: ({ project, document, request, warnings }) => {
      const rules = rulesOf(project);
      const files: ExportFile[] = [];
      for (const language of request.languages) {
        const cues = transcriptCues(document, language, warnings, rules);
        try {
          const content = writeCues(cues, {
            lineEnding: request.lineEnding,
            bom: request.bom,
            language,
            frameRate: project.frameRate,
          });
          files.push({ name: exportFileName(document.id, language, extension), content });
        } catch (error) {
          if (!(error instanceof FormatRefusal)) throw error;
          warnings.push({ documentId: document.id, language, code: error.reason });
        }
      }
      return files;
    },
  };
}

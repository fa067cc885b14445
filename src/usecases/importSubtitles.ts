import type { Problem } from '../api/problems';
import type { Cue } from '../formats/cue';
import type { Language } from '../languages';
import { documentFromCues, importCuesIntoDocument, type CueMatching, type ImportProgress } from '../model/importCues';
import type { AssScript, Project, SubrelayDocument } from '../model/project';
import { checkProjectLimits } from './projectLimits';
import { UsecaseError } from './usecaseError';

export interface ImportSubtitlesRequest {
  /** The transcript to fill, or `new` for a new transcript made from the cues. */
  readonly documentId: string;
  /** The new transcript's title (default "Subtitles"). */
  readonly title?: string | undefined;
  readonly language: Language;
  readonly cues: ReadonlyArray<Cue>;
  readonly matching: CueMatching;
  /** An ASS/SSA file's script info and styles: kept with the column, for an ASS export to write back. */
  readonly assScript?: AssScript | undefined;
}

export interface ImportSubtitlesReport {
  readonly documentId: string;
  /** True when the cues became a new transcript. */
  readonly created: boolean;
  readonly cues: number;
  /** Cues that went into an existing row. */
  readonly matched: number;
  /** Cues that got a new row of their own. */
  readonly added: number;
  /** The report in words: one problem-shaped line. */
  readonly messages: ReadonlyArray<Problem>;
}

/** The project with an imported ASS script kept for one document's column (unchanged without one). */
function withAssScript(
  project: Project,
  documentId: string,
  language: Language,
  script: AssScript | undefined,
): Project {
  if (script === undefined) return project;
  const keep = (document: SubrelayDocument): SubrelayDocument =>
    document.id === documentId ? { ...document, assScript: { ...document.assScript, [language]: script } } : document;
  return { ...project, documents: project.documents.map(keep) };
}

export interface ImportSubtitlesOptions {
  /**
   * Told how far the import is: `(0, cues)` first, `(done, cues)` every few
   * thousand cues while they are matched to rows, `(cues, cues)` once the
   * result has passed the project limits. Not called when the import is refused.
   */
  readonly onProgress?: ImportProgress | undefined;
}

/**
 * Puts a subtitle file's cues into a transcript's column, or makes a new transcript of them.
 *
 * Takes time in proportion to the cues and rows (n log n to sort them by
 * time): 100,000 cues take about a second of CPU time, most of it the
 * limits check (`npm run bench`, test/bench/importCues.ts). Throws a
 * `UsecaseError` for an unknown document, an article (subtitles go into a
 * transcript), a language the project does not have, a new document from no
 * cues, or a result Subrelay could not open again (`checkProjectLimits`).
 */
export function importSubtitles(
  project: Project,
  request: ImportSubtitlesRequest,
  options: ImportSubtitlesOptions = {},
): { readonly project: Project; readonly report: ImportSubtitlesReport } {
  const { language, cues } = request;
  const { onProgress } = options;
  if (!project.languages.includes(language)) {
    throw new UsecaseError({ code: 'language-not-in-project', params: { language } });
  }
  if (request.documentId === 'new') {
    if (cues.length === 0) throw new UsecaseError({ code: 'import-no-cues' });
    onProgress?.(0, cues.length);
    const made = documentFromCues(project, request.title ?? 'Subtitles', language, cues);
    const checked = checkProjectLimits(withAssScript(made.project, made.documentId, language, request.assScript));
    onProgress?.(cues.length, cues.length);
    return {
      project: checked,
      report: {
        documentId: made.documentId,
        created: true,
        cues: cues.length,
        matched: 0,
        added: cues.length,
        messages: [{ code: 'import-new-document', params: { document: made.documentId, count: cues.length } }],
      },
    };
  }
  const document = project.documents.find((d) => d.id === request.documentId);
  if (document === undefined) throw new UsecaseError({ code: 'unknown-document', params: { id: request.documentId } });
  if (document.kind !== 'transcript') {
    throw new UsecaseError({ code: 'import-into-article', params: { document: document.id } });
  }
  onProgress?.(0, cues.length);
  const imported = importCuesIntoDocument(project, document.id, language, cues, request.matching, onProgress);
  const { matched, added } = imported.report;
  const checked = checkProjectLimits(withAssScript(imported.project, document.id, language, request.assScript));
  onProgress?.(cues.length, cues.length);
  return {
    project: checked,
    report: {
      documentId: document.id,
      created: false,
      cues: cues.length,
      matched,
      added,
      messages: [
        { code: 'import-summary', params: { count: cues.length, document: document.id, language, matched, added } },
      ],
    },
  };
}

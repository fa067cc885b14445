import type { Language } from '../languages';
import type { Project, SubrelayDocument } from '../model/project';
import { speakingTimeKey } from '../formats/exportCues';
import { formatEntry } from '../formats/registry';
import type {
  ExportFile,
  ExportFormat,
  ExportPlan,
  ExportRequest,
  ExportWarning,
  FileFormatId,
} from '../formats/types';

export type {
  ExportFile,
  ExportFormat,
  ExportPlan,
  ExportRequest,
  ExportWarning,
  FileFormatId,
} from '../formats/types';
export { EXPORT_FORMATS } from '../formats/registry';
export { exportFileName, speakingTimeKey } from '../formats/exportCues';

/** A line a dubbing export would like measured by speech synthesis. */
export interface LineToMeasure {
  readonly key: string;
  readonly text: string;
  readonly language: Language;
}

/**
 * Every line a dubbing-script export of this request contains.
 *
 * The shell measures them (espeak-ng) before planning, so that the plan
 * itself stays pure.
 */
export function linesToMeasure(project: Project, request: ExportRequest): LineToMeasure[] {
  if (request.format !== 'dub-csv' && request.format !== 'dub-html') return [];
  const wanted = new Set(request.documentIds);
  const lines: LineToMeasure[] = [];
  for (const document of project.documents) {
    if (!wanted.has(document.id) || document.kind !== 'transcript') continue;
    for (const language of request.languages) {
      for (const segment of document.segments) {
        const text = segment.texts[language].trim();
        if (segment.excluded === true || text === '' || segment.start === undefined) continue;
        lines.push({ key: speakingTimeKey(document.id, language, segment.id), text, language });
      }
    }
  }
  return lines;
}

/**
 * The format a document gets, or undefined where the format does not apply to its kind.
 *
 * `auto` is each document's natural deliverable: SRT for a transcript, plain
 * text for an article.
 */
function formatFor(document: SubrelayDocument, format: ExportFormat): FileFormatId | undefined {
  if (format === 'auto') return document.kind === 'transcript' ? 'srt' : 'txt';
  const entry = formatEntry(format);
  return entry.documents === 'any' || document.kind === 'transcript' ? format : undefined;
}

/**
 * Works out every file an export writes, without writing anything.
 *
 * Pure (asynchronous only because DOCX is zipped) so that the app, the web
 * mode and the CLI produce the same files, and so that the result can be
 * checked before any file is touched.
 */
export async function planExport(project: Project, request: ExportRequest): Promise<ExportPlan> {
  const files: ExportFile[] = [];
  const warnings: ExportWarning[] = [];
  const wanted = new Set(request.documentIds);
  for (const document of project.documents) {
    if (!wanted.has(document.id)) continue;
    const format = formatFor(document, request.format);
    if (format === undefined) {
      for (const language of request.languages) {
        warnings.push({ documentId: document.id, language, code: 'not-applicable' });
      }
      continue;
    }
    files.push(...(await formatEntry(format).write({ project, document, request, warnings })));
  }
  return { files, warnings };
}

/** A planned file's text; for callers that know the format writes text, not bytes. */
export function exportText(file: ExportFile | undefined): string {
  if (file === undefined) return '';
  if (typeof file.content !== 'string') throw new TypeError(`${file.name} holds bytes, not text`);
  return file.content;
}

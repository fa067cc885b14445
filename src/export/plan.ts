import { assertNever, type Language } from '../languages';
import type { Project, SubrelayDocument } from '../model/project';
import { toSrt, type Cue, type LineEnding } from '../formats/srt';
import { toPlainText } from '../formats/text';
import { toVtt } from '../formats/vtt';
import { rulesOf } from '../qa/projectQa';
import { breakLines } from '../subtitles/lineBreak';
import type { SubtitleRules } from '../subtitles/rules';

/**
 * What a document is exported as.
 *
 * `auto` picks each document's natural deliverable: SRT for a transcript,
 * plain text for an article.
 */
export type ExportFormat = 'auto' | 'srt' | 'vtt' | 'srt-bilingual' | 'txt';

export const EXPORT_FORMATS: ReadonlyArray<ExportFormat> = ['auto', 'srt', 'vtt', 'srt-bilingual', 'txt'];

export interface ExportRequest {
  readonly documentIds: ReadonlyArray<string>;
  readonly languages: ReadonlyArray<Language>;
  readonly format: ExportFormat;
  readonly lineEnding?: LineEnding | undefined;
  readonly bom?: boolean | undefined;
  /** For `srt-bilingual`: the language shown under each chosen language (English by default). */
  readonly secondLanguage?: Language | undefined;
}

export interface ExportFile {
  /** A bare file name: `<documentId>.<language>.<extension>`. */
  readonly name: string;
  readonly content: string;
}

/** Something left out of an export that the translator should know about. */
export interface ExportWarning {
  readonly documentId: string;
  readonly language: Language;
  readonly segmentId?: string;
  readonly code: 'untimed' | 'untranslated' | 'not-applicable';
}

export interface ExportPlan {
  readonly files: ReadonlyArray<ExportFile>;
  readonly warnings: ReadonlyArray<ExportWarning>;
}

type FileFormat = 'srt' | 'vtt' | 'srt-bilingual' | 'txt';

function formatFor(document: SubrelayDocument, format: ExportFormat): FileFormat | undefined {
  switch (format) {
    case 'auto':
      return document.kind === 'transcript' ? 'srt' : 'txt';
    case 'srt':
    case 'vtt':
    case 'srt-bilingual':
      return document.kind === 'transcript' ? format : undefined;
    case 'txt':
      return 'txt';
    default:
      return assertNever(format, 'Unknown export format');
  }
}

/** The file name every export uses, so the CLI and the app agree. */
export function exportFileName(documentId: string, language: string, extension: string): string {
  return `${documentId}.${language}.${extension}`;
}

/**
 * A cue's text as it goes on screen: wrapped to the language's line limits.
 *
 * A break the translator typed is kept; otherwise the line breaker wraps it.
 */
function screenText(text: string, language: Language, rules: SubtitleRules): string {
  const limits = rules.languages[language];
  return breakLines(text, language, { maxLineLength: limits.maxLineLength, maxLines: rules.maxLines });
}

function transcriptCues(
  document: SubrelayDocument,
  language: Language,
  warnings: ExportWarning[],
  rules: SubtitleRules,
  second?: Language,
): Cue[] {
  const cues: Cue[] = [];
  for (const segment of document.segments) {
    if (segment.excluded === true) continue;
    const own = segment.texts[language].trim();
    const under = second === undefined ? '' : segment.texts[second].trim();
    const text =
      own === ''
        ? ''
        : under === '' || second === undefined
          ? screenText(own, language, rules)
          : `${screenText(own, language, rules)}\n${screenText(under, second, rules)}`;
    if (text === '') {
      warnings.push({ documentId: document.id, language, segmentId: segment.id, code: 'untranslated' });
      continue;
    }
    if (segment.start === undefined || segment.end === undefined) {
      warnings.push({ documentId: document.id, language, segmentId: segment.id, code: 'untimed' });
      continue;
    }
    cues.push({ start: segment.start, end: segment.end, text });
  }
  return cues;
}

/**
 * Works out every file an export writes, without writing anything.
 *
 * Pure so that the app, the web mode and the CLI produce byte-identical
 * files, and so that the result can be checked before any file is touched.
 */
export function planExport(project: Project, request: ExportRequest): ExportPlan {
  const files: ExportFile[] = [];
  const warnings: ExportWarning[] = [];
  const rules = rulesOf(project);
  const wanted = new Set(request.documentIds);
  for (const document of project.documents) {
    if (!wanted.has(document.id)) continue;
    const format = formatFor(document, request.format);
    for (const language of request.languages) {
      if (format === undefined) {
        warnings.push({ documentId: document.id, language, code: 'not-applicable' });
        continue;
      }
      if (format === 'srt' || format === 'vtt' || format === 'srt-bilingual') {
        const options = { lineEnding: request.lineEnding, bom: request.bom };
        if (format === 'srt-bilingual') {
          const second = request.secondLanguage ?? (language === 'en' ? 'ko' : 'en');
          if (second === language) continue;
          const cues = transcriptCues(document, language, warnings, rules, second);
          files.push({
            name: exportFileName(document.id, `${language}+${second}`, 'srt'),
            content: toSrt(cues, options),
          });
          continue;
        }
        const cues = transcriptCues(document, language, warnings, rules);
        files.push({
          name: exportFileName(document.id, language, format),
          content: format === 'srt' ? toSrt(cues, options) : toVtt(cues, options),
        });
      } else {
        for (const segment of document.segments) {
          if (segment.excluded !== true && segment.texts[language].trim() === '') {
            warnings.push({ documentId: document.id, language, segmentId: segment.id, code: 'untranslated' });
          }
        }
        files.push({
          name: exportFileName(document.id, language, 'txt'),
          content: toPlainText(document.segments, language),
        });
      }
    }
  }
  return { files, warnings };
}

import { assertNever, type Language } from '../languages';
import {
  EXPORT_FORMAT_NAMES,
  type ExportFormatName,
  type Project,
  type SegmentStatus,
  type SubrelayDocument,
} from '../model/project';
import { toSrt, type Cue, type LineEnding } from '../formats/srt';
import { toPlainText } from '../formats/text';
import { toVtt } from '../formats/vtt';
import { dubbingOf } from '../dub/speakingTime';
import { tmxUnitCount, writeTmx } from '../interchange/tmx';
import { writeXliff } from '../interchange/xliff';
import { toDocx } from './docx';
import { dubRows, toDubCsv, toDubHtml } from './dub';
import { toMarkdown } from './markdown';
import { toReviewCsv, toReviewHtml } from './review';
import { rulesOf } from '../qa/projectQa';
import { breakLines } from '../subtitles/lineBreak';
import type { SubtitleRules } from '../subtitles/rules';

/**
 * What a document is exported as.
 *
 * `auto` picks each document's natural deliverable: SRT for a transcript,
 * plain text for an article. The rest are named after what they write; see
 * `planExport` for which documents each applies to and how files are named.
 */
export type ExportFormat = ExportFormatName;

export const EXPORT_FORMATS: ReadonlyArray<ExportFormat> = EXPORT_FORMAT_NAMES;

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
}

export interface ExportFile {
  /** A bare file name: `<documentId>.<language>.<extension>` (see `exportFileName`). */
  readonly name: string;
  /** Text (UTF-8 when written) or, for DOCX, the bytes of the file. */
  readonly content: string | Uint8Array;
}

/** Something left out of, or worth checking in, an export. */
export interface ExportWarning {
  readonly documentId: string;
  readonly language: Language;
  readonly segmentId?: string;
  readonly code:
    | 'untimed'
    | 'untranslated'
    | 'not-applicable'
    | 'source-language'
    | 'does-not-fit'
    | 'espeak-missing'
    | 'no-source-text'
    | 'nothing-finished';
}

export interface ExportPlan {
  readonly files: ReadonlyArray<ExportFile>;
  readonly warnings: ReadonlyArray<ExportWarning>;
}

/** The key a measured speaking time is filed under in `ExportRequest.measuredMs`. */
export function speakingTimeKey(documentId: string, language: Language, segmentId: string): string {
  return `${documentId}/${language}/${segmentId}`;
}

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

type FileFormat = Exclude<ExportFormat, 'auto'>;

/** The format a document gets, or undefined where the format does not apply to its kind. */
function formatFor(document: SubrelayDocument, format: ExportFormat): FileFormat | undefined {
  switch (format) {
    case 'auto':
      return document.kind === 'transcript' ? 'srt' : 'txt';
    case 'srt':
    case 'vtt':
    case 'srt-bilingual':
    case 'dub-csv':
    case 'dub-html':
      return document.kind === 'transcript' ? format : undefined;
    case 'txt':
    case 'md':
    case 'docx':
    case 'review-html':
    case 'review-csv':
    case 'xliff2':
    case 'xliff12':
    case 'tmx':
      return format;
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

/** Warns of every included row a per-language document leaves out for want of a translation. */
function warnUntranslated(document: SubrelayDocument, language: Language, warnings: ExportWarning[]): void {
  for (const segment of document.segments) {
    if (segment.excluded !== true && segment.texts[language].trim() === '') {
      warnings.push({ documentId: document.id, language, segmentId: segment.id, code: 'untranslated' });
    }
  }
}

/** The measured speaking times of one document in one language, by segment id. */
function measuredFor(request: ExportRequest, documentId: string, language: Language): Record<string, number> {
  const measured: Record<string, number> = {};
  if (request.measuredMs === undefined) return measured;
  const prefix = speakingTimeKey(documentId, language, '');
  for (const [key, ms] of Object.entries(request.measuredMs)) {
    if (key.startsWith(prefix)) measured[key.slice(prefix.length)] = ms;
  }
  return measured;
}

/** The files of one document in one export format; warnings go to `warnings`. */
async function documentFiles(
  project: Project,
  document: SubrelayDocument,
  format: FileFormat,
  request: ExportRequest,
  warnings: ExportWarning[],
): Promise<ExportFile[]> {
  const rules = rulesOf(project);
  const languages = request.languages;
  const files: ExportFile[] = [];
  const options = { lineEnding: request.lineEnding, bom: request.bom };
  // The languages of a multilingual file, in the project's order, in its name.
  const together = languages.join('+');
  switch (format) {
    case 'srt':
    case 'vtt':
      for (const language of languages) {
        const cues = transcriptCues(document, language, warnings, rules);
        files.push({
          name: exportFileName(document.id, language, format),
          content: format === 'srt' ? toSrt(cues, options) : toVtt(cues, options),
        });
      }
      return files;
    case 'srt-bilingual':
      for (const language of languages) {
        const second = request.secondLanguage ?? (language === 'en' ? 'ko' : 'en');
        if (second === language) continue;
        const cues = transcriptCues(document, language, warnings, rules, second);
        files.push({
          name: exportFileName(document.id, `${language}+${second}`, 'srt'),
          content: toSrt(cues, options),
        });
      }
      return files;
    case 'txt':
    case 'md':
    case 'docx':
      for (const language of languages) {
        warnUntranslated(document, language, warnings);
        files.push({
          name: exportFileName(document.id, language, format),
          content:
            format === 'txt'
              ? toPlainText(document.segments, language)
              : format === 'md'
                ? toMarkdown(document, language)
                : await toDocx(document, language, { creator: creatorOf(request) }),
        });
      }
      return files;
    case 'dub-csv':
    case 'dub-html':
      for (const language of languages) {
        for (const segment of document.segments) {
          if (segment.excluded === true) continue;
          if (segment.texts[language].trim() === '') {
            warnings.push({ documentId: document.id, language, segmentId: segment.id, code: 'untranslated' });
          } else if (segment.start === undefined || segment.end === undefined) {
            warnings.push({ documentId: document.id, language, segmentId: segment.id, code: 'untimed' });
          }
        }
        const measured = { settings: dubbingOf(project), measuredMs: measuredFor(request, document.id, language) };
        // Worked out once: the warnings and the file read the same rows.
        const rows = dubRows(project, document, language, measured);
        const dubOptions = { ...measured, rows };
        for (const row of rows) {
          if (!row.fits)
            warnings.push({ documentId: document.id, language, segmentId: row.segmentId, code: 'does-not-fit' });
        }
        files.push({
          name: exportFileName(document.id, language, format === 'dub-csv' ? 'dub.csv' : 'dub.html'),
          content:
            format === 'dub-csv'
              ? toDubCsv(project, document, language, dubOptions)
              : toDubHtml(project, document, language, dubOptions),
        });
      }
      return files;
    case 'review-html':
    case 'review-csv': {
      const reviewOptions = {
        languages,
        onlyFindings: request.reviewOnlyFindings === true,
        ...(request.reviewStatuses !== undefined && request.reviewStatuses.length > 0
          ? { statuses: [...request.reviewStatuses] }
          : {}),
      };
      files.push({
        name: exportFileName(document.id, together, format === 'review-html' ? 'review.html' : 'review.csv'),
        content:
          format === 'review-html'
            ? toReviewHtml(project, document, reviewOptions)
            : toReviewCsv(project, document, reviewOptions),
      });
      return files;
    }
    case 'xliff2':
    case 'xliff12': {
      const source = request.sourceLanguage ?? 'en';
      if (!document.segments.some((s) => s.excluded !== true && s.texts[source].trim() !== '')) {
        warnings.push({ documentId: document.id, language: source, code: 'no-source-text' });
        return files;
      }
      for (const language of languages) {
        if (language === source) {
          warnings.push({ documentId: document.id, language, code: 'source-language' });
          continue;
        }
        warnUntranslated(document, language, warnings);
        files.push({
          name: exportFileName(document.id, `${source}-${language}`, format === 'xliff2' ? 'xlf' : 'xliff'),
          content: writeXliff(project, document, {
            version: format === 'xliff2' ? '2.0' : '1.2',
            source,
            target: language,
          }),
        });
      }
      return files;
    }
    case 'tmx':
      if (tmxUnitCount(document, languages) === 0) {
        warnings.push({
          documentId: document.id,
          language: languages[0] ?? document.sourceLanguage,
          code: 'nothing-finished',
        });
        return files;
      }
      files.push({
        name: exportFileName(document.id, together, 'tmx'),
        content: writeTmx(project, document, languages, { creationToolVersion: request.creatorVersion ?? '' }),
      });
      return files;
    default:
      return assertNever(format, 'Unknown export format');
  }
}

function creatorOf(request: ExportRequest): string {
  return request.creatorVersion === undefined ? 'Subrelay' : `Subrelay ${request.creatorVersion}`;
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
    files.push(...(await documentFiles(project, document, format, request, warnings)));
  }
  return { files, warnings };
}

/** A planned file's text; for callers that know the format writes text, not bytes. */
export function exportText(file: ExportFile | undefined): string {
  if (file === undefined) return '';
  if (typeof file.content !== 'string') throw new TypeError(`${file.name} holds bytes, not text`);
  return file.content;
}

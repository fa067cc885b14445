import type { Language } from '../languages';
import type { SubrelayDocument } from '../model/project';
import { breakLines } from '../subtitles/lineBreak';
import type { SubtitleRules } from '../subtitles/rules';
import type { Cue } from './cue';
import type { ExportRequest, ExportWarning } from './types';

/** The file name every export uses, so the CLI and the app agree. */
export function exportFileName(documentId: string, language: string, extension: string): string {
  return `${documentId}.${language}.${extension}`;
}

/** The key a measured speaking time is filed under in `ExportRequest.measuredMs`. */
export function speakingTimeKey(documentId: string, language: Language, segmentId: string): string {
  return `${documentId}/${language}/${segmentId}`;
}

/**
 * A cue's text as it goes on screen: wrapped to the language's line limits.
 *
 * A break the translator typed is kept; otherwise the line breaker wraps it.
 */
export function screenText(text: string, language: Language, rules: SubtitleRules): string {
  const limits = rules.languages[language];
  return breakLines(text, language, { maxLineLength: limits.maxLineLength, maxLines: rules.maxLines });
}

/**
 * A transcript's cues in one language, as every subtitle format writes them.
 *
 * Excluded rows are left out; rows without text or times are left out with a
 * warning. With `second`, that language's text goes under each cue.
 */
export function transcriptCues(
  document: SubrelayDocument,
  language: Language,
  warnings: ExportWarning[],
  rules: SubtitleRules,
  second?: Language,
): Cue[] {
  return transcriptCueRows(document, language, warnings, rules, second).cues;
}

/**
 * `transcriptCues`, with the segment each cue came from (`segmentIds[i]` for `cues[i]`).
 *
 * A writer that has to change a cue reports it by cue number; the export
 * names the segment in its warning. A cue carries the ASS style its
 * segment was imported with, if any.
 */
export function transcriptCueRows(
  document: SubrelayDocument,
  language: Language,
  warnings: ExportWarning[],
  rules: SubtitleRules,
  second?: Language,
): { readonly cues: Cue[]; readonly segmentIds: string[] } {
  const cues: Cue[] = [];
  const segmentIds: string[] = [];
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
    const style = segment.assStyle?.[language];
    cues.push({ start: segment.start, end: segment.end, text, ...(style !== undefined ? { style } : {}) });
    segmentIds.push(segment.id);
  }
  return { cues, segmentIds };
}

/** Warns of every included row a per-language document leaves out for want of a translation. */
export function warnUntranslated(document: SubrelayDocument, language: Language, warnings: ExportWarning[]): void {
  for (const segment of document.segments) {
    if (segment.excluded !== true && segment.texts[language].trim() === '') {
      warnings.push({ documentId: document.id, language, segmentId: segment.id, code: 'untranslated' });
    }
  }
}

/** The measured speaking times of one document in one language, by segment id. */
export function measuredFor(request: ExportRequest, documentId: string, language: Language): Record<string, number> {
  const measured: Record<string, number> = {};
  if (request.measuredMs === undefined) return measured;
  const prefix = speakingTimeKey(documentId, language, '');
  for (const [key, ms] of Object.entries(request.measuredMs)) {
    if (key.startsWith(prefix)) measured[key.slice(prefix.length)] = ms;
  }
  return measured;
}

/** The producer name written into files that record one (TMX, DOCX). */
export function creatorOf(request: ExportRequest): string {
  return request.creatorVersion === undefined ? 'Subrelay' : `Subrelay ${request.creatorVersion}`;
}

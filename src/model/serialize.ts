import { LANGUAGES, type Language } from '../languages';
import type {
  DubbingSettings,
  ExportSettings,
  Project,
  ProjectRules,
  Segment,
  SubrelayDocument,
  ViewSettings,
} from './project';

function orderedSegment(segment: Segment): Record<string, unknown> {
  return {
    id: segment.id,
    paragraph: segment.paragraph,
    ...(segment.excluded === true ? { excluded: true } : {}),
    ...(segment.start !== undefined ? { start: segment.start } : {}),
    ...(segment.end !== undefined ? { end: segment.end } : {}),
    texts: Object.fromEntries(LANGUAGES.map((language) => [language, segment.texts[language]])),
    status: Object.fromEntries(LANGUAGES.map((language) => [language, segment.status[language]])),
    ...(segment.note !== undefined && segment.note !== '' ? { note: segment.note } : {}),
    ...(segment.comments !== undefined && segment.comments.length > 0
      ? {
          comments: segment.comments.map((comment) => ({
            language: comment.language,
            author: comment.author,
            time: comment.time,
            text: comment.text,
          })),
        }
      : {}),
    ...(segment.role !== undefined ? { role: segment.role } : {}),
    ...(segment.confidence !== undefined && Object.keys(segment.confidence).length > 0
      ? {
          confidence: Object.fromEntries(
            LANGUAGES.filter((language) => segment.confidence?.[language] !== undefined).map((language) => [
              language,
              segment.confidence?.[language],
            ]),
          ),
        }
      : {}),
    ...(segment.assStyle !== undefined && Object.keys(segment.assStyle).length > 0
      ? { assStyle: languageSubset(segment.assStyle) }
      : {}),
  };
}

/** A per-language map with only the languages it has, in the usual order. */
function languageSubset<T>(values: Readonly<Partial<Record<Language, T>>>): Partial<Record<Language, T>> {
  return Object.fromEntries(
    LANGUAGES.filter((language) => values[language] !== undefined).map((language) => [language, values[language]]),
  );
}

function orderedExportSettings(settings: ExportSettings): Record<string, unknown> {
  return {
    documentIds: settings.documentIds,
    languages: settings.languages,
    format: settings.format,
    ...(settings.secondLanguage !== undefined ? { secondLanguage: settings.secondLanguage } : {}),
    lineEnding: settings.lineEnding,
    bom: settings.bom,
    ...(settings.sourceLanguage !== undefined ? { sourceLanguage: settings.sourceLanguage } : {}),
    ...(settings.reviewOnlyFindings !== undefined ? { reviewOnlyFindings: settings.reviewOnlyFindings } : {}),
    ...(settings.reviewStatuses !== undefined ? { reviewStatuses: settings.reviewStatuses } : {}),
    ...(settings.speakingTime !== undefined ? { speakingTime: settings.speakingTime } : {}),
  };
}

function orderedDubbing(dubbing: DubbingSettings): Record<string, unknown> {
  return {
    rates: Object.fromEntries(LANGUAGES.map((language) => [language, dubbing.rates[language]])),
    tolerancePercent: dubbing.tolerancePercent,
  };
}

function orderedRules(rules: ProjectRules): Record<string, unknown> {
  return {
    languages: Object.fromEntries(
      LANGUAGES.map((language) => [
        language,
        { maxLineLength: rules.languages[language].maxLineLength, maxCps: rules.languages[language].maxCps },
      ]),
    ),
    maxLines: rules.maxLines,
    minDurationMs: rules.minDurationMs,
    maxDurationMs: rules.maxDurationMs,
    minGapFrames: rules.minGapFrames,
  };
}

function orderedView(view: ViewSettings): Record<string, unknown> {
  const weights = view.columnWeights;
  return {
    ...(view.hiddenLanguages === undefined ? {} : { hiddenLanguages: view.hiddenLanguages }),
    ...(weights === undefined
      ? {}
      : {
          columnWeights: Object.fromEntries(
            LANGUAGES.flatMap((language) => (weights[language] === undefined ? [] : [[language, weights[language]]])),
          ),
        }),
  };
}

function orderedDocument(document: SubrelayDocument): Record<string, unknown> {
  return {
    id: document.id,
    kind: document.kind,
    title: document.title,
    sourceLanguage: document.sourceLanguage,
    ...(document.media !== undefined ? { media: { path: document.media.path } } : {}),
    segments: document.segments.map(orderedSegment),
    ...(document.assScript !== undefined && Object.keys(document.assScript).length > 0
      ? { assScript: languageSubset(document.assScript) }
      : {}),
  };
}

/**
 * Writes a project as stable, diff-friendly JSON.
 *
 * Keys always come in the same order and every file ends with a newline, so
 * that two translators keeping a project in version control see only what
 * changed.
 */
export function serializeProject(project: Project): string {
  const ordered = {
    format: project.format,
    version: project.version,
    requires: project.requires,
    title: project.title,
    languages: project.languages,
    frameRate: project.frameRate,
    notes: project.notes,
    documents: project.documents.map(orderedDocument),
    settings: {
      ...(project.settings.export === undefined ? {} : { export: orderedExportSettings(project.settings.export) }),
      ...(project.settings.rules === undefined ? {} : { rules: orderedRules(project.settings.rules) }),
      ...(project.settings.dubbing === undefined ? {} : { dubbing: orderedDubbing(project.settings.dubbing) }),
      ...(project.settings.view === undefined ? {} : { view: orderedView(project.settings.view) }),
    },
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

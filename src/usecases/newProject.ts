import type { Problem } from '../api/problems';
import type { Cue } from '../formats/cue';
import { LANGUAGES, type Language } from '../languages';
import { documentFromCues } from '../model/importCues';
import {
  FORMAT_REQUIRES,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  type Project,
  type Segment,
  type SubrelayDocument,
} from '../model/project';
import { segmentSentences, splitParagraphs } from '../segment/sentences';
import { guessLanguage } from '../text/guessLanguage';
import { checkProjectLimits } from './projectLimits';
import { UsecaseError } from './usecaseError';

/** A transcript from a subtitle file (timed) or from plain text (untimed). */
export type TranscriptSource = { readonly cues: ReadonlyArray<Cue> } | { readonly text: string };

export interface ArticleSource {
  readonly text: string;
  /** Guessed from the letters when absent. */
  readonly language?: Language | undefined;
  readonly title?: string | undefined;
}

export interface NewProjectRequest {
  readonly title?: string | undefined;
  readonly article?: ArticleSource | undefined;
  readonly transcript?: (TranscriptSource & { readonly title?: string | undefined }) | undefined;
  /** Guessed from the letters when absent. */
  readonly transcriptLanguage?: Language | undefined;
}

export type AddDocumentRequest =
  | ({ readonly kind: 'article' } & ArticleSource)
  | ({
      readonly kind: 'transcript';
      readonly language?: Language | undefined;
      readonly title?: string | undefined;
    } & TranscriptSource);

export interface NewProjectReport {
  /** The documents made, in order. */
  readonly documentIds: ReadonlyArray<string>;
  /** Rows recognised as page furniture and excluded (include them again with Ctrl+Shift+X). */
  readonly excluded: ReadonlyArray<{ readonly documentId: string; readonly segmentId: string }>;
  readonly messages: ReadonlyArray<Problem>;
}

const EMPTY_TEXTS: Readonly<Record<Language, string>> = { en: '', ko: '', uk: '', ru: '' };

/** Per-language status of a new row: the document's language is the source, the others drafts to fill. */
function statusesFor(source: Language): Segment['status'] {
  return Object.fromEntries(LANGUAGES.map((l) => [l, l === source ? 'source' : 'draft'])) as Segment['status'];
}

/** An empty project with every language and the defaults (24 fps, Netflix rules). */
export function emptyProject(title = 'Untitled'): Project {
  return {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    requires: FORMAT_REQUIRES[PROJECT_VERSION] ?? '0.4.0',
    title,
    languages: LANGUAGES,
    frameRate: 24,
    notes: [],
    documents: [],
    settings: {},
  };
}

/** Ends like a sentence: a stop, a question or exclamation mark, an ellipsis, maybe inside quotes or brackets. */
const SENTENCE_END = /[.!?…。][\p{Pf}\p{Pe}"'’”»)\]]*$/u;
/** Calls to follow, share, subscribe or use a key: the furniture of news pages, in the four languages. */
const FURNITURE_WORDS =
  /\b(?:telegram|facebook|twitter|youtube|instagram|whatsapp|subscribe|newsletter|follow (?:us|our)|join us|sign up|read more|related|advertisement|ctrl ?\+|click here)\b|підпис|підпишіться|читайте також|реклама|подпис|подпишитесь|читайте также|реклама|구독|광고|관련 기사|@\w{3,}|https?:\/\//iu;

function isAllCaps(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/**
 * Whether a paragraph looks like page furniture rather than the article.
 *
 * Copied from a web page, an article comes with its page's furniture: a
 * "JOIN US ON TELEGRAM" banner, a "Follow our coverage on @…" line, a related
 * article's headline, a keyboard tip. They are short one-line paragraphs
 * that are in capitals, call the reader to follow, share, subscribe or press
 * a key, name a handle or a link, or (after the first paragraph) do not end
 * like a sentence. The sample marks exactly these as excluded.
 */
export function looksLikeFurniture(paragraph: string, index: number): boolean {
  const words = paragraph.split(/\s+/u).filter((w) => w !== '').length;
  if (words > 25) return false;
  if (isAllCaps(paragraph)) return true;
  if (FURNITURE_WORDS.test(paragraph)) return true;
  return index > 0 && !SENTENCE_END.test(paragraph.trim());
}

/** A short first paragraph that does not end like a sentence: the article's headline. */
function looksLikeHeadline(paragraph: string, index: number): boolean {
  const words = paragraph.split(/\s+/u).filter((w) => w !== '').length;
  return index === 0 && words <= 25 && !SENTENCE_END.test(paragraph.trim()) && !isAllCaps(paragraph);
}

function uniqueDocumentId(project: Project, base: string): string {
  const taken = new Set(project.documents.map((d) => d.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

function requireLanguage(given: Language | undefined, text: string): Language {
  const language = given ?? guessLanguage(text);
  if (language === undefined) throw new UsecaseError({ code: 'new-project-language-unknown' });
  return language;
}

/**
 * An article document from its text: paragraphs kept, segmented in its language, furniture excluded.
 *
 * Excluded rows stay visible (struck through) and can be included again;
 * a short first paragraph without a full stop becomes the headline.
 */
function articleDocument(project: Project, source: ArticleSource): { document: SubrelayDocument; excluded: string[] } {
  const language = requireLanguage(source.language, source.text);
  const paragraphs = splitParagraphs(source.text);
  if (paragraphs.length === 0) throw new UsecaseError({ code: 'new-project-empty-article' });
  const segments: Segment[] = [];
  const excluded: string[] = [];
  let counter = 0;
  paragraphs.forEach((paragraph, index) => {
    const furniture = looksLikeFurniture(paragraph, index);
    const headline = looksLikeHeadline(paragraph, index);
    const sentences = furniture || headline ? [paragraph] : segmentSentences(paragraph, language);
    for (const sentence of sentences) {
      const id = `${headline ? 'h' : 'a'}${String(++counter).padStart(3, '0')}`;
      segments.push({
        id,
        paragraph: index,
        ...(furniture ? { excluded: true } : {}),
        texts: { ...EMPTY_TEXTS, [language]: sentence },
        status: statusesFor(language),
        ...(headline ? { role: 'headline' as const } : {}),
      });
      if (furniture) excluded.push(id);
    }
  });
  const title = source.title ?? 'Article';
  return {
    document: {
      id: uniqueDocumentId(project, 'article'),
      kind: 'article',
      title,
      sourceLanguage: language,
      segments,
    },
    excluded,
  };
}

/** A transcript: one timed row per cue, or one untimed row per sentence of a plain text. */
function transcriptDocument(
  project: Project,
  source: TranscriptSource,
  given: Language | undefined,
  title: string,
): { project: Project; documentId: string } {
  if ('cues' in source) {
    const language = requireLanguage(given, source.cues.map((c) => c.text).join('\n'));
    if (source.cues.length === 0) throw new UsecaseError({ code: 'import-no-cues' });
    return documentFromCues(project, title, language, source.cues);
  }
  const language = requireLanguage(given, source.text);
  const sentences = splitParagraphs(source.text).flatMap((p) => segmentSentences(p, language));
  const id = uniqueDocumentId(project, 'transcript');
  const document: SubrelayDocument = {
    id,
    kind: 'transcript',
    title,
    sourceLanguage: language,
    segments: sentences.map((text, index) => ({
      id: `s${String(index + 1).padStart(3, '0')}`,
      paragraph: 0,
      texts: { ...EMPTY_TEXTS, [language]: text },
      status: statusesFor(language),
    })),
  };
  return { project: { ...project, documents: [...project.documents, document] }, documentId: id };
}

/**
 * Adds a document to a project: an article from its text, or a transcript from cues or plain text.
 *
 * Throws a `UsecaseError` when the language cannot be told from the
 * letters and was not given, the article is empty, a subtitle file has no
 * cues, or the result would break a project limit.
 */
export function addDocument(
  project: Project,
  request: AddDocumentRequest,
): { readonly project: Project; readonly report: NewProjectReport } {
  let result: { project: Project; documentId: string; excluded: string[] };
  if (request.kind === 'article') {
    const made = articleDocument(project, request);
    result = {
      project: { ...project, documents: [...project.documents, made.document] },
      documentId: made.document.id,
      excluded: made.excluded,
    };
  } else {
    const made = transcriptDocument(project, request, request.language, request.title ?? 'Transcript');
    result = { ...made, excluded: [] };
  }
  const document = result.project.documents.find((d) => d.id === result.documentId);
  return {
    project: checkProjectLimits(result.project),
    report: {
      documentIds: [result.documentId],
      excluded: result.excluded.map((segmentId) => ({ documentId: result.documentId, segmentId })),
      messages: [
        document?.kind === 'article'
          ? {
              code: 'new-project-article',
              params: {
                document: result.documentId,
                language: document.sourceLanguage,
                count: document.segments.length,
                excluded: result.excluded.length,
              },
            }
          : {
              code: 'new-project-transcript',
              params: {
                document: result.documentId,
                language: document?.sourceLanguage ?? '',
                count: document?.segments.length ?? 0,
                timed: document?.segments.filter((s) => s.start !== undefined).length ?? 0,
              },
            },
      ],
    },
  };
}

/**
 * Starts a project: from an article, a transcript (subtitles or plain text), both, or nothing.
 *
 * The languages are guessed from the letters where not given.
 */
export function newProject(request: NewProjectRequest): {
  readonly project: Project;
  readonly report: NewProjectReport;
} {
  let project = emptyProject(request.title ?? request.article?.title ?? request.transcript?.title ?? 'Untitled');
  const documentIds: string[] = [];
  const excluded: Array<{ documentId: string; segmentId: string }> = [];
  const messages: Problem[] = [];
  const add = (made: { readonly project: Project; readonly report: NewProjectReport }): void => {
    project = made.project;
    documentIds.push(...made.report.documentIds);
    excluded.push(...made.report.excluded);
    messages.push(...made.report.messages);
  };
  if (request.article !== undefined) add(addDocument(project, { kind: 'article', ...request.article }));
  if (request.transcript !== undefined) {
    add(addDocument(project, { kind: 'transcript', ...request.transcript, language: request.transcriptLanguage }));
  }
  return { project: checkProjectLimits(project), report: { documentIds, excluded, messages } };
}

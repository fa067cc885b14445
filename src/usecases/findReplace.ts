/**
 * Find and replace across chosen language columns of one document or all.
 *
 * Pure functions over a project: the renderer's Find and replace panel, a
 * test and (one day) the CLI call the same code. A pattern is searched as
 * plain text or as a JavaScript regular expression, with or without case,
 * and "whole word" knows letters of every script (a Korean or Cyrillic
 * letter next to the match means it is part of a longer word). An invalid
 * regular expression is a problem `{ code: 'invalid-regex' }`, never a
 * throw. Zero-length matches (`^`, `x*`) are allowed and never loop.
 *
 * Replacing never touches excluded rows unless asked, never writes a cell
 * past the 100,000-character limit (such cells are left as they were and
 * counted), and returns the new project as one value, so that the caller
 * records it as one undo step.
 */
import type { Problem } from '../api/problems';
import type { Language } from '../languages';
import type { Project, Segment, SubrelayDocument } from '../model/project';

/** The longest text a cell may hold (the project schema's limit). */
export const MAX_CELL_LENGTH = 100_000;

export interface FindOptions {
  /** What to look for: plain text, or a regular expression when `regex` is set. */
  readonly query: string;
  readonly matchCase: boolean;
  readonly wholeWord: boolean;
  readonly regex: boolean;
  /** The language columns to search, in the order the grid shows them. */
  readonly languages: ReadonlyArray<Language>;
  /** One document, or every document of the project when undefined. */
  readonly documentId?: string | undefined;
  /** Excluded rows (page furniture) are searched and replaced only when this is set. */
  readonly includeExcluded?: boolean | undefined;
}

/** One match: a stretch of one cell's text, in UTF-16 offsets as a textarea counts them. */
export interface FindMatch {
  readonly documentId: string;
  readonly segmentId: string;
  readonly language: Language;
  readonly start: number;
  readonly end: number;
}

/** Where a search continues from: a cell and an offset in its text. */
export interface FindPosition {
  readonly documentId: string;
  readonly segmentId: string;
  readonly language: Language;
  readonly offset: number;
}

export type Compiled =
  { readonly ok: true; readonly pattern: RegExp } | { readonly ok: false; readonly problem: Problem };

/** What a replacement did. */
export interface ReplaceReport {
  /** Matches replaced. */
  readonly replaced: number;
  /** Cells whose text changed. */
  readonly cells: number;
  /** Cells left as they were because the result would pass the cell limit. */
  readonly tooLong: number;
}

export type ReplaceResult =
  | { readonly ok: true; readonly project: Project; readonly report: ReplaceReport }
  | { readonly ok: false; readonly problem: Problem };

/** A letter, mark, digit or connector of any script: what a word is made of. */
const WORD = String.raw`[\p{L}\p{M}\p{N}\p{Pc}]`;

/** Plain text as a pattern: only the syntax characters are escaped (a Unicode pattern refuses any other escape). */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&');
}

/** The search as one global, Unicode-aware regular expression, or the problem with the pattern. */
export function compileQuery(options: Pick<FindOptions, 'query' | 'matchCase' | 'wholeWord' | 'regex'>): Compiled {
  const body = options.regex ? options.query : escapeRegExp(options.query);
  const source = options.wholeWord ? `(?<!${WORD})(?:${body})(?!${WORD})` : body;
  const flags = `gu${options.matchCase ? '' : 'i'}`;
  try {
    return { ok: true, pattern: new RegExp(source, flags) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { code: 'invalid-regex', params: { pattern: options.query, detail } } };
  }
}

/** The documents a search covers, in project order. */
function documentsOf(project: Project, options: FindOptions): ReadonlyArray<SubrelayDocument> {
  return options.documentId === undefined
    ? project.documents
    : project.documents.filter((document) => document.id === options.documentId);
}

function searched(segment: Segment, options: FindOptions): boolean {
  return options.includeExcluded === true || segment.excluded !== true;
}

/** The columns searched, in the project's order, without duplicates. */
function columnsOf(project: Project, options: FindOptions): ReadonlyArray<Language> {
  const chosen = new Set(options.languages);
  return project.languages.filter((language) => chosen.has(language));
}

/**
 * Every match in one text, from `from` on.
 *
 * A zero-length match moves the search on by one code point, so a pattern
 * like `^` or `a*` ends.
 */
function* matchesIn(pattern: RegExp, text: string, from = 0): Generator<{ start: number; end: number }> {
  pattern.lastIndex = from;
  while (pattern.lastIndex <= text.length) {
    const match = pattern.exec(text);
    if (match === null) return;
    const start = match.index;
    const end = start + match[0].length;
    yield { start, end };
    if (end === start) {
      const code = text.codePointAt(end);
      pattern.lastIndex = end + (code !== undefined && code > 0xffff ? 2 : 1);
    } else {
      pattern.lastIndex = end;
    }
  }
}

/** Every match of the search, in document, row, column and text order. */
export function findMatches(
  project: Project,
  options: FindOptions,
):
  | { readonly ok: true; readonly matches: ReadonlyArray<FindMatch> }
  | { readonly ok: false; readonly problem: Problem } {
  const compiled = compileQuery(options);
  if (!compiled.ok) return compiled;
  const matches: FindMatch[] = [];
  if (options.query === '') return { ok: true, matches };
  const columns = columnsOf(project, options);
  for (const document of documentsOf(project, options)) {
    for (const segment of document.segments) {
      if (!searched(segment, options)) continue;
      for (const language of columns) {
        for (const { start, end } of matchesIn(compiled.pattern, segment.texts[language])) {
          matches.push({ documentId: document.id, segmentId: segment.id, language, start, end });
        }
      }
    }
  }
  return { ok: true, matches };
}

/**
 * The first match after `from` (a match starting at `from.offset` counts), wrapping
 * round to the start; `undefined` when there is none anywhere.
 *
 * Stops at the first match it meets, so "Find next" in a large project
 * looks only as far as the next match.
 */
export function findNext(
  project: Project,
  options: FindOptions,
  from: FindPosition | undefined,
): { readonly ok: true; readonly match: FindMatch | undefined } | { readonly ok: false; readonly problem: Problem } {
  const compiled = compileQuery(options);
  if (!compiled.ok) return compiled;
  if (options.query === '') return { ok: true, match: undefined };
  const columns = columnsOf(project, options);
  const documents = documentsOf(project, options);
  // The start as a place in reading order: document, row, column (the first cell when there is no start).
  const startDocument = Math.max(
    0,
    documents.findIndex((document) => document.id === from?.documentId),
  );
  const startRow = Math.max(
    0,
    documents[startDocument]?.segments.findIndex((segment) => segment.id === from?.segmentId) ?? 0,
  );
  const startColumn = Math.max(0, from === undefined ? 0 : columns.indexOf(from.language));
  const startOffset = from !== undefined && columns.includes(from.language) ? from.offset : 0;
  const compare = (d: number, r: number, c: number): number =>
    d !== startDocument ? d - startDocument : r !== startRow ? r - startRow : c - startColumn;
  // First the cells from the start on, then, wrapping round, those before it and the start cell's text before the offset.
  for (const wrapped of [false, true]) {
    for (let d = wrapped ? 0 : startDocument; d < documents.length; d++) {
      const document = documents[d];
      if (document === undefined) continue;
      const rows = document.segments;
      for (let r = !wrapped && d === startDocument ? startRow : 0; r < rows.length; r++) {
        const segment = rows[r];
        if (segment === undefined) continue;
        if (wrapped && compare(d, r, 0) > 0) return { ok: true, match: undefined };
        if (!searched(segment, options)) continue;
        for (let c = 0; c < columns.length; c++) {
          const language = columns[c];
          if (language === undefined) continue;
          const order = compare(d, r, c);
          if ((!wrapped && order < 0) || (wrapped && order > 0)) continue;
          const text = segment.texts[language];
          const atStart = order === 0 && from !== undefined;
          const offset = atStart && !wrapped ? Math.min(startOffset, text.length) : 0;
          for (const { start, end } of matchesIn(compiled.pattern, text, offset)) {
            if (atStart && wrapped && start >= startOffset) break;
            return { ok: true, match: { documentId: document.id, segmentId: segment.id, language, start, end } };
          }
        }
      }
    }
  }
  return { ok: true, match: undefined };
}

/** A replacement as `String.prototype.replace` reads it: `$1`, `$&`, `$<name>` in regex mode, literal otherwise. */
function replacer(options: FindOptions, replacement: string): string | (() => string) {
  return options.regex ? replacement : () => replacement;
}

function withTexts(project: Project, documentId: string, update: (segment: Segment) => Segment): Project {
  let changed = false;
  const documents = project.documents.map((document) => {
    if (document.id !== documentId) return document;
    const segments = document.segments.map((segment) => {
      const next = update(segment);
      if (next !== segment) changed = true;
      return next;
    });
    return changed ? { ...document, segments } : document;
  });
  return changed ? { ...project, documents } : project;
}

/** A segment with some texts replaced; the aligner's doubt about an edited cell goes, as for typing. */
function replaceTexts(segment: Segment, texts: Partial<Record<Language, string>>): Segment {
  const edited = Object.keys(texts);
  if (edited.length === 0) return segment;
  const { confidence, ...rest } = segment;
  const remaining = Object.fromEntries(Object.entries(confidence ?? {}).filter(([key]) => !edited.includes(key)));
  return {
    ...rest,
    texts: { ...segment.texts, ...texts },
    ...(Object.keys(remaining).length > 0 ? { confidence: remaining } : {}),
  };
}

/**
 * Replaces every match, in every searched cell, as one new project.
 *
 * The same project comes back when nothing matched, so that no undo step is
 * recorded for nothing.
 */
export function replaceAll(project: Project, options: FindOptions, replacement: string): ReplaceResult {
  const compiled = compileQuery(options);
  if (!compiled.ok) return compiled;
  const report = { replaced: 0, cells: 0, tooLong: 0 };
  if (options.query === '') return { ok: true, project, report };
  const pattern = compiled.pattern;
  const columns = columnsOf(project, options);
  const with_ = replacer(options, replacement);
  let result = project;
  for (const document of documentsOf(project, options)) {
    result = withTexts(result, document.id, (segment) => {
      if (!searched(segment, options)) return segment;
      const texts: Partial<Record<Language, string>> = {};
      for (const language of columns) {
        const text = segment.texts[language];
        let count = 0;
        for (let it = matchesIn(pattern, text); !it.next().done;) count++;
        if (count === 0) continue;
        pattern.lastIndex = 0;
        const replaced = typeof with_ === 'string' ? text.replace(pattern, with_) : text.replace(pattern, with_);
        if (replaced.length > MAX_CELL_LENGTH) {
          report.tooLong++;
          continue;
        }
        report.replaced += count;
        if (replaced === text) continue;
        report.cells++;
        texts[language] = replaced;
      }
      return replaceTexts(segment, texts);
    });
  }
  return { ok: true, project: result, report };
}

/**
 * Replaces one match, found earlier by `findNext` or `findMatches`.
 *
 * The match must still be there (the same pattern matching at the same
 * place with the same length); otherwise the project comes back unchanged
 * with `replaced: 0`, and the caller looks for the next one instead.
 * Returns where the replacement ends, for the next search to start from.
 */
export function replaceMatch(
  project: Project,
  options: FindOptions,
  match: FindMatch,
  replacement: string,
): ReplaceResult & { readonly end?: number } {
  const compiled = compileQuery(options);
  if (!compiled.ok) return compiled;
  const none = { ok: true as const, project, report: { replaced: 0, cells: 0, tooLong: 0 } };
  const document = project.documents.find((d) => d.id === match.documentId);
  const segment = document?.segments.find((s) => s.id === match.segmentId);
  if (document === undefined || segment === undefined || !searched(segment, options)) return none;
  if (!options.languages.includes(match.language)) return none;
  const text = segment.texts[match.language];
  const sticky = new RegExp(compiled.pattern.source, compiled.pattern.flags.replace('g', '') + 'y');
  sticky.lastIndex = match.start;
  const found = sticky.exec(text);
  if (found === null || found.index !== match.start || found[0].length !== match.end - match.start) return none;
  sticky.lastIndex = match.start;
  const with_ = replacer(options, replacement);
  const replaced = typeof with_ === 'string' ? text.replace(sticky, with_) : text.replace(sticky, with_);
  if (replaced.length > MAX_CELL_LENGTH) return { ...none, report: { replaced: 0, cells: 0, tooLong: 1 } };
  const end = match.end + (replaced.length - text.length);
  if (replaced === text) return { ...none, report: { replaced: 1, cells: 0, tooLong: 0 }, end };
  const next = withTexts(project, document.id, (s) =>
    s.id === segment.id ? replaceTexts(s, { [match.language]: replaced }) : s,
  );
  return { ok: true, project: next, report: { replaced: 1, cells: 1, tooLong: 0 }, end };
}

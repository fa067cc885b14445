import { assertNever } from '../languages';
import type { Cue } from './srt';

/** The subtitle formats Subrelay reads. */
export type SubtitleFormat = 'srt' | 'vtt';

/** What a subtitle file holds once read: its format and its cues in file order. */
export interface SubtitleDocument {
  readonly format: SubtitleFormat;
  readonly cues: Cue[];
}

export interface ParseSubtitlesOptions {
  /** `auto` (the default) reads WebVTT when the text starts with a `WEBVTT` line, SRT otherwise. */
  readonly format?: SubtitleFormat | 'auto' | undefined;
  /** Named at the start of error messages, so the translator knows which file is broken. */
  readonly file?: string | undefined;
  /**
   * Keeps the cue text exactly as written: tags, `{\an8}` codes and WebVTT
   * character references. By default tags and codes are removed and WebVTT
   * references are decoded, which gives the plain text a translator edits.
   */
  readonly keepTags?: boolean | undefined;
}

/**
 * A subtitle file that cannot be read, with the 1-based line where the problem is.
 *
 * `problem` is worded for the translator ("bad timestamp "00:00:61,000"");
 * the message adds the line and, when known, the file.
 */
export class SubtitleParseError extends Error {
  readonly file: string | undefined;

  constructor(
    readonly line: number,
    readonly problem: string,
    file?: string,
  ) {
    super(`${file === undefined ? '' : `${file}: `}line ${line}: ${problem}`);
    this.name = 'SubtitleParseError';
    this.file = file;
  }
}

/** Longest excerpt of the file quoted in an error message; a 10 MB line must not end up in a dialog. */
const MAX_EXCERPT = 40;

function excerpt(text: string): string {
  return text.length <= MAX_EXCERPT ? text : `${text.slice(0, MAX_EXCERPT)}…`;
}

/** `[h…h:]m:s[.fff]` with a comma or a dot; hours not limited to 24 (files of long recordings exist). */
const TIMESTAMP = /^(?:(\d{1,4}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/u;

/**
 * Reads one timestamp, in either format's spelling.
 *
 * Accepts 1–4 digit hours or none ("01:02.500", as WebVTT allows), one or
 * two digit minutes and seconds, and 1–3 fraction digits ("1,5" is 500 ms).
 * Without hours the fraction is required: "01:02" could be either h:m or m:s.
 */
function readTimestamp(token: string): number | undefined {
  if (token.length > 20) return undefined;
  const match = TIMESTAMP.exec(token);
  if (!match) return undefined;
  const [, hours, minutes = '0', seconds = '0', fraction] = match;
  if (hours === undefined && fraction === undefined) return undefined;
  if (Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  return (
    Number(hours ?? '0') * 3_600_000 +
    Number(minutes) * 60_000 +
    Number(seconds) * 1000 +
    Number((fraction ?? '0').padEnd(3, '0'))
  );
}

/**
 * A line that was meant as a time line but lost its arrow ("00:00:01,000 -> 00:00:02,000").
 *
 * Without this check such a cue would silently become text of the previous
 * cue. Only a full `h:mm:ss,fff` time at the start counts, so dialogue like
 * "10:30 - 11:00" stays text.
 */
const ARROW_TYPO = /^\d{1,4}:\d{1,2}:\d{1,2}[.,]\d{1,3}\s*(?:[-–—=]{1,3}>?|>)\s*\d/u;

interface Timing {
  readonly start: number;
  readonly end: number;
}

type Fail = (line: number, problem: string) => never;

function isTimingLine(line: string): boolean {
  return line.includes('-->');
}

/** Reads "start --> end [settings]"; what follows the end time (SRT `X1:` positions, WebVTT cue settings) is ignored. */
function readTimingLine(line: string, lineNumber: number, fail: Fail): Timing {
  const arrow = line.indexOf('-->');
  const startToken = line.slice(0, arrow).trim();
  const endToken = /^\S*/u.exec(line.slice(arrow + 3).trimStart())?.[0] ?? '';
  if (startToken === '') fail(lineNumber, 'missing start time before "-->"');
  if (endToken === '') fail(lineNumber, 'missing end time after "-->"');
  const start = readTimestamp(startToken);
  if (start === undefined) fail(lineNumber, `bad timestamp "${excerpt(startToken)}"`);
  const end = readTimestamp(endToken);
  if (end === undefined) fail(lineNumber, `bad timestamp "${excerpt(endToken)}"`);
  if (end < start) fail(lineNumber, `cue ends before it starts ("${excerpt(startToken)} --> ${excerpt(endToken)}")`);
  return { start, end };
}

function checkArrowTypo(trimmed: string, lineNumber: number, fail: Fail): void {
  if (ARROW_TYPO.test(trimmed.slice(0, 64))) {
    fail(lineNumber, `bad time line "${excerpt(trimmed)}" (expected "-->" between the times)`);
  }
}

/**
 * Formatting markup found in subtitle text.
 *
 * HTML-like tags that SRT players and WebVTT use (`<i>`, `<b>`, `<u>`, `<s>`,
 * `<font …>`, `<c.class>`, `<v Speaker>`, `<ruby>`, `<rt>`, `<lang xx>`,
 * `<span …>`), WebVTT karaoke timestamps (`<00:01.500>`) and ASS override
 * codes that converters leave in SRT (`{\an8}`, `{\i1}`). Only these known
 * names are removed, so text such as "a <3" or "<Name>" is kept. Each
 * alternative scans to the next `<`/`>` or `{`/`}` at most, which keeps the
 * replacement linear on any input.
 */
const MARKUP =
  /<\/?(?:[ibus]|font|c|v|ruby|rt|lang|span)(?:[.\s][^<>]*)?>|<(?:\d{1,4}:)?\d{1,2}:\d{1,2}[.,]\d{1,3}>|\{\\[^{}]*\}/giu;

const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00A0',
  lrm: '\u200E',
  rlm: '\u200F',
  quot: '"',
  apos: "'",
};

const REFERENCE = /&(?:(amp|lt|gt|nbsp|lrm|rlm|quot|apos)|#(\d{1,7})|#[xX]([\dA-Fa-f]{1,6}));/gu;

/** Decodes the character references WebVTT cue text uses; an invalid numeric one is left as written. */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    REFERENCE,
    (whole, name: string | undefined, decimal: string | undefined, hex: string | undefined) => {
      if (name !== undefined) return NAMED_REFERENCES[name] ?? whole;
      const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    },
  );
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Turns the raw text lines of one cue into its text: trimmed lines, markup removed, blank lines dropped. */
function cueText(lines: ReadonlyArray<string>, format: SubtitleFormat, keepTags: boolean): string {
  const kept: string[] = [];
  for (const raw of lines) {
    let line = raw.trim();
    if (!keepTags) {
      line = line.replace(MARKUP, '').trim();
      // Trimmed again: "&nbsp;" at the edge of a line spaces nothing out on screen.
      if (format === 'vtt') line = decodeReferences(line).trim();
    }
    if (line !== '') kept.push(line);
  }
  return kept.join('\n');
}

/** Characters that do not occur in text files; a file full of them is binary. */
function isSuspiciousCharacter(code: number): boolean {
  // Tab, LF, VT, FF, CR and the DOS end-of-file mark (Ctrl-Z) turn up in real subtitle files.
  if (code < 0x20)
    return code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d && code !== 0x1a;
  return code === 0x7f || code === 0xfffd;
}

function lineNumberAt(text: string, index: number): number {
  return text.slice(0, index).split(/\r\n|\r|\n/u).length;
}

/**
 * Refuses binary data before trying to read it as cues.
 *
 * A NUL is never in a text file; otherwise more than 5 % control characters
 * or U+FFFD (what decoding a binary file as text produces) is taken as binary.
 */
function checkNotBinary(text: string, fail: Fail): void {
  const nul = text.indexOf('\0');
  if (nul !== -1) fail(lineNumberAt(text, nul), 'binary data, not subtitle text (NUL bytes)');
  let suspicious = 0;
  let first = -1;
  for (let index = 0; index < text.length; index++) {
    if (isSuspiciousCharacter(text.charCodeAt(index))) {
      suspicious++;
      if (first === -1) first = index;
    }
  }
  if (suspicious > 0 && suspicious * 20 > text.length) {
    fail(lineNumberAt(text, first), 'binary data, not subtitle text (control characters)');
  }
}

/** Drops the end-of-file mark (Ctrl-Z) that DOS-era tools append; it is not content. */
function withoutEndOfFileMark(text: string): string {
  const trimmed = text.trimEnd();
  return trimmed.endsWith('\u001A') ? trimmed.slice(0, -1) : text;
}

const WEBVTT_HEADER = /^WEBVTT(?:[ \t\r\n]|$)/u;

/**
 * Tells WebVTT from SRT by the `WEBVTT` line WebVTT files start with.
 *
 * Leading blank lines and a byte order mark are tolerated; everything else
 * is read as SRT, the far more common format without any header.
 */
export function detectSubtitleFormat(text: string): SubtitleFormat {
  const start = text.replace(/^\uFEFF/u, '').trimStart();
  return WEBVTT_HEADER.test(start.slice(0, 16)) ? 'vtt' : 'srt';
}

/**
 * Reads SRT cues.
 *
 * Every line containing "-->" starts a cue; its text runs to the next such
 * line, so blank lines inside a cue and missing blank lines between cues
 * both read as players show them. The index number of the next cue is the
 * last line before its time line: it is removed when a blank line precedes
 * it, or when it is the number the next cue should have (its position, or
 * the last index seen plus the cues since). Text before the first cue is
 * ignored.
 */
function readSrt(lines: ReadonlyArray<string>, keepTags: boolean, fail: Fail): Cue[] {
  const cues: Cue[] = [];
  let timing: Timing | undefined;
  let buffer: string[] = [];
  let lastIndex: { readonly value: number; readonly cueNumber: number } | undefined;

  /** Removes the index of cue number `nextNumber` from the end of `buffer` and returns it, if it is there. */
  const takeIndex = (followedByTiming: boolean, nextNumber: number): number | undefined => {
    let end = buffer.length;
    while (end > 0 && isBlank(buffer[end - 1] ?? '')) end--;
    const last = (buffer[end - 1] ?? '').trim();
    if (end === 0 || !/^\d{1,9}$/u.test(last)) return undefined;
    const value = Number(last);
    const afterBlank = end >= 2 && isBlank(buffer[end - 2] ?? '');
    const expected =
      value === nextNumber || (lastIndex !== undefined && value === lastIndex.value + nextNumber - lastIndex.cueNumber);
    const isIndex = timing === undefined ? followedByTiming : afterBlank || (followedByTiming && expected);
    if (!isIndex) return undefined;
    buffer = buffer.slice(0, end - 1);
    return value;
  };

  const finishCue = (followedByTiming: boolean): void => {
    const nextNumber = cues.length + (timing === undefined ? 1 : 2);
    const index = takeIndex(followedByTiming, nextNumber);
    if (timing !== undefined) cues.push({ ...timing, text: cueText(buffer, 'srt', keepTags) });
    if (index !== undefined) lastIndex = { value: index, cueNumber: nextNumber };
    buffer = [];
  };

  for (const [position, line] of lines.entries()) {
    const lineNumber = position + 1;
    if (isTimingLine(line)) {
      const next = readTimingLine(line, lineNumber, fail);
      finishCue(true);
      timing = next;
      continue;
    }
    checkArrowTypo(line.trim(), lineNumber, fail);
    buffer.push(line);
  }
  finishCue(false);
  return cues;
}

type VttState = 'header' | 'between' | 'identifier' | 'cue' | 'skip';

/** Block keywords of WebVTT that hold no cue: comments, style sheets and region definitions. */
const VTT_NON_CUE_BLOCK = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/u;

/**
 * Reads WebVTT cues following the structure of the WebVTT parsing algorithm.
 *
 * Blocks are separated by blank lines. The header block, NOTE, STYLE and
 * REGION blocks, cue identifiers and text blocks without a time line are
 * skipped. A cue's text ends at a blank line or, as in the specification, at
 * a line containing "-->", which starts the next cue.
 */
function readVtt(lines: ReadonlyArray<string>, keepTags: boolean, fail: Fail): Cue[] {
  const cues: Cue[] = [];
  let state: VttState = 'between';
  let timing: Timing | undefined;
  let buffer: string[] = [];
  let seenContent = false;

  const finishCue = (): void => {
    if (timing !== undefined) cues.push({ ...timing, text: cueText(buffer, 'vtt', keepTags) });
    timing = undefined;
    buffer = [];
  };

  for (const [position, line] of lines.entries()) {
    const lineNumber = position + 1;
    const trimmed = line.trim();
    if (!seenContent) {
      if (trimmed === '') continue;
      seenContent = true;
      if (WEBVTT_HEADER.test(trimmed.slice(0, 16))) {
        state = 'header';
        continue;
      }
    }
    if (trimmed === '') {
      if (state === 'cue') finishCue();
      state = 'between';
      continue;
    }
    if (state === 'skip') continue;
    if (isTimingLine(line)) {
      const next = readTimingLine(line, lineNumber, fail);
      finishCue();
      timing = next;
      state = 'cue';
      continue;
    }
    checkArrowTypo(trimmed, lineNumber, fail);
    switch (state) {
      case 'cue':
        buffer.push(line);
        break;
      case 'header':
        break;
      case 'between':
        state = VTT_NON_CUE_BLOCK.test(trimmed.slice(0, 8)) ? 'skip' : 'identifier';
        break;
      case 'identifier':
        // A second line without a time: not a cue block, skip the rest of it.
        state = 'skip';
        break;
      default:
        assertNever(state, 'Unknown WebVTT reader state');
    }
  }
  finishCue();
  return cues;
}

/**
 * Reads an SRT or WebVTT file into cues (times in ms, text lines joined with "\n").
 *
 * Reads the quirks of files found in the wild: missing index numbers, a dot
 * or a comma before the milliseconds in either format, 1–2 digit or missing
 * hours, extra or missing blank lines, CRLF, CR or LF, a byte order mark,
 * positions or cue settings after the times, WebVTT NOTE/STYLE/REGION blocks
 * and cue identifiers. Markup is removed unless `keepTags` is set.
 *
 * Throws `SubtitleParseError` (and nothing else, whatever it is given) for
 * an empty file, binary data, a bad timestamp, a cue that ends before it
 * starts and text without any cue. Runs in time linear in the text.
 */
export function parseSubtitles(text: string, options: ParseSubtitlesOptions = {}): SubtitleDocument {
  const file = typeof options?.file === 'string' ? options.file : undefined;
  const fail: Fail = (line, problem) => {
    throw new SubtitleParseError(line, problem, file);
  };
  if (typeof text !== 'string') return fail(1, `expected subtitle text, got ${text === null ? 'null' : typeof text}`);
  const requested: unknown = options?.format ?? 'auto';
  if (requested !== 'auto' && requested !== 'srt' && requested !== 'vtt') {
    const shown = typeof requested === 'string' ? `"${excerpt(requested)}"` : `of type ${typeof requested}`;
    return fail(1, `unknown subtitle format ${shown} (expected "srt", "vtt" or "auto")`);
  }
  const keepTags = options?.keepTags === true;
  const body = withoutEndOfFileMark(text.replace(/^\uFEFF/u, ''));
  if (body.trim() === '') return fail(1, 'the file is empty');
  checkNotBinary(body, fail);
  const format = requested === 'auto' ? detectSubtitleFormat(body) : requested;
  const lines = body.split(/\r\n|\r|\n/u);
  const cues = format === 'vtt' ? readVtt(lines, keepTags, fail) : readSrt(lines, keepTags, fail);
  if (cues.length === 0) {
    return fail(1, `no subtitle cues found (no time line like "00:00:01,000 --> 00:00:02,000")`);
  }
  return { format, cues };
}

/**
 * What every subtitle reader shares: the error it throws, timestamps, markup and binary checks.
 */
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
export const MAX_EXCERPT = 40;

export function excerpt(text: string): string {
  return text.length <= MAX_EXCERPT ? text : `${text.slice(0, MAX_EXCERPT)}…`;
}

/** `[h…h:]m:s[.fff]` with a comma or a dot; hours not limited to 24 (files of long recordings exist). */
export const TIMESTAMP = /^(?:(\d{1,4}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/u;

/**
 * Reads one timestamp, in either format's spelling.
 *
 * Accepts 1–4 digit hours or none ("01:02.500", as WebVTT allows), one or
 * two digit minutes and seconds, and 1–3 fraction digits ("1,5" is 500 ms).
 * Without hours the fraction is required: "01:02" could be either h:m or m:s.
 */
export function readTimestamp(token: string): number | undefined {
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

export interface Timing {
  readonly start: number;
  readonly end: number;
}

export type Fail = (line: number, problem: string) => never;

/** A cue a reader left out, as browsers leave out a malformed WebVTT cue, with the reason. */
export interface DroppedCue {
  /** The 1-based line of its time line. */
  readonly line: number;
  readonly problem: string;
}

/** What a reader is given besides the lines of the file. */
export interface ReadContext {
  readonly keepTags: boolean;
  /** Stops reading: the file cannot be read. */
  readonly fail: Fail;
  /** Leaves one cue out and goes on; the user is told. */
  readonly drop: (line: number, problem: string) => void;
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
export const MARKUP =
  /<\/?(?:[ibus]|font|c|v|ruby|rt|lang|span)(?:[.\s][^<>]*)?>|<(?:\d{1,4}:)?\d{1,2}:\d{1,2}[.,]\d{1,3}>|\{\\[^{}]*\}/giu;

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Turns the raw text lines of one SRT-like cue into its text: trimmed lines, known markup removed, blank lines dropped. */
export function cueText(lines: ReadonlyArray<string>, keepTags: boolean): string {
  const kept: string[] = [];
  for (const raw of lines) {
    const line = keepTags ? raw.trim() : raw.replace(MARKUP, '').trim();
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

export function lineNumberAt(text: string, index: number): number {
  return text.slice(0, index).split(/\r\n|\r|\n/u).length;
}

/**
 * Refuses binary data before trying to read it as cues.
 *
 * A NUL is never in a text file; otherwise more than 5 % control characters
 * or U+FFFD (what decoding a binary file as text produces) is taken as binary.
 */
export function checkNotBinary(text: string, fail: Fail): void {
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
export function withoutEndOfFileMark(text: string): string {
  const trimmed = text.trimEnd();
  return trimmed.endsWith('\u001A') ? trimmed.slice(0, -1) : text;
}

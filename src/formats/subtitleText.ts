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

/**
 * A line that was meant as a time line but lost its arrow ("00:00:01,000 -> 00:00:02,000").
 *
 * Without this check such a cue would silently become text of the previous
 * cue. Only a full `h:mm:ss,fff` time at the start counts, so dialogue like
 * "10:30 - 11:00" stays text.
 */
export const ARROW_TYPO = /^\d{1,4}:\d{1,2}:\d{1,2}[.,]\d{1,3}\s*(?:[-–—=]{1,3}>?|>)\s*\d/u;

export interface Timing {
  readonly start: number;
  readonly end: number;
}

export type Fail = (line: number, problem: string) => never;

export function isTimingLine(line: string): boolean {
  return line.includes('-->');
}

/** Reads "start --> end [settings]"; what follows the end time (SRT `X1:` positions, WebVTT cue settings) is ignored. */
export function readTimingLine(line: string, lineNumber: number, fail: Fail): Timing {
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

export function checkArrowTypo(trimmed: string, lineNumber: number, fail: Fail): void {
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
export const MARKUP =
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
export function decodeReferences(text: string): string {
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

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Turns the raw text lines of one cue into its text: trimmed lines, markup removed, blank lines dropped. */
export function cueText(lines: ReadonlyArray<string>, format: 'srt' | 'vtt', keepTags: boolean): string {
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

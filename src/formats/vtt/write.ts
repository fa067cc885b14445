import { formatTimestamp } from '../../time/timecode';
import { cueLines, newlineOf, type Cue, type LineEnding } from '../cue';

export interface VttOptions {
  /** LF by default: WebVTT is a web format, and browsers and web tools write LF. */
  readonly lineEnding?: LineEnding | undefined;
  /** A UTF-8 byte order mark, which the WebVTT parser skips; some Windows tools need it. */
  readonly bom?: boolean | undefined;
}

/**
 * Escapes the characters WebVTT cue text reserves.
 *
 * "&" and "<" would start a character reference or a tag; ">" is escaped too
 * so that "-->" can never appear in cue text and end the cue.
 */
function escapeCueText(line: string): string {
  return line.replace(/[&<>]/gu, (character) => (character === '&' ? '&amp;' : character === '<' ? '&lt;' : '&gt;'));
}

/**
 * Writes cues as a WebVTT (.vtt) file.
 *
 * Mirrors `toSrt`: a `WEBVTT` header, then each cue's times
 * ("HH:MM:SS.mmm", hours not wrapped at 24) and text, each cue followed by a
 * blank line. Cue text is plain text, so markup characters are escaped;
 * blank lines inside a cue's text would end the cue early and are dropped.
 */
export function toVtt(cues: ReadonlyArray<Cue>, options: VttOptions = {}): string {
  const newline = newlineOf(options.lineEnding, 'lf');
  const blocks = cues.map((cue) => {
    const lines = cueLines(cue.text).map(escapeCueText);
    return [`${formatTimestamp(cue.start, '.')} --> ${formatTimestamp(cue.end, '.')}`, ...lines].join(newline);
  });
  const body = blocks.map((block) => block + newline + newline).join('');
  return `${options.bom === true ? '\uFEFF' : ''}WEBVTT${newline}${newline}${body}`;
}

import { formatTimestamp } from '../time/timecode';

/** One subtitle: times in milliseconds, text with "\n" between lines. */
export interface Cue {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type LineEnding = 'crlf' | 'lf';

export interface SrtOptions {
  /** CRLF is what most broadcast specifications and Windows tools expect. */
  readonly lineEnding?: LineEnding | undefined;
  /** A UTF-8 byte order mark, for old Windows players that need it to detect UTF-8. */
  readonly bom?: boolean | undefined;
}

/**
 * Writes cues as a SubRip (.srt) file.
 *
 * Cues are numbered from 1 in the order given. Blank lines inside a cue's
 * text would end the cue early in every reader, so they are dropped.
 */
export function toSrt(cues: ReadonlyArray<Cue>, options: SrtOptions = {}): string {
  const newline = (options.lineEnding ?? 'crlf') === 'crlf' ? '\r\n' : '\n';
  const blocks = cues.map((cue, index) => {
    const lines = cue.text
      .split(/\r\n|\r|\n/u)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    return [String(index + 1), `${formatTimestamp(cue.start)} --> ${formatTimestamp(cue.end)}`, ...lines].join(newline);
  });
  const body = blocks.map((block) => block + newline + newline).join('');
  return (options.bom === true ? '\uFEFF' : '') + body;
}

import { formatTimestamp } from '../../time/timecode';
import { cueLines, newlineOf, type Cue, type LineEnding } from '../cue';

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
  const newline = newlineOf(options.lineEnding, 'crlf');
  const blocks = cues.map((cue, index) => {
    const lines = cueLines(cue.text);
    return [String(index + 1), `${formatTimestamp(cue.start)} --> ${formatTimestamp(cue.end)}`, ...lines].join(newline);
  });
  const body = blocks.map((block) => block + newline + newline).join('');
  return (options.bom === true ? '\uFEFF' : '') + body;
}

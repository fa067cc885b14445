/** One subtitle: times in milliseconds, text with "\n" between lines. */
export interface Cue {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** ASS/SSA: the name of the style the cue is in; other formats have none. */
  readonly style?: string | undefined;
}

export type LineEnding = 'crlf' | 'lf';

/** The newline a line-ending option stands for. */
export function newlineOf(lineEnding: LineEnding | undefined, fallback: LineEnding): string {
  return (lineEnding ?? fallback) === 'crlf' ? '\r\n' : '\n';
}

/** A cue's lines, trimmed, without the blank lines that would end a cue early in every reader. */
export function cueLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

import { cueLines, newlineOf, type Cue, type LineEnding } from '../cue';
import { excerpt, type ReadContext } from '../subtitleText';

/**
 * YouTube's SubViewer (.sbv) captions: `H:MM:SS.mmm,H:MM:SS.mmm`, then the text, then a blank line.
 *
 * YouTube writes hours without padding and LF line ends; it reads plain text
 * (no markup), so nothing is escaped.
 */
export interface SbvOptions {
  readonly lineEnding?: LineEnding | undefined;
  readonly bom?: boolean | undefined;
}

function sbvTime(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor(ms / 60_000) % 60;
  const seconds = Math.floor(ms / 1000) % 60;
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return `${hours}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(ms % 1000, 3)}`;
}

/** Writes cues as SBV; blank lines inside a cue would end it, so they are dropped. */
export function toSbv(cues: ReadonlyArray<Cue>, options: SbvOptions = {}): string {
  const newline = newlineOf(options.lineEnding, 'lf');
  const blocks = cues.map((cue) => [`${sbvTime(cue.start)},${sbvTime(cue.end)}`, ...cueLines(cue.text)].join(newline));
  return (options.bom === true ? '\uFEFF' : '') + blocks.map((block) => block + newline + newline).join('');
}

const SBV_TIME = /^\s*(\d{1,3}):(\d{2}):(\d{2})\.(\d{3}),(\d{1,3}):(\d{2}):(\d{2})\.(\d{3})\s*$/u;

/** Whether the text is SBV: its first non-blank line is an SBV time line. */
export function isSbv(text: string): boolean {
  const first =
    text
      .replace(/^\uFEFF/u, '')
      .trimStart()
      .split(/\r\n|\r|\n/u, 1)[0] ?? '';
  return SBV_TIME.test(first.slice(0, 64));
}

function msOf(hours: string, minutes: string, seconds: string, fraction: string): number | undefined {
  if (Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  return Number(hours) * 3_600_000 + Number(minutes) * 60_000 + Number(seconds) * 1000 + Number(fraction);
}

/**
 * Reads SBV cues: a time line, then text lines up to a blank line.
 *
 * A time line with minutes or seconds over 59, or an end before its start, is
 * refused with its line; text before the first time line is ignored.
 */
export function readSbv(lines: ReadonlyArray<string>, context: ReadContext): Cue[] {
  const cues: Cue[] = [];
  let current: { start: number; end: number; text: string[] } | undefined;
  const finish = (): void => {
    if (current !== undefined) {
      cues.push({ start: current.start, end: current.end, text: current.text.join('\n') });
    }
    current = undefined;
  };
  for (const [position, line] of lines.entries()) {
    const match = current === undefined ? SBV_TIME.exec(line.slice(0, 64)) : null;
    if (match !== null) {
      const [, h1 = '', m1 = '', s1 = '', f1 = '', h2 = '', m2 = '', s2 = '', f2 = ''] = match;
      const start = msOf(h1, m1, s1, f1);
      const end = msOf(h2, m2, s2, f2);
      if (start === undefined || end === undefined)
        context.fail(position + 1, `bad time line "${excerpt(line.trim())}"`);
      if (end < start) context.fail(position + 1, `cue ends before it starts ("${excerpt(line.trim())}")`);
      current = { start, end, text: [] };
      continue;
    }
    if (line.trim() === '') {
      finish();
      continue;
    }
    current?.text.push(line.trim());
  }
  finish();
  return cues;
}

import type { Cue } from '../cue';
import { cueText, excerpt, isBlank, readTimestamp, type Fail, type ReadContext, type Timing } from '../subtitleText';

/**
 * A line with its times written as tools and hands write them.
 *
 * Full-width `：` and `，` (Chinese and Japanese input methods) become ASCII,
 * and spaces around the separators between digits go (`00: 00: 12,083`).
 * Only used to read times; cue text is never changed.
 */
function normaliseTimes(line: string): string {
  return line
    .replace(/[：]/gu, ':')
    .replace(/[，]/gu, ',')
    .replace(/(\d)[ \t]*([:.,])[ \t]*(?=\d)/gu, '$1$2');
}

/** A complete `h:mm:ss,fff` time, not followed by a digit; only after one of these is junk ignored. */
const FULL_TIME = /^\d{1,4}:\d{2}:\d{2}[.,]\d{3}(?!\d)/u;

/** The arrows real files have besides `-->`: `->`, `- >`, `-- >` (hand edits and old tools). */
const LOOSE_TIMING = /^\s*(?:\d{1,4}:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?\s*(-{1,2} ?>)\s*\d{1,4}:\d{1,2}/u;

/**
 * A line that was meant as a time line but has no arrow that players read.
 *
 * Two times with nothing, a dash, `=>` or a dash of another kind between
 * them ("00:00:01,000 00:00:02,000", "00:00:01,000 — 00:00:02,000"). Without
 * this check such a cue would silently become text of the previous cue.
 * Only a full `h:mm:ss,fff` time followed by another time counts, so
 * dialogue like "10:30 - 11:00" stays text.
 */
const ARROW_TYPO = /^\d{1,4}:\d{1,2}:\d{1,2}[.,]\d{1,3}\s*(?:[-–—=]{1,3}>?|>)?\s*\d{1,4}:\d{1,2}/u;

/** The arrow of a time line, where it is one. */
function arrowOf(normalised: string): { readonly index: number; readonly length: number } | undefined {
  const strict = normalised.indexOf('-->');
  if (strict !== -1) return { index: strict, length: 3 };
  const loose = LOOSE_TIMING.exec(normalised);
  if (loose === null) return undefined;
  const arrow = loose[1] ?? '';
  return { index: normalised.indexOf(arrow), length: arrow.length };
}

/**
 * Reads "start --> end [junk]".
 *
 * What follows a full end time is ignored: SRT `X1:` positions, and what
 * converters leave glued to it ("00:00:02,000X1:100", "00:00:02,000abc").
 */
function readTimingLine(
  normalised: string,
  arrow: { index: number; length: number },
  line: number,
  fail: Fail,
): Timing {
  const startToken = normalised.slice(0, arrow.index).trim();
  const rest = normalised.slice(arrow.index + arrow.length).trimStart();
  const endToken = FULL_TIME.exec(rest)?.[0] ?? /^\S*/u.exec(rest)?.[0] ?? '';
  if (startToken === '') fail(line, 'missing start time before "-->"');
  if (endToken === '') fail(line, 'missing end time after "-->"');
  const start = readTimestamp(startToken);
  if (start === undefined) fail(line, `bad timestamp "${excerpt(startToken)}"`);
  const end = readTimestamp(endToken);
  if (end === undefined) fail(line, `bad timestamp "${excerpt(endToken)}"`);
  if (end < start) fail(line, `cue ends before it starts ("${excerpt(startToken)} --> ${excerpt(endToken)}")`);
  return { start, end };
}

/** An index line: digits, also negative ("-1") or with a dot ("12."), as some tools write them. */
const INDEX = /^-?\d{1,9}\.?$/u;

/**
 * Reads SRT cues.
 *
 * Every time line starts a cue; its text runs to the next time line, so
 * blank lines inside a cue and missing blank lines between cues both read as
 * players show them. The index number of the next cue is the last line before
 * its time line: it is removed when a blank line precedes it, or when it is
 * the number the next cue should have (its position, or the last index seen
 * plus the cues since). Text before the first cue is ignored.
 */
export function readSrt(lines: ReadonlyArray<string>, context: ReadContext): Cue[] {
  const { keepTags, fail } = context;
  const cues: Cue[] = [];
  let timing: Timing | undefined;
  let buffer: string[] = [];
  let lastIndex: { readonly value: number; readonly cueNumber: number } | undefined;

  /** Removes the index of cue number `nextNumber` from the end of `buffer` and returns it, if it is there. */
  const takeIndex = (followedByTiming: boolean, nextNumber: number): number | undefined => {
    let end = buffer.length;
    while (end > 0 && isBlank(buffer[end - 1] ?? '')) end--;
    const last = (buffer[end - 1] ?? '').trim();
    if (end === 0 || !INDEX.test(last)) return undefined;
    const value = Number(last.replace('.', ''));
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
    if (timing !== undefined) cues.push({ ...timing, text: cueText(buffer, keepTags) });
    if (index !== undefined) lastIndex = { value: index, cueNumber: nextNumber };
    buffer = [];
  };

  for (const [position, line] of lines.entries()) {
    const lineNumber = position + 1;
    // Long lines are text: no time line is longer than this, so the checks stay linear.
    const normalised = normaliseTimes(line.slice(0, 256));
    const arrow = arrowOf(normalised);
    if (arrow !== undefined) {
      const next = readTimingLine(normalised, arrow, lineNumber, fail);
      finishCue(true);
      timing = next;
      continue;
    }
    const trimmed = normalised.trim();
    if (ARROW_TYPO.test(trimmed)) {
      fail(lineNumber, `bad time line "${excerpt(line.trim())}" (expected "-->" between the times)`);
    }
    buffer.push(line);
  }
  finishCue(false);
  return cues;
}

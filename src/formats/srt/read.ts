import type { Cue } from '../cue';
import {
  checkArrowTypo,
  cueText,
  isBlank,
  isTimingLine,
  readTimingLine,
  type Fail,
  type Timing,
} from '../subtitleText';

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
export function readSrt(lines: ReadonlyArray<string>, keepTags: boolean, fail: Fail): Cue[] {
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

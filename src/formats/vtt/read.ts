import { decodeHTML } from 'entities';
import type { Cue } from '../cue';
import type { ReadContext, Timing } from '../subtitleText';

/**
 * The WebVTT file signature (WebVTT §6.1, "WebVTT parser algorithm", steps 5–7).
 *
 * `WEBVTT` at the very start (a byte order mark is removed before), then a
 * space, a tab, a line end or the end of the file. Blank lines, spaces or a
 * tab before it, or `WEBVTTX`, are not WebVTT.
 */
const SIGNATURE = /^WEBVTT(?:[ \t\n\r]|$)/u;

/** Whether the text is WebVTT by its signature; a byte order mark is allowed before it. */
export function isWebVtt(text: string): boolean {
  return SIGNATURE.test(text.replace(/^\uFEFF/u, '').slice(0, 7));
}

const ASCII_DIGITS = /^\d+/u;

/** Two times with something other than `-->` between them ("00:01.000 - 00:02.000"). */
const ARROW_TYPO = /^(?:\d{1,4}:)?\d{2}:\d{2}[.,]\d{3}\s*(?:[-–—=]{1,3}>?|>)?\s*(?:\d{1,4}:)?\d{2}:\d{2}[.,]\d{3}/u;

/**
 * "Collect a WebVTT timestamp" (WebVTT §6.3), from `position` in `line`.
 *
 * Minutes and seconds of exactly two digits, hours of any number of digits
 * (present when the first number has other than two digits or is over 59, or
 * three numbers are given), a `.` and exactly three fraction digits. Returns
 * the time in ms and where reading stopped, or why it failed.
 */
function collectTimestamp(
  line: string,
  position: number,
): { readonly ms: number; readonly end: number } | { readonly problem: string } {
  let at = position;
  const digits = (): string => {
    const found = ASCII_DIGITS.exec(line.slice(at, at + 32))?.[0] ?? '';
    at += found.length;
    return found;
  };
  const first = digits();
  if (first === '') return { problem: 'a time must start with a digit' };
  let hoursGiven = first.length !== 2 || Number(first) > 59;
  if (line[at] !== ':') return { problem: 'expected ":" after the first number of a time' };
  at++;
  const second = digits();
  if (second.length !== 2) return { problem: 'minutes and seconds take exactly two digits' };
  let hours = 0;
  let minutes = Number(first);
  let seconds = Number(second);
  if (hoursGiven || line[at] === ':') {
    if (line[at] !== ':') return { problem: 'a time with hours needs minutes and seconds' };
    at++;
    const third = digits();
    if (third.length !== 2) return { problem: 'minutes and seconds take exactly two digits' };
    hoursGiven = true;
    hours = Number(first);
    minutes = Number(second);
    seconds = Number(third);
  }
  if (line[at] !== '.') return { problem: 'expected "." and three digits of milliseconds (a "," is SRT, not WebVTT)' };
  at++;
  const fraction = digits();
  if (fraction.length !== 3) return { problem: 'milliseconds take exactly three digits' };
  if (minutes > 59 || seconds > 59) return { problem: 'minutes and seconds go up to 59' };
  return { ms: hours * 3_600_000 + minutes * 60_000 + seconds * 1000 + Number(fraction), end: at };
}

function skipWhitespace(line: string, position: number): number {
  let at = position;
  while (at < line.length && /[ \t\f]/u.test(line[at] ?? '')) at++;
  return at;
}

/**
 * "Collect WebVTT cue timings and settings" (WebVTT §6.3), without the settings.
 *
 * `start`, white space, exactly `-->`, white space, `end`; whatever follows
 * the end time are cue settings, which Subrelay does not keep (so
 * `00:02.000align:start`, without a space, is a valid line, as the
 * algorithm reads it). A cue that ends before it starts is refused too: no
 * player can show it.
 */
function collectTimings(line: string): Timing | { readonly problem: string } {
  let at = skipWhitespace(line, 0);
  const start = collectTimestamp(line, at);
  if ('problem' in start) return { problem: `bad start time: ${start.problem}` };
  at = skipWhitespace(line, start.end);
  if (line.slice(at, at + 3) !== '-->') return { problem: 'expected "-->" after the start time' };
  at = skipWhitespace(line, at + 3);
  const end = collectTimestamp(line, at);
  if ('problem' in end) return { problem: `bad end time: ${end.problem}` };
  if (end.ms < start.ms) return { problem: 'the cue ends before it starts' };
  return { start: start.ms, end: end.ms };
}

/**
 * Cue text as plain text, by the WebVTT cue text tokenizer (WebVTT §6.4).
 *
 * Every `<` starts a tag that runs to the next `>` or the end of the cue
 * text, whatever its name (`<c.loud>`, `<v Roger>`, `<00:01.000>`, `<foo>`):
 * tags are dropped and the text inside elements is kept. Character
 * references are HTML's, decoded as in HTML text (the full named list, names
 * without `;` such as `&amp` and `&copy`, case-sensitive names, numeric ones
 * with HTML's replacements). ASS override codes are removed too. Lines are
 * trimmed and blank ones dropped.
 */
export function vttCueText(text: string): string {
  let plain = '';
  let at = 0;
  while (at < text.length) {
    const tag = text.indexOf('<', at);
    const stop = tag === -1 ? text.length : tag;
    plain += decodeHTML(text.slice(at, stop));
    if (tag === -1) break;
    const close = text.indexOf('>', tag + 1);
    at = close === -1 ? text.length : close + 1;
  }
  return plain
    .replace(ASS_OVERRIDE, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * ASS override codes (`{\an8}`) that converters leave in cue text.
 *
 * Not WebVTT markup, but never meant as words on screen; removed as the SRT
 * reader removes them.
 */
const ASS_OVERRIDE = /\{\\[^{}]*\}/gu;

function keptText(lines: ReadonlyArray<string>): string {
  return lines
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Reads WebVTT cues by the WebVTT parser algorithm (WebVTT §6.1) and "collect a WebVTT block".
 *
 * The file must start with the signature. The header runs to the first blank
 * line (or to a line with `-->`, which starts a cue). Blocks are separated by
 * blank lines; a block is a cue when its first line, or its second after an
 * identifier, contains `-->`; any other block (`NOTE` comments, `STYLE`,
 * `REGION`, stray text) holds no cue. A line with `-->` later in a block ends
 * the block and starts the next one. A cue whose timings cannot be read is
 * dropped, the rest of the file is read, and the caller is told.
 */
export function readVtt(lines: ReadonlyArray<string>, context: ReadContext): Cue[] {
  const { fail, drop, keepTags } = context;
  if (!SIGNATURE.test(`${lines[0] ?? ''}\n`.slice(0, 7))) {
    fail(1, 'not a WebVTT file: it must start with "WEBVTT" (only a byte order mark may come before it)');
  }
  const cues: Cue[] = [];
  let at = 1;
  // The header block: lines up to a blank line, or up to a line with "-->", which the next block reads.
  while (at < lines.length && lines[at] !== '' && !(lines[at] ?? '').includes('-->')) at++;
  while (at < lines.length) {
    if (lines[at] === '') {
      at++;
      continue;
    }
    let lineCount = 0;
    let seenArrow = false;
    let timing: Timing | undefined;
    let text: string[] = [];
    while (at < lines.length) {
      const line = lines[at] ?? '';
      if (line.includes('-->')) {
        if (lineCount === 0 || (lineCount === 1 && !seenArrow)) {
          seenArrow = true;
          const read = collectTimings(line);
          if ('problem' in read) {
            timing = undefined;
            drop(at + 1, read.problem);
          } else {
            timing = read;
          }
          // What came before the time line was the cue's identifier.
          text = [];
          lineCount++;
          at++;
          continue;
        }
        break;
      }
      at++;
      if (line === '') break;
      // A time line without its arrow, in place of a cue's time line: the cue is lost, so say so.
      if (!seenArrow && lineCount < 2 && ARROW_TYPO.test(line.trim())) {
        drop(at, 'expected "-->" between the times');
      }
      lineCount++;
      text.push(line);
    }
    if (timing !== undefined) {
      cues.push({ ...timing, text: keepTags ? keptText(text) : vttCueText(text.join('\n')) });
    }
  }
  return cues;
}

import { parse } from 'ass-compiler';
import { assertNever, type Language } from '../../languages';
import { cueLines, newlineOf, type Cue, type LineEnding } from '../cue';
import type { ReadContext } from '../subtitleText';

export interface AssOptions {
  /** The cues' language: it names the style. */
  readonly language: Language;
  readonly lineEnding?: LineEnding | undefined;
  readonly bom?: boolean | undefined;
}

/**
 * The font of every language's style.
 *
 * Noto Sans CJK has Hangul, Latin and Cyrillic in one face, so Korean,
 * Ukrainian, Russian and English subtitles look alike; libass falls back to a
 * system font where it is missing.
 */
const FONT = 'Noto Sans CJK KR';

const STYLE_FORMAT =
  'Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding';

/** Bottom centre (`Alignment` 2), white with a black outline, margins inside the 5 % title-safe area of 1920×1080. */
function styleLine(language: Language): string {
  return `Style: ${language},${FONT},64,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,3,1,2,96,96,54,1`;
}

/** `H:MM:SS.cc`: ASS times are in centiseconds, so milliseconds are rounded to the nearest ten. */
function assTime(ms: number): string {
  const centiseconds = Math.round(ms / 10);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${Math.floor(centiseconds / 360_000)}:${pad(Math.floor(centiseconds / 6000) % 60)}:${pad(Math.floor(centiseconds / 100) % 60)}.${pad(centiseconds % 100)}`;
}

/**
 * One line of dialogue text.
 *
 * ASS has no escape for `{`, `}` and `\`: they would start override codes or
 * `\N`, so they are written as their full-width forms; `<i>…</i>` a
 * translator typed becomes `{\i1}…{\i0}`.
 */
function dialogueText(line: string): string {
  return line
    .replace(/[{}\\]/gu, (c) => (c === '{' ? '\uFF5B' : c === '}' ? '\uFF5D' : '\uFF3C'))
    .replace(/<i>/gu, '{\\i1}')
    .replace(/<\/i>/gu, '{\\i0}');
}

/** Language names written in the script's title, in English as ASS tools show it. */
function languageName(language: Language): string {
  switch (language) {
    case 'en':
      return 'English';
    case 'ko':
      return 'Korean';
    case 'uk':
      return 'Ukrainian';
    case 'ru':
      return 'Russian';
    default:
      return assertNever(language, 'Unknown language');
  }
}

/**
 * Writes cues as an Advanced SubStation Alpha (v4.00+) script for Aegisub and libass.
 *
 * A 1920×1080 script with one style named after the language, every cue a
 * `Dialogue` line in that style, lines joined with `\N`.
 */
export function toAss(cues: ReadonlyArray<Cue>, options: AssOptions): string {
  const newline = newlineOf(options.lineEnding, 'crlf');
  const lines = [
    '[Script Info]',
    '; Written by Subrelay',
    `Title: ${languageName(options.language)} subtitles`,
    'ScriptType: v4.00+',
    'WrapStyle: 0',
    'ScaledBorderAndShadow: yes',
    'YCbCr Matrix: None',
    'PlayResX: 1920',
    'PlayResY: 1080',
    '',
    '[V4+ Styles]',
    `Format: ${STYLE_FORMAT}`,
    styleLine(options.language),
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    ...cues.map(
      (cue) =>
        `Dialogue: 0,${assTime(cue.start)},${assTime(cue.end)},${options.language},,0,0,0,,${cueLines(cue.text).map(dialogueText).join('\\N')}`,
    ),
  ];
  return (options.bom === true ? '\uFEFF' : '') + lines.join(newline) + newline;
}

/** Whether the text is an SSA/ASS script: it starts with `[Script Info]`. */
export function isAss(text: string): boolean {
  return /^\[script info\]/iu.test(
    text
      .replace(/^\uFEFF/u, '')
      .trimStart()
      .slice(0, 16),
  );
}

/** Dialogue text as plain text: override blocks removed, `\N`/`\n` as line breaks, `\h` as a space. */
function plainText(raw: string): string {
  return raw
    .replace(/\{[^{}]*\}/gu, '')
    .replace(/\\[Nn]/gu, '\n')
    .replace(/\\h/gu, '\u00A0')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Reads the `Dialogue` lines of an SSA or ASS script (with `ass-compiler`), in file order.
 *
 * Override blocks (`{\i1}`, `{\pos(…)}`) are removed and drawings left out,
 * `\N` becomes a line break. With `keepTags` the text is kept as written.
 * Comments and styles are not cues.
 */
export function readAss(text: string, context: ReadContext): Cue[] {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(text.replace(/^\uFEFF/u, ''));
  } catch (error) {
    return context.fail(1, `not a readable SSA/ASS script (${error instanceof Error ? error.message : String(error)})`);
  }
  const cues: Cue[] = [];
  for (const dialogue of parsed.events.dialogue) {
    const start = Math.round(dialogue.Start * 1000);
    const end = Math.round(dialogue.End * 1000);
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) {
      context.drop(1, `a Dialogue line with bad times (${String(dialogue.Start)} to ${String(dialogue.End)})`);
      continue;
    }
    const drawingOnly = dialogue.Text.parsed.every((part) => part.drawing.length > 0 || part.text === '');
    if (drawingOnly && !context.keepTags) continue;
    cues.push({ start, end, text: context.keepTags ? dialogue.Text.raw.trim() : plainText(dialogue.Text.raw) });
  }
  return cues;
}
